"""Mainland China working-day calendar: statutory holidays and make-up working days.

Built from the `chinesecalendar` package for the years it covers; outside them only weekends are
days off, and `is_official` is false so pages can say so.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pandas as pd
from chinese_calendar import constants

CALENDAR_START = dt.date(1950, 1, 1)  # the importer accepts dates 1950–2100 (anything else is a typo)
CALENDAR_END = dt.date(2105, 12, 31)  # room for time limits counted from the last accepted date


def official_years() -> range:
    """Years for which the statutory holiday calendar has data."""
    days = list(constants.holidays) + list(constants.workdays)
    return range(min(days).year, max(days).year + 1)


@cache
def _calendar() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every day from CALENDAR_START to CALENDAR_END (datetime64[D]), is_workday, is_official."""
    days = np.arange(np.datetime64(CALENDAR_START, "D"), np.datetime64(CALENDAR_END, "D") + 1)
    years = official_years()
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    is_official = (year >= years.start) & (year < years.stop)
    weekend = (days.astype(np.int64) + 3) % 7 >= 5  # day 0, 1970-01-01, was a Thursday
    holidays = np.isin(days, np.array(list(constants.holidays), dtype="datetime64[D]"))
    makeup = np.isin(days, np.array(list(constants.workdays), dtype="datetime64[D]"))
    is_workday = np.where(is_official, (~weekend & ~holidays) | makeup, ~weekend)
    return days, is_workday, is_official


@cache
def calendar_frame() -> pd.DataFrame:
    """One row per day from CALENDAR_START to CALENDAR_END: day, is_workday, workday_seq, is_official."""
    days, is_workday, is_official = _calendar()
    return pd.DataFrame(
        {
            "day": days.astype(object),  # datetime.date
            "is_workday": is_workday,
            "workday_seq": np.cumsum(is_workday).astype("int32"),
            "is_official": is_official,
        }
    )


@cache
def _workday_array() -> np.ndarray:
    days, is_workday, _ = _calendar()
    return days[is_workday]


def add_working_days(start: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The n-th working day after each start date (the start itself not counted).

    Vectorised: `start` is datetime64[D], `n` positive integers of the same length.
    """
    workdays = _workday_array()
    already = np.searchsorted(workdays, start.astype("datetime64[D]"), side="right")
    index = already + n.astype(np.int64) - 1
    if index.size and index.max() >= workdays.size:
        raise ValueError("date beyond the working-day calendar")
    return workdays[index]


def add_working_days_one(start: dt.date, n: int) -> dt.date:
    """Scalar form of add_working_days."""
    result = add_working_days(np.array([start], dtype="datetime64[D]"), np.array([n]))
    return result[0].astype(dt.date)
