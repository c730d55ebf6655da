"""`python -m analytics import` and `undo` per the command-line contract."""

from __future__ import annotations

import json
import subprocess
import sys

from analytics import db

KEYS = ["file", "dataset", "batch_id", "rows_read", "inserted", "updated", "unchanged", "rejected", "warnings",
        "errors", "unknown_enterprises"]  # fmt: skip


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], capture_output=True, text=True, timeout=120, input=stdin
    )


def firm(path) -> str:
    con = db.connect(path)
    (code,) = con.execute(
        "SELECT uscc FROM clean_enterprises WHERE center = '长虹岭' ORDER BY uscc LIMIT 1"
    ).fetchone()
    con.close()
    return code


def write(path, *lines: str, encoding: str = "utf-8") -> str:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return str(path)


def test_import_prints_one_report_per_file_and_exit_0(demo_db, tmp_path):
    code = firm(demo_db)
    good = write(tmp_path / "诉求.csv", "工单号,受理日期,统一社会信用代码,诉求类别", f"C-1,2022-07-01,{code},政策咨询",
                 "C-2,2022-07-02,91350100M000100Y44,政策咨询", encoding="gbk")  # fmt: skip
    other = write(
        tmp_path / "更多.csv", "工单号,受理日期,统一社会信用代码,诉求类别", f"C-3,2022-07-03,{code},新类别"
    )
    added = cli("user", "add", "--db", str(demo_db), "--username", "lina", "--role", "center_head",
                "--center", "长虹岭", "--display-name", "李娜", stdin="a long password\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    result = cli("import", "--db", str(demo_db), "--dataset", "tickets", "--user", "lina", good, other)
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(r) for r in reports] == [KEYS, KEYS]
    first, second = reports
    assert (first["rows_read"], first["inserted"], first["rejected"]) == (2, 1, 1)
    assert first["errors"] == [
        {"row": 3, "column": "统一社会信用代码", "message": first["errors"][0]["message"]},
    ]
    assert "校验位" in first["errors"][0]["message"] and "check character" in first["errors"][0]["message"]
    assert second["warnings"][0].startswith("第 2 行的「诉求类别」为「新类别」")
    con = db.connect(demo_db)
    batch = con.execute("SELECT center, user_name, file_name, rows_read, rejected FROM import_batches WHERE batch_id = ?",
                        [first["batch_id"]]).fetchone()  # fmt: skip
    assert batch == ("长虹岭", "lina", "诉求.csv", 2, 1)  # the account's own center, its username


def test_dry_run_reports_without_writing(demo_db, tmp_path):
    code = firm(demo_db)
    path = write(
        tmp_path / "t.csv", "工单号,受理日期,统一社会信用代码,诉求类别", f"D-1,2022-07-01,{code},政策咨询"
    )
    before = db.data_version(db.connect(demo_db))
    result = cli("import", "--db", str(demo_db), "--dataset", "tickets", "--dry-run", path)
    report = json.loads(result.stdout)
    assert report["batch_id"] is None and report["inserted"] == 1
    con = db.connect(demo_db)
    assert db.data_version(con) == before
    assert con.execute("SELECT count(*) FROM tickets WHERE ticket_no = 'D-1'").fetchone() == (0,)


def test_a_refused_file_exits_2_with_a_message_and_the_others_still_import(demo_db, tmp_path):
    code = firm(demo_db)
    bad = tmp_path / "报表.xlsx"
    bad.write_bytes(b"this is not a workbook")
    good = write(
        tmp_path / "t.csv", "工单号,受理日期,统一社会信用代码,诉求类别", f"E-1,2022-07-01,{code},政策咨询"
    )
    result = cli("import", "--db", str(demo_db), "--dataset", "tickets", str(bad), good)
    assert result.returncode == 2
    assert (
        "报表.xlsx" in result.stderr
        and "不是 Excel 表格" in result.stderr
        and "not an Excel workbook" in result.stderr
    )
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in reports] == ["t.csv"]


def test_unknown_enterprises_are_listed(demo_db, tmp_path):
    path = write(
        tmp_path / "v.csv",
        "走访日期,企业名称,走访人",
        "2022-07-01,佛山市不存在有限公司,张三",
        "2022-07-02,佛山市不存在有限公司,李四",
    )
    report = json.loads(cli("import", "--db", str(demo_db), "--dataset", "visits", path).stdout)
    assert report["rejected"] == 2
    assert report["unknown_enterprises"] == [{"uscc": None, "name": "佛山市不存在有限公司"}]


def test_undo_restores_and_refuses_twice(demo_db, tmp_path):
    code = firm(demo_db)
    path = write(
        tmp_path / "t.csv", "工单号,受理日期,统一社会信用代码,诉求类别", f"F-1,2022-07-01,{code},政策咨询"
    )
    batch = json.loads(cli("import", "--db", str(demo_db), "--dataset", "tickets", path).stdout)["batch_id"]
    result = cli("undo", "--db", str(demo_db), str(batch))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "batch_id": batch,
        "removed": {"tickets": 1},
        "restored": {},
        "message": f"已撤销批次 {batch}：删除了本批次新增的 1 行，恢复了被修改的 0 行。 / "
        f"Batch {batch} undone: rows it added, removed: 1; rows it changed, restored: 0.",
    }
    again = cli("undo", "--db", str(demo_db), str(batch))
    assert again.returncode == 2 and "已于" in again.stderr and "already undone" in again.stderr
    missing = cli("undo", "--db", str(demo_db), "99999")
    assert missing.returncode == 2 and "no import batch 99999" in missing.stderr


def test_unknown_center_is_refused_before_reading(demo_db, tmp_path):
    path = write(tmp_path / "t.csv", "工单号", "x")
    result = cli("import", "--db", str(demo_db), "--dataset", "tickets", "--center", "不存在", path)
    assert result.returncode == 2 and "unknown center: 不存在" in result.stderr
