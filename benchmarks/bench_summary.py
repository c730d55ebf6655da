"""Benchmark: the summary / overview queries in DuckDB against the usual pandas way, side by side.

Builds demo databases at scale 1, 20 and 100 (under benchmarks/out/, git-ignored), then times
- demo generation + load,
- `center_kpis` (what `summary` and the overview table run) and the overview's full set of queries,
- `python -m analytics summary` end to end (process start included), and its growth from the first scale,
- the pandas way, fairly: every table loaded into DataFrames once (timed apart, with the memory the frames
  take), then the same KPI table computed vectorised (group-bys over the whole frames, checked against
  the SQL's numbers).
Prints a Markdown table (median of repeated runs). Run: python benchmarks/bench_summary.py [--scales 1 20 100]
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
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analytics import db, periods, reference  # noqa: E402
from analytics.demo.load import load_demo  # noqa: E402
from analytics.filters import Filters  # noqa: E402
from analytics.kpis import center_kpis  # noqa: E402

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


def load_tables(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    with con.cursor() as cur:
        return {table: cur.execute(f"SELECT * FROM {table}").df() for table in TABLES}


def pandas_kpis(tables: dict[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The per-center KPI counts, sums, medians and P90 of the default scope, vectorised over the frames."""
    start, end = pd.Timestamp(filters.period.start), pd.Timestamp(filters.period.end)
    firms = tables["enterprises"].merge(tables["parks"][["park", "center"]], on="park")[
        ["uscc", "center", "employees"]
    ]
    center_of = firms.set_index("uscc")["center"]
    out = firms.groupby("center").agg(enterprises=("uscc", "size"), workers=("employees", "sum"))
    visits = tables["visits"]
    visits = visits[(visits["visit_date"] >= start) & (visits["visit_date"] <= end)]
    visits = visits.assign(center=visits["uscc"].map(center_of)).dropna(subset=["center"])
    out["visits"] = visits.groupby("center").size()
    out["enterprises_visited"] = visits.groupby("center")["uscc"].nunique()
    tickets = tables["tickets"]
    tickets = tickets.assign(center=tickets["uscc"].map(center_of)).dropna(subset=["center"])
    tickets = tickets[tickets["status"] != "已撤销"]
    cohort = tickets[(tickets["received_date"] >= start) & (tickets["received_date"] <= end)]
    closed = cohort[cohort["closed_date"] <= end]
    days = (closed["closed_date"] - closed["received_date"]).dt.days
    out["tickets_received"] = cohort.groupby("center").size()
    out["tickets_closed"] = closed.groupby("center").size()
    out["median_resolution_days"] = days.groupby(closed["center"]).median()
    out["p90_resolution_days"] = days.groupby(closed["center"]).quantile(0.9)
    out["closed_on_time"] = (closed["closed_date"] <= closed["due_date"]).groupby(closed["center"]).sum()
    out["closed_satisfied"] = (
        closed["satisfaction"].isin(["满意", "基本满意"]).groupby(closed["center"]).sum()
    )
    open_now = tickets[(tickets["received_date"] <= end) & ~(tickets["closed_date"] <= end)]
    out["open_tickets"] = open_now.groupby("center").size()
    out["overdue_tickets"] = (open_now["due_date"] < end).groupby(open_now["center"]).sum()
    output = tables["output_monthly"]
    output = output.assign(center=output["uscc"].map(center_of)).dropna(subset=["center"])
    now = output[(output["period"] >= start) & (output["period"] <= end)]
    year_ago = pd.DateOffset(months=12)  # on the two bounds, not on every row (that is not vectorised)
    before = output[(output["period"] >= start - year_ago) & (output["period"] <= end - year_ago)]
    out["output_value"] = now.groupby("center")["output_wan"].sum()
    out["output_value_prev_year"] = before.groupby("center")["output_wan"].sum()
    snapshots = tables["vaccination_snapshots"]
    snapshots = snapshots[snapshots["as_of"] <= end].sort_values("as_of").drop_duplicates("uscc", keep="last")
    snapshots = snapshots.assign(center=snapshots["uscc"].map(center_of)).dropna(subset=["center"])
    out["vaccination_staff"] = snapshots.groupby("center")["staff_total"].sum()
    out["vaccinated_dose1"] = snapshots.groupby("center")["dose1"].sum()
    activities = tables["activities"]
    activities = activities[(activities["activity_date"] >= start) & (activities["activity_date"] <= end)]
    out["activities"] = activities.groupby("center").size()
    out["activity_person_times"] = activities.groupby("center")["person_times"].sum()
    return out.fillna(0)


def check(frame: pd.DataFrame, sql: pd.DataFrame) -> None:
    """The pandas numbers are the SQL's (so the comparison is of equal work)."""
    sql = sql[~sql["is_total"]].set_index("center")
    for key in frame.columns.intersection(sql.columns):
        if not np.allclose(frame[key].astype(float), sql.loc[frame.index, key].astype(float), equal_nan=True):
            raise AssertionError(f"pandas and SQL differ on {key}")


def frames_mib(tables: dict[str, pd.DataFrame]) -> float:
    return sum(frame.memory_usage(deep=True).sum() for frame in tables.values()) / 2**20


def bench(scale: float, repeat: int) -> dict[str, object]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"summary_scale{scale:g}.duckdb"
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
    check(pandas_kpis(tables, filters), center_kpis(con, filters))
    pandas_compute = median_seconds(lambda: pandas_kpis(tables, filters), repeat)
    con.close()
    cli = median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "analytics", "summary", "--db", str(path)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        ),
        5,
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
        "pandas_mib": frames_mib(tables),
        "pandas_compute": pandas_compute,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 20, 100])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = [bench(scale, args.repeat) for scale in args.scales]
    print(
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, {platform.machine()}, median of runs\n"
    )
    print(
        "| scale | tickets | rows | build demo | summary (SQL) | overview queries (SQL) "
        "| `summary` CLI | CLI growth | pandas: load tables | frames | pandas: compute (vectorised) "
        "| pandas compute ÷ SQL |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['scale']:g} | {r['tickets']:,} | {r['rows']:,} | {r['build']:.1f} s "
            f"| {r['summary'] * 1000:.0f} ms | {r['overview'] * 1000:.0f} ms | {r['cli']:.2f} s "
            f"| {r['cli'] / results[0]['cli']:.2f}× | {r['pandas_load'] * 1000:.0f} ms | {r['pandas_mib']:.0f} MiB "
            f"| {r['pandas_compute'] * 1000:.0f} ms | {r['pandas_compute'] / r['summary']:.1f}× |"
        )


if __name__ == "__main__":
    main()
