"""The topic marts (visits_*, output_*, vaccination_*, activities_*, enterprise_summary) against an
independent pandas reference (tests/reference_topics.py).

(a) Values worked out by hand on tests/fixtures/topics (see its README.md) and on the KPI fixture
    tests/fixtures/metrics, written as literals and checked against both the reference and the SQL;
(b) every mart (SQL) == the reference for several filters on both fixtures: counts exactly, floats with
    rel_tol 1e-9 / abs_tol 1e-12, null only equal to null; row order compared only where the definition
    fixes it (ORDERED);
(c) consistency with the KPI table (center_kpis): weekly visits, coverage, monthly output, shares,
    vaccination by size, the activity calendar and monthly participation agree with it;
(d) one Hypothesis property: (b) for a representative subset on small random datasets.
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
from analytics.periods import Period, add_months, month_end
from analytics.queries import run_mart
from tests import reference_topics as ref
from tests.metrics_data import database, frames, load_tables, read_fixture, same_value
from tests.strategies import maybe, subsets, towns

FIXTURES = Path(__file__).parent / "fixtures"
YEAR_2022 = Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
H1_2022 = Period(dt.date(2022, 1, 1), dt.date(2022, 6, 30))

SCENARIOS: dict[str, dict[str, Filters]] = {
    "metrics": {
        "whole_scope": Filters(YEAR_2022),
        "one_center": Filters(YEAR_2022, centers=("甲社区",)),
        "one_park": Filters(YEAR_2022, parks=("乙一园",)),
        "one_type": Filters(YEAR_2022, types=("high_tech", "eagle")),
        "empty_period": Filters(Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31))),
        "one_month": Filters(Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))),
        "march_2023": Filters(Period(dt.date(2023, 3, 1), dt.date(2023, 3, 31))),
        "one_day": Filters(Period(dt.date(2022, 12, 31), dt.date(2022, 12, 31))),
    },
    "topics": {
        "whole_scope": Filters(H1_2022),
        "one_center": Filters(H1_2022, centers=("西社区",)),
        "one_park": Filters(H1_2022, parks=("东二园",)),
        "one_type": Filters(H1_2022, types=("high_tech",)),
        "empty_period": Filters(Period(dt.date(2023, 3, 1), dt.date(2023, 3, 31))),
        "one_month": Filters(Period(dt.date(2022, 4, 1), dt.date(2022, 4, 30))),
        "partial_months": Filters(Period(dt.date(2022, 1, 15), dt.date(2022, 3, 10))),
        "centers_and_parks": Filters(H1_2022, centers=("东社区", "北社区"), parks=("东一园", "北一园")),
    },
}
THRESHOLDS = (0.5, 0.95)

# The columns that identify a row of each mart (rows are matched on them).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "visits_weekly": ("center", "week"),
    "visits_coverage": ("is_total", "center"),
    "visits_workers": ("center",),
    "visits_not_visited": ("uscc",),
    "output_monthly": ("center", "month"),
    "output_parks": ("center", "park"),
    "output_growth": ("center",),
    "output_shares": ("center",),
    "output_top": ("uscc",),
    "output_growth_bins": ("bin_low",),
    "vaccination_timeline": ("day", "center"),
    "vaccination_by_size": ("band_order",),
    "vaccination_below": ("uscc",),
    "activities_breakdown": ("center", "dimension", "item"),
    "activities_monthly": ("center", "month"),
    "activities_people": ("center",),
    "activities_top": ("activity_date", "name", "center"),
    "activities_calendar": ("day",),
    "enterprise_summary": (),
}
# Marts whose definition fixes the row order.
ORDERED = {"visits_not_visited", "output_top", "vaccination_below", "activities_top"}


# --- comparing ---------------------------------------------------------------------------------------


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    return [
        {c: ref.plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame[columns].itertuples(index=False)
    ]


def label(value: Any) -> Any:
    """A row-key value made comparable across implementations (floats rounded, e.g. bin_low −0.9)."""
    return round(value, 9) if isinstance(value, float) else value


def sort_key(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    return lambda row: tuple((row[k] is None, str(label(row[k]))) for k in keys)


def mart_differences(name: str, sql: pd.DataFrame, expected: pd.DataFrame) -> list[str]:
    """Every difference between a mart's SQL result and the reference, as readable lines."""
    problems = []
    if list(sql.columns) != list(expected.columns):
        problems.append(f"columns: SQL {list(sql.columns)} vs reference {list(expected.columns)}")
    columns = [c for c in expected.columns if c in sql.columns]
    keys = ROW_KEYS[name]
    left, right = records(sql, columns), records(expected, columns)
    if name not in ORDERED:
        left, right = sorted(left, key=sort_key(keys)), sorted(right, key=sort_key(keys))
    labels = [tuple(label(row[k]) for k in keys) for row in left]
    expected_labels = [tuple(label(row[k]) for k in keys) for row in right]
    if labels != expected_labels:
        return [*problems, f"rows: SQL {labels}\n  vs reference {expected_labels}"]
    for row_label, a, b in zip(labels, left, right, strict=True):
        for column in columns:
            if not same_value(a[column], b[column]):
                problems.append(f"{row_label}.{column}: SQL {a[column]!r} vs reference {b[column]!r}")
    return problems


def sql_mart(con, name: str, filters: Filters, **extra: Any) -> pd.DataFrame:
    return run_mart(con, name, {**filters.params(), **extra})


