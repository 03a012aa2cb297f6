"""GraphQL over HTTP with requests, retrying only what is safe to repeat (as packages/client/src/http.ts)."""

from __future__ import annotations

import random
import threading
import time
from typing import Any, Callable, TypeVar

import requests

from . import __version__
from ._api import operation
from .errors import DistilleryError, NetworkError, RequestTimeout, TransportError, error_from_graphql

#: Mutations that may be sent twice with the same effect (logMetrics is idempotent on run + key + step).
IDEMPOTENT_MUTATIONS = frozenset({"LogMetrics"})

#: How long before the server's advertised keep-alive timeout an idle pooled connection is given up rather
#: than reused. urllib3 ignores the ``Keep-Alive`` hint, so a request sent just as the server closes the idle
#: socket is lost unanswered (RemoteDisconnected) and a mutation cannot be retried; undici (Node's fetch)
#: avoids this race the same way, subtracting a margin from the hint. 2 s covers a client thread descheduled
#: between the check and the send on a loaded machine.
KEEP_ALIVE_MARGIN_S = 2.0

T = TypeVar("T")


def backoff_seconds(n: int, base: float = 0.2, cap: float = 5.0) -> float:
    """Back-off before retry ``n`` (1-based): base · 2^(n−1), capped, ±50 % jitter against thundering herds."""
    return min(cap, base * 2 ** max(0, n - 1)) * (0.5 + random.random())


def with_retry(fn: Callable[[], T], attempts: int = 4, base: float = 0.2, cap: float = 5.0) -> T:
    """Call ``fn``, retrying transient DistilleryErrors up to ``attempts`` times in total."""
    for n in range(1, max(1, attempts) + 1):
        try:
            return fn()
        except DistilleryError as e:
            if n >= attempts or not e.transient:
                raise
            time.sleep(backoff_seconds(n, base, cap))
    raise AssertionError("unreachable")  # pragma: no cover


def keep_alive_seconds(header: str | None) -> float | None:
    """The ``timeout=N`` of a ``Keep-Alive`` response header in seconds, or None when there is none."""
    for part in (header or "").split(","):
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "timeout":
            try:
                return max(0.0, float(value.strip()))
            except ValueError:
                return None
    return None


class Transport:
    """POSTs named operations to one API with a bearer token; thread-safe (one session per thread)."""

    def __init__(self, url: str, token: str | None, timeout: float = 30.0, attempts: int = 4) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout
        self.attempts = attempts
        self._local = threading.local()

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        reuse_until = getattr(self._local, "reuse_until", None)
        if s is not None and reuse_until is not None and time.monotonic() >= reuse_until:
            s.close()  # its idle connection may be closing on the server's side: start a fresh one
            s = None
        if s is None:
            s = requests.Session()
            s.headers["content-type"] = "application/json"
            s.headers["accept"] = "application/graphql-response+json, application/json"
            s.headers["user-agent"] = f"distillery-python/{__version__}"
            if self.token:
                s.headers["authorization"] = f"Bearer {self.token}"
            self._local.session = s
        return s

    def execute(self, name: str, variables: dict[str, Any] | None = None, *, retry: bool | None = None) -> Any:
        """Run the operation ``name`` and return its ``data``; queries and idempotent mutations are retried."""
        op = operation(name)
        safe = op["type"] == "query" or name in IDEMPOTENT_MUTATIONS
        once = lambda: self._post(op["document"], name, variables or {})  # noqa: E731
        return with_retry(once, self.attempts) if (safe if retry is None else retry) else once()

    def _post(self, query: str, name: str, variables: dict[str, Any]) -> Any:
        body = {"query": query, "operationName": name, "variables": variables}
        try:
            res = self._session().post(self.url, json=body, timeout=self.timeout)
        except requests.Timeout as e:
            raise RequestTimeout(f"no answer from {self.url} within {self.timeout} s") from e
        except requests.RequestException as e:
            raise NetworkError(f"cannot reach {self.url}: {e}") from e
        idle = keep_alive_seconds(res.headers.get("keep-alive"))
        self._local.reuse_until = None if idle is None else time.monotonic() + max(0.0, idle - KEEP_ALIVE_MARGIN_S)
        try:
            payload = res.json()
        except ValueError as e:
            code = f"HTTP_{res.status_code}" if res.status_code >= 500 else "BAD_RESPONSE"
            raise TransportError(
                f"{self.url} answered HTTP {res.status_code} without a GraphQL body", code=code, status=res.status_code
            ) from e
        if isinstance(payload, dict) and payload.get("errors"):
            raise error_from_graphql(payload["errors"], res.status_code)
        if not res.ok or not isinstance(payload, dict) or payload.get("data") is None:
            raise TransportError(
                f"{self.url} answered HTTP {res.status_code} without data",
                code=f"HTTP_{res.status_code}",
                status=res.status_code,
            )
        return payload["data"]
