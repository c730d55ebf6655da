"""Benchmark: the summary / overview queries in DuckDB against the usual pandas way, side by side.

Builds demo databases at scale 1 and 20 (under benchmarks/out/, git-ignored), then times
- demo generation + load,
- `center_kpis` (what `summary` and the overview table run) and the overview's full set of queries,
- `python -m analytics summary` end to end (process start included),
- the pandas way: load every table into DataFrames, then compute the same KPIs with the independent
  pandas reference of the test suite (tests/reference.py).
Prints a Markdown table (median of repeated runs). Run: python benchmarks/bench_summary.py [--scales 1 20]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics import db, periods, reference  # noqa: E402
from analytics.demo.load import load_demo  # noqa: E402
from analytics.filters import Filters  # noqa: E402
from analytics.kpis import center_kpis  # noqa: E402
from tests.reference import reference_kpis  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TABLES = (
    "centers", "parks", "enterprises", "visits", "tickets", "output_monthly", "vaccination_snapshots", "activities",
)  # fmt: skip


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def overview_queries(con: duckdb.DuckDBPyConnection, filters: Filters) -> None:
    """Everything the overview page asks the database for on a cold cache."""
    periods.default_period(con)
    reference.centers(con)
    reference.parks(con)
    center_kpis(con, filters)
    center_kpis(con, filters.previous())


def load_tables(con: duckdb.DuckDBPyConnection) -> dict:
    with con.cursor() as cur:
        return {table: cur.execute(f"SELECT * FROM {table}").df() for table in TABLES}


def bench(scale: float, repeat: int) -> dict[str, object]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"scale{scale:g}.duckdb"
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    con = db.connect(path)
    counts = load_demo(con, seed=1, scale=scale)
    build = time.perf_counter() - start
    filters = Filters(periods.default_period(con))
    summary = median_seconds(lambda: center_kpis(con, filters), repeat)
    overview = median_seconds(lambda: overview_queries(con, filters), repeat)
    pandas_load = median_seconds(lambda: load_tables(con), max(1, repeat // 2))
    tables = load_tables(con)
    pandas_compute = median_seconds(lambda: reference_kpis(tables, filters), max(1, repeat // 2))
    con.close()
    cli = median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "analytics", "summary", "--db", str(path)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        ),
        3,
    )
    return {
        "scale": scale,
        "tickets": counts["tickets"],
        "rows": sum(counts.values()),
        "build": build,
        "summary": summary,
        "overview": overview,
        "cli": cli,
        "pandas_load": pandas_load,
        "pandas_compute": pandas_compute,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = [bench(scale, args.repeat) for scale in args.scales]
    print(
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, {platform.machine()}, median of runs\n"
    )
    print(
        "| scale | tickets | rows | build demo | summary (SQL) | overview queries (SQL) | `summary` CLI "
        "| pandas: load tables | pandas: compute | pandas total | pandas ÷ SQL |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        pandas_total = r["pandas_load"] + r["pandas_compute"]
        print(
            f"| {r['scale']:g} | {r['tickets']:,} | {r['rows']:,} | {r['build']:.1f} s | {r['summary'] * 1000:.0f} ms "
            f"| {r['overview'] * 1000:.0f} ms | {r['cli']:.2f} s | {r['pandas_load'] * 1000:.0f} ms "
            f"| {r['pandas_compute'] * 1000:.0f} ms | {pandas_total * 1000:.0f} ms | {pandas_total / r['summary']:.0f}× |"
        )


if __name__ == "__main__":
    main()
