"""The intake fixtures (tests/fixtures/intake) as the files clerks upload, and a database to import them into.

The fixtures are UTF-8 CSV text. Everything else is made here at test time, never committed as a binary:
the same rows as GBK / GB18030 CSV, .xlsx (real date cells, numbers, formulas with cached values, merged
two-level headers), .xls, an encrypted .xlsx, truncated and not-a-spreadsheet bytes.

Row layout is kept: line N of a fixture (without multi-line cells) is row N of the .xlsx / .xls made from it,
so one table of expected row numbers serves every format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import msoffcrypto.format.ooxml
import xlsxwriter
import xlwt

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import ImportPlan, commit_import, plan_import
from analytics.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "intake"
SETTINGS = Settings()  # the defaults, whatever dashboard.toml says
DATA_TABLES = (
    "centers",
    "parks",
    "enterprises",
    "service_staff",
    "visits",
    "tickets",
    "output_monthly",
    "vaccination_snapshots",
    "activities",
    "import_batches",
    "import_rejects",
    "import_changes",
    "header_mappings",
)
FORMATS = ("csv", "csv-bom", "csv-gbk", "xlsx", "xls")

Cell = Any  # str, int, float, date, datetime, Formula, or None / '' for an empty cell


@dataclass(frozen=True)
class Formula:
    """A formula cell and the value Excel cached for it."""

    formula: str
    value: float | str


@dataclass(frozen=True)
class Merge:
    """A merged range (0-based, inclusive) showing `value`, as Excel writes a merged header or title."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int
    value: str


# --- the fixtures as text ---------------------------------------------------------------------


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture_rows(name: str) -> list[list[str]]:
    """The fixture's CSV records; a blank line is an empty record, a multi-line cell stays one cell."""
    return list(csv.reader(io.StringIO(fixture_text(name), newline="")))


def csv_bytes(name: str, encoding: str = "utf-8", *, bom: bool = False) -> bytes:
    """The fixture as a CSV file in `encoding` (Excel / WPS on Chinese Windows write GBK)."""
    data = fixture_text(name).encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def crlf_csv(name: str, encoding: str = "utf-8") -> bytes:
    """The fixture with CRLF record ends; line breaks inside quoted cells stay LF (as Excel writes them)."""
    out, quoted = [], False
    for line in fixture_text(name).splitlines(keepends=True):
        quoted ^= line.count('"') % 2 == 1
        out.append(line[:-1] + "\r\n" if line.endswith("\n") and not quoted else line)
    return "".join(out).encode(encoding)


# --- typed cells, as Excel stores them ---------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_NUMBER = re.compile(r"^\d{1,9}(\.\d+)?$")  # not 18-digit credit codes, which clerks keep as text


