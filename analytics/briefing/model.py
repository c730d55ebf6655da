"""The monthly briefing (月度工作简报) as one plain data object, built from the marts the pages use.

Every renderer (HTML, PDF, DOCX) and the page's preview read this object, so they cannot disagree; the
numbers are the KPI table's (analytics.kpis.center_kpis, as `summary`), the ranking's
(analytics.ranking), the overdue list's (tickets_overdue), 督办 (tickets_response) and completeness's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.briefing import tables
from analytics.domain import display, place
from analytics.filters import Filters, describe_period
from analytics.i18n import Lang, join, t
from analytics.intake import DATASETS
from analytics.metrics import BY_KEY
from analytics.periods import Period, month_end
from analytics.queries import run_mart
from analytics.ranking import Marts, drivers, ranking

HEADLINE: tuple[str, ...] = (
    "tickets_received",
    "closure_rate",
    "on_time_rate",
    "satisfaction_rate",
    "median_resolution_days",
    "overdue_tickets",
    "visits",
    "participation_per_1000_workers",
)
MOVEMENTS = 6  # sentences at most
OVERDUE_LISTED = 10  # the longest-overdue tickets listed by name
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class BriefingError(ValueError):
    """A month or center the briefing cannot be made for; the message says why (Chinese, then English)."""


def parse_month(text: str) -> Period:
    """'2022-06' → 1–30 June 2022; anything else (2022-13, abc, 2022-6) is refused."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 < int(match.group(1)) < 2200:
        raise BriefingError(
            f"月份格式应为 YYYY-MM（如 2022-06）/ the month must be YYYY-MM (e.g. 2022-06): {text!r}"
        )
    start = dt.date(int(match.group(1)), int(match.group(2)), 1)
    return Period(start, month_end(start))


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    change: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Table:
        return cls(
            tuple(frame.columns), tuple(tuple(str(v) for v in row) for row in frame.itertuples(index=False))
        )


@dataclass(frozen=True)
class Briefing:
    lang: Lang
    title: str
    scope: str  # the period and the center(s) covered
    has_data: bool
    tiles: tuple[Tile, ...]
    tiles_note: str
    ranking: Table
    ranking_note: str
    fair: Table
    fair_note: str
    movements: tuple[str, ...]
    overdue_by_center: Table
    overdue_list: Table
    overdue_note: str
    completeness: tuple[str, ...]
    kpis: pd.DataFrame = field(repr=False)  # the KPI table the figures and charts are drawn from


def build(
    con: duckdb.DuckDBPyConnection,
    month: Period,
    lang: Lang,
    weights: dict[str, float],
    center: str | None = None,
) -> Briefing:
    """The briefing of `month` for the whole town, or for one center (the ranking stays town-wide)."""
    town = Filters(month)
    scope = Filters(month, centers=(center,) if center else ())
    marts = Marts.of(con)  # the town's KPI table and case mix are read once for the tiles and the ranking
    current, previous = marts.kpis(scope), marts.kpis(scope.previous())
    total, total_before = current[current["is_total"]].iloc[0], previous[previous["is_total"]].iloc[0]
    ranked = ranking(marts, town, weights)
    split = drivers(marts, scope)
    scope_centers = current.loc[~current["is_total"], "center"].tolist()
    illustrative = set(current.loc[current["is_illustrative"], "center"])
    ranked_scope = ranked[ranked["center"].isin(scope_centers)]

    return Briefing(
        lang=lang,
        title=t("briefing.heading", lang, month=_month_name(month, lang))
        + (
            t("briefing.heading_center", lang, center=_label(center, center in illustrative, lang))
            if center
            else ""
        ),
        scope=t(
            "briefing.scope",
            lang,
            period=describe_period(month, lang),
            centers=_label(center, center in illustrative, lang)
            if center
            else t("filters.all_centers", lang, n=len(scope_centers)),
            previous=describe_period(month.previous(), lang),
        ),
        has_data=bool(total["tickets_received"] or total["visits"] or total["activities"]),
        tiles=tuple(
            Tile(
                BY_KEY[key].label(lang),
                BY_KEY[key].format(total[key]),
                BY_KEY[key].format_change(total[key], total_before[key], lang),
            )
            for key in HEADLINE
        ),
        tiles_note=t("briefing.tiles_note", lang),
        ranking=Table.of(tables.ranking_table(ranked, lang).shown(lang)),
        ranking_note=t(
            "briefing.ranking_note",
            lang,
            **{key: f"{value:g}" for key, value in weights.items()},
        ),
        fair=Table.of(tables.fair_table(ranked_scope, lang).shown(lang)),
        fair_note=t("ranking.fair_caption", lang),
        movements=tuple(tables.movements(ranked, split, lang, MOVEMENTS)),
        overdue_by_center=Table.of(_overdue_by_center(con, scope, current, lang)),
        overdue_list=Table.of(_overdue_list(con, scope, illustrative, lang)),
        overdue_note=t("briefing.overdue_note", lang, n=OVERDUE_LISTED),
        completeness=_completeness(con, scope, illustrative, lang),
        kpis=current,
    )


