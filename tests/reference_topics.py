"""An independent pandas implementation of the topic marts (visits_*, output_*, vaccination_*,
activities_*, enterprise_summary): the test oracle of tests/test_topic_marts.py.

Written from the mart definitions handed to the tests and docs/metrics.md, never from
analytics/sql. One small function per mart; each returns a DataFrame of plain Python values (None for
null, pd.Timestamp for dates) with the columns of the mart it mirrors.

Vocabulary (as in tests/reference.py, whose scope selection is reused):
- scope enterprises: selected by centers / parks / types; an enterprise's center is its park's center.
- centers in scope: the chosen centers narrowed to those owning a chosen park, in display order.
- months of the period: the months whose first day lies in [from, to]; the year-earlier month of m is
  m − 12 months.
- latest snapshot as of d: the enterprise's snapshot with the greatest as_of ≤ d.
- Activities: selected by their own center; under a park filter only those recorded with a chosen
  park; the type filter does not apply to them.

Decisions where the definitions are silent:
- Sums are 0 over an empty set, except where a definition says "null when none" (output_monthly,
  output_shares.output). Every ratio is null when its denominator is 0 (or null).
- Group-by marts have a row only for groups with data: output_growth and output_shares per center of
  the scope enterprises (a center without enterprises has no row); vaccination_timeline per center
  with ≥ 1 enterprise having a snapshot as of the day; activities_breakdown per (center, item) with
  ≥ 1 activity; activities_people per center with ≥ 1 activity having people. The total rows
  (center None) of output_growth, output_shares and activities_people are always present.
- raised_demand counts a ticket of any status (the definition names only the source and the date).
- output_top ranks only enterprises with ≥ 1 report in the period's months.
- output_shares: the above-scale / high-tech numerators are 0 (not null) when no such enterprise
  reported, so the share is 0 when output is positive.
- visits_not_visited: "then center, name" sorts by the center's name.
- activities_monthly counts the activities dated in the period (so a partial first or last month
  counts only its days inside [from, to]).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from analytics.filters import Filters
from tests.reference import (
    WITHDRAWN,
    Window,
    activities_in_scope,
    centers_in_scope,
    enterprises_in_scope,
    prepared,
)

DAYS_PER_MONTH = 30.44
RAISED_SOURCES = ("走访",)  # plus a null source
NO_VENUE = "—"
TOP_OUTPUT = 20
TOP_ACTIVITIES = 15
# (label, lowest staff_total, highest staff_total); band_order is the 1-based position
SIZE_BANDS: tuple[tuple[str, int, float], ...] = (
    ("<50", 0, 49),
    ("50–99", 50, 99),
    ("100–299", 100, 299),
    ("300–999", 300, 999),
    ("≥1000", 1000, math.inf),
)

# Columns this module needs beyond those tests/reference.py prepares.
EXTRA_COLUMNS = {
    "enterprises": ["name", "industry"],
    "visits": ["staff"],
    "tickets": ["source"],
    "vaccination_snapshots": ["booster"],
    "activities": ["name", "category", "venue", "people", "volunteers"],
}


# --- small helpers -----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """numpy scalars to Python values; NaN / NaT / NA to None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def known(values: Iterable[Any]) -> list[Any]:
    return [v for v in (plain(x) for x in values) if v is not None]


def total(values: Iterable[Any]) -> Any:
    """Σ of the non-null values; 0 over none."""
    return sum(known(values))


def total_or_none(values: Iterable[Any]) -> Any:
    """Σ of the non-null values; null when every value is null (or there is none)."""
    present = known(values)
    return sum(present) if present else None


def ratio(numerator: Any, denominator: Any) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def minus_one(value: float | None) -> float | None:
    return None if value is None else value - 1


def percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else None


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """Rows as an object frame, so that None, ints and Timestamps stay as they are."""
    return pd.DataFrame([[row[c] for c in columns] for row in rows], columns=columns, dtype=object)


def month_start(day: pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day.year, day.month, 1)


def add_months(day: pd.Timestamp, months: int) -> pd.Timestamp:
    return day + pd.DateOffset(months=months)


# --- scope ---------------------------------------------------------------------------------------------


