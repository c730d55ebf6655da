"""The demand page in real Chromium: charts drawn; clicking a center's bar or a heatmap cell narrows the
page and the URL; the chip clears it."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

from analytics.domain import TICKET_CATEGORIES, display
from tests.browser.helpers import (
    click_until,
    filter_sentence,
    login,
    open_app,
    plotly_bars,
    sentence,
    wait_idle,
    wait_until,
)

pytestmark = pytest.mark.browser


def query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def test_clicking_a_center_narrows_the_page_and_the_url(server, page):
    open_app(page, f"{server.url}/tickets")
    expect(page.get_by_role("heading", name="企业诉求办理")).to_be_visible()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 7", timeout=60_000)
    assert plotly_bars(page, 0) == 6
    bar = page.locator(".js-plotly-plot").first.locator(".barlayer .point").nth(3)  # 小塘
    click_until(page, lambda: bar.click(force=True), lambda: "focus=" in page.url)
    expect(sentence(page)).to_contain_text("产业社区：小塘", timeout=60_000)
    wait_idle(page)
    assert query(page)["focus"] == ["小塘"]
    wait_until(page, lambda: plotly_bars(page, 0) == 1)
    expect(page.get_by_text("已聚焦：")).to_be_visible()

    login(page, page.url)  # the narrowing survives in the URL (a reload is a new session: log in again)
    expect(sentence(page)).to_contain_text("产业社区：小塘", timeout=60_000)

    page.get_by_role("button", name="清除聚焦").click()
    expect(sentence(page)).to_contain_text("产业社区：全部", timeout=60_000)
    wait_idle(page)
    assert "focus" not in query(page)
    assert plotly_bars(page, 0) == 6


def test_clicking_a_category_cell_narrows_to_it(server, page):
    open_app(page, f"{server.url}/tickets?lang=English")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 7", timeout=60_000)
    grid = page.locator(".js-plotly-plot").nth(6)
    grid.scroll_into_view_if_needed()
    cell = grid.locator(".scatterlayer .point").first
    click_until(page, lambda: cell.click(force=True), lambda: "category=" in page.url)
    expect(sentence(page)).to_contain_text(" | Categories: ", timeout=60_000)
    (center,), (category,) = query(page)["focus"], query(page)["category"]
    assert center in {"长虹岭", "罗村", "松岗", "小塘", "官窑", "大学城"}
    assert category in TICKET_CATEGORIES
    assert filter_sentence(page).endswith(f" | Categories: {display(category, 'en')}")
    assert f"Centers: {center}" in filter_sentence(page)