def _month_name(month: Period, lang: Lang) -> str:
    start = month.start
    return f"{start.year}年{start.month}月" if lang == "zh" else start.strftime("%B %Y")


def _label(center: str, is_illustrative: bool, lang: Lang) -> str:
    """A center as the tables show it: romanised beside the Chinese in English, * when illustrative."""
    return f"{place(center, lang)}*" if is_illustrative else place(center, lang)


def _overdue_by_center(
    con: duckdb.DuckDBPyConnection, scope: Filters, kpis: pd.DataFrame, lang: Lang
) -> pd.DataFrame:
    response = run_mart(con, "tickets_response", scope.params()).set_index("center")
    rows = []
    for row in kpis.to_dict("records"):
        key = None if row["is_total"] else row["center"]
        escalated = int(response["escalated"].get(key, 0)) if key in response.index else 0
        rows.append({
            t("common.center", lang): t("common.total", lang)
            if row["is_total"]
            else _label(row["center"], row["is_illustrative"], lang),
            BY_KEY["open_tickets"].label(lang): BY_KEY["open_tickets"].format(row["open_tickets"]),
            BY_KEY["overdue_tickets"].label(lang): BY_KEY["overdue_tickets"].format(row["overdue_tickets"]),
            t("briefing.col.escalated", lang): f"{escalated:,}",
        })  # fmt: skip
    return pd.DataFrame(rows)


def _overdue_list(
    con: duckdb.DuckDBPyConnection, scope: Filters, illustrative: set[str], lang: Lang
) -> pd.DataFrame:
    overdue = run_mart(con, "tickets_overdue", scope.params()).head(OVERDUE_LISTED)
    return pd.DataFrame({
        t("tickets.col.ticket", lang): overdue["ticket_no"].fillna("—"),
        t("col.enterprise", lang): overdue["enterprise"],
        t("common.center", lang): overdue["center"].map(lambda c: _label(c, c in illustrative, lang)),
        t("tickets.col.category", lang): overdue["category"].map(lambda c: display(c, lang)),
        t("tickets.col.days_overdue", lang): overdue["days_overdue"].map(lambda d: f"{d:,}"),
        t("tickets.col.lead_unit", lang): overdue["lead_unit"].fillna("—"),
    })  # fmt: skip


def _completeness(
    con: duckdb.DuckDBPyConnection, scope: Filters, illustrative: set[str], lang: Lang
) -> tuple[str, ...]:
    """One sentence per center that has not sent a ledger for the month, naming the ledgers."""
    grid = run_mart(con, "completeness", scope.params())
    missing = grid[grid["row_count"] == 0]
    sentences = tuple(
        t("briefing.not_reported", lang, center=_label(center, center in illustrative, lang),
          ledgers=join([DATASETS[name].title(lang) for name in group["dataset"]], lang))
        for center, group in missing.groupby("center", sort=False)
    )  # fmt: skip
    return sentences or (t("briefing.all_reported", lang),)
