"""Reporting periods: inclusive date ranges, their comparison periods, and the default period."""

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


def default_period(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> Period:
    """The 12 full calendar months up to and including the latest month with any visit or ticket.

    With no visit or ticket at all, the 12 months up to and including the current month.
    """
    with con.cursor() as cur:
        (latest,) = cur.execute(
            "SELECT greatest((SELECT max(visit_date) FROM visits), (SELECT max(received_date) FROM tickets))"
        ).fetchone()
    anchor = latest or today or dt.date.today()
    end = month_end(anchor)
    return Period(add_months(end.replace(day=1), -11), end)
