"""Visits, output, vaccination and participation pages in real Chromium: charts drawn; from a list of
enterprises to a profile and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_until, grid_cell, login, open_app, wait_idle, wait_until

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading", "charts"),
    [("visits", "企业走访", 3), ("output", "工业总产值", 3), ("vaccination", "员工疫苗接种", 2),
     ("participation", "职工服务与参与", 5)],
)  # fmt: skip
def test_each_page_draws_its_charts(server, page, path, heading, charts):
    open_app(page, f"{server.url}/{path}")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=60_000)
    for index in range(charts):
        plot = page.locator(".js-plotly-plot").nth(index)
        plot.scroll_into_view_if_needed()
        assert plot.locator(".trace, .heatmaplayer image").count() > 0  # something drawn in every chart


def test_from_a_list_to_a_profile_and_back(server, page, browser_context):
    open_app(page, f"{server.url}/output?lang=English")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=60_000)
    top = page.locator('[data-testid="stDataFrame"]').last
    top.scroll_into_view_if_needed()
    wait_idle(page)
    name = grid_cell(page, 0, 0, table=page.locator('[data-testid="stDataFrame"]').count() - 1).split("#")[-1]
    opened = []

    def remember(tab) -> None:
        opened.append(tab)

    browser_context.on("page", remember)

    def click_first_link() -> None:
        top.scroll_into_view_if_needed()
        box = top.locator(".dvn-scroller").bounding_box()  # read now: the layout may have moved
        page.mouse.move(box["x"] + 30, box["y"] + 52)  # the grid arms a link when hovered
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + 30, box["y"] + 52)  # the first enterprise's link

    click_until(page, click_first_link, lambda: bool(opened))
    browser_context.remove_listener("page", remember)
    profile = opened[0]  # a new tab is a new session: it logs in again, then shows the profile
    login(profile, profile.url)
    expect(profile.get_by_role("heading", name=name)).to_be_visible(timeout=60_000)
    assert "uscc=" in profile.url and "lang=English" in profile.url  # the link keeps the language
    profile.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 1", timeout=60_000)
    expect(
        profile.get_by_role("heading", name="Demands and their resolution (in the period)")
    ).to_be_visible()
    profile.close()
    # back on the list: the page is as it was
    expect(page.get_by_role("heading", name="Top 20 enterprises by output")).to_be_visible()
    wait_idle(page)


def test_search_the_not_visited_list_and_download_what_it_found(server, page, tmp_path):
    """The list is searched in the database; the download (built by the server when clicked, off the
    script's thread) holds every row found, not only the page on screen."""
    open_app(page, f"{server.url}/visits")
    expect(page.get_by_role("heading", name="90天未走访企业")).to_be_visible(timeout=60_000)
    showing = page.get_by_text("行（每页 100 行）")

    def total() -> int:
        return int(showing.inner_text().split("共 ")[1].split(" 行")[0].replace(",", ""))

    listed = total()
    assert listed > 100
    search = page.get_by_label("在列表中搜索")
    search.fill("小塘")  # a center: matched on the shown words, in the database
    search.press("Enter")
    wait_until(page, lambda: total() != listed)
    wait_idle(page)
    found = total()
    assert 0 < found < listed
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="下载 CSV").last.click()
    saved = tmp_path / "not-visited.csv"
    download.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == found
    assert all("小塘" in line for line in lines[1:])
