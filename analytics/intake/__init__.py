"""Spreadsheet intake: read, validate and preview a ledger, then commit it as one batch (or undo one).

plan = plan_import(con, data, "诉求台账.xlsx", dataset="tickets", center="长虹岭", user="李娜")
plan.counts, plan.problems           # what would happen; nothing written yet
batch_id = commit_import(con, plan)  # one transaction
undo(con, batch_id)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from analytics.i18n import Lang, t
from analytics.intake import dependencies, mappings, store, writer
from analytics.intake.cells import Problem, show
from analytics.intake.headers import HeaderMatch, match_headers, missing_columns
from analytics.intake.reading import Refused, Sheet, read_sheet
from analytics.intake.spec import DATASETS, Dataset
from analytics.intake.store import BatchInfo, Counts, classify, commit
from analytics.intake.validate import Validation, load_registry, validate
from analytics.settings import Settings, load_settings

__all__ = ["DATASETS", "ImportPlan", "MissingColumns", "Refused", "commit_import", "plan_import", "undo"]


class MissingColumns(Refused):
    """Refused for lacking required columns; carries the header match so a user can map headers."""

    def __init__(self, zh: str, en: str, match: HeaderMatch, missing: list[str]) -> None:
        super().__init__(zh, en)
        self.match = match
        self.missing = missing


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    center: str | None
    user: str | None
    sheet: Sheet
    match: HeaderMatch
    validation: Validation
    counts: Counts
    imported_as: int | None = None  # the batch in force that already holds this very file

    @property
    def dataset(self) -> Dataset:
        return self.match.dataset

    @property
    def rejected(self) -> int:
        return len(self.validation.rejected_rows)

    def problems(self) -> pd.DataFrame:
        """Every problem of a rejected row, with that row's raw cells as JSON (for reports and storage)."""
        problems = self.validation.problems
        raw = self.validation.raw
        as_json = {
            row: json.dumps({str(k): show(v) for k, v in raw.loc[row].items() if show(v)}, ensure_ascii=False)
            for row in self.validation.rejected_rows
        }
        return problems.assign(raw_values=problems["row"].map(as_json))

    def rejected_rows(self, lang: Lang) -> pd.DataFrame:
        """The rejected rows as the clerk wrote them plus a reason column: the downloadable error report."""
        rows = self.validation.rejected_rows
        raw = self.validation.raw.loc[rows].map(show)
        messages = self.validation.problems.assign(
            text=lambda f: (
                f["column"].fillna("").map(lambda c: f"{c}：" if c else "")
                + (f["message_zh"] if lang == "zh" else f["message_en"])
            )
        )
        reasons = messages.groupby("row")["text"].agg("；".join)
        report = raw.assign(**{t("report.problem", lang): reasons.reindex(rows).to_numpy()})
        report.insert(0, t("report.row", lang), rows)
        return report.reset_index(drop=True)

    def report(self, batch_id: int | None, counts: Counts | None = None) -> dict[str, Any]:
        """The CLI's JSON object for this file."""
        counts = counts or self.counts
        problems = self.validation.problems
        return {
            "file": self.file_name,
            "dataset": self.dataset.name,
            "batch_id": batch_id,
            "rows_read": self.validation.rows_read,
            "inserted": counts.inserted,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": self.rejected,
            "warnings": [w.text() for w in self.warnings()],
            "errors": [
                {"row": int(p.row), "column": p.column, "message": f"{p.message_zh} / {p.message_en}"}
                for p in problems.itertuples()
            ],
            "unknown_enterprises": self.validation.unknown_enterprises,
        }

    def column_mapping(self, lang: Lang) -> pd.DataFrame:
        """How the file's headers were read: header as written -> dataset column."""
        rows = [
            (self.match.headers[i], self.dataset.column(name).label(lang))
            for i, name in self.match.columns.items()
        ]
        return pd.DataFrame(rows, columns=[t("report.header", lang), t("report.field", lang)])

    def preview(self, rows: int = 10) -> pd.DataFrame:
        """The first data rows as read (raw cells under the file's headers)."""
        return self.validation.raw.head(rows).map(show)

    def warnings(self) -> list[Problem]:
        notes = list(self.validation.warnings)
        if self.imported_as is not None:
            notes.insert(0, writer.already_imported(self.imported_as).problem)
        if self.match.unrecognised:
            listed = "、".join(self.match.unrecognised)
            notes.append(
                Problem(f"未识别的列（已忽略）：{listed}", f"unrecognised columns (ignored): {listed}")
            )
        if self.match.duplicates:
            listed = "、".join(self.match.duplicates)
            notes.append(
                Problem(
                    f"重复的列（只读取了第一列）：{listed}",
                    f"repeated columns (only the first is read): {listed}",
                )
            )
        return notes


def plan_import(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    dataset: str | None = None,
    center: str | None = None,
    user: str | None = None,
    sheet: str | None = None,
    settings: Settings | None = None,
    preview: bool = True,
) -> ImportPlan:
    """Read and validate a file and count what committing it would do. Raises Refused for a bad file.

    `preview=False` skips counting inserts / updates (commit counts them in its transaction).
    """
    settings = settings or load_settings()
    grid = read_sheet(data, file_name, settings, sheet)
    sha256 = hashlib.sha256(data).hexdigest()
    remembered = mappings.remembered(con, center)
    try:
        match = match_headers(grid, dataset, remembered, center)
    except Refused as refusal:
        raise _suggest_dataset(grid, dataset, remembered, center) or refusal from None
    missing = missing_columns(match.dataset, match.present, center)
    if missing:
        raise _missing_columns(grid, match, missing, remembered, center)
    validation = validate(grid, match, load_registry(con), settings, center)
    if len(validation.raw) > settings.max_rows:
        raise Refused(
            f"数据行数（{len(validation.raw):,}）超过上限 {settings.max_rows:,}",
            f"{len(validation.raw):,} data rows exceed the limit of {settings.max_rows:,}",
        )
    counts = classify(con, match.dataset, validation.rows, validation.present) if preview else Counts(0, 0, 0)
    return ImportPlan(
        file_name=file_name,
        sha256=sha256,
        center=center,
        user=user,
        sheet=grid,
        match=match,
        validation=validation,
        counts=counts,
        imported_as=writer.imported_as(con, sha256, match.dataset.name, center),
    )


def _missing_columns(
    grid: Sheet, match: HeaderMatch, missing: list[str], remembered: dict, center: str | None
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


def _suggest_dataset(grid: Sheet, chosen: str | None, remembered: dict, center: str | None) -> Refused | None:
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


def commit_import(con: duckdb.DuckDBPyConnection, plan: ImportPlan) -> tuple[int, Counts]:
    """Write the plan's valid rows, its rejects and the batch record in one transaction, after any
    other write of the process; refused when the same file went in meanwhile."""
    info = BatchInfo(
        file_name=plan.file_name,
        sha256=plan.sha256,
        dataset=plan.dataset.name,
        center=plan.center,
        user=plan.user,
        rows_read=plan.validation.rows_read,
    )
    with writer.serialised():
        batch = writer.imported_as(con, plan.sha256, plan.dataset.name, plan.center)
        if batch is not None:
            raise writer.already_imported(batch)
        return commit(con, plan.dataset, plan.validation.rows, plan.validation.present, plan.problems(), info)


def undo(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    """Undo a batch (see store.undo), after any other write of the process; refused when rows of other
    batches refer to centers, parks or enterprises it added."""
    with writer.serialised():
        dependencies.refuse_if_depended_on(con, batch_id)
        return store.undo(con, batch_id)
