"""pandas DataFrames when pandas is installed, plain lists of dicts otherwise."""

from __future__ import annotations

from typing import Any, Sequence

try:  # pandas is optional: notebooks have it, a training box may not
    import pandas as _pd
except ImportError:  # pragma: no cover - exercised only where pandas is missing
    _pd = None


def has_pandas() -> bool:
    """True when pandas can be imported."""
    return _pd is not None


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, as_frame: bool | None = None) -> Any:
    """``rows`` as a DataFrame (``as_frame`` None means: when pandas is present) or as the list itself."""
    want = has_pandas() if as_frame is None else as_frame
    if not want:
        return list(rows)
    if _pd is None:
        raise ImportError("as_frame=True needs pandas (Debian: apt-get install python3-pandas)")
    return _pd.DataFrame(list(rows), columns=list(columns) if columns is not None else None)
