"""Reading uploads: encodings, row numbers as the clerk sees them, .xlsx / .xls cells, whole-file refusals.

Fixtures: tests/fixtures/intake (see its README); binary variants are made by tests/intake_files.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from analytics.intake import Refused
from analytics.settings import Settings
from tests.intake_files import (
    Formula,
    Merge,
    accepted_rows,
    csv_bytes,
    docx_bytes,
    encrypted_xlsx,
    errors_by_row,
    fixture_file,
    fixture_rows,
    import_file,
    pdf_bytes,
    plan_fixture,
    random_bytes,
    registry,
    table_counts,
    truncated,
    typed,
    value,
    xls_bytes,
    xlsx_bytes,
)

D = dt.date


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """A registry shared by the module: nothing here commits."""
    return registry(tmp_path_factory.mktemp("reading"))


def columns_by_row(plan) -> dict[int, set[str | None]]:
    return {row: {column for column, _ in errors} for row, errors in errors_by_row(plan).items()}


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "csv-bom", "csv-gbk", "csv-gb18030", "csv-crlf", "xlsx", "xls"])
def test_encodings_and_formats_read_the_same_rows(con, fmt):
    plan = plan_fixture(con, "visits.csv", "visits", fmt=fmt)
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert accepted_rows(plan) == [2, 3, 4]
    assert [value(plan, row, "staff") for row in (2, 3, 4)] == ["张敏", "张敏", "李强"]
    assert value(plan, 2, "visit_no") == "V2021001"  # the BOM is not part of the first header
    assert value(plan, 3, "uscc") == "91440605000000002C"
    assert value(plan, 4, "content") == "反映道路积水"
    assert value(plan, 4, "note") == "需协调城管"
    assert value(plan, 2, "visit_date") == D(2021, 6, 8)


def test_gbk_bytes_are_not_utf8():
    """The GBK variant really is GBK (so the test above exercises the fallback)."""
    with pytest.raises(UnicodeDecodeError):
        csv_bytes("visits.csv", "gbk").decode("utf-8")


def test_gb18030_characters_outside_gbk(con):
    with pytest.raises(UnicodeEncodeError):
        csv_bytes("visits_rare_chars.csv", "gbk")
    plan = plan_fixture(con, "visits_rare_chars.csv", "visits", fmt="csv-gb18030")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert value(plan, 2, "staff") == "刘䶮"
    assert value(plan, 2, "content") == "赠送𠮷祥物"


# --- CSV row numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "csv-bom", "csv-gbk", "csv-crlf"])
def test_csv_rows_are_numbered_by_the_line_they_start_on(con, fmt):
    """Blank lines and lines inside multi-line quoted cells are counted, as a text editor shows them."""
    plan = plan_fixture(con, "visits_multiline.csv", "visits", fmt=fmt)
    assert accepted_rows(plan) == [4, 7, 13]
    assert columns_by_row(plan) == {9: {"走访日期"}, 12: {"统一社会信用代码"}, 14: {"走访日期"}}
    assert value(plan, 4, "content") == "了解用工情况：\n一线工人缺口约30人；\n希望协助招聘"
    report = plan.rejected_rows("zh")
    assert report.iloc[:, 0].tolist() == [9, 12, 14]  # the downloadable report uses the same numbers


def test_multiline_cells_in_xlsx_are_one_row(con):
    """In a workbook a multi-line cell is one row: numbering follows Excel's rows."""
    plan = plan_fixture(con, "visits_multiline.csv", "visits", fmt="xlsx")
    assert accepted_rows(plan) == [4, 5, 9]
    assert columns_by_row(plan) == {7: {"走访日期"}, 8: {"统一社会信用代码"}, 10: {"走访日期"}}


# --- workbook row numbers and cells -----------------------------------------------------------

TITLE_ROWS_ACCEPTED = [6, 7, 8, 9, 11, 12]
TITLE_ROWS_REJECTED = [13, 14, 15, 16]


@pytest.mark.parametrize("col_offset", [0, 1], ids=["from-A", "from-B"])
@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_workbook_rows_count_title_and_blank_rows(con, kind, col_offset):
    """Excel row numbers, 1-based, with the title rows, the 填报单位 line and the blank rows counted."""
    rows = typed(fixture_rows("visits_title_rows.csv"))
    assert isinstance(rows[5][0], D)  # real date cells
    assert rows[10][0] == 44355  # a serial number cell
    data = xlsx_bytes(rows, col_offset=col_offset) if kind == "xlsx" else xls_bytes(rows, col_offset)
    plan = import_file(con, data, f"走访台账.{kind}", "visits")
    assert accepted_rows(plan) == TITLE_ROWS_ACCEPTED
    assert sorted(errors_by_row(plan)) == TITLE_ROWS_REJECTED
    assert {value(plan, row, "visit_date") for row in (6, 7, 8, 9, 11)} == {D(2021, 6, 8)}