def reference_mart(tables, name: str, filters: Filters, **extra: Any) -> pd.DataFrame:
    if name == "vaccination_below":
        return ref.vaccination_below(tables, filters, **extra)
    if name == "enterprise_summary":
        return ref.enterprise_summary(tables, filters, **extra)
    return ref.MARTS[name](tables, filters)


def calls(tables) -> list[tuple[str, dict[str, Any]]]:
    """Every mart with every extra parameter tried: thresholds, and each enterprise plus an unknown one."""
    usccs = [*tables["enterprises"]["uscc"], "UNKNOWN"]
    return [
        *((name, {}) for name in ref.MARTS),
        *(("vaccination_below", {"threshold": t}) for t in THRESHOLDS),
        *(("enterprise_summary", {"uscc": uscc}) for uscc in usccs),
    ]


def differences(con, tables, filters: Filters, chosen: list[tuple[str, dict[str, Any]]]) -> list[str]:
    problems = []
    for name, extra in chosen:
        tag = name + (f"{extra}" if extra else "")
        sql = sql_mart(con, name, filters, **extra)
        diff = mart_differences(name, sql, reference_mart(tables, name, filters, **extra))
        problems += [f"{tag}: {line}" for line in diff]
    return problems


def consistency_problems(con, filters: Filters) -> list[str]:
    """The marts (SQL) against the KPI table (SQL) of the same filters."""
    problems = []
    kpis = center_kpis(con, filters)
    centers, total = kpis[~kpis["is_total"]], kpis[kpis["is_total"]].iloc[0]

    def expect(what: str, got: Any, wanted: Any) -> None:
        if not same_value(ref.plain(got), ref.plain(wanted)):
            problems.append(f"{what}: mart {got!r} vs center_kpis {wanted!r}")

    def by_center(frame: pd.DataFrame, column: str) -> dict[str, float]:
        values = frame[column].map(lambda v: ref.plain(v) or 0)
        return {name: float(values[frame["center"] == name].sum()) for name in centers["center"]}

    weekly = sql_mart(con, "visits_weekly", filters)
    weekly_visits = by_center(weekly, "visits")
    coverage = sql_mart(con, "visits_coverage", filters)
    monthly_output = sql_mart(con, "output_monthly", filters)
    output, previous = by_center(monthly_output, "output"), by_center(monthly_output, "output_prev_year")
    activities = sql_mart(con, "activities_monthly", filters)
    person_times = by_center(activities, "person_times")
    for _, row in centers.iterrows():
        name = row["center"]
        expect(f"Σ visits_weekly {name}", weekly_visits[name], row["visits"])
        expect(f"Σ output_monthly {name}", output[name], row["output_value"])
        expect(f"Σ output_monthly prev {name}", previous[name], row["output_value_prev_year"])
        expect(f"Σ activities_monthly person_times {name}", person_times[name], row["activity_person_times"])
        if row["workers"]:
            mine = activities.loc[activities["center"] == name, "per_1000_workers"]
            expect(
                f"Σ per_1000_workers × workers / 1000 {name}",
                float(mine.sum()) * row["workers"] / 1000,
                row["activity_person_times"],
            )
    expect("visits_weekly centers", sorted(set(weekly["center"])), sorted(centers["center"]))
    expect("Σ visits_weekly", float(weekly["visits"].sum()), total["visits"])

    def row_id(is_total: Any, center: Any) -> tuple[bool, str | None]:
        return bool(is_total), ref.plain(center)

    rows = {row_id(r["is_total"], r["center"]): r for _, r in coverage.iterrows()}
    wanted = [row_id(t, c) for t, c in zip(kpis["is_total"], kpis["center"], strict=True)]
    expect("visits_coverage rows", sorted(rows, key=str), sorted(wanted, key=str))
    for (_, kpi), key in zip(kpis.iterrows(), wanted, strict=True):
        mart = rows.get(key)
        what = key[1] or "total"
        if mart is None:
            continue  # reported above
        expect(f"visits_coverage enterprises {what}", mart["enterprises"], kpi["enterprises"])
        expect(f"visits_coverage visits {what}", mart["visits"], kpi["visits"])
        expect(f"visits_coverage visited_period {what}", mart["visited_period"], kpi["enterprises_visited"])
        expect(f"visits_coverage coverage_period {what}", mart["coverage_period"], kpi["visit_coverage"])

    shares = sql_mart(con, "output_shares", filters)
    if total["output_value"]:
        expect(
            "output_shares total",
            shares.loc[shares["center"].isna(), "output"].iloc[0],
            total["output_value"],
        )

    sizes = sql_mart(con, "vaccination_by_size", filters)
    staff = float(sizes["staff"].sum())
    dose1 = float((sizes["dose1_rate"].fillna(0) * sizes["staff"]).sum())
    expect("Σ vaccination_by_size staff", staff, total["vaccination_staff"])
    expect("vaccination_by_size dose-1 rate", dose1 / staff if staff else None, total["vaccination_rate"])

    calendar = sql_mart(con, "activities_calendar", filters)
    expect(
        "Σ activities_calendar person_times",
        float(calendar["person_times"].sum()),
        total["activity_person_times"],
    )
    expect("Σ activities_calendar activities", int(calendar["activities"].sum()), total["activities"])
    expect("activities_calendar days", len(calendar), filters.period.days)
    return problems


# --- fixture data --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_tables() -> dict[str, dict[str, pd.DataFrame]]:
    return {name: read_fixture(FIXTURES / name) for name in SCENARIOS}


