"""Downloads: CSV that Excel opens with Chinese intact (UTF-8 with BOM) and .xlsx — both inert.

Cells come from ledgers, so a name like `=HYPERLINK("http://…")` must stay text. In .xlsx every string is
written as a string cell (no formula or link conversion). In CSV, which has no cell types, a text cell
starting with = + - @, tab or CR gets a leading `'` (OWASP's advice against CSV injection); plain numbers
such as `-3.5` or `+12%` stay as they are.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

# xlsxwriter would otherwise turn "=…" into a formula and "http://…" into a link.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?%?", re.IGNORECASE)


def inert(value: Any) -> Any:
    """A CSV cell that no spreadsheet will evaluate: text starting like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell and column name passed through `inert` (numbers untouched)."""
    safe = frame.copy()
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        safe[column] = safe[column].map(inert)
    return safe.set_axis([inert(str(c)) for c in frame.columns], axis=1)


def csv_text(frame: pd.DataFrame, **options: Any) -> str:
    """CRLF line ends by default (RFC 4180, as Excel writes): a cell holding a CR is then quoted too."""
    return inert_frame(frame).to_csv(index=False, **{"lineterminator": "\r\n", **options})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return csv_text(frame).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    return xlsx_sheets({sheet: frame})


def xlsx_sheets(
    sheets: dict[str, pd.DataFrame], formats: dict[str, dict[tuple[str, int], str]] | None = None
) -> bytes:
    """A workbook of one sheet per frame, in order. `formats[sheet]` gives number formats by
    ("column", position) or ("row", sheet row, the header being row 0)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
            worksheet = writer.sheets[sheet[:31]]
            numbers = {
                place: writer.book.add_format({"num_format": code})
                for place, code in (formats or {}).get(sheet, {}).items()
            }
            for position, column in enumerate(frame.columns):
                width = (
                    max(len(str(column)), *(len(str(v)) for v in frame[column].head(200)))
                    if len(frame)
                    else len(str(column))
                )
                worksheet.set_column(
                    position, position, min(40, width * 1.6 + 2), numbers.get(("column", position))
                )
            for (axis, row), number in numbers.items():
                if axis == "row":
                    worksheet.set_row(row, None, number)
    return buffer.getvalue()
