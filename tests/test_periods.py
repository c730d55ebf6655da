import datetime as dt

import pytest

from analytics import db
from analytics.periods import Period, add_months, default_period

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2020, 2, 29), -12, D(2019, 2, 28)),
        (D(2021, 1, 31), 1, D(2021, 2, 28)),
        (D(2021, 12, 15), 1, D(2022, 1, 15)),
        (D(2021, 3, 1), -3, D(2020, 12, 1)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_previous_of_whole_months_shifts_by_months():
    period = Period(D(2021, 7, 1), D(2022, 6, 30))
    assert period.whole_months == 12
    assert period.previous() == Period(D(2020, 7, 1), D(2021, 6, 30))
    assert Period(D(2021, 3, 1), D(2021, 3, 31)).previous() == Period(D(2021, 2, 1), D(2021, 2, 28))


def test_previous_of_arbitrary_days_shifts_by_length():
    period = Period(D(2021, 3, 10), D(2021, 3, 19))
    assert period.whole_months is None
    assert period.previous() == Period(D(2021, 2, 28), D(2021, 3, 9))
    assert period.previous().days == period.days


def test_year_earlier():
    assert Period(D(2021, 7, 1), D(2022, 6, 30)).year_earlier() == Period(D(2020, 7, 1), D(2021, 6, 30))
    assert Period(D(2020, 2, 1), D(2020, 2, 29)).year_earlier() == Period(D(2019, 2, 1), D(2019, 2, 28))
    assert Period(D(2021, 5, 3), D(2021, 5, 9)).year_earlier() == Period(D(2020, 5, 3), D(2020, 5, 9))


def test_period_must_not_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2021, 5, 2), D(2021, 5, 1))


def test_default_period_is_twelve_months_to_latest_event_month(demo_db):
    con = db.connect(demo_db)
    assert default_period(con) == Period(D(2021, 7, 1), D(2022, 6, 30))
    con.execute(
        "INSERT INTO visits (row_key, visit_date, uscc, staff) VALUES ('x', DATE '2022-09-14', 'u', 's')"
    )
    assert default_period(con) == Period(D(2021, 10, 1), D(2022, 9, 30))


def test_default_period_without_events_ends_in_the_current_month(tmp_path):
    con = db.connect(tmp_path / "empty.duckdb")
    assert default_period(con, today=D(2026, 11, 26)) == Period(D(2025, 12, 1), D(2026, 11, 30))
