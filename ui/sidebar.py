"""The sidebar every page shares: language switch and global filters, all kept in the URL.

?lang=English&period=2021-07-01&period=2022-06-30&center=长虹岭&park=…&type=above_scale: a copied link
reproduces the view. A new session reads the link once (analytics/links.py checks it; what it could not use
goes to the page's notice); from then on the widgets hold the filters — across page switches and language
switches — and every run writes them back to the URL. The filter widgets are not bound to the URL by
Streamlit, which would drop a value it cannot read without a word, and bind a multiselect to its labels,
which change with the language.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import links
from analytics.domain import place
from analytics.filters import ENTERPRISE_TYPES, Filters
from analytics.i18n import LANGS, Lang, format_date, t
from analytics.periods import PRESETS, Period, matching_preset, preset
from ui import data, notice

LANG_READ_KEY = "_link_lang_read"
LANG_SHOWN_KEY = "_filters_lang"  # the language the filter widgets were last drawn in
LANG_KEY = "lang"  # the one widget Streamlit binds to the URL
FILTER_KEYS = ("period", "center", "park", "type")  # widget keys = URL parameter names


def language_switch() -> Lang:
    if LANG_READ_KEY not in st.session_state:  # a new session: the link's ?lang=, before the switch reads it
        notice.report(links.read_lang(st.query_params.get_all(LANG_KEY))[1])
        st.session_state[LANG_READ_KEY] = True
    choice = st.sidebar.segmented_control(
        t("app.language", "zh"),
        LANGS,
        format_func=links.LANG_NAMES.get,
        default="zh",
        required=True,
        key=LANG_KEY,
        bind="query-params",
    )
    return choice if choice in LANGS else "zh"


def global_filters(lang: Lang) -> Filters:
    sidebar = st.sidebar
    sidebar.subheader(t("filters.header", lang))
    today, default = data.today(), data.default_period()
    centers = data.centers()["center"].tolist()
    parks = data.parks()
    if "period" not in st.session_state:  # a new session, or logged in again: the filters of the link
        _seed(
            links.read_filters(
                _link(), centers, dict(zip(parks["park"], parks["center"], strict=True)), default
            )
        )
    elif st.session_state.get(LANG_SHOWN_KEY, lang) != lang:
        _keep_selection()
    st.session_state[LANG_SHOWN_KEY] = lang

    period = _period(lang, today, default)
    chosen_centers = sidebar.multiselect(
        t("filters.centers", lang),
        centers,
        format_func=lambda name: data.center_shown(name, lang),
        key="center",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    if chosen_centers:
        parks = parks[parks["center"].isin(chosen_centers)]
    park_options = parks["park"].tolist()
    # parks of a center just removed leave the selection
    st.session_state["park"] = [park for park in st.session_state.get("park", []) if park in park_options]
    chosen_parks = sidebar.multiselect(
        t("filters.parks", lang),
        park_options,
        format_func=lambda name: place(name, lang),
        key="park",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    types = sidebar.multiselect(
        t("filters.types", lang),
        ENTERPRISE_TYPES,
        format_func=lambda key: t(f"type.{key}", lang),
        key="type",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    filters = Filters(
        period=period, centers=tuple(chosen_centers), parks=tuple(chosen_parks), types=tuple(types)
    )
    _write_url(links.filter_params(filters, default))
    return filters


# The calendar speaks the browser's language (a Chinese browser: 七月, 一 二 三 …), but the picker's own
# quick select ("Date range · Select…") is English only: the presets below replace it.
_NO_QUICK_SELECT = '<style>[data-testid="stDateInputQuickSelect"] { display: none; }</style>'


def _period(lang: Lang, today: dt.date, default: Period) -> Period:
    """The date range, and the presets beside it (the one equal to the range, if any, shown as chosen)."""
    st.sidebar.html(_NO_QUICK_SELECT)
    chosen = st.sidebar.date_input(
        t("filters.period", lang),
        key="period",
        min_value=links.PERIOD_BOUNDS.start,
        max_value=links.PERIOD_BOUNDS.end,
        format="YYYY-MM-DD",
    )
    # one day picked (the picker's state between its two clicks, or kept so) is a period of one day
    period = Period(chosen[0], chosen[-1]) if chosen else default
    st.session_state["preset"] = matching_preset(period, today)
    st.sidebar.pills(
        t("filters.presets", lang),
        PRESETS,
        format_func=lambda name: t(f"preset.{name}", lang),
        key="preset",
        on_change=_apply_preset,
        args=(today,),
        help=t("filters.presets_help", lang, today=format_date(today, lang)),
    )
    return period


def _apply_preset(today: dt.date) -> None:
    name = st.session_state["preset"]
    if name in PRESETS:  # a click on the chosen preset unselects it: the range stays
        period = preset(name, today)
        st.session_state["period"] = (period.start, period.end)


def _link() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in FILTER_KEYS}


def _seed(link: links.LinkFilters) -> None:
    st.session_state["period"] = (link.period.start, link.period.end)
    st.session_state["center"] = list(link.centers)
    st.session_state["park"] = list(link.parks)
    st.session_state["type"] = list(link.types)
    notice.report(link.corrections)


def _keep_selection() -> None:
    """After a language switch: the choices as values. A multiselect sends back its choices as their labels,
    which have just changed language; read now (before the widget is drawn again) they are still decoded
    with the labels they were chosen by, and set again they are drawn with the new ones."""
    for key in ("center", "park", "type"):
        if key in st.session_state:
            st.session_state[key] = list(st.session_state[key])


def _write_url(params: dict[str, list[str]]) -> None:
    for name, values in params.items():
        if values and st.query_params.get_all(name) != values:
            st.query_params[name] = values
        elif not values and name in st.query_params:
            del st.query_params[name]
