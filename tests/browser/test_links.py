"""Links and filters in real Chromium: the declared page URLs open their page after logging in, a link's
impossible parts are said in one notice, and switching the language keeps every filter, the chips in the
new language."""

import re

import pytest
from playwright.sync_api import expect

from analytics.i18n import t
from tests.browser.helpers import TIMEOUT, choose, login, sentence, wait_idle, wait_until

pytestmark = pytest.mark.browser


def sidebar_box(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)


def day(page, number: int):
    """A day of the month shown in the open date picker."""
    return page.locator("[role=gridcell] [role=button]").filter(has_text=re.compile(rf"^{number}$")).first


def test_overview_url_opens_the_overview_after_logging_in(server, page):
    login(page, f"{server.url}/overview?center=长虹岭")
    expect(page.get_by_role("heading", name="各产业社区总览")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(sentence(page)).to_contain_text("产业社区：长虹岭｜", timeout=TIMEOUT)
    assert re.search(r"/overview\?", page.url)


def test_the_root_url_opens_the_first_page_at_its_own_url(server, page):
    login(page, f"{server.url}/?center=罗村")
    wait_until(page, lambda: re.search(r"/overview\?center=", page.url) is not None)
    expect(page.get_by_role("heading", name="各产业社区总览")).to_be_visible()
    expect(sentence(page)).to_contain_text("产业社区：罗村｜", timeout=TIMEOUT)
    nav = page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="总览")
    expect(nav).to_have_attribute("aria-current", "page")


def test_a_link_with_impossible_parts_renders_with_one_notice(server, page):
    login(page, f"{server.url}/tickets?period=2022-06-30&period=2022-01-01&center=nowhere&focus=<b>x</b>")
    expect(page.get_by_role("heading", name="企业诉求办理")).to_be_visible()
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="链接中有部分设置无法使用")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("统计期间 “2022-06-30”、“2022-01-01” 的结束日期早于开始日期，已对调")
    expect(notice).to_contain_text("未知的产业社区 “nowhere”，已忽略")
    expect(notice).to_contain_text("未知的聚焦产业社区 “<b>x</b>”，已忽略")
    expect(sentence(page)).to_contain_text("统计期间 2022年1月1日至2022年6月30日｜产业社区：全部（6个）")


def test_switching_the_language_keeps_every_filter(server, page):
    login(page, f"{server.url}/overview?period=2021-01-01&period=2021-06-30")
    choose(page, "产业社区", "长虹岭")
    choose(page, "园区", "长虹岭北园")
    choose(page, "企业类型", t("type.high_tech", "zh"))
    page.get_by_text("English", exact=True).click()
    expected = (
        "Period 1 Jan 2021 – 30 Jun 2021 | Centers: 长虹岭 Changhongling | Parks: 长虹岭北园 Changhongling North Park | "
        f"Enterprise type: {t('type.high_tech', 'en')}"
    )
    expect(sentence(page)).to_have_text(expected, timeout=TIMEOUT)
    wait_idle(page)
    types = sidebar_box(page, "Enterprise type")
    expect(types).to_contain_text(t("type.high_tech", "en"), timeout=TIMEOUT)
    expect(types).not_to_contain_text(t("type.high_tech", "zh"))
    expect(sidebar_box(page, "Centers")).to_contain_text("长虹岭 Changhongling")
    expect(sidebar_box(page, "Parks")).to_contain_text("长虹岭北园 Changhongling North Park")
    dates = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    expect(dates.first).to_have_value("2021-01-01")
    expect(dates.nth(1)).to_have_value("2021-06-30")

    # the next move keeps them too (a multiselect would otherwise drop the type it held by its Chinese label)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Demands").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("各产业社区总览", timeout=TIMEOUT)
    expect(sentence(page)).to_have_text(expected, timeout=TIMEOUT)
    expect(types).to_contain_text(t("type.high_tech", "en"))
    page.wait_for_url(
        lambda url: all(
            part in url for part in ("lang=English", "type=high_tech", "center=", "park=", "period=")
        )
    )


def test_one_day_picked_is_a_period_of_one_day_and_a_second_makes_the_range(server, page):
    login(page, f"{server.url}/overview?period=2022-03-01&period=2022-03-31")
    page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').click()
    day(page, 15).click()
    expect(sentence(page)).to_contain_text("统计期间 2022年3月15日至2022年3月15日｜", timeout=TIMEOUT)
    wait_until(page, lambda: page.url.endswith("/overview?period=2022-03-15"))
    day(page, 20).click()  # the picker is still open
    expect(sentence(page)).to_contain_text("统计期间 2022年3月15日至2022年3月20日｜", timeout=TIMEOUT)
    wait_until(page, lambda: "period=2022-03-15&period=2022-03-20" in page.url)
