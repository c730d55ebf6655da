"""No file can take the dashboard down: the reading child process, its guards, and clear refusals.

Each of these files aborted, froze or exhausted the importing process, or ended in a traceback, before
files were read in a child process (analytics/intake/sandbox.py) behind the guards of reading.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.intake import Refused
from analytics.intake.sandbox import Limits, Unreadable, run
from analytics.settings import Settings
from tests import hostile_files as hostile
from tests.intake_files import (
    accepted_rows,
    encrypted_xlsx,
    errors_by_row,
    fixture_file,
    import_file,
    registry,
    table_counts,
    value,
)

ROOT = Path(__file__).resolve().parent.parent
LIMITS = Limits(memory_mb=1024, seconds=20)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return registry(tmp_path_factory.mktemp("hostile"))


# --- the child process ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("misbehave", "limits", "zh", "en"),
    [
        (hostile.abort, LIMITS, "异常终止（SIGABRT）", "stopped abnormally (SIGABRT)"),
        (hostile.segfault, LIMITS, "异常终止（SIGSEGV）", "stopped abnormally (SIGSEGV)"),
        (hostile.exhaust_memory, LIMITS, "需要超过 1,024 MB 内存", "needs more than 1,024 MB of memory"),
        (hostile.run_forever, Limits(1024, 1.5), "超过 1.5 秒", "longer than 1.5 s"),
        (hostile.fail, LIMITS, "ValueError", "ValueError: a bug in a reader"),
        (hostile.shout_and_exit, LIMITS, "意外退出（退出码 3）", "exited unexpectedly (exit code 3)"),
    ],
    ids=["abort", "segfault", "memory", "timeout", "exception", "exit"],
)
def test_whatever_the_child_does_the_caller_gets_a_refusal_and_lives(misbehave, limits, zh, en):
    with pytest.raises(Unreadable) as refused:
        run(misbehave, (), limits, "台账.xlsx")
    problem = refused.value.problem
    assert problem.zh.startswith("无法安全读取该文件") and zh in problem.zh, problem.zh
    assert problem.en.startswith("this file could not be read safely") and en in problem.en, problem.en
    assert refused.value.reference in problem.zh and refused.value.reference in problem.en
    assert "Traceback" not in problem.text()
    assert run(hostile.answer, (21,), LIMITS, "next") == 42  # and the next file is read as usual


def test_a_refusal_in_the_child_arrives_as_the_same_refusal():
    with pytest.raises(Refused) as refused:
        run(hostile.fail_with_refusal, (), LIMITS, "a.csv")
    assert type(refused.value) is Refused
    assert refused.value.problem.zh == "不行" and refused.value.problem.en == "no"


# --- files that crashed, froze or exhausted the process -------------------------------------------


def test_a_cell_at_the_far_corner_is_refused_naming_it(con):
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, hostile.far_corner_xlsx(), "走访.xlsx", "visits")
    problem = refused.value.problem
    assert "使用范围过大" in problem.zh and "XFD1048576" in problem.zh
    assert "used range is too large" in problem.en and "XFD1048576" in problem.en
    assert table_counts(con) == before


def test_a_far_corner_cell_hidden_from_the_guard_is_contained_by_the_child(con):
    """Without its <dimension> the file reaches the library, which aborts allocating ~550 GB: in the child."""
    before = table_counts(con)
    settings = Settings(reader_memory_mb=1024)
    with pytest.raises(Unreadable) as refused:
        import_file(con, hostile.far_corner_xlsx(declared=False), "走访.xlsx", "visits", settings=settings)
    assert "内存" in refused.value.problem.zh or "异常终止" in refused.value.problem.zh
    assert table_counts(con) == before
    data, name = fixture_file("visits.csv", "xlsx")
    assert accepted_rows(import_file(con, data, name, "visits")) == [2, 3, 4]  # this process is fine


def test_a_file_expanding_beyond_the_cap_is_refused_as_a_possible_zip_bomb(con):
    data = hostile.big_cell_xlsx(3_000_000)  # 3 MB of one character: compresses to a few KB
    assert len(data) < 100_000
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, data, "走访.xlsx", "visits", settings=Settings(max_uncompressed_mb=2))
    assert "解压后过大" in refused.value.problem.zh and "压缩炸弹" in refused.value.problem.zh
    assert "zip bomb" in refused.value.problem.en
    assert table_counts(con) == before


def test_too_many_cells_after_loading_are_refused(con):
    data, name = fixture_file("visits.csv", "xls")  # .xls: no declared range, the loaded range is checked
    with pytest.raises(Refused) as refused:
        import_file(con, data, name, "visits", settings=Settings(max_cells=20))
    assert "使用范围过大" in refused.value.problem.zh and "上限 20" in refused.value.problem.zh


def test_a_long_cell_rejects_its_row_and_the_rest_is_read(con):
    plan = import_file(con, hostile.big_cell_xlsx(40_000), "走访.xlsx", "visits")
    assert plan.rejected == 1 and accepted_rows(plan) == []
    ((column, message),) = errors_by_row(plan)[2]
    assert column == "走访内容" and "过长" in message and "40,000" in message and "32,767" in message


def test_a_million_bad_rows_list_a_capped_report_and_say_how_many_more(con):
    """Every rejected row is counted; the report lists the first N and says how many more there are."""
    lines = "".join(f"2021-02-30,914406050000000019,员工{i}\n" for i in range(25))
    data = ("走访日期,统一社会信用代码,走访人\n" + lines).encode()
    plan = import_file(con, data, "走访.csv", "visits", settings=Settings(max_reported_rejects=10))
    report = plan.report(None)
    assert report["rejected"] == 25 and report["rows_read"] == 25
    assert sorted({error["row"] for error in report["errors"]}) == list(range(2, 12))
    assert any("另有 15 行" in w and "15 more rejected rows" in w for w in report["warnings"])
    assert len(plan.rejected_rows("zh")) == 10


# --- refusals that named the wrong reason, or none ------------------------------------------------


REFUSALS = [
    ("no-sheet", hostile.no_sheet_xlsx, "走访.xlsx", "没有任何工作表", "no sheet"),
    ("encrypted-xls", hostile.encrypted_xls, "走访.xls", "打开密码", "password-protected"),
    ("encrypted-ods", lambda: hostile.ods_bytes([["走访日期"]], encrypted=True), "走访.ods", "打开密码", "password-protected"),
    ("encrypted-xlsx", lambda: encrypted_xlsx(fixture_file("visits.csv", "xlsx")[0]), "走访.xlsx", "打开密码", "password-protected"),
    ("biff2", lambda: hostile.old_biff(2), "走访.xls", "旧版 Excel 2.x–4", "old Excel 2.x–4"),
    ("biff3", lambda: hostile.old_biff(3), "走访.xls", "旧版 Excel 2.x–4", "old Excel 2.x–4"),
    ("biff4", lambda: hostile.old_biff(4), "走访.xls", "另存为 .xlsx", "save it as .xlsx"),
    ("html-without-table", lambda: hostile.html_xls("<p>导出失败</p>"), "走访.xls", "没有表格", "no table"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "file_name", "zh", "en"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refusals_name_the_real_reason(con, make, file_name, zh, en):
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, make(), file_name, "visits")
    assert zh in refused.value.problem.zh and en in refused.value.problem.en, refused.value.problem
    assert table_counts(con) == before


# --- the CLI: exit 0 or 2, never a traceback --------------------------------------------------------


def test_the_cli_refuses_hostile_files_with_exit_2_and_imports_the_good_one(tmp_path: Path):
    registry(tmp_path).close()
    database = tmp_path / "registry.duckdb"
    files = {
        "no-sheet.xlsx": hostile.no_sheet_xlsx(),
        "corner.xlsx": hostile.far_corner_xlsx(declared=False),
        "encrypted.xls": hostile.encrypted_xls(),
        "good.csv": fixture_file("visits.csv")[0],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(database), "--dataset", "visits",
         *(str(tmp_path / name) for name in files)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "DASHBOARD_CONFIG": str(tmp_path / "none.toml")},
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "stack backtrace" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines), result.stderr
    assert (
        "无法安全读取该文件" in result.stderr
        and "没有任何工作表" in result.stderr
        and "打开密码" in result.stderr
    )
    (report,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert report["file"] == "good.csv" and report["inserted"] == 3
    reference = lines[1].rsplit("reference ", 1)[1].rstrip(")")
    log = (tmp_path / "registry.log").read_text(encoding="utf-8")
    assert reference in log and "memory allocation" in log  # the details are for the administrator


# --- cells ------------------------------------------------------------------------------------------


def test_control_characters_are_removed_from_text(con):
    data = "走访日期,统一社会信用代码,走访人,走访内容\n2021-06-08,914406050000000019,张\x00敏,了解\x07用工\t需求\x1b\n"
    plan = import_file(con, data.encode(), "走访.csv", "visits")
    assert value(plan, 2, "staff") == "张敏"
    assert value(plan, 2, "content") == "了解用工\t需求"


def test_utf16_csv_with_bom_is_read(con):
    text = fixture_file("visits.csv")[0].decode("utf-8")
    for encoding in ("utf-16", "utf-16-be"):
        data = ("\ufeff" + text).encode(encoding) if encoding.endswith("be") else text.encode(encoding)
        plan = import_file(con, data, "走访.csv", "visits")
        assert accepted_rows(plan) == [2, 3, 4], encoding
        assert value(plan, 4, "content") == "反映道路积水"
