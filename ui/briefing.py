"""The briefing page's and the demand page's ranking section's building blocks (cached per data version)."""

from __future__ import annotations

import base64

import streamlit as st

from analytics import ranking as ranking_logic
from analytics.briefing import FORMATS, build, render
from analytics.briefing import tables as briefing_tables
from analytics.briefing.images import overview_charts
from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.metrics import SMALL_SAMPLE
from analytics.periods import Period, add_months, month_end
from analytics.settings import load_settings
from analytics.tabular import Table
from ui import components, data, safe
from ui.context import connection, data_version

MONTHS_OFFERED = 36


def _marts() -> ranking_logic.Marts:
    """The ranking reads the pages' cached KPI table and case mix: the demand page's tiles run them already."""
    return ranking_logic.Marts(kpis=data.center_kpis, mix=lambda filters: data.mart("ranking_mix", filters))


@st.cache_resource(show_spinner=False, max_entries=64)
def _ranking_tables(
    filters: Filters, weights: tuple[tuple[str, float], ...], lang: Lang, version: int
) -> tuple[Table, Table, list[str]]:
    """The ranking's two tables and its movements, built once per filters, weights, language and data
    version (shared; never changed once built)."""
    frame = ranking_logic.ranking(_marts(), filters, dict(weights))
    return (
        briefing_tables.ranking_table(frame, lang),
        briefing_tables.fair_table(frame, lang),
        briefing_tables.movements(frame, ranking_logic.drivers(_marts(), filters), lang, limit=len(frame)),
    )


def ranking_section(filters: Filters, lang: Lang) -> None:
    """The demand page's ranking, fair comparison and movements, with their n and intervals."""
    weights = load_settings().ranking_weights
    st.subheader(t("ranking.title", lang))
    try:
        ranking, fair, sentences = _ranking_tables(
            filters, tuple(sorted(weights.items())), lang, data_version()
        )
    except ranking_logic.RankingError as error:
        st.error(t("ranking.error", lang, error=safe.text(error)), icon=":material/error:")
        return
    st.caption(t("ranking.caption", lang, n=SMALL_SAMPLE, **{k: f"{v:g}" for k, v in weights.items()}))
    components.table(ranking, "ranking_score", lang, hide_index=True)
    st.markdown(f"**{t('ranking.fair_title', lang)}**")
    st.caption(t("ranking.fair_caption", lang))
    components.table(fair, "ranking_fair", lang, hide_index=True)
    st.markdown(f"**{t('ranking.movements_title', lang)}**")
    st.markdown("\n".join(f"- {safe.text(line)}" for line in sentences) or t("briefing.no_movements", lang))


def months(latest: Period) -> list[Period]:
    """The calendar months offered, latest first, ending with the default period's last month."""
    last = latest.end.replace(day=1)
    starts = [add_months(last, -i) for i in range(MONTHS_OFFERED)]
    return [Period(start, month_end(start)) for start in starts]


def month_label(month: Period, lang: Lang) -> str:
    return f"{month.start.year}年{month.start.month}月" if lang == "zh" else month.start.strftime("%b %Y")


@st.cache_data(show_spinner=False, max_entries=32)
def _documents(month: Period, center: str | None, lang: Lang, version: int) -> dict[str, bytes]:
    """The briefing in every format, built once (the charts are drawn once for all three)."""
    briefing = build(connection(), month, lang, load_settings().ranking_weights, center)
    images = overview_charts(briefing.kpis, lang)
    return {fmt: render(briefing, images, fmt) for fmt in FORMATS}


def documents(month: Period, center: str | None, lang: Lang) -> dict[str, bytes]:
    return _documents(month, center, lang, data_version())


def downloads(files: dict[str, bytes], month: Period, center: str | None, lang: Lang) -> None:
    stem = f"briefing-{month.start:%Y-%m}" + (f"-{center}" if center else "")
    row = st.container(horizontal=True)
    for fmt, mime in FORMATS.items():
        components.download(
            t(f"briefing.download_{fmt}", lang), files[fmt], f"{stem}.{fmt}", mime, f"briefing-{fmt}",
            f"briefing:{stem}", row,
        )  # fmt: skip


def preview(html: bytes) -> None:
    """The HTML version in an iframe of its own (a data: URL: an opaque origin, no access to the app)."""
    st.iframe(f"data:text/html;base64,{base64.b64encode(html).decode('ascii')}", height=1100)


def centers() -> list[str]:
    return data.centers()["center"].tolist()
