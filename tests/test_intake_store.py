"""Committing and undoing batches: idempotence, updates, blanks, absent columns, undo order, refusals."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import Refused, commit_import, mappings, plan_import, undo
from analytics.intake.spec import DATASETS
from analytics.intake.store import TABLE_KEYS
from analytics.intake.templates import template_bytes


@pytest.fixture
def con(demo_db) -> duckdb.DuckDBPyConnection:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


@pytest.fixture
def firms(con) -> list[tuple[str, str]]:
    """Three 长虹岭 enterprises of the demo registry: (uscc, name)."""
    return con.execute(
        "SELECT uscc, name FROM clean_enterprises WHERE center = '长虹岭' ORDER BY uscc LIMIT 3"
    ).fetchall()


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def tickets_file(firms, status_of_first: str = "已办结", closed: str = "2022-07-08") -> bytes:
    (u1, _), (_, n2), _ = firms
    return csv(
        "工单号,受理日期,统一社会信用代码,企业名称,诉求类别,诉求内容,办结日期,办理状态,满意度",
        f"T-1,2022-07-01,{u1},,市政设施,道路积水,{closed},{status_of_first},满意",
        f"T-2,2022-07-02,,{n2},政策咨询,补贴,,,",
    )


def run(con, data: bytes, name: str, dataset: str, **options):
    plan = plan_import(con, data, name, dataset, **{"principal": OPERATOR, **options})
    return plan, *commit_import(con, plan)


def ticket(con, number: str) -> dict:
    row = con.execute("SELECT * FROM tickets WHERE ticket_no = ?", [number]).df()
    return row.iloc[0].to_dict() if len(row) else {}


def counts_of(con) -> dict[str, int]:
    tables = ("tickets", "visits", "enterprises", "parks", "centers", "import_batches", "import_changes")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_reimporting_the_same_file_is_refused_naming_its_batch_and_changes_nothing(con, firms):
    data = tickets_file(firms)
    _, first_batch, first = run(con, data, "t.csv", "tickets")
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    before = counts_of(con)
    version = db.data_version(con)
    plan = plan_import(con, data, "copy of t.csv", "tickets", principal=OPERATOR)
    assert plan.imported_as == first_batch and plan.counts.unchanged == 2  # the preview says so
    assert f"该文件已由批次 {first_batch} 导入" in plan.warnings()[0].zh
    with pytest.raises(Refused, match=f"该文件已由批次 {first_batch} 导入") as refusal:
        commit_import(con, plan)
    assert f"already imported as batch {first_batch}" in refusal.value.problem.en
    assert counts_of(con) == before and db.data_version(con) == version
    run(con, data, "t.csv", "tickets", center="长虹岭")  # the same file for a center is another import
    undo(con, first_batch, OPERATOR)
    _, again, counts = run(con, data, "t.csv", "tickets")  # once undone, the file can go in again
    assert again > first_batch and counts.inserted == 2


def test_a_plan_made_before_the_same_file_went_in_is_refused_at_commit(con, firms):
    data = tickets_file(firms)
    first = plan_import(con, data, "t.csv", "tickets", principal=OPERATOR)
    second = plan_import(con, data, "t.csv", "tickets", principal=OPERATOR)
    batch, _ = commit_import(con, first)
    before = counts_of(con)
    with pytest.raises(Refused, match=f"该文件已由批次 {batch} 导入"):
        commit_import(con, second)
    assert counts_of(con) == before


def test_a_changed_row_is_an_update_and_undo_restores_it(con, firms):
    run(con, tickets_file(firms, status_of_first="已办结", closed="2022-07-08"), "t.csv", "tickets")
    original = ticket(con, "T-1")
    _, batch, counts = run(con, tickets_file(firms, closed="2022-07-20"), "t2.csv", "tickets")
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 1)
    assert ticket(con, "T-1")["closed_date"] == dt.datetime(2022, 7, 20)
    undone = undo(con, batch, OPERATOR)
    assert (undone.removed, undone.restored) == ({}, {"tickets": 1})
    assert undone.message("zh") == f"已撤销批次 {batch}：删除了本批次新增的 0 行，恢复了被修改的 1 行。"
    restored = ticket(con, "T-1")
    assert restored["closed_date"] == original["closed_date"]
    assert restored["batch_id"] == original["batch_id"]
    assert con.execute(
        "SELECT undone_at IS NOT NULL FROM import_batches WHERE batch_id = ?", [batch]
    ).fetchone() == (True,)


def test_only_updates_are_logged_and_undo_of_a_mixed_batch_restores_both_kinds(con, firms):
    run(con, tickets_file(firms), "t.csv", "tickets")
    original = ticket(con, "T-1")
    (u1, _), _, _ = firms
    changed = csv(
        "工单号,受理日期,统一社会信用代码,诉求类别,诉求内容",
        f"T-1,2022-07-01,{u1},市政设施,积水已排",
        f"T-3,2022-07-03,{u1},用工招聘,招普工",
    )
    _, batch, counts = run(con, changed, "t2.csv", "tickets")
    assert (counts.inserted, counts.updated) == (1, 1)
    logged = con.execute(
        "SELECT row_key, old_values->>'description' FROM import_changes WHERE batch_id = ?", [batch]
    ).fetchall()
    assert [text for _, text in logged] == ["道路积水"]  # the replaced version, nothing for the insert
    undone = undo(con, batch, OPERATOR)
    assert (undone.removed, undone.restored) == ({"tickets": 1}, {"tickets": 1})
    assert undone.message("en") == (
        f"Batch {batch} undone: rows it added, removed: 1; rows it changed, restored: 1."
    )
    assert ticket(con, "T-3") == {}
    assert ticket(con, "T-1") == original


def repeated_keys(con) -> dict[str, int]:
    """Per fact table, how many keys are held by more than one row (the tables have no key index)."""
    found = {}
    for table, keys in TABLE_KEYS.items():
        (count,) = con.execute(
            f"SELECT count(*) FROM (SELECT {', '.join(keys)} FROM {table} GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        if count:
            found[table] = count
    return found


def test_keys_stay_unique_through_imports_updates_and_undos(con, firms):
    """The write path alone keeps every key unique (migration 0005 dropped the fact tables' indexes)."""
    assert not con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND table_name IN ('tickets', 'visits', 'output_monthly', 'vaccination_snapshots', 'activities')"
    ).fetchall()
    (u1, _), _, _ = firms
    more = csv(
        "工单号,受理日期,统一社会信用代码,诉求类别,诉求内容",
        f"T-2,2022-07-02,{u1},政策咨询,补贴已发",
        f"T-3,2022-07-03,{u1},用工招聘,招普工",
    )
    run(con, tickets_file(firms), "t.csv", "tickets")
    _, second, counts = run(con, tickets_file(firms, closed="2022-07-20"), "t2.csv", "tickets")
    assert (counts.inserted, counts.updated) == (0, 1)
    _, third, counts = run(con, more, "t3.csv", "tickets")
    assert (counts.inserted, counts.updated) == (1, 1)
    assert repeated_keys(con) == {}
    undo(con, third, OPERATOR)
    assert repeated_keys(con) == {}
    _, _, counts = run(con, more, "t3.csv", "tickets")  # in again after its undo
    assert (counts.inserted, counts.updated) == (1, 1)
    undo(con, second, OPERATOR)
    assert repeated_keys(con) == {}
    assert con.execute(
        "SELECT count(*) FROM tickets WHERE ticket_no IN ('T-1', 'T-2', 'T-3')"
    ).fetchone() == (3,)


