"""Logging from training code, as with ``wandb.init``: a run the API tracks without a job or a runner.

``init`` creates the run (createRun); ``Run.log`` queues points for the background logger; ``finish``
flushes and ends the run (finishRun). A run left open is finished at interpreter exit: FAILED when an
uncaught exception ended the script, SUCCEEDED otherwise.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import weakref
from datetime import datetime
from typing import Any, Mapping, Sequence

from .client import Client, _enum_values
from .errors import Conflict, DistilleryError
from .follow import TERMINAL_STATUSES
from .logger import MetricLogger

_open_runs: "weakref.WeakSet[Run]" = weakref.WeakSet()
_crash: list[BaseException] = []
_hooked = threading.Lock()
_installed = False


def _install_hooks() -> None:
    """Once per process: remember an uncaught exception, and finish open runs at exit."""
    global _installed
    with _hooked:
        if _installed:
            return
        _installed = True
        previous = sys.excepthook

        def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
            _crash.append(value)
            previous(kind, value, tb)

        sys.excepthook = excepthook
        atexit.register(_finish_open_runs)


def _finish_open_runs() -> None:
    for run in list(_open_runs):
        crashed = _crash[-1] if _crash else None
        try:
            if crashed is None:
                run.finish("SUCCEEDED")
            else:
                run.finish("FAILED", failure_reason=f"{type(crashed).__name__}: {crashed}")
        except Exception as e:  # noqa: BLE001 - exit must go on; say what was lost
            print(f"distillery: could not finish run {run.id} at exit: {e}", file=sys.stderr)


class Run:
    """A RUNNING run this process logs to; use ``log``, ``summary`` and ``finish`` (or ``with``)."""

    def __init__(self, client: Client, data: Mapping[str, Any], **logger_options: Any) -> None:
        self.client = client
        self.data = dict(data)
        self.id: str = data["id"]
        self.name: str = data["name"]
        self.project_id: str = data["projectId"]
        #: Final scalars sent with ``finish`` (merged into the run's summary); defaults to each key's last value.
        self.summary: dict[str, Any] = {}
        self._last: dict[str, float] = {}
        self._step = 0
        self._finished = False
        self._lock = threading.Lock()
        self.logger = MetricLogger(self._send, **logger_options)
        _open_runs.add(self)

    def _send(self, points: list) -> None:
        self.client.execute("LogMetrics", {"runId": self.id, "points": points})

    def log(self, metrics: Mapping[str, Any], step: int | None = None) -> None:
        """Log ``{key: value}`` at ``step`` (default: one more than the last step); returns at once
        unless the buffer is full. Values must be finite numbers (floats, ints, numpy/torch scalars)."""
        with self._lock:
            at = self._step if step is None else step
            self.logger.log(metrics, at)
            self._step = max(self._step, at + 1)
            for k, v in metrics.items():
                self._last[k] = float(v)

    def flush(self, timeout: float | None = None) -> None:
        """Block until everything logged so far is stored."""
        self.logger.flush(timeout)

    def finish(
        self,
        status: str = "SUCCEEDED",
        *,
        summary: Mapping[str, Any] | None = None,
        failure_reason: str | None = None,
        timeout: float = 60.0,
    ) -> dict[str, Any]:
        """Flush the metrics, then end the run with ``status`` (SUCCEEDED, FAILED or CANCELLED); idempotent."""
        state = (_enum_values("RunStatus", status, "status") or ["SUCCEEDED"])[0]
        if self._finished:
            return self.data
        lost: DistilleryError | None = None
        try:
            self.logger.close(timeout)
        except DistilleryError as e:
            # Points that could not be stored: the run is not a success, and the caller hears why.
            lost = e
            if state == "SUCCEEDED":
                state, failure_reason = "FAILED", f"metrics were not all stored: {e}"
        final = {**self._last, **self.summary, **(summary or {})}
        variables = {"input": {"runId": self.id, "status": state, "summary": final}}
        if failure_reason:
            variables["input"]["failureReason"] = failure_reason[:10_000]
        ended_elsewhere = False
        try:
            self.data = self.client.transport.execute("FinishRun", variables, retry=True)["finishRun"]
        except Conflict:
            # Ended already: by a retried finish whose answer was lost, or cancelled from the dashboard.
            current = self.client.run(self.id)
            if current["status"] not in TERMINAL_STATUSES:
                raise
            self.data, ended_elsewhere = current, True
        self._finished = True
        _open_runs.discard(self)
        # Points refused because the run had ended elsewhere are not an error of this script.
        if lost is not None and not (ended_elsewhere and isinstance(lost, Conflict)):
            raise lost
        return self.data

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, _tb: Any) -> None:
        if kind is None:
            self.finish("SUCCEEDED")
        elif issubclass(kind, KeyboardInterrupt):
            self.finish("CANCELLED", failure_reason="interrupted")
        else:
            self.finish("FAILED", failure_reason=f"{kind.__name__}: {value}")

    def __repr__(self) -> str:
        return f"<distillery.Run {self.name!r} {self.id}>"


def init(
    project: str | None = None,
    name: str | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    kind: str = "BASELINE",
    tags: Sequence[str] | None = None,
    seed: int | None = None,
    client: Client | None = None,
    url: str | None = None,
    token: str | None = None,
    **logger_options: Any,
) -> Run:
    """Create a RUNNING run in ``project`` (id or slug) and return it for logging.

    ``params`` are the run's hyperparameters (JSON); ``kind`` one of the RunKinds (BASELINE for your own
    training); ``logger_options`` tune the background logger (flush_interval ≤ 1 s, batch_size, max_buffered).
    """
    c = client or Client(url, token, project)
    run_kind = (_enum_values("RunKind", kind, "kind") or ["BASELINE"])[0]
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
    data: dict[str, Any] = {
        "projectId": c.project_id(project),
        "kind": run_kind,
        "name": name or f"{script} {datetime.now().strftime('%Y-%m-%d %H:%M:%S')}",
        "params": dict(params or {}),
    }
    if tags:
        data["tags"] = list(tags)
    if seed is not None:
        data["seed"] = seed
    created = c.execute("CreateRun", {"input": data})["createRun"]
    _install_hooks()
    return Run(c, created, **logger_options)


__all__ = ["Run", "init", "DistilleryError"]
