"""Benchmark: building the monthly briefing (June 2022) at demo scale 1 and 20.

Builds demo databases under benchmarks/out/ (git-ignored), then times, per scale (median of runs):
- the briefing's data object (every mart it reads: KPI table now and before, ranking now and before,
  case mix, drivers, overdue, 督办, completeness),
- the two charts as PNG (kaleido: its browser started once for both),
- each renderer (HTML, PDF by WeasyPrint, DOCX),
- `python -m analytics briefing --format pdf` end to end (process start and imports included).
Run: python benchmarks/bench_briefing.py [--scales 1 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics import db  # noqa: E402
from analytics.briefing import build, parse_month, render  # noqa: E402
from analytics.briefing.images import overview_charts  # noqa: E402
from analytics.demo.load import load_demo  # noqa: E402
from analytics.settings import DEFAULT_RANKING_WEIGHTS  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
MONTH = "2022-06"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def database(scale: float) -> Path:
    path = OUT / f"briefing-scale{scale:g}.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        con = db.connect(path)
        load_demo(con, seed=1, scale=scale)
        con.close()
    return path


def tickets(con: duckdb.DuckDBPyConnection) -> int:
    with con.cursor() as cur:
        return cur.execute("SELECT count(*) FROM tickets").fetchone()[0]


def measure(scale: float, repeat: int) -> dict[str, object]:
    path = database(scale)
    con = db.connect(path)
    month = parse_month(MONTH)
    n = tickets(con)
    briefing = build(con, month, "zh", DEFAULT_RANKING_WEIGHTS)
    images = overview_charts(briefing.kpis, "zh")
    row: dict[str, object] = {
        "scale": f"{scale:g}",
        "tickets": f"{n:,}",
        "data object": median_seconds(lambda: build(con, month, "zh", DEFAULT_RANKING_WEIGHTS), repeat),
        "charts (kaleido)": median_seconds(lambda: overview_charts(briefing.kpis, "zh"), repeat),
    }
    for fmt in ("html", "pdf", "docx"):
        row[fmt] = median_seconds(lambda fmt=fmt: render(briefing, images, fmt), repeat)
    con.close()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "briefing.pdf"
        command = [sys.executable, "-m", "analytics", "briefing", "--db", str(path), "--month", MONTH,
                   "--format", "pdf", "--out", str(out)]  # fmt: skip
        row["CLI pdf end to end"] = median_seconds(
            lambda: subprocess.run(command, cwd=ROOT, check=True, capture_output=True), repeat
        )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = [measure(scale, args.repeat) for scale in args.scales]
    print(f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, {platform.machine()}, "
          f"median of {args.repeat} runs\n")  # fmt: skip
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    for row in rows:
        cells = [value if isinstance(value, str) else f"{value:.2f} s" for value in row.values()]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
