"""The demand-analytics marts (analytics/sql/marts/tickets_*.sql) against an independent pandas reference.

(a) Values worked out by hand on the fixture tests/fixtures/tickets (see its README.md), written as
    literals and checked against both the reference and the SQL, so they pin the reference itself;
(b) every mart (SQL) == tests/reference_tickets.py for several filters: counts exactly, floats with
    rel_tol 1e-9 / abs_tol 1e-12, null only equal to null;
(c) consistency with the KPI table (center_kpis): final backlog, aging, box n/median/P90, category
    counts and the overdue list agree with tickets_received, tickets_closed, open_tickets, ...;
(d) one Hypothesis property: (b) and (c) on small random datasets and filters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.db import connect
from analytics.filters import ENTERPRISE_TYPES, Filters
from analytics.kpis import center_kpis
from analytics.periods import Period
from analytics.queries import run_mart
from tests import reference_tickets as ref
from tests.metrics_data import database, frames, load_tables, read_fixture, same_value
from tests.strategies import maybe, subsets, towns

FIXTURE = Path(__file__).parent / "fixtures" / "tickets"
H2_2021 = Period(dt.date(2021, 7, 1), dt.date(2021, 12, 31))
JAN_2027 = Period(dt.date(2027, 1, 1), dt.date(2027, 1, 31))
ALL_YEARS = Period(dt.date(2021, 1, 1), dt.date(2027, 12, 31))

SCENARIOS = {
    "whole_scope": Filters(H2_2021),
    "one_center": Filters(H2_2021, centers=("西社区",)),
    "one_park": Filters(H2_2021, parks=("东二园",)),
    "one_type": Filters(H2_2021, types=("high_tech",)),
    "categories": Filters(H2_2021, categories=("供电供水", "劳资纠纷")),
    "empty_period": Filters(Period(dt.date(2023, 3, 1), dt.date(2023, 3, 31))),
    "one_day": Filters(Period(dt.date(2021, 9, 30), dt.date(2021, 9, 30))),
    "january_2027": Filters(JAN_2027),
    "all_years": Filters(ALL_YEARS),
    "center_and_park": Filters(H2_2021, centers=("东社区", "南社区"), parks=("东一园", "南一园")),
    "disjoint_center_and_park": Filters(H2_2021, centers=("东社区",), parks=("西一园",)),
}

# (mart, extra parameters, reference function); order of rows is part of the contract where ORDERED.
MARTS: list[tuple[str, dict[str, Any], Callable[..., pd.DataFrame]]] = [
    ("tickets_box", {"unit": "days"}, lambda t, f: ref.tickets_box(t, f, "days")),
    ("tickets_box", {"unit": "workdays"}, lambda t, f: ref.tickets_box(t, f, "workdays")),
    *[(name, {}, function) for name, function in ref.MARTS.items()],
]
ORDERED = {"tickets_box", "tickets_flow", "tickets_aging", "tickets_overdue"}
ROW_KEYS = {
    "tickets_box": ("center",),
    "tickets_monthly": ("center", "month"),
    "tickets_flow": ("week",),
    "tickets_aging": ("center", "bucket_order"),
    "tickets_categories": ("center", "category"),
    "tickets_response": ("center",),
    "tickets_overdue": ("ticket_no",),
}
# Columns a mart may have beyond the contract (not compared).
EXTRA_COLUMNS = {"tickets_flow": {"week_end"}}


# --- comparing ---------------------------------------------------------------------------------------


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    return [
        {c: ref.plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame[columns].itertuples(index=False)
    ]


def sort_key(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    return lambda row: tuple((row[k] is None, str(row[k])) for k in keys)


def mart_differences(name: str, sql: pd.DataFrame, expected: pd.DataFrame) -> list[str]:
    """Every difference between a mart's SQL result and the reference, as readable lines."""
    problems = []
    allowed = EXTRA_COLUMNS.get(name, set())
    if set(sql.columns) - allowed != set(expected.columns):
        problems.append(f"columns: SQL {list(sql.columns)} vs reference {list(expected.columns)}")
    columns = [c for c in expected.columns if c in sql.columns]
    keys = ROW_KEYS[name]
    left, right = records(sql, columns), records(expected, columns)
    if name not in ORDERED:
        left, right = sorted(left, key=sort_key(keys)), sorted(right, key=sort_key(keys))
    labels = [tuple(row.get(k) for k in keys) for row in left]
    if labels != [tuple(row.get(k) for k in keys) for row in right]:
        return [
            *problems,
            f"rows: SQL {labels}\n  vs reference {[tuple(r.get(k) for k in keys) for r in right]}",
        ]
    for label, a, b in zip(labels, left, right, strict=True):
        for column in columns:
            if not same_value(a[column], b[column]):
                problems.append(f"{label}.{column}: SQL {a[column]!r} vs reference {b[column]!r}")
    return problems


