"""The centers' ranking, its case-mix-fair comparison and the drivers of a change (docs/ranking.md):
one code path for the demand page, the briefing and the CLI.

The three rates, n's and medians come from the KPI table (analytics.kpis.center_kpis), the case mix from
the mart ranking_mix.sql; only the combination (score, rank, standardisation, decomposition) is done here.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics.filters import Filters
from analytics.kpis import center_kpis, plain
from analytics.metrics import SMALL_SAMPLE
from analytics.queries import run_mart

RATES: tuple[str, ...] = ("closure_rate", "on_time_rate", "satisfaction_rate")
Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal
SCORE_DECIMALS = 9  # scores equal to 9 decimals are ties (floating-point noise never splits a tie)

COLUMNS: tuple[str, ...] = (
    "center",
    "is_illustrative",
    "score",
    "rank",
    "rank_change",
    "unranked_reason",
    "closure_rate",
    "tickets_received",
    "tickets_closed",
    "on_time_rate",
    "closed_on_time",
    "satisfaction_rate",
    "closed_rated",
    "median_resolution_days",
    "expected_on_time_rate",
    "on_time_ratio",
    "on_time_ratio_low",
    "on_time_ratio_high",
    "expected_median_days",
    "median_ratio",
)


@dataclass(frozen=True)
class Marts:
    """The two marts the ranking and its drivers read, per filters: the KPI table and ranking_mix. `of(con)`
    runs each once per filters; the dashboard passes its cached readers, so the demand page's KPI tiles, the
    ranking and the drivers share one run of each."""

    kpis: Callable[[Filters], pd.DataFrame]
    mix: Callable[[Filters], pd.DataFrame]

    @staticmethod
    def of(con: duckdb.DuckDBPyConnection) -> Marts:
        return Marts(
            kpis=cache(lambda filters: center_kpis(con, filters)),
            mix=cache(lambda filters: run_mart(con, "ranking_mix", filters.params())),
        )


Source = duckdb.DuckDBPyConnection | Marts


def _marts(source: Source) -> Marts:
    return source if isinstance(source, Marts) else Marts.of(source)


class RankingError(ValueError):
    """The ranking cannot be computed as configured; the message says why (Chinese, then English)."""


def check_weights(weights: dict[str, float]) -> None:
    if set(weights) != set(RATES):
        raise RankingError(f"排名权重须为三项比率 / the ranking weights must be for {RATES}: {weights}")
    if any(value < 0 for value in weights.values()) or not math.isclose(sum(weights.values()), 1):
        raise RankingError(
            "dashboard.toml [ranking] 的权重须为非负数且合计为 1 / the [ranking] weights must be "
            f"non-negative and sum to 1: {weights}"
        )


def ranking(source: Source, filters: Filters, weights: dict[str, float]) -> pd.DataFrame:
    """One row per center in scope, in display order, with the columns of COLUMNS."""
    check_weights(weights)
    marts = _marts(source)
    current = _standings(marts, filters, weights)
    previous = _standings(marts, filters.previous(), weights)["rank"]
    current["rank_change"] = (previous.reindex(current.index) - current["rank"]).astype("Int64")
    return current.reset_index()[list(COLUMNS)]


def _standings(marts: Marts, filters: Filters, weights: dict[str, float]) -> pd.DataFrame:
    kpis = marts.kpis(filters)
    kpis = kpis[~kpis["is_total"]].set_index("center")
    mix = marts.mix(filters)
    cells = mix[~mix["is_category_total"]]
    categories = mix[mix["is_category_total"]].set_index("category")

    frame = kpis[["is_illustrative", *RATES, "tickets_received", "tickets_closed", "median_resolution_days"]]
    frame = frame.astype({rate: "float64" for rate in (*RATES, "median_resolution_days")})
    per_center = cells.groupby("center")[["closed_on_time", "closed_rated"]].sum()
    frame = frame.join(per_center).fillna({"closed_on_time": 0, "closed_rated": 0})
    frame = frame.astype({"closed_on_time": "int64", "closed_rated": "int64"})

    frame["score"] = 100 * sum(weights[rate] * frame[rate] for rate in RATES)  # NaN (null) if any rate is
    eligible = (frame["tickets_received"] >= SMALL_SAMPLE) & frame["score"].notna()
    frame["rank"] = frame["score"].round(SCORE_DECIMALS).where(eligible).rank(method="min", ascending=False)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["unranked_reason"] = np.where(
        frame["tickets_received"] < SMALL_SAMPLE, "small_sample", np.where(eligible, None, "no_score")
    )

    on_time_rate_k = categories["closed_on_time"] / categories["closed"].where(categories["closed"] > 0)
    expected_on_time = _standardised(cells, on_time_rate_k)
    expected_median = _standardised(cells, categories["median_days"].astype("float64"))
    frame["expected_on_time_rate"] = expected_on_time.reindex(frame.index)
    frame["expected_median_days"] = expected_median.reindex(frame.index)
    expected = frame["expected_on_time_rate"].where(frame["expected_on_time_rate"] > 0)
    frame["on_time_ratio"] = frame["on_time_rate"] / expected
    low, high = wilson(frame["closed_on_time"], frame["tickets_closed"])
    frame["on_time_ratio_low"] = low / expected
    frame["on_time_ratio_high"] = high / expected
    median_expected = frame["expected_median_days"].where(frame["expected_median_days"] != 0)
    frame["median_ratio"] = frame["median_resolution_days"] / median_expected
    return frame


def _standardised(cells: pd.DataFrame, by_category: pd.Series) -> pd.Series:
    """Σ_k n_ck · x_k / Σ_k n_ck per center over its closed tickets (n_ck > 0; a category without a
    closed ticket has no x_k and no n_ck)."""
    closed = cells[cells["closed"] > 0]
    x = closed["category"].map(by_category).astype("float64")
    weighted = (closed["closed"] * x).groupby(closed["center"]).sum(min_count=1)
    return weighted / closed.groupby("center")["closed"].sum()


def wilson(successes: pd.Series, n: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The 95% Wilson score interval of successes / n (null where n is 0)."""
    n = n.astype("float64").where(n > 0)
    p = successes.astype("float64") / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 / (1 + z2 / n) * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return centre - half, centre + half


