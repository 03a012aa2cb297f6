"""Follow one run live (packages/client/src/follow-run.ts): status from ``runUpdated``, points from
``metricsAppended``, a slow poll as a safety net, and reconnection with a backfill after a dropped socket."""

from __future__ import annotations

import queue
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from .errors import DistilleryError, Forbidden, Unauthenticated
from .live import LiveConnection
from .transport import backoff_seconds

if TYPE_CHECKING:
    from .client import Client

#: Statuses after which a run never changes again.
TERMINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})
#: Points per backfill message of metricsAppended (apps/api/src/modules/metric/subscriptions.ts).
BACKFILL_CHUNK = 10_000
#: How long to wait, once a run ended, for a backfill still on its way.
DRAIN_SECONDS = 30.0


def watch_run(
    client: "Client",
    run_id: str,
    *,
    keys: Sequence[str] | None = None,
    backfill: bool = True,
    poll: float = 3.0,
    reconnects: int = 20,
    timeout: float | None = None,
    on_reconnect: Callable[[DistilleryError, int], None] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Yield ("run", run) and ("metrics", [points]) until the run ends; each point is yielded once.

    ``backfill`` replays what was logged before; ``timeout`` (seconds) raises TimeoutError if it is
    still going then. A dropped socket is reopened (up to ``reconnects`` times in a row) asking for
    the points after the last step seen, so none is missed; ``on_reconnect(error, attempt)`` hears of it.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    run = client.run(run_id)
    yield "run", run
    if run["status"] in TERMINAL_STATUSES:
        return
    seen: set[tuple[str, int]] = set()
    last_step: dict[str, int] = {}
    failures = 0
    since: int | None = -1 if backfill else None
    while True:
        conn = LiveConnection(client.url, client.token)
        try:
            conn.start()
            runs_sub = conn.subscribe("RunUpdated", {"projectId": run["projectId"]})
            variables: dict[str, Any] = {"runId": run_id}
            if keys is not None:
                variables["keys"] = list(keys)
            if since is not None:
                variables["sinceStep"] = since
            conn.subscribe("MetricsAppended", variables)
            # A backfill was asked for and has not fully arrived: when the run ends, wait for it, since
            # finish comes after the script's last points were stored.
            pending = since is not None
            full_chunk = False
            drain_until: float | None = None
            # A change between the first read and the subscription starting is caught by this read.
            fresh = client.run(run_id)
            if fresh["status"] != run["status"]:
                run = fresh
                yield "run", run
            if run["status"] in TERMINAL_STATUSES:
                drain_until = time.monotonic() + DRAIN_SECONDS
            failures = 0
            while True:
                if drain_until is not None and (not pending or time.monotonic() > drain_until):
                    return
                if deadline is not None and time.monotonic() > deadline:
                    raise TimeoutError(f"run {run_id} is still {run['status']} after {timeout} s")
                try:
                    ev = conn.events.get(timeout=1.0 if drain_until is not None else poll)
                except queue.Empty:
                    if drain_until is not None:
                        pending = pending and not full_chunk  # an idle second after a full chunk: it was the last
                        continue
                    fresh = client.run(run_id)
                    if fresh["status"] != run["status"]:
                        run = fresh
                        yield "run", run
                        if run["status"] in TERMINAL_STATUSES:
                            drain_until = time.monotonic() + DRAIN_SECONDS
                    continue
                if ev.kind == "closed":
                    raise ev.error or DistilleryError("subscription socket closed", code="NETWORK")
                if ev.kind == "error":
                    raise ev.error  # type: ignore[misc]
                if ev.kind != "next" or not ev.data:
                    continue
                if ev.sub == runs_sub:
                    changed = ev.data["runUpdated"]
                    if changed["id"] != run_id or drain_until is not None:
                        continue
                    run = {**run, **changed}
                    yield "run", run
                    if run["status"] in TERMINAL_STATUSES:
                        drain_until = time.monotonic() + DRAIN_SECONDS
                else:
                    batch = ev.data["metricsAppended"]
                    if batch["backfill"]:
                        full_chunk = len(batch["points"]) >= BACKFILL_CHUNK
                        pending = full_chunk
                    points = []
                    for p in batch["points"]:
                        k = (p["key"], p["step"])
                        if k not in seen:
                            seen.add(k)
                            last_step[p["key"]] = max(p["step"], last_step.get(p["key"], -1))
                            points.append(p)
                    if points:
                        yield "metrics", points
        except (Unauthenticated, Forbidden):
            raise
        except DistilleryError as e:
            if not (e.transient or e.code == "NETWORK") or failures >= reconnects:
                raise
            failures += 1
            if on_reconnect:
                on_reconnect(e, failures)
            time.sleep(backoff_seconds(failures, 0.2, 5.0))
            # Ask again from the smallest last step of any key; the seen set drops what was already yielded.
            since = min(last_step.values()) if last_step else (-1 if backfill else None)
            # Reconnect even when the run has ended meanwhile: the backfill brings what was logged since.
            fresh = _reread(client, run_id, run)
            if fresh["status"] != run["status"]:
                run = fresh
                yield "run", run
        finally:
            conn.close()


def _reread(client: "Client", run_id: str, run: dict[str, Any]) -> dict[str, Any]:
    """The run again after a reconnect, or the last known state while the API is still unreachable."""
    try:
        return client.run(run_id)
    except DistilleryError as e:
        if e.transient:
            return run
        raise