def topic_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """tests/reference.prepared plus the extra columns of EXTRA_COLUMNS (null when absent)."""
    result = prepared(tables)
    for name, columns in EXTRA_COLUMNS.items():
        data = result[name]
        for column in columns:
            if column not in data.columns:
                data[column] = pd.Series([None] * len(data), index=data.index, dtype=object)
    return result


class Scope:
    """The prepared tables, the window, the scope enterprises / centers / activities of `filters`."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], filters: Filters) -> None:
        self.tables = topic_tables(tables)
        self.window = Window(pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end))
        self.start, self.end = self.window.start, self.window.end
        self.days = (self.end - self.start).days + 1
        self.enterprises = enterprises_in_scope(self.tables, filters).reset_index(drop=True)
        self.centers = centers_in_scope(self.tables, filters)
        self.activities = activities_in_scope(self.tables, filters, self.window).reset_index(drop=True)

    def center_rows(self) -> list[tuple[str, bool]]:
        """(center, is_illustrative) of the centers in scope, in display order."""
        return [(row["center"], bool(row["is_illustrative"])) for _, row in self.centers.iterrows()]

    def of_scope(self, table: str) -> pd.DataFrame:
        """The rows of `table` that belong to a scope enterprise, with that enterprise's center."""
        return self.tables[table].merge(self.enterprises[["uscc", "center"]], on="uscc", how="inner")

    def enterprise_centers(self) -> list[str]:
        """The centers that have scope enterprises, in display order (centers of centers_in_scope)."""
        present = set(self.enterprises["center"])
        return [name for name, _ in self.center_rows() if name in present]

    def period_months(self) -> list[pd.Timestamp]:
        """Months whose first day lies in [from, to]."""
        month = month_start(self.start)
        if month < self.start:
            month = add_months(month, 1)
        months = []
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months


