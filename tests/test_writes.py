"""Writes are serialised: concurrent confirms and undos on the process's one connection end in exact
rows and clear refusals, never a raw database error."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

import duckdb
import pytest

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import Refused, commit_import, plan_import, undo

THREADS = 4


@pytest.fixture
def con(demo_db) -> duckdb.DuckDBPyConnection:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


def tickets_file(con, tag: str, rows: int = 300) -> bytes:
    codes = [c for (c,) in con.execute("SELECT uscc FROM enterprises ORDER BY uscc LIMIT 50").fetchall()]
    lines = ["工单号,受理日期,统一社会信用代码,诉求类别"]
    lines += [f"{tag}-{i},2022-07-01,{codes[i % len(codes)]},政策咨询" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released together; each result is a value or the exception raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def work(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except Exception as error:  # the outcome under test
            results[i] = error

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def tickets(con) -> int:
    return con.execute("SELECT count(*) FROM tickets").fetchone()[0]


def test_four_different_files_confirmed_at_once_make_four_batches(con):
    before = tickets(con)
    plans = [
        plan_import(con, tickets_file(con, f"C{n}"), f"c{n}.csv", "tickets", principal=OPERATOR)
        for n in range(THREADS)
    ]
    results = at_once([lambda plan=plan: commit_import(con, plan) for plan in plans])
    assert all(isinstance(r, tuple) for r in results), results
    assert len({batch for batch, _ in results}) == THREADS
    assert [counts.inserted for _, counts in results] == [300] * THREADS
    assert tickets(con) == before + THREADS * 300


def test_the_same_file_confirmed_four_times_at_once_goes_in_once(con):
    before = tickets(con)
    data = tickets_file(con, "S")
    plans = [plan_import(con, data, "s.csv", "tickets", principal=OPERATOR) for _ in range(THREADS)]
    results = at_once([lambda plan=plan: commit_import(con, plan) for plan in plans])
    done = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(done) == 1 and len(refused) == THREADS - 1, results
    ((batch, counts),) = done
    assert counts.inserted == 300 and tickets(con) == before + 300
    assert all(f"该文件已由批次 {batch} 导入" in r.problem.zh for r in refused)
    assert all(f"already imported as batch {batch}" in r.problem.en for r in refused)


def test_two_undos_of_one_batch_at_once(con):
    before = tickets(con)
    batch, _ = commit_import(
        con, plan_import(con, tickets_file(con, "U"), "u.csv", "tickets", principal=OPERATOR)
    )
    results = at_once([lambda: undo(con, batch, OPERATOR), lambda: undo(con, batch, OPERATOR)])
    assert sorted(type(r).__name__ for r in results) == ["Refused", "Undone"], results
    (refusal,) = [r for r in results if isinstance(r, Refused)]
    assert f"批次 {batch} 已于" in refusal.problem.zh and "already undone" in refusal.problem.en
    assert tickets(con) == before


def test_a_conflict_with_a_write_outside_the_writer_is_a_clear_refusal(con):
    before = tickets(con)
    plan = plan_import(con, tickets_file(con, "X"), "x.csv", "tickets", principal=OPERATOR)
    with con.cursor() as other:  # e.g. a maintenance script holding an open transaction on the data version
        other.execute("BEGIN")
        other.execute("UPDATE meta SET value = (value::BIGINT + 100)::VARCHAR WHERE key = 'data_version'")
        with pytest.raises(Refused) as refusal:
            commit_import(con, plan)
        other.execute("ROLLBACK")
    assert "另一项写入与本次操作冲突" in refusal.value.problem.zh and "try again" in refusal.value.problem.en
    assert tickets(con) == before
    commit_import(con, plan)  # once the other write is gone, the same plan goes in
    assert tickets(con) == before + 300


def test_the_command_line_refuses_a_file_already_in_force(demo_db, tmp_path):
    con = db.connect(demo_db)
    path = tmp_path / "t.csv"
    path.write_bytes(tickets_file(con, "L"))
    before = tickets(con)
    con.close()
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(demo_db), "--dataset", "tickets", str(path), str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and len(result.stdout.splitlines()) == 1  # the first went in
    assert "该文件已由批次" in result.stderr and "already imported as batch" in result.stderr
    assert "Traceback" not in result.stderr
    con = db.connect(demo_db)
    assert tickets(con) == before + 300
    con.close()
