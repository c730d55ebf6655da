"""A leader's journey in real Chromium: overview → a center's bar → the demand page focused on that center →
an overdue demand's enterprise → the profile marking that demand; and a period without data says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_until, grid_cell, login, plotly_bars, wait_idle, wait_until

pytestmark = pytest.mark.browser


def test_leader_goes_from_a_center_bar_to_the_profile_of_an_overdue_demand(server, page, browser_context):
    login(page, f"{server.url}/overview", "demo-leader")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=60_000)
    bar = page.locator(".js-plotly-plot").first.locator(".barlayer .point").nth(1)  # 罗村's median bar
    click_until(page, lambda: bar.click(force=True), lambda: "/tickets" in page.url)
    wait_idle(page)
    assert "focus=%E7%BD%97%E6%9D%91" in page.url  # 罗村
    expect(page.get_by_role("heading", name="企业诉求办理")).to_be_visible()
    expect(page.locator('[data-testid="stMain"]').get_by_text("已聚焦：")).to_be_visible()
    wait_until(page, lambda: plotly_bars(page, 0) == 1)  # the page narrowed to the one center

    page.get_by_role("heading", name="超期诉求清单").scroll_into_view_if_needed()  # the page's last section
    wait_idle(page)
    overdue = page.locator('[data-testid="stDataFrame"]').last
    overdue.scroll_into_view_if_needed()
    last = page.locator('[data-testid="stDataFrame"]').count() - 1
    ticket = grid_cell(page, 1, 0, table=last)
    assert grid_cell(page, 2, 0, table=last).startswith("罗村")
    opened = []

    def remember(tab) -> None:
        opened.append(tab)

    browser_context.on("page", remember)

    def click_first_link() -> None:
        overdue.scroll_into_view_if_needed()
        box = overdue.locator(".dvn-scroller").bounding_box()
        page.mouse.move(box["x"] + 30, box["y"] + 52)  # the grid arms a link when hovered
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + 30, box["y"] + 52)

    click_until(page, click_first_link, lambda: bool(opened))
    browser_context.remove_listener("page", remember)
    profile = opened[0]  # a new tab is a new session: it logs in again, then shows the profile
    login(profile, profile.url, "demo-leader")
    assert f"ticket={ticket}" in profile.url
    notice = profile.get_by_text("您从这条诉求进入")
    expect(notice).to_be_visible(timeout=60_000)
    expect(notice).to_contain_text(ticket)
    expect(profile.get_by_role("heading", name="在办与超期诉求（截至期末，不限受理日期）")).to_be_visible()
    # the open list marks the demand: the first row (the most overdue, as on the demand page)
    assert grid_cell(profile, 0, 0, table=0) == "★"
    assert grid_cell(profile, 1, 0, table=0) == ticket
    profile.close()


def test_a_participation_bar_opens_the_worker_services_page_focused_on_that_center(server, page):
    filters = "lang=English&center=%E9%95%BF%E8%99%B9%E5%B2%AD&center=%E7%BD%97%E6%9D%91&type=above_scale"
    login(page, f"{server.url}/overview?{filters}", "demo-leader")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=60_000)
    bar = page.locator(".js-plotly-plot").nth(1).locator(".barlayer .point").first  # 长虹岭
    click_until(page, lambda: bar.click(force=True), lambda: "/participation" in page.url)
    wait_idle(page)
    assert "focus=%E9%95%BF%E8%99%B9%E5%B2%AD" in page.url
    for kept in filters.split("&"):  # language, centers and enterprise type: every global filter kept
        assert kept in page.url, (kept, page.url)
    expect(page.locator('[data-testid="stMain"]').get_by_text("Narrowed to:")).to_be_visible()
    wait_until(page, lambda: plotly_bars(page, 0) == 1)


def test_a_period_without_data_says_so_on_every_page_instead_of_empty_axes(server, page):
    login(page, f"{server.url}/overview?period=2018-01-01&period=2018-01-31")
    for path in ("overview", "tickets", "visits", "output", "vaccination", "participation"):
        if path != "overview":
            page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
            page.wait_for_url(f"**/{path}?*", timeout=60_000)
            wait_idle(page)
        assert "period=2018-01-01&period=2018-01-31" in page.url  # the period survived the move
        notice = page.get_by_text("暂无数据：统计期间（2018年1月1日至2018年1月31日）").first
        expect(notice).to_be_visible(timeout=60_000)
        wait_idle(page)
        expect(page.locator(".js-plotly-plot")).to_have_count(0)
