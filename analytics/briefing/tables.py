"""The ranking, the fair comparison and the movements as display tables and sentences (strings only).

Shared by the demand page's ranking section and the briefing, so both show the same figures the same way.
"""

from __future__ import annotations

import pandas as pd

from analytics.domain import display
from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, RANKING_BY_KEY, is_missing

TOP_CONTRIBUTORS = 2  # categories quoted per center in a movement sentence


def _center(row: dict, lang: Lang) -> str:
    return f"{row['center']}*" if row["is_illustrative"] else row["center"]


def _with_n(key: str, value: float | None, n: int, lang: Lang) -> str:
    return t("ranking.with_n", lang, value=BY_KEY[key].format(value), n=f"{n:,}")


def _ratio(value: float | None) -> str:
    return "—" if is_missing(value) else f"{value:.2f}"


def _rank_change(value: object) -> str:
    if value is None or value is pd.NA:
        return "—"
    return "0" if value == 0 else f"{'↑' if value > 0 else '↓'}{abs(int(value))}"


def ranking_table(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One line per center, ranked first (by rank), then the unranked with the reason."""
    ordered = frame.assign(_unranked=frame["rank"].isna()).sort_values(["_unranked", "rank"], kind="stable")
    rows = []
    for row in ordered.to_dict("records"):
        unranked = row["rank"] is None or row["rank"] is pd.NA
        rows.append({
            RANKING_BY_KEY["rank"].label(lang): "—" if unranked else str(int(row["rank"])),
            t("common.center", lang): _center(row, lang),
            RANKING_BY_KEY["score"].label(lang): RANKING_BY_KEY["score"].format(row["score"]),
            RANKING_BY_KEY["rank_change"].label(lang): _rank_change(row["rank_change"]),
            BY_KEY["closure_rate"].label(lang): _with_n(
                "closure_rate", row["closure_rate"], row["tickets_received"], lang
            ),
            BY_KEY["on_time_rate"].label(lang): _with_n(
                "on_time_rate", row["on_time_rate"], row["tickets_closed"], lang
            ),
            BY_KEY["satisfaction_rate"].label(lang): _with_n(
                "satisfaction_rate", row["satisfaction_rate"], row["closed_rated"], lang
            ),
            t("ranking.col.note", lang): t(f"ranking.unranked.{row['unranked_reason']}", lang)
            if unranked
            else "",
        })  # fmt: skip
    return pd.DataFrame(rows)


def fair_table(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Raw figures beside their case-mix expectation and the observed / expected ratios."""
    rows = []
    for row in frame.to_dict("records"):
        interval = (
            "—"
            if is_missing(row["on_time_ratio_low"])
            else f"{row['on_time_ratio_low']:.2f}–{row['on_time_ratio_high']:.2f}"
        )
        rows.append({
            t("common.center", lang): _center(row, lang),
            BY_KEY["on_time_rate"].label(lang): _with_n(
                "on_time_rate", row["on_time_rate"], row["tickets_closed"], lang
            ),
            RANKING_BY_KEY["expected_on_time_rate"].label(lang): BY_KEY["on_time_rate"].format(row["expected_on_time_rate"]),
            RANKING_BY_KEY["on_time_ratio"].label(lang): _ratio(row["on_time_ratio"]),
            t("ranking.col.interval", lang): interval,
            BY_KEY["median_resolution_days"].label(lang): BY_KEY["median_resolution_days"].format(
                row["median_resolution_days"]
            ),
            RANKING_BY_KEY["expected_median_days"].label(lang): BY_KEY["median_resolution_days"].format(
                row["expected_median_days"]
            ),
            RANKING_BY_KEY["median_ratio"].label(lang): _ratio(row["median_ratio"]),
        })  # fmt: skip
    return pd.DataFrame(rows)


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
