"""Everything done with an untrusted file before the database is involved: read, find the sheet and its
header, validate. Pure (no database); run in the reading child process by `plan_import` (sandbox.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.intake import scope
from analytics.intake.headers import HeaderMatch, match_headers, missing_columns
from analytics.intake.reading import Book, Refused, Sheet, open_book
from analytics.intake.spec import DATASETS
from analytics.intake.validate import Registry, Validation, validate
from analytics.settings import Settings

Remembered = dict[str, dict[str, str]]


class MissingColumns(Refused):
    """Refused for lacking required columns; carries the header match so a user can map headers."""

    def __init__(self, zh: str, en: str, match: HeaderMatch, missing: list[str]) -> None:
        super().__init__(zh, en)
        self.match = match
        self.missing = missing


@dataclass
class Prepared:
    sheet_name: str | None
    sheet_names: list[str]
    header_row: int  # the header's row number as the clerk sees it
    match: HeaderMatch
    validation: Validation  # raw cells kept for the preview and the reported rejected rows only


def prepare(
    data: bytes,
    file_name: str,
    dataset: str | None,
    center: str | None,
    sheet: str | None,
    remembered: Remembered,
    registry: Registry,
    settings: Settings,
    own_center: str | None = None,
) -> Prepared:
    """Read and validate a file. Raises Refused (MissingColumns) for a file refused as a whole.

    `own_center`: the uploading center head's center; accepted rows naming another center are rejected.
    """
    book = open_book(data, file_name, settings)
    grid, match = _choose_sheet(book, sheet, dataset, remembered, center)
    missing = missing_columns(match.dataset, match.present, center)
    if missing:
        raise _missing_columns(grid, match, missing, remembered, center)
    validation = validate(grid, match, registry, settings, center)
    if own_center:
        validation = scope.restrict(validation, match, registry, own_center)
    if len(validation.raw) > settings.max_rows:
        raise Refused(
            f"数据行数（{len(validation.raw):,}）超过上限 {settings.max_rows:,}",
            f"{len(validation.raw):,} data rows exceed the limit of {settings.max_rows:,}",
        )
    return Prepared(
        sheet_name=grid.sheet_name,
        sheet_names=grid.sheet_names,
        header_row=grid.row_numbers[match.row],
        match=match,
        validation=validation.reported(settings.max_reported_rejects),
    )


def _choose_sheet(
    book: Book, sheet: str | None, dataset: str | None, remembered: Remembered, center: str | None
) -> tuple[Sheet, HeaderMatch]:
    """The named sheet, else the first whose header is complete for the dataset, else the first with a
    recognisable header at all (a leading 填写说明 sheet is passed over)."""
    if sheet is not None or len(book.sheet_names) < 2:
        grid = book.read(sheet)
        return grid, _match(grid, dataset, remembered, center)
    first_refusal: Refused | None = None
    partial: tuple[Sheet, HeaderMatch] | None = None
    for name in book.sheet_names:
        try:
            grid = book.read(name)
            match = _match(grid, dataset, remembered, center)
        except Refused as refusal:
            first_refusal = first_refusal or refusal
            continue
        if not missing_columns(match.dataset, match.present, center):
            return grid, match
        partial = partial or (grid, match)
    if partial:
        return partial
    assert first_refusal is not None
    raise first_refusal


def _match(grid: Sheet, dataset: str | None, remembered: Remembered, center: str | None) -> HeaderMatch:
    try:
        return match_headers(grid, dataset, remembered, center)
    except Refused as refusal:
        raise _suggest_dataset(grid, dataset, remembered, center) or refusal from None


def _missing_columns(
    grid: Sheet, match: HeaderMatch, missing: list[str], remembered: Remembered, center: str | None
) -> MissingColumns:
    dataset = match.dataset
    listed = "、".join(missing)
    zh, en = (
        f"「{dataset.title_zh}」缺少必需的列：{listed}",
        f"{dataset.title_en}: required columns missing: {listed}",
    )
    try:
        likely = match_headers(grid, None, remembered, center)
    except Refused:
        likely = None
    if likely and likely.dataset != dataset and not missing_columns(likely.dataset, likely.present, center):
        zh += f"。这个文件看起来是「{likely.dataset.title_zh}」，请选择正确的数据类型"
        en += f". This file looks like {likely.dataset.title_en}: choose that dataset"
    return MissingColumns(zh, en, match, missing)


def _suggest_dataset(
    grid: Sheet, chosen: str | None, remembered: Remembered, center: str | None
) -> Refused | None:
    """When the chosen dataset's headers are nowhere to be found, name the dataset the file looks like."""
    if chosen is None:
        return None
    try:
        likely = match_headers(grid, None, remembered, center)
    except Refused:
        return None
    if likely.dataset.name == chosen or missing_columns(likely.dataset, likely.present, center):
        return None
    title = DATASETS[chosen]
    return Refused(
        f"文件中没有「{title.title_zh}」的列名。这个文件看起来是「{likely.dataset.title_zh}」，请选择正确的数据类型",
        f"the file has none of the {title.title_en} columns. It looks like {likely.dataset.title_en}: choose that dataset",
    )