def with_total(center_names: list[str], data: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """(center, its rows) for every center, then (None, every row)."""
    return [*((name, data[data["center"] == name]) for name in center_names), (None, data)]


# --- visits --------------------------------------------------------------------------------------------


def visits_weekly(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Every center in scope × Monday-starting week from the week of `from` to `to`: visits in [from, to]."""
    scope = Scope(tables, filters)
    visits = scope.of_scope("visits")
    visits = visits[scope.window.contains(visits["visit_date"])]
    weeks = []
    week = scope.start - pd.Timedelta(days=scope.start.day_of_week)
    while week <= scope.end:
        weeks.append(week)
        week += pd.Timedelta(days=7)
    rows = []
    for name, illustrative in scope.center_rows():
        mine = visits[visits["center"] == name]
        for week in weeks:
            inside = (mine["visit_date"] >= week) & (mine["visit_date"] < week + pd.Timedelta(days=7))
            rows.append(
                {"center": name, "is_illustrative": illustrative, "week": week, "visits": int(inside.sum())}
            )
    return frame(rows, ["center", "is_illustrative", "week", "visits"])


COVERAGE_COLUMNS = [
    "is_total",
    "center",
    "is_illustrative",
    "enterprises",
    "visits",
    "visited_period",
    "visited_30",
    "visited_90",
    "coverage_period",
    "coverage_30",
    "coverage_90",
    "workers",
    "visits_per_worker_month",
    "raised_demand",
    "raised_demand_rate",
]


def raised_demand(visits: pd.DataFrame, tickets: pd.DataFrame) -> int:
    """Visits with a ticket of the same enterprise received on the visit date, source 走访 or null."""
    raising = tickets[tickets["source"].isna() | tickets["source"].isin(RAISED_SOURCES)]
    keys = set(zip(raising["uscc"], raising["received_date"], strict=True))
    return sum((uscc, day) in keys for uscc, day in zip(visits["uscc"], visits["visit_date"], strict=True))


def coverage_row(scope: Scope, enterprises: pd.DataFrame, visits: pd.DataFrame, tickets) -> dict[str, Any]:
    n = len(enterprises)
    visits = visits[visits["visit_date"] <= scope.end]
    in_period = visits[visits["visit_date"] >= scope.start]

    def visited_since(days: int) -> int:
        return visits.loc[visits["visit_date"] > scope.end - pd.Timedelta(days=days), "uscc"].nunique()

    workers = in_period["staff"].nunique()
    count = len(in_period)
    raised = raised_demand(in_period, tickets)
    visited = {"period": in_period["uscc"].nunique(), "30": visited_since(30), "90": visited_since(90)}
    per_worker = ratio(count, workers)
    return {
        "enterprises": n,
        "visits": count,
        "visited_period": visited["period"],
        "visited_30": visited["30"],
        "visited_90": visited["90"],
        "coverage_period": ratio(visited["period"], n),
        "coverage_30": ratio(visited["30"], n),
        "coverage_90": ratio(visited["90"], n),
        "workers": workers,
        "visits_per_worker_month": None if per_worker is None else per_worker / (scope.days / DAYS_PER_MONTH),
        "raised_demand": raised,
        "raised_demand_rate": ratio(raised, count),
    }


def visits_coverage(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center in scope and a total row: enterprises, visits, coverage, workers, raised demand."""
    scope = Scope(tables, filters)
    visits, tickets = scope.of_scope("visits"), scope.of_scope("tickets")
    rows = []
    for name, illustrative in scope.center_rows():
        rows.append(
            {
                "is_total": False,
                "center": name,
                "is_illustrative": illustrative,
                **coverage_row(
                    scope,
                    scope.enterprises[scope.enterprises["center"] == name],
                    visits[visits["center"] == name],
                    tickets[tickets["center"] == name],
                ),
            }
        )
    rows.append(
        {
            "is_total": True,
            "center": None,
            "is_illustrative": False,
            **coverage_row(scope, scope.enterprises, visits, tickets),
        }
    )
    return frame(rows, COVERAGE_COLUMNS)


def visits_workers(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center in scope: distinct workers, and the spread of their visits per month."""
    scope = Scope(tables, filters)
    visits = scope.of_scope("visits")
    visits = visits[scope.window.contains(visits["visit_date"])]
    months = scope.days / DAYS_PER_MONTH
    rows = []
    for name, illustrative in scope.center_rows():
        per_worker = visits[visits["center"] == name].groupby("staff").size()
        values = sorted(count / months for count in per_worker)
        rows.append(
            {
                "center": name,
                "is_illustrative": illustrative,
                "workers": len(values),
                "minimum": values[0] if values else None,
                "q1": percentile(values, 25),
                "median": percentile(values, 50),
                "q3": percentile(values, 75),
                "maximum": values[-1] if values else None,
            }
        )
    return frame(rows, ["center", "is_illustrative", "workers", "minimum", "q1", "median", "q3", "maximum"])


NOT_VISITED_COLUMNS = [
    "uscc",
    "name",
    "center",
    "park",
    "industry",
    "is_above_scale",
    "employees",
    "last_visit",
    "days_since",
]


def visits_not_visited(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Scope enterprises not visited within 90 days before `to` (never, or last visit ≤ to − 90)."""
    scope = Scope(tables, filters)
    visits = scope.tables["visits"]
    visits = visits[visits["visit_date"] <= scope.end]
    last = visits.groupby("uscc")["visit_date"].max()
    rows = []
    for _, enterprise in scope.enterprises.iterrows():
        last_visit = last.get(enterprise["uscc"])
        if last_visit is not None and last_visit > scope.end - pd.Timedelta(days=90):
            continue
        rows.append(
            {
                **{c: plain(enterprise[c]) for c in NOT_VISITED_COLUMNS[:6]},
                "is_above_scale": bool(enterprise["is_above_scale"]),
                "employees": plain(enterprise["employees"]),
                "last_visit": last_visit,
                "days_since": None if last_visit is None else (scope.end - last_visit).days,
            }
        )
    rows.sort(
        key=lambda r: (
            r["last_visit"] is not None,
            r["last_visit"] or pd.Timestamp.min,
            r["center"],
            r["name"],
        )
    )
    return frame(rows, NOT_VISITED_COLUMNS)


# --- output --------------------------------------------------------------------------------------------


class Output:
    """The scope enterprises' reports of the period's months and of the year-earlier months."""

    def __init__(self, scope: Scope) -> None:
        output = scope.of_scope("output_monthly")
        self.months = scope.period_months()
        self.this_year = output[output["period"].isin(self.months)]
        earlier = [add_months(m, -12) for m in self.months]
        self.last_year = output[output["period"].isin(earlier)]
        # matched pairs: (enterprise, month of the period) reported then and 12 months earlier
        previous = self.last_year.assign(period=self.last_year["period"] + pd.DateOffset(months=12))
        self.pairs = self.this_year.merge(
            previous[["uscc", "period", "output_wan"]], on=["uscc", "period"], suffixes=("", "_prev")
        )


def output_monthly(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Every center in scope × month of the period: Σ output (null when none reported), a year earlier."""
    scope = Scope(tables, filters)
    output = scope.of_scope("output_monthly")
    rows = []
    for name, illustrative in scope.center_rows():
        mine = output[output["center"] == name]
        for month in scope.period_months():
            rows.append(
                {
                    "center": name,
                    "is_illustrative": illustrative,
                    "month": month,
                    "output": total_or_none(mine.loc[mine["period"] == month, "output_wan"]),
                    "output_prev_year": total_or_none(
                        mine.loc[mine["period"] == add_months(month, -12), "output_wan"]
                    ),
                }
            )
    return frame(rows, ["center", "is_illustrative", "month", "output", "output_prev_year"])


def output_parks(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per (center, park) with scope enterprises: Σ output of the period, of a year earlier, yoy."""
    scope = Scope(tables, filters)
    data = Output(scope)
    pairs = scope.enterprises[["center", "park"]].drop_duplicates()
    parks_of = scope.enterprises.set_index("uscc")["park"]
    rows = []
    for _, pair in pairs.iterrows():
        now = data.this_year[data.this_year["uscc"].map(parks_of) == pair["park"]]
        before = data.last_year[data.last_year["uscc"].map(parks_of) == pair["park"]]
        output, previous = float(total(now["output_wan"])), float(total(before["output_wan"]))
        rows.append(
            {
                "center": pair["center"],
                "park": pair["park"],
                "output": output,
                "output_prev_year": previous,
                "yoy": minus_one(ratio(output, previous)),
            }
        )
    return frame(rows, ["center", "park", "output", "output_prev_year", "yoy"])


GROWTH_COLUMNS = [
    "center",
    "reporting",
    "missing",
    "new",
    "matched_enterprises",
    "like_for_like",
    "like_for_like_prev_year",
    "like_for_like_yoy",
]


def like_for_like(pairs: pd.DataFrame) -> tuple[float, float, float | None]:
    """Σ this year, Σ a year earlier over matched pairs, and their ratio − 1 (null without a pair)."""
    now, before = float(total(pairs["output_wan"])), float(total(pairs["output_wan_prev"]))
    return now, before, (minus_one(ratio(now, before)) if len(pairs) else None)


def output_growth(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center of the scope enterprises and total: reporting / missing / new, like-for-like growth."""
    scope = Scope(tables, filters)
    data = Output(scope)
    rows = []
    for name, enterprises in with_total(scope.enterprise_centers(), scope.enterprises):
        mine = set(enterprises["uscc"])
        now = set(data.this_year["uscc"]) & mine
        before = set(data.last_year["uscc"]) & mine
        pairs = data.pairs[data.pairs["uscc"].isin(mine)]
        lfl, lfl_prev, lfl_yoy = like_for_like(pairs)
        rows.append(
            {
                "center": name,
                "reporting": len(now),
                "missing": len(before - now),
                "new": len(now - before),
                "matched_enterprises": pairs["uscc"].nunique(),
                "like_for_like": lfl,
                "like_for_like_prev_year": lfl_prev,
                "like_for_like_yoy": lfl_yoy,
            }
        )
    return frame(rows, GROWTH_COLUMNS)


def output_shares(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center of the scope enterprises and total: Σ output, above-scale and high-tech shares."""
    scope = Scope(tables, filters)
    data = Output(scope)
    above_scale = set(scope.enterprises.loc[scope.enterprises["is_above_scale"].astype(bool), "uscc"])
    high_tech = set(scope.enterprises.loc[scope.enterprises["is_high_tech"].astype(bool), "uscc"])
    rows = []
    for name, enterprises in with_total(scope.enterprise_centers(), scope.enterprises):
        now = data.this_year[data.this_year["uscc"].isin(enterprises["uscc"])]
        output = total_or_none(now["output_wan"])
        rows.append(
            {
                "center": name,
                "output": output,
                "above_scale_share": ratio(
                    total(now.loc[now["uscc"].isin(above_scale), "output_wan"]), output
                ),
                "high_tech_share": ratio(total(now.loc[now["uscc"].isin(high_tech), "output_wan"]), output),
            }
        )
    return frame(rows, ["center", "output", "above_scale_share", "high_tech_share"])


TOP_COLUMNS = [
    "uscc",
    "name",
    "center",
    "park",
    "industry",
    "is_above_scale",
    "is_high_tech",
    "output",
    "months",
    "like_for_like_yoy",
]


def output_top(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The 20 scope enterprises with the highest Σ output in the period (ties by name)."""
    scope = Scope(tables, filters)
    data = Output(scope)
    rows = []
    for _, enterprise in scope.enterprises.iterrows():
        reports = data.this_year[data.this_year["uscc"] == enterprise["uscc"]]
        if reports.empty:
            continue
        rows.append(
            {
                **{c: plain(enterprise[c]) for c in TOP_COLUMNS[:5]},
                "is_above_scale": bool(enterprise["is_above_scale"]),
                "is_high_tech": bool(enterprise["is_high_tech"]),
                "output": float(total(reports["output_wan"])),
                "months": len(reports),
                "like_for_like_yoy": like_for_like(data.pairs[data.pairs["uscc"] == enterprise["uscc"]])[2],
            }
        )
    rows.sort(key=lambda r: (-r["output"], r["name"]))
    return frame(rows[:TOP_OUTPUT], TOP_COLUMNS)


def growth_bin(yoy: float) -> int:
    """floor(yoy × 10) tenths, clipped to [−10, 20] (−100 % .. 200 %)."""
    return min(20, max(-10, math.floor(yoy * 10)))


def output_growth_bins(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Scope enterprises with a like-for-like yoy, counted in 10-percentage-point bins from −100 % to 200 %."""
    scope = Scope(tables, filters)
    data = Output(scope)
    counts = dict.fromkeys(range(-10, 21), 0)
    for _, pairs in data.pairs.groupby("uscc"):
        yoy = like_for_like(pairs)[2]
        if yoy is not None:
            counts[growth_bin(yoy)] += 1
    rows = [
        {"bin_low": k / 10, "bin_high": 10.0 if k == 20 else (k + 1) / 10, "enterprises": n}
        for k, n in counts.items()
    ]
    return frame(rows, ["bin_low", "bin_high", "enterprises"])


# --- vaccination ---------------------------------------------------------------------------------------

RATE_COLUMNS = ["enterprises", "staff", "dose1_rate", "full_course_rate", "booster_rate"]


def latest_snapshots(snapshots: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Each enterprise's snapshot with the greatest as_of ≤ day."""
    mine = snapshots[snapshots["as_of"] <= day]
    return mine.sort_values("as_of", kind="stable").groupby("uscc").tail(1)


def rates(snapshots: pd.DataFrame) -> dict[str, Any]:
    """enterprises, Σ staff_total and Σ dose1 / full_course / booster over staff (Σ ignores nulls;
    null when every value is null or staff is 0)."""
    staff = total(snapshots["staff_total"])
    return {
        "enterprises": len(snapshots),
        "staff": staff,
        "dose1_rate": ratio(total_or_none(snapshots["dose1"]), staff),
        "full_course_rate": ratio(total_or_none(snapshots["full_course"]), staff),
        "booster_rate": ratio(total_or_none(snapshots["booster"]), staff),
    }


def vaccination_timeline(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """For every distinct as_of ≤ to: per center and overall, the latest snapshots as of that day."""
    scope = Scope(tables, filters)
    snapshots = scope.of_scope("vaccination_snapshots")
    rows = []
    for day in sorted(set(snapshots.loc[snapshots["as_of"] <= scope.end, "as_of"])):
        latest = latest_snapshots(snapshots, day)
        names = [name for name, _ in scope.center_rows() if (latest["center"] == name).any()]
        rows += [{"day": day, "center": name, **rates(mine)} for name, mine in with_total(names, latest)]
    return frame(rows, ["day", "center", *RATE_COLUMNS])


def vaccination_by_size(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The latest snapshots as of `to` in five bands of staff_total (every band present)."""
    scope = Scope(tables, filters)
    latest = latest_snapshots(scope.of_scope("vaccination_snapshots"), scope.end)
    rows = []
    for order, (band, low, high) in enumerate(SIZE_BANDS, start=1):
        mine = latest[(latest["staff_total"] >= low) & (latest["staff_total"] <= high)]
        rows.append({"band": band, "band_order": order, **rates(mine)})
    return frame(rows, ["band", "band_order", *RATE_COLUMNS])


BELOW_COLUMNS = [
    "uscc",
    "name",
    "center",
    "park",
    "as_of",
    "staff_total",
    "dose1",
    "full_course",
    "dose1_rate",
    "full_course_rate",
]


def vaccination_below(tables: Mapping[str, pd.DataFrame], filters: Filters, threshold: float) -> pd.DataFrame:
    """Scope enterprises whose latest snapshot as of `to` has dose1 / staff_total < threshold."""
    scope = Scope(tables, filters)
    latest = latest_snapshots(scope.of_scope("vaccination_snapshots"), scope.end)
    names = scope.enterprises.set_index("uscc")
    rows = []
    for _, snapshot in latest.iterrows():
        staff = plain(snapshot["staff_total"])
        dose1_rate = ratio(plain(snapshot["dose1"]), staff)
        if dose1_rate is None or not dose1_rate < threshold:
            continue
        enterprise = names.loc[snapshot["uscc"]]
        rows.append(
            {
                "uscc": snapshot["uscc"],
                "name": enterprise["name"],
                "center": enterprise["center"],
                "park": enterprise["park"],
                "as_of": snapshot["as_of"],
                "staff_total": staff,
                "dose1": plain(snapshot["dose1"]),
                "full_course": plain(snapshot["full_course"]),
                "dose1_rate": dose1_rate,
                "full_course_rate": ratio(plain(snapshot["full_course"]), staff),
            }
        )
    rows.sort(key=lambda r: (r["dose1_rate"], r["name"]))
    return frame(rows, BELOW_COLUMNS)


# --- activities ----------------------------------------------------------------------------------------


def activities_breakdown(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center × service category and per center × venue ('—' without one): activities, person-times."""
    scope = Scope(tables, filters)
    activities = scope.activities.assign(_venue=scope.activities["venue"].map(lambda v: plain(v) or NO_VENUE))
    rows = []
    for dimension, column in (("category", "category"), ("venue", "_venue")):
        for (center, item), group in activities.groupby(["center", column]):
            rows.append(
                {
                    "center": center,
                    "dimension": dimension,
                    "item": item,
                    "activities": len(group),
                    "person_times": total(group["person_times"]),
                }
            )
    return frame(rows, ["center", "dimension", "item", "activities", "person_times"])


def activities_monthly(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Every center in scope × month from the month of `from` to the month of `to`: activities of the
    period in that month, person-times, and person-times per 1,000 workers of the center."""
    scope = Scope(tables, filters)
    activities = scope.activities.assign(_month=scope.activities["activity_date"].map(month_start))
    months = []
    month = month_start(scope.start)
    while month <= scope.end:
        months.append(month)
        month = add_months(month, 1)
    rows = []
    for name, illustrative in scope.center_rows():
        workers = total(scope.enterprises.loc[scope.enterprises["center"] == name, "employees"])
        for month in months:
            mine = activities[(activities["center"] == name) & (activities["_month"] == month)]
            person_times = total(mine["person_times"])
            per_worker = ratio(person_times, workers)
            rows.append(
                {
                    "center": name,
                    "is_illustrative": illustrative,
                    "month": month,
                    "activities": len(mine),
                    "person_times": person_times,
                    "per_1000_workers": None if per_worker is None else per_worker * 1000,
                }
            )
    return frame(
        rows, ["center", "is_illustrative", "month", "activities", "person_times", "per_1000_workers"]
    )


def activities_people(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Over the period's activities with people recorded: per center and total, activities, people,
    person-times and times per person."""
    scope = Scope(tables, filters)
    activities = scope.activities[scope.activities["people"].notna()]
    rows = []
    for name, mine in with_total(sorted(set(activities["center"])), activities):
        people, person_times = total(mine["people"]), total(mine["person_times"])
        rows.append(
            {
                "center": name,
                "activities": len(mine),
                "people": people,
                "person_times": person_times,
                "times_per_person": ratio(person_times, people),
            }
        )
    return frame(rows, ["center", "activities", "people", "person_times", "times_per_person"])


ACTIVITY_COLUMNS = [
    "activity_date",
    "name",
    "center",
    "venue",
    "category",
    "person_times",
    "people",
    "volunteers",
]


def activities_top(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The 15 activities of the period with the most person-times (ties by date, then name)."""
    scope = Scope(tables, filters)
    rows = [{c: plain(row[c]) for c in ACTIVITY_COLUMNS} for _, row in scope.activities.iterrows()]
    rows.sort(key=lambda r: (-r["person_times"], r["activity_date"], r["name"]))
    return frame(rows[:TOP_ACTIVITIES], ACTIVITY_COLUMNS)


def activities_calendar(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Every day of the period: activities and Σ person-times (zeros included)."""
    scope = Scope(tables, filters)
    activities = scope.activities
    rows = []
    for day in pd.date_range(scope.start, scope.end, freq="D"):
        mine = activities[activities["activity_date"] == day]
        rows.append({"day": day, "activities": len(mine), "person_times": total(mine["person_times"])})
    return frame(rows, ["day", "activities", "person_times"])


# --- enterprise ----------------------------------------------------------------------------------------

SUMMARY_COLUMNS = [
    "visits",
    "tickets_received",
    "tickets_closed",
    "median_resolution_days",
    "output_value",
    "output_value_prev_year",
    "output_yoy",
    "vaccination_rate",
]


def enterprise_summary(tables: Mapping[str, pd.DataFrame], filters: Filters, uscc: str) -> pd.DataFrame:
    """One enterprise over the period (the center / park / type filters do not apply)."""
    tables = topic_tables(tables)
    window = Window(pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end))

    def mine(table: str) -> pd.DataFrame:
        data = tables[table]
        return data[data["uscc"] == uscc]

    visits = mine("visits")
    tickets = mine("tickets")
    cohort = tickets[(tickets["status"] != WITHDRAWN) & window.contains(tickets["received_date"])]
    closed = cohort[cohort["closed_date"] <= window.end]
    days = [float(d) for d in (closed["closed_date"] - closed["received_date"]).dt.days]
    output = mine("output_monthly")
    value = float(total(output.loc[window.contains(output["period"]), "output_wan"]))
    a_year_later = output["period"] + pd.DateOffset(months=12)
    previous = float(total(output.loc[window.contains(a_year_later), "output_wan"]))
    latest = latest_snapshots(mine("vaccination_snapshots"), window.end)
    vaccination = None
    if len(latest):
        vaccination = ratio(plain(latest["dose1"].iloc[0]), plain(latest["staff_total"].iloc[0]))
    row = {
        "visits": int(window.contains(visits["visit_date"]).sum()),
        "tickets_received": len(cohort),
        "tickets_closed": len(closed),
        "median_resolution_days": percentile(days, 50),
        "output_value": value,
        "output_value_prev_year": previous,
        "output_yoy": minus_one(ratio(value, previous)),
        "vaccination_rate": vaccination,
    }
    return frame([row], SUMMARY_COLUMNS)


# Marts taking only (tables, filters); vaccination_below and enterprise_summary take one more argument.
MARTS: dict[str, Callable[[Mapping[str, pd.DataFrame], Filters], pd.DataFrame]] = {
    "visits_weekly": visits_weekly,
    "visits_coverage": visits_coverage,
    "visits_workers": visits_workers,
    "visits_not_visited": visits_not_visited,
    "output_monthly": output_monthly,
    "output_parks": output_parks,
    "output_growth": output_growth,
    "output_shares": output_shares,
    "output_top": output_top,
    "output_growth_bins": output_growth_bins,
    "vaccination_timeline": vaccination_timeline,
    "vaccination_by_size": vaccination_by_size,
    "activities_breakdown": activities_breakdown,
    "activities_monthly": activities_monthly,
    "activities_people": activities_people,
    "activities_top": activities_top,
    "activities_calendar": activities_calendar,
}
