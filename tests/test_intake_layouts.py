"""Layouts clerks really send, read as a clerk expects (each was refused or rejected row by row before):
HTML "xls" exports, .ods, merged cells, statistical-form footers, date-time serials, center names with
their suffix, a 填写说明 sheet first, and months that may have lost a trailing zero (warned, not guessed).
"""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import openpyxl
import pytest

from analytics.intake import commit_import
from tests import hostile_files as hostile
from tests.intake_files import (
    Merge,
    accepted_rows,
    errors_by_row,
    import_file,
    registry,
    typed,
    value,
    xls_bytes,
    xlsx_bytes,
)

D = dt.date
A, B, C = "914406050000000019", "91440605000000002C", "91440605000000003F"
TICKETS_HEADER = ["受理日期", "统一社会信用代码", "企业名称", "诉求类别", "诉求内容"]


@pytest.fixture
def con(tmp_path) -> duckdb.DuckDBPyConnection:
    return registry(tmp_path)


def demand_rows() -> list[list[str]]:
    """Three demands of one enterprise whose name and date cells are merged down the three rows."""
    return [
        TICKETS_HEADER,
        ["2021-06-08", A, "佛山市长虹精密机械有限公司", "用地规划", "厂房扩建"],
        ["", "", "", "劳动用工", "招工难"],
        ["", "", "", "政策咨询", "高企认定"],
        ["2021-06-09", B, "佛山（南海）华联电子有限公司", "政策咨询", "补贴申报"],
    ]


MERGED = [Merge(1, c, 3, c, v) for c, v in enumerate(["2021-06-08", A, "佛山市长虹精密机械有限公司"])]


def assert_three_demands_of_one_enterprise(plan) -> None:
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert accepted_rows(plan) == [2, 3, 4, 5]
    assert [value(plan, row, "uscc") for row in (2, 3, 4, 5)] == [A, A, A, B]
    assert [value(plan, row, "received_date") for row in (2, 3, 4)] == [D(2021, 6, 8)] * 3
    assert value(plan, 4, "category") == "政策咨询"


# --- merged cells -------------------------------------------------------------------------------


def test_merged_cells_in_xlsx_fill_every_row_they_cover(con):
    rows = typed(demand_rows())
    for r in (2, 3):
        rows[r][:3] = ["", "", ""]
    merges = [
        Merge(1, 0, 3, 0, rows[1][0]),
        Merge(1, 1, 3, 1, A),
        Merge(1, 2, 3, 2, "佛山市长虹精密机械有限公司"),
    ]
    plan = import_file(con, xlsx_bytes(rows, merges=merges), "诉求.xlsx", "tickets")
    assert_three_demands_of_one_enterprise(plan)


def test_merged_cells_in_xls_fill_every_row_they_cover(con):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("诉求")
    for r, row in enumerate(demand_rows()):
        for c, cell in enumerate(row):
            if r in (1, 2, 3) and c < 3:
                continue
            if cell:
                sheet.write(r, c, cell)
    for c, cell in enumerate(demand_rows()[1][:3]):
        sheet.write_merge(1, 3, c, c, cell)
    buffer = io.BytesIO()
    book.save(buffer)
    assert_three_demands_of_one_enterprise(import_file(con, buffer.getvalue(), "诉求.xls", "tickets"))


def test_ods_is_read_and_its_merged_cells_fill_every_row(con):
    spans = {(1, c): (3, 1) for c in range(3)}
    data = hostile.ods_bytes(demand_rows(), spans=spans, sheet="诉求台账")
    plan = import_file(con, data, "诉求.ods", "tickets")
    assert plan.sheet_name == "诉求台账"
    assert_three_demands_of_one_enterprise(plan)


# --- HTML tables saved as .xls --------------------------------------------------------------------


