"""Exports are inert: no downloaded .xlsx holds a formula and no CSV cell starts like one."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from analytics import db
from analytics.auth import OPERATOR
from analytics.exports import PLAIN_NUMBER, csv_bytes, xlsx_bytes
from analytics.intake import DATASETS, plan_import
from analytics.intake.templates import template_bytes
from tests.payloads import FORMULAS, markup

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xlsx_formulas(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        cell.coordinate
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def xlsx_texts(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def payload_frame() -> pd.DataFrame:
    texts = FORMULAS + markup("127.0.0.1:9") + ["http://127.0.0.1:9/plain"]
    return pd.DataFrame({"企业名称": texts, "变化": ["-1.2 pp"] * len(texts), "数值": range(-len(texts), 0)})


def test_xlsx_keeps_every_string_a_string():
    frame = payload_frame().rename(columns={"企业名称": '=HYPERLINK("http://127.0.0.1:9")'})
    data = xlsx_bytes(frame, "payloads")
    assert not xlsx_formulas(data)
    written = {v for v in frame.iloc[:, 0] if "\r" not in v}  # XML reads a CR back as a line feed
    assert written <= xlsx_texts(data)  # the very text, nothing prefixed
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert not any(cell.hyperlink for row in book.active.iter_rows() for cell in row)  # no links either
    assert [c.value for c in book.active["C"][1:4]] == [-17, -16, -15]  # numbers stay numbers


def test_csv_cells_never_start_like_a_formula():
    cells = csv_cells(csv_bytes(payload_frame().rename(columns={"变化": "=cmd"})))
    starting = [c for c in cells if c.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(c)]
    assert not starting, starting
    assert '\'=HYPERLINK("http://127.0.0.1:9/x","click")' in cells and "'-1.2 pp" in cells
    assert "'=cmd" in cells
    assert "-17" in cells  # a negative number is a number, not a formula


def test_csv_keeps_plain_numbers_written_as_text():
    cells = csv_cells(csv_bytes(pd.DataFrame({"x": ["-3.5", "+12%", "-1,234", "=1"]})))
    assert cells == ["x", "-3.5", "+12%", "-1,234", "'=1"]


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_templates_hold_no_formula(dataset):
    assert not xlsx_formulas(template_bytes(dataset))


def test_the_error_report_keeps_hostile_cells_as_text(demo_db):
    con = db.connect(demo_db)
    lines = ["工单号,受理日期,统一社会信用代码,诉求类别,诉求内容"]
    quoted = ['"' + value.replace('"', '""') + '"' for value in FORMULAS]
    lines += [f"F-{i},不是日期,{value},政策咨询,{value}" for i, value in enumerate(quoted)]
    plan = plan_import(con, ("\n".join(lines) + "\n").encode(), "f.csv", "tickets", principal=OPERATOR)
    con.close()
    report = xlsx_bytes(plan.rejected_rows("zh"), "errors")
    assert plan.rejected == len(FORMULAS)
    assert not xlsx_formulas(report)
    assert '=HYPERLINK("http://127.0.0.1:9/x","click")' in xlsx_texts(report)
