"""A center head's journey in real Chromium: upload an .xlsx ledger, confirm, see it on the overview,
download the error report; and the import page as the very first request of a fresh server."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import python_calamine
import xlsxwriter
from playwright.sync_api import expect

from analytics import db
from tests.browser.helpers import open_app, wait_idle

pytestmark = pytest.mark.browser


def ledger(code: str, name: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("诉求台账")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write(0, 0, "长虹岭产业社区企业诉求台账（2022年6月）")
    sheet.write(1, 0, "填报单位：长虹岭产业社区服务中心")
    sheet.write_row(
        3, 0, ["工单号", "受理日期", "统一社会信用代码", "企业名称", "诉求类别", "诉求内容", "办结日期"]
    )

    rows = [
        ("J-1", dt.date(2022, 6, 20), code, "", "市政设施", "路面积水", dt.date(2022, 6, 24)),
        ("J-2", dt.date(2022, 6, 21), "", name, "政策咨询", "补贴申报", None),
        (
            "J-3",
            dt.date(2022, 6, 22),
            code,
            "",
            "用工招聘",
            "招工",
            dt.date(2022, 6, 1),
        ),  # closed before received
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(4 + offset, col, dt.datetime.combine(value, dt.time()), day)
            elif value:
                sheet.write(4 + offset, col, value)
    sheet.write(7, 0, "合计")
    book.close()
    return buffer.getvalue()


def tile(page, label: str) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def test_upload_confirm_overview_and_error_report(fresh_server, demo_db_template, page, tmp_path):
    con = db.connect(demo_db_template)
    code, name = con.execute(
        "SELECT uscc, name FROM clean_enterprises WHERE center = '长虹岭' ORDER BY uscc LIMIT 1"
    ).fetchone()
    con.close()
    path = tmp_path / "长虹岭诉求台账.xlsx"
    path.write_bytes(ledger(code, name))

    open_app(page, f"{fresh_server.url}/import")  # a deep link as the very first request of the server
    expect(page.get_by_role("heading", name="上传台账")).to_be_visible()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="上传单位").click()
    page.get_by_role("option", name="长虹岭", exact=True).click()
    wait_idle(page)
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(page.get_by_text("识别为「企业诉求台账」")).to_be_visible(timeout=60_000)
    assert tile(page, "将新增") == 2 and tile(page, "拒绝") == 1
    expect(page.get_by_text("办结日期早于受理日期")).to_be_attached()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入，批次")).to_be_visible(timeout=60_000)
    wait_idle(page)  # a click while the run that imported is still drawing can land on a button it replaces

    with page.expect_download() as download:
        page.get_by_role("button", name="下载错误报告（Excel）").click()
    report = tmp_path / "report.xlsx"
    download.value.save_as(report)
    rows = python_calamine.CalamineWorkbook.from_path(str(report)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "原行号" and rows[0][-1] == "问题"
    assert rows[1][0] == 7 and rows[1][1] == "J-3"  # Excel row 7: two title lines, a blank line, the header
    assert "办结日期早于受理日期" in rows[1][-1]

    # The clerk fixes the rejected row in the error report and uploads the report itself.
    fixed = openpyxl.load_workbook(report)
    sheet = fixed.active
    closed_column = rows[0].index("办结日期") + 1
    sheet.cell(row=2, column=closed_column, value="2022-06-28")
    fixed.save(tmp_path / "更正后.xlsx")
    page.locator('input[type="file"]').set_input_files(str(tmp_path / "更正后.xlsx"))
    panel = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_text("更正后.xlsx", exact=True))
        .last
    )
    expect(panel.get_by_text("识别为「企业诉求台账」")).to_be_visible(timeout=60_000)
    assert tile(panel, "将新增") == 1 and tile(panel, "拒绝") == 0 and tile(panel, "不变") == 0
    panel.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("新增 1 行，更新 0 行，不变 0 行，拒绝 0 行")).to_be_visible(timeout=60_000)

    # Undo the correction batch from the history page.
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="导入记录").click()
    wait_idle(page)
    page.locator('[data-testid="stDataFrame"] .dvn-scroller').first.click(position={"x": 15, "y": 55})
    wait_idle(page)
    expect(page.get_by_role("heading", name="批次")).to_contain_text("更正后.xlsx")
    page.get_by_role("button", name="撤销此批次").click()
    wait_idle(page)
    page.get_by_role("button", name="确定撤销").click()
    expect(page.get_by_text("已撤销批次")).to_be_visible(timeout=60_000)

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="总览").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="各产业社区总览")).to_be_visible()
    open_app(page, f"{fresh_server.url}/?period=2022-06-01&period=2022-06-30&center=长虹岭")
    june = tile(page, "受理诉求数")
    con = db.connect(demo_db_template)
    (before,) = con.execute(
        "SELECT count(*) FROM tickets t JOIN clean_enterprises e USING (uscc) WHERE e.center = '长虹岭' "
        "AND received_date BETWEEN DATE '2022-06-01' AND DATE '2022-06-30' AND status <> '已撤销'"
    ).fetchone()
    con.close()
    assert june == before + 2  # the two first accepted; the correction was undone
