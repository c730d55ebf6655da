"""Reading an uploaded file into grids of raw cells with the row numbers the clerk sees.

.xlsx / .xls / .ods through python-calamine (formulas as their cached values; merged cells give their value
to every cell they cover); an HTML table saved as .xls (what many government systems export); .csv in
UTF-8 (with or without BOM), UTF-16 with BOM, or GBK / GB18030. A file that cannot be read is refused as a
whole with a message naming why. Untrusted files are read in a child process (see sandbox.py); the guards
here (uncompressed size, used range, cell count) refuse the usual bombs before the library allocates.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from xml.etree import ElementTree

import python_calamine as calamine

from analytics.intake.cells import Problem
from analytics.intake.html_table import TooLarge, html_tables, looks_like_html
from analytics.settings import Settings

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".htm", ".html")
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# BOF records of Excel 2.x, 3 and 4 files (a bare BIFF stream, not an OLE container)
OLD_BIFF = (b"\x09\x00\x04\x00", b"\x09\x00\x06\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")
BIFF8_BOF, FILEPASS, BOUNDSHEET = 0x0809, 0x002F, 0x0085
MB = 1_048_576
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?:?([A-Z]{1,3})?(\d+)?\"")


class Refused(Exception):
    """The whole file is refused; nothing of it is written."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.problem = Problem(zh, en)

    def __reduce__(self) -> tuple:
        """Picklable with its subclasses' state (refusals travel back from the reading process)."""
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[Refused], args: tuple, state: dict) -> Refused:
    refusal = cls.__new__(cls)
    Exception.__init__(refusal, *args)
    refusal.__dict__.update(state)
    return refusal


@dataclass
class Sheet:
    rows: list[list[Any]]  # raw cells; '' for an empty cell
    row_numbers: list[int]  # 1-based, as Excel shows them (CSV: the line the record starts on)
    sheet_name: str | None
    sheet_names: list[str]


@dataclass
class Book:
    """An opened file: its sheet names (none for a CSV) and a reader for one sheet."""

    sheet_names: list[str]
    read: Callable[[str | None], Sheet]


def open_book(data: bytes, file_name: str, settings: Settings) -> Book:
    """Check the file as a whole and open it; `Book.read(name)` reads one sheet (None: the first)."""
    size_mb = len(data) / MB
    if size_mb > settings.max_file_mb:
        raise Refused(
            f"文件过大（{size_mb:.1f} MB），上限为 {settings.max_file_mb:g} MB",
            f"the file is too large ({size_mb:.1f} MB); the limit is {settings.max_file_mb:g} MB",
        )
    if not data.strip():
        raise Refused("文件是空的", "the file is empty")
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".csv":
        return _single(_read_csv(data, int(settings.max_file_mb * MB) + 1), settings)
    if suffix in SPREADSHEET_SUFFIXES and looks_like_html(data):
        return _html_book(data, settings)
    if suffix in SPREADSHEET_SUFFIXES or data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return _workbook(data, settings)
    raise Refused(
        f"不支持的文件类型「{suffix or file_name}」：请上传 .xlsx、.xls 或 .csv 文件",
        f"unsupported file type '{suffix or file_name}': upload an .xlsx, .xls or .csv file",
    )


def _checked(result: Sheet, settings: Settings) -> Sheet:
    if not any(any(_filled(cell) for cell in row) for row in result.rows):
        raise Refused("文件中没有任何内容", "the file has no content")
    if len(result.rows) > settings.max_rows + 50:  # header, title and footer lines on top of the data rows
        raise Refused(
            f"文件行数（{len(result.rows):,}）超过上限 {settings.max_rows:,} 行",
            f"the file has {len(result.rows):,} rows, more than the limit of {settings.max_rows:,}",
        )
    return result


def _single(sheet: Sheet, settings: Settings) -> Book:
    def read(name: str | None) -> Sheet:
        return _checked(sheet, settings)

    return Book(sheet_names=[], read=read)


def _filled(cell: Any) -> bool:
    return not (cell is None or (isinstance(cell, str) and not cell.strip()))