def test_xlsx_date_cells_serials_and_merged_title(con):
    rows = [
        ["企业走访台账（2021年6月）"],
        [],
        ["填报单位：长虹岭产业社区", "", "", "填报日期：", dt.date(2021, 7, 1)],
        [],
        ["走访日期", "统一社会信用代码", "走访人", "走访方式", "备注"],
        [dt.date(2021, 6, 8), "914406050000000019", "张敏", "上门", ""],
        [dt.datetime(2021, 6, 9, 15, 30), "91440605000000002C", "张敏", "电话", ""],
        [44357, "91440605000000003F", "李强", "上门", "serial"],
        [],
        ["2021-02-30", "91440605000000004J", "李强", "上门", "typed as text: not a date"],
        ["", "", "", "", ""],
        ["填表人：张敏", "", "审核人：陈刚"],
    ]
    data = xlsx_bytes(rows, merges=[Merge(0, 0, 0, 4, "企业走访台账（2021年6月）")])
    plan = import_file(con, data, "走访台账.xlsx", "visits")
    assert accepted_rows(plan) == [6, 7, 8]
    assert columns_by_row(plan) == {10: {"走访日期"}}
    assert [value(plan, row, "visit_date") for row in (6, 7, 8)] == [
        D(2021, 6, 8),
        D(2021, 6, 9),
        D(2021, 6, 10),
    ]
    assert plan.report(None)["rows_read"] == 4


def test_formulas_are_read_as_their_cached_values(con):
    rows = [
        ["统一社会信用代码", "报告期", "工业总产值", "营业收入", "企业名称"],
        ["91440605000000003F", Formula("=DATE(2021,6,1)", 44348), Formula("=D2*0.9", 1111.5), 1235, ""],
        [
            "91440605000000003F",
            Formula("=DATE(2021,7,1)", 44378),
            Formula("=ROUND(D3*0.9,1)", 990.0),
            1100,
            "",
        ],
        ["", "2021-08", 500, "", Formula('="罗村五金"&"制品厂"', "罗村五金制品厂")],
        ["合计", "", Formula("=SUM(C2:C4)", 2601.5), Formula("=SUM(D2:D4)", 2335), ""],
    ]
    plan = import_file(con, xlsx_bytes(rows), "产值月报.xlsx", "output")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert accepted_rows(plan) == [2, 3, 4]  # the 合计 formula row is skipped
    assert value(plan, 2, "output_wan") == pytest.approx(1111.5)
    assert value(plan, 3, "output_wan") == pytest.approx(990.0)
    assert value(plan, 2, "period") == D(2021, 6, 1)
    assert value(plan, 3, "period") == D(2021, 7, 1)
    assert value(plan, 4, "uscc") == "91440605000000003F"  # matched by the formula's text


def test_first_sheet_or_a_named_one(con):
    june = fixture_rows("visits.csv")
    july = [june[0], ["V2021101", "2021-07-08", "91440605000000004J", "", "王芳", "上门", "", ""]]
    for maker, suffix in ((xlsx_bytes, "xlsx"), (xls_bytes, "xls")):
        data = maker({"2021年6月": typed(june), "2021年7月": typed(july)})
        first = import_file(con, data, f"走访.{suffix}", "visits")
        assert accepted_rows(first) == [2, 3, 4]
        named = import_file(con, data, f"走访.{suffix}", "visits", sheet="2021年7月")
        assert accepted_rows(named) == [2]
        assert value(named, 2, "visit_no") == "V2021101"


# --- whole-file refusals ----------------------------------------------------------------------


def _visits_xlsx() -> bytes:
    return fixture_file("visits.csv", "xlsx")[0]


def _visits_xls() -> bytes:
    return fixture_file("visits.csv", "xls")[0]


