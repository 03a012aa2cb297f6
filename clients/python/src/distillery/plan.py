"""Experiment plans, the same YAML/JSON file ``distillery experiment launch`` takes (packages/cli/src/plan.ts).

A plan is the method's grid: fractions × teacher counts × modes × α × repetitions. Every problem is
reported as ``line:col: path: message``; ``tests/test_plan.py`` checks that this module and the CLI's
parser accept the same plans, produce the same launchExperiment input and flag the same places.
YAML is read with the YAML 1.2 core schema, as the CLI's parser does (``yes`` is a string, ``1e-3`` a number).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ._api import ENUMS
from .errors import BadUserInput

#: The method's mode names (lowercase, as in the original code) to the API's DistillMode.
DISTILL_MODES = {m.lower(): m for m in ENUMS["DistillMode"]}
TEMPERATURE_MODES = {m.lower(): m for m in ENUMS["TemperatureMode"]}
#: Fusion rules by the ML core's names (``weighted-mean``, folded to ``weighted_mean``) to the API's FusionRule.
FUSION_RULES = {m.lower(): m for m in ENUMS["FusionRule"]}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")


@dataclass(frozen=True)
class PlanIssue:
    """One problem and where it is (1-based line and column; 1:1 for a dict plan)."""

    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.path + ': ' if self.path else ''}{self.message}"


class PlanError(BadUserInput):
    """A plan that does not validate; ``issues`` lists every problem."""

    def __init__(self, issues: list[PlanIssue], source: str = "plan") -> None:
        lines = "\n".join(f"  {source}:{i}" for i in issues)
        n = len(issues)
        super().__init__(f"{source} is not a valid plan ({n} problem{'s' if n > 1 else ''}):\n{lines}", field="plan")
        self.issues = issues


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: Any) -> bool:
    return _is_number(v) and float(v).is_integer()


def _enum(values: Mapping[str, str]) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if not isinstance(v, str):
            return "expected a string"
        if v.lower().replace("-", "_") not in values:
            return f'must be one of {", ".join(values)} (got "{v}")'
        return None

    return check


def _number(lo: float, hi: float, lo_open: bool, msg: str) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if not _is_number(v):
            return "expected a number"
        return msg if (v <= lo if lo_open else v < lo) or v > hi else None

    return check


def _at_least_1(v: Any) -> str | None:
    return "expected an integer" if not _is_int(v) else ("must be at least 1" if v < 1 else None)


def _text(v: Any) -> str | None:
    return "expected a string" if not isinstance(v, str) else ("must not be empty" if not v else None)


def _split(v: Any) -> str | None:
    return None if isinstance(v, str) and _UUID.match(v) else "must be a split id (see `distillery datasets list --json`)"


def _positive(v: Any) -> str | None:
    return "expected a number" if not _is_number(v) else ("must be positive" if v <= 0 else None)


def _bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "expected a boolean"


_fraction = _number(0, 1, True, "must be in (0, 1]")
_alpha = _number(0, 1, False, "must be in [0, 1]")
_mode = _enum(DISTILL_MODES)
_temperature_mode = _enum(TEMPERATURE_MODES)
_rule = _enum(FUSION_RULES)

# field → (required, list item check or None, scalar check)
_FIELDS: dict[str, tuple[bool, bool, Callable[[Any], str | None]]] = {
    "name": (True, False, _text),
    "split": (True, False, _split),
    "teacherArchitecture": (True, False, _text),
    "studentArchitecture": (True, False, _text),
    "fractions": (True, True, _fraction),
    "teacherCounts": (True, True, _at_least_1),
    "modes": (True, True, _mode),
    "alphas": (True, True, _alpha),
    "repetitions": (True, False, _at_least_1),
    "epochs": (False, False, _at_least_1),
    "rules": (False, True, _rule),
    "temperature": (False, False, _positive),
    "temperatureMode": (False, False, _temperature_mode),
    "includeBaselines": (False, False, _bool),
}


def validate_plan(plan: Any) -> list[tuple[list[str | int], str | None, str]]:
    """Problems of a plan object as (path, unknown key or None, message), in field order."""
    if not isinstance(plan, dict):
        return [([], None, "a plan is a mapping of fields (name, split, fractions, …)")]
    issues: list[tuple[list[str | int], str | None, str]] = []
    for key in plan:
        if key not in _FIELDS:
            issues.append(([], str(key), f'unknown field "{key}"'))
    for key, (required, is_list, check) in _FIELDS.items():
        if key not in plan:
            if required:
                issues.append(([key], None, "is required"))
            continue
        value = plan[key]
        if not is_list:
            msg = check(value)
            if msg:
                issues.append(([key], None, msg))
            continue
        if not isinstance(value, list):
            issues.append(([key], None, "expected a list"))
        elif not value:
            issues.append(([key], None, "must not be empty"))
        else:
            for i, item in enumerate(value):
                msg = check(item)
                if msg:
                    issues.append(([key, i], None, msg))
    return issues


def fusion_rule(name: str) -> str:
    """The API's FusionRule value of a rule name (``weighted-mean`` → ``WEIGHTED_MEAN``); unknown names pass through."""
    return FUSION_RULES.get(name.lower().replace("-", "_"), name)


def plan_to_input(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The launchExperiment input of a validated plan (optional fields only when given)."""
    out: dict[str, Any] = {
        "name": plan["name"],
        "splitId": plan["split"],
        "teacherArchitecture": plan["teacherArchitecture"],
        "studentArchitecture": plan["studentArchitecture"],
        "fractions": list(plan["fractions"]),
        "teacherCounts": [int(c) for c in plan["teacherCounts"]],
        "modes": [DISTILL_MODES[m.lower().replace("-", "_")] for m in plan["modes"]],
        "alphas": list(plan["alphas"]),
        "repetitions": int(plan["repetitions"]),
    }
    if plan.get("epochs") is not None:
        out["epochs"] = int(plan["epochs"])
    if plan.get("rules"):
        out["rules"] = [fusion_rule(r) for r in plan["rules"]]
    if plan.get("temperature") is not None:
        out["temperature"] = plan["temperature"]
    if plan.get("temperatureMode"):
        out["temperatureMode"] = TEMPERATURE_MODES[plan["temperatureMode"].lower().replace("-", "_")]
    if plan.get("includeBaselines") is not None:
        out["includeBaselines"] = plan["includeBaselines"]
    return out


def _path_text(path: list[str | int]) -> str:
    s = ""
    for p in path:
        s = f"{s}[{p}]" if isinstance(p, int) else (f"{s}.{p}" if s else str(p))
    return s


def parse_plan(source: str | Mapping[str, Any], name: str = "plan") -> dict[str, Any]:
    """Validate a plan given as YAML/JSON text or a dict; returns its launchExperiment input or raises PlanError."""
    if isinstance(source, Mapping):
        found = validate_plan(dict(source))
        if found:
            raise PlanError([PlanIssue(1, 1, _path_text(p + ([k] if k else [])), m) for p, k, m in found], name)
        return plan_to_input(source)
    from ._yaml import load_with_positions

    data, locate, syntax = load_with_positions(source)
    if syntax:
        raise PlanError(syntax, name)
    found = validate_plan(data)
    if found:
        issues = []
        for path, key, msg in found:
            line, col = locate(path, key)
            issues.append(PlanIssue(line, col, _path_text(path + ([key] if key is not None else [])), msg))
        issues.sort(key=lambda i: (i.line, i.col))
        raise PlanError(issues, name)
    return plan_to_input(data)
