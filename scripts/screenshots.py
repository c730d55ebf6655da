"""The README's screenshots: start the dashboard on a fresh demo database, log in as the demo leader, and save
docs/overview.png and docs/tickets.png (desktop, 1500 × 1500) and docs/phone.png (the overview at 390 × 844).

    python scripts/screenshots.py [--out docs]

Uses Debian's Chromium (/usr/bin/chromium) headless through Playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import db  # noqa: E402
from analytics.demo.load import DEMO_PASSWORD, load_demo  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the browser tests' own flags)

USER = "demo-leader"
TIMEOUT = 120_000
DESKTOP = {"width": 1500, "height": 1500}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db_path: Path, port: int, log: Path) -> subprocess.Popen:
    """The dashboard on `db_path`, waited for until it answers its health check."""
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "DASHBOARD_DB": str(db_path)}, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"the dashboard did not start; see {log}")


CHARTS_DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.length > 0 && charts.every(chart => chart.querySelector('.main-svg'));
}"""


def settled(page: Page) -> None:
    """The script run is over, every chart is drawn and the page has stopped moving."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )
    page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT)
    page.wait_for_timeout(2500)


def log_in(page: Page, url: str) -> None:
    page.goto(url)
    form = page.locator('[data-testid="stForm"]')
    form.wait_for(timeout=TIMEOUT)
    form.get_by_label("用户名").fill(USER)
    password = form.get_by_label("密码", exact=True)
    password.fill(DEMO_PASSWORD)
    password.press("Enter")
    form.wait_for(state="detached", timeout=TIMEOUT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=TIMEOUT)
    settled(page)


def shoot(out: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "demo.duckdb"
        con = db.connect(path)
        load_demo(con, seed=1, scale=1.0)
        con.close()
        port = free_port()
        server = start(path, port, Path(work) / "streamlit.log")
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                desktop = browser.new_page(viewport=DESKTOP, locale="zh-CN")
                log_in(desktop, base)  # the leader's first page: the overview
                desktop.screenshot(path=out / "overview.png")
                log_in(desktop, f"{base}/tickets")  # a new session: log in again
                desktop.screenshot(path=out / "tickets.png")
                phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
                log_in(phone, base)
                phone.screenshot(path=out / "phone.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    for name in ("overview", "tickets", "phone"):
        print(out / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default docs/)")
    shoot(parser.parse_args().out)


if __name__ == "__main__":
    main()