REFUSALS = [
    # (case id, bytes, file name, zh fragments (any), en fragments (any))
    ("encrypted-xlsx", lambda: encrypted_xlsx(_visits_xlsx()), "走访台账.xlsx", ["密码", "加密"], ["password", "encrypted"]),
    ("encrypted-named-xls", lambda: encrypted_xlsx(_visits_xlsx()), "走访台账.xls", ["密码", "加密"], ["password", "encrypted"]),
    ("pdf", pdf_bytes, "走访台账.pdf", ["不支持", ".pdf"], ["unsupported", ".pdf"]),
    ("png", lambda: b"\x89PNG\r\n\x1a\n" + random_bytes(200), "照片.png", ["不支持"], ["unsupported"]),
    ("docx", docx_bytes, "走访情况.docx", ["不支持", "不是 Excel", "不是表格"], ["unsupported", "not an Excel", "not a spreadsheet"]),
    ("docx-named-xlsx", docx_bytes, "走访台账.xlsx", ["不是 Excel", "不是表格"], ["not an Excel", "not a spreadsheet"]),
    ("pdf-named-xlsx", pdf_bytes, "走访台账.xlsx", ["不是 Excel", "不是表格"], ["not an Excel", "not a spreadsheet"]),
    ("random-named-xlsx", random_bytes, "走访台账.xlsx", ["不是 Excel", "损坏"], ["not an Excel", "damaged"]),
    ("random-named-csv", random_bytes, "走访台账.csv", ["不是文本", "编码"], ["not a text", "encoding"]),
    ("xlsx-named-csv", _visits_xlsx, "走访台账.csv", ["不是文本", "编码"], ["not a text", "encoding"]),
    ("truncated-xlsx", lambda: truncated(_visits_xlsx()), "走访台账.xlsx", ["不完整", "损坏"], ["truncated", "damaged"]),
    ("truncated-xls", lambda: truncated(_visits_xls()), "走访台账.xls", ["不完整", "损坏"], ["truncated", "damaged"]),
    ("empty-csv", lambda: b"", "走访台账.csv", ["空"], ["empty"]),
    ("empty-xlsx", lambda: b"", "走访台账.xlsx", ["空"], ["empty"]),
    ("blank-lines-csv", lambda: b"\r\n  \r\n\r\n", "走访台账.csv", ["空", "没有任何内容"], ["empty", "no content"]),
    ("commas-only-csv", lambda: b",,,,\n,,,,\n", "走访台账.csv", ["空", "没有任何内容"], ["empty", "no content"]),
    ("bom-only-csv", lambda: b"\xef\xbb\xbf", "走访台账.csv", ["空", "没有任何内容"], ["empty", "no content"]),
    ("empty-workbook", lambda: xlsx_bytes([]), "走访台账.xlsx", ["空", "没有任何内容"], ["empty", "no content"]),
    ("prose-csv", lambda: "各位领导：\n本月走访情况良好。\n".encode(), "走访台账.csv", ["表头"], ["header"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "file_name", "zh", "en"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_unreadable_files_are_refused_with_a_message_and_nothing_written(con, data, file_name, zh, en):
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, data(), file_name, "visits", center="长虹岭产业社区")
    problem = refused.value.problem
    assert any(fragment in problem.zh for fragment in zh), problem.zh
    assert any(fragment in problem.en for fragment in en), problem.en
    assert table_counts(con) == before


def test_size_cap(con):
    data, name = fixture_file("visits.csv")
    limit = len(data) / 1_048_576 / 2
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, data, name, "visits", settings=Settings(max_file_mb=limit))
    assert "过大" in refused.value.problem.zh and "MB" in refused.value.problem.zh
    assert "too large" in refused.value.problem.en
    assert table_counts(con) == before
    assert import_file(con, data, name, "visits", settings=Settings(max_file_mb=limit * 2)).rejected == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_row_cap(con, fmt):
    """visits.csv has 3 data rows: a limit of 3 reads it, a limit of 2 refuses it naming the limit."""
    data, name = fixture_file("visits.csv", fmt)
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, data, name, "visits", settings=Settings(max_rows=2))
    assert "上限" in refused.value.problem.zh and "2" in refused.value.problem.zh
    assert "limit" in refused.value.problem.en
    assert table_counts(con) == before
    assert accepted_rows(import_file(con, data, name, "visits", settings=Settings(max_rows=3))) == [2, 3, 4]


def test_row_cap_on_a_long_file(con):
    header = "走访日期,统一社会信用代码,走访人\n"
    body = "".join(f"2021-06-{day % 28 + 1:02d},914406050000000019,员工{day}\n" for day in range(200))
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, (header + body).encode(), "走访.csv", "visits", settings=Settings(max_rows=100))
    assert "上限" in refused.value.problem.zh and "100" in refused.value.problem.zh
    assert "limit" in refused.value.problem.en and "100" in refused.value.problem.en
    assert table_counts(con) == before


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_unknown_sheet_is_refused_naming_it_and_the_sheets_there(con, kind):
    rows = typed(fixture_rows("visits.csv"))
    sheets = {"2021年6月": rows, "2021年7月": rows}
    data = xlsx_bytes(sheets) if kind == "xlsx" else xls_bytes(sheets)
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        import_file(con, data, f"走访.{kind}", "visits", sheet="2021年8月")
    problem = refused.value.problem
    assert "2021年8月" in problem.zh and "2021年6月" in problem.zh and "2021年7月" in problem.zh
    assert "2021年8月" in problem.en and "sheet" in problem.en
    assert table_counts(con) == before


def test_refusal_in_a_fresh_database_writes_no_batch(tmp_path: Path):
    con = registry(tmp_path)
    before = table_counts(con)
    for data, name in ((encrypted_xlsx(_visits_xlsx()), "a.xlsx"), (b"", "b.csv"), (pdf_bytes(), "c.pdf")):
        with pytest.raises(Refused):
            import_file(con, data, name, "visits")
    assert table_counts(con) == before
    assert con.execute(
        "SELECT count(*) FROM import_batches WHERE file_name IN ('a.xlsx', 'b.csv', 'c.pdf')"
    ).fetchone() == (0,)
