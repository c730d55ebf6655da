"""A page run reads the data version once (every cached query keys on it), and a write made elsewhere
between two runs (another session, the command line) shows on the next run."""

from __future__ import annotations

import pandas as pd

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import commit_import, plan_import
from tests.apptest_pages import open_page
from ui import context


def test_a_run_reads_the_data_version_once_and_sees_a_write_made_between_runs(app_env, monkeypatch):
    at = open_page("views/overview.py")
    assert not at.exception, at.exception
    reads: list[int] = []
    original = db.data_version

    def counted(con):
        reads.append(1)
        return original(con)

    monkeypatch.setattr(db, "data_version", counted)
    at.run()
    assert not at.exception, at.exception
    assert len(reads) == 1
    before = tickets_total(at)

    con = context.connection()  # the app's own connection (AppTest runs in this process)
    (uscc,) = con.execute("SELECT uscc FROM enterprises ORDER BY uscc LIMIT 1").fetchone()
    rows = "\n".join(f"X-{i},2022-06-0{1 + i % 9},{uscc},市政设施,积水" for i in range(40))
    data = f"工单号,受理日期,统一社会信用代码,诉求类别,诉求内容\n{rows}\n".encode()
    commit_import(con, plan_import(con, data, "x.csv", "tickets", principal=OPERATOR))
    at.run()
    assert tickets_total(at) == before + 40


def tickets_total(at) -> int:
    """The 受理诉求数 row's 合计 in the overview's KPI table."""
    table: pd.DataFrame = at.dataframe[0].value
    return int(str(table.loc["受理诉求数", "合计"]).replace(",", ""))