def test_legacy_insert_entries_are_dropped_by_the_migration(con):
    con.execute("INSERT INTO import_changes VALUES (999, 'tickets', 'k', '{}', NULL)")
    con.execute("DELETE FROM schema_migrations WHERE version = '0003_changes_updates_only'")
    assert db.migrate(con) == ["0003_changes_updates_only"]
    assert con.execute("SELECT count(*) FROM import_changes WHERE old_values IS NULL").fetchone() == (0,)


def test_undo_of_an_insert_deletes_exactly_its_rows(con, firms):
    before = counts_of(con)
    _, batch, _ = run(con, tickets_file(firms), "t.csv", "tickets")
    undo(con, batch, OPERATOR)
    after = counts_of(con)
    assert after["tickets"] == before["tickets"]
    with pytest.raises(Refused, match="已于"):
        undo(con, batch, OPERATOR)  # twice: refused, already undone


def test_undo_is_refused_while_a_later_batch_changed_the_same_rows(con, firms):
    _, first, _ = run(con, tickets_file(firms), "t.csv", "tickets")
    _, second, _ = run(con, tickets_file(firms, closed="2022-07-30"), "t2.csv", "tickets")
    with pytest.raises(Refused) as refusal:
        undo(con, first, OPERATOR)
    assert (
        f"批次 {second}" in refusal.value.problem.zh and "undo that batch first" in refusal.value.problem.en
    )
    undo(con, second, OPERATOR)
    undo(con, first, OPERATOR)  # in order, both go
    assert ticket(con, "T-1") == {}


