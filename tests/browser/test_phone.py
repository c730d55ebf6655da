"""On a phone (390 × 844) every KPI shows its label beside its number, without sideways scrolling; the
uploader and the chart toolbars speak the page's language."""

import re

import pytest
from playwright.sync_api import expect

from analytics.metrics import CATALOG
from tests.browser.helpers import TIMEOUT, open_app, wait_idle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _inside(box: dict[str, float] | None) -> bool:
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_every_overview_kpi_is_a_card_with_its_numbers_inside_the_screen(server, page):
    page.set_viewport_size(PHONE)
    open_app(page, server.url)
    cards = page.locator(".phone-card")
    expect(cards).to_have_count(len(CATALOG), timeout=TIMEOUT)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_hidden()  # the wide grid is not drawn
    for position, metric in enumerate(CATALOG):
        card = cards.nth(position)
        card.scroll_into_view_if_needed()
        expect(card.locator(".phone-card-title")).to_have_text(metric.label("zh"))
        assert _inside(card.bounding_box()), metric.key
        pairs = card.locator(".phone-pair")
        expect(pairs).to_have_count(7)  # six centers and the total
        for pair in pairs.all():
            assert _inside(pair.locator("dt").bounding_box()) and _inside(pair.locator("dd").bounding_box())
            assert re.fullmatch(r"[-+]?[\d,.]+%?|—", pair.locator("dd").inner_text()), metric.key
    first = cards.first.locator(".phone-pair").first
    assert (first.locator("dt").inner_text(), first.locator("dd").inner_text()) == ("长虹岭", "296")
    for tile in page.locator('[data-testid="stMetric"]').all():
        tile.scroll_into_view_if_needed()
        assert _inside(tile.bounding_box())
    main = page.locator('[data-testid="stMain"]')
    assert main.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_the_change_view_is_cards_too(server, page):
    page.set_viewport_size(PHONE)
    open_app(page, server.url)
    page.locator('[data-testid="stButtonGroup"]').get_by_text("较上期变化", exact=True).click()
    wait_idle(page)
    card = page.locator(".phone-card").filter(has_text="办结率").first
    expect(card.locator("dd").last).to_contain_text("个百分点", timeout=TIMEOUT)


def test_the_uploader_speaks_chinese(server, page):
    open_app(page, server.url)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="数据导入").click()
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    zone.wait_for(timeout=TIMEOUT)
    wait_idle(page)
    styles = zone.evaluate(
        """zone => {
            const label = zone.querySelector('button [data-testid="stMarkdownContainer"]');
            const hint = zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] > div');
            return {
                english: getComputedStyle(label.querySelector('p')).display,
                button: getComputedStyle(label, '::after').content,
                drop: getComputedStyle(hint, '::before').content,
                limit: getComputedStyle(hint, '::after').content,
                streamlit: getComputedStyle(hint.querySelector('span')).display,
            };
        }"""
    )
    assert styles["english"] == "none" and styles["streamlit"] == "none"
    assert styles["button"] == '"选择文件"'
    assert styles["drop"] == '"将文件拖放到此处"'
    assert styles["limit"].startswith('"每个文件不超过 50 MB')


def test_the_chart_toolbar_speaks_chinese(server, page):
    open_app(page, server.url)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=TIMEOUT)
    titles = chart.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.dataset.title)")
    assert "缩放" in titles and "下载图表（PNG）" in titles
    assert not [title for title in titles if title.isascii() and title != "Fullscreen"], titles
    fullscreen = chart.locator('.modebar-btn[data-title="Fullscreen"]')  # Streamlit's own button
    assert fullscreen.evaluate("button => getComputedStyle(button, '::after').content") == '"全屏"'


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1500, "height": 1000}])
def test_long_tile_values_wrap_instead_of_being_cut(server, page, viewport):
    """The English output tiles ("105.24 bn yuan") are wider than a tile: the value wraps, nothing is cut."""
    page.set_viewport_size(viewport)
    open_app(page, f"{server.url}/output?lang=English")
    values = page.locator('[data-testid="stMetricValue"] > div')  # the text's box (Streamlit's ellipsis)
    expect(values.first).to_contain_text("bn yuan", timeout=TIMEOUT)
    for value in values.all():
        value.scroll_into_view_if_needed()
        assert value.evaluate("box => box.scrollWidth <= box.clientWidth + 1"), value.inner_text()


def _one_line(element) -> bool:
    """Whether the element's text is laid out on one line (its box can be taller: a grid row's height)."""
    return element.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return new Set([...r.getClientRects()].map(box => Math.round(box.top))).size === 1; }"
    )


def _cards_inside_the_screen(cards) -> None:
    for card in cards.all():
        card.scroll_into_view_if_needed()
        for pair in card.locator(".phone-pair").all():
            label, value = pair.locator("dt"), pair.locator("dd")
            assert _inside(label.bounding_box()) and _inside(value.bounding_box()), pair.inner_text()
            assert _one_line(label), pair.inner_text()  # a label is never squeezed to a character a line
            assert value.inner_text() != "<NA>"


def test_the_top_activities_are_cards_with_every_number_on_the_screen(server, page):
    page.set_viewport_size(PHONE)
    open_app(page, f"{server.url}/participation", "demo-leader")
    cards = page.locator(".phone-card").filter(has_text="志愿者")  # the top activities' own column
    expect(cards.first).to_be_visible(timeout=TIMEOUT)
    assert cards.count() == 15  # activities_top.sql's limit
    _cards_inside_the_screen(cards)
    assert "—" in cards.locator("dd").all_inner_texts()  # a missing count as the grid shows it


def test_the_top_enterprises_are_cards_linking_to_each_profile(server, page):
    page.set_viewport_size(PHONE)
    open_app(page, f"{server.url}/output", "demo-leader")
    cards = page.locator(".phone-card").filter(has_text="统一社会信用代码")
    expect(cards.first).to_be_visible(timeout=TIMEOUT)
    assert cards.count() == 20  # output_top.sql's limit
    _cards_inside_the_screen(cards)
    link = cards.first.locator(".phone-card-title a")
    assert re.fullmatch(r"enterprise\?(.*&)?uscc=91\w{16}", link.get_attribute("href"))  # no #name fragment
    expect(page.locator('[data-testid="stDataFrame"]').filter(has_text="统一社会信用代码")).to_be_hidden()
    main = page.locator('[data-testid="stMain"]')
    assert main.evaluate("element => element.scrollWidth <= element.clientWidth")