# --- change drivers -----------------------------------------------------------------------------------


def drivers(source: Source, filters: Filters) -> pd.DataFrame:
    """The change of each center's on-time rate from the previous period split by category.

    One row per center × category closed in either period: n, n_prev (closed tickets), share, share_prev,
    rate, rate_prev (a category absent from a period takes that period's center rate), rate_effect,
    mix_effect, effect (their sum), median_days, median_days_prev and median_shift (share ·
    (median − median_prev), null unless closed in both periods). Centers without a closed ticket in one
    of the periods have no change and no rows.
    """
    marts = _marts(source)
    now, before = cells(marts.mix(filters)), cells(marts.mix(filters.previous()))
    return split(now, before)


def split(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """The decomposition of `drivers` from the closed-ticket cells of both periods (see `cells`)."""
    both = now.merge(before, "outer", left_index=True, right_index=True, suffixes=("", "_prev")).reset_index()
    for column in ("n", "on_time", "n_prev", "on_time_prev"):
        both[column] = both[column].fillna(0).astype("int64")
    totals = both.groupby("center")[["n", "on_time", "n_prev", "on_time_prev"]].transform("sum")
    both = both[(totals["n"] > 0) & (totals["n_prev"] > 0)].copy()
    totals = totals.loc[both.index]
    center_rate, center_rate_prev = totals["on_time"] / totals["n"], totals["on_time_prev"] / totals["n_prev"]
    both["share"], both["share_prev"] = both["n"] / totals["n"], both["n_prev"] / totals["n_prev"]
    both["rate"] = (both["on_time"] / both["n"].where(both["n"] > 0)).fillna(center_rate)
    both["rate_prev"] = (both["on_time_prev"] / both["n_prev"].where(both["n_prev"] > 0)).fillna(
        center_rate_prev
    )
    both["rate_effect"] = both["share"] * (both["rate"] - both["rate_prev"])
    both["mix_effect"] = (both["share"] - both["share_prev"]) * both["rate_prev"]
    both["effect"] = both["rate_effect"] + both["mix_effect"]
    both["median_shift"] = both["share"] * (both["median_days"] - both["median_days_prev"])
    return both[
        ["center", "category", "n", "n_prev", "share", "share_prev", "rate", "rate_prev", "rate_effect",
         "mix_effect", "effect", "median_days", "median_days_prev", "median_shift"]
    ].reset_index(drop=True)  # fmt: skip


def cells(mix: pd.DataFrame) -> pd.DataFrame:
    """ranking_mix's center × category rows with a closed ticket, indexed by (center, category):
    n (closed), on_time (closed on time), median_days."""
    cells = mix[~mix["is_category_total"] & (mix["closed"] > 0)]
    cells = cells.rename(columns={"closed": "n", "closed_on_time": "on_time"})
    cells = cells.astype({"median_days": "float64"})
    return cells.set_index(["center", "category"])[["n", "on_time", "median_days"]]


# --- the CLI's document -------------------------------------------------------------------------------


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The ranking as JSON-ready objects (nulls as None, numbers at full precision)."""
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def to_csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
