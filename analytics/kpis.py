"""The per-center KPI table of docs/metrics.md: one code path for the overview page, the CLI and exports."""

from __future__ import annotations

import math
from typing import Any

import duckdb
import pandas as pd

from analytics.exports import csv_text
from analytics.filters import Filters
from analytics.metrics import KEYS
from analytics.queries import run_mart


def center_kpis(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per center in scope (in display order) then the total row (is_total = True).

    Columns: is_total, center, is_illustrative, then every key of the metric catalog.
    """
    frame = run_mart(con, "center_kpis", filters.params())
    return frame[["is_total", "center", "is_illustrative", *KEYS]]


def plain(value: Any) -> Any:
    """numpy/pandas scalars to JSON-ready Python values; NaN and NA to None."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _record(row: pd.Series) -> dict[str, Any]:
    return {key: plain(row[key]) for key in KEYS}


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, Any]:
    """The `summary --format json` document: from, to, centers (one object each) and total."""
    frame = center_kpis(con, filters)
    centers = frame[~frame["is_total"]]
    total = frame[frame["is_total"]].iloc[0]
    return {
        "from": filters.period.start.isoformat(),
        "to": filters.period.end.isoformat(),
        "centers": [{"center": row["center"], **_record(row)} for _, row in centers.iterrows()],
        "total": _record(total),
    }


def summary_csv(con: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    """The same table as CSV: one line per center then a line whose center is `total`."""
    frame = center_kpis(con, filters).copy()
    frame["center"] = frame["center"].where(~frame["is_total"], "total")
    return csv_text(frame[["center", *KEYS]], lineterminator="\n")  # repr: full precision
