"""A long list (the enterprises not visited) sends one page to the browser, with a search box and a page
number; the downloads hold every row the search matches."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa

from analytics.i18n import t
from tests.apptest_pages import offered_downloads, open_page, shown
from ui import topic_tables
from ui.components import PAGE_ROWS

NAME = t("col.enterprise", "zh")


def not_visited(at) -> pd.DataFrame:
    (frame,) = [
        f.value for f in at.dataframe if "link" in f.value.columns and "未走访天数" in f.value.columns
    ]
    return frame


def caption_text(at) -> str:
    return " ".join(c.value for c in at.caption)


def downloaded(offered) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(offered["not-visited.csv"]), encoding="utf-8-sig", dtype=str)


def test_the_not_visited_list_is_paged_and_searched(app_env, monkeypatch):
    offered = offered_downloads(monkeypatch)
    at = open_page("views/visits.py")
    assert not at.exception, at.exception
    everyone = downloaded(offered)
    total = len(everyone)
    assert total > 3 * PAGE_ROWS  # the demo's list is long enough to page
    assert len(not_visited(at)) == PAGE_ROWS
    assert f"第 1–100 行，共 {total:,} 行" in caption_text(at)

    pages = -(-total // PAGE_ROWS)
    at.number_input(key=f"not-visited-page-{pages}").set_value(pages).run()
    last = not_visited(at)
    assert len(last) == total - (pages - 1) * PAGE_ROWS
    assert last[NAME].tolist() == everyone[NAME].tolist()[(pages - 1) * PAGE_ROWS :]

    wanted = everyone[NAME].iloc[5]
    at.text_input(key="not-visited-search").input(wanted).run()
    found = not_visited(at)
    assert wanted in found[NAME].tolist() and len(found) < PAGE_ROWS
    assert downloaded(offered)[NAME].tolist() == found[NAME].tolist()  # the download follows the search

    at.text_input(key="not-visited-search").input("<b>没有这家</b>").run()
    assert not at.exception
    assert "没有与「<b>没有这家</b>」匹配的行" in shown(caption_text(at))  # as the reader sees it
    assert "<b>" not in caption_text(at)  # escaped, so shown as text, not markup


def test_the_last_visit_column_is_one_kind_of_value():
    """Dates and 从未走访 in one column are all text: Arrow takes the list as it is (no fallback conversion)."""
    frame = pd.DataFrame(
        {"center": ["长虹岭", "长虹岭"], "park": ["长虹岭工业园"] * 2, "industry": ["五金"] * 2,
         "is_above_scale": [True, False], "employees": [10, 20], "name": ["甲", "乙"], "uscc": ["A", "B"],
         "last_visit": [pd.Timestamp("2022-03-05"), pd.NaT], "days_since": [117, None]}
    )  # fmt: skip
    table = topic_tables.not_visited(frame, pd.Series(["?uscc=A", "?uscc=B"]), "zh", set())
    assert table.values[t("col.last_visit", "zh")].tolist() == ["2022-03-05", "从未走访"]
    pa.Table.from_pandas(table.values)  # raised ArrowTypeError on a date beside text
