"""The generated API description (``generated/api.json``, from ``npm run codegen:python``).

It holds the TypeScript client's operation documents with their fragments, the schema's enums and
the API's error codes; ``npm test`` regenerates it and fails when the checked-in copy is stale.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

_API: dict[str, Any] = json.loads(
    resources.files("distillery").joinpath("generated/api.json").read_text(encoding="utf-8")
)

#: ``AppErrorCode`` values of packages/errors.
ERROR_CODES: list[str] = list(_API["errorCodes"])
#: Enum name → its values, from the printed SDL.
ENUMS: dict[str, list[str]] = {k: list(v) for k, v in _API["enums"].items()}
#: Operation name → {"type", "variables", "document"}.
OPERATIONS: dict[str, dict[str, Any]] = dict(_API["operations"])


def operation(name: str) -> dict[str, Any]:
    """One operation by name; KeyError names the known ones when it does not exist."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError(f"no operation {name!r}; known: {', '.join(sorted(OPERATIONS))}") from None
