import datetime as dt

from analytics import db
from analytics.workdays import add_working_days_one, calendar_frame, official_years

D = dt.date


def test_national_day_2021_and_its_make_up_saturday():
    # 1–7 Oct 2021 off; Sun 26 Sep and Sat 9 Oct 2021 were working days.
    assert add_working_days_one(D(2021, 9, 30), 1) == D(2021, 10, 8)
    assert add_working_days_one(D(2021, 9, 30), 2) == D(2021, 10, 9)
    assert add_working_days_one(D(2021, 9, 24), 1) == D(2021, 9, 26)
    assert add_working_days_one(D(2021, 9, 24), 7) == D(2021, 10, 9)


def test_a_year_the_calendar_lacks_uses_weekends_only():
    assert 2027 not in official_years()
    assert add_working_days_one(D(2027, 1, 1), 1) == D(
        2027, 1, 4
    )  # Friday → Monday: no New Year holiday known
    frame = calendar_frame().set_index("day")
    assert not frame.loc[D(2027, 1, 1), "is_official"]
    assert frame.loc[D(2027, 1, 1), "is_workday"]


def test_calendar_table_counts_working_days_between_dates(tmp_path):
    con = db.connect(tmp_path / "c.duckdb")
    (between,) = con.execute(
        "SELECT c2.workday_seq - c1.workday_seq FROM calendar_days c1, calendar_days c2 "
        "WHERE c1.day = DATE '2021-09-30' AND c2.day = DATE '2021-10-09'"
    ).fetchone()
    assert between == 2  # 8 Oct and the make-up Saturday 9 Oct