@pytest.fixture(scope="module")
def connections(tmp_path_factory, fixture_tables):
    folder = tmp_path_factory.mktemp("topics")
    opened = {name: database(folder / f"{name}.duckdb", tables) for name, tables in fixture_tables.items()}
    yield opened
    for connection in opened.values():
        connection.close()


@pytest.fixture(params=["reference", "sql"])
def mart(request, connections, fixture_tables) -> Callable[..., list[dict[str, Any]]]:
    """A mart of one fixture by one implementation, as records: hand-computed values must hold for both."""

    def run(fixture: str, name: str, filters: Filters, **extra: Any) -> list[dict[str, Any]]:
        if request.param == "reference":
            frame = reference_mart(fixture_tables[fixture], name, filters, **extra)
        else:
            frame = sql_mart(connections[fixture], name, filters, **extra)
        return records(frame, list(frame.columns))

    return run


def check(row: dict[str, Any], expected: dict[str, Any]) -> None:
    wrong = {k: (row[k], v) for k, v in expected.items() if not same_value(row[k], v)}
    assert not wrong, f"{row}: (got, expected) {wrong}"


def by(rows: list[dict[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    if len(keys) == 1:
        return {row[keys[0]]: row for row in rows}
    return {tuple(row[k] for k in keys): row for row in rows}


# --- (a) by hand: visits -------------------------------------------------------------------------------

MONTHS_H1 = 181 / 30.44  # 2022-01-01..2022-06-30 in months of 30.44 days


def test_visits_coverage_by_hand(mart):
    rows = by(mart("topics", "visits_coverage", Filters(H1_2022)), "center")
    assert set(rows) == {"东社区", "西社区", "北社区", None}
    # 东: V02 V03 V04 V10 (V01 before `from`); A01 A02 A03 visited; within 30 / 90 days only A01 (V10),
    # V04 is exactly 90 days before `to`; workers 张三 李四; V03 raises K01 and K02: one visit
    check(
        rows["东社区"],
        {"is_total": False, "is_illustrative": False, "enterprises": 4, "visits": 4, "visited_period": 3,
         "visited_30": 1, "visited_90": 1, "coverage_period": 0.75, "coverage_30": 0.25, "coverage_90": 0.25,
         "workers": 2, "visits_per_worker_month": 4 / 2 / MONTHS_H1, "raised_demand": 1,
         "raised_demand_rate": 0.25},
    )  # fmt: skip
    # 西: V05 V06 V07 V08 V11; V06 is exactly 30 days before `to` (in 90, not in 30); V09 after `to`;
    # workers 王五 赵六 李四; V05 raises K04 (null source), V07's K05 came by 电话
    check(
        rows["西社区"],
        {"enterprises": 3, "visits": 5, "visited_period": 2, "visited_30": 1, "visited_90": 2,
         "coverage_period": 2 / 3, "coverage_30": 1 / 3, "coverage_90": 2 / 3, "workers": 3,
         "visits_per_worker_month": 5 / 3 / MONTHS_H1, "raised_demand": 1, "raised_demand_rate": 0.2},
    )  # fmt: skip
    # 北 has no enterprises: zeros and null ratios
    check(
        rows["北社区"],
        {"is_illustrative": True, "enterprises": 0, "visits": 0, "visited_period": 0, "coverage_period": None,
         "coverage_30": None, "workers": 0, "visits_per_worker_month": None, "raised_demand": 0,
         "raised_demand_rate": None},
    )  # fmt: skip
    # under the high-tech filter 西 keeps B03 only, never visited: coverage 0 of 1 enterprise, not null
    west = by(mart("topics", "visits_coverage", Filters(H1_2022, types=("high_tech",))), "center")["西社区"]
    check(west, {"enterprises": 1, "visited_period": 0, "coverage_period": 0.0, "coverage_30": 0.0,
                 "coverage_90": 0.0, "workers": 0, "visits_per_worker_month": None})  # fmt: skip
    # total: 李四 visits in both centers and counts once
    check(
        rows[None],
        {"is_total": True, "enterprises": 7, "visits": 9, "visited_period": 5, "visited_30": 2, "visited_90": 3,
         "workers": 4, "visits_per_worker_month": 9 / 4 / MONTHS_H1, "raised_demand": 2,
         "raised_demand_rate": 2 / 9},
    )  # fmt: skip


def test_visits_workers_weekly_and_not_visited_by_hand(mart):
    workers = by(mart("topics", "visits_workers", Filters(H1_2022)), "center")
    # 东: 张三 2, 李四 2 visits; 西: 王五 3, 赵六 1, 李四 1 → per month 1, 1, 3 (÷ MONTHS_H1)
    check(workers["东社区"], {"workers": 2, "minimum": 2 / MONTHS_H1, "median": 2 / MONTHS_H1})
    check(
        workers["西社区"],
        {"workers": 3, "minimum": 1 / MONTHS_H1, "q1": 1 / MONTHS_H1, "median": 1 / MONTHS_H1,
         "q3": 2 / MONTHS_H1, "maximum": 3 / MONTHS_H1},
    )  # fmt: skip
    check(workers["北社区"], {"workers": 0, "minimum": None, "q1": None, "median": None, "maximum": None})

    weekly = mart("topics", "visits_weekly", Filters(H1_2022))
    # from = Sat 2022-01-01: weeks Mon 2021-12-27 .. Mon 2022-06-27, 27 of them, for each of 3 centers
    assert len(weekly) == 27 * 3
    weeks = by(weekly, "center", "week")
    check(weeks[("东社区", pd.Timestamp("2021-12-27"))], {"visits": 1})  # V02 only, V01 is before `from`
    check(weeks[("东社区", pd.Timestamp("2022-01-03"))], {"visits": 1})  # V03
    check(weeks[("西社区", pd.Timestamp("2022-06-27"))], {"visits": 1})  # V08 on `to`, V09 after
    check(weeks[("西社区", pd.Timestamp("2022-05-30"))], {"visits": 2})  # V06 Tue 05-31, V07 Wed 06-01

    rows = mart("topics", "visits_not_visited", Filters(H1_2022))
    # never visited first (A04 东, B03 西: V09 is after `to`), then A02 (01-03), A03 (04-01, exactly 90 days)
    assert [(row["uscc"], row["days_since"]) for row in rows] == [
        ("A04", None), ("B03", None), ("A02", 178), ("A03", 90),
    ]  # fmt: skip
    check(
        rows[2],
        {"name": "东一芯片", "center": "东社区", "park": "东一园", "industry": "电子", "is_above_scale": False,
         "employees": 50, "last_visit": pd.Timestamp("2022-01-03")},
    )  # fmt: skip
    check(rows[0], {"employees": None, "last_visit": None})


# --- (a) by hand: output -------------------------------------------------------------------------------


def test_output_growth_and_bins_by_hand(mart):
    rows = by(mart("topics", "output_growth", Filters(H1_2022)), "center")
    assert set(rows) == {"东社区", "西社区", None}  # 北 has no enterprises
    # 东: reporting A01 A03 A04 (A04 reports 0); missing A02; new A03 (its 2021-07 is outside);
    # pairs A01 Jan 120/100, Feb 90/100, A04 Jun 0/0
    check(
        rows["东社区"],
        {"reporting": 3, "missing": 1, "new": 1, "matched_enterprises": 2, "like_for_like": 210.0,
         "like_for_like_prev_year": 200.0, "like_for_like_yoy": 0.05},
    )  # fmt: skip
    # 西: B01 Jan Feb 100+100 / 200+200, B02 Mar 40/10, B03 Apr 95/100; B01's May is unmatched
    check(
        rows["西社区"],
        {"reporting": 3, "missing": 0, "new": 0, "matched_enterprises": 3, "like_for_like": 335.0,
         "like_for_like_prev_year": 510.0, "like_for_like_yoy": 335 / 510 - 1},
    )  # fmt: skip
    check(
        rows[None],
        {"reporting": 6, "missing": 1, "new": 1, "matched_enterprises": 5, "like_for_like": 545.0,
         "like_for_like_prev_year": 710.0, "like_for_like_yoy": 545 / 710 - 1},
    )  # fmt: skip
    # no pair at all: like-for-like 0, yoy null (March 2023 has no output)
    empty = by(mart("topics", "output_growth", SCENARIOS["topics"]["empty_period"]), "center")[None]
    check(empty, {"center": None, "reporting": 0, "matched_enterprises": 0, "like_for_like": 0.0,
                  "like_for_like_yoy": None})  # fmt: skip

    bins = mart("topics", "output_growth_bins", Filters(H1_2022))
    assert len(bins) == 31
    counts = {round(row["bin_low"], 1): row["enterprises"] for row in bins if row["enterprises"]}
    # A01 +5 % → 0.0; B01 −50 % → −0.5; B03 −5 % → −0.1; B02 +300 % → clipped to 2.0; A04 0/0 skipped
    assert counts == {-0.5: 1, -0.1: 1, 0.0: 1, 2.0: 1}
    highs = {round(row["bin_low"], 1): row["bin_high"] for row in bins}
    assert math.isclose(highs[-1.0], -0.9) and math.isclose(highs[1.9], 2.0) and highs[2.0] == 10.0


def test_output_monthly_parks_top_by_hand(mart):
    monthly = by(mart("topics", "output_monthly", Filters(H1_2022)), "center", "month")
    assert len(monthly) == 3 * 6
    check(monthly[("东社区", pd.Timestamp("2022-01-01"))], {"output": 120.0, "output_prev_year": 100.0})
    check(monthly[("东社区", pd.Timestamp("2022-06-01"))], {"output": 0.0, "output_prev_year": 0.0})  # A04
    check(monthly[("东社区", pd.Timestamp("2022-05-01"))], {"output": None, "output_prev_year": None})
    check(monthly[("北社区", pd.Timestamp("2022-04-01"))], {"is_illustrative": True, "output": None})
    # 2022-01-15..03-10: only February and March start inside the period
    partial = mart("topics", "output_monthly", SCENARIOS["topics"]["partial_months"])
    assert sorted({row["month"] for row in partial}) == [
        pd.Timestamp("2022-02-01"),
        pd.Timestamp("2022-03-01"),
    ]

    parks = by(mart("topics", "output_parks", Filters(H1_2022)), "park")
    assert set(parks) == {"东一园", "东二园", "西一园"}  # 北一园 has no enterprises
    check(
        parks["东一园"],
        {"center": "东社区", "output": 260.0, "output_prev_year": 240.0, "yoy": 260 / 240 - 1},
    )
    check(parks["东二园"], {"output": 300.0, "output_prev_year": 0.0, "yoy": None})  # A04's 0s, A03 new
    check(parks["西一园"], {"output": 395.0, "output_prev_year": 510.0, "yoy": 395 / 510 - 1})

    top = mart("topics", "output_top", Filters(H1_2022))
    # A01 and B01 tie at 260: 东一精工 before 西一纺织; A02 reported nothing in the period
    assert [(row["uscc"], row["output"], row["months"]) for row in top] == [
        ("A03", 300.0, 1), ("A01", 260.0, 3), ("B01", 260.0, 3), ("B03", 95.0, 1), ("B02", 40.0, 1),
        ("A04", 0.0, 1),
    ]  # fmt: skip
    yoy = {row["uscc"]: row["like_for_like_yoy"] for row in top}
    check(yoy, {"A03": None, "A01": 0.05, "B01": -0.5, "B03": 95 / 100 - 1, "B02": 3.0, "A04": None})
    check(top[0], {"name": "东二食品", "center": "东社区", "park": "东二园", "industry": "食品",
                   "is_above_scale": True, "is_high_tech": True})  # fmt: skip


def test_output_shares_by_hand(mart):
    shares = by(mart("topics", "output_shares", Filters(H1_2022)), "center")
    assert set(shares) == {"东社区", "西社区", None}
    # 东: above-scale A01 260 + A03 300 = all of 560; high-tech A03 300 (A02 reported nothing)
    check(shares["东社区"], {"output": 560.0, "above_scale_share": 1.0, "high_tech_share": 300 / 560})
    check(shares["西社区"], {"output": 395.0, "above_scale_share": 260 / 395, "high_tech_share": 95 / 395})
    check(shares[None], {"output": 955.0, "above_scale_share": 820 / 955, "high_tech_share": 395 / 955})
    # high-tech only: 西's output is B03's 95, none of it above-scale → share 0, not null
    high_tech = by(mart("topics", "output_shares", Filters(H1_2022, types=("high_tech",))), "center")
    check(high_tech["西社区"], {"output": 95.0, "above_scale_share": 0.0, "high_tech_share": 1.0})
    # a center whose only report is 0: output 0, shares null; a center with enterprises but no report:
    # output null ("null when none"), so the row is there
    june = by(
        mart("topics", "output_shares", Filters(Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30)))), "center"
    )
    assert set(june) == {"东社区", "西社区", None}  # every center with scope enterprises
    check(june["东社区"], {"output": 0.0, "above_scale_share": None, "high_tech_share": None})  # A04's 0
    check(june["西社区"], {"output": None, "above_scale_share": None, "high_tech_share": None})  # no report


def test_output_growth_on_the_kpi_fixture_by_hand(mart):
    rows = by(mart("metrics", "output_growth", Filters(YEAR_2022)), "center")
    assert set(rows) == {"甲社区", "乙社区", None}  # 丙 has no enterprises
    # reporting E01 E04 E06 E11 (0); missing E10; new E06 E11; pairs E01 Jan 120/100, Jun 130.5/110,
    # E04 Mar 500/400 (E01's 2020-12 is in neither window)
    check(
        rows[None],
        {"reporting": 4, "missing": 1, "new": 2, "matched_enterprises": 2, "like_for_like": 750.5,
         "like_for_like_prev_year": 610.0, "like_for_like_yoy": 750.5 / 610 - 1},
    )  # fmt: skip
    check(
        rows["乙社区"],
        {"reporting": 2, "missing": 1, "new": 2, "matched_enterprises": 0, "like_for_like_yoy": None},
    )
    # March 2023: E04 reported 2022-03 but not 2023-03
    total = by(mart("metrics", "output_growth", SCENARIOS["metrics"]["march_2023"]), "center")[None]
    check(total, {"center": None, "reporting": 0, "missing": 1, "new": 0, "like_for_like": 0.0})


# --- (a) by hand: vaccination --------------------------------------------------------------------------


def test_vaccination_by_hand(mart):
    timeline = by(mart("topics", "vaccination_timeline", Filters(H1_2022)), "day", "center")
    # days: every as_of ≤ to (no lower bound); A03's 2022-07-01 snapshot is after `to`
    assert sorted({day for day, _ in timeline}) == [
        pd.Timestamp(d) for d in ("2021-12-01", "2022-01-15", "2022-03-15", "2022-06-30")
    ]
    december = pd.Timestamp("2021-12-01")
    assert set(timeline) >= {(december, "东社区"), (december, None)} and (december, "西社区") not in timeline
    check(timeline[(december, None)], {"enterprises": 1, "staff": 200, "dose1_rate": 0.9, "full_course_rate": 0.75,
                                       "booster_rate": 0.5})  # fmt: skip
    # 01-15: A01 (100, 50, 40, booster null) + A03 (200, 180, 150, 100)
    check(
        timeline[(pd.Timestamp("2022-01-15"), "东社区")],
        {"enterprises": 2, "staff": 300, "dose1_rate": 230 / 300, "full_course_rate": 190 / 300,
         "booster_rate": 100 / 300},
    )  # fmt: skip
    # 03-15: 西 only has B01 with staff 0 → null rates
    march = pd.Timestamp("2022-03-15")
    check(
        timeline[(march, "西社区")],
        {"enterprises": 1, "staff": 0, "dose1_rate": None, "full_course_rate": None},
    )
    check(timeline[(march, "东社区")], {"enterprises": 3, "staff": 350, "dose1_rate": 290 / 350,
                                        "full_course_rate": 230 / 350, "booster_rate": 110 / 350})  # fmt: skip
    check(timeline[(pd.Timestamp("2022-06-30"), None)], {"enterprises": 5, "staff": 1350, "dose1_rate": 690 / 1350,
                                                          "full_course_rate": 530 / 1350, "booster_rate": 110 / 1350})  # fmt: skip

    sizes = mart("topics", "vaccination_by_size", Filters(H1_2022))
    assert [(row["band"], row["band_order"], row["enterprises"]) for row in sizes] == [
        ("<50", 1, 1), ("50–99", 2, 1), ("100–299", 3, 2), ("300–999", 4, 0), ("≥1000", 5, 1),
    ]  # fmt: skip
    check(sizes[0], {"staff": 0, "dose1_rate": None})  # B01
    check(sizes[1], {"staff": 50, "dose1_rate": 0.4, "full_course_rate": None, "booster_rate": None})  # A02
    check(
        sizes[2], {"staff": 300, "dose1_rate": 0.9, "full_course_rate": 230 / 300, "booster_rate": 110 / 300}
    )
    check(sizes[3], {"staff": 0, "dose1_rate": None, "full_course_rate": None, "booster_rate": None})
    check(sizes[4], {"staff": 1000, "dose1_rate": 0.4, "full_course_rate": 0.3, "booster_rate": 0.0})

    below = mart("topics", "vaccination_below", Filters(H1_2022), threshold=0.5)
    # A02 and B02 tie at 0.4: 东一芯片 before 西一模具; B01 (staff 0) has no rate
    assert [row["uscc"] for row in below] == ["A02", "B02"]
    check(below[0], {"name": "东一芯片", "center": "东社区", "park": "东一园", "as_of": pd.Timestamp("2022-03-15"),
                     "staff_total": 50, "dose1": 20, "full_course": None, "dose1_rate": 0.4,
                     "full_course_rate": None})  # fmt: skip
    below = mart("topics", "vaccination_below", Filters(H1_2022), threshold=0.95)
    # A01 (90/100) and A03 (180/200, its 2021-12-01 snapshot) tie at 0.9: 东一精工 before 东二食品
    assert [row["uscc"] for row in below] == ["A02", "B02", "A01", "A03"]


# --- (a) by hand: activities ---------------------------------------------------------------------------


def test_activities_by_hand(mart):
    breakdown = by(mart("topics", "activities_breakdown", Filters(H1_2022)), "center", "dimension", "item")
    check(breakdown[("东社区", "venue", "—")], {"activities": 1, "person_times": 30})  # AC02
    check(
        breakdown[("东社区", "venue", "东一园职工之家")], {"activities": 2, "person_times": 160}
    )  # not AC06
    check(
        breakdown[("西社区", "category", "文体康乐服务")], {"activities": 13, "person_times": 170}
    )  # AC05 + R*
    check(breakdown[("西社区", "venue", "西一园书屋")], {"activities": 12, "person_times": 125})
    check(breakdown[("北社区", "category", "关怀帮扶服务")], {"activities": 1, "person_times": 10})
    assert len(breakdown) == 11  # 东 3 categories + 2 venues, 西 2 + 2, 北 1 + 1

    people = by(mart("topics", "activities_people", Filters(H1_2022)), "center")
    assert set(people) == {"东社区", "西社区", None}  # 北's AC08 has no people
    check(
        people["东社区"], {"activities": 2, "people": 140, "person_times": 160, "times_per_person": 160 / 140}
    )
    # AC04 (20, 60), AC05 (0, 45), R01 (10, 12), R06 (20, 20)
    check(
        people["西社区"], {"activities": 4, "people": 50, "person_times": 137, "times_per_person": 137 / 50}
    )
    # no activity at all: the total row counts 0 activities of 0 people and 0 person-times
    (nothing,) = mart("topics", "activities_people", SCENARIOS["topics"]["empty_period"])
    check(
        nothing, {"center": None, "activities": 0, "people": 0, "person_times": 0, "times_per_person": None}
    )
    check(people[None], {"activities": 6, "people": 190, "person_times": 297, "times_per_person": 297 / 190})

    top = mart("topics", "activities_top", Filters(H1_2022))
    # AC03 / AC04 tie on person-times and date (三 U+4E09 < 技 U+6280); AC08 (05-01) before R07 (05-14);
    # among the 8s R05 and R08 share 04-30 and only R05 makes the 15
    assert [row["name"] for row in top] == [
        "新春联欢", "三八节插花", "技能培训", "端午包粽子", "法律讲座", "读书会第06期", "读书会第04期",
        "读书会第01期", "读书会第11期", "劳动节义诊", "读书会第07期", "读书会第09期", "读书会第02期",
        "读书会第03期", "读书会第05期",
    ]  # fmt: skip
    check(top[4], {"activity_date": pd.Timestamp("2022-01-20"), "center": "东社区", "venue": None,
                   "category": "维护合法权益服务", "person_times": 30, "people": None, "volunteers": None})  # fmt: skip
    check(top[0], {"venue": "东一园职工之家", "people": 80, "volunteers": 5})

    monthly = by(mart("topics", "activities_monthly", Filters(H1_2022)), "center", "month")
    assert len(monthly) == 3 * 6
    # workers: 东 100 + 50 + 200 (A04 null) = 350; 西 400; 北 0
    check(monthly[("东社区", pd.Timestamp("2022-01-01"))],
          {"activities": 2, "person_times": 130, "per_1000_workers": 130 / 350 * 1000})  # fmt: skip
    check(monthly[("西社区", pd.Timestamp("2022-04-01"))],
          {"activities": 6, "person_times": 59, "per_1000_workers": 59 / 400 * 1000})  # fmt: skip
    check(
        monthly[("东社区", pd.Timestamp("2022-02-01"))],
        {"activities": 0, "person_times": 0, "per_1000_workers": 0.0},
    )
    check(
        monthly[("北社区", pd.Timestamp("2022-05-01"))],
        {"activities": 1, "person_times": 10, "per_1000_workers": None},
    )
    # 01-15..03-10: January (from the 15th: AC01 AC02), February, March (AC03 on 03-08)
    partial = by(
        mart("topics", "activities_monthly", SCENARIOS["topics"]["partial_months"]), "center", "month"
    )
    assert len(partial) == 3 * 3
    check(partial[("东社区", pd.Timestamp("2022-01-01"))], {"activities": 2, "person_times": 130})
    check(partial[("东社区", pd.Timestamp("2022-03-01"))], {"activities": 1, "person_times": 60})

    calendar = by(mart("topics", "activities_calendar", Filters(H1_2022)), "day")
    assert len(calendar) == 181
    check(calendar[pd.Timestamp("2022-03-08")], {"activities": 2, "person_times": 120})
    check(calendar[pd.Timestamp("2022-04-30")], {"activities": 2, "person_times": 16})
    check(calendar[pd.Timestamp("2022-06-30")], {"activities": 1, "person_times": 45})
    assert sum(row["person_times"] for row in calendar.values()) == 430  # 东 190 + 西 230 + 北 10


def test_activities_under_a_park_filter_by_hand(mart):
    filters = Filters(H1_2022, parks=("东二园",))
    # only AC03 was recorded with 东二园 (AC02 has no park); only 东 is in scope
    (row,) = mart("topics", "activities_breakdown", filters)[:1]
    assert row["center"] == "东社区"
    assert sum(r["person_times"] for r in mart("topics", "activities_calendar", filters)) == 60
    # workers of 东二园: A03 200 (A04 null)
    monthly = by(mart("topics", "activities_monthly", filters), "center", "month")
    assert {center for center, _ in monthly} == {"东社区"}
    check(monthly[("东社区", pd.Timestamp("2022-03-01"))], {"person_times": 60, "per_1000_workers": 300.0})


# --- (a) by hand: enterprise ---------------------------------------------------------------------------


def test_enterprise_summary_by_hand(mart):
    # the scope filters do not apply to the enterprise page
    (a01,) = mart("topics", "enterprise_summary", Filters(H1_2022, centers=("西社区",)), uscc="A01")
    # visits V02 V10 (V01 before `from`); tickets K06 (10 days), K07 (closed after `to`), K09 (4 days),
    # not K08 (withdrawn); output 120 + 90 + 50 vs 100 + 100; latest snapshot 2022-03-15: 90 / 100
    check(
        a01,
        {"visits": 2, "tickets_received": 3, "tickets_closed": 2, "median_resolution_days": 7.0,
         "output_value": 260.0, "output_value_prev_year": 200.0, "output_yoy": 0.3, "vaccination_rate": 0.9},
    )  # fmt: skip
    (b03,) = mart("topics", "enterprise_summary", Filters(H1_2022), uscc="B03")
    check(
        b03,
        {"visits": 0, "tickets_received": 0, "tickets_closed": 0, "median_resolution_days": None,
         "output_value": 95.0, "output_value_prev_year": 100.0, "output_yoy": -0.05, "vaccination_rate": None},
    )  # fmt: skip
    (b01,) = mart("topics", "enterprise_summary", Filters(H1_2022), uscc="B01")
    check(b01, {"vaccination_rate": None, "output_yoy": 260 / 400 - 1})  # staff 0
    (nobody,) = mart("topics", "enterprise_summary", Filters(H1_2022), uscc="UNKNOWN")
    # A02 stopped reporting: 0 against 40 a year earlier is −100 % (docs/metrics.md: null only when the
    # denominator is 0), as output_yoy of the KPI table
    (a02,) = mart("topics", "enterprise_summary", Filters(H1_2022), uscc="A02")
    check(
        a02,
        {"output_value": 0.0, "output_value_prev_year": 40.0, "output_yoy": -1.0, "vaccination_rate": 0.4},
    )
    check(nobody, {"visits": 0, "tickets_received": 0, "output_value": 0.0, "output_value_prev_year": 0.0,
                   "output_yoy": None, "vaccination_rate": None})  # fmt: skip


# --- (b) SQL == reference, (c) consistency -------------------------------------------------------------

CASES = [(fixture, scenario) for fixture, scenarios in SCENARIOS.items() for scenario in scenarios]


@pytest.mark.parametrize(("fixture", "scenario"), CASES)
def test_marts_match_reference(connections, fixture_tables, fixture, scenario):
    tables = fixture_tables[fixture]
    problems = differences(connections[fixture], tables, SCENARIOS[fixture][scenario], calls(tables))
    assert not problems, f"{fixture}/{scenario}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("fixture", "scenario"), CASES)
def test_marts_agree_with_center_kpis(connections, fixture, scenario):
    problems = consistency_problems(connections[fixture], SCENARIOS[fixture][scenario])
    assert not problems, f"{fixture}/{scenario}:\n" + "\n".join(problems)


def test_reference_covers_every_topic_mart():
    names = {name for name, _ in calls({"enterprises": pd.DataFrame({"uscc": []})})}
    assert names == set(ROW_KEYS)
    assert ref.growth_bin(-1.0) == -10 and ref.growth_bin(3.0) == 20 and ref.growth_bin(-0.05) == -1


# --- (d) Hypothesis -------------------------------------------------------------------------------------

STAFF = ("张敏", "李强", "王芳")
SOURCES = (None, "走访", "12345", "电话")
STATUSES = ("已受理", "办理中", "已办结", "已撤销")
CATEGORIES = ("文体康乐服务", "关怀帮扶服务")
VENUES = (None, "职工之家", "广场")
PROPERTY_MARTS = ("visits_coverage", "output_growth", "vaccination_timeline", "activities_breakdown")


@st.composite
def periods(draw) -> Period:
    """Whole months or arbitrary spans (a single day included), around 2022."""
    start = draw(st.dates(dt.date(2021, 6, 1), dt.date(2023, 6, 30)))
    if draw(st.booleans()):
        start = start.replace(day=1)
        return Period(start, month_end(add_months(start, draw(st.sampled_from([0, 2, 11])))))
    return Period(
        start, start + dt.timedelta(days=draw(st.one_of(st.sampled_from([0, 29, 90]), st.integers(0, 400))))
    )


@st.composite
def scenarios(draw) -> tuple[dict[str, pd.DataFrame], Filters, str]:
    period = draw(periods())
    day = dt.timedelta(days=1)
    edges = [period.start - day, period.start, period.end, period.end + day]
    edges += [period.end - 30 * day, period.end - 29 * day, period.end - 90 * day, period.end - 89 * day]
    dates = st.one_of(st.sampled_from(edges), st.dates(add_months(period.start, -14), period.end + 20 * day))
    town = draw(towns(enterprises=(1, 5), drawn_flags=("is_above_scale", "is_high_tech")))
    centers, parks, usccs = town.centers, town.parks, town.usccs
    enterprise = st.sampled_from(usccs)
    rows: dict[str, list[dict[str, Any]]] = {
        **town.rows,
        "visits": [
            {
                "visit_no": f"V{i}",
                "visit_date": draw(dates),
                "uscc": draw(enterprise),
                "staff": draw(st.sampled_from(STAFF)),
            }
            for i in range(draw(st.integers(0, 10)))
        ],
    }
    rows["tickets"] = []
    for i in range(draw(st.integers(0, 8))):
        received = draw(dates)
        uscc = draw(enterprise)
        if rows["visits"] and draw(st.booleans()):  # on the day of a visit of the same enterprise
            visit = draw(st.sampled_from(rows["visits"]))
            received, uscc = visit["visit_date"], visit["uscc"]
        status = draw(st.sampled_from(STATUSES))
        closed = received + dt.timedelta(days=draw(st.integers(0, 60))) if status == "已办结" else None
        rows["tickets"].append(
            {
                "ticket_no": f"T{i}",
                "received_date": received,
                "uscc": uscc,
                "category": "其他",
                "source": draw(st.sampled_from(SOURCES)),
                "closed_date": closed,
                "status": status,
            }
        )
    span = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    months = st.builds(
        lambda k, earlier: add_months(period.start.replace(day=1), k - 12 * earlier),
        st.integers(-1, span + 1),
        st.booleans(),
    )
    output = draw(
        st.dictionaries(st.tuples(enterprise, months), st.integers(0, 1000).map(float), max_size=12)
    )
    rows["output_monthly"] = [{"uscc": u, "period": m, "output_wan": v} for (u, m), v in output.items()]
    snapshots = draw(st.dictionaries(st.tuples(enterprise, dates), st.integers(0, 40), max_size=8))
    rows["vaccination_snapshots"] = []
    for (uscc, as_of), staff in snapshots.items():
        dose1 = draw(st.integers(0, staff))
        full = draw(maybe(st.integers(0, dose1)))
        booster = draw(maybe(st.integers(0, full))) if full is not None else None
        rows["vaccination_snapshots"].append(
            {
                "uscc": uscc,
                "as_of": as_of,
                "staff_total": staff,
                "dose1": dose1,
                "full_course": full,
                "booster": booster,
            }
        )
    rows["activities"] = [
        {
            "activity_no": f"A{i}",
            "activity_date": draw(dates),
            "name": f"活动{i}",
            "category": draw(st.sampled_from(CATEGORIES)),
            "venue": draw(st.sampled_from(VENUES)),
            "center": draw(st.sampled_from(centers)),
            "park": draw(maybe(st.sampled_from(list(parks)))),
            "person_times": draw(st.integers(0, 100)),
            "people": draw(maybe(st.integers(0, 50))),
        }
        for i in range(draw(st.integers(0, 6)))
    ]
    filters = Filters(
        period,
        centers=draw(subsets(centers)),
        parks=draw(subsets(list(parks))),
        types=draw(subsets(list(ENTERPRISE_TYPES[:2]))),
    )
    return frames(rows), filters, draw(st.sampled_from([*usccs, "E9"]))


@pytest.fixture(scope="module")
def empty_con(tmp_path_factory):
    connection = connect(tmp_path_factory.mktemp("topics_properties") / "properties.duckdb")
    yield connection
    connection.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_random_data_match_reference(empty_con, scenario):
    tables, filters, uscc = scenario
    load_tables(empty_con, tables)
    chosen = [*((name, {}) for name in PROPERTY_MARTS), ("enterprise_summary", {"uscc": uscc})]
    problems = differences(empty_con, tables, filters, chosen)
    dump = "\n".join(f"{name}:\n{frame.to_string()}" for name, frame in tables.items() if not frame.empty)
    assert not problems, f"{filters} uscc={uscc}\n{dump}\n" + "\n".join(problems)
