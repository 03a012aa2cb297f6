"""Launching through the API and following live over graphql-ws, executed by a real runner process."""

from __future__ import annotations

import json
from pathlib import Path

import distillery


def test_a_launched_teacher_is_followed_live_to_succeeded(client, split_id, out_dir: Path) -> None:
    runs = client.train_teachers(split_id, "test", seeds=[1], epochs=1, tags=["python-teacher"])
    assert len(runs) == 1 and runs[0]["kind"] == "TEACHER" and runs[0]["status"] == "QUEUED"
    run_id = runs[0]["id"]
    statuses: list[str] = []
    points: list[dict] = []
    final = client.follow(run_id, on_run=lambda r: statuses.append(r["status"]), on_metrics=points.extend, timeout=420)
    assert final["status"] == "SUCCEEDED", final.get("failureReason")
    assert statuses[0] in ("QUEUED", "RUNNING") and statuses[-1] == "SUCCEEDED"
    assert "RUNNING" in statuses or statuses[0] == "QUEUED"
    assert points, "the runner's metrics should arrive over the subscription"
    keys = {(p["key"], p["step"]) for p in points}
    assert len(keys) == len(points), "each point is delivered once"
    stored = client.history(run_id, as_frame=False)
    assert {(r["key"], r["step"]) for r in stored} == keys
    assert final["summary"].get("test_accuracy") is not None
    (out_dir / "teacher.json").write_text(json.dumps({"runId": run_id}))


def test_a_cli_plan_file_launches_the_same_grid(client, split_id, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"""name: python grid
split: {split_id}
teacherArchitecture: test
studentArchitecture: test
fractions: [0.5]
teacherCounts: [2]
modes: [mimic_all]
alphas: [0.5]
repetitions: 1
epochs: 1
includeBaselines: false
"""
    )
    launched = client.launch_experiment(plan)
    experiment = client.experiment(launched["experiment"]["id"])
    try:
        kinds = sorted(r["kind"] for r in experiment["runs"])
        assert launched["runCount"] == len(kinds)
        assert kinds.count("TEACHER") == 2 and kinds.count("STUDENT") == 1
        assert experiment["plan"]["fractions"] == [0.5]
    finally:
        # Only the launch is under test here: stop the grid so the runner does not train it.
        for r in experiment["runs"]:
            if r["status"] in ("QUEUED", "RUNNING"):
                try:
                    client.cancel_run(r["id"])
                except distillery.Conflict:
                    pass  # it ended meanwhile
