"""The KPI table on the hand-made fixture (tests/fixtures/metrics, see its README.md).

(a) KPIs computed by hand, written as literals, checked against both the pandas reference and the SQL
    (they pin the reference itself);
(b) center_kpis (SQL) == reference_kpis (pandas) for every key, for several filter combinations.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analytics.filters import Filters
from analytics.kpis import center_kpis
from analytics.periods import Period, default_period
from tests.metrics_data import assert_kpis_equal, database, read_fixture, same_value
from tests.reference import reference_kpis

FIXTURE = Path(__file__).parent / "fixtures" / "metrics"
YEAR_2022 = Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))

SCENARIOS = {
    "whole_scope": Filters(YEAR_2022),
    "one_center": Filters(YEAR_2022, centers=("甲社区",)),
    "park_filter": Filters(YEAR_2022, parks=("甲一园", "乙一园")),
    "type_filter": Filters(YEAR_2022, types=("high_tech", "eagle")),
    "no_events": Filters(Period(dt.date(2023, 3, 1), dt.date(2023, 3, 31))),
    "one_day": Filters(Period(dt.date(2022, 12, 31), dt.date(2022, 12, 31))),
    # a center and a park of another center: no center row, an empty total
    "disjoint_center_and_park": Filters(YEAR_2022, centers=("甲社区",), parks=("乙一园",)),
}


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_fixture(FIXTURE)


@pytest.fixture(scope="module")
def con(tmp_path_factory, tables):
    connection = database(tmp_path_factory.mktemp("metrics") / "fixture.duckdb", tables)
    yield connection
    connection.close()


@pytest.fixture(params=["reference", "sql"])
def kpis(request, con, tables):
    """The KPI table by one implementation: the hand-computed values must hold for both."""
    if request.param == "reference":
        return lambda filters: reference_kpis(tables, filters)
    return lambda filters: center_kpis(con, filters)


def by_center(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {("total" if row["is_total"] else row["center"]): row for _, row in frame.iterrows()}


def check(row: pd.Series, expected: dict[str, Any]) -> None:
    wrong = {key: (row[key], value) for key, value in expected.items() if not same_value(row[key], value)}
    assert not wrong, f"{row['center']}: (got, expected) {wrong}"


# --- (b) SQL == reference -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_sql_matches_reference(con, tables, name):
    filters = SCENARIOS[name]
    assert_kpis_equal(center_kpis(con, filters), reference_kpis(tables, filters), name)


def test_default_period_is_2022(con):
    # the latest visit (V04) and the latest received ticket (T13) are both 2022-12-31
    assert default_period(con) == YEAR_2022


# --- (a) by hand ----------------------------------------------------------------------------------------


def test_whole_scope_by_hand(kpis):
    table = kpis(SCENARIOS["whole_scope"])
    # sort_order: 乙 1, then 甲 and 丙 tie on 2 and go by name (丙 U+4E19 < 甲 U+7532)
    assert list(table["center"].iloc[:-1]) == ["乙社区", "丙社区", "甲社区"]
    assert list(table["is_total"]) == [False, False, False, True]
    rows = by_center(table)
    check(
        rows["甲社区"],
        {
            "enterprises": 5,  # E01–E05 (甲三园 has none)
            "workers": 550,  # 120 + 80 + (E03 null) + 300 + 50
            "visits": 3,  # V01 (on `from`), V02, V04 (on `to`); V03 is 2021-12-31
            "enterprises_visited": 2,  # E01 twice, E04
            "visit_coverage": 2 / 5,
            "tickets_received": 5,  # T01 T02 T04 T06 T07; T03 withdrawn, T05 received 2021
            "tickets_closed": 4,  # T04 closed 2023-01-05, after `to`
            "closure_rate": 4 / 5,
            "median_resolution_days": 14.5,  # days 4, 10, 19, 29 → (10 + 19) / 2
            "p90_resolution_days": 26.0,  # rank 0.9 × 3 = 2.7 → 19 + 0.7 × (29 − 19)
            "on_time_rate": 2 / 4,  # T01 yes, T02 late, T06 no due date, T07 closed on its due date
            "satisfaction_rate": 2 / 3,  # T01 满意, T02 不满意, T06 基本满意; T07 unrated; T04 not closed
            "open_tickets": 2,  # T04 (closed after `to`), T05 (open since 2021)
            "overdue_tickets": 2,  # T04 due 2022-11-30, T05 due 2021-11-25
            "output_value": 750.5,  # E01 2022-01 120 + 2022-06 130.5, E04 2022-03 500 (2023-01 out)
            "output_value_prev_year": 610.0,  # E01 2021-01 100 + 2021-06 110, E04 2021-03 400 (2020-12 out)
            "output_yoy": 750.5 / 610 - 1,
            "vaccination_staff": 500,  # E01 2022-06-30 120 (not 2023-01-15), E02 80, E04 2021-12-31 300
            "vaccinated_dose1": 420,  # 100 + 70 + 250
            "vaccination_rate": 420 / 500,
            "full_course_rate": 280 / 500,  # 80 + (E02 null) + 200
            "activities": 2,  # A01, A02 (null park counts without a park filter); A03 2021
            "activity_person_times": 80,
            "participation_per_1000_workers": 80 / 550 * 1000,
        },
    )
    check(
        rows["乙社区"],
        {
            "enterprises": 7,
            "workers": 990,
            "visits": 3,  # V05 V06 V08; V07 2021
            "visit_coverage": 3 / 7,
            "tickets_received": 7,  # T08 T09 T10 T11 T13 T15 T16; T12 and T14 received 2021
            "tickets_closed": 3,  # T08 (2 d), T11 (0 d), T16 (15 d)
            "median_resolution_days": 2.0,
            "p90_resolution_days": 12.4,  # rank 1.8 → 2 + 0.8 × 13
            "on_time_rate": 2 / 3,  # T16 closed 10-25 > due 10-20
            "satisfaction_rate": 2 / 3,  # 基本满意, 不满意, 满意
            "open_tickets": 4,  # T09 T10 T13 T15
            "overdue_tickets": 0,  # T09/T13 due 2023, T10 no due date, T15 due == `to` (not before)
            "output_value": 80.0,  # E06 2022-05 80 + E11 2022-12 0
            "output_value_prev_year": 60.0,  # E10 2021-05
            "output_yoy": 80 / 60 - 1,
            "vaccination_staff": 230,  # E06 as_of == `to` 200, E07 30; E09 only 2023
            "full_course_rate": 150 / 230,  # E07 full_course null
            "activity_person_times": 65,  # A04 40 + A05 (on `to`) 25
        },
    )
    check(
        rows["丙社区"],
        {
            "enterprises": 0,
            "workers": 0,
            "visit_coverage": None,
            "closure_rate": None,
            "median_resolution_days": None,
            "output_yoy": None,
            "vaccination_rate": None,
            "full_course_rate": None,
            "activities": 1,  # A06; A07 is 2023
            "activity_person_times": 60,
            "participation_per_1000_workers": None,  # 60 person-times but no workers
        },
    )
    check(
        rows["total"],
        {
            "enterprises": 12,
            "workers": 1540,
            "visits": 6,
            "enterprises_visited": 5,
            "tickets_received": 12,
            "tickets_closed": 7,
            "median_resolution_days": 10.0,  # 0 2 4 10 15 19 29
            "p90_resolution_days": 23.0,  # rank 5.4 → 19 + 0.4 × 10
            "on_time_rate": 4 / 7,
            "satisfaction_rate": 4 / 6,
            "open_tickets": 6,
            "overdue_tickets": 2,
            "output_value": 830.5,
            "output_yoy": 830.5 / 670 - 1,
            "vaccination_staff": 730,
            "full_course_rate": 430 / 730,
            "activities": 5,
            "activity_person_times": 205,
            "participation_per_1000_workers": 205 / 1540 * 1000,
        },
    )


def test_one_center_by_hand(kpis):
    table = kpis(SCENARIOS["one_center"])
    assert list(table["center"].iloc[:-1]) == ["甲社区"]
    rows = by_center(table)
    # the total over the scope is the one center
    check(rows["total"], {key: rows["甲社区"][key] for key in table.columns[3:]})
    check(rows["total"], {"enterprises": 5, "activities": 2, "open_tickets": 2, "output_value": 750.5})


def test_park_filter_by_hand(kpis):
    table = kpis(SCENARIOS["park_filter"])
    # 丙社区 owns none of the chosen parks: no row
    assert list(table["center"].iloc[:-1]) == ["乙社区", "甲社区"]
    rows = by_center(table)
    check(
        rows["甲社区"],
        {
            "enterprises": 3,  # 甲一园: E01 E02 E03
            "workers": 200,
            "visits": 2,  # V01 V02
            "visit_coverage": 1 / 3,
            "tickets_received": 2,  # T01 T02; T03 withdrawn
            "median_resolution_days": 11.5,  # 4, 19
            "p90_resolution_days": 17.5,  # 4 + 0.9 × 15
            "satisfaction_rate": 1 / 2,
            "open_tickets": 0,
            "output_value": 250.5,
            "output_value_prev_year": 210.0,
            "vaccination_staff": 200,  # E01 120 + E02 80
            "full_course_rate": 80 / 200,  # E02 does not report full_course
            "activities": 1,  # A01; A02 has no park, so a park filter drops it
            "participation_per_1000_workers": 50 / 200 * 1000,
        },
    )
    check(
        rows["乙社区"],
        {
            "enterprises": 3,  # 乙一园: E06 E07 E08
            "tickets_received": 4,  # T08 T09 T10 T16
            "closure_rate": 2 / 4,
            "open_tickets": 2,  # T09 T10
            "output_value": 80.0,
            "output_value_prev_year": 0.0,
            "output_yoy": None,  # no output a year earlier
            "activities": 1,  # A04
            "activity_person_times": 40,
        },
    )
    check(rows["total"], {"enterprises": 6, "workers": 490, "activities": 2, "activity_person_times": 90})


def test_type_filter_by_hand(kpis):
    # ANY of high_tech / eagle: E02 (high_tech), E05 (eagle), E08 (both, counted once)
    table = kpis(SCENARIOS["type_filter"])
    assert list(table["center"].iloc[:-1]) == ["乙社区", "丙社区", "甲社区"]  # no center dropped
    rows = by_center(table)
    check(
        rows["甲社区"],
        {
            "enterprises": 2,
            "workers": 130,
            "visits": 0,
            "visit_coverage": 0.0,  # 0 of 2: zero, not null
            "tickets_received": 2,  # T06 T07 (T03 withdrawn)
            "median_resolution_days": 19.5,  # 10, 29
            "p90_resolution_days": 27.1,  # 10 + 0.9 × 19
            "on_time_rate": 1 / 2,
            "satisfaction_rate": 1.0,  # only T06 is rated
            "output_value": 0.0,
            "output_yoy": None,
            "vaccination_staff": 80,
            "vaccination_rate": 70 / 80,
            "full_course_rate": None,  # E02's snapshot has no full_course; E05 has none
            "activities": 2,  # the type filter does not apply to activities
            "participation_per_1000_workers": 80 / 130 * 1000,
        },
    )
    check(
        rows["乙社区"],
        {
            "enterprises": 1,
            "tickets_closed": 1,
            "median_resolution_days": 15.0,
            "p90_resolution_days": 15.0,
            "on_time_rate": 0.0,
            "vaccination_staff": 0,
            "vaccination_rate": None,
            "full_course_rate": None,
            "participation_per_1000_workers": 65 / 60 * 1000,
        },
    )
    check(rows["total"], {"enterprises": 3, "workers": 190, "activities": 5, "activity_person_times": 205})


def test_period_without_events_by_hand(kpis):
    # March 2023: no visit, ticket, activity or output month; the backlog, a year-earlier month and the
    # vaccination snapshots still count
    rows = by_center(kpis(SCENARIOS["no_events"]))
    check(
        rows["甲社区"],
        {
            "enterprises": 5,
            "visits": 0,
            "visit_coverage": 0.0,
            "tickets_received": 0,
            "closure_rate": None,
            "median_resolution_days": None,
            "on_time_rate": None,
            "satisfaction_rate": None,
            "open_tickets": 1,  # T05; T04 closed 2023-01-05
            "overdue_tickets": 1,
            "output_value": 0.0,
            "output_value_prev_year": 500.0,  # E04 2022-03
            "output_yoy": -1.0,
            "vaccination_staff": 505,  # E01 2023-01-15 125 + E02 80 + E04 300
            "vaccinated_dose1": 440,
            "full_course_rate": 310 / 505,
            "activities": 0,
            "participation_per_1000_workers": 0.0,
        },
    )
    check(
        rows["乙社区"],
        {
            "open_tickets": 4,  # T09 T10 T13 T15
            "overdue_tickets": 3,  # T10 has no due date
            "output_yoy": None,
            "vaccination_staff": 270,  # E06 200, E07 30, E09 2023-02-01 40
            "full_course_rate": 190 / 270,
        },
    )
    check(rows["total"], {"open_tickets": 5, "overdue_tickets": 4, "output_yoy": -1.0, "activities": 0})


def test_one_day_period_by_hand(kpis):
    rows = by_center(kpis(SCENARIOS["one_day"]))  # 2022-12-31 only
    check(rows["甲社区"], {"visits": 1, "visit_coverage": 1 / 5, "tickets_received": 0, "closure_rate": None})
    check(
        rows["乙社区"],
        {
            "tickets_received": 1,  # T13
            "tickets_closed": 0,
            "closure_rate": 0.0,  # 0 of 1: zero, not null
            "median_resolution_days": None,
            "on_time_rate": None,
            "satisfaction_rate": None,
            "open_tickets": 4,
            "activities": 1,  # A05
            "activity_person_times": 25,
        },
    )
    check(
        rows["total"],
        {
            "visits": 1,
            "open_tickets": 6,
            "overdue_tickets": 2,
            "output_value": 0.0,  # no month starts on 2022-12-31
            "output_value_prev_year": 0.0,
            "output_yoy": None,
            "vaccination_staff": 730,  # snapshots have no lower bound
        },
    )


def test_disjoint_center_and_park_by_hand(kpis):
    table = kpis(SCENARIOS["disjoint_center_and_park"])
    assert list(table["is_total"]) == [True]
    check(
        by_center(table)["total"],
        {"enterprises": 0, "workers": 0, "activities": 0, "visit_coverage": None, "open_tickets": 0},
    )
