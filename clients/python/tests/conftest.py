"""Shared fixtures. Tests that need the API read it from the environment test/python/python-client.test.ts
sets (npm test starts a real API on PostgreSQL, a runner and a control endpoint for restarts)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
REPO = PACKAGE.parent.parent
sys.path.insert(0, str(PACKAGE / "src"))

import distillery  # noqa: E402


def _need(var: str) -> str:
    value = os.environ.get(var)
    if not value:
        pytest.skip(f"{var} is not set: these tests run against the API that `npm test` starts (test/python)")
    return value


@pytest.fixture(scope="session")
def client() -> distillery.Client:
    """A client of the test API with the test user's token and project."""
    _need("DISTILLERY_API_URL")
    _need("DISTILLERY_TOKEN")
    return distillery.Client(project=_need("DISTILLERY_PROJECT"))


class Control:
    """The test driver's control endpoint: stop and start the API, on loopback."""

    def __init__(self, url: str) -> None:
        self.url = url

    def post(self, action: str) -> dict:
        req = urllib.request.Request(f"{self.url}/{action}", method="POST", data=b"")
        with urllib.request.urlopen(req, timeout=60) as res:
            return json.loads(res.read() or b"{}")


@pytest.fixture(scope="session")
def control() -> Control:
    return Control(_need("DISTILLERY_TEST_CONTROL_URL"))


@pytest.fixture(scope="session")
def split_id() -> str:
    """A split of MNIST (1,500 train samples) registered by the driver, for launching teachers."""
    return _need("DISTILLERY_TEST_SPLIT")


@pytest.fixture(scope="session")
def out_dir() -> Path:
    """Where tests leave results for the driver to compare with the TypeScript client."""
    return Path(_need("DISTILLERY_TEST_OUT"))


def node_tool(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run a Node/tsx helper of the repository (the schema validator, the CLI's plan parser)."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    return subprocess.run(list(args), cwd=REPO, input=stdin, capture_output=True, text=True, timeout=120)