def _no_sheet(name: str, names: list[str]) -> Refused:
    return Refused(
        f"找不到工作表「{name}」；文件中的工作表：{'、'.join(names)}",
        f"no sheet named '{name}'; the file has: {', '.join(names)}",
    )


def _too_many_cells(where: tuple[str, str], cells: int, settings: Settings, last: str = "") -> Refused:
    hint_zh = f"（最远的单元格在 {last}）" if last else ""
    hint_en = f" (the farthest cell is {last})" if last else ""
    return Refused(
        f"{where[0]}的使用范围过大（约 {cells:,} 个单元格，上限 {settings.max_cells:,}）{hint_zh}：可能有远离表格的"
        "单元格，请删除表格以外多余的行和列后另存再上传",
        f"{where[1]}: the used range is too large (about {cells:,} cells, limit {settings.max_cells:,}){hint_en}; "
        "delete stray cells far from the table, save and upload again",
    )


# --- workbooks --------------------------------------------------------------------------------


def _workbook(data: bytes, settings: Settings) -> Book:
    if data.startswith(OLE_MAGIC) and (ENCRYPTED_STREAM in data or _xls_encrypted(data)):
        raise _encrypted()
    if data.startswith(OLD_BIFF):
        raise Refused(
            "这是旧版 Excel 2.x–4 格式的文件，无法读取：请在 Excel/WPS 中打开并另存为 .xlsx 后再上传",
            "this is an old Excel 2.x–4 file: open it in Excel/WPS and save it as .xlsx, then upload again",
        )
    if not data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise Refused(
            "文件内容不是 Excel 表格（可能只是改了扩展名）：请上传 .xlsx、.xls 或 .csv 文件",
            "the content is not an Excel workbook (perhaps only the extension was changed): upload an .xlsx, .xls or .csv file",
        )
    archive = _zip_guard(data, settings) if data.startswith(ZIP_MAGIC) else None
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
    except calamine.PasswordError as error:
        raise _encrypted() from error
    except Exception as error:  # calamine raises several types for damaged files
        raise _damaged(error) from error
    if not names:
        raise Refused("文件中没有任何工作表（空的工作簿）", "the workbook is empty: it has no sheet")

    def read(name: str | None) -> Sheet:
        if name is not None and name not in names:
            raise _no_sheet(name, names)
        chosen = names[0] if name is None else name
        where = (f"工作表「{chosen}」", f"sheet '{chosen}'")
        if archive is not None:
            _dimension_guard(archive, chosen, where, settings)
        try:
            sheet = book.get_sheet_by_name(chosen)
            end = sheet.end
            cells = (end[0] + 1) * (end[1] + 1) if end else 0
            if cells > settings.max_cells:
                raise _too_many_cells(where, cells, settings, _cell_name(*end))
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or (_ods_merges(archive, chosen) if archive else [])
        except Refused:
            raise
        except Exception as error:
            raise Refused(
                f"无法读取工作表「{chosen}」：{error}", f"cannot read sheet '{chosen}': {error}"
            ) from error
        _fill_merged(rows, merged)
        return _checked(
            Sheet(rows=rows, row_numbers=list(range(1, len(rows) + 1)), sheet_name=chosen, sheet_names=names),
            settings,
        )

    return Book(sheet_names=names, read=read)


def _damaged(error: Exception) -> Refused:
    return Refused(
        "无法读取该表格文件：文件已损坏或不完整（请在 Excel/WPS 中打开后重新另存再上传）",
        f"cannot read this spreadsheet: it is damaged or truncated (open it in Excel/WPS, save again): {error}",
    )


