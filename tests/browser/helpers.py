"""Playwright helpers for a Streamlit page."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from analytics.demo.load import DEMO_PASSWORD

TIMEOUT = 60_000
LOGIN_TITLES = ("登录", "Log in")


def login(page: Page, url: str, username: str = "demo-admin", password: str = DEMO_PASSWORD) -> None:
    """Open `url` (a new session: the login page at that URL), log in, and wait for the page itself."""
    page.goto(url)
    title = page.locator('[data-testid="stMain"] h1').first
    title.wait_for(timeout=TIMEOUT)
    expect(title).to_have_text(LOGIN_TITLES[0] if "lang=English" not in url else LOGIN_TITLES[1])
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("用户名" if "lang=English" not in url else "Username").fill(username)
    form.get_by_label("密码" if "lang=English" not in url else "Password", exact=True).fill(password)
    form.get_by_label("密码" if "lang=English" not in url else "Password", exact=True).press("Enter")
    expect(title).not_to_have_text(
        LOGIN_TITLES[0] if "lang=English" not in url else LOGIN_TITLES[1], timeout=TIMEOUT
    )
    wait_idle(page)


def open_app(page: Page, url: str, username: str = "demo-admin") -> None:
    """Open `url` logged in as `username` (an admin by default)."""
    login(page, url, username)


def wait_idle(page: Page) -> None:
    """Wait until the script run has finished (the 'running' indicator is gone) and nothing crashed."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def sentence(page: Page):
    """The filter sentence above the charts."""
    return page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first


def filter_sentence(page: Page) -> str:
    return sentence(page).inner_text()


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the sidebar multiselect labelled `label`."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    box.evaluate("element => element.scrollIntoView({block: 'center'})")  # room for its list to open
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    expect(box).to_contain_text(option, timeout=TIMEOUT)
    wait_idle(page)


def plotly_bars(page: Page, index: int) -> int:
    """Number of bars drawn in the index-th Plotly chart of the page."""
    chart = page.locator(".js-plotly-plot").nth(index)
    chart.wait_for(timeout=TIMEOUT)
    return chart.locator(".barlayer .point path").count()


def grid_cell(page: Page, column: int, row: int, table: int = 0) -> str:
    """Text of a st.dataframe cell (drawn on a canvas; its accessible copy is attached, not visible)."""
    cell = (
        page.locator('[data-testid="stDataFrame"]')
        .nth(table)
        .locator(f'[data-testid="glide-cell-{column}-{row}"]')
    )
    cell.wait_for(state="attached", timeout=TIMEOUT)
    return cell.inner_text()


def click_until(page: Page, click: Callable[[], None], done: Callable[[], bool], attempts: int = 3) -> None:
    """Click, and click again if the expected effect did not follow: a chart or grid can still be laying
    itself out (positions shifting) when it first appears."""
    for _ in range(attempts):
        click()
        for _ in range(40):
            if done():
                return
            page.wait_for_timeout(250)
    raise AssertionError("the click had no effect")
