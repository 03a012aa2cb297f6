"""The Distillery client: queries as DataFrames, launches, and following runs live."""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from ._api import ENUMS
from .config import resolve_connection
from .errors import BadUserInput, NotFound
from .follow import TERMINAL_STATUSES, watch_run
from .frames import table
from .plan import fusion_rule, parse_plan
from .results import format_cell
from .transport import Transport

#: Runs per request when paging (the API's maximum).
PAGE = 200

_SNAKE = re.compile(r"_([a-z0-9])")


def camel(name: str) -> str:
    """``teacher_ids`` → ``teacherIds`` (GraphQL input field names)."""
    return _SNAKE.sub(lambda m: m.group(1).upper(), name)


def _input(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments as a GraphQL input: camelCase keys, None left out."""
    return {camel(k): v for k, v in fields.items() if v is not None}


def teacher_ids(teachers: Sequence[str | Mapping[str, Any]]) -> list[str]:
    """Teacher ids from ids or from the runs train_teachers returned (whose ``teacher.id`` it is; a run id is not)."""
    out = []
    for t in teachers:
        if isinstance(t, Mapping):
            teacher = t.get("teacher") or {}
            if not teacher.get("id"):
                raise BadUserInput("teacher_ids: a run without a teacher record; pass teacher ids", field="teacher_ids")
            out.append(teacher["id"])
        else:
            out.append(t)
    return out


def _enum_values(name: str, values: Sequence[str] | str | None, field: str) -> list[str] | None:
    """Upper-cased enum values checked against the schema's ``name`` enum (None passes through)."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    out = [v.upper().replace("-", "_") for v in items]
    allowed = ENUMS[name]
    for v in out:
        if v not in allowed:
            raise BadUserInput(f"{field}: {v!r} is not one of {', '.join(allowed)}", field=field)
    return out


class Client:
    """A connection to one Distillery API (URL and token as the CLI resolves them)."""

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        project: str | None = None,
        *,
        timeout: float = 30.0,
    ) -> None:
        conn = resolve_connection(url, token, project)
        self.url = conn.url
        self.token = conn.token
        self.default_project = conn.project
        self.transport = Transport(conn.url, conn.token, timeout=timeout)
        self._project_ids: dict[str, str] = {}

    def execute(self, operation: str, variables: dict[str, Any] | None = None) -> Any:
        """Run a named operation of the generated API (see ``distillery._api.OPERATIONS``); returns ``data``."""
        return self.transport.execute(operation, variables)

    # --- projects -------------------------------------------------------------------------------

    def project(self, project: str | None = None) -> dict[str, Any]:
        """A project by id or slug; default: DISTILLERY_PROJECT / the stored login's, else your only project."""
        ref = project or self.default_project
        if ref is None:
            projects = self.execute("Projects")["projects"]
            if len(projects) != 1:
                raise BadUserInput(
                    f"project: you are a member of {len(projects)} projects; pass project=… or set DISTILLERY_PROJECT",
                    field="project",
                )
            return projects[0]
        found = self.execute("Project", {"id": ref})["project"]
        if found is None:
            raise NotFound(f"project {ref} does not exist or you are not a member", field="project")
        return found

    def project_id(self, project: str | None = None) -> str:
        """The id of ``project`` (id or slug), cached."""
        key = project or self.default_project or ""
        if key not in self._project_ids:
            self._project_ids[key] = self.project(project)["id"]
        return self._project_ids[key]

    # --- runs -----------------------------------------------------------------------------------

    def iter_runs(
        self,
        project: str | None = None,
        *,
        filter: Mapping[str, Any] | None = None,
        order_by: Mapping[str, Any] | None = None,
        limit: int | None = None,
        **where: Any,
    ) -> Iterator[dict[str, Any]]:
        """Runs matching a RunFilter (``filter=`` or keywords: kind, status, tags_all, name_contains, …), page by page."""
        f = dict(filter or {})
        if "kind" in where:
            where["kind"] = _enum_values("RunKind", where["kind"], "kind")
        if "status" in where:
            where["status"] = _enum_values("RunStatus", where["status"], "status")
        f.update(_input(where))
        pid = self.project_id(project)
        after, left = None, float("inf") if limit is None else limit
        while left > 0:
            variables: dict[str, Any] = {"projectId": pid, "first": int(min(PAGE, left))}
            if after:
                variables["after"] = after
            if f:
                variables["filter"] = f
            if order_by:
                variables["orderBy"] = dict(order_by)
            page = self.execute("Runs", variables)["runs"]
            for edge in page["edges"]:
                if left <= 0:
                    return
                left -= 1
                yield edge["node"]
            if not page["pageInfo"]["hasNextPage"] or not page["pageInfo"]["endCursor"]:
                return
            after = page["pageInfo"]["endCursor"]

    def runs(self, project: str | None = None, *, as_frame: bool | None = None, **options: Any) -> Any:
        """Every matching run (see iter_runs) as a DataFrame (one row per run, ``summary.*`` flattened) or a list."""
        rows = list(self.iter_runs(project, **options))
        if not (as_frame if as_frame is not None else _pandas()):
            return rows
        flat = []
        for r in rows:
            flat.append(
                {
                    **{k: v for k, v in r.items() if k not in ("params", "summary")},
                    **{f"params.{k}": v for k, v in (r.get("params") or {}).items()},
                    **{f"summary.{k}": v for k, v in (r.get("summary") or {}).items()},
                }
            )
        return table(flat, as_frame=True)

    def run(self, run_id: str) -> dict[str, Any]:
        """One run with its events, checkpoints and lineage fields; NotFound when it is not visible."""
        found = self.execute("Run", {"id": run_id})["run"]
        if found is None:
            raise NotFound(f"run {run_id} does not exist or is not visible to you", field="id")
        return found

    def history(
        self, run_id: str, keys: Sequence[str] | str | None = None, *, buckets: int = 5000, as_frame: bool | None = None
    ) -> Any:
        """Metric series of a run: long rows (key, step, value, min, max, count); exact up to ``buckets`` points a key.

        More points than ``buckets`` come back downsampled to aligned buckets (``value`` is the bucket's last);
        each row's ``exact`` says which.
        """
        names = [keys] if isinstance(keys, str) else list(keys) if keys is not None else self.run(run_id)["metricKeys"]
        rows = []
        for key in names:
            series = self.execute("MetricSeries", {"runId": run_id, "key": key, "buckets": buckets})["metricSeries"]
            for p in series["points"]:
                rows.append(
                    {
                        "key": key,
                        "step": p["step"],
                        "value": p["last"],
                        "min": p["min"],
                        "max": p["max"],
                        "count": p["count"],
                        "exact": series["exact"],
                    }
                )
        return table(rows, ["key", "step", "value", "min", "max", "count", "exact"], as_frame)

    def results_table(
        self,
        metric: str = "test_accuracy",
        group_by: Sequence[str] = ("TEACHER_COUNT", "FRACTION", "MODE"),
        *,
        kinds: Sequence[str] | str = ("STUDENT",),
        experiment_id: str | None = None,
        project: str | None = None,
        percent: bool | None = None,
        as_frame: bool | None = None,
    ) -> Any:
        """The method's "mean (SEM), n" table of a summary metric over SUCCEEDED runs, one row per group.

        Columns: the grouping fields (lower-case), mean, sem, n, min, max and ``cell`` as the dashboard prints
        it (in % for accuracies unless ``percent=False``).
        """
        fields = _enum_values("ResultGroupField", group_by, "group_by") or []
        variables: dict[str, Any] = {
            "projectId": self.project_id(project),
            "metric": metric,
            "groupBy": fields,
            "kinds": _enum_values("RunKind", kinds, "kinds"),
        }
        if experiment_id:
            variables["experimentId"] = experiment_id
        result = self.execute("ResultsTable", variables)["resultsTable"]
        pct = ("accuracy" in metric) if percent is None else percent
        rows = [
            {
                **{f.lower(): (r["group"] or {}).get(f) for f in fields},
                "mean": r["mean"],
                "sem": r["sem"],
                "n": r["n"],
                "min": r["min"],
                "max": r["max"],
                "cell": format_cell(r["mean"], r["sem"], r["n"], pct),
            }
            for r in result["rows"]
        ]
        return table(rows, [f.lower() for f in fields] + ["mean", "sem", "n", "min", "max", "cell"], as_frame)

    def predictions(self, run_id: str, split_role: str | None = None, *, as_frame: bool | None = None) -> Any:
        """Stored per-sample softmax outputs: one row per sample (run_id, checkpoint_id, split_role, sample,
        predicted, p_0…p_{C−1}), the columns of ``distillery export predictions``."""
        variables: dict[str, Any] = {"id": run_id}
        if split_role:
            variables["splitRole"] = (_enum_values("SplitRole", split_role, "split_role") or [None])[0]
        run = self.execute("RunPredictions", variables)["run"]
        if run is None:
            raise NotFound(f"run {run_id} does not exist or is not visible to you", field="id")
        rows = []
        classes = 0
        for p in run["predictions"]:
            classes = max(classes, p["classes"])
            raw = base64.b64decode(p["probsBase64"])
            values = struct.unpack(f"<{len(raw) // 4}f", raw)
            c = p["classes"]
            for s in range(p["samples"]):
                probs = values[s * c : (s + 1) * c]
                row = {
                    "run_id": run_id,
                    "checkpoint_id": p["checkpointId"],
                    "split_role": p["splitRole"],
                    "sample": s,
                    "predicted": max(range(c), key=probs.__getitem__),
                }
                row.update({f"p_{i}": v for i, v in enumerate(probs)})
                rows.append(row)
        cols = ["run_id", "checkpoint_id", "split_role", "sample", "predicted"] + [f"p_{i}" for i in range(classes)]
        return table(rows, cols, as_frame)

    # --- launching ------------------------------------------------------------------------------

    def train_teachers(self, split_id: str, architecture: str, **options: Any) -> list[dict[str, Any]]:
        """Teacher runs, one per subset (``subset_ids=``) or per seed (``seeds=``); options as TrainTeachersInput
        in snake_case (epochs, origin, cycles, tags, experiment_id)."""
        return self.execute(
            "TrainTeachers", {"input": _input({"split_id": split_id, "architecture_key": architecture, **options})}
        )["trainTeachers"]

    def train_baseline(self, split_id: str, architecture: str, **options: Any) -> dict[str, Any]:
        """A label-only baseline run (options: epochs, seed, tags, experiment_id)."""
        return self.execute(
            "TrainBaseline", {"input": _input({"split_id": split_id, "architecture_key": architecture, **options})}
        )["trainBaseline"]

    def evaluate_ensemble(self, name: str, rules: Sequence[str], **options: Any) -> dict[str, Any]:
        """An ensemble of teachers (``teacher_ids=``: ids, or the runs train_teachers returned) or checkpoints
        (``checkpoint_ids=``) under fusion ``rules`` (e.g. mean, plurality, borda); its job runs as ``runId``."""
        if options.get("teacher_ids") is not None:
            options["teacher_ids"] = teacher_ids(options["teacher_ids"])
        rule_values = [fusion_rule(r) for r in rules]
        return self.execute("EvaluateEnsemble", {"input": _input({"name": name, "rules": rule_values, **options})})[
            "evaluateEnsemble"
        ]

    def distill_student(
        self,
        teachers: Sequence[str | Mapping[str, Any]],
        mode: str,
        alpha: float,
        architecture: str,
        **options: Any,
    ) -> dict[str, Any]:
        """A student run distilled from ``teachers`` (teacher ids, or the runs train_teachers returned) with ``mode``
        (output_avg, loss_avg, mimic_all, supernet, supernet2) and hard-label weight ``alpha``."""
        modes = _enum_values("DistillMode", mode, "mode") or []
        return self.execute(
            "DistillStudent",
            {
                "input": _input(
                    {
                        "teacher_ids": teacher_ids(teachers),
                        "mode": modes[0],
                        "alpha": alpha,
                        "architecture_key": architecture,
                        **options,
                    }
                )
            },
        )["distillStudent"]

    def launch_experiment(self, plan: str | Path | Mapping[str, Any]) -> dict[str, Any]:
        """The whole grid of a plan (a dict, YAML/JSON text, or a path to the CLI's plan file) in one transaction."""
        name = "plan"
        if isinstance(plan, Path) or (isinstance(plan, str) and "\n" not in plan and plan.endswith((".yaml", ".yml", ".json"))):
            name = str(plan)
            plan = Path(plan).read_text(encoding="utf-8")
        return self.execute("LaunchExperiment", {"input": parse_plan(plan, name)})["launchExperiment"]

    def experiment(self, experiment_id: str) -> dict[str, Any]:
        """An experiment with its runs."""
        found = self.execute("Experiment", {"id": experiment_id})["experiment"]
        if found is None:
            raise NotFound(f"experiment {experiment_id} does not exist", field="id")
        return found

    def cancel_run(self, run_id: str) -> dict[str, Any]:
        """Cancel a queued or running run."""
        return self.execute("CancelRun", {"runId": run_id})["cancelRun"]

    # --- live -----------------------------------------------------------------------------------

    def watch(self, run_id: str, **options: Any) -> Iterator[tuple[str, Any]]:
        """Follow a run live: yields ("run", run) on every change and ("metrics", points) as they are logged,
        until it ends (see distillery.follow.watch_run for options)."""
        return watch_run(self, run_id, **options)

    def follow(
        self,
        run_id: str,
        on_run: Callable[[dict[str, Any]], None] | None = None,
        on_metrics: Callable[[list[dict[str, Any]]], None] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Follow a run until it ends, calling the callbacks; returns its final state."""
        final: dict[str, Any] = {}
        for kind, value in self.watch(run_id, **options):
            if kind == "run":
                final = value
                if on_run:
                    on_run(value)
            elif on_metrics:
                on_metrics(value)
        return final

    def wait(self, run_ids: Sequence[str] | str, **options: Any) -> list[dict[str, Any]]:
        """Follow each run to its end; returns their final states."""
        ids = [run_ids] if isinstance(run_ids, str) else list(run_ids)
        return [self.follow(r, **options) for r in ids]


def _pandas() -> bool:
    from .frames import has_pandas

    return has_pandas()


__all__ = ["Client", "TERMINAL_STATUSES", "camel"]
