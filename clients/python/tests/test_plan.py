"""Plans: the same file the CLI takes gives the same launchExperiment input and the same problem positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, node_tool

from distillery import BadUserInput, PlanError, parse_plan

SPLIT = "0b7c2f6e-3a1d-4e5f-8a9b-0c1d2e3f4a5b"
VALID = f"""# the thesis grid, small
name: grid
split: {SPLIT}
teacherArchitecture: test
studentArchitecture: test
fractions: [0.6, 1.0]
teacherCounts: [2, 3]
modes: [output_avg, MIMIC_ALL]
alphas: [0, 0.5]
repetitions: 2
epochs: 1
temperatureMode: hinton
"""

PLANS = [
    VALID,
    VALID.replace("temperatureMode: hinton", "temperatureMode: as-original\ntemperature: 4e0\nincludeBaselines: false"),
    VALID.replace("epochs: 1", "rules: [mean, borda]"),
    json.dumps(
        {
            "name": "g",
            "split": SPLIT,
            "teacherArchitecture": "t",
            "studentArchitecture": "t",
            "fractions": [1],
            "teacherCounts": [2],
            "modes": ["loss_avg"],
            "alphas": [0],
            "repetitions": 1,
        },
        indent=2,
    ),
    # Problems: a fraction out of range, an unknown mode, an unknown field, a missing field.
    VALID.replace("fractions: [0.6, 1.0]", "fractions: [0.6, 1.5]")
    .replace("modes: [output_avg, MIMIC_ALL]", "modes: [output_avg, mimic]")
    .replace("epochs: 1", "epochs: 1\nepoch: 3")
    .replace("repetitions: 2\n", ""),
    VALID.replace("alphas: [0, 0.5]", "alphas: [-0.1, 0.5]").replace("teacherCounts: [2, 3]", "teacherCounts: [0]"),
    VALID.replace(f"split: {SPLIT}", "split: not-a-split").replace("includeBaselines", "x"),
    VALID.replace("repetitions: 2", "repetitions: 1.5"),
    VALID + "includeBaselines: yes\n",  # YAML 1.2: `yes` is a string, not a boolean
]


def _python(text: str) -> dict:
    try:
        return {"input": parse_plan(text)}
    except PlanError as e:
        return {"issues": [{"line": i.line, "col": i.col, "path": i.path, "message": i.message} for i in e.issues]}


def test_the_cli_and_this_package_read_every_plan_alike() -> None:
    r = node_tool(str(REPO / "node_modules" / ".bin" / "tsx"), "clients/python/tests/parse-plans.ts", stdin=json.dumps(PLANS))
    assert r.returncode == 0, r.stderr
    cli = json.loads(r.stdout)
    assert len(cli) == len(PLANS)
    for text, want, got in zip(PLANS, cli, (_python(t) for t in PLANS)):
        if "input" in want:
            assert got == want, text
        else:
            # Same places (line, column, field path); messages are worded by each parser.
            assert "issues" in got, text
            assert [(i["line"], i["col"], i["path"]) for i in got["issues"]] == [
                (i["line"], i["col"], i["path"]) for i in want["issues"]
            ], text


def test_messages_name_the_line_and_the_field() -> None:
    with pytest.raises(PlanError) as e:
        parse_plan(PLANS[4], "plan.yaml")
    assert isinstance(e.value, BadUserInput) and e.value.code == "BAD_USER_INPUT"
    text = str(e.value)
    assert "plan.yaml:6:18: fractions[1]: must be in (0, 1]" in text
    assert 'plan.yaml:11:1: epoch: unknown field "epoch"' in text
    assert "plan.yaml:2:1: repetitions: is required" in text


def test_a_dict_plan_and_a_syntax_error() -> None:
    plan = {
        "name": "g",
        "split": SPLIT,
        "teacherArchitecture": "t",
        "studentArchitecture": "t",
        "fractions": [0.5],
        "teacherCounts": [2],
        "modes": ["supernet2"],
        "alphas": [0.25],
        "repetitions": 1,
    }
    assert parse_plan(plan)["modes"] == ["SUPERNET2"]
    with pytest.raises(PlanError) as e:
        parse_plan({**plan, "alphas": [2]})
    assert [i.path for i in e.value.issues] == ["alphas[0]"]
    with pytest.raises(PlanError) as e:
        parse_plan("name: x\nfractions: [0.6\nalphas: 1\n")
    assert e.value.issues[0].line >= 2


def test_a_plan_file_path(tmp_path: Path) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(VALID)
    assert parse_plan(f.read_text())["fractions"] == [0.6, 1.0]