def test_a_blank_cell_clears_and_an_absent_column_keeps(con, firms):
    (u1, _), _, _ = firms
    header = "工单号,受理日期,统一社会信用代码,诉求类别,诉求内容,承办单位,满意度"
    run(con, csv(header, f"T-9,2022-07-01,{u1},市政设施,积水,城建办,满意"), "a.csv", "tickets")
    run(
        con,
        csv("工单号,受理日期,统一社会信用代码,诉求类别,承办单位", f"T-9,2022-07-01,{u1},市政设施,"),
        "b.csv",
        "tickets",
    )
    row = ticket(con, "T-9")
    assert row["lead_unit"] is None  # the file has the column and its cell is blank: cleared
    assert row["description"] == "积水"  # the file lacks the column: kept
    assert row["satisfaction"] == "满意"


def test_due_dates_default_for_new_tickets_and_are_kept_when_the_file_lacks_them(con, firms):
    (u1, _), _, _ = firms
    run(
        con,
        csv("工单号,受理日期,统一社会信用代码,诉求类别,办理时限", f"T-7,2021-09-30,{u1},市政设施,2"),
        "a.csv",
        "tickets",
    )
    assert ticket(con, "T-7")["due_date"] == dt.datetime(2021, 10, 9)  # 2 working days over National Day
    run(
        con,
        csv("工单号,受理日期,统一社会信用代码,诉求类别,诉求内容", f"T-7,2021-09-30,{u1},市政设施,改"),
        "b.csv",
        "tickets",
    )
    assert ticket(con, "T-7")["due_date"] == dt.datetime(2021, 10, 9)  # kept
    run(
        con,
        csv("工单号,受理日期,统一社会信用代码,诉求类别", f"T-8,2021-09-30,{u1},市政设施"),
        "c.csv",
        "tickets",
    )
    assert ticket(con, "T-8")["due_date"] == dt.datetime(2021, 10, 15)  # new: default 7 working days


def test_rejects_are_stored_with_their_raw_cells(con, firms):
    (u1, _), _, _ = firms
    data = csv(
        "工单号,受理日期,统一社会信用代码,诉求类别,办结日期",
        f"T-5,2022-07-05,{u1},市政设施,2022-07-01",
        "T-6,2022-02-30,91350100M000100Y44,市政设施,",
    )
    plan, batch, _ = run(con, data, "bad.csv", "tickets")
    stored = con.execute(
        "SELECT row_no, column_name, message_zh, raw_values->>'工单号' FROM import_rejects WHERE batch_id = ? "
        "ORDER BY row_no, column_name",
        [batch],
    ).fetchall()
    assert stored == [
        (2, "办结日期", "办结日期早于受理日期", "T-5"),
        (3, "受理日期", "日期不存在「2022-02-30」", "T-6"),
        (3, "统一社会信用代码", stored[2][2], "T-6"),
    ]
    assert "校验位" in stored[2][2]
    (rejected,) = con.execute("SELECT rejected FROM import_batches WHERE batch_id = ?", [batch]).fetchone()
    assert rejected == 2 == plan.rejected


def test_a_refused_file_writes_nothing(con):
    before = counts_of(con)
    version = db.data_version(con)
    for data, name in [
        (b"%PDF-1.4 not a sheet", "a.pdf"),
        (b"", "empty.csv"),
        (b"PK\x03\x04broken", "cut.xlsx"),
    ]:
        with pytest.raises(Refused):
            plan_import(con, data, name, "tickets", principal=OPERATOR)
    with pytest.raises(Refused, match="缺少必需的列"):
        plan_import(con, csv("工单号,企业名称", "T-1,某公司"), "t.csv", "tickets", principal=OPERATOR)
    assert counts_of(con) == before
    assert db.data_version(con) == version


def test_a_failure_inside_the_transaction_leaves_nothing(con, firms, monkeypatch):
    import analytics.intake.store as store

    plan = plan_import(con, tickets_file(firms), "t.csv", "tickets", principal=OPERATOR)
    before = counts_of(con)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_rejects", broken)
    with pytest.raises(RuntimeError):
        commit_import(con, plan)
    assert counts_of(con) == before


