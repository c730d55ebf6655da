"""Playwright helpers for a Streamlit page."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics.demo.load import DEMO_PASSWORD

TIMEOUT = 60_000
LOGIN_ATTEMPTS = 3


def login(page: Page, url: str, username: str = "demo-admin", password: str = DEMO_PASSWORD) -> None:
    """Open `url` (a new session: the login page at that URL), log in, and wait for the page itself."""
    english = "lang=English" in url
    page.goto(url)
    caption = page.get_by_text("log in with the account" if english else "请使用管理员分配的账号登录")
    caption.wait_for(timeout=TIMEOUT)
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]')
    for attempt in range(LOGIN_ATTEMPTS):
        form.get_by_label("Username" if english else "用户名").fill(username)
        field = form.get_by_label("Password" if english else "密码", exact=True)
        field.fill(password)
        field.press("Enter")
        try:  # the page's run replaces the login screen
            caption.wait_for(state="detached", timeout=TIMEOUT // LOGIN_ATTEMPTS)
            break
        except PlaywrightTimeout:
            # A submit that raced the login page's own first run can be lost on a loaded machine; a user
            # would press Enter again. Anything else (a refusal, a traceback) shows in the message.
            if attempt == LOGIN_ATTEMPTS - 1:
                text = page.locator('[data-testid="stMain"]').inner_text()
                raise AssertionError(
                    f"still on the login screen after {LOGIN_ATTEMPTS} tries: {text}"
                ) from None
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=TIMEOUT)
    wait_idle(page)


def wait_until(page: Page, condition: Callable[[], bool], timeout_ms: int = TIMEOUT) -> None:
    """Poll `condition` (a rerun can still be drawing after the status widget went away)."""
    for _ in range(timeout_ms // 250):
        if condition():
            return
        page.wait_for_timeout(250)
    raise AssertionError("the condition did not come true")


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
    wait_idle(page)  # the previous choice's rerun can redraw the sidebar and close a list just opened
    choice = page.get_by_role("option", name=option, exact=True)
    for attempt in range(3):
        box.evaluate("element => element.scrollIntoView({block: 'center'})")  # room for its list to open
        box.click()
        try:
            choice.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
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
