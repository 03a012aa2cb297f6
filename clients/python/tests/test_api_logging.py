"""Logging from training code against the real API: background batches, a restart mid-stream, finish."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import distillery


def loss(step: int) -> float:
    return math.exp(-step / 1000)


def accuracy(step: int) -> float:
    return 1 - 0.5 * math.exp(-step / 700)


def test_10000_points_across_an_api_restart_are_all_stored_once(client, control, out_dir: Path) -> None:
    run = distillery.init(
        client=client,
        name="python restart",
        params={"lr": 0.1, "optimizer": {"name": "sgd"}},
        max_buffered=2000,
        batch_size=500,
        flush_interval=0.2,
    )
    for step in range(2000):  # 4,000 points while the API is up
        run.log({"loss": loss(step), "accuracy": accuracy(step)}, step=step)
    run.flush(timeout=60)
    control.post("stop")
    restarted = threading.Event()

    def start_later() -> None:
        time.sleep(2)
        control.post("start")
        restarted.set()

    threading.Thread(target=start_later, daemon=True).start()
    started = time.monotonic()
    for step in range(2000, 5000):  # 6,000 more: log blocks once 2,000 wait unacknowledged
        run.log({"loss": loss(step), "accuracy": accuracy(step)}, step=step)
    blocked_for = time.monotonic() - started
    final = run.finish("SUCCEEDED", summary={"note": "restart"}, timeout=120)
    assert restarted.is_set()
    assert blocked_for > 1, "log should have blocked while the API was down and the buffer full"
    stats = run.logger.stats()
    assert stats == {**stats, "logged": 10_000, "acknowledged": 10_000, "buffered": 0}
    assert stats["retries"] > 0, "the restart should have made batches fail and be retried"
    assert final["status"] == "SUCCEEDED"
    # The summary holds each key's last value plus what finish was given.
    assert final["summary"] == {"loss": loss(4999), "accuracy": accuracy(4999), "note": "restart"}

    rows = client.history(run.id, ["loss", "accuracy"], as_frame=False)
    for key, f in (("loss", loss), ("accuracy", accuracy)):
        series = [r for r in rows if r["key"] == key]
        assert [r["step"] for r in series] == list(range(5000))
        assert all(r["exact"] and r["count"] == 1 for r in series)
        assert [r["value"] for r in series] == [f(s) for s in range(5000)]
    (out_dir / "restart.json").write_text(json.dumps({"runId": run.id}))


def test_history_as_a_dataframe_and_runs_by_filter(client) -> None:
    run = distillery.init(client=client, name="python frame", params={"lr": 0.5}, tags=["py-frame"])
    for step in range(20):
        run.log({"loss": 1 / (step + 1)})  # steps 0, 1, 2, … by default
    run.finish()
    frame = client.history(run.id, "loss")
    assert list(frame.columns) == ["key", "step", "value", "min", "max", "count", "exact"]
    assert frame["step"].tolist() == list(range(20))
    wide = frame.pivot(index="step", columns="key", values="value")
    assert wide["loss"].iloc[-1] == 1 / 20
    runs = client.runs(tags_all=["py-frame"], status="SUCCEEDED")
    assert runs["id"].tolist() == [run.id]
    assert runs["params.lr"].tolist() == [0.5] and runs["summary.loss"].tolist() == [1 / 20]
    listed = client.runs(tags_all=["py-frame"], as_frame=False)
    assert [r["name"] for r in listed] == ["python frame"]


def test_runs_are_paged(client) -> None:
    ids = []
    for i in range(5):
        run = distillery.init(client=client, name=f"python page {i}", tags=["py-page"])
        run.finish("CANCELLED")
        ids.append(run.id)
    # 2 per page through the API's cursor, collected in creation order (newest first by default).
    import distillery.client as c

    page = c.PAGE
    c.PAGE = 2
    try:
        seen = [r["id"] for r in client.iter_runs(tags_any=["py-page"])]
    finally:
        c.PAGE = page
    assert seen == ids[::-1]
    assert [r["id"] for r in client.iter_runs(tags_any=["py-page"], limit=3)] == ids[::-1][:3]


def test_a_run_used_as_a_context_manager_fails_with_the_exception(client) -> None:
    try:
        with distillery.init(client=client, name="python crash") as run:
            run.log({"loss": 1.0}, step=0)
            raise RuntimeError("diverged at step 1")
    except RuntimeError:
        pass
    got = client.run(run.id)
    assert got["status"] == "FAILED"
    assert got["failureReason"] == "RuntimeError: diverged at step 1"
    assert client.history(run.id, "loss", as_frame=False)[0]["value"] == 1.0


SCRIPT = """
import sys
import distillery
run = distillery.init(name=sys.argv[1], flush_interval=1.0)
print(run.id, flush=True)
for step in range(3000):
    run.log({"loss": 1 / (step + 1)}, step=step)
if sys.argv[1].endswith("crash"):
    raise ValueError("bad batch")
# No finish and no flush: the exit hook sends what is buffered and ends the run.
"""


def _script(name: str) -> tuple[str, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    r = subprocess.run([sys.executable, "-c", SCRIPT, name], env=env, capture_output=True, text=True, timeout=120)
    return r.stdout.split()[0], r


def test_a_script_that_just_exits_is_flushed_and_finished(client) -> None:
    run_id, r = _script("python exit")
    assert r.returncode == 0, r.stderr
    got = client.run(run_id)
    assert got["status"] == "SUCCEEDED" and got["summary"]["loss"] == 1 / 3000
    assert [p["step"] for p in client.history(run_id, "loss", as_frame=False)] == list(range(3000))


def test_a_script_that_crashes_is_finished_failed_with_the_exception(client) -> None:
    run_id, r = _script("python crash")
    assert r.returncode == 1 and "ValueError: bad batch" in r.stderr
    got = client.run(run_id)
    assert got["status"] == "FAILED" and got["failureReason"] == "ValueError: bad batch"
    assert len(client.history(run_id, "loss", as_frame=False)) == 3000
