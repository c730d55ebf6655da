"""Downloads: CSV that Excel opens with Chinese intact (UTF-8 with BOM) and .xlsx."""

from __future__ import annotations

import io

import pandas as pd


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    return xlsx_sheets({sheet: frame})


def xlsx_sheets(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook of one sheet per frame, in order."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
            worksheet = writer.sheets[sheet[:31]]
            for position, column in enumerate(frame.columns):
                width = (
                    max(len(str(column)), *(len(str(v)) for v in frame[column].head(200)))
                    if len(frame)
                    else len(str(column))
                )
                worksheet.set_column(position, position, min(40, width * 1.6 + 2))
    return buffer.getvalue()
