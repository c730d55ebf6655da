"""Benchmark: a whole script run of each page, as the server runs it, with the data cache cold and warm.

Builds (or reuses) a demo database at each scale under benchmarks/out/ (git-ignored), then for every page
runs dashboard.py in Streamlit's AppTest logged in as the admin (the router, the login gate, the sidebar
and the page itself): once with empty caches (every query runs) and `--repeat` times more (what a user
waits for after changing nothing, or after going back to a page: cached queries, charts and long tables
reused; what is left is building widgets and serialising them). The browser's own drawing is not included.
Prints a Markdown table of medians. Run: python benchmarks/bench_page_runs.py [--scales 1 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402

from analytics import db  # noqa: E402
from analytics.demo.load import load_demo  # noqa: E402
from tests.apptest_pages import PAGES, open_page  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SKIPPED = {"views/data_import.py"}  # an upload form: nothing to query until a file is given


def database(scale: float) -> Path:
    path = OUT / f"pages_scale{scale:g}.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        con = db.connect(path)
        load_demo(con, seed=1, scale=scale)
        con.close()
    return path


def busiest_enterprise(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT uscc FROM tickets GROUP BY uscc ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]


def page_runs(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Per page: (cold run, median warm run) in seconds. The login's own first run is not counted."""
    os.environ["DASHBOARD_DB"] = str(path)
    uscc = busiest_enterprise(path)
    results = {}
    for page in (p for p in PAGES if p not in SKIPPED):
        query = {"uscc": [uscc]} if page == "views/enterprise.py" else {}
        st.cache_data.clear()
        st.cache_resource.clear()
        at = open_page("views/data_batches.py")  # log in (and open the connection) on a page with little data
        st.cache_data.clear()
        for key, values in query.items():
            at.query_params[key] = values
        start = time.perf_counter()
        at.switch_page(page).run()
        cold = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        results[page] = (cold, statistics.median(warm))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    runs = {scale: page_runs(database(scale), args.repeat) for scale in args.scales}
    print(f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, Streamlit {st.__version__}; "
          f"load average {load:.1f} → {os.getloadavg()[0]:.1f}; warm: median of {args.repeat}\n")  # fmt: skip
    header = " | ".join(f"scale {s:g} cold | scale {s:g} warm" for s in args.scales)
    print(f"| page | {header} |")
    print("|---|" + "---:|" * (2 * len(args.scales)))
    for page in runs[args.scales[0]]:
        cells = " | ".join(
            f"{runs[s][page][0] * 1000:,.0f} ms | {runs[s][page][1] * 1000:,.0f} ms" for s in args.scales
        )
        print(f"| {Path(page).stem} | {cells} |")


if __name__ == "__main__":
    main()
