"""The overview in real Chromium: charts drawn, Chinese rendered, filters restored from a copied URL."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    choose,
    filter_sentence,
    grid_cell,
    open_app,
    plotly_bars,
    sentence,
)

pytestmark = pytest.mark.browser


def test_overview_draws_both_charts_with_six_centers(server, page):
    open_app(page, server.url)
    expect(page.get_by_role("heading", name="各产业社区总览")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=60_000)
    assert plotly_bars(page, 0) == 12  # median and P90 for six centers
    assert plotly_bars(page, 1) == 6
    expect(page.locator(".js-plotly-plot").first).to_contain_text("办结 n=")
    expect(page.get_by_text("演示数据：")).to_be_visible()
    assert (grid_cell(page, 0, 0), grid_cell(page, 1, 0)) == ("企业数", "296")


def test_a_copied_url_restores_the_filters(server, page, browser_context):
    open_app(page, server.url)
    choose(page, "产业社区", "长虹岭")
    choose(page, "企业类型", "高新技术企业")
    page.get_by_text("English", exact=True).click()
    expected = "Period 1 Jul 2021 – 30 Jun 2022 | Centers: 长虹岭 Changhongling | Parks: all | Enterprise type: High-tech"
    expect(sentence(page)).to_have_text(expected, timeout=60_000)
    page.wait_for_url(lambda url: "lang=English" in url and "type=high_tech" in url and "center=" in url)
    copied = page.url

    fresh = browser_context.new_page()
    open_app(fresh, copied)
    expect(sentence(fresh)).to_have_text(expected, timeout=60_000)
    assert plotly_bars(fresh, 1) == 1  # one center left in the participation chart
    fresh.close()


def test_period_in_the_url_sets_the_date_range(server, page):
    open_app(page, f"{server.url}/?period=2021-01-01&period=2021-03-31&park=长虹岭北园")
    assert filter_sentence(page).startswith(
        "统计期间 2021年1月1日至2021年3月31日｜产业社区：全部（6个）｜园区：长虹岭北园"
    )
    assert plotly_bars(page, 1) == 1  # only 长虹岭 owns that park


def test_filters_survive_page_switches(server, page):
    open_app(page, server.url)
    choose(page, "产业社区", "罗村*")  # an illustrative center is marked in the list too
    choose(page, "园区", "联星工业园")
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="诉求办理").click()
    expect(page.get_by_role("heading", name="企业诉求办理")).to_be_visible(timeout=60_000)
    expect(sentence(page)).to_contain_text("产业社区：罗村｜园区：联星工业园", timeout=60_000)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="总览").click()
    expect(page.get_by_role("heading", name="各产业社区总览")).to_be_visible(timeout=60_000)
    expect(sentence(page)).to_contain_text("产业社区：罗村｜园区：联星工业园", timeout=60_000)
    assert "center=" in page.url and "park=" in page.url


def test_the_navigation_lists_every_page_without_streamlits_english_view_more(server, page):
    open_app(page, server.url)  # an admin: every page
    nav = page.get_by_test_id("stSidebarNavItems")
    expect(nav.get_by_role("link", name="操作日志")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNavViewButton")).to_have_count(0)
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text("View")


def test_the_calendar_has_no_english_quick_select_the_presets_replace_it(server, page):
    open_app(page, server.url)
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').first
    picker.locator("button, [role=button], svg").last.click()
    expect(page.get_by_test_id("stDateInputCalendar")).to_be_visible()
    expect(page.get_by_test_id("stDateInputQuickSelect")).to_be_hidden()
    assert "Date range" not in page.get_by_test_id("stDateInputCalendar").inner_text()  # what is drawn
