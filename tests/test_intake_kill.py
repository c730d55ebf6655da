"""SIGKILL of an import process mid-commit leaves all or nothing of the batch."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from analytics import db

ROWS = 100_000


def big_visits_file(path, con) -> None:
    enterprises = con.execute("SELECT uscc FROM enterprises").df()["uscc"].to_numpy()
    rng = np.random.default_rng(3)
    pd.DataFrame(
        {
            "走访编号": [f"K{i:07d}" for i in range(ROWS)],
            "走访日期": (
                pd.Timestamp("2022-07-01") + pd.to_timedelta(rng.integers(0, 300, ROWS), "D")
            ).strftime("%Y-%m-%d"),
            "统一社会信用代码": rng.choice(enterprises, ROWS),
            "走访人": rng.choice(np.array(["张敏", "李娜", "王伟"]), ROWS),
            "走访内容": [f"第{i}次走访" for i in range(ROWS)],
        }
    ).to_csv(path, index=False)


def start(db_path, csv_path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(db_path),
            "--dataset",
            "visits",
            *extra,
            str(csv_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def timed(db_path, csv_path, *extra: str) -> float:
    began = time.monotonic()
    assert start(db_path, csv_path, *extra).wait(300) == 0
    return time.monotonic() - began


def state(db_path) -> tuple[int, list[tuple]]:
    con = db.connect(db_path)  # replays or discards the write-ahead log as DuckDB decides
    visits = con.execute("SELECT count(*) FROM visits").fetchone()[0]
    batches = con.execute("SELECT dataset, inserted FROM import_batches WHERE NOT is_demo").fetchall()
    con.close()
    return visits, batches


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_import_and_its_undo_leave_the_file_to_the_next_opener(demo_db, tmp_path):
    """What makes a kill harmless: the batch commands append to the write-ahead log and never rewrite
    the file (a checkpoint rewrites its metadata block in place; a kill mid-write tears it)."""
    con = db.connect(demo_db)
    csv_path = tmp_path / "visits.csv"
    big_visits_file(csv_path, con)
    (before,) = con.execute("SELECT count(*) FROM visits").fetchone()
    con.close()
    untouched = digest(demo_db)
    wal = demo_db.with_name(demo_db.name + ".wal")

    assert start(demo_db, csv_path).wait(300) == 0
    assert digest(demo_db) == untouched and wal.stat().st_size > 0
    reader = db.connect(demo_db, checkpoints=False)  # replays the log: the batch is there
    ((batch_id, inserted),) = reader.execute(
        "SELECT batch_id, inserted FROM import_batches WHERE NOT is_demo"
    ).fetchall()
    reader.close()
    assert inserted == ROWS and digest(demo_db) == untouched
    undo = subprocess.run(
        [sys.executable, "-m", "analytics", "undo", "--db", str(demo_db), str(batch_id)],
        capture_output=True,
    )
    assert undo.returncode == 0, undo.stderr.decode()
    assert digest(demo_db) == untouched

    assert state(demo_db)[0] == before  # an ordinary opener folds the log in at its close
    assert digest(demo_db) != untouched and not wal.exists()


def test_killing_an_import_at_any_moment_leaves_all_or_nothing(demo_db, tmp_path):
    con = db.connect(demo_db)
    csv_path = tmp_path / "visits.csv"
    big_visits_file(csv_path, con)
    (before,) = con.execute("SELECT count(*) FROM visits").fetchone()
    con.close()

    probe = tmp_path / "probe.duckdb"
    shutil.copy(demo_db, probe)
    until_commit = timed(probe, csv_path, "--dry-run")  # start-up, read, validate, classify
    shutil.copy(demo_db, probe)
    whole = timed(probe, csv_path)
    assert state(probe) == (before + ROWS, [("visits", ROWS)])

    killed_while_running, pace = 0, 1.0
    for fraction in (0.3, 0.45, 0.6, 0.8, 0.9, 0.95, 1.0, 1.05, 1.15, 1.3):
        trial = tmp_path / f"trial-{fraction}.duckdb"
        shutil.copy(demo_db, trial)
        process = start(trial, csv_path)
        time.sleep(
            pace
            * (
                until_commit * fraction
                if fraction <= 1
                else until_commit + (whole - until_commit) * (fraction - 1) * 3
            )
        )
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed_while_running += 1
        elif fraction <= 1:  # done before its commit was due: the machine runs faster than when timed
            pace *= 0.7
        process.wait(60)
        visits, batches = state(trial)
        assert (visits, batches) in [(before, []), (before + ROWS, [("visits", ROWS)])], (
            fraction,
            visits,
            batches,
        )
    assert killed_while_running >= 4  # the kills really interrupted running imports
