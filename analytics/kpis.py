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

# The sections of sql/marts/center_kpis.sql and the catalog's keys each gives; the registry's always.
SECTIONS: dict[str, tuple[str, ...]] = {
    "registry": ("enterprises", "workers"),
    "visits": ("visits", "enterprises_visited", "visit_coverage"),
    "tickets": (
        "tickets_received", "tickets_closed", "closure_rate", "median_resolution_days", "p90_resolution_days",
        "on_time_rate", "satisfaction_rate", "open_tickets", "overdue_tickets",
    ),
    "output": ("output_value", "output_value_prev_year", "output_yoy"),
    "vaccination": ("vaccination_staff", "vaccinated_dose1", "vaccination_rate", "full_course_rate"),
    "activities": ("activities", "activity_person_times", "participation_per_1000_workers"),
}  # fmt: skip
TOPICS: tuple[str, ...] = tuple(section for section in SECTIONS if section != "registry")


def center_kpis(
    con: duckdb.DuckDBPyConnection, filters: Filters, topics: tuple[str, ...] = TOPICS
) -> pd.DataFrame:
    """One row per center in scope (in display order) then the total row (is_total = True).

    Columns: is_total, center, is_illustrative, then the keys of the metric catalog in `topics` (and the
    registry's): a page about one topic reads only that ledger, and a key it did not ask for is missing,
    never a silent zero.
    """
    unknown = set(topics) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown KPI topics: {sorted(unknown)}")
    frame = run_mart(con, "center_kpis", {**filters.params(), "sections": list(topics)})
    wanted = {key for section in ("registry", *topics) for key in SECTIONS[section]}
    return frame[["is_total", "center", "is_illustrative", *(key for key in KEYS if key in wanted)]]


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