def sql_mart(con, name: str, filters: Filters, **extra: Any) -> pd.DataFrame:
    return run_mart(con, name, {**filters.params(), **extra})


def all_differences(con, tables, filters: Filters) -> list[str]:
    problems = []
    for name, extra, function in MARTS:
        label = name + (f"[{extra['unit']}]" if extra else "")
        diff = mart_differences(name, sql_mart(con, name, filters, **extra), function(tables, filters))
        problems += [f"{label}: {line}" for line in diff]
    return problems


def consistency_problems(con, filters: Filters) -> list[str]:
    """The marts (SQL) against the KPI table (SQL) of the same filters."""
    problems = []
    kpis = center_kpis(con, filters)
    centers, total = kpis[~kpis["is_total"]], kpis[kpis["is_total"]].iloc[0]

    def expect(what: str, got: Any, wanted: Any) -> None:
        if not same_value(ref.plain(got), ref.plain(wanted)):
            problems.append(f"{what}: mart {got!r} vs center_kpis {wanted!r}")

    flow = sql_mart(con, "tickets_flow", filters)
    expect("final backlog", flow["backlog"].iloc[-1], total["open_tickets"])

    aging = sql_mart(con, "tickets_aging", filters)
    per_center = aging.groupby("center", sort=False)["n"].sum()
    expect("aging centers", list(per_center.index), list(centers["center"]))
    for _, row in centers.iterrows():
        expect(f"aging sum {row['center']}", per_center.get(row["center"], 0), row["open_tickets"])

    box = sql_mart(con, "tickets_box", filters, unit="days")
    expect("box centers", list(box["center"]), list(centers["center"]))
    for (_, b), (_, k) in zip(box.iterrows(), centers.iterrows(), strict=False):
        expect(f"box n {k['center']}", b["n"], k["tickets_closed"])
        expect(f"box median {k['center']}", b["median"], k["median_resolution_days"])
        expect(f"box p90 {k['center']}", b["p90"], k["p90_resolution_days"])

    categories = sql_mart(con, "tickets_categories", filters)
    expect("categories n", int(categories["n"].sum()), total["tickets_received"])
    expect("categories closed", int(categories["closed"].sum()), total["tickets_closed"])

    response = sql_mart(con, "tickets_response", filters)
    expect(
        "response total n", response.loc[response["center"].isna(), "n"].iloc[0], total["tickets_received"]
    )

    overdue = sql_mart(con, "tickets_overdue", filters)
    expect("overdue count", len(overdue), total["overdue_tickets"])
    return problems


# --- fixture data --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_fixture(FIXTURE)


@pytest.fixture(scope="module")
def con(tmp_path_factory, tables):
    connection = database(tmp_path_factory.mktemp("tickets") / "fixture.duckdb", tables)
    yield connection
    connection.close()


@pytest.fixture(params=["reference", "sql"])
def mart(request, con, tables) -> Callable[..., list[dict[str, Any]]]:
    """A mart by one implementation, as records: the hand-computed values must hold for both."""

    def run(name: str, filters: Filters, **extra: Any) -> list[dict[str, Any]]:
        if request.param == "reference":
            frame = (
                ref.tickets_box(tables, filters, **extra)
                if name == "tickets_box"
                else ref.MARTS[name](tables, filters)
            )
        else:
            frame = sql_mart(con, name, filters, **extra)
        return records(frame, list(frame.columns))

    return run


def check(row: dict[str, Any], expected: dict[str, Any]) -> None:
    wrong = {k: (row[k], v) for k, v in expected.items() if not same_value(row[k], v)}
    assert not wrong, f"{row}: (got, expected) {wrong}"


