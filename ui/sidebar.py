"""The sidebar every page shares: language switch and global filters, all kept in the URL.

Widget keys are the URL parameter names (?lang=English&period=2021-07-01&period=2022-06-30&center=长虹岭…),
so a copied link reproduces the view and the values survive page switches.
"""

from __future__ import annotations

import streamlit as st

from analytics.filters import ENTERPRISE_TYPES, Filters
from analytics.i18n import LANGS, Lang, t
from analytics.periods import Period
from ui import data

LANG_NAMES = {"zh": "中文", "en": "English"}


def language_switch() -> Lang:
    choice = st.sidebar.segmented_control(
        t("app.language", "zh"),
        LANGS,
        format_func=LANG_NAMES.get,
        default="zh",
        required=True,
        key="lang",
        bind="query-params",
    )
    return choice if choice in LANGS else "zh"


def global_filters(lang: Lang) -> Filters:
    sidebar = st.sidebar
    sidebar.subheader(t("filters.header", lang))
    default = data.default_period()
    chosen = sidebar.date_input(
        t("filters.period", lang),
        value=(default.start, default.end),
        key="period",
        bind="query-params",
        format="YYYY-MM-DD",
    )
    period = default
    if isinstance(chosen, tuple) and len(chosen) == 2:
        period = Period(*chosen)
    else:
        sidebar.caption(t("filters.period_incomplete", lang))

    center_options = data.centers()["center"].tolist()
    centers = sidebar.multiselect(
        t("filters.centers", lang),
        center_options,
        key="center",
        bind="query-params",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    parks = data.parks()
    if centers:
        parks = parks[parks["center"].isin(centers)]
    park_options = parks["park"].tolist()
    if "park" in st.session_state:  # parks of a center just removed leave the selection
        st.session_state["park"] = [park for park in st.session_state["park"] if park in park_options]
    chosen_parks = sidebar.multiselect(
        t("filters.parks", lang),
        park_options,
        key="park",
        bind="query-params",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    types = _enterprise_types(lang)
    return Filters(period=period, centers=tuple(centers), parks=tuple(chosen_parks), types=tuple(types))


def _enterprise_types(lang: Lang) -> list[str]:
    """Enterprise types, kept in the URL by key (?type=above_scale): bound widgets would store the
    translated label, which a link opened in the other language could not read back."""
    if "type" not in st.session_state:
        st.session_state["type"] = [key for key in st.query_params.get_all("type") if key in ENTERPRISE_TYPES]
    types = st.sidebar.multiselect(
        t("filters.types", lang),
        ENTERPRISE_TYPES,
        format_func=lambda key: t(f"type.{key}", lang),
        key="type",
        placeholder=t("filters.all", lang),
        select_all=False,
    )
    if types:
        st.query_params["type"] = types
    else:
        st.query_params.pop("type", None)
    return types
