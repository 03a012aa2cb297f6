"""Following a run live over graphql-ws, through an API restart: every point arrives exactly once."""

from __future__ import annotations

import threading
import time

import distillery


def _wait(what: str, check, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_follower_reconnects_after_a_restart_and_misses_nothing(client, control) -> None:
    run = distillery.init(client=client, name="python live", flush_interval=0.1)
    received: list[dict] = []
    statuses: list[str] = []
    result: dict = {}
    reconnects: list[str] = []

    def follow() -> None:
        try:
            result["final"] = client.follow(
                run.id, on_run=lambda r: statuses.append(r["status"]), on_metrics=received.extend,
                poll=1.0,
                timeout=180,
                on_reconnect=lambda e, n: reconnects.append(e.code),
            )
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            result["error"] = e

    follower = threading.Thread(target=follow, daemon=True)
    follower.start()
    for step in range(100):
        run.log({"loss": 1 / (step + 1)}, step=step)
    _wait("the first 100 points to arrive live", lambda: len(received) >= 100)
    control.post("stop")
    for step in range(100, 200):  # logged while the API is down: buffered, then retried
        run.log({"loss": 1 / (step + 1)}, step=step)
    time.sleep(1)
    control.post("start")
    for step in range(200, 300):
        run.log({"loss": 1 / (step + 1)}, step=step)
    run.finish()
    follower.join(180)
    assert "error" not in result, result.get("error")
    assert reconnects and set(reconnects) <= {"NETWORK", "TIMEOUT"}, reconnects
    assert result["final"]["status"] == "SUCCEEDED" and statuses[-1] == "SUCCEEDED"
    assert sorted(p["step"] for p in received) == list(range(300))
    assert {p["key"] for p in received} == {"loss"}


def test_watch_yields_run_changes_and_points(client) -> None:
    run = distillery.init(client=client, name="python watch")
    for step in range(5):
        run.log({"acc": step / 5}, step=step)
    run.flush()
    events = client.watch(run.id, poll=0.5, timeout=60)
    kind, first = next(events)
    assert kind == "run" and first["status"] == "RUNNING"
    got: list[dict] = []
    for kind, value in events:
        if kind == "metrics":
            got.extend(value)
            if len(got) == 5:
                run.finish("CANCELLED")
        else:
            assert value["status"] == "CANCELLED"
    assert [p["value"] for p in sorted(got, key=lambda p: p["step"])] == [0, 0.2, 0.4, 0.6, 0.8]
