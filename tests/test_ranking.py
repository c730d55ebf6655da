"""The ranking, the case-mix-fair comparison and the change drivers (analytics/ranking.py) against the
independent pandas reference tests/reference_ranking.py, on a hand-made town built below:

- 甲 and 戊 have identical tickets in June: a tie in score (ranks 1, 1, then 3);
- 丙 has one category only (用地报建); 乙 has 环境整治 tickets none of which is closed (a category with no
  closed demand: it has no on-time rate and no median, and weighs nothing in anyone's expectation);
- 丁 has 5 tickets: listed, flagged small_sample, unranked; in May 戊 has 3 (no rank, no rank change);
- the hand-worked values (丙's expected on-time rate 0.9, ...) pin the reference itself.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.filters import Filters
from analytics.kpis import center_kpis
from analytics.periods import Period
from analytics.ranking import RankingError, check_weights, drivers, ranking, split
from tests import reference_ranking as ref
from tests.metrics_data import database, frames, same_value

JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))
WEIGHTS = {"closure_rate": 0.4, "on_time_rate": 0.3, "satisfaction_rate": 0.3}
CENTERS = ("甲", "乙", "丙", "丁", "戊")


def _tickets(center: str, month: int, spec: list[tuple[str, int, int | None, str | None]]) -> list[dict]:
    """(category, count, days to close or None for open, rating) → tickets; due 7 days after receipt,
    so a ticket closed in more than 7 days is late."""
    rows = []
    for category, count, days, rating in spec:
        for _ in range(count):
            number = f"{center}{month:02d}-{len(rows):03d}"
            received = dt.date(2022, month, 1 + len(rows) % 20)
            rows.append({
                "ticket_no": number, "received_date": received, "uscc": f"E{center}", "category": category,
                "due_date": received + dt.timedelta(days=7),
                "closed_date": None if days is None else received + dt.timedelta(days=days),
                "status": "办理中" if days is None else "已办结", "satisfaction": rating,
            })  # fmt: skip
    return rows


TIE = [("政策咨询", 5, 2, "满意"), ("政策咨询", 1, 12, "不满意"), ("用地报建", 4, 6, "满意")]
TICKETS = [
    *_tickets("甲", 6, TIE),
    *_tickets("戊", 6, TIE),
    *_tickets("乙", 6, [("政策咨询", 2, 3, "满意"), ("政策咨询", 2, 9, "满意"), ("用地报建", 4, 5, "基本满意"),
                        ("环境整治", 4, None, None)]),
    *_tickets("丙", 6, [("用地报建", 6, 4, "满意"), ("用地报建", 2, 20, None), ("用地报建", 2, None, None)]),
    *_tickets("丁", 6, [("政策咨询", 5, 1, "满意")]),
    *_tickets("甲", 5, [("政策咨询", 2, 1, "满意"), ("用地报建", 8, 3, "满意")]),
    *_tickets("乙", 5, [("政策咨询", 6, 2, "满意"), ("用地报建", 4, 10, "不满意")]),
    *_tickets("丙", 5, [("用地报建", 10, 5, "满意")]),
    *_tickets("戊", 5, [("政策咨询", 3, 2, "满意")]),
    {"ticket_no": "W1", "received_date": dt.date(2022, 6, 3), "uscc": "E甲", "category": "环境整治",
     "due_date": dt.date(2022, 6, 10), "closed_date": None, "status": "已撤销"},  # withdrawn: not counted
]  # fmt: skip
TOWN = {
    "centers": [{"center": c, "is_illustrative": False, "sort_order": i} for i, c in enumerate(CENTERS)],
    "parks": [{"park": f"{c}园", "center": c} for c in CENTERS],
    "enterprises": [{"uscc": f"E{c}", "name": f"{c}公司", "park": f"{c}园"} for c in CENTERS],
    "tickets": TICKETS,
}


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory):
    tables = frames(TOWN)
    con = database(Path(tmp_path_factory.mktemp("ranking")) / "town.duckdb", tables)
    yield con, tables
    con.close()


def _by_center(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {row["center"]: row for row in frame.to_dict("records")}


COMPARED = (
    "score", "rank", "rank_change", "closure_rate", "on_time_rate", "satisfaction_rate", "tickets_received",
    "tickets_closed", "closed_rated", "expected_on_time_rate", "on_time_ratio", "on_time_ratio_low",
    "on_time_ratio_high", "expected_median_days", "median_resolution_days", "median_ratio",
)  # fmt: skip


@pytest.mark.parametrize(
    "filters",
    [
        Filters(JUNE),
        Filters(JUNE, centers=("甲", "乙", "丙")),
        Filters(Period(JUNE.start, dt.date(2022, 6, 15))),
    ],
    ids=["june", "three_centers", "half_month"],
)
def test_ranking_equals_the_reference(town, filters: Filters) -> None:
    con, tables = town
    sql, expected = _by_center(ranking(con, filters, WEIGHTS)), ref.ranking(tables, filters, WEIGHTS)
    assert list(sql) == list(expected)
    problems = [
        f"{center}.{key}: SQL {sql[center][key]!r} vs reference {expected[center][key]!r}"
        for center in expected
        for key in COMPARED
        if not same_value(_none(sql[center][key]), expected[center][key])
    ]
    assert not problems, "\n".join(problems)


def _none(value: Any) -> Any:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def test_hand_worked_values(town) -> None:
    con, tables = town
    rows = _by_center(ranking(con, Filters(JUNE), WEIGHTS))
    # Ties: 甲 and 戊 share rank 1, the next is 3; 丁 (5 tickets) is listed but unranked.
    assert [_none(rows[c]["rank"]) for c in CENTERS] == [1, 4, 3, None, 1]
    assert rows["丁"]["unranked_reason"] == "small_sample" and rows["丁"]["score"] == pytest.approx(100)
    # 甲: closure 1, on time 9/10, satisfied 9/10 → 100 × (0.4 + 0.3·0.9 + 0.3·0.9) = 94.
    assert rows["甲"]["score"] == pytest.approx(94.0)
    # 用地报建 closed on time over all centers: 甲 4/4, 戊 4/4, 乙 4/4, 丙 6/8 → 18/20 = 0.9; 丙 (that
    # category only) expects 0.9 and gets 6/8 = 0.75: ratio 0.75 / 0.9.
    assert rows["丙"]["expected_on_time_rate"] == pytest.approx(0.9)
    assert rows["丙"]["on_time_ratio"] == pytest.approx(0.75 / 0.9)
    # Median of 用地报建 (days 6,6,6,6 ×2, 5 ×4, 4 ×6, 20 ×2) = 5.5; 丙's own median of 4,4,4,4,4,4,20,20 = 4.
    assert rows["丙"]["expected_median_days"] == pytest.approx(5.5)
    assert rows["丙"]["median_ratio"] == pytest.approx(4 / 5.5)
    # 环境整治 has no closed ticket: 乙's expectation uses only its 8 closed tickets (4 + 4).
    assert rows["乙"]["tickets_closed"] == 8 and rows["乙"]["closure_rate"] == pytest.approx(8 / 12)
    # May: 甲 and 丙 tie at 100 (rank 1), 乙 3; 戊 has 3 tickets (unranked): changes 0, −1, −2 and null.
    assert [rows[c]["rank_change"] for c in ("甲", "乙", "丙")] == [0, -1, -2]
    assert _none(rows["戊"]["rank_change"]) is None
    ref_rows = ref.ranking(tables, Filters(JUNE), WEIGHTS)
    assert ref_rows["丙"]["expected_on_time_rate"] == pytest.approx(0.9)
    assert ref_rows["戊"]["rank_change"] is None


def test_the_interval_holds_the_ratio(town) -> None:
    con, _ = town
    for row in ranking(con, Filters(JUNE), WEIGHTS).to_dict("records"):
        assert row["on_time_ratio_low"] <= row["on_time_ratio"] <= row["on_time_ratio_high"]


def test_an_empty_period_lists_every_center_unranked(town) -> None:
    con, _ = town
    frame = ranking(con, Filters(Period(dt.date(2023, 1, 1), dt.date(2023, 1, 31))), WEIGHTS)
    assert list(frame["center"]) == list(CENTERS)
    assert frame["rank"].isna().all() and frame["score"].isna().all()
    assert set(frame["unranked_reason"]) == {"small_sample"}


@pytest.mark.parametrize(
    "weights",
    [{"closure_rate": 0.5, "on_time_rate": 0.3, "satisfaction_rate": 0.3},
     {"closure_rate": 1.2, "on_time_rate": -0.2, "satisfaction_rate": 0.0}, {"closure_rate": 1.0}],
)  # fmt: skip
def test_weights_must_sum_to_one(weights: dict[str, float]) -> None:
    with pytest.raises(RankingError, match="权重"):
        check_weights(weights)


def test_drivers_add_up_to_the_kpi_change(town) -> None:
    con, tables = town
    split_frame = drivers(con, Filters(JUNE))
    now, before = center_kpis(con, Filters(JUNE)), center_kpis(con, Filters(JUNE).previous())
    now, before = now.set_index("center")["on_time_rate"], before.set_index("center")["on_time_rate"]
    for center, rows in split_frame.groupby("center"):
        total = rows["rate_effect"].sum() + rows["mix_effect"].sum()
        assert total == pytest.approx(now[center] - before[center], abs=1e-12)
        assert total == pytest.approx(ref.on_time_change(tables, Filters(JUNE), center), abs=1e-12)
    assert set(split_frame["center"]) == {"甲", "乙", "丙", "戊"}  # 丁 had nothing closed in May
    # 丙 (one category): all of its change is the rate effect of 用地报建, no mix effect.
    only = split_frame[split_frame["center"] == "丙"].iloc[0]
    assert only["rate_effect"] == pytest.approx(0.75 - 1.0) and only["mix_effect"] == pytest.approx(0)


CELL = st.tuples(st.integers(0, 30), st.integers(0, 30))  # (closed, of which a share is on time)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from("ABCDEFG"), CELL, min_size=1, max_size=7),
    st.dictionaries(st.sampled_from("ABCDEFG"), CELL, min_size=1, max_size=7),
)
def test_rate_and_mix_effects_sum_exactly_to_the_change(
    now: dict[str, tuple[int, int]], before: dict[str, tuple[int, int]]
) -> None:
    def cells(spec: dict[str, tuple[int, int]]) -> pd.DataFrame:
        rows = [("c", k, n, min(on, n), float(n)) for k, (n, on) in spec.items() if n > 0]
        frame = pd.DataFrame(rows, columns=["center", "category", "n", "on_time", "median_days"])
        return frame.astype({"n": "int64", "on_time": "int64"}).set_index(["center", "category"])

    result = split(cells(now), cells(before))
    n_now, n_before = sum(n for n, _ in now.values()), sum(n for n, _ in before.values())
    if n_now == 0 or n_before == 0:
        assert result.empty
        return
    change = (
        sum(min(on, n) for n, on in now.values()) / n_now
        - sum(min(on, n) for n, on in before.values()) / n_before
    )
    assert math.isclose(result["rate_effect"].sum() + result["mix_effect"].sum(), change, abs_tol=1e-12)
    assert set(result["category"]) == {k for k, (n, _) in [*now.items(), *before.items()] if n > 0}
