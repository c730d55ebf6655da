"""An independent pandas implementation of the demand-analytics marts (tickets_*): the test oracle.

Written from docs/metrics.md ("Beyond the table") and the mart definitions of the
demand page, never from analytics/sql. One small function per mart; each returns a DataFrame of plain
Python values (None for null) with the columns of the mart it mirrors.

Vocabulary (the same for every mart):
- scope: the tickets of the enterprises selected by centers / parks / types exactly as tests/reference.py
  selects them, narrowed to `filters.categories` when that is non-empty. A ticket's center is the center
  of its enterprise's park.
- withdrawn: status 已撤销. cohort: in-scope tickets received in [from, to], not withdrawn.
  closed: cohort tickets with closed_date ≤ to. open at `to`: received ≤ to, not withdrawn, closed_date
  null or > to.
- days: closed_date − received_date in calendar days. working days: the working days in
  (received_date, closed_date] (the received day not counted, the closed day counted), by the
  `chinese_calendar` package for the years it covers and weekends only for the others.

Decisions where the definitions are silent:
- tickets_monthly, tickets_categories and tickets_response are group-bys: a center appears only with at
  least one ticket in the group (closed tickets for monthly, cohort tickets for the other two). Their
  row order is not part of the contract (the tests compare them by key). tickets_response always has
  its total row (center None), with null ratios when the cohort is empty.
- tickets_response counts a response date whenever it is present (no bound at `to`).
- tickets_flow: a week's received / closed count only the days of the week inside [from, to].
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import chinese_calendar
import numpy as np
import pandas as pd

from analytics.filters import Filters
from tests.reference import WITHDRAWN, Window, centers_in_scope, enterprises_in_scope, prepared

TICKET_COLUMNS = (
    "row_key",
    "ticket_no",
    "received_date",
    "uscc",
    "category",
    "description",
    "lead_unit",
    "responded_date",
    "due_date",
    "closed_date",
    "status",
    "escalated",
)
TICKET_DATES = ("received_date", "responded_date", "due_date", "closed_date")

# (label, first age, last age) in days; None = no upper bound. bucket_order is the 1-based position.
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0–7", 0, 7),
    ("8–15", 8, 15),
    ("16–30", 16, 30),
    ("31–90", 31, 90),
    (">90", 91, None),
)
REPEAT_WINDOW_DAYS = 30

BOX_COLUMNS = (
    "n",
    "q1",
    "median",
    "q3",
    "p90",
    "mean",
    "maximum",
    "lower_whisker",
    "upper_whisker",
    "outliers",
    "median_low",
    "median_high",
)


# --- the working-day calendar, computed here from chinese_calendar ---------------------------------------


@cache
def calendar_covers(year: int) -> bool:
    """Whether chinese_calendar has the statutory holidays of `year`."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@cache
