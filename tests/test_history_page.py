"""AppTest of the import history: a batch's rejected rows as the clerk's columns, and undo saying what it did."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from analytics import batches, db
from analytics.auth import OPERATOR
from analytics.exports import xlsx_bytes
from analytics.intake import commit_import, plan_import
from tests.apptest_pages import offered_downloads, open_page, shown


def imported(path: Path) -> int:
    """A tickets file of two rows, one rejected (closed before it was received), committed as a batch."""
    con = db.connect(path)
    (code,) = con.execute("SELECT uscc FROM clean_enterprises WHERE center = '长虹岭' LIMIT 1").fetchone()
    data = (
        "工单号,受理日期,统一社会信用代码,诉求类别,办结日期\n"
        f"H-1,2022-06-08,{code},政策咨询,\nH-2,2022-06-09,{code},政策咨询,2022-06-01\n"
    )
    plan = plan_import(con, data.encode(), "诉求.csv", "tickets", "长虹岭", principal=OPERATOR)
    batch, _ = commit_import(con, plan)
    con.close()
    return batch


def choose(at, batch: int):
    """Select the batch's line in the history table, as a click on it does."""
    row = at.dataframe[0].value["batch_id"].tolist().index(batch)
    at.session_state["batch_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def test_rejected_rows_show_their_cells_as_columns(app_env, monkeypatch):
    batch = imported(app_env)
    offered = offered_downloads(monkeypatch)
    for lang, row, problem in (("zh", "原行号", "问题"), ("en", "Row", "Problem")):
        at = choose(open_page("views/data_batches.py", lang), batch)
        assert not at.exception, at.exception
        rejects = at.dataframe[1].value
        download = openpyxl.load_workbook(io.BytesIO(offered[f"batch-{batch}-rejects.xlsx"])).active
        assert [list(r) for r in download.iter_rows(values_only=True)] == [
            list(rejects.columns),
            *rejects.astype(object).values.tolist(),
        ]  # the download is the table shown
        assert list(rejects.columns) == [
            row,
            "工单号",
            "受理日期",
            "统一社会信用代码",
            "诉求类别",
            "办结日期",
            problem,
        ]
        assert rejects.iloc[0][[row, "工单号", "办结日期"]].tolist() == [3, "H-2", "2022-06-01"]
        assert "办结日期" in rejects.iloc[0][problem]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "已撤销批次 {batch}：删除了本批次新增的 1 行，恢复了被修改的 0 行。"),
        ("en", "Batch {batch} undone: rows it added, removed: 1; rows it changed, restored: 0."),
    ],
)
def test_undo_says_what_it_removed_and_restored(app_env, lang, said):
    batch = imported(app_env)
    at = choose(open_page("views/data_batches.py", lang), batch)
    at.button(key="undo").click().run()
    at.button(key="undo_yes").click().run()
    assert not at.exception, at.exception
    assert [shown(s.value) for s in at.success] == [said.format(batch=batch)]


def test_the_rejects_download_of_the_history_is_read_again_like_the_error_report(app_env):
    batch = imported(app_env)
    con = db.connect(app_env)
    for lang in ("zh", "en"):
        report = xlsx_bytes(batches.rejected_rows(con, batch, lang), "rejects")
        again = plan_import(con, report, "诉求-被拒绝的行.xlsx", "tickets", "长虹岭", principal=OPERATOR)
        assert not again.match.unrecognised and not again.report(None)["warnings"]  # 原行号 / 问题 are ours
        assert again.rejected == 1  # the row is still as the clerk wrote it
    con.close()
