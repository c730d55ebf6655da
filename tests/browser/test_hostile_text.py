"""Hostile text in real Chromium: payloads planted in ledgers (a center, a park, enterprise names and
addresses, descriptions, activities, a file name) and in the URL are shown as text on every page, and
the browser never contacts the host they point at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics import db
from tests.browser.helpers import TIMEOUT, open_app, wait_idle
from tests.conftest import Server
from tests.payloads import markup, plant

pytestmark = pytest.mark.browser

# Rendered markup a payload would produce: outside images or links, LaTeX, coloured directives.
MARKUP_JS = """host => [
    ...document.querySelectorAll(`[src*="${host}"], [href*="${host}"], [srcset*="${host}"]`),
    ...document.querySelectorAll('[data-testid="stMain"] .katex, [data-testid="stMain"] img'),
].map(e => e.outerHTML.slice(0, 200))"""
TEXT_JS = """() => document.body.innerText + '\\n' +
    Array.from(document.querySelectorAll('svg text')).map(e => e.textContent).join('\\n')"""


class Listener:
    """The payloads' host: a local HTTP server recording every request it gets."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.server.shutdown()


def shown(page: Page) -> str:
    """The page's text, DOM and SVG, as a reader sees it (without the joiner that stops autolinks)."""
    return page.evaluate(TEXT_JS).replace("\u2060", "")


def visit(page: Page, url: str, host: str, texts: list[str]) -> None:
    """Open `url`, wait until the charts have drawn and `texts` show literally, check no markup rendered."""
    open_app(page, url)
    wait_idle(page)
    try:
        page.wait_for_function(
            f"""texts => {{ const shown = ({TEXT_JS})().replaceAll('\u2060', '');
                           return texts.every(text => shown.includes(text)); }}""",
            arg=texts, timeout=TIMEOUT,
        )  # fmt: skip
    except PlaywrightTimeout:
        raise AssertionError((url, [text for text in texts if text not in shown(page)])) from None
    wait_idle(page)
    rendered = page.evaluate(MARKUP_JS, host)
    assert not rendered, (url, rendered)


def test_payloads_render_as_text_and_fetch_nothing(demo_db, listener, page):
    planted = plant(demo_db, listener.host)
    con = db.connect(demo_db)
    name, address = con.execute(
        "SELECT name, address FROM enterprises WHERE uscc = ?", [planted["uscc"]]
    ).fetchone()
    con.close()
    requested: list[str] = []
    page.on(
        "request", lambda request: requested.append(request.url) if listener.host in request.url else None
    )
    center, park = planted["center"], planted["park"]
    focus = markup(listener.host)[3] + markup(listener.host)[5] + markup(listener.host)[6]
    server = Server(demo_db)
    try:
        expectations = {  # path -> text each must show literally
            "": [center], "tickets": [center], "visits": [center], "output": [center], "vaccination": [center],
            "participation": [center], "completeness": [center], "import": [], "batches": [],
            f"enterprise?uscc={planted['uscc']}": [name, address],
            f"enterprise?uscc={planted['uscc']}&lang=English": [name, address],
            f"?lang=English&center={quote(center)}": [center],
            f"tickets?focus={quote(focus)}": [focus],
            f"output?center=%E9%95%BF%E8%99%B9%E5%B2%AD&park={quote(park)}": [park],
            f"enterprise?uscc={quote(markup(listener.host)[0])}": [markup(listener.host)[0]],
        }  # fmt: skip
        for path, texts in expectations.items():
            visit(page, f"{server.url}/{path}", listener.host, texts)
        # a batch's detail: its file name in the heading
        open_app(page, f"{server.url}/batches")
        page.locator('[data-testid="stDataFrame"] .dvn-scroller').first.click(position={"x": 15, "y": 55})
        wait_idle(page)
        heading = page.locator('[data-testid="stMain"] h3').first.inner_text().replace("\u2060", "")
        assert markup(listener.host)[3] in heading
        assert not page.evaluate(MARKUP_JS, listener.host)
    finally:
        server.stop()
    assert not requested and not listener.hits, (requested, listener.hits)
