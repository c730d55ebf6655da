"""Finding the header row, mapping its cells to dataset columns, and telling which dataset a file is.

Header matching ignores surrounding spaces, full-/half-width differences, a trailing unit in brackets
(`产值（万元）` is `产值` with unit 万元) and a trailing `*`. Title rows, a 填报单位 line and blank
rows above the header are passed over; a two-level header (a merged parent cell above its children)
reads each column from the lowest non-empty header cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from analytics.i18n import LANGS, t
from analytics.intake.reading import Refused, Sheet
from analytics.intake.spec import DATASETS, Dataset

SCAN_ROWS = 30
MONEY_UNITS = {"元": 1e-4, "千元": 1e-1, "万元": 1.0, "亿元": 1e4}  # factor to 万元
_UNIT_SUFFIX = re.compile(r"^(?P<name>.+?)\((?P<unit>[^()]*)\)$")
_UNIT_LINE = re.compile(r"单位[:：]?\s*(?P<unit>亿元|万元|千元|元)")
MONEY_COLUMNS = ("output_wan", "revenue_wan")  # amounts converted to 万元 (money_factor)


def normalise_header(raw: Any) -> tuple[str, str | None]:
    """(name, unit) of a header cell: NFKC, no whitespace, no trailing '*', unit split off."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw or ""))).strip("*")
    text = text.replace("[", "(").replace("]", ")")
    match = _UNIT_SUFFIX.match(text)
    if match:
        return match["name"].strip("*"), match["unit"]
    return text, None


def header_key(raw: Any) -> str:
    return normalise_header(raw)[0].casefold()


@dataclass
class HeaderMatch:
    dataset: Dataset
    row: int  # index into sheet.rows of the (lowest) header row
    columns: dict[int, str]  # cell index -> column name
    headers: dict[int, str]  # cell index -> header text as written, for every non-empty header cell
    units: dict[str, str] = field(default_factory=dict)  # column name -> unit in its header
    sheet_unit: str | None = None  # from a 单位：万元 line above the header
    unrecognised: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def present(self) -> set[str]:
        return set(self.columns.values())

    def header_of(self, column: str) -> str:
        """The header text the file uses for `column` (else the canonical header)."""
        for index, name in self.columns.items():
            if name == column:
                return self.headers[index]
        return self.dataset.column(column).header

    def report_headers(self) -> dict[int, str]:
        """The headers as the raw cells are kept (previews, error reports, the history's rejected rows): as
        written, but an amount whose unit comes from a 单位 line above the header gets that unit in its own
        header — a report has no such line, and uploaded again it must read the same amounts."""
        return {
            j: f"{text}（{self.sheet_unit}）"
            if self.sheet_unit and self.columns.get(j) in MONEY_COLUMNS and self.columns[j] not in self.units
            else text
            for j, text in self.headers.items()
        }


def _index(dataset: Dataset, remembered: dict[str, str]) -> dict[str, str]:
    index = {header_key(header): column.name for column in dataset.columns for header in column.headers}
    index.update({key.casefold(): name for key, name in remembered.items()})
    return index


def _header_cells(rows: list[list[Any]], i: int) -> list[Any]:
    """Row i's cells, a blank one taking the cell above it when that row looks like a header too."""
    cells = list(rows[i])
    if i == 0:
        return cells
    above = rows[i - 1]
    if len({str(cell).strip() for cell in above} - {""}) < 2:  # a title line (maybe merged), no parent header
        return cells
    width = max(len(cells), len(above))
    cells += [""] * (width - len(cells))
    return [
        cell if str(cell).strip() else (above[j] if j < len(above) else "") for j, cell in enumerate(cells)
    ]


def _match_row(cells: list[Any], index: dict[str, str]) -> dict[int, str]:
    matched: dict[int, str] = {}
    for j, cell in enumerate(cells):
        name = index.get(header_key(cell)) if str(cell).strip() else None
        if name and name not in matched.values():
            matched[j] = name
    return matched


