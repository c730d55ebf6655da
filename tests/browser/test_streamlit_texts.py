"""Streamlit's own texts (input hints, an empty search, the tables' toolbar) in Chinese on a Chinese page,
left as Streamlit writes them in English."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import TIMEOUT, open_app, wait_idle

pytestmark = pytest.mark.browser

SHOWN = """element => ({
    before: getComputedStyle(element, '::before').content,
    english: [...element.querySelectorAll(':scope > span')].map(span => getComputedStyle(span).display),
})"""


def _login_hint(page: Page, url: str, username: str) -> dict[str, object]:
    page.goto(url)
    field = page.locator('[data-testid="stForm"] input').first
    field.wait_for(timeout=TIMEOUT)
    wait_idle(page)
    field.fill(username)
    hint = page.locator('[data-testid="stForm"] [data-testid="InputInstructions"]').first
    expect(hint).to_be_attached(timeout=TIMEOUT)
    return hint.evaluate(SHOWN)


def test_the_input_hints_speak_the_pages_language(server, page):
    assert _login_hint(page, server.url, "demo-leader") == {"before": '"按回车键提交"', "english": ["none"]}
    assert _login_hint(page, f"{server.url}/?lang=English", "demo-leader") == {
        "before": "none",
        "english": ["inline"],
    }
    open_app(page, f"{server.url}/enterprise", "demo-leader")  # a search box outside a form
    search = page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first
    search.fill("长虹岭")
    hint = page.locator('[data-testid="stMain"] [data-testid="InputInstructions"]').first
    expect(hint).to_be_attached(timeout=TIMEOUT)
    assert hint.evaluate(SHOWN) == {"before": '"按回车键确认"', "english": ["none"]}


def test_an_empty_search_in_a_filter_says_so_in_chinese(server, page):
    open_app(page, server.url, "demo-leader")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type("zzzz")
    empty = page.locator('[role="listbox"][data-empty="true"]').first
    expect(empty).to_contain_text("No results", timeout=TIMEOUT)  # Streamlit's text, hidden
    assert empty.evaluate("box => getComputedStyle(box, '::after').content") == '"无匹配项"'
    assert empty.locator('[role="option"] span').evaluate("span => getComputedStyle(span).display") == "none"


def test_the_tables_toolbar_speaks_chinese(server, page):
    open_app(page, server.url, "demo-leader")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    tip = page.locator('[data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"]')
    for english, chinese in (
        ("Show/hide columns", "显示 / 隐藏列"),
        ("Search", "搜索"),
        ("Fullscreen", "全屏"),
    ):
        toolbar.locator(f'button[aria-label="{english}"]').hover()
        expect(tip.first).to_contain_text(english, timeout=TIMEOUT)  # Streamlit's text, hidden
        assert tip.first.evaluate("box => getComputedStyle(box, '::after').content") == f'"{chinese}"'
        assert tip.first.locator("p").evaluate("p => getComputedStyle(p).display") == "none"
    toolbar.locator('button[aria-label="Show/hide columns"]').click()
    select_all = page.locator('[data-testid="stDataFrameColumnVisibilityMenu"] label').first
    expect(select_all).to_contain_text("Select all", timeout=TIMEOUT)
    label = select_all.locator("span").last
    assert label.evaluate("span => getComputedStyle(span, '::after').content") == '"全选"'
