"""Reading an uploaded file into a grid of raw cells with the row numbers the clerk sees.

.xlsx / .xls through python-calamine (formulas as their cached values); .csv in UTF-8 (with or without
BOM) or GBK / GB18030. A file that cannot be read is refused as a whole with a message naming why.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import python_calamine as calamine

from analytics.intake.cells import Problem
from analytics.settings import Settings

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class Refused(Exception):
    """The whole file is refused; nothing of it is written."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.problem = Problem(zh, en)


@dataclass
class Sheet:
    rows: list[list[Any]]  # raw cells; '' for an empty cell
    row_numbers: list[int]  # 1-based, as Excel shows them (CSV: the line the record starts on)
    sheet_name: str | None
    sheet_names: list[str]


def read_sheet(data: bytes, file_name: str, settings: Settings, sheet: str | None = None) -> Sheet:
    size_mb = len(data) / 1_048_576
    if size_mb > settings.max_file_mb:
        raise Refused(
            f"文件过大（{size_mb:.1f} MB），上限为 {settings.max_file_mb:g} MB",
            f"the file is too large ({size_mb:.1f} MB); the limit is {settings.max_file_mb:g} MB",
        )
    if not data.strip():
        raise Refused("文件是空的", "the file is empty")
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".csv":
        result = _read_csv(data)
    elif suffix in SPREADSHEET_SUFFIXES or data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        result = _read_workbook(data, sheet)
    else:
        raise Refused(
            f"不支持的文件类型「{suffix or file_name}」：请上传 .xlsx、.xls 或 .csv 文件",
            f"unsupported file type '{suffix or file_name}': upload an .xlsx, .xls or .csv file",
        )
    if not any(any(_filled(cell) for cell in row) for row in result.rows):
        raise Refused("文件中没有任何内容", "the file has no content")
    if len(result.rows) > settings.max_rows + 50:  # header, title and footer lines on top of the data rows
        raise Refused(
            f"文件行数（{len(result.rows):,}）超过上限 {settings.max_rows:,} 行",
            f"the file has {len(result.rows):,} rows, more than the limit of {settings.max_rows:,}",
        )
    return result


def _filled(cell: Any) -> bool:
    return not (cell is None or (isinstance(cell, str) and not cell.strip()))


def _read_workbook(data: bytes, sheet: str | None) -> Sheet:
    if data.startswith(OLE_MAGIC) and ENCRYPTED_STREAM in data:  # an encrypted .xlsx is an OLE container
        raise _encrypted()
    if not data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise Refused(
            "文件内容不是 Excel 表格（可能只是改了扩展名）：请上传 .xlsx、.xls 或 .csv 文件",
            "the content is not an Excel workbook (perhaps only the extension was changed): upload an .xlsx, .xls or .csv file",
        )
    kind = _office_kind(data)
    if kind:
        raise Refused(
            f"这是{kind[0]}，不是 Excel 表格：请上传 .xlsx、.xls 或 .csv 文件",
            f"this is {kind[1]}, not an Excel workbook: upload an .xlsx, .xls or .csv file",
        )
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as error:
        raise _encrypted() from error
    except Exception as error:  # calamine raises several types for damaged files
        raise Refused(
            "无法读取该表格文件：文件已损坏或不完整（请在 Excel/WPS 中打开后重新另存再上传）",
            f"cannot read this spreadsheet: it is damaged or truncated (open it in Excel/WPS, save again): {error}",
        ) from error
    names = list(book.sheet_names)
    if sheet is not None and sheet not in names:
        raise Refused(
            f"找不到工作表「{sheet}」；文件中的工作表：{'、'.join(names)}",
            f"no sheet named '{sheet}'; the file has: {', '.join(names)}",
        )
    chosen = sheet or names[0]
    try:
        rows = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as error:
        raise Refused(
            f"无法读取工作表「{chosen}」：{error}", f"cannot read sheet '{chosen}': {error}"
        ) from error
    return Sheet(rows=rows, row_numbers=list(range(1, len(rows) + 1)), sheet_name=chosen, sheet_names=names)


def _office_kind(data: bytes) -> tuple[str, str] | None:
    """A Word or PowerPoint file (zip packages of their own), as (zh, en) names; None otherwise."""
    if not data.startswith(ZIP_MAGIC):
        return None
    head = data[:65536]
    if b"word/" in head:
        return "Word 文档", "a Word document"
    if b"ppt/" in head:
        return "PowerPoint 演示文稿", "a PowerPoint file"
    return None


def _encrypted() -> Refused:
    return Refused(
        "文件设置了打开密码（已加密），请在 Excel/WPS 中取消密码后另存再上传",
        "the file is password-protected (encrypted); remove the password in Excel/WPS, save and upload again",
    )


def _read_csv(data: bytes) -> Sheet:
    if b"\x00" in data[:4096]:
        raise Refused("这不是文本格式的 CSV 文件", "this is not a text CSV file")
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, numbers, line = [], [], 0
    try:
        for record in reader:
            numbers.append(line + 1)  # the line on which this record starts
            rows.append(record)
            line = reader.line_num
    except csv.Error as error:
        raise Refused(
            f"CSV 格式错误（第 {line + 1} 行）：{error}", f"malformed CSV (line {line + 1}): {error}"
        ) from error
    return Sheet(rows=rows, row_numbers=numbers, sheet_name=None, sheet_names=[])


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(
        "无法识别文件的文字编码（应为 UTF-8 或 GBK）", "cannot tell the text encoding (UTF-8 or GBK expected)"
    )