def typed(rows: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """Text cells as Excel would hold them: ISO dates become date cells, plain numbers number cells.

    Anything else (2021/6/8, 2021年6月, full-width digits, 1,200, 2021-02-30, credit codes) stays text,
    as it does when a clerk types it.
    """

    def cell(value: Cell) -> Cell:
        if not isinstance(value, str):
            return value
        if _ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        if _PLAIN_NUMBER.match(value):
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
        return value

    return [[cell(value) for value in row] for row in rows]


# --- workbooks --------------------------------------------------------------------------------

Sheets = Mapping[str, Sequence[Sequence[Cell]]]


def _sheets(rows: Sequence[Sequence[Cell]] | Sheets) -> Sheets:
    return rows if isinstance(rows, Mapping) else {"Sheet1": rows}


def xlsx_bytes(
    rows: Sequence[Sequence[Cell]] | Sheets,
    merges: Iterable[Merge] = (),
    col_offset: int = 0,
) -> bytes:
    """An .xlsx of `rows` (one sheet, or {sheet name: rows}); row i of `rows` is Excel row i + 1.

    Dates become date cells (yyyy-mm-dd), numbers number cells, Formula a formula with its cached
    value; `merges` (on the first sheet) are written with merge_range; `col_offset` starts the
    table that many columns to the right (a blank column A).
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    time_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for n, (name, sheet_rows) in enumerate(_sheets(rows).items()):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                col = c + col_offset
                if value is None or value == "":
                    continue
                if isinstance(value, Formula):
                    sheet.write_formula(r, col, value.formula, None, value.value)
                elif isinstance(value, dt.datetime):
                    sheet.write_datetime(r, col, value, time_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, col, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, col, value)
                else:
                    sheet.write_string(r, col, str(value))
        if n == 0:
            for m in merges:
                sheet.merge_range(
                    m.first_row, m.first_col + col_offset, m.last_row, m.last_col + col_offset, m.value
                )
    book.close()
    return buffer.getvalue()


def xls_bytes(rows: Sequence[Sequence[Cell]] | Sheets, col_offset: int = 0) -> bytes:
    """An Excel 97-2003 .xls of `rows` (xlwt); dates as date cells. xlwt stores no cached formula values."""
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, sheet_rows in _sheets(rows).items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    sheet.write(r, c + col_offset, value, date_style)
                else:
                    sheet.write(r, c + col_offset, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fixture_file(name: str, fmt: str = "csv") -> tuple[bytes, str]:
    """(bytes, file name) of the fixture in one of FORMATS (plus csv-gb18030, csv-crlf)."""
    stem = Path(name).stem
    if fmt == "csv":
        return csv_bytes(name), name
    if fmt == "csv-bom":
        return csv_bytes(name, bom=True), name
    if fmt == "csv-gbk":
        return csv_bytes(name, "gbk"), name
    if fmt == "csv-gb18030":
        return csv_bytes(name, "gb18030"), name
    if fmt == "csv-crlf":
        return crlf_csv(name), name
    if fmt == "xlsx":
        return xlsx_bytes(typed(fixture_rows(name))), f"{stem}.xlsx"
    if fmt == "xls":
        return xls_bytes(typed(fixture_rows(name))), f"{stem}.xls"
    raise ValueError(fmt)


# --- files that are not what they claim -------------------------------------------------------


def encrypted_xlsx(data: bytes, password: str = "pw") -> bytes:
    """`data` (an .xlsx) protected with an opening password, as Excel's 'Encrypt with password' does."""
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first part of a file, as an interrupted download or copy leaves it."""
    return data[: int(len(data) * keep)]


def docx_bytes() -> bytes:
    """A minimal Word document (a zip, like .xlsx, but no workbook inside)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            '2006/main"><w:body><w:p><w:r><w:t>走访情况汇报</w:t></w:r></w:p></w:body></w:document>',
        )
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def random_bytes(size: int = 4096, seed: int = 20210608) -> bytes:
    return random.Random(seed).randbytes(size)


# --- a database with the registry -------------------------------------------------------------


def import_file(
    con: duckdb.DuckDBPyConnection, data: bytes, file_name: str, dataset: str | None = None, **kwargs: Any
) -> ImportPlan:
    """plan_import with the default Settings (not dashboard.toml's) unless given."""
    kwargs.setdefault("settings", SETTINGS)
    kwargs.setdefault("principal", OPERATOR)
    return plan_import(con, data, file_name, dataset=dataset, **kwargs)


def plan_fixture(
    con: duckdb.DuckDBPyConnection, name: str, dataset: str | None = None, fmt: str = "csv", **kwargs: Any
) -> ImportPlan:
    data, file_name = fixture_file(name, fmt)
    return import_file(con, data, file_name, dataset, **kwargs)


def registry(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A new database with parks.csv and enterprises.csv imported through the importer itself."""
    con = db.connect(tmp_path / "registry.duckdb")
    for dataset in ("parks", "enterprises"):
        plan = plan_fixture(con, f"{dataset}.csv", dataset)
        assert plan.rejected == 0, plan.report(None)["errors"]
        commit_import(con, plan)
    return con


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per warehouse and bookkeeping table plus the data version: 'nothing written' compares these."""
    with con.cursor() as cur:
        counts = {table: cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in DATA_TABLES}
        counts["data_version"] = int(
            cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
        )
    return counts


# --- reading a plan ---------------------------------------------------------------------------


def errors_by_row(plan: ImportPlan) -> dict[int, list[tuple[str | None, str]]]:
    """The report's errors grouped by row: row -> [(column as the file writes it, 'zh / en'), ...]."""
    found: dict[int, list[tuple[str | None, str]]] = {}
    for error in plan.report(None)["errors"]:
        found.setdefault(error["row"], []).append((error["column"], error["message"]))
    return found


def accepted_rows(plan: ImportPlan) -> list[int]:
    return [int(row) for row in plan.validation.rows.index]


def value(plan: ImportPlan, row: int, column: str) -> Any:
    """The accepted, typed value of `column` on source row `row` (dates as datetime.date)."""
    cell = plan.validation.rows.loc[row, column]
    return cell.date() if isinstance(cell, dt.datetime) else cell