def by(rows: list[dict[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    return {(row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)): row for row in rows}


# --- (a) worked out by hand ----------------------------------------------------------------------------


def test_working_days_by_hand():
    # National Day 2021: 10-01..10-07 off, Sunday 09-26 and Saturday 10-09 are make-up working days
    assert ref.working_days(dt.date(2021, 9, 30), dt.date(2021, 10, 8)) == 1  # only 10-08
    assert ref.working_days(dt.date(2021, 9, 30), dt.date(2021, 10, 9)) == 2  # 10-08 and Saturday 10-09
    assert ref.working_days(dt.date(2021, 9, 24), dt.date(2021, 9, 26)) == 1  # Sat 09-25 off, Sun 09-26 on
    assert ref.working_days(dt.date(2021, 9, 30), dt.date(2021, 9, 30)) == 0
    # 2027 is not in the calendar: weekends only. Fri 01-01 not counted (received), Sat/Sun off, Mon on
    assert not ref.calendar_covers(2027) and ref.calendar_covers(2021) and ref.calendar_covers(2026)
    assert ref.working_days(dt.date(2027, 1, 1), dt.date(2027, 1, 4)) == 1
    # across the edge: Thu 2026-12-31 (calendar), Fri 2027-01-01 (weekday: on), Mon 01-04, Tue 01-05
    assert ref.working_days(dt.date(2026, 12, 30), dt.date(2027, 1, 5)) == 4


def test_national_day_box_by_hand(mart):
    filters = Filters(H2_2021, centers=("南社区",), categories=("供电供水",))  # S01, S02, S03
    (workdays,) = mart("tickets_box", filters, unit="workdays")
    # working days 1 (S01), 2 (S02), 1 (S03) → 1, 1, 2
    check(
        workdays,
        {"center": "南社区", "is_illustrative": True, "n": 3, "q1": 1.0, "median": 1.0, "q3": 1.5,
         "p90": 1.8, "mean": 4 / 3, "maximum": 2, "lower_whisker": 1, "upper_whisker": 2, "outliers": 0,
         "median_low": 1, "median_high": 2, "outside_calendar": 0},
    )  # fmt: skip
    (days,) = mart("tickets_box", filters, unit="days")
    # calendar days 8 (S01), 9 (S02), 2 (S03) → 2, 8, 9; fences 5 − 5.25 and 8.5 + 5.25
    check(
        days,
        {"n": 3, "q1": 5.0, "median": 8.0, "q3": 8.5, "p90": 8.8, "mean": 19 / 3, "maximum": 9,
         "lower_whisker": 2, "upper_whisker": 9, "outliers": 0, "median_low": 2, "median_high": 9},
    )  # fmt: skip


def test_year_outside_the_calendar_by_hand(mart):
    filters = Filters(JAN_2027, centers=("南社区",))  # S04 only: 2027-01-01 (Fri) → 2027-01-04 (Mon)
    (workdays,) = mart("tickets_box", filters, unit="workdays")
    check(workdays, {"n": 1, "median": 1.0, "maximum": 1, "outside_calendar": 1})
    (days,) = mart("tickets_box", filters, unit="days")
    check(days, {"n": 1, "median": 3.0, "outside_calendar": 1})
    # 2021..2027: S03 1, S01 1, S04 1, S02 2, S05 4 working days; S04 and S05 touch 2027
    rows = by(mart("tickets_box", Filters(ALL_YEARS), unit="workdays"), "center")
    check(
        rows["南社区"],
        {"n": 5, "q1": 1.0, "median": 1.0, "q3": 2.0, "maximum": 4, "upper_whisker": 2, "outliers": 1,
         "median_low": 1, "median_high": 4, "outside_calendar": 2},
    )  # fmt: skip
    assert sum(row["outside_calendar"] for row in rows.values()) == 2


def test_box_of_a_center_by_hand(mart):
    rows = mart("tickets_box", Filters(H2_2021), unit="days")
    # display order: 东 (1), 北 and 西 (both 2: 北 U+5317 < 西 U+897F), 南 (null sort_order)
    assert [row["center"] for row in rows] == ["东社区", "北社区", "西社区", "南社区"]
    # 东: 1 2 2 2 3 3 4 5 6 7 81 (D12 D05 D07 D10 D04 D08 D02 D06 D03 D14 D11); fences −3.25, 10.75;
    # interval ranks ⌊5.5 − 3.2503⌋ = 2 and ⌈1 + 5.5 + 3.2503⌉ = 10
    check(
        rows[0],
        {"n": 11, "q1": 2.0, "median": 3.0, "q3": 5.5, "p90": 7.0, "mean": 116 / 11, "maximum": 81,
         "lower_whisker": 1, "upper_whisker": 7, "outliers": 1, "median_low": 2, "median_high": 7,
         "outside_calendar": 0},
    )  # fmt: skip
    # 北 has enterprises but no tickets: a row of zeros and nulls
    check(
        rows[1],
        {"n": 0, "q1": None, "median": None, "p90": None, "mean": None, "maximum": None,
         "lower_whisker": None, "outliers": 0, "median_low": None, "outside_calendar": 0},
    )  # fmt: skip


def test_response_and_repeats_by_hand(mart):
    rows = mart("tickets_response", Filters(H2_2021))
    # row order is not part of the contract; 北 (no cohort ticket) has no row
    assert sorted(row["center"] or "" for row in rows) == sorted(["", "东社区", "西社区", "南社区"])
    rows = by(rows, "center")
    # 东: repeats D02 (D01 15 days before, before `from`), D03 (D02 exactly 30 days before), D08 (same day
    # as D07, larger row_key); not D04 (31 days), D05 (other category), D06 (other enterprise), D10
    # (the earlier D09 is withdrawn). Escalated D11, D13. Responses 0, 1, 1, 2, 1 days.
    check(
        rows["东社区"],
        {"n": 12, "responded": 5, "median_response_days": 1.0, "p90_response_days": 1.6, "escalated": 2,
         "escalation_rate": 2 / 12, "repeats": 3, "repeat_rate": 0.25},
    )  # fmt: skip
    # 南: S01 (S03 six days before) and S02 (same day as S01) are repeats; responses 8 and 2 days
    check(
        rows["南社区"],
        {"n": 4, "responded": 2, "median_response_days": 5.0, "p90_response_days": 7.4, "escalated": 1,
         "escalation_rate": 0.25, "repeats": 2, "repeat_rate": 0.5},
    )  # fmt: skip
    # 西: responses 0 1 1 4 4 6 (X13's response on 2022-01-04, after `to`, counts); X21 → X13 is 31 days
    check(rows["西社区"], {"n": 14, "responded": 6, "median_response_days": 2.5, "p90_response_days": 5.0,
                         "escalated": 4, "repeats": 0, "repeat_rate": 0.0})  # fmt: skip
    check(
        rows[None],
        {"n": 30, "responded": 13, "median_response_days": 1.0, "p90_response_days": 5.6, "escalated": 7,
         "escalation_rate": 7 / 30, "repeats": 5, "repeat_rate": 5 / 30},
    )  # fmt: skip
    # an empty cohort: only the total row, with null ratios
    (empty,) = mart("tickets_response", SCENARIOS["empty_period"])
    check(empty, {"center": None, "n": 0, "responded": 0, "median_response_days": None,
                  "escalation_rate": None, "repeats": 0, "repeat_rate": None})  # fmt: skip


def test_aging_by_hand(mart):
    rows = mart("tickets_aging", Filters(H2_2021))
    counts: dict[str, list[int]] = {}
    for row in rows:
        counts.setdefault(row["center"], []).append(row["n"])
    assert [row["bucket"] for row in rows[:5]] == ["0–7", "8–15", "16–30", "31–90", ">90"]
    assert [row["bucket_order"] for row in rows[:5]] == [1, 2, 3, 4, 5]
    # ages at 2021-12-31: 东 D13 11 (closed after `to`); 西 X13 0, X01 7 | X02 8, X03 15 | X04 16, X05 30 |
    # X06 31, X21 31, X07 90 | X08 91, X09 235; 南 S06 3. Withdrawn D09 and X14 are not open.
    assert counts == {
        "东社区": [0, 1, 0, 0, 0],
        "北社区": [0, 0, 0, 0, 0],
        "西社区": [2, 2, 2, 3, 2],
        "南社区": [1, 0, 0, 0, 0],
    }


def test_flow_by_hand(mart):
    rows = mart("tickets_flow", Filters(H2_2021))
    # from = Thu 2021-07-01: weeks from Mon 06-28 to Mon 12-27, 27 of them
    assert len(rows) == 27
    assert rows[0]["week"] == pd.Timestamp("2021-06-28") and rows[-1]["week"] == pd.Timestamp("2021-12-27")
    # open on `from`: X09 (open), X10 (closed 07-20), X12 (closed on 07-01, in the first week) → 3 − 1
    check(rows[0], {"received": 0, "closed": 1, "backlog": 2})
    # week 09-27..10-03: received S01, S02, X08, X07; closed X19 (09-30), D11 (10-01)
    week = by(rows, "week")[pd.Timestamp("2021-09-27")]
    check(week, {"received": 4, "closed": 2})
    assert rows[-1]["backlog"] == 13  # the 13 tickets of test_aging_by_hand


def test_overdue_by_hand(mart):
    rows = mart("tickets_overdue", Filters(H2_2021))
    # days overdue at 2021-12-31; X06 and X21 tie on days and received date → ticket_no;
    # not overdue: X02 (due on `to`), X03 (no due date), X01 and X13 (due 2022), X14 (withdrawn)
    assert [(row["ticket_no"], row["days_overdue"]) for row in rows] == [
        ("X09", 225), ("X08", 80), ("X07", 77), ("X06", 21), ("X21", 21), ("X05", 21), ("X04", 6),
        ("D13", 4), ("S06", 1),
    ]  # fmt: skip
    rows = by(rows, "ticket_no")
    check(
        rows["D13"],
        {"enterprise": "东一电子", "uscc": "E02", "center": "东社区", "category": "交通出行",
         "received_date": pd.Timestamp("2021-12-20"), "due_date": pd.Timestamp("2021-12-27"),
         "lead_unit": "交通局", "status": "已办结", "description": "公交站点设置"},
    )  # fmt: skip
    check(rows["X06"], {"lead_unit": None, "description": "路灯损坏"})
    check(rows["X21"], {"lead_unit": "园区办", "description": None})


def test_categories_and_monthly_by_hand(mart):
    categories = by(mart("tickets_categories", Filters(H2_2021)), "center", "category")
    check(categories[("东社区", "劳资纠纷")], {"n": 4, "closed": 4, "median": 4.5})  # 4 6 3 5
    check(categories[("西社区", "安全生产")], {"n": 2, "closed": 1, "median": 11.0})  # X01 open, X20 11
    check(categories[("西社区", "融资金融")], {"n": 1, "closed": 0, "median": None})
    assert ("东社区", "环境整治") in categories and categories[("东社区", "环境整治")][
        "n"
    ] == 1  # D09 withdrawn
    assert all(center != "北社区" for center, _ in categories)

    monthly = by(mart("tickets_monthly", Filters(H2_2021)), "center", "month")
    september = pd.Timestamp("2021-09-01")
    check(monthly[("南社区", september)], {"n": 3, "median": 8.0, "p90": 8.8})  # 2 8 9
    # all centers, received in September and closed: 2 2 3 5 8 9 24
    check(monthly[(None, september)], {"n": 7, "median": 5.0, "p90": 15.0})
    assert ("西社区", pd.Timestamp("2021-12-01")) not in monthly  # December's 西 tickets are all open


# --- (b) SQL == reference, (c) consistency -------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_marts_match_reference(con, tables, scenario):
    problems = all_differences(con, tables, SCENARIOS[scenario])
    assert not problems, f"{scenario}:\n" + "\n".join(problems)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_marts_agree_with_center_kpis(con, scenario):
    problems = consistency_problems(con, SCENARIOS[scenario])
    assert not problems, f"{scenario}:\n" + "\n".join(problems)


# --- (d) Hypothesis -------------------------------------------------------------------------------------

CATEGORIES = ("劳资纠纷", "政策咨询", "其他")
STATUSES = ("已受理", "办理中", "已办结", "已撤销")


@st.composite
def periods(draw) -> Period:
    """Around 2021–2022 (National Day and other holidays), or around the end of the calendar (2026/27)."""
    base = draw(st.sampled_from([dt.date(2021, 6, 1), dt.date(2026, 9, 1)]))
    start = base + dt.timedelta(days=draw(st.integers(0, 300)))
    length = draw(st.one_of(st.sampled_from([0, 6, 7, 30]), st.integers(0, 200)))
    return Period(start, start + dt.timedelta(days=length))


@st.composite
def ticket_rows(draw, number: str, enterprise, dates) -> dict[str, Any]:
    received = draw(dates)
    status = draw(st.sampled_from(STATUSES) | st.just("已办结"))
    closed = None
    if status == "已办结":
        closed = draw(
            st.one_of(
                st.integers(0, 120).map(lambda n: received + dt.timedelta(days=n)),
                dates.map(lambda day: max(day, received)),
            )
        )
    due = draw(maybe(st.one_of(st.integers(0, 40).map(lambda n: received + dt.timedelta(days=n)), dates)))
    return {
        "ticket_no": number,
        "received_date": received,
        "uscc": draw(enterprise),
        "category": draw(st.sampled_from(CATEGORIES)),
        "description": draw(maybe(st.sampled_from(["停电", "欠薪"]))),
        "lead_unit": draw(maybe(st.sampled_from(["供电所", "人社分局"]))),
        "responded_date": draw(maybe(st.integers(0, 20).map(lambda n: received + dt.timedelta(days=n)))),
        "due_date": due,
        "closed_date": closed,
        "status": status,
        "escalated": draw(maybe(st.booleans())),  # null = not escalated
    }


@st.composite
def scenarios(draw) -> tuple[dict[str, pd.DataFrame], Filters]:
    period = draw(periods())
    day = dt.timedelta(days=1)
    edges = [
        period.start - day,
        period.start,
        period.start + day,
        period.end - day,
        period.end,
        period.end + day,
    ]
    edges += [period.start - 30 * day, period.start - 31 * day]
    dates = st.one_of(st.sampled_from(edges), st.dates(period.start - 120 * day, period.end + 20 * day))
    town = draw(towns(enterprises=(1, 4), drawn_flags=("is_above_scale", "is_high_tech"), employees=False))
    centers, parks, usccs, rows = town.centers, town.parks, town.usccs, town.rows
    enterprise = st.sampled_from(usccs)
    # unpadded numbers: row_key order is string order ("T10" < "T2")
    rows["tickets"] = []
    for i in range(draw(st.integers(0, 14))):
        ticket = draw(ticket_rows(f"T{i}", enterprise, dates))
        if rows["tickets"] and draw(st.integers(0, 2)) == 0:
            # the same enterprise and category as an earlier ticket, the same day or 30 / 31 days later
            twin = draw(st.sampled_from(rows["tickets"]))
            later = dt.timedelta(days=draw(st.sampled_from([0, 0, 30, 31])))
            ticket |= {"uscc": twin["uscc"], "category": twin["category"]}
            ticket["received_date"] = twin["received_date"] + later
            for key in ("closed_date", "responded_date", "due_date"):
                if ticket[key] is not None:
                    ticket[key] = max(ticket[key], ticket["received_date"])
        rows["tickets"].append(ticket)
    filters = Filters(
        period,
        centers=draw(subsets(centers)),
        parks=draw(subsets(list(parks))),
        types=draw(subsets(list(ENTERPRISE_TYPES[:2]))),
        categories=draw(subsets(list(CATEGORIES))),
    )
    return frames(rows), filters


@pytest.fixture(scope="module")
def empty_con(tmp_path_factory):
    connection = connect(tmp_path_factory.mktemp("tickets_properties") / "properties.duckdb")
    yield connection
    connection.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_random_tickets_match_reference_and_center_kpis(empty_con, scenario):
    tables, filters = scenario
    load_tables(empty_con, tables)
    problems = all_differences(empty_con, tables, filters) + consistency_problems(empty_con, filters)
    dump = tables["tickets"].to_string() if not tables["tickets"].empty else "(no tickets)"
    assert not problems, f"{filters}\n{dump}\n" + "\n".join(problems)


def test_reference_marts_are_all_covered():
    names = {name for name, _, _ in MARTS}
    assert names == {
        f"tickets_{m}" for m in ("box", "monthly", "flow", "aging", "categories", "response", "overdue")
    }
    assert math.isclose(ref.box_stats([1, 2])["q1"], 1.25)
