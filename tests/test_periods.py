import datetime as dt

import pytest

from analytics import db
from analytics.periods import Period, add_months, default_period, latest_date, matching_preset, preset

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


TODAY = D(2022, 6, 20)  # the latest date in the data


@pytest.mark.parametrize(
    ("name", "today", "expected"),
    [
        ("this_month", TODAY, Period(D(2022, 6, 1), D(2022, 6, 30))),
        ("last_month", TODAY, Period(D(2022, 5, 1), D(2022, 5, 31))),
        ("last_month", D(2022, 1, 10), Period(D(2021, 12, 1), D(2021, 12, 31))),
        ("this_quarter", TODAY, Period(D(2022, 4, 1), D(2022, 6, 30))),
        ("this_quarter", D(2022, 5, 3), Period(D(2022, 4, 1), D(2022, 5, 31))),
        ("this_quarter", D(2022, 12, 31), Period(D(2022, 10, 1), D(2022, 12, 31))),
        ("year_to_date", TODAY, Period(D(2022, 1, 1), D(2022, 6, 30))),
        ("last_12_months", TODAY, Period(D(2021, 7, 1), D(2022, 6, 30))),
        ("last_12_months", D(2024, 2, 29), Period(D(2023, 3, 1), D(2024, 2, 29))),
        ("last_year", TODAY, Period(D(2021, 1, 1), D(2021, 12, 31))),
    ],
)
def test_presets_are_whole_months_up_to_todays_month(name, today, expected):
    assert preset(name, today) == expected
    assert expected.whole_months is not None


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown period preset"):
        preset("next_month", TODAY)


def test_matching_preset():
    assert matching_preset(Period(D(2021, 7, 1), D(2022, 6, 30)), TODAY) == "last_12_months"
    assert matching_preset(Period(D(2022, 1, 1), D(2022, 1, 31)), D(2022, 1, 5)) == "this_month"
    assert matching_preset(Period(D(2022, 1, 1), D(2022, 6, 29)), TODAY) is None


def test_default_period_is_the_last_12_months_preset_as_of_the_latest_date(demo_db):
    con = db.connect(demo_db)
    assert default_period(con) == preset("last_12_months", latest_date(con))
