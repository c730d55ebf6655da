"""What every page needs from the session: the shared connection, the data version, language, filters."""

from __future__ import annotations

import duckdb
import streamlit as st

from analytics import db, logs
from analytics.demo.load import load_demo
from analytics.filters import Filters
from analytics.i18n import LANGS, Lang

FILTERS_KEY = "_filters"


@st.cache_resource(show_spinner="正在准备数据库… / Preparing the database…")
def connection() -> duckdb.DuckDBPyConnection:
    """The process's one DuckDB connection; a missing database is created with demo data."""
    path = db.default_db_path()
    logs.configure(path)
    created = not path.exists()
    con = db.connect(path)
    if created:
        load_demo(con)
    return con


def open_or_stop() -> duckdb.DuckDBPyConnection:
    """The connection, or a clear message and a stopped script when the file cannot be opened."""
    try:
        return connection()
    except ValueError as error:  # a setting of dashboard.toml that cannot be used (the message names it)
        st.error(str(error), icon=":material/settings:")
        st.stop()
    except duckdb.IOException as error:
        st.error(
            f"无法打开数据库 {db.default_db_path()}：它可能正被另一个程序（如命令行导入）占用，请稍后刷新。\n\n"
            f"Cannot open the database {db.default_db_path()}: another process (such as a command-line "
            f"import) may hold it. Refresh in a moment.\n\n`{error}`",
            icon=":material/lock:",
        )
        st.stop()


VERSION_KEY = "_data_version"


def read_data_version() -> None:
    """Read the data version once for this script run (dashboard.py, before the page): every cached query
    of the run keys on it, rather than each asking the database again."""
    st.session_state[VERSION_KEY] = db.data_version(connection())


def data_version() -> int:
    """The data version read at the start of this run (or now, for a script run without the router)."""
    version = st.session_state.get(VERSION_KEY)
    return db.data_version(connection()) if version is None else version


@st.cache_data(show_spinner=False)
def _demo_loaded(version: int) -> bool:
    return db.has_demo_data(connection())


def demo_loaded() -> bool:
    return _demo_loaded(data_version())


def lang() -> Lang:
    value = st.session_state.get("lang")
    return value if value in LANGS else "zh"


def set_filters(filters: Filters) -> None:
    st.session_state[FILTERS_KEY] = filters


def filters() -> Filters:
    """The global filters chosen in the sidebar (set by dashboard.py before the page runs)."""
    return st.session_state[FILTERS_KEY]


def after_write() -> None:
    """Call after any write to the database: every cached query is stale, and so is the run's version."""
    st.session_state.pop(VERSION_KEY, None)
    st.cache_data.clear()
