"""AppTest: dashboard.py and every page render in Chinese and English without exception."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_login import logged_in, submit_login
from tests.apptest_pages import LANGS, PAGES

ROOT = Path(__file__).resolve().parent.parent


def app(**query: list[str]) -> AppTest:
    """dashboard.py logged in as an admin, with `query` as URL parameters."""
    return logged_in(None, "admin", **query)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app_env, page, lang):
    at = app(lang=[LANGS[lang]])
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.button_group(key="lang").value == lang
    assert at.title[0].value


def test_overview_shows_the_kpi_table_charts_and_demo_banner(app_env):
    at = app()
    assert not at.exception
    assert "演示数据" in at.info[0].value
    assert at.caption[0].value.startswith("统计期间 2021年7月1日至2022年6月30日")
    assert [m.label for m in at.metric][:2] == ["受理诉求数", "办结率"]
    assert len(at.get("plotly_chart")) == 2
    table = at.dataframe[0].value
    assert list(table.columns) == ["长虹岭", "罗村*", "松岗*", "小塘*", "官窑*", "大学城*", "合计"]
    assert table.loc["企业数", "长虹岭"] == "296"


def test_overview_table_views_switch(app_env):
    at = app()
    at.button_group(key="overview_view").set_value("change").run()
    assert not at.exception
    assert at.dataframe[0].value.loc["办结率", "合计"].endswith("个百分点")


def test_filters_come_from_the_url(app_env):
    at = app(lang=["English"], center=["长虹岭"], period=["2021-01-01", "2021-06-30"], type=["high_tech"])
    assert not at.exception
    assert at.caption[0].value == (
        "Period 1 Jan 2021 – 30 Jun 2021 | Centers: 长虹岭 Changhongling | Parks: all | Enterprise type: High-tech"
    )
    assert list(at.dataframe[0].value.columns) == ["长虹岭 Changhongling", "Total"]


def test_parks_are_narrowed_to_the_chosen_centers(app_env):
    at = app(center=["大学城"])
    assert at.multiselect(key="park").options == ["大学城创新园", "软件科技园"]


def test_an_empty_database_renders_without_error(tmp_path, monkeypatch):
    import streamlit as st

    from analytics import db
    from analytics.auth import OPERATOR, accounts
    from analytics.settings import AuthSettings

    con = db.connect(tmp_path / "empty.duckdb")
    accounts.create(con, OPERATOR, "first-admin", "a long password", "admin", AuthSettings())
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "empty.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run()
    assert not at.exception, at.exception
    assert not at.info and not at.markdown  # no demo banner, no demo accounts listed
    submit_login(at, "first-admin", "a long password")
    assert not at.exception, at.exception
    assert at.title[0].value == "各产业社区总览"
    # no demo banner: the page's no-data notice, then each chart's
    assert [info.icon for info in at.info] == [":material/inbox:"] + [":material/bar_chart:"] * 2
    st.cache_resource.clear()
