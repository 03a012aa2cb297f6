"""The typed surface: the package's operations, enums and error codes come from the schema and packages/errors."""

from __future__ import annotations

import json
import re

from conftest import HERE, PACKAGE, REPO, node_tool

import distillery
from distillery._api import ENUMS, ERROR_CODES, OPERATIONS


def test_every_operation_document_validates_against_the_printed_sdl() -> None:
    r = node_tool("node", str(HERE / "validate-operations.mjs"))
    report = json.loads(r.stdout)
    assert report["errors"] == [], "\n".join(report["errors"])
    assert report["checked"] == len(OPERATIONS) > 20


def test_every_operation_the_package_sends_exists() -> None:
    # execute("Name" …) / subscribe("Name" …) / transport.execute("Name" …) in the package's source.
    used = set()
    for path in (PACKAGE / "src" / "distillery").glob("*.py"):
        used |= set(re.findall(r'(?:execute|subscribe)\(\s*"([A-Z]\w+)"', path.read_text(encoding="utf-8")))
    assert {"CreateRun", "FinishRun", "LogMetrics", "Runs", "MetricSeries", "ResultsTable"} <= used
    assert sorted(used - set(OPERATIONS)) == []


def test_error_classes_cover_exactly_the_codes_of_packages_errors() -> None:
    source = (REPO / "packages" / "errors" / "src" / "index.ts").read_text(encoding="utf-8")
    enum = re.search(r"export enum AppErrorCode \{(.*?)\n\}", source, re.S)
    assert enum, "AppErrorCode not found in packages/errors/src/index.ts"
    codes = re.findall(r"^\s*([A-Z_]+) = '\1',", enum.group(1), re.M)
    # TRANSPORT_CODES are raised by clients, never sent by the API: here they are TransportError classes.
    transport = re.search(r"TRANSPORT_CODES[^=]*= new Set\(\[(.*?)\]\)", source, re.S)
    assert transport, "TRANSPORT_CODES not found in packages/errors/src/index.ts"
    client_side = set(re.findall(r"AppErrorCode\.([A-Z_]+)", transport.group(1)))
    codes = [c for c in codes if c not in client_side]
    assert codes == ERROR_CODES
    assert sorted(distillery.API_ERRORS) == sorted(codes)
    for code, cls in distillery.API_ERRORS.items():
        assert issubclass(cls, distillery.ApiError) and cls.code == code


def test_enums_are_the_schema_enums() -> None:
    sdl = (REPO / "packages" / "graphql-schema" / "schema.graphql").read_text(encoding="utf-8")
    body = re.search(r"^enum RunStatus \{(.*?)\}", sdl, re.S | re.M)
    assert body
    assert sorted(re.findall(r"^\s+([A-Z_0-9]+)\s*$", body.group(1), re.M)) == ENUMS["RunStatus"]
    assert set(distillery.TERMINAL_STATUSES) < set(ENUMS["RunStatus"])
