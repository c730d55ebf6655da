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
def calendar_frame() -> pd.DataFrame:
    """One row per day from CALENDAR_START to CALENDAR_END: day, is_workday, workday_seq, is_official."""
    days = pd.date_range(CALENDAR_START, CALENDAR_END, freq="D")
    years = official_years()
    is_official = (days.year >= years.start) & (days.year < years.stop)
    weekend = days.day_of_week >= 5
    holidays = days.isin(pd.to_datetime(list(constants.holidays)))
    makeup = days.isin(pd.to_datetime(list(constants.workdays)))
    is_workday = np.where(is_official, (~weekend & ~holidays) | makeup, ~weekend)
    return pd.DataFrame(
        {
            "day": days.date,
            "is_workday": is_workday,
            "workday_seq": np.cumsum(is_workday).astype("int32"),
            "is_official": is_official,
        }
    )


@cache
def _workday_array() -> np.ndarray:
    frame = calendar_frame()
    return frame.loc[frame["is_workday"], "day"].to_numpy(dtype="datetime64[D]")


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
