"""HTML tables, as many government systems export "Excel" files: an HTML page saved under an .xls name.

Each <table> becomes a grid of text cells; `rowspan` / `colspan` are expanded so that a merged cell gives
its value to every cell it covers, as merged cells do in a workbook. Spans and the grid are capped so a
crafted page cannot expand into an unbounded grid.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

MAX_SPAN = 1000  # no real ledger merges more rows or columns than this
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_BLOCK_TAGS = {"br", "p", "div", "li"}


class TooLarge(Exception):
    """The tables expand to more cells than allowed."""


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<!doctype html" in head):
        return True
    return head.startswith(b"<?xml") and b"<html" in head


def decode_html(data: bytes) -> str:
    """The page's text: a BOM, else UTF-8, else the charset its <meta> declares, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in {"gb2312", "gbk", "gb18030"} else name
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    return data.decode("gb18030", errors="replace")


class _Tables(HTMLParser):
    def __init__(self, max_cells: int) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.max_cells = max_cells
        self.cells = 0
        self._stack: list[dict] = []  # open tables (a nested table is a table of its own)

    # a table under construction: rows of (text, rowspan, colspan), the open row and cell
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append({"rows": [], "row": None, "cell": None})
            return
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "tr":
            self._close_row(table)
            table["row"] = []
        elif tag in ("td", "th"):
            self._close_cell(table)
            if table["row"] is None:
                table["row"] = []
            values = dict(attrs)
            table["cell"] = {
                "text": [],
                "rows": _span(values.get("rowspan")),
                "cols": _span(values.get("colspan")),
            }
        elif tag in _BLOCK_TAGS and table["cell"] is not None:
            table["cell"]["text"].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        table = self._stack[-1]
        if tag in ("td", "th"):
            self._close_cell(table)
        elif tag == "tr":
            self._close_row(table)
        elif tag == "table":
            self._close_row(table)
            self._stack.pop()
            self.tables.append(self._expand(table["rows"]))

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"]["text"].append(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self.handle_endtag("table")

    def _close_cell(self, table: dict) -> None:
        cell = table["cell"]
        if cell is None:
            return
        text = "".join(cell["text"])
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        table["row"].append((text, cell["rows"], cell["cols"]))
        table["cell"] = None

    def _close_row(self, table: dict) -> None:
        self._close_cell(table)
        if table["row"] is not None:
            table["rows"].append(table["row"])
            table["row"] = None

    def _expand(self, rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
        """Rows of spanned cells as a rectangular grid, each covered position holding the cell's text."""
        grid: list[list[str]] = []
        carried: dict[tuple[int, int], str] = {}  # (row, col) filled by a rowspan from above
        for r, cells in enumerate(rows):
            line: list[str] = []
            col = 0
            for text, rowspan, colspan in cells:
                while (r, col) in carried:
                    line.append(carried.pop((r, col)))
                    col += 1
                for c in range(col, col + colspan):
                    line.append(text)
                    for below in range(r + 1, r + rowspan):
                        carried[(below, c)] = text
                col += colspan
                self._count(colspan * rowspan)
            while (r, col) in carried:
                line.append(carried.pop((r, col)))
                col += 1
            grid.append(line)
        # a rowspan reaching past the last <tr> is cut there, like a merged area below a sheet's data
        width = max((len(line) for line in grid), default=0)
        return [line + [""] * (width - len(line)) for line in grid]

    def _count(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.max_cells:
            raise TooLarge


def _span(value: str | None) -> int:
    try:
        return min(max(int(str(value).strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def html_tables(data: bytes, max_cells: int) -> list[list[list[str]]]:
    """Every table of the page (outer tables after the tables nested in them), as grids of text."""
    parser = _Tables(max_cells)
    parser.feed(decode_html(data))
    parser.close()
    return [table for table in parser.tables if any(any(cell for cell in row) for row in table)]
