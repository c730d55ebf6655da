"""An independent pandas reference for the ranking, the case-mix-fair comparison and the change drivers.

Written from docs/ranking.md, never from analytics/ or its SQL:
plain loops over the raw tickets of each center, one category at a time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analytics.filters import Filters
from tests.reference import centers_in_scope, enterprises_in_scope

Z = 1.959963984540054
MIN_TICKETS = 10


def cohort(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Tickets received in the period, not withdrawn, of enterprises in scope, with their center and flags."""
    enterprises = enterprises_in_scope(tables, filters)[["uscc", "center"]]
    tickets = tables["tickets"].merge(enterprises, on="uscc")
    start, end = pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end)
    tickets = tickets[(tickets["received_date"] >= start) & (tickets["received_date"] <= end)]
    tickets = tickets[tickets["status"] != "已撤销"].copy()
    if filters.categories:
        tickets = tickets[tickets["category"].isin(filters.categories)]
    tickets["closed"] = tickets["closed_date"].notna() & (tickets["closed_date"] <= end)
    tickets["on_time"] = (
        tickets["closed"] & tickets["due_date"].notna() & (tickets["closed_date"] <= tickets["due_date"])
    )
    tickets["days"] = (tickets["closed_date"] - tickets["received_date"]).dt.days
    return tickets


def _ratio(a: float, b: float) -> float | None:
    return None if b == 0 else a / b


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _wilson(x: int, n: int) -> tuple[float, float] | None:
    if n == 0:
        return None
    p = x / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return centre - half, centre + half


def standings(
    tables: Mapping[str, pd.DataFrame], filters: Filters, weights: dict[str, float]
) -> dict[str, dict[str, Any]]:
    tickets = cohort(tables, filters)
    closed = tickets[tickets["closed"]]
    rate_k: dict[str, float] = {}
    median_k: dict[str, float] = {}
    for category, group in closed.groupby("category"):
        rate_k[category] = group["on_time"].sum() / len(group)
        median_k[category] = _median(group["days"].tolist())

    rows: dict[str, dict[str, Any]] = {}
    for center in centers_in_scope(tables, filters)["center"]:
        mine = tickets[tickets["center"] == center]
        mine_closed = mine[mine["closed"]]
        rated = mine_closed[mine_closed["satisfaction"].notna()]
        n, n_closed = len(mine), len(mine_closed)
        on_time = int(mine_closed["on_time"].sum())
        rates = {
            "closure_rate": _ratio(n_closed, n),
            "on_time_rate": _ratio(on_time, n_closed),
            "satisfaction_rate": _ratio(
                int(rated["satisfaction"].isin(["满意", "基本满意"]).sum()), len(rated)
            ),
        }
        score = None
        if all(value is not None for value in rates.values()):
            score = 100 * sum(weights[key] * value for key, value in rates.items())
        expected = expected_days = None
        if n_closed:
            counts = mine_closed["category"].value_counts()
            expected = sum(count * rate_k[k] for k, count in counts.items()) / n_closed
            expected_days = sum(count * median_k[k] for k, count in counts.items()) / n_closed
        median = _median(mine_closed["days"].tolist())
        interval = _wilson(on_time, n_closed)
        fair = expected not in (None, 0)
        rows[center] = {
            **rates,
            "tickets_received": n,
            "tickets_closed": n_closed,
            "closed_rated": len(rated),
            "score": score,
            "eligible": n >= MIN_TICKETS and score is not None,
            "expected_on_time_rate": expected,
            "on_time_ratio": rates["on_time_rate"] / expected if fair else None,
            "on_time_ratio_low": interval[0] / expected if fair and interval else None,
            "on_time_ratio_high": interval[1] / expected if fair and interval else None,
            "expected_median_days": expected_days,
            "median_resolution_days": median,
            "median_ratio": median / expected_days if expected_days not in (None, 0) else None,
        }
    for row in rows.values():  # rank: 1 + the number of eligible centers with a higher score
        if not row["eligible"]:
            row["rank"] = None
            continue
        better = [o["score"] for o in rows.values() if o["eligible"] and o["score"] > row["score"] + 1e-9]
        row["rank"] = 1 + len(better)
    return rows


def ranking(
    tables: Mapping[str, pd.DataFrame], filters: Filters, weights: dict[str, float]
) -> dict[str, dict[str, Any]]:
    now, before = standings(tables, filters, weights), standings(tables, filters.previous(), weights)
    for center, row in now.items():
        previous = before[center]["rank"]
        row["rank_change"] = None if previous is None or row["rank"] is None else previous - row["rank"]
    return now


def on_time_change(tables: Mapping[str, pd.DataFrame], filters: Filters, center: str) -> float | None:
    """on_time_rate now − on_time_rate in the previous period (None if either is null)."""
    values = []
    for period_filters in (filters, filters.previous()):
        closed = cohort(tables, period_filters)
        closed = closed[closed["closed"] & (closed["center"] == center)]
        values.append(_ratio(int(closed["on_time"].sum()), len(closed)))
    return None if None in values else values[0] - values[1]
