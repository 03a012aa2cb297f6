"""Errors a script sees: the API's message and ``extensions.code``, or a transport failure.

One class per ``AppErrorCode`` of ``packages/errors`` (the API's codes), under :class:`ApiError`;
transport failures (no answer, timeout, 5xx without a GraphQL body) under :class:`TransportError`.
``tests/test_errors.py`` fails when the generated code list and these classes disagree.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ._api import ERROR_CODES


class DistilleryError(Exception):
    """Base of every error this package raises; ``code`` is the API's ``extensions.code``."""

    code: str = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        status: int | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field
        self.status = status
        self.errors = list(errors)

    @property
    def transient(self) -> bool:
        """True when sending the same request again may succeed (network, timeout, 502–504, rate limit)."""
        return self.code in TRANSIENT_CODES

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ApiError(DistilleryError):
    """The API answered with a GraphQL error."""


class BadUserInput(ApiError, ValueError):
    """Input failed validation; ``field`` names what was wrong."""

    code = "BAD_USER_INPUT"


class Unauthenticated(ApiError):
    """No valid credentials were presented (log in, or set DISTILLERY_TOKEN)."""

    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    """The caller is known but its role does not allow the operation."""

    code = "FORBIDDEN"


class NotFound(ApiError, LookupError):
    """The referenced object does not exist (or is not visible to the caller)."""

    code = "NOT_FOUND"


class Conflict(ApiError):
    """The operation conflicts with the current state (run already finished, duplicate name)."""

    code = "CONFLICT"


class RateLimited(ApiError):
    """Too many requests for now (login throttling); retrying later may succeed."""

    code = "RATE_LIMITED"


class QueryTooComplex(ApiError):
    """The operation breaks a query limit (cost, depth, aliases, tokens, body size); it fails again unchanged."""

    code = "QUERY_TOO_COMPLEX"


class ConfigError(ApiError):
    """Configuration problem to fix (a malformed config file, a bad DATABASE_URL on the server)."""

    code = "CONFIG"


class TrainingDiverged(ApiError):
    """Training diverged (NaN/Infinity loss) and was stopped."""

    code = "TRAINING_DIVERGED"


class DataCorrupt(ApiError):
    """A data file is corrupt or does not match its declared format or hash."""

    code = "DATA_CORRUPT"


class InternalError(ApiError):
    """Anything unexpected on the server; details are in its log, not here."""

    code = "INTERNAL"


class TransportError(DistilleryError):
    """The request got no GraphQL answer: ``NETWORK``, ``TIMEOUT``, ``HTTP_<status>``, ``BAD_RESPONSE``."""

    code = "NETWORK"


class NetworkError(TransportError, ConnectionError):
    """The API could not be reached (refused, reset, DNS)."""

    code = "NETWORK"


class RequestTimeout(TransportError, TimeoutError):
    """No answer within the timeout."""

    code = "TIMEOUT"


class LoggerClosed(DistilleryError):
    """``log`` after the run was finished or the logger closed."""

    code = "CLOSED"


#: The API's codes (``AppErrorCode``) to their classes.
API_ERRORS: dict[str, type[ApiError]] = {
    cls.code: cls
    for cls in (
        BadUserInput,
        Unauthenticated,
        Forbidden,
        NotFound,
        Conflict,
        RateLimited,
        QueryTooComplex,
        ConfigError,
        TrainingDiverged,
        DataCorrupt,
        InternalError,
    )
}

#: Codes worth retrying: the same request may succeed later.
TRANSIENT_CODES = frozenset(
    {"NETWORK", "TIMEOUT", "UNAVAILABLE", "RATE_LIMITED", "HTTP_502", "HTTP_503", "HTTP_504"}
)

# Fail at import, not at the first error, if a code was added to packages/errors without a class here.
_missing = set(ERROR_CODES) - set(API_ERRORS)
if _missing:  # pragma: no cover - guarded by tests/test_errors.py
    raise ImportError(f"distillery.errors has no class for API error codes {sorted(_missing)}")


def error_for(
    code: str,
    message: str,
    *,
    field: str | None = None,
    status: int | None = None,
    errors: Sequence[Mapping[str, Any]] = (),
) -> DistilleryError:
    """The exception for ``code``: its API class, a transport class, or a plain DistilleryError."""
    cls: type[DistilleryError]
    if code in API_ERRORS:
        cls = API_ERRORS[code]
    elif code == "TIMEOUT":
        cls = RequestTimeout
    elif code == "NETWORK" or code.startswith("HTTP_") or code == "BAD_RESPONSE":
        cls = NetworkError if code == "NETWORK" else TransportError
    else:
        cls = DistilleryError
    return cls(message, code=code, field=field, status=status, errors=errors)


def error_from_graphql(errors: Sequence[Mapping[str, Any]], status: int | None = None) -> DistilleryError:
    """The error for a GraphQL ``errors`` array: the first error's message and code lead."""
    first = errors[0] if errors else {}
    ext = first.get("extensions") or {}
    code = ext.get("code") or (f"HTTP_{status}" if status and status >= 500 else "INTERNAL")
    more = len(errors) - 1
    suffix = f" (and {more} more error{'s' if more > 1 else ''})" if more > 0 else ""
    return error_for(
        str(code),
        f"{first.get('message', 'unknown error')}{suffix}",
        field=ext.get("field"),
        status=status,
        errors=errors,
    )
