"""Bad input comes back as the typed error carrying the API's extensions.code, and nothing is written."""

from __future__ import annotations

import uuid

import pytest

import distillery
from distillery import BadUserInput, Conflict, NotFound, Unauthenticated
from distillery.errors import LoggerClosed


def test_the_api_refuses_bad_input_with_bad_user_input_naming_the_field(client, split_id) -> None:
    with pytest.raises(BadUserInput) as e:
        client.train_teachers("not-a-split", "test", seeds=[1])
    assert e.value.code == "BAD_USER_INPUT" and e.value.field and "splitId" in e.value.field
    assert isinstance(e.value, ValueError)
    before = client.runs(as_frame=False)
    # Past the client's own plan check, straight to the API: a fraction outside (0, 1].
    bad = {
        "name": "bad",
        "splitId": split_id,
        "teacherArchitecture": "test",
        "studentArchitecture": "test",
        "fractions": [1.5],
        "teacherCounts": [2],
        "modes": ["MIMIC_ALL"],
        "alphas": [0.5],
        "repetitions": 1,
    }
    with pytest.raises(BadUserInput) as e:
        client.execute("LaunchExperiment", {"input": bad})
    assert "fractions" in (e.value.field or e.value.message)
    assert len(client.runs(as_frame=False)) == len(before)


def test_a_bad_plan_is_refused_before_anything_is_sent(client, split_id) -> None:
    with pytest.raises(distillery.PlanError) as e:
        client.launch_experiment({"name": "x", "split": split_id, "fractions": [0]})
    assert {i.path for i in e.value.issues} >= {"fractions[0]", "teacherCounts", "modes"}


def test_missing_things_unknown_tokens_and_finished_runs(client) -> None:
    with pytest.raises(NotFound) as e:
        client.run(str(uuid.uuid4()))
    assert e.value.code == "NOT_FOUND" and isinstance(e.value, LookupError)
    with pytest.raises(Unauthenticated):
        distillery.Client(url=client.url, token="dst_not_a_token", project="x").execute("Projects")
    run = distillery.init(client=client, name="python finished twice")
    run.finish()
    with pytest.raises(LoggerClosed):
        run.log({"loss": 1.0}, step=1)
    with pytest.raises(Conflict) as e:
        client.execute("FinishRun", {"input": {"runId": run.id, "status": "FAILED"}})
    assert e.value.code == "CONFLICT" and e.value.field == "runId"
    assert client.run(run.id)["status"] == "SUCCEEDED"


def test_values_the_api_would_refuse_are_refused_at_log_time(client) -> None:
    run = distillery.init(client=client, name="python bad values")
    for metrics, step, field in (
        ({"loss": float("nan")}, 0, "value"),
        ({"loss": "high"}, 0, "value"),
        ({"": 1.0}, 0, "key"),
        ({"loss": 1.0}, -1, "step"),
        ({"loss": 1.0}, 2**31, "step"),
    ):
        with pytest.raises(BadUserInput) as e:
            run.log(metrics, step=step)
        assert e.value.field == field
    with pytest.raises(BadUserInput):
        run.finish("DONE")
    run.finish("CANCELLED")
    assert client.run(run.id)["metricKeys"] == []


def test_a_run_cancelled_from_elsewhere_finishes_as_cancelled(client) -> None:
    run = distillery.init(client=client, name="python cancelled elsewhere")
    run.log({"loss": 1.0}, step=0)
    run.flush()
    client.cancel_run(run.id)  # as from the dashboard
    final = run.finish("SUCCEEDED")  # no error: the run simply ended elsewhere first
    assert final["status"] == "CANCELLED"
    assert [r["step"] for r in client.history(run.id, "loss", as_frame=False)] == [0]
