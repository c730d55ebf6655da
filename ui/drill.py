"""Page-local drill-down: clicking a center or a category in a chart narrows the page to it.

The narrowing lives in the URL (?focus=长虹岭&category=市政设施) so a copied link keeps it, and a
chip above the charts clears it. A value that cannot narrow the page (an unknown center or category, a center
outside the chosen ones) is taken out of the URL and said in the page's notice (`check_link`, before the
page runs), so the chip never shows what the page does not do.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analytics import links
from analytics.domain import display, place
from analytics.filters import Filters
from analytics.i18n import Lang, t
from ui import notice, safe

CENTER, CATEGORY = "focus", "category"


def _read(
    known_centers: list[str], chosen: tuple[str, ...]
) -> tuple[str | None, str | None, tuple[links.Correction, ...]]:
    params = {name: st.query_params.get_all(name) for name in (CENTER, CATEGORY)}
    return links.read_drill(params, known_centers, chosen)


def check_link(filters: Filters, known_centers: list[str]) -> None:
    """Leave in the URL only what narrows the page (one value each), and say the rest in the notice."""
    center, category, corrections = _read(known_centers, filters.centers)
    for name, value in ((CENTER, center), (CATEGORY, category)):
        if value is None and name in st.query_params:
            del st.query_params[name]
        elif value is not None and st.query_params.get_all(name) != [value]:
            st.query_params[name] = value
    notice.report(corrections)


def narrowed(filters: Filters, known_centers: list[str]) -> Filters:
    """The global filters narrowed by the drill-down in the URL."""
    center, category, _ = _read(known_centers, filters.centers)
    if center is not None:
        filters = replace(filters, centers=(center,))
    if category is not None:
        filters = replace(filters, categories=(category,))
    return filters


def chips(lang: Lang, hint: str | None = "tickets.focus_hint") -> None:
    """What the page is narrowed to, with a button to clear it; otherwise `hint` (how to narrow), if any."""
    center, category = st.query_params.get(CENTER), st.query_params.get(CATEGORY)
    focus = [place(center, lang)] if center else []
    focus += [display(category, lang)] if category else []
    if not focus:
        if hint:
            st.caption(t(hint, lang))
        return
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{t('tickets.focus', lang)}** " + " · ".join(safe.text(v) for v in focus))
    row.button(t("tickets.clear_focus", lang), icon=":material/close:", on_click=clear, key="clear_focus")


def clear() -> None:
    for name in (CENTER, CATEGORY):
        st.query_params.pop(name, None)


def select(chart_key: str, kind: str) -> None:
    """on_select callback of a Plotly chart: the clicked point's customdata narrows the page."""
    points = st.session_state[chart_key].selection.points
    if not points:
        return
    data = points[0].get("customdata")
    if kind == CENTER and (center := clicked(points)) is not None:
        st.query_params[CENTER] = center
    elif kind == CATEGORY and isinstance(data, list) and len(data) == 2:
        st.query_params[CENTER], st.query_params[CATEGORY] = data


def clicked(points: list[dict[str, object]]) -> str | None:
    """The center of the first clicked point (its customdata is the center's name), if any."""
    data = points[0].get("customdata") if points else None
    return data if isinstance(data, str) else None
