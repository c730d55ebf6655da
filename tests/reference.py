"""An independent pandas implementation of the per-center KPIs of docs/metrics.md: the test oracle.

Written from docs/metrics.md and the decisions recorded for the places it is silent,
never from analytics/sql. One small function per KPI group; each mirrors the wording of docs/metrics.md.

Decisions where docs/metrics.md is silent (the same ones the SQL is held to):
- Rows: the chosen centers (all when none chosen); with a park filter only centers owning at least one
  chosen park; ordered by centers.sort_order (nulls last) then name. Centers with nothing in scope still
  get a row. Then one total row over the whole scope (is_total True, center None).
- The center of an enterprise is the center of its park. The enterprise-type filter keeps enterprises
  having ANY of the chosen flags.
- Activities belong to their own `center` column; the type filter does not apply to them; with a park
  filter only activities recorded with one of the chosen parks count (null park then excluded).
- Counts are 0 and sums are 0 over an empty set; null employees contribute nothing. full_course_rate
  is null when no snapshot in the set reports full_course, else Σ full_course (ignoring missing) / staff.
- Every ratio is null when its denominator is 0; median and P90 (numpy's linear percentiles) are null
  without closed tickets.
- Withdrawn means status == 已撤销. On time: closed_date ≤ due_date (a null due date is not on time).
  satisfaction_rate's denominator: closed tickets with a non-null rating.
- output_value_prev_year: months m whose (m + 12 months) has its first day inside the period.
- Vaccination: each enterprise's latest snapshot with as_of ≤ period end (no lower bound).
- open_tickets: received_date ≤ end, not withdrawn, closed_date null or > end. Overdue: open and
  due_date < end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.filters import Filters
from analytics.metrics import KEYS

WITHDRAWN = "已撤销"
SATISFIED = ("满意", "基本满意")
TYPE_FLAGS = {
    "above_scale": "is_above_scale",
    "high_tech": "is_high_tech",
    "listed": "is_listed",
    "eagle": "is_eagle",
}

# Columns each computation reads; a missing table is treated as empty.
COLUMNS = {
    "centers": ["center", "is_illustrative", "sort_order"],
    "parks": ["park", "center"],
    "enterprises": ["uscc", "park", *TYPE_FLAGS.values(), "employees"],
    "visits": ["uscc", "visit_date"],
    "tickets": ["uscc", "received_date", "due_date", "closed_date", "status", "satisfaction"],
    "output_monthly": ["uscc", "period", "output_wan"],
    "vaccination_snapshots": ["uscc", "as_of", "staff_total", "dose1", "full_course"],
    "activities": ["center", "park", "activity_date", "person_times"],
}
DATE_COLUMNS = {
    "visits": ["visit_date"],
    "tickets": ["received_date", "due_date", "closed_date"],
    "output_monthly": ["period"],
    "vaccination_snapshots": ["as_of"],
    "activities": ["activity_date"],
}

# Helper columns of reference_table: denominators that are not KPIs themselves.
HELPERS = ("rated_closed", "full_course_reported")


@dataclass(frozen=True)
class Window:
    """The period as timestamps: `from`..`to`, both inclusive."""

    start: pd.Timestamp
    end: pd.Timestamp

    def contains(self, dates: pd.Series) -> pd.Series:
        return (dates >= self.start) & (dates <= self.end)  # a null date is in no period


def ratio(numerator: float, denominator: float) -> float | None:
    """Null when the denominator is 0 — never 0, never NaN."""
    return None if denominator == 0 else numerator / denominator


def percentile(values: pd.Series, q: float) -> float | None:
    """Continuous percentile (numpy's default linear interpolation); null over an empty set."""
    return float(np.percentile(values.to_numpy(dtype=float), q)) if len(values) else None


# --- scope ---------------------------------------------------------------------------------------------


def enterprises_in_scope(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Enterprises selected by the center, park and type filters, each with the center of its park."""
    parks = tables["parks"][["park", "center"]]
    enterprises = tables["enterprises"].merge(parks, on="park", how="left")
    keep = pd.Series(True, index=enterprises.index)
    if filters.centers:
        keep &= enterprises["center"].isin(filters.centers)
    if filters.parks:
        keep &= enterprises["park"].isin(filters.parks)
    if filters.types:
        flags = enterprises[[TYPE_FLAGS[name] for name in filters.types]].fillna(False).astype(bool)
        keep &= flags.any(axis=1)
    return enterprises[keep]


def activities_in_scope(tables: Mapping[str, pd.DataFrame], filters: Filters, window: Window) -> pd.DataFrame:
    """Activities dated in the period, selected by their own center; by their park under a park filter."""
    activities = tables["activities"]
    keep = window.contains(activities["activity_date"])
    if filters.centers:
        keep &= activities["center"].isin(filters.centers)
    if filters.parks:
        keep &= activities["park"].isin(filters.parks)  # a null park is in no chosen park
    return activities[keep]


def centers_in_scope(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The centers that get a row, in display order (sort_order, nulls last, then name)."""
    centers = tables["centers"]
    keep = pd.Series(True, index=centers.index)
    if filters.centers:
        keep &= centers["center"].isin(filters.centers)
    if filters.parks:
        parks = tables["parks"]
        owners = parks.loc[parks["park"].isin(filters.parks), "center"]
        keep &= centers["center"].isin(owners)
    chosen = centers[keep]
    order = chosen.assign(_order=pd.to_numeric(chosen["sort_order"]).astype("float64"))
    return order.sort_values(["_order", "center"], na_position="last", kind="stable")


# --- KPI groups ----------------------------------------------------------------------------------------


def registry_kpis(enterprises: pd.DataFrame) -> dict[str, Any]:
    """enterprises: in scope (registry, not date-filtered); workers: Σ employees (nulls add nothing)."""
    return {
        "enterprises": len(enterprises),
        "workers": int(enterprises["employees"].sum(skipna=True)),
    }


def visit_kpis(visits: pd.DataFrame, enterprises: pd.DataFrame, window: Window) -> dict[str, Any]:
    """visits with visit_date in the period; distinct enterprises visited; their share of enterprises."""
    ours = visits[visits["uscc"].isin(enterprises["uscc"])]
    in_period = ours[window.contains(ours["visit_date"])]
    visited = in_period["uscc"].nunique()
    return {
        "visits": len(in_period),
        "enterprises_visited": visited,
        "visit_coverage": ratio(visited, len(enterprises)),
    }


def ticket_kpis(tickets: pd.DataFrame, enterprises: pd.DataFrame, window: Window) -> dict[str, Any]:
    """The cohort (received in the period, not withdrawn), its closures, and the backlog at `to`."""
    ours = tickets[tickets["uscc"].isin(enterprises["uscc"])]
    not_withdrawn = ours["status"] != WITHDRAWN

    # tickets_received: received_date in the period, status ≠ 已撤销 (the cohort)
    cohort = ours[not_withdrawn & window.contains(ours["received_date"])]
    # tickets_closed: cohort tickets with closed_date ≤ to
    closed = cohort[cohort["closed_date"] <= window.end]
    # resolution: closed_date − received_date in calendar days
    days = (closed["closed_date"] - closed["received_date"]).dt.days
    # on time: closed_date ≤ due_date (null due date → not on time)
    on_time = int((closed["closed_date"] <= closed["due_date"]).sum())
    # satisfaction: rated 满意 or 基本满意 / those closed tickets with a rating
    rated = closed[closed["satisfaction"].notna()]
    satisfied = int(rated["satisfaction"].isin(SATISFIED).sum())

    # open_tickets: received_date ≤ to, not withdrawn, and no closed_date or closed_date > to
    still_open = ours["closed_date"].isna() | (ours["closed_date"] > window.end)
    open_tickets = ours[not_withdrawn & (ours["received_date"] <= window.end) & still_open]
    # overdue_tickets: open tickets whose due_date < to
    overdue = int((open_tickets["due_date"] < window.end).sum())

    return {
        "tickets_received": len(cohort),
        "tickets_closed": len(closed),
        "closure_rate": ratio(len(closed), len(cohort)),
        "median_resolution_days": percentile(days, 50),
        "p90_resolution_days": percentile(days, 90),
        "on_time_rate": ratio(on_time, len(closed)),
        "satisfaction_rate": ratio(satisfied, len(rated)),
        "open_tickets": len(open_tickets),
        "overdue_tickets": overdue,
        "rated_closed": len(rated),
    }


def output_kpis(output: pd.DataFrame, enterprises: pd.DataFrame, window: Window) -> dict[str, Any]:
    """Σ output of the months whose first day lies in the period; the same months one year earlier."""
    ours = output[output["uscc"].isin(enterprises["uscc"])]
    this_year = ours[window.contains(ours["period"])]
    # month m is "the same month one year earlier" of a period month when m + 12 months is in the period
    a_year_later = ours["period"] + pd.DateOffset(months=12)
    last_year = ours[window.contains(a_year_later)]
    value = float(this_year["output_wan"].sum())
    previous = float(last_year["output_wan"].sum())
    yoy = ratio(value, previous)
    return {
        "output_value": value,
        "output_value_prev_year": previous,
        "output_yoy": None if yoy is None else yoy - 1,
    }


def vaccination_kpis(snapshots: pd.DataFrame, enterprises: pd.DataFrame, window: Window) -> dict[str, Any]:
    """Over each enterprise's latest snapshot with as_of ≤ to: staff, dose 1, and the two rates."""
    ours = snapshots[snapshots["uscc"].isin(enterprises["uscc"]) & (snapshots["as_of"] <= window.end)]
    latest = ours.sort_values("as_of", kind="stable").groupby("uscc").tail(1)
    staff = int(latest["staff_total"].sum())
    dose1 = int(latest["dose1"].sum())
    reported = int(latest["full_course"].notna().sum())
    full_course = latest["full_course"].sum(skipna=True)
    return {
        "vaccination_staff": staff,
        "vaccinated_dose1": dose1,
        "vaccination_rate": ratio(dose1, staff),
        # Σ full / staff; unknown (null) when no snapshot of the set reports full_course
        "full_course_rate": ratio(full_course, staff) if reported else None,
        "full_course_reported": reported,
    }


def activity_kpis(activities: pd.DataFrame, workers: int) -> dict[str, Any]:
    """Activities dated in the period (already selected), their person-times, per 1,000 workers."""
    person_times = int(activities["person_times"].sum())
    per_worker = ratio(person_times, workers)
    return {
        "activities": len(activities),
        "activity_person_times": person_times,
        "participation_per_1000_workers": None if per_worker is None else per_worker * 1000,
    }


def group_kpis(
    tables: Mapping[str, pd.DataFrame], enterprises: pd.DataFrame, activities: pd.DataFrame, window: Window
) -> dict[str, Any]:
    """Every KPI (plus the helper denominators) over one set of enterprises and activities."""
    values: dict[str, Any] = {}
    values |= registry_kpis(enterprises)
    values |= visit_kpis(tables["visits"], enterprises, window)
    values |= ticket_kpis(tables["tickets"], enterprises, window)
    values |= output_kpis(tables["output_monthly"], enterprises, window)
    values |= vaccination_kpis(tables["vaccination_snapshots"], enterprises, window)
    values |= activity_kpis(activities, values["workers"])
    if set(values) != {*KEYS, *HELPERS}:
        raise AssertionError(f"reference does not cover the catalog: {set(values) ^ {*KEYS, *HELPERS}}")
    return values


# --- the table -----------------------------------------------------------------------------------------


def prepared(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables this module reads, with every column present and dates as timestamps."""
    result = {}
    for name, columns in COLUMNS.items():
        frame = tables.get(name)
        frame = pd.DataFrame(columns=columns) if frame is None else frame.copy()
        for column in columns:
            if column not in frame.columns:
                frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        for column in DATE_COLUMNS.get(name, []):
            frame[column] = pd.to_datetime(frame[column])
        result[name] = frame
    return result


def reference_table(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """reference_kpis plus the helper denominator columns (rated_closed, full_course_reported)."""
    tables = prepared(tables)
    window = Window(pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end))
    enterprises = enterprises_in_scope(tables, filters)
    activities = activities_in_scope(tables, filters, window)

    rows = []
    for _, center in centers_in_scope(tables, filters).iterrows():
        name = center["center"]
        rows.append(
            {
                "is_total": False,
                "center": name,
                "is_illustrative": bool(center["is_illustrative"]),
                **group_kpis(
                    tables,
                    enterprises[enterprises["center"] == name],
                    activities[activities["center"] == name],
                    window,
                ),
            }
        )
    rows.append(
        {
            "is_total": True,
            "center": None,
            "is_illustrative": False,
            **group_kpis(tables, enterprises, activities, window),
        }
    )
    frame = pd.DataFrame(rows, columns=["is_total", "center", "is_illustrative", *KEYS, *HELPERS])
    for key in frame.columns[3:]:
        values = frame[key]
        if values.isna().any() or any(isinstance(v, float) for v in values):
            frame[key] = values.astype("float64")  # null → NaN, as in a DuckDB result frame
    return frame


def reference_kpis(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The KPI table of analytics.kpis.center_kpis, computed independently with pandas."""
    return reference_table(tables, filters)[["is_total", "center", "is_illustrative", *KEYS]]
