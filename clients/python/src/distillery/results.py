"""The method's results cells, "mean (SEM), n", printed as the dashboard prints them.

apps/web/src/components/results/pool.ts: snap to 1e-6, then two decimals, rounding as JavaScript's
``toFixed`` does (half away from zero on the exact binary value), so a cell reads the same in a
notebook, the dashboard and docs/results.md.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def _js_round(x: float) -> float:
    """JavaScript's Math.round: nearest integer, ties toward +∞ (x − floor(x) is exact for doubles)."""
    f = math.floor(x)
    return float(f + 1) if x - f >= 0.5 else float(f)


def fixed2(v: float) -> str:
    """Two decimals after snapping to 1e-6 (SQL and pooled sums differ in the last bit at .xx5)."""
    snapped = _js_round(v * 1e6) / 1e6 or 0.0  # -0.0 prints as "0.00", as in JavaScript
    return str(Decimal(snapped).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_cell(mean: float, sem: float | None, n: int, percent: bool = False) -> str:
    """ "80.95 (0.48), 6": mean (SEM), n; "–" for the SEM of a single run; in % when ``percent``."""
    k = 100 if percent else 1
    return f"{fixed2(mean * k)} ({'–' if sem is None else fixed2(sem * k)}), {n}"
