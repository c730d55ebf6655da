"""The not-visited list is searched and paged in the database (visits_not_visited_counts / _page): the same
rows, in the same order, as searching the whole list on screen (Table.matching over the shown words)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.elements.widgets.button import ButtonMixin

from analytics import db, queries
from analytics.filters import Filters
from analytics.i18n import t
from analytics.periods import Period
from analytics.queries import run_mart
from analytics.tabular import NARROW, WIDE, ListSearch, Table
from tests.apptest_pages import open_page
from ui import lists, topic_tables
from ui.components import PAGE_ROWS

FILTERS = Filters(Period(dt.date(2021, 7, 1), dt.date(2022, 6, 30)))
ILLUSTRATIVE = frozenset({"松岗"})


@pytest.fixture(scope="module")
def con(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = tmp_path_factory.mktemp("lists") / "demo.duckdb"
    path.write_bytes(demo_db_template.read_bytes())
    return db.connect(path)


@pytest.fixture(scope="module")
def whole(con) -> pd.DataFrame:
    return run_mart(con, "visits_not_visited", FILTERS.params())


def shown_table(frame: pd.DataFrame, lang: str) -> Table:
    return topic_tables.not_visited(frame.reset_index(drop=True), frame["uscc"], lang, set(ILLUSTRATIVE))


def sql_search(
    con, query: str, lang: str, offset: int = 0, limit: int | None = None
) -> tuple[int, pd.DataFrame]:
    centers = [r[0] for r in con.execute("SELECT center FROM centers").fetchall()]
    parks = [r[0] for r in con.execute("SELECT park FROM parks").fetchall()]
    search = lists.not_visited_search(query, centers, parks, ILLUSTRATIVE, lang)
    params = {**FILTERS.params(), **search.params()}
    found = run_mart(con, "visits_not_visited_counts", params)["found"].iloc[0]
    return int(found), run_mart(con, "visits_not_visited_page", {**params, "offset": offset, "limit": limit})


def screen_search(whole: pd.DataFrame, query: str, lang: str) -> list[str]:
    """What Table.matching finds in the list as shown, over its words: every column but the links and the
    two numbers (employees, days since the last visit)."""
    table = shown_table(whole, lang)
    numbers = {t("col.employees", lang), t("col.days_since", lang), "link"}
    return (
        table.matching(query, [c for c in table.values.columns if c not in numbers]).values["link"].tolist()
    )


# Queries as a user types them: pieces of what the list shows (names, USCCs, industries, centers and
# parks in both languages, dates, 是, 从未走访), in either width and case, and text that matches nothing.
def pieces(whole: pd.DataFrame) -> list[str]:
    words = [
        "是",
        "从未",
        "Never",
        "Yes",
        "2021-",
        "2",
        "*",
        "changhong",
        "Luocun",
        "园",
        "<b>",
        "％",
        "na",
        "",
    ]
    for column in ("name", "uscc", "industry", "center", "park"):
        words += whole[column].dropna().astype(str).head(40).tolist()
    return words


def widened(text: str) -> str:
    return text.translate(str.maketrans(NARROW, WIDE))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_database_finds_what_the_screen_would(con, whole, data):
    lang = data.draw(st.sampled_from(["zh", "en"]))
    word = data.draw(st.sampled_from(pieces(whole)))
    start = data.draw(st.integers(0, max(0, len(word) - 1)))
    query = word[start : start + data.draw(st.integers(1, 12))]
    query = data.draw(st.sampled_from([query, query.upper(), widened(query), f"  {query} "]))
    found, rows = sql_search(con, query, lang)
    expected = screen_search(whole, query, lang)
    assert found == len(expected)
    assert rows["uscc"].tolist() == expected  # same rows, same order


def test_full_width_text_in_the_data_is_found_by_half_width_queries(demo_db):
    """A name written with full-width letters and brackets (as WPS writes them) is found by what a user types."""
    own = db.connect(demo_db)
    uscc = run_mart(own, "visits_not_visited", FILTERS.params())["uscc"].iloc[0]
    own.execute("UPDATE enterprises SET name = 'ＡＢＣ（佛山）精密　五金' WHERE uscc = ?", [uscc])
    whole = run_mart(own, "visits_not_visited", FILTERS.params())
    for query in ("abc(佛山)", "ＡＢＣ（", "精密 五金"):
        _, rows = sql_search(own, query, "zh")
        assert uscc in rows["uscc"].tolist()
        assert rows["uscc"].tolist() == screen_search(whole, query, "zh")


def test_pages_cover_the_list_once_in_order(con, whole):
    found, _ = sql_search(con, "", "zh")
    assert found == len(whole) > 3 * PAGE_ROWS
    pages = [sql_search(con, "", "zh", offset, PAGE_ROWS)[1] for offset in range(0, found, PAGE_ROWS)]
    assert all(len(page) == PAGE_ROWS for page in pages[:-1])
    assert pd.concat(pages)["uscc"].tolist() == whole["uscc"].tolist()


def test_the_counts_say_how_long_the_list_is_whatever_the_search(con, whole):
    params = {**FILTERS.params(), **ListSearch(needle="没有这家").params()}
    assert run_mart(con, "visits_not_visited_counts", params).iloc[0].tolist() == [len(whole), 0]


def test_the_visits_page_holds_one_page_of_the_list(app_env, monkeypatch):
    """The page reads the counts and 100 rows, never the whole list; the download, built when clicked on
    another thread (as Streamlit runs it), has every row."""
    returned: dict[str, int] = {}
    original_run = queries.run_mart

    def spy(con, name, params):
        frame = original_run(con, name, params)
        returned[name] = max(returned.get(name, 0), len(frame))
        return frame

    monkeypatch.setattr(queries, "run_mart", spy)
    deferred = {}
    original_button = ButtonMixin.download_button

    def keep(self, label, data, file_name=None, *args, **kwargs):
        deferred[file_name] = data
        return original_button(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", keep)
    at = open_page("views/visits.py")
    assert not at.exception, at.exception
    assert returned["visits_not_visited_page"] == PAGE_ROWS
    assert "visits_not_visited" not in returned  # the whole list is read only for a download

    built: list[bytes] = []
    worker = threading.Thread(target=lambda: built.append(deferred["not-visited.csv"]()))
    worker.start()
    worker.join()
    rows = built[0].decode("utf-8-sig").strip().splitlines()
    assert returned["visits_not_visited"] == len(rows) - 1 > PAGE_ROWS
