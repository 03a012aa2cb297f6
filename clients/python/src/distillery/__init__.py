"""Distillery's Python client: log training runs, query results as DataFrames, launch and follow experiments.

    import distillery
    run = distillery.init(project="demo", name="my run", params={"lr": 0.01})
    for step in range(100):
        run.log({"loss": 1 / (step + 1)}, step=step)
    run.finish()

    client = distillery.Client()          # DISTILLERY_API_URL / DISTILLERY_TOKEN, else `distillery login`
    client.results_table(group_by=["MODE", "ALPHA"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from .client import Client  # noqa: E402
from .config import DEFAULT_API_URL, config_path, resolve_connection  # noqa: E402
from .errors import (  # noqa: E402
    API_ERRORS,
    ApiError,
    BadUserInput,
    Conflict,
    DistilleryError,
    Forbidden,
    InternalError,
    NetworkError,
    NotFound,
    QueryTooComplex,
    RateLimited,
    RequestTimeout,
    TransportError,
    Unauthenticated,
)
from .follow import TERMINAL_STATUSES  # noqa: E402
from .plan import PlanError, parse_plan  # noqa: E402
from .results import format_cell  # noqa: E402
from .run import Run, init  # noqa: E402

__all__ = [
    "API_ERRORS",
    "ApiError",
    "BadUserInput",
    "Client",
    "Conflict",
    "DEFAULT_API_URL",
    "DistilleryError",
    "Forbidden",
    "InternalError",
    "NetworkError",
    "NotFound",
    "PlanError",
    "QueryTooComplex",
    "RateLimited",
    "RequestTimeout",
    "Run",
    "TERMINAL_STATUSES",
    "TransportError",
    "Unauthenticated",
    "__version__",
    "config_path",
    "format_cell",
    "init",
    "parse_plan",
    "resolve_connection",
]
