"""Benchmark: importing a large tickets ledger end to end, against python-calamine's bare read, and the
cost of reading untrusted files in a child process.

Builds (under benchmarks/out/, git-ignored) a demo database and a 100k-row tickets .xlsx and a 1M-row
tickets .csv whose enterprises are in the registry. Then, on a fresh copy of the database each run,
times the import as `python -m analytics import` does it (read and validate in the sandboxed child,
upsert in one transaction) and, for the .xlsx, python-calamine alone reading the same sheet, and the
same import with the reading done in this process (what the child costs). Also times the child itself:
starting the forkserver (once per process) and a child's round trip. Prints Markdown tables of medians.
Run: python benchmarks/bench_import.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import python_calamine  # noqa: E402

from analytics import db  # noqa: E402
from analytics.auth import OPERATOR  # noqa: E402
from analytics.demo.load import load_demo  # noqa: E402
from analytics.domain import TICKET_CATEGORIES  # noqa: E402
from analytics.intake import ImportPlan, commit_import, mappings, plan_import  # noqa: E402
from analytics.intake.prepare import prepare  # noqa: E402
from analytics.intake.sandbox import Limits, run  # noqa: E402
from analytics.intake.store import Counts  # noqa: E402
from analytics.intake.validate import load_registry  # noqa: E402
from analytics.settings import Settings  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SETTINGS = Settings(max_file_mb=1024, max_rows=2_000_000)


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def ledger(enterprises: pd.DataFrame, rows: int, seed: int = 7) -> pd.DataFrame:
    """A tickets ledger as a center would keep it: numbers, dates, enterprise, category, text, outcome."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(enterprises), rows)
    received = pd.Timestamp("2022-07-01") + pd.to_timedelta(rng.integers(0, 365, rows), "D")
    closed = received + pd.to_timedelta(rng.integers(0, 40, rows), "D")
    still_open = rng.random(rows) < 0.05
    return pd.DataFrame(
        {
            "工单号": [f"BM{i:07d}" for i in range(rows)],
            "受理日期": received.date,
            "统一社会信用代码": enterprises["uscc"].to_numpy()[pick],
            "企业名称": enterprises["name"].to_numpy()[pick],
            "诉求类别": rng.choice(np.array(TICKET_CATEGORIES), rows),
            "诉求内容": [f"企业反映的第{i}项问题" for i in range(rows)],
            "来源": rng.choice(np.array(["走访", "12345", "电话", "来访"]), rows),
            "承办单位": rng.choice(np.array(["城建办", "人社分局", "经济促进办", "应急管理办"]), rows),
            "办理时限": rng.choice(np.array(["7个工作日", "15天", "3个工作日"]), rows),
            "办结日期": np.where(still_open, None, closed.date),
            "办理状态": np.where(still_open, "办理中", "已办结"),
            "满意度": np.where(still_open, None, rng.choice(np.array(["满意", "基本满意", "不满意"]), rows)),
        }
    )


