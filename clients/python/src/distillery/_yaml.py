"""YAML with the 1.2 core schema (as the CLI's `yaml` package reads it) and node positions for messages."""

from __future__ import annotations

import re
from typing import Any, Callable

from .errors import BadUserInput

try:
    import yaml
except ImportError:  # pragma: no cover - only where PyYAML is missing
    yaml = None  # type: ignore[assignment]


def _core_loader() -> type:
    """A SafeLoader resolving only YAML 1.2 core scalars: true/false, null, decimal ints, floats with exponents."""

    class Core12Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    Core12Loader.yaml_implicit_resolvers = {}
    rules = [
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        (
            "float",
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            "-+0123456789.",
        ),
    ]
    for tag, pattern, first in rules:
        Core12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))

    def construct_int(loader: Any, node: Any) -> int:
        v = loader.construct_scalar(node)
        return int(v, 8) if v.startswith("0o") else int(v, 16) if v.startswith("0x") else int(v, 10)

    def construct_float(loader: Any, node: Any) -> float:
        v = loader.construct_scalar(node).lower()
        return float(v.replace(".inf", "inf").replace(".nan", "nan"))

    Core12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Core12Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    return Core12Loader


Locate = Callable[[list, Any], "tuple[int, int]"]


def load_with_positions(text: str) -> tuple[Any, Locate, list]:
    """(data, locate(path, unknown_key) → (line, col), syntax issues); positions are 1-based."""
    from .plan import PlanIssue

    if yaml is None:
        raise BadUserInput("reading a YAML plan needs PyYAML (Debian: apt-get install python3-yaml); pass a dict instead")
    loader_cls = _core_loader()
    try:
        root = yaml.compose(text, Loader=loader_cls)
        data = yaml.load(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, lambda _p, _k: (1, 1), [PlanIssue(line, col, "", str(e.problem or e).split("\n")[0])]
    dup = _duplicate_key(root)
    if dup is not None:
        return None, lambda _p, _k: (1, 1), [dup]

    def child(node: Any, step: Any) -> Any:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            return next((v for k, v in node.value if k.value == step), None)
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            return node.value[step]
        return None

    def locate(path: list, unknown_key: Any) -> tuple[int, int]:
        # The value the path names, an unknown key itself, or the nearest existing parent.
        for n in range(len(path), -1, -1):
            node = root
            for step in path[:n]:
                node = child(node, step) if node is not None else None
            if node is None:
                continue
            if unknown_key is not None and n == len(path) and isinstance(node, yaml.MappingNode):
                for k, _ in node.value:
                    if k.value == unknown_key:
                        return k.start_mark.line + 1, k.start_mark.column + 1
            return node.start_mark.line + 1, node.start_mark.column + 1
        return 1, 1

    return data, locate, []


def _duplicate_key(node: Any) -> Any:
    """The first repeated mapping key (YAML 1.2 forbids them; PyYAML would keep the last silently)."""
    from .plan import PlanIssue

    if isinstance(node, yaml.MappingNode):
        seen = set()
        for k, v in node.value:
            if k.value in seen:
                return PlanIssue(k.start_mark.line + 1, k.start_mark.column + 1, "", "Map keys must be unique")
            seen.add(k.value)
            found = _duplicate_key(v)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            found = _duplicate_key(v)
            if found:
                return found
    return None
