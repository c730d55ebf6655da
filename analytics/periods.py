"""Reporting periods: inclusive date ranges, their comparison periods, the presets and the default period.

The presets (本月, 上月, 本季度, 今年以来, 近12个月, 上年) are counted from a given "today": the dashboard passes
the latest date in the data, so a preset never lands on months the ledgers have not reached. They are made of
whole months (so their previous period and the year before are whole months too) and end, at the latest,
with today's month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import duckdb


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of the target month (29 Feb → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive range of dates."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int | None:
        """Number of calendar months when the period is made of whole months, else None."""
        if self.start.day != 1 or self.end != month_end(self.end):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The period of equal length just before: whole months shift by months, else by days."""
        months = self.whole_months
        if months is not None:
            start = add_months(self.start, -months)
            return Period(start, month_end(add_months(start, months - 1)))
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    def year_earlier(self) -> Period:
        """The same dates one year earlier."""
        if self.whole_months is not None:
            return Period(add_months(self.start, -12), month_end(add_months(self.end, -12)))
        return Period(add_months(self.start, -12), add_months(self.end, -12))


PRESETS: tuple[str, ...] = (
    "this_month",
    "last_month",
    "this_quarter",
    "year_to_date",
    "last_12_months",
    "last_year",
)


def preset(name: str, today: dt.date) -> Period:
    """The preset period `name` as of `today`: this month, last month, this quarter (its months up to today's),
    the year to date (January to today's month), the last 12 months (today's month and the 11 before), last
    calendar year."""
    month = today.replace(day=1)
    end = month_end(today)
    if name == "this_month":
        return Period(month, end)
    if name == "last_month":
        start = add_months(month, -1)
        return Period(start, month_end(start))
    if name == "this_quarter":
        return Period(month.replace(month=(today.month - 1) // 3 * 3 + 1), end)
    if name == "year_to_date":
        return Period(month.replace(month=1), end)
    if name == "last_12_months":
        return Period(add_months(month, -11), end)
    if name == "last_year":
        return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    raise ValueError(f"unknown period preset: {name}")


def matching_preset(period: Period, today: dt.date) -> str | None:
    """The first preset equal to `period` as of `today`, if any (本季度 in January is also 本月)."""
    return next((name for name in PRESETS if preset(name, today) == period), None)


def latest_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest date of any visit or ticket: the dashboard's "today"."""
    with con.cursor() as cur:
        (latest,) = cur.execute(
            "SELECT greatest((SELECT max(visit_date) FROM visits), (SELECT max(received_date) FROM tickets))"
        ).fetchone()
    return latest


def default_period(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> Period:
    """The 12 full calendar months up to and including the latest month with any visit or ticket (the preset
    近12个月 as of the latest date in the data).

    With no visit or ticket at all, the 12 months up to and including the current month.
    """
    return preset("last_12_months", latest_date(con) or today or dt.date.today())