def build() -> tuple[Path, Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    base = OUT / "import-base.duckdb"
    base.unlink(missing_ok=True)
    con = db.connect(base)
    load_demo(con, seed=1, scale=1.0)
    enterprises = con.execute("SELECT uscc, name FROM enterprises").df()
    con.close()
    xlsx, csv = OUT / "tickets-100k.xlsx", OUT / "tickets-1m.csv"
    with pd.ExcelWriter(xlsx, engine="xlsxwriter") as writer:
        ledger(enterprises, 100_000).to_excel(writer, index=False, sheet_name="诉求台账")
    ledger(enterprises, 1_000_000).to_csv(csv, index=False, encoding="utf-8-sig")
    return base, xlsx, csv


def import_once(work: Path, path: Path) -> None:
    con = db.connect(work)
    plan = plan_import(
        con, path.read_bytes(), path.name, "tickets", settings=SETTINGS, preview=False, principal=OPERATOR
    )
    _, counts = commit_import(con, plan)
    con.close()
    assert counts.inserted == plan.validation.rows_read - plan.rejected, counts


def import_in_process(work: Path, path: Path) -> None:
    """The same import with the reading and validation in this process (no child): the child's cost."""
    con = db.connect(work)
    data = path.read_bytes()
    prepared = prepare(
        data, path.name, "tickets", None, None, mappings.remembered(con, None), load_registry(con), SETTINGS
    )
    plan = ImportPlan(
        file_name=path.name, sha256="", center=None, principal=OPERATOR, sheet_name=prepared.sheet_name,
        sheet_names=prepared.sheet_names, sheet_requested=False, header_row=prepared.header_row,
        match=prepared.match, validation=prepared.validation, counts=Counts(0, 0, 0),
    )  # fmt: skip
    _, counts = commit_import(con, plan)
    con.close()
    assert counts.inserted == plan.validation.rows_read - plan.rejected, counts


def child_round_trip() -> None:
    run(len, (b"x",), Limits(SETTINGS.reader_memory_mb, 60), "bench")


def forkserver_start() -> float:
    """Seconds of the first child of a fresh process (starts the forkserver, imports the reader there)."""
    code = (
        "import time; from analytics.intake.sandbox import Limits, run; t = time.perf_counter(); "
        "run(len, (b'x',), Limits(4096, 60), 'bench'); print(time.perf_counter() - t)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def calamine_read(path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base, xlsx, csv = build()
    work = OUT / "import-work.duckdb"

    def fresh() -> None:
        shutil.copy(base, work)

    # Read and import alternate, so a machine that speeds up or slows down weighs on both alike.
    reads, imports, local = [], [], []
    child_round_trip()  # the forkserver is started once per process (measured apart below)
    for _ in range(args.repeat):
        reads.append(seconds(lambda: calamine_read(xlsx)))
        fresh()
        imports.append(seconds(lambda: import_once(work, xlsx)))
        fresh()
        local.append(seconds(lambda: import_in_process(work, xlsx)))
    read, xlsx_import = statistics.median(reads), statistics.median(imports)
    in_process = statistics.median(local)
    starts = [forkserver_start() for _ in range(max(3, args.repeat // 3))]
    trips = [seconds(child_round_trip) for _ in range(20)]
    ratios = [i / r for i, r in zip(imports, reads, strict=True)]
    ratio = statistics.median(ratios)
    csv_runs = []
    for _ in range(max(1, args.repeat // 2)):
        fresh()
        csv_runs.append(seconds(lambda: import_once(work, csv)))
    csv_import = statistics.median(csv_runs)
    print(f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, python-calamine "
          f"{metadata.version('python-calamine')}, medians of alternating runs (ratio: median and range of each run's import / read)\n")  # fmt: skip
    print(
        "| file | rows | python-calamine read alone | import end to end (read, validate, upsert) | ratio | rows/s |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| tickets .xlsx ({xlsx.stat().st_size / 1e6:.1f} MB) | 100,000 | {read:.2f} s | {xlsx_import:.2f} s "
          f"| {ratio:.2f}× ({min(ratios):.2f}–{max(ratios):.2f}) | {100_000 / xlsx_import:,.0f} |")  # fmt: skip
    print(f"| tickets .csv ({csv.stat().st_size / 1e6:.0f} MB) | 1,000,000 | — | {csv_import:.1f} s | — "
          f"| {1_000_000 / csv_import:,.0f} |")  # fmt: skip
    print("\nThe child process (reading and validating untrusted files, sandbox.py):\n")
    print("| what | median |")
    print("|---|---:|")
    print(f"| 100k-row .xlsx imported with the reading in this process (no child) | {in_process:.2f} s |")
    print(f"| the same through the child (above) | {xlsx_import:.2f} s ({xlsx_import - in_process:+.2f} s) |")
    print(
        f"| first child of a process (starts the forkserver, imports the reader) | {statistics.median(starts) * 1000:.0f} ms |"
    )
    print(f"| each later child: fork, limits, round trip of a trivial call | {statistics.median(trips) * 1000:.1f} ms |")  # fmt: skip


if __name__ == "__main__":
    main()
