"""A background metric logger in the manner of W&B's (packages/client/src/metric-logger.ts in Python).

``log`` only appends to a bounded buffer; a daemon thread sends it every ``flush_interval`` (≤ 1 s)
in batches of at most ``batch_size`` points. A batch leaves the buffer only once the API
acknowledged it, so a transient failure (socket cut, API restarting, 5xx, rate limit) is retried
with back-off until it goes through: logMetrics is idempotent on (run, key, step), so a batch sent
twice is written once. When the buffer is full, ``log`` blocks until a batch is acknowledged.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from datetime import datetime, timezone
from typing import Any, Callable, Mapping

from .errors import BadUserInput, DistilleryError, LoggerClosed, RequestTimeout
from .transport import backoff_seconds

#: Largest step the API stores (PostgreSQL int4).
MAX_STEP = 2_147_483_647
_KEY = re.compile(r"^[^\x00-\x1f]{1,200}$")

SendBatch = Callable[[list], None]


def _retryable(e: BaseException) -> bool:
    """Transport failures plus INTERNAL and 5xx: safe to resend because the write is idempotent."""
    return isinstance(e, DistilleryError) and (e.transient or e.code == "INTERNAL" or e.code.startswith("HTTP_5"))


def iso_now() -> str:
    """The current UTC time as the API's DateTime (ISO 8601 with milliseconds and Z)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_point(key: Any, value: Any, step: Any) -> float:
    """Validate one point as the API would; returns the value as a float or raises BadUserInput."""
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= MAX_STEP:
        raise BadUserInput(f"step: must be an integer from 0 to {MAX_STEP} (got {step!r})", field="step")
    if not isinstance(key, str) or not _KEY.match(key):
        raise BadUserInput(
            f"key: must be 1–200 characters without control characters (got {key!r})", field="key"
        )
    try:
        v = float(value)  # numbers, numpy scalars and one-element tensors
    except (TypeError, ValueError):
        raise BadUserInput(f"{key}: value must be a number (got {value!r})", field="value") from None
    if not math.isfinite(v):
        raise BadUserInput(f"{key}: value must be finite (got {v})", field="value")
    return v


class MetricLogger:
    """Buffers points and sends them from a background thread; see the module comment."""

    def __init__(
        self,
        send: SendBatch,
        *,
        flush_interval: float = 0.5,
        batch_size: int = 2000,
        max_buffered: int = 100_000,
        on_retry: Callable[[DistilleryError, int], None] | None = None,
    ) -> None:
        self._send = send
        self.flush_interval = min(1.0, max(0.01, flush_interval))
        self.batch_size = min(10_000, max(1, batch_size))
        self.max_buffered = max(self.batch_size, max_buffered)
        self._on_retry = on_retry
        self._queue: deque[dict[str, Any]] = deque()
        self._cond = threading.Condition()
        self._logged = 0
        self._acknowledged = 0
        self._retries = 0
        self._fatal: BaseException | None = None
        self._closed = False
        self._urgent = False
        self._flush_target = 0
        self._thread: threading.Thread | None = None

    def log(self, metrics: Mapping[str, Any], step: int, wall_time: str | None = None) -> None:
        """Queue ``{key: value}`` at ``step``; returns at once unless the buffer is full (then blocks)."""
        points = [(k, check_point(k, v, step)) for k, v in metrics.items()]
        at = wall_time or iso_now()
        with self._cond:
            self._raise_if_unusable()
            while len(self._queue) >= self.max_buffered and self._fatal is None:
                self._urgent = True
                self._cond.notify_all()
                self._cond.wait()
            self._raise_if_unusable()
            for k, v in points:
                self._queue.append({"key": k, "step": step, "value": v, "wallTime": at})
            self._logged += len(points)
            if len(self._queue) >= self.batch_size:
                self._cond.notify_all()
            self._ensure_thread()

    def flush(self, timeout: float | None = None) -> None:
        """Block until every point logged so far is acknowledged; raises the API's refusal if there was one."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            target = self._logged
            self._flush_target = max(self._flush_target, target)
            self._cond.notify_all()
            while self._acknowledged < target and self._fatal is None:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise RequestTimeout(
                        f"metric logger: {self._logged - self._acknowledged} points not acknowledged after {timeout} s"
                    )
                self._cond.wait(left)
            if self._fatal is not None:
                raise self._fatal

    def close(self, timeout: float | None = 30.0) -> None:
        """Flush, then stop the thread; later ``log`` calls raise LoggerClosed."""
        try:
            if not self._closed:
                self.flush(timeout)
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    def stats(self) -> dict[str, int]:
        """Counters: logged, acknowledged, buffered, retries."""
        with self._cond:
            return {
                "logged": self._logged,
                "acknowledged": self._acknowledged,
                "buffered": len(self._queue),
                "retries": self._retries,
            }

    def _raise_if_unusable(self) -> None:
        if self._fatal is not None:
            raise self._fatal
        if self._closed:
            raise LoggerClosed("the metric logger is closed (the run was finished)")

    def _ensure_thread(self) -> None:
        if self._thread is None:
            # A daemon thread: it never keeps the interpreter alive; the run's atexit hook flushes first.
            self._thread = threading.Thread(target=self._pump, name="distillery-metrics", daemon=True)
            self._thread.start()

    def _next_batch(self) -> list[dict[str, Any]] | None:
        """Wait for a full batch, a flush, or the interval; None when closed and empty."""
        with self._cond:
            while not self._queue:
                if self._closed:
                    return None
                self._cond.wait()
            deadline = time.monotonic() + self.flush_interval
            # A flush or a full buffer sends at once until what it waits for is acknowledged.
            while (
                len(self._queue) < self.batch_size
                and not self._urgent
                and self._acknowledged >= self._flush_target
                and not self._closed
            ):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            self._urgent = False
            return [self._queue[i] for i in range(min(self.batch_size, len(self._queue)))]

    def _pump(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            failures = 0
            while True:
                try:
                    self._send(batch)
                    break
                except BaseException as e:  # noqa: BLE001 - anything else ends the logger with that error
                    if not _retryable(e):
                        with self._cond:
                            self._fatal = e
                            self._cond.notify_all()
                        return
                    failures += 1
                    with self._cond:
                        self._retries += 1
                    if self._on_retry:
                        self._on_retry(e, failures)  # type: ignore[arg-type]
                    time.sleep(backoff_seconds(failures, 0.1, 2.0))
            with self._cond:
                for _ in batch:
                    self._queue.popleft()
                self._acknowledged += len(batch)
                self._cond.notify_all()
