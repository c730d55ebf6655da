"""Benchmark: how long a warm dashboard page takes to finish drawing in Chromium, side by side with a trivial
Streamlit page that draws as many small charts and tables (benchmarks/trivial_app.py) with no data work.

1. Builds or reuses the demo database of a scale (benchmarks/bench_pages.py's, under benchmarks/out/).
2. Starts the dashboard on it, logs in as demo-leader and visits every page once (the caches fill: this is
   the warm case), counting each page's Plotly charts and tables.
3. Then --repeat times per page: from another page, a click on the page's sidebar link, timed until the
   script run has finished (no status widget), the page's title is shown and every chart has drawn its SVG.
   The profile is reached through its search box and timed from the pick of the enterprise.
4. The same for the trivial app, started with those counts and titles, its pages reached the same way.

Prints a Markdown table: per page the charts and tables drawn, the median of each app and the ratio.
Run: python benchmarks/bench_browser.py [--scale 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
from bench_pages import (
    BROWSER_TIMEOUT_MS,
    SEARCH_LABEL,
    USER,
    VISIT_ORDER,
    browser_page,
    build_db,
    enterprise_name,
    profile_choice,
    server,
)

from analytics.demo.load import DEMO_PASSWORD
from analytics.i18n import t

TITLES = {key: t(f"{key}.title" if key != "enterprise" else "page.enterprise", "zh") for key in VISIT_ORDER}
TITLES["completeness"] = t("completeness.title", "zh")
# Done: the action's run finished, the title shown, every visible Plotly chart drew its SVG (both apps alike).
DONE = """([title, heading]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || !h1.innerText.includes(title)) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (heading && ![...main.querySelectorAll('h2, h3')].some(h => h.innerText.includes(heading))) return false;
  const charts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')];
  return charts.every(chart => chart.offsetParent === null || chart.querySelector('svg.main-svg'));  // drawn unless hidden (a tab not shown)
}"""
COUNTS = """() => ({
  charts: document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]').length,
  tables: document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]').length,
})"""


def timed(page: Any, action: Callable[[], None], title: str, heading: str = "") -> float:
    """Seconds from `action` to the new page drawn: every timed action changes the page's title, or (the
    profile's pick) shows the `heading` of the enterprise picked."""
    start = time.perf_counter()
    action()
    page.wait_for_function(DONE, arg=[title, heading], timeout=BROWSER_TIMEOUT_MS, polling=20)
    return time.perf_counter() - start


def link(page: Any, key: str) -> Any:
    return page.locator(f'[data-testid="stSidebarNav"] a[href$="/{key}"]')


def profile_pick(page: Any, uscc: str) -> Callable[[], None]:
    """On the profile's search page: type the USCC, wait for the choice, and return the pick to time."""
    page.get_by_label(SEARCH_LABEL).fill(uscc)
    page.get_by_label(SEARCH_LABEL).press("Enter")
    box = page.locator('[data-testid="stSelectbox"]')
    box.wait_for(timeout=BROWSER_TIMEOUT_MS)
    page.wait_for_function(DONE, arg=[TITLES["enterprise"], ""], timeout=BROWSER_TIMEOUT_MS)
    box.click()
    return page.get_by_role("option").first.click


def dashboard_times(
    url: str, uscc: str, name: str, repeat: int
) -> tuple[dict[str, list[float]], dict[str, dict]]:
    from tests.browser.helpers import login

    times: dict[str, list[float]] = {key: [] for key in VISIT_ORDER}
    counts: dict[str, dict] = {}
    with browser_page() as page:
        login(page, f"{url}/overview", USER, DEMO_PASSWORD)
        for round_ in range(repeat + 1):  # round 0 fills the caches and counts what each page draws
            for i, key in enumerate(VISIT_ORDER):
                before = VISIT_ORDER[i - 1]
                if key == "enterprise":
                    timed(page, link(page, key).click, TITLES[key])
                    elapsed = timed(page, profile_pick(page, uscc), TITLES[key], name)
                else:
                    if page.url.rstrip("/").endswith(f"/{key}"):
                        timed(page, link(page, before).click, TITLES[before])
                    elapsed = timed(page, link(page, key).click, TITLES[key])
                if round_ == 0:  # counted once the page has settled
                    page.wait_for_timeout(1500)
                    counts[key] = page.evaluate(COUNTS)
                else:
                    times[key].append(elapsed)
    return times, counts


def trivial_times(path: Path, counts: dict[str, dict], repeat: int) -> dict[str, list[float]]:
    spec = {key: {"title": TITLES[key], **counts[key]} for key in VISIT_ORDER}
    times: dict[str, list[float]] = {key: [] for key in VISIT_ORDER}
    env = {"BENCH_TRIVIAL_PAGES": json.dumps(spec)}
    with server(path, "benchmarks/trivial_app.py", env) as (url, _), browser_page() as page:
        page.goto(f"{url}/start")
        page.wait_for_function(DONE, arg=["开始", ""], timeout=BROWSER_TIMEOUT_MS)
        for round_ in range(repeat + 1):
            for key in VISIT_ORDER:
                timed(page, link(page, "start").click, "开始")
                elapsed = timed(page, link(page, key).click, TITLES[key])
                if round_ > 0:
                    times[key].append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import streamlit

    load_start = bench_pages.load()
    path, _ = build_db(args.scale)
    uscc = profile_choice(path)[1]
    with server(path) as (url, _):
        dashboard, counts = dashboard_times(url, uscc, enterprise_name(path, uscc), args.repeat)
    trivial = trivial_times(path, counts, args.repeat)

    print(
        f"Python {platform.python_version()}, Streamlit {streamlit.__version__}, {os.cpu_count()} cores; "
        f"load average at start {load_start}, at end {bench_pages.load()}"
    )
    print(
        f"\n### Warm page draw in Chromium, scale {args.scale:g} ({bench_pages.tickets_count(path):,} tickets), "
        f"median of {args.repeat}; profile: {enterprise_name(path, uscc)}\n"
    )
    print("| page | charts | tables | dashboard | trivial page | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in VISIT_ORDER:
        ours, theirs = statistics.median(dashboard[key]), statistics.median(trivial[key])
        print(
            f"| {key} | {counts[key]['charts']} | {counts[key]['tables']} | {ours:.2f} s | {theirs:.2f} s "
            f"| {ours / theirs:.2f}× |"
        )


if __name__ == "__main__":
    main()
