"""Cached access to the analytics layer, keyed on small hashable inputs plus the data version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import kpis, periods, queries, reference
from analytics.auth import masking
from analytics.filters import Filters
from analytics.i18n import Lang
from analytics.tabular import ListSearch
from ui import auth
from ui.charts import center_name
from ui.context import connection, data_version


@st.cache_data(show_spinner=False, max_entries=512)
def _center_kpis(filters: Filters, topics: tuple[str, ...], version: int) -> pd.DataFrame:
    return kpis.center_kpis(connection(), filters, topics)


def center_kpis(filters: Filters, topics: tuple[str, ...] = kpis.TOPICS) -> pd.DataFrame:
    """The KPI table (analytics.kpis.center_kpis): every topic, or only `topics` (and the registry's)."""
    return _center_kpis(filters, topics, data_version())


@st.cache_data(show_spinner=False)
def _centers(version: int) -> pd.DataFrame:
    return reference.centers(connection())


def centers() -> pd.DataFrame:
    return _centers(data_version())


def center_shown(center: object, lang: Lang) -> object:
    """A center's name as the pages show it: romanised beside it in English, * when illustrative; no center
    (None) as it is."""
    if not isinstance(center, str):
        return center
    marked = centers().set_index("center")["is_illustrative"]
    return center_name(center, bool(marked.get(center, False)), lang)


@st.cache_data(show_spinner=False)
def _parks(version: int) -> pd.DataFrame:
    return reference.parks(connection())


def parks() -> pd.DataFrame:
    return _parks(data_version())


@st.cache_data(show_spinner=False)
def _enterprise_count(version: int) -> int:
    return reference.enterprise_count(connection())


def enterprise_count() -> int:
    return _enterprise_count(data_version())


@st.cache_data(show_spinner=False)
def _latest_date(version: int) -> dt.date | None:
    return periods.latest_date(connection())


def today() -> dt.date:
    """The dashboard's "today" for the period presets: the latest date in the data (the calendar's today
    while there is none)."""
    return _latest_date(data_version()) or dt.date.today()


def default_period() -> periods.Period:
    return periods.preset("last_12_months", today())


@st.cache_data(show_spinner=False, max_entries=512)
def _mart(name: str, filters: Filters, extra: tuple[tuple[str, object], ...], version: int) -> pd.DataFrame:
    return queries.run_mart(connection(), name, {**filters.params(), **dict(extra)})


def mart(name: str, filters: Filters, **extra: object) -> pd.DataFrame:
    """Any mart of analytics/sql/marts, run with the filters and extra parameters (cached per data version)."""
    return _mart(name, filters, tuple(sorted(extra.items())), data_version())


@st.cache_data(show_spinner=False, max_entries=512)
def _searched(
    name: str, filters: Filters, search: ListSearch, extra: tuple[tuple[str, object], ...], version: int
) -> pd.DataFrame:
    return queries.run_mart(connection(), name, {**filters.params(), **search.params(), **dict(extra)})


def searched(name: str, filters: Filters, search: ListSearch, **extra: object) -> pd.DataFrame:
    """A mart of a list searched in SQL (analytics.tabular.ListSearch), like `mart`."""
    return _searched(name, filters, search, tuple(sorted(extra.items())), data_version())


def enterprise_profile(filters: Filters, uscc: str) -> pd.DataFrame:
    """The profile, its contact person and phone masked unless the account may see them."""
    return masking.contacts(mart("enterprise_profile", filters, uscc=uscc), auth.principal())