def test_an_html_table_saved_as_xls_is_read_with_spans_expanded(con):
    body = (
        "<h3>长虹岭产业社区企业诉求台账</h3><table border=1>"
        "<tr><th colspan=5>2021年6月</th></tr>"
        "<tr>" + "".join(f"<th>{h}</th>" for h in TICKETS_HEADER) + "</tr>"
        f"<tr><td rowspan=3>2021-06-08</td><td rowspan=3>{A}</td><td rowspan=3>佛山市长虹精密机械有限公司</td>"
        "<td>用地规划</td><td>厂房&nbsp;扩建</td></tr>"
        "<tr><td>劳动用工</td><td>招工难</td></tr>"
        "<tr><td>政策咨询</td><td>高企<br>认定</td></tr>"
        f"<tr><td>2021-06-09</td><td>{B}</td><td>佛山（南海）华联电子有限公司</td><td>政策咨询</td><td>补贴申报</td></tr>"
        "<tr><td colspan=3>合计</td><td colspan=2>4 件</td></tr></table>"
    )
    data = hostile.html_xls(body, charset="gb2312")  # GBK bytes, as the systems export them
    plan = import_file(con, data, "诉求导出.xls", "tickets")
    header_row = 2  # the merged month row above it is row 1
    assert plan.header_row == header_row
    rows = plan.validation.rows
    assert [int(r) for r in rows.index] == [3, 4, 5, 6]
    assert list(rows["uscc"]) == [A, A, A, B]
    assert rows.loc[3, "description"] == "厂房 扩建" and rows.loc[5, "description"] == "高企\n认定"
    assert plan.rejected == 0


def test_an_html_export_with_a_layout_table_first_reads_the_table_with_headers(con):
    body = (
        "<table><tr><td>导出时间：2021-07-01</td><td>操作员：张敏</td></tr></table>"
        "<table><tr>" + "".join(f"<td>{h}</td>" for h in TICKETS_HEADER) + "</tr>"
        f"<tr><td>2021-06-08</td><td>{A}</td><td></td><td>政策咨询</td><td>咨询</td></tr></table>"
    )
    plan = import_file(con, hostile.html_xls(body), "诉求.xls", "tickets")
    assert accepted_rows(plan) == [2] and plan.sheet_name == "表格2"


# --- footers --------------------------------------------------------------------------------------


FOOTERS = {
    "one-cell": [["单位负责人：陈刚    统计负责人：李娜    填表人：张敏    报出日期：2021年7月5日"]],
    "spread": [["单位负责人：", "陈刚", "统计负责人：", "李娜", "填表人：", "张敏", "报出日期：", "2021年7月5日"]],
    "labels-then-names": [["单位负责人", "陈刚", "统计负责人", "李娜", "填表人", "张敏", "报出日期", "2021-07-05"]],
    "two-lines": [["统计负责人：李娜", "", "", "填表人：张敏"], ["报出日期：2021年7月5日"]],
}  # fmt: skip


@pytest.mark.parametrize("footer", FOOTERS.values(), ids=FOOTERS.keys())
def test_statistical_form_footers_are_skipped_not_rejected(con, footer):
    rows = [*demand_rows(), *footer]
    for r in (2, 3):
        rows[r][:3] = rows[1][:3]
    plan = import_file(con, xlsx_bytes(typed(rows)), "诉求.xlsx", "tickets")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert accepted_rows(plan) == [2, 3, 4, 5]


def test_a_footer_merged_across_the_columns_is_skipped(con):
    rows = [*demand_rows(), ["填表人：张敏  审核人：陈刚"]]
    for r in (2, 3):
        rows[r][:3] = rows[1][:3]
    plan = import_file(
        con, xlsx_bytes(typed(rows), merges=[Merge(5, 0, 5, 4, rows[5][0])]), "诉求.xlsx", "tickets"
    )
    assert plan.rejected == 0 and accepted_rows(plan) == [2, 3, 4, 5]


def test_a_merged_title_above_the_header_is_no_header(con):
    rows = [["长虹岭产业社区企业诉求台账"], *demand_rows()]
    for r in (3, 4):
        rows[r][:3] = rows[2][:3]
    plan = import_file(
        con, xlsx_bytes(typed(rows), merges=[Merge(0, 0, 0, 4, rows[0][0])]), "诉求.xlsx", "tickets"
    )
    assert plan.header_row == 2 and not plan.match.unrecognised and plan.rejected == 0


