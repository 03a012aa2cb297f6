"""Where scripts find the API and the token, as the CLI and the TypeScript client do.

Explicit arguments first, then ``DISTILLERY_API_URL`` / ``DISTILLERY_TOKEN`` / ``DISTILLERY_PROJECT``,
then the file ``distillery login`` writes: ``$XDG_CONFIG_HOME/distillery/config.json``, else
``~/.config/distillery/config.json`` (packages/client/src/config.ts).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

#: The endpoint of ``npm start``.
DEFAULT_API_URL = "http://localhost:4000/graphql"


@dataclass(frozen=True)
class Connection:
    """A resolved API URL, token and default project."""

    url: str
    token: str | None
    project: str | None


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The CLI's config file: $XDG_CONFIG_HOME/distillery/config.json, else ~/.config/distillery/config.json."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or os.path.join(env.get("HOME") or str(Path.home()), ".config")
    return Path(base) / "distillery" / "config.json"


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The stored login ({} when absent); a malformed file is a ConfigError naming it."""
    path = config_path() if path is None else path
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: not valid JSON ({e}); fix or delete it") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object; fix or delete it")
    return data


def resolve_connection(
    url: str | None = None,
    token: str | None = None,
    project: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Connection:
    """URL, token and project from the arguments, then the environment, then the stored login."""
    env = os.environ if env is None else env
    stored = read_config(config_path(env))
    return Connection(
        url=url or env.get("DISTILLERY_API_URL") or stored.get("url") or DEFAULT_API_URL,
        token=token or env.get("DISTILLERY_TOKEN") or stored.get("token"),
        project=project or env.get("DISTILLERY_PROJECT") or stored.get("project"),
    )
