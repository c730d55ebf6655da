"""The ranking, the fair comparison and the movements as tables (analytics.tabular) and sentences.

Shared by the demand page's ranking section (and its downloads) and the briefing (their display strings),
so both show the same figures the same way.
"""

from __future__ import annotations

import pandas as pd

from analytics.domain import display, place
from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, RANKING_BY_KEY
from analytics.tabular import Cell, Table, bound_labels, sample_label

TOP_CONTRIBUTORS = 2  # categories quoted per center in a movement sentence


def _center(row: dict, lang: Lang) -> str:
    """A center as every table shows it: romanised beside the Chinese in English, * when illustrative."""
    name = place(row["center"], lang)
    return f"{name}*" if row["is_illustrative"] else name


def _rates_with_n(row: dict, keys: dict[str, str], lang: Lang) -> dict[str, object]:
    """Each rate (key -> the count it is computed over) and, beside it, its n."""
    cells: dict[str, object] = {}
    for key, n in keys.items():
        cells[BY_KEY[key].label(lang)] = row[key]
        cells[sample_label(BY_KEY[key].label(lang), lang)] = row[n]
    return cells


def _kinds_with_n(keys: list[str], lang: Lang) -> tuple[dict[str, Cell], dict[str, str]]:
    labels = {BY_KEY[key].label(lang): sample_label(BY_KEY[key].label(lang), lang) for key in keys}
    return {**{rate: Cell.RATE for rate in labels}, **{n: Cell.COUNT for n in labels.values()}}, labels


RANKED_RATES = {
    "closure_rate": "tickets_received",
    "on_time_rate": "tickets_closed",
    "satisfaction_rate": "closed_rated",
}


def ranking_table(frame: pd.DataFrame, lang: Lang) -> Table:
    """One line per center, ranked first (by rank), then the unranked with the reason."""
    ordered = frame.assign(_unranked=frame["rank"].isna()).sort_values(["_unranked", "rank"], kind="stable")
    rows = []
    for row in ordered.to_dict("records"):
        unranked = row["rank"] is None or row["rank"] is pd.NA
        rows.append({
            RANKING_BY_KEY["rank"].label(lang): None if unranked else int(row["rank"]),
            t("common.center", lang): _center(row, lang),
            RANKING_BY_KEY["score"].label(lang): row["score"],
            RANKING_BY_KEY["rank_change"].label(lang): row["rank_change"],
            **_rates_with_n(row, RANKED_RATES, lang),
            t("ranking.col.note", lang): t(f"ranking.unranked.{row['unranked_reason']}", lang)
            if unranked
            else "",
        })  # fmt: skip
    kinds, samples = _kinds_with_n(list(RANKED_RATES), lang)
    return Table(
        pd.DataFrame(rows),
        {
            RANKING_BY_KEY["rank"].label(lang): Cell.COUNT,
            RANKING_BY_KEY["score"].label(lang): RANKING_BY_KEY["score"].cell,
            RANKING_BY_KEY["rank_change"].label(lang): Cell.RANK_CHANGE,
            **kinds,
        },
        samples=samples,
    )


def fair_table(frame: pd.DataFrame, lang: Lang) -> Table:
    """Raw figures beside their case-mix expectation and the observed / expected ratios."""
    interval = t("ranking.col.interval", lang)
    low, high = bound_labels(interval, lang)
    rows = []
    for row in frame.to_dict("records"):
        rows.append({
            t("common.center", lang): _center(row, lang),
            **_rates_with_n(row, {"on_time_rate": "tickets_closed"}, lang),
            RANKING_BY_KEY["expected_on_time_rate"].label(lang): row["expected_on_time_rate"],
            RANKING_BY_KEY["on_time_ratio"].label(lang): row["on_time_ratio"],
            low: row["on_time_ratio_low"],
            high: row["on_time_ratio_high"],
            BY_KEY["median_resolution_days"].label(lang): row["median_resolution_days"],
            RANKING_BY_KEY["expected_median_days"].label(lang): row["expected_median_days"],
            RANKING_BY_KEY["median_ratio"].label(lang): row["median_ratio"],
        })  # fmt: skip
    kinds, samples = _kinds_with_n(["on_time_rate"], lang)
    kinds |= {
        RANKING_BY_KEY["expected_on_time_rate"].label(lang): Cell.RATE,
        RANKING_BY_KEY["on_time_ratio"].label(lang): Cell.DECIMAL2,
        low: Cell.DECIMAL2,
        high: Cell.DECIMAL2,
        BY_KEY["median_resolution_days"].label(lang): Cell.DECIMAL,
        RANKING_BY_KEY["expected_median_days"].label(lang): Cell.DECIMAL,
        RANKING_BY_KEY["median_ratio"].label(lang): Cell.DECIMAL2,
    }
    return Table(pd.DataFrame(rows), kinds, samples=samples, ranges={interval: (low, high)})


def _points(value: float) -> str:
    return f"{value * 100:+.1f}".replace("-", "−")


def movements(ranked: pd.DataFrame, split: pd.DataFrame, lang: Lang, limit: int) -> list[str]:
    """One sentence per center whose on-time rate moved, largest moves first: the change, the categories
    that contributed most in its direction (rate + mix effect, with their closed tickets now) and the
    category whose median moved most, weighted by its share."""
    sentences = []
    changes = split.groupby("center")["effect"].sum()
    names = {row["center"]: _center(row, lang) for row in ranked.to_dict("records")}
    for center in changes.abs().sort_values(ascending=False, kind="stable").index[:limit]:
        change = changes[center]
        if round(change * 1000) == 0:
            continue
        rows = split[split["center"] == center]
        same_sign = rows[rows["effect"] * change > 0].sort_values("effect", key=abs, ascending=False)
        parts = [
            t("briefing.contributor", lang, category=display(r["category"], lang), points=_points(r["effect"]),
              n=int(r["n"]))
            for r in same_sign.head(TOP_CONTRIBUTORS).to_dict("records")
        ]  # fmt: skip
        sentence = t(
            "briefing.movement",
            lang,
            center=names.get(center, center),
            metric=BY_KEY["on_time_rate"].label(lang),
            points=_points(change),
            contributors=t("list.separator", lang).join(parts),
        )
        shifts = rows.dropna(subset=["median_shift"])
        shifts = shifts[shifts["median_shift"] != 0]
        if not shifts.empty:
            top = shifts.loc[shifts["median_shift"].abs().idxmax()]
            sentence += t(
                "briefing.median_mover",
                lang,
                category=display(top["category"], lang),
                days=f"{top['median_days'] - top['median_days_prev']:+.1f}".replace("-", "−"),
            )
        sentences.append(sentence)
    return sentences