# --- cells ------------------------------------------------------------------------------------------


def test_date_time_serials_read_as_their_date(con):
    rows = [
        ["走访日期", "统一社会信用代码", "走访人"],
        [44355.5, A, "张敏"],  # a number cell: 2021-06-08 12:00
        ["44356.75", B, "张敏"],  # the same typed as text in a CSV-like cell
    ]
    plan = import_file(con, xlsx_bytes(rows), "走访.xlsx", "visits")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert [value(plan, row, "visit_date") for row in (2, 3)] == [D(2021, 6, 8), D(2021, 6, 9)]


@pytest.mark.parametrize("written", ["长虹岭", "长虹岭产业社区", "长虹岭产业社区服务中心", "长虹岭服务中心"])
def test_a_center_matches_with_or_without_its_suffix(con, written):
    data = (
        "活动日期,活动名称,服务类别,活动阵地,所属产业社区,所属园区,参与人次\n"
        f"2021-06-12,端午游园,文体康乐服务,职工之家,{written},长虹岭工业园,300\n"
    ).encode()
    plan = import_file(con, data, "活动.csv", "activities")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert value(plan, 2, "center") == "长虹岭产业社区"  # stored as the registry writes it


def test_a_park_and_its_center_match_with_suffixes_in_the_enterprise_registry(con):
    data = (
        "统一社会信用代码,企业名称,所属园区,所属产业社区\n"
        "91440605000000005M,新企业,长虹岭工业园,长虹岭产业社区服务中心\n"
        "91440605000000006Q,另一家,罗村工业区,长虹岭\n"
    ).encode()
    plan = import_file(con, data, "企业.csv", "enterprises")
    assert accepted_rows(plan) == [2]
    assert [m for _, m in errors_by_row(plan)[3]] == [
        "所属产业社区「长虹岭产业社区」与园区所属的「罗村产业社区」不一致 / "
        "center '长虹岭产业社区' disagrees with the park's center '罗村产业社区'"
    ]


def test_a_new_center_written_two_ways_in_one_parks_file_is_one_center(tmp_path):
    from analytics import db

    con = db.connect(tmp_path / "new.duckdb")
    data = "园区名称,所属产业社区\n甲园,小塘产业社区\n乙园,小塘\n丙园,小塘产业社区服务中心\n".encode()
    plan = import_file(con, data, "园区.csv", "parks")
    commit_import(con, plan)
    assert con.execute("SELECT center FROM centers").fetchall() == [("小塘产业社区",)]
    assert con.execute("SELECT count(DISTINCT center) FROM parks").fetchone() == (1,)


# --- sheets -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("maker", [xlsx_bytes, xls_bytes], ids=["xlsx", "xls"])
def test_a_leading_instructions_sheet_is_passed_over_and_the_report_names_the_sheet_read(con, maker):
    instructions = [["填写说明"], ["1. 受理日期填写为 2021-06-08 格式"], ["2. 统一社会信用代码为18位"]]
    sheets = {
        "填写说明": instructions,
        "诉求台账": typed([TICKETS_HEADER, ["2021-06-08", A, "", "政策咨询", ""]]),
    }
    plan = import_file(con, maker(sheets), "诉求.xlsx" if maker is xlsx_bytes else "诉求.xls", "tickets")
    assert plan.sheet_name == "诉求台账" and accepted_rows(plan) == [2]
    (note, *_) = plan.report(None)["warnings"]
    assert "已读取工作表「诉求台账」" in note and "read sheet '诉求台账'" in note


def test_a_named_sheet_is_read_without_the_note(con):
    sheets = {
        "填写说明": [["说明"]],
        "诉求台账": typed([TICKETS_HEADER, ["2021-06-08", A, "", "政策咨询", ""]]),
    }
    plan = import_file(con, xlsx_bytes(sheets), "诉求.xlsx", "tickets", sheet="诉求台账")
    assert accepted_rows(plan) == [2] and not any("已读取工作表" in w for w in plan.report(None)["warnings"])


# --- months that may have lost a trailing zero --------------------------------------------------------


