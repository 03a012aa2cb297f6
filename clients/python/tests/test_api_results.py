"""The results table ("mean (SEM), n") from runs this package logged and finished."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import distillery

METRIC = "py_table_accuracy"
VALUES = {"BASELINE": [0.90, 0.91, 0.935, 0.88], "STUDENT": [0.95, 0.96, 0.955]}


def test_the_results_table_groups_finished_runs(client, out_dir: Path) -> None:
    for kind, values in VALUES.items():
        for i, v in enumerate(values):
            run = distillery.init(client=client, name=f"python {kind.lower()} {i}", kind=kind)
            run.summary[METRIC] = v
            run.finish()
    args = {"metric": METRIC, "group_by": ["KIND"], "kinds": ["BASELINE", "STUDENT"]}
    rows = client.results_table(**args, as_frame=False)
    by_kind = {r["kind"]: r for r in rows}
    assert set(by_kind) == set(VALUES)
    for kind, values in VALUES.items():
        r = by_kind[kind]
        assert r["n"] == len(values)
        assert abs(r["mean"] - statistics.mean(values)) < 1e-12
        assert abs(r["sem"] - statistics.stdev(values) / len(values) ** 0.5) < 1e-12
        assert r["cell"] == distillery.format_cell(r["mean"], r["sem"], r["n"], percent=True)
    assert by_kind["STUDENT"]["cell"] == "95.50 (0.29), 3"
    frame = client.results_table(**args)
    assert list(frame.columns) == ["kind", "mean", "sem", "n", "min", "max", "cell"]
    assert sorted(frame["cell"]) == sorted(r["cell"] for r in rows)
    # The driver compares these rows with what the TypeScript client reads for the same query.
    (out_dir / "results.json").write_text(json.dumps({"metric": METRIC, "groupBy": ["KIND"], "rows": rows}))
