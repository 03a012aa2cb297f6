"""Results cells print as the dashboard prints them (apps/web/src/components/results/pool.ts)."""

from __future__ import annotations

from distillery import format_cell
from distillery.results import fixed2


def test_the_method_cell_format() -> None:
    assert format_cell(0.8095, 0.0048, 6, percent=True) == "80.95 (0.48), 6"
    assert format_cell(0.5, None, 1) == "0.50 (–), 1"


def test_rounding_matches_javascript_to_fixed() -> None:
    # Exact binary ties round away from zero as toFixed does (Python's format would give 0.12 and 2.62).
    assert fixed2(0.125) == "0.13"
    assert fixed2(2.625) == "2.63"
    # 1.005 is 1.00499999999999989… in binary: toFixed gives 1.00, and so does this.
    assert fixed2(1.005) == "1.00"
    # The 1e-6 snap: a mean one ulp below .xx5 (SQL vs pooled sums) prints as the exact .xx5 would.
    assert fixed2(80.95499999999999) == fixed2(80.955)
    assert fixed2(-0.0000001) == "0.00"