def test_a_month_number_that_may_have_lost_its_zero_is_read_as_written_and_warned(con):
    rows = [
        ["统一社会信用代码", "报告期", "工业总产值（万元）"],
        [A, 2021.1, 100],  # typed 2021.10 in a General cell: Excel keeps the number 2021.1
        [A, 2021.11, 120],
        [A, 2021.6, 90],
        [B, 2021.1, 80],
    ]
    plan = import_file(con, xlsx_bytes(rows), "产值.xlsx", "output")
    assert plan.rejected == 0
    assert [value(plan, row, "period") for row in (2, 3, 4, 5)] == [
        D(2021, 1, 1),
        D(2021, 11, 1),
        D(2021, 6, 1),
        D(2021, 1, 1),
    ]
    (warning,) = [w for w in plan.report(None)["warnings"] if "2021.10" in w]
    assert "第 2（2021.1）、5（2021.1） 行" in warning and "「报告期」" in warning
    assert "row(s) 2 (2021.1), 5 (2021.1)" in warning
    # the error report carries it too, on its own sheet
    book = openpyxl.load_workbook(io.BytesIO(plan.error_report("zh")))
    assert book.sheetnames == ["被拒绝的行", "提示"]
    assert any("2021.10" in str(row[0]) for row in book["提示"].iter_rows(values_only=True))


def test_a_month_typed_as_text_is_not_warned(con):
    data = f"统一社会信用代码,报告期,工业总产值（万元）\n{A},2021.10,100\n{A},2021.1,90\n".encode()
    plan = import_file(con, data, "产值.csv", "output")
    assert [value(plan, row, "period") for row in (2, 3)] == [D(2021, 10, 1), D(2021, 1, 1)]
    assert not plan.report(None)["warnings"]


# --- our own error report, uploaded again ----------------------------------------------------------


def test_the_error_report_uploaded_again_is_read_without_its_own_columns(con):
    data = f"受理日期,统一社会信用代码,诉求类别,办结日期\n2021-06-08,{A},政策咨询,2021-06-01\n2021-06-09,{A},政策咨询,\n"
    first = import_file(con, data.encode(), "诉求.csv", "tickets")
    assert first.rejected == 1
    for lang in ("zh", "en"):
        again = import_file(con, first.error_report(lang), "诉求-错误报告.xlsx", "tickets")
        assert not again.match.unrecognised and not again.report(None)["warnings"]  # 原行号 / 问题 are ours
        assert again.rejected == 1  # still wrong: the clerk has not fixed it yet
        columns = list(again.rejected_rows(lang).columns)
        assert columns.count("原行号" if lang == "zh" else "Row") == 1 and columns[-1] in ("问题", "Problem")
        assert len(again.error_report(lang)) > 0


def test_an_error_report_of_amounts_in_the_unit_of_a_line_above_the_header_keeps_that_unit(con):
    header = ["统一社会信用代码", "报告期", "工业总产值", "营业收入（万元）"]
    # 1,000,000 元 = 100 万元; then a row whose month is no month
    rows = [
        ["2021年产值月报"],
        ["单位：元"],
        header,
        [A, "2021-03", 1000000, 80],
        [A, "2021-13", 2000000, 90],
    ]
    first = import_file(con, xlsx_bytes(rows), "产值.xlsx", "output")
    assert first.rejected == 1 and value(first, 4, "output_wan") == 100
    book = openpyxl.load_workbook(io.BytesIO(first.error_report("zh")))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == ["原行号", "统一社会信用代码", "报告期", "工业总产值（元）", "营业收入（万元）", "问题"]
    assert "工业总产值（元）" in first.problems()["raw_values"].iloc[0]  # the history's rejected rows too
    sheet.cell(2, header.index("报告期") + 1).value = "2021-04"  # the clerk fixes the month
    fixed = io.BytesIO()
    book.save(fixed)
    again = import_file(con, fixed.getvalue(), "产值-错误报告.xlsx", "output")
    assert again.rejected == 0 and not again.report(None)["warnings"]
    assert value(again, 2, "output_wan") == 200 and value(again, 2, "revenue_wan") == 90  # not 2,000,000 万元