def _zip_guard(data: bytes, settings: Settings) -> zipfile.ZipFile:
    """The zip container of an .xlsx / .ods, refused when it is no spreadsheet, encrypted, or a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _damaged(error) from error
    names = {info.filename for info in infos}
    kind = _office_kind(names, _read_part(archive, "mimetype", 200) if "mimetype" in names else b"")
    if kind:
        raise Refused(
            f"这是{kind[0]}，不是 Excel 表格：请上传 .xlsx、.xls 或 .csv 文件",
            f"this is {kind[1]}, not an Excel workbook: upload an .xlsx, .xls or .csv file",
        )
    if (
        "META-INF/manifest.xml" in names
        and _read_part(archive, "META-INF/manifest.xml", 1 << 20).find(b"encryption-data") >= 0
    ):
        raise _encrypted()  # an .ods with an opening password
    total = sum(info.file_size for info in infos)
    if len(infos) > 10_000 or total > settings.max_uncompressed_mb * MB:
        raise Refused(
            f"文件解压后过大（{total / MB:,.0f} MB，上限 {settings.max_uncompressed_mb:,} MB），无法安全读取"
            "（可能是“压缩炸弹”）：请检查文件，删除多余内容后另存再上传",
            f"the file expands to {total / MB:,.0f} MB (limit {settings.max_uncompressed_mb:,} MB) and cannot be "
            "read safely (a zip bomb?): check the file, remove what is not needed and save again",
        )
    return archive


def _office_kind(names: set[str], mimetype: bytes) -> tuple[str, str] | None:
    """A Word or PowerPoint file, or an OpenDocument text or presentation, as (zh, en) names; else None."""
    if any(name.startswith("word/") for name in names) or mimetype.startswith(
        b"application/vnd.oasis.opendocument.text"
    ):
        return "Word 文档", "a Word document"
    if any(name.startswith("ppt/") for name in names) or mimetype.startswith(
        b"application/vnd.oasis.opendocument.presentation"
    ):
        return "PowerPoint 演示文稿", "a PowerPoint file"
    return None


def _read_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with archive.open(name) as part:
            return part.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return b""


def _dimension_guard(
    archive: zipfile.ZipFile, sheet: str, where: tuple[str, str], settings: Settings
) -> None:
    """Refuse an .xlsx sheet whose declared used range (<dimension ref>) exceeds the cell cap."""
    part = _sheet_part(archive, sheet)
    if part is None:
        return
    found = _DIMENSION.search(_read_part(archive, part, 65_536))
    if not found or not found.group(4):
        return
    last_col = (found.group(3) or found.group(1) or b"A").decode("ascii")
    last_row = int(found.group(4))
    cells = last_row * _column_number(last_col)
    if cells > settings.max_cells:
        raise _too_many_cells(where, cells, settings, f"{last_col}{last_row}")


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip part holding the named sheet of an .xlsx (workbook.xml's r:id through its relations)."""
    workbook = _read_part(archive, "xl/workbook.xml", 4 * MB).decode("utf-8", errors="replace")
    relations = _read_part(archive, "xl/_rels/workbook.xml.rels", 4 * MB).decode("utf-8", errors="replace")
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\b(?:\w+:)?id="([^"]*)"', tag)
        if not name or not rid or html.unescape(name.group(1)) != sheet:
            continue
        for relation in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", relations):
            if re.search(rf'\bId="{re.escape(rid.group(1))}"', relation):
                target = re.search(r'\bTarget="([^"]*)"', relation)
                if target:
                    path = target.group(1)
                    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _cell_name(row: int, col: int) -> str:
    letters, col = "", col + 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _fill_merged(rows: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A merged area's value (its top-left cell) copied into every cell it covers within the grid."""
    for (top, left), (bottom, right) in merged:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if row[c] == "":
                    row[c] = value


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _ods_merges(archive: zipfile.ZipFile, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged areas of an .ods sheet (cells with number-rows/columns-spanned), which calamine does not
    report; positions count repeated rows and columns. Empty for anything but an .ods."""
    if "content.xml" not in archive.namelist():
        return []
    merges: list[tuple[tuple[int, int], tuple[int, int]]] = []
    inside, row, col = False, -1, 0
    try:
        with archive.open("content.xml") as content:
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                tag = element.tag
                if tag == f"{_TABLE}table":
                    if event == "start":
                        inside = element.get(f"{_TABLE}name") == sheet
                    elif inside:
                        break
                elif not inside:
                    if event == "end":
                        element.clear()
                elif tag == f"{_TABLE}table-row" and event == "start":
                    row, col = row + 1, 0
                elif tag == f"{_TABLE}table-row":
                    row += int(element.get(f"{_TABLE}number-rows-repeated", "1")) - 1
                    element.clear()
                elif tag in _ODS_CELLS and event == "start":
                    rows = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
                    cols = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
                    if rows > 1 or cols > 1:
                        merges.append(((row, col), (row + rows - 1, col + cols - 1)))
                    col += int(element.get(f"{_TABLE}number-columns-repeated", "1"))
    except (ElementTree.ParseError, ValueError, OSError, zipfile.BadZipFile, EOFError):
        return merges
    return merges


def _xls_encrypted(data: bytes) -> bool:
    """True for an .xls whose workbook stream starts with a FILEPASS record (an opening password)."""
    start = data.find(b"\x09\x08")  # the BIFF8 BOF of the workbook globals
    while 0 <= start < len(data) - 4:
        length = int.from_bytes(data[start + 2 : start + 4], "little")
        if length in (8, 16) and data[start + 4 : start + 6] in (b"\x00\x06", b"\x00\x05"):
            position = start + 4 + length
            for _ in range(64):  # FILEPASS comes right after the BOF, before any sheet record
                kind = int.from_bytes(data[position : position + 2], "little")
                size = int.from_bytes(data[position + 2 : position + 4], "little")
                if kind == FILEPASS:
                    return True
                if kind in (BOUNDSHEET, 0) or position + 4 + size > len(data):
                    return False
                position += 4 + size
            return False
        start = data.find(b"\x09\x08", start + 2)
    return False


def _encrypted() -> Refused:
    return Refused(
        "文件设置了打开密码（已加密），请在 Excel/WPS 中取消密码后另存再上传",
        "the file is password-protected (encrypted); remove the password in Excel/WPS, save and upload again",
    )


# --- HTML tables --------------------------------------------------------------------------------


def _html_book(data: bytes, settings: Settings) -> Book:
    try:
        tables = html_tables(data, settings.max_cells)
    except TooLarge as error:
        raise _too_many_cells(
            ("网页中的表格", "the tables of the page"), settings.max_cells, settings
        ) from error
    if not tables:
        raise Refused(
            "文件是网页（HTML），但其中没有表格：请从系统中重新导出 Excel 文件",
            "the file is a web page (HTML) with no table in it: export the Excel file from the system again",
        )
    names = [f"表格{n}" for n in range(1, len(tables) + 1)]

    def read(name: str | None) -> Sheet:
        if name is not None and name not in names:
            raise _no_sheet(name, names)
        chosen = names[0] if name is None else name
        rows = tables[names.index(chosen)]
        return _checked(
            Sheet(rows=rows, row_numbers=list(range(1, len(rows) + 1)), sheet_name=chosen, sheet_names=names),
            settings,
        )

    return Book(sheet_names=names, read=read)


# --- CSV ----------------------------------------------------------------------------------------


def _read_csv(data: bytes, field_limit: int) -> Sheet:
    """The records of a CSV; no field limit below the file size (a long cell rejects its row later).

    A few NUL bytes are text damage (the cells lose them later); many are a binary file."""
    csv.field_size_limit(max(csv.field_size_limit(), field_limit))
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    head = data[:4096]
    if not utf16 and (head.count(0) > len(head) // 100 or data.startswith((ZIP_MAGIC, OLE_MAGIC))):
        raise Refused("这不是文本格式的 CSV 文件", "this is not a text CSV file")
    text = _decode(data, utf16)
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


def _decode(data: bytes, utf16: bool) -> str:
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(
        "无法识别文件的文字编码（应为 UTF-8、带 BOM 的 UTF-16 或 GBK）",
        "cannot tell the text encoding (UTF-8, UTF-16 with BOM or GBK expected)",
    )
