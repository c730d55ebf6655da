"""Files as they arrive from outside: crafted ones (far-corner cells, bombs, no sheet), encrypted and
old-format ones, and the layouts other programs write (.ods, HTML "xls"). Made at test time, tiny."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

import xlsxwriter

from tests.intake_files import fixture_file

ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def rezip(data: bytes, edit) -> bytes:
    """The zip `data` with each part passed through edit(name, bytes) -> bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, edit(info.filename, source.read(info.filename)))
    return out.getvalue()


def far_corner_xlsx(declared: bool = True) -> bytes:
    """A 6 KB .xlsx: a header, one data row, and one stray cell at XFD1048576 (the sheet's last cell).

    `declared=False` also removes the <dimension> element, as a crafted file would, so only the reading
    library's own allocation (hundreds of GB) meets the file.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("走访")
    for col, text in enumerate(("走访日期", "统一社会信用代码", "走访人")):
        sheet.write_string(0, col, text)
    for col, text in enumerate(("2021-06-08", "914406050000000019", "张敏")):
        sheet.write_string(1, col, text)
    sheet.write_string(1_048_575, 16_383, "x")
    book.close()
    data = buffer.getvalue()
    if declared:
        return data
    return rezip(
        data, lambda name, part: re.sub(rb"<dimension[^>]*/>", b"", part) if "worksheets" in name else part
    )


def big_cell_xlsx(characters: int) -> bytes:
    """A visits .xlsx whose 走访内容 holds one cell of `characters` characters (compresses to almost nothing)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for col, text in enumerate(("走访日期", "统一社会信用代码", "走访人", "走访内容")):
        sheet.write_string(0, col, text)
    for col, text in enumerate(("2021-06-08", "914406050000000019", "张敏", "PLACEHOLDER")):
        sheet.write_string(1, col, text)
    book.close()
    # xlsxwriter (like Excel) cuts strings at 32,767 characters: put the long one in the XML itself
    long_text = ("重" * characters).encode()
    return rezip(buffer.getvalue(), lambda name, part: part.replace(b"PLACEHOLDER", long_text))


def no_sheet_xlsx() -> bytes:
    """An .xlsx whose workbook lists no sheet at all."""
    data = fixture_file("visits.csv", "xlsx")[0]
    return rezip(data, lambda name, part: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", part) if name == "xl/workbook.xml" else part)  # fmt: skip


def encrypted_xls() -> bytes:
    """An .xls with an opening password: a FILEPASS record right after the workbook's BOF, as Excel
    writes it (the record after xlwt's BOF is given FILEPASS's type; nothing behind it is read)."""
    data = bytearray(fixture_file("visits.csv", "xls")[0])
    bof = data.find(b"\x09\x08\x10\x00\x00\x06")
    data[bof + 20 : bof + 22] = b"\x2f\x00"
    return bytes(data)


def old_biff(version: int) -> bytes:
    """The start of an Excel 2.x / 3 / 4 file: a bare BIFF stream (no OLE container), BOF then EOF."""
    bof = {2: b"\x09\x00\x04\x00\x02\x00\x10\x00", 3: b"\x09\x02\x06\x00\x00\x00\x10\x00\x00\x00",
           4: b"\x09\x04\x06\x00\x00\x00\x10\x00\x00\x00"}[version]  # fmt: skip
    return bof + b"\x0a\x00\x00\x00"


def ods_bytes(
    rows: Sequence[Sequence[str]],
    spans: dict[tuple[int, int], tuple[int, int]] | None = None,
    encrypted: bool = False,
    sheet: str = "Sheet1",
) -> bytes:
    """A minimal OpenDocument spreadsheet of text cells; `spans` maps (row, col) -> (rows, cols) merged,
    the cells it covers written as covered-table-cell, as LibreOffice does."""
    spans = spans or {}
    covered = {
        (r, c)
        for (top, left), (height, width) in spans.items()
        for r in range(top, top + height)
        for c in range(left, left + width)
        if (r, c) != (top, left)
    }
    lines = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            height, width = spans.get((r, c), (1, 1))
            span = (
                f' table:number-rows-spanned="{height}" table:number-columns-spanned="{width}"'
                if (r, c) in spans
                else ""
            )
            cells.append(
                f'<table:table-cell office:value-type="string"{span}><text:p>{escape(value)}</text:p></table:table-cell>'
                if value
                else "<table:table-cell/>"
            )
        lines.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{"".join(lines)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
        if encrypted
        else ""
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}'
        "</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIME)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", b"\x8f\x12garbled" * 50 if encrypted else content.encode())
    return out.getvalue()


def html_xls(body: str, charset: str = "utf-8") -> bytes:
    """An "Excel" export that is an HTML page, as government systems write it (<meta charset>)."""
    page = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
        f"<body>{body}</body></html>"
    )
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


# --- what a reading library may do to its process (run in the sandbox's child) ------------------


def abort() -> None:
    import os

    os.abort()


def segfault() -> None:
    import ctypes

    ctypes.string_at(0)


def exhaust_memory() -> bytes:
    return b"x" * (64 * 1024**3)


def run_forever() -> None:
    while True:
        pass


def fail() -> None:
    raise ValueError("a bug in a reader")


def shout_and_exit() -> None:
    import os
    import sys

    print("Traceback (most recent call last): a library's last words", file=sys.stderr, flush=True)
    os._exit(3)


def answer(value: int) -> int:
    return value * 2


def fail_with_refusal() -> None:
    from analytics.intake.reading import Refused

    raise Refused("不行", "no")