def _best_row(sheet: Sheet, index: dict[str, str]) -> tuple[int, dict[int, str]]:
    best = (-1, {})
    for i in range(min(SCAN_ROWS, len(sheet.rows))):
        matched = _match_row(_header_cells(sheet.rows, i), index)
        if len(matched) > len(best[1]):
            best = (i, matched)
    return best


def missing_columns(dataset: Dataset, present: set[str], uploader_center: str | None) -> list[str]:
    """Canonical headers of the required columns the file lacks."""
    missing = [c.header for c in dataset.required if c.name not in present]
    if dataset.by_enterprise and not present & {"uscc", "name"}:
        missing.append("统一社会信用代码 或 企业名称")
    if dataset.name == "activities" and "center" not in present and not uploader_center:
        missing.append("服务中心（或上传时选择服务中心）")
    return missing


def match_headers(
    sheet: Sheet,
    dataset_name: str | None,
    remembered: dict[str, dict[str, str]],
    uploader_center: str | None = None,
) -> HeaderMatch:
    """Find the header row for the named dataset, or the dataset whose headers fit best.

    `remembered`: per dataset, normalised header -> column name learned from this center's earlier files.
    """
    candidates = [DATASETS[dataset_name]] if dataset_name else list(DATASETS.values())
    scored = []
    for dataset in candidates:
        row, matched = _best_row(sheet, _index(dataset, remembered.get(dataset.name, {})))
        complete = not missing_columns(dataset, set(matched.values()), uploader_center)
        scored.append((complete, len(matched), dataset, row, matched))
    _complete, count, dataset, row, matched = max(scored, key=lambda s: (s[0], s[1]))
    if count == 0:
        raise Refused(
            "找不到表头：前 30 行中没有可识别的列名（请对照模板）",
            "no header found: none of the first 30 rows has a recognised column name (compare with the template)",
        )
    return _build(sheet, dataset, row, matched, _index(dataset, remembered.get(dataset.name, {})))


# The columns our own error report adds (原行号, 问题): a report re-uploaded after fixing is read without them.
REPORT_COLUMNS = frozenset(t(key, lang) for key in ("report.row", "report.problem") for lang in LANGS)


def _build(
    sheet: Sheet, dataset: Dataset, row: int, matched: dict[int, str], index: dict[str, str]
) -> HeaderMatch:
    cells = _header_cells(sheet.rows, row)
    headers = {
        j: str(cell).strip()
        for j, cell in enumerate(cells)
        if str(cell).strip() and (j in matched or str(cell).strip() not in REPORT_COLUMNS)
    }
    names = {name: j for j, name in matched.items()}
    match = HeaderMatch(dataset=dataset, row=row, columns=matched, headers=headers)
    for j, text in headers.items():
        if j in matched:
            unit = normalise_header(text)[1]
            if unit:
                match.units[matched[j]] = unit
        elif index.get(header_key(text)) in names:
            match.duplicates.append(text)
        else:
            match.unrecognised.append(text)
    for above in sheet.rows[:row]:
        for cell in above:
            found = _UNIT_LINE.search(unicodedata.normalize("NFKC", str(cell)))
            if found:
                match.sheet_unit = found["unit"]
    return match


def money_factor(match: HeaderMatch, column: str) -> float:
    """Factor converting the column's amounts to 万元 (header unit, else the sheet's 单位 line, else 万元)."""
    unit = match.units.get(column) or match.sheet_unit or "万元"
    if unit not in MONEY_UNITS:
        raise Refused(
            f"「{match.header_of(column)}」的单位「{unit}」无法识别（可用：元、千元、万元、亿元）",
            f"unknown unit '{unit}' in '{match.header_of(column)}' (use 元, 千元, 万元 or 亿元)",
        )
    return MONEY_UNITS[unit]