def test_parks_create_their_center_and_undo_removes_it(con):
    _, batch, counts = run(
        con, csv("园区名称,所属产业社区,面积（平方公里）", "新材料园,新社区,1.5"), "p.csv", "parks"
    )
    assert counts.inserted == 1
    assert con.execute("SELECT count(*) FROM centers WHERE center = '新社区'").fetchone() == (1,)
    undo(con, batch, OPERATOR)
    assert con.execute("SELECT count(*) FROM centers WHERE center = '新社区'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM parks WHERE park = '新材料园'").fetchone() == (0,)


def test_visits_add_new_service_workers(con, firms):
    (u1, _), _, _ = firms
    _, batch, _ = run(
        con, csv("走访日期,统一社会信用代码,走访人", f"2022-07-03,{u1},新员工甲"), "v.csv", "visits"
    )
    assert con.execute("SELECT center FROM service_staff WHERE name = '新员工甲'").fetchall() == [("长虹岭",)]
    undo(con, batch, OPERATOR)
    assert con.execute("SELECT count(*) FROM service_staff WHERE name = '新员工甲'").fetchone() == (0,)


def test_undoing_a_demo_batch_removes_its_rows(con):
    (batch,) = con.execute(
        "SELECT batch_id FROM import_batches WHERE is_demo AND dataset = 'activities'"
    ).fetchone()
    undone = undo(con, batch, OPERATOR)
    assert undone.removed["activities"] > 1000 and not undone.restored
    assert con.execute("SELECT count(*) FROM activities").fetchone() == (0,)


def test_undoing_a_demo_batch_is_refused_after_an_import_changed_its_rows(con, firms):
    (u1, _), _, _ = firms
    (number,) = con.execute("SELECT ticket_no FROM tickets WHERE uscc = ? LIMIT 1", [u1]).fetchone()
    row = ticket(con, number)
    data = csv(
        "工单号,受理日期,统一社会信用代码,诉求类别,诉求内容",
        f"{number},{row['received_date']:%Y-%m-%d},{u1},{row['category']},改写的内容",
    )
    run(con, data, "fix.csv", "tickets")
    (demo_batch,) = con.execute(
        "SELECT batch_id FROM import_batches WHERE is_demo AND dataset = 'tickets'"
    ).fetchone()
    with pytest.raises(Refused, match="请先撤销"):
        undo(con, demo_batch, OPERATOR)


def test_remembered_header_mapping_applies_to_the_centers_later_files(con, firms):
    (u1, _), _, _ = firms
    data = csv("工单号,反映日期,统一社会信用代码,诉求类别", f"T-3,2022-07-01,{u1},政策咨询")
    with pytest.raises(Refused, match="受理日期"):
        plan_import(con, data, "a.csv", "tickets", center="长虹岭", principal=OPERATOR)
    mappings.remember(con, OPERATOR, "长虹岭", "tickets", "反映日期", "received_date")
    plan = plan_import(con, data, "a.csv", "tickets", center="长虹岭", principal=OPERATOR)
    assert plan.counts.inserted == 1
    with pytest.raises(Refused):  # another center's files are not affected
        plan_import(con, data, "a.csv", "tickets", center="罗村", principal=OPERATOR)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_each_template_is_read_back_as_its_dataset(con, dataset):
    plan = plan_import(
        con, template_bytes(dataset), f"{dataset}.xlsx", None, center="长虹岭", principal=OPERATOR
    )
    assert plan.dataset.name == dataset
    assert not plan.match.unrecognised
    assert plan.validation.rows_read == 1  # the example row
    assert plan.sheet_names[1] == "填写说明"


def test_accepted_rows_come_back_from_the_reading_child_as_arrow_text(con, firms):
    """The form that is cheap to send from the child and that DuckDB scans without a copy (bench_import)."""
    import pandas as pd

    plan = plan_import(con, tickets_file(firms), "t.csv", "tickets", principal=OPERATOR)
    text = plan.validation.rows[["uscc", "category", "description", "status"]]
    assert all(isinstance(d, pd.StringDtype) and d.storage == "pyarrow" for d in text.dtypes), text.dtypes
    assert commit_import(con, plan)[1].inserted == len(plan.validation.rows)