def is_workday(day: dt.date) -> bool:
    """Statutory calendar where covered (holidays off, make-up weekend days on); else Monday–Friday."""
    if calendar_covers(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def working_days(received: dt.date, closed: dt.date) -> int:
    """Working days in (received, closed]: the received day not counted, the closed day counted."""
    span = (closed - received).days
    return sum(is_workday(received + dt.timedelta(days=k)) for k in range(1, span + 1))


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


def percentile(values: list[float] | np.ndarray, q: float) -> float | None:
    """Continuous (linear) percentile; None over an empty set."""
    values = np.asarray(values, dtype=float)
    return float(np.percentile(values, q)) if values.size else None


def calendar_days(frame: pd.DataFrame, until: str = "closed_date") -> list[int]:
    return [int(d) for d in (frame[until] - frame["received_date"]).dt.days]


def ticket_working_days(frame: pd.DataFrame) -> list[int]:
    return [
        working_days(r.date(), c.date())
        for r, c in zip(frame["received_date"], frame["closed_date"], strict=True)
    ]


# --- scope ---------------------------------------------------------------------------------------------


class Scope:
    """The in-scope tickets (every status, every date) with their center and enterprise name."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], filters: Filters) -> None:
        tables = prepared(tables)
        raw = tables["tickets"]
        for column in TICKET_COLUMNS:
            if column not in raw.columns:
                raw[column] = pd.Series([None] * len(raw), index=raw.index, dtype=object)
        for column in TICKET_DATES:
            raw[column] = pd.to_datetime(raw[column])
        raw["escalated"] = raw["escalated"].map(lambda v: bool(v) if plain(v) is not None else False)

        self.window = Window(pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end))
        self.centers = centers_in_scope(tables, filters)
        enterprises = enterprises_in_scope(tables, filters)[["uscc", "name", "center"]]
        tickets = raw.merge(enterprises.rename(columns={"name": "enterprise"}), on="uscc", how="inner")
        if filters.categories:
            tickets = tickets[tickets["category"].isin(filters.categories)]
        self.tickets = tickets.reset_index(drop=True)

    @property
    def not_withdrawn(self) -> pd.DataFrame:
        return self.tickets[self.tickets["status"] != WITHDRAWN]

    @property
    def cohort(self) -> pd.DataFrame:
        """Received in [from, to], not withdrawn."""
        tickets = self.not_withdrawn
        return tickets[self.window.contains(tickets["received_date"])]

    @property
    def closed(self) -> pd.DataFrame:
        """Cohort tickets with closed_date ≤ to."""
        cohort = self.cohort
        return cohort[cohort["closed_date"] <= self.window.end]

    @property
    def open_at_end(self) -> pd.DataFrame:
        """Received ≤ to, not withdrawn, closed_date null or > to."""
        tickets = self.not_withdrawn
        still_open = tickets["closed_date"].isna() | (tickets["closed_date"] > self.window.end)
        return tickets[(tickets["received_date"] <= self.window.end) & still_open]

    def center_rows(self) -> list[tuple[str, bool]]:
        """(center, is_illustrative) in display order: the rows of center_kpis without the total."""
        return [(row["center"], bool(row["is_illustrative"])) for _, row in self.centers.iterrows()]

    def center_order(self) -> list[str]:
        return [name for name, _ in self.center_rows()]


# --- 1. tickets_box ------------------------------------------------------------------------------------


def box_stats(values: list[int]) -> dict[str, Any]:
    """Quartiles, P90 (linear), mean, maximum, Tukey whiskers and outliers, and the order-statistic
    interval of the median: ranks max(1, ⌊n/2 − 0.98√n⌋) and min(n, ⌈1 + n/2 + 0.98√n⌉) (1-based)."""
    n = len(values)
    if n == 0:
        return {key: None for key in BOX_COLUMNS} | {"n": 0, "outliers": 0}
    ordered = sorted(values)
    q1, median, q3, p90 = (percentile(ordered, q) for q in (25, 50, 75, 90))
    iqr = q3 - q1
    low_fence, high_fence = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    inside = [v for v in ordered if low_fence <= v <= high_fence]
    low_rank = max(1, math.floor(n / 2 - 0.98 * math.sqrt(n)))
    high_rank = min(n, math.ceil(1 + n / 2 + 0.98 * math.sqrt(n)))
    return {
        "n": n,
        "q1": q1,
        "median": median,
        "q3": q3,
        "p90": p90,
        "mean": sum(ordered) / n,
        "maximum": ordered[-1],
        "lower_whisker": min(inside),
        "upper_whisker": max(inside),
        "outliers": n - len(inside),
        "median_low": ordered[low_rank - 1],
        "median_high": ordered[high_rank - 1],
    }


def tickets_box(tables: Mapping[str, pd.DataFrame], filters: Filters, unit: str = "days") -> pd.DataFrame:
    """Per center in scope: the distribution of the closed tickets' resolution time in `unit`."""
    if unit not in ("days", "workdays"):
        raise ValueError(unit)
    scope = Scope(tables, filters)
    closed = scope.closed
    values = calendar_days(closed) if unit == "days" else ticket_working_days(closed)
    closed = closed.assign(_value=values)
    uncovered = [
        not (calendar_covers(r.year) and calendar_covers(c.year))
        for r, c in zip(closed["received_date"], closed["closed_date"], strict=True)
    ]
    closed = closed.assign(_outside=uncovered)
    rows = []
    for name, illustrative in scope.center_rows():
        mine = closed[closed["center"] == name]
        rows.append(
            {
                "center": name,
                "is_illustrative": illustrative,
                **box_stats(list(mine["_value"])),
                "outside_calendar": int(mine["_outside"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["center", "is_illustrative", *BOX_COLUMNS, "outside_calendar"])


# --- 2. tickets_monthly --------------------------------------------------------------------------------


def tickets_monthly(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per (center, month of received_date), and per month over all centers (center None): n, median,
    p90 of calendar days over the closed tickets."""
    scope = Scope(tables, filters)
    closed = scope.closed
    closed = closed.assign(
        _month=closed["received_date"].dt.to_period("M").dt.start_time, _days=calendar_days(closed)
    )
    rows = []
    for center in [None, *scope.center_order()]:
        mine = closed if center is None else closed[closed["center"] == center]
        for month, group in sorted(mine.groupby("_month"), key=lambda item: item[0]):
            days = list(group["_days"])
            rows.append(
                {
                    "center": center,
                    "month": pd.Timestamp(month),
                    "n": len(days),
                    "median": percentile(days, 50),
                    "p90": percentile(days, 90),
                }
            )
    return pd.DataFrame(rows, columns=["center", "month", "n", "median", "p90"])


# --- 3. tickets_flow -----------------------------------------------------------------------------------


def tickets_flow(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Weeks (Monday first) from the week of `from` through `to`: received, closed, backlog at week end."""
    scope = Scope(tables, filters)
    start, end = scope.window.start, scope.window.end
    tickets, cohort = scope.not_withdrawn, scope.cohort
    # open on `from`: received before it and not closed before it
    backlog = int(
        (
            (tickets["received_date"] < start)
            & (tickets["closed_date"].isna() | (tickets["closed_date"] >= start))
        ).sum()
    )
    rows = []
    week = start - pd.Timedelta(days=start.day_of_week)
    while week <= end:
        first, last = max(week, start), min(week + pd.Timedelta(days=6), end)
        received = int(((cohort["received_date"] >= first) & (cohort["received_date"] <= last)).sum())
        closed = int(((tickets["closed_date"] >= first) & (tickets["closed_date"] <= last)).sum())
        backlog += received - closed
        rows.append({"week": week, "received": received, "closed": closed, "backlog": backlog})
        week += pd.Timedelta(days=7)
    return pd.DataFrame(rows, columns=["week", "received", "closed", "backlog"])


# --- 4. tickets_aging ----------------------------------------------------------------------------------


def tickets_aging(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Every center in scope × age bucket: tickets open at `to` whose age (to − received_date) falls in it."""
    scope = Scope(tables, filters)
    still_open = scope.open_at_end
    ages = (scope.window.end - still_open["received_date"]).dt.days
    rows = []
    for name, illustrative in scope.center_rows():
        mine = ages[still_open["center"] == name]
        for order, (label, first, last) in enumerate(BUCKETS, start=1):
            inside = (mine >= first) & (mine <= (last if last is not None else math.inf))
            rows.append(
                {
                    "center": name,
                    "is_illustrative": illustrative,
                    "bucket": label,
                    "bucket_order": order,
                    "n": int(inside.sum()),
                }
            )
    return pd.DataFrame(rows, columns=["center", "is_illustrative", "bucket", "bucket_order", "n"])


# --- 5. tickets_categories -----------------------------------------------------------------------------


def tickets_categories(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per (center, category) with ≥ 1 cohort ticket: n (cohort), closed, median days of the closed."""
    scope = Scope(tables, filters)
    cohort = scope.cohort
    rows = []
    for center in scope.center_order():
        mine = cohort[cohort["center"] == center]
        for category, group in sorted(mine.groupby("category"), key=lambda item: item[0]):
            closed = group[group["closed_date"] <= scope.window.end]
            rows.append(
                {
                    "center": center,
                    "category": category,
                    "n": len(group),
                    "closed": len(closed),
                    "median": percentile(calendar_days(closed), 50),
                }
            )
    return pd.DataFrame(rows, columns=["center", "category", "n", "closed", "median"])


# --- 6. tickets_response -------------------------------------------------------------------------------


def is_repeat(ticket: pd.Series, candidates: pd.DataFrame) -> bool:
    """Another not-withdrawn ticket of the same enterprise and category received 0–30 days before; on
    the same day, only a ticket with a smaller row_key makes this one a repeat."""
    same = candidates[
        (candidates["uscc"] == ticket["uscc"])
        & (candidates["category"] == ticket["category"])
        & (candidates["row_key"] != ticket["row_key"])
    ]
    gap = (ticket["received_date"] - same["received_date"]).dt.days
    before = (gap >= 1) & (gap <= REPEAT_WINDOW_DAYS)
    same_day_earlier = (gap == 0) & (same["row_key"] < ticket["row_key"])
    return bool((before | same_day_earlier).any())


def response_row(center: str | None, cohort: pd.DataFrame, candidates: pd.DataFrame) -> dict[str, Any]:
    n = len(cohort)
    responded = cohort[cohort["responded_date"].notna()]
    response_days = calendar_days(responded, until="responded_date")
    escalated = int(cohort["escalated"].sum())
    repeats = sum(is_repeat(ticket, candidates) for _, ticket in cohort.iterrows())
    return {
        "center": center,
        "n": n,
        "responded": len(responded),
        "median_response_days": percentile(response_days, 50),
        "p90_response_days": percentile(response_days, 90),
        "escalated": escalated,
        "escalation_rate": None if n == 0 else escalated / n,
        "repeats": repeats,
        "repeat_rate": None if n == 0 else repeats / n,
    }


def tickets_response(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Per center with cohort tickets, then the total (center None): response, escalation, repeats."""
    scope = Scope(tables, filters)
    cohort, candidates = scope.cohort, scope.not_withdrawn
    rows = [
        response_row(center, cohort[cohort["center"] == center], candidates)
        for center in scope.center_order()
        if (cohort["center"] == center).any()
    ]
    rows.append(response_row(None, cohort, candidates))
    return pd.DataFrame(rows)


# --- 7. tickets_overdue --------------------------------------------------------------------------------

OVERDUE_COLUMNS = (
    "ticket_no",
    "enterprise",
    "uscc",
    "center",
    "category",
    "received_date",
    "due_date",
    "days_overdue",
    "lead_unit",
    "status",
    "description",
)


def tickets_overdue(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Tickets open at `to` with due_date < to, most overdue first, then by received_date, ticket_no."""
    scope = Scope(tables, filters)
    still_open = scope.open_at_end
    overdue = still_open[still_open["due_date"] < scope.window.end]
    overdue = overdue.assign(days_overdue=(scope.window.end - overdue["due_date"]).dt.days)
    overdue = overdue.sort_values(
        ["days_overdue", "received_date", "ticket_no"], ascending=[False, True, True], kind="stable"
    )
    rows = [{column: plain(row[column]) for column in OVERDUE_COLUMNS} for _, row in overdue.iterrows()]
    return pd.DataFrame(rows, columns=list(OVERDUE_COLUMNS))


MARTS = {
    "tickets_monthly": tickets_monthly,
    "tickets_flow": tickets_flow,
    "tickets_aging": tickets_aging,
    "tickets_categories": tickets_categories,
    "tickets_response": tickets_response,
    "tickets_overdue": tickets_overdue,
}
