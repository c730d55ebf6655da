"""Spreadsheet intake: read, validate and preview a ledger, then commit it as one batch (or undo one).

plan = plan_import(con, data, "诉求台账.xlsx", dataset="tickets", center="长虹岭", principal=who)
plan.counts, plan.problems           # what would happen; nothing written yet
batch_id = commit_import(con, plan)  # one transaction, audited
undo(con, batch_id, who)

`who` is the acting analytics.auth.Principal: its role must allow importing for the center (a center head:
only their own, and rows of the file naming another center are rejected) and it is recorded with the batch.
The file itself is read and validated in a child process (sandbox.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from analytics.auth import audit
from analytics.auth.permissions import Principal, require
from analytics.exports import xlsx_sheets
from analytics.i18n import Lang, t
from analytics.intake import dependencies, mappings, rejects, store, writer
from analytics.intake.cells import Problem, show
from analytics.intake.headers import HeaderMatch
from analytics.intake.prepare import MissingColumns, prepare
from analytics.intake.reading import Refused
from analytics.intake.sandbox import Limits, run, unexpected
from analytics.intake.spec import DATASETS, Dataset
from analytics.intake.store import BatchInfo, Counts, Undone, classify, commit
from analytics.intake.validate import Validation, load_registry
from analytics.settings import Settings, load_settings

__all__ = [
    "DATASETS",
    "ImportPlan",
    "MissingColumns",
    "Refused",
    "Undone",
    "commit_import",
    "plan_import",
    "undo",
    "unexpected",
]


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    center: str | None
    principal: Principal
    sheet_name: str | None  # the sheet read (None for a CSV)
    sheet_names: list[str]
    sheet_requested: bool
    header_row: int  # the header's row number as the clerk sees it
    match: HeaderMatch
    validation: Validation
    counts: Counts
    imported_as: int | None = None  # the batch in force that already holds this very file

    @property
    def dataset(self) -> Dataset:
        return self.match.dataset

    @property
    def rejected(self) -> int:
        return self.validation.rejected_count

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
        raw = self.validation.raw.loc[self.validation.rejected_rows].map(show)
        return rejects.report(raw, self.validation.problems, lang)

    def error_report(self, lang: Lang) -> bytes:
        """The downloadable error report: the rejected rows (fix them and upload the sheet again), then the
        warnings about rows that were kept."""
        warnings = pd.DataFrame(
            {t("report.warning", lang): [w.zh if lang == "zh" else w.en for w in self.warnings()]}
        )
        return xlsx_sheets(
            {
                t("report.rejects_sheet", lang): self.rejected_rows(lang),
                t("report.warnings_sheet", lang): warnings,
            }
        )

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
        if self.sheet_names and self.sheet_name != self.sheet_names[0] and not self.sheet_requested:
            notes.insert(
                0,
                Problem(
                    f"已读取工作表「{self.sheet_name}」：前面的工作表中没有可识别的表头",
                    f"read sheet '{self.sheet_name}': the sheets before it have no recognisable header",
                ),
            )
        unlisted = self.validation.rejected_count - len(self.validation.rejected_rows)
        if unlisted:
            notes.append(
                Problem(
                    f"另有 {unlisted:,} 行被拒绝的行未逐行列出（只列出前 {len(self.validation.rejected_rows):,} 行）；"
                    "请先改正已列出的问题再重新上传",
                    f"{unlisted:,} more rejected rows are not listed (only the first "
                    f"{len(self.validation.rejected_rows):,} are); fix those listed and upload again",
                )
            )
        unknown = self.validation.unknown_count - len(self.validation.unknown_enterprises)
        if unknown:
            notes.append(
                Problem(
                    f"另有 {unknown:,} 家不在名录中的企业未列出",
                    f"{unknown:,} more unknown enterprises not listed",
                )
            )
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
    sheet: str | None = None,
    settings: Settings | None = None,
    preview: bool = True,
    *,
    principal: Principal,
) -> ImportPlan:
    """Read and validate a file and count what committing it would do. Raises Refused for a bad file,
    Forbidden when `principal` may not import for `center`.

    The file is read and validated in a child process (sandbox.py): a file that crashes, exhausts or
    outlasts it is refused as unreadable. `preview=False` skips counting inserts / updates (commit counts
    them in its transaction).
    """
    require(principal, "import", center)
    settings = settings or load_settings()
    own_center = center if principal.role == "center_head" else None  # rows of other centers are rejected
    sha256 = hashlib.sha256(data).hexdigest()
    prepared = run(
        prepare,
        (
            data,
            file_name,
            dataset,
            center,
            sheet,
            mappings.remembered(con, center),
            load_registry(con),
            settings,
            own_center,
        ),
        Limits(settings.reader_memory_mb, settings.reader_seconds),
        file_name,
    )
    validation = prepared.validation
    counts = (
        classify(con, prepared.match.dataset, validation.rows, validation.present)
        if preview
        else Counts(0, 0, 0)
    )
    return ImportPlan(
        file_name=file_name,
        sha256=sha256,
        center=center,
        principal=principal,
        sheet_name=prepared.sheet_name,
        sheet_names=prepared.sheet_names,
        sheet_requested=sheet is not None,
        header_row=prepared.header_row,
        match=prepared.match,
        validation=validation,
        counts=counts,
        imported_as=writer.imported_as(con, sha256, prepared.match.dataset.name, center),
    )


def commit_import(con: duckdb.DuckDBPyConnection, plan: ImportPlan) -> tuple[int, Counts]:
    """Write the plan's valid rows, its rejects, the batch record and its audit entry in one transaction,
    after any other write of the process; refused when the same file went in meanwhile.

    The plan's principal is checked again: a plan made (or altered) for another center is refused.
    """
    require(plan.principal, "import", plan.center)
    info = BatchInfo(
        file_name=plan.file_name,
        sha256=plan.sha256,
        dataset=plan.dataset.name,
        center=plan.center,
        user=plan.principal.username,
        rows_read=plan.validation.rows_read,
        rejected=plan.rejected,
    )

    def audited(cur: duckdb.DuckDBPyConnection, batch_id: int, counts: Counts) -> None:
        audit.record(
            cur, plan.principal, "import",
            {"batch_id": batch_id, "file": plan.file_name, "dataset": plan.dataset.name, "center": plan.center,
             "rows_read": plan.validation.rows_read, "inserted": counts.inserted, "updated": counts.updated,
             "unchanged": counts.unchanged, "rejected": plan.rejected},
        )  # fmt: skip

    with writer.serialised():
        batch = writer.imported_as(con, plan.sha256, plan.dataset.name, plan.center)
        if batch is not None:
            raise writer.already_imported(batch)
        return commit(
            con, plan.dataset, plan.validation.rows, plan.validation.present, plan.problems(), info, audited
        )


def undo(con: duckdb.DuckDBPyConnection, batch_id: int, principal: Principal) -> Undone:
    """Undo a batch (see store.undo) if `principal` may undo that batch's center, after any other write of
    the process; refused when rows of other batches refer to centers, parks or enterprises it added.
    Audited."""
    with con.cursor() as cur:
        found = cur.execute("SELECT center FROM import_batches WHERE batch_id = ?", [batch_id]).fetchone()
    if found is not None:
        require(principal, "undo", found[0])

    def audited(cur: duckdb.DuckDBPyConnection, undone: Undone) -> None:
        audit.record(cur, principal, "undo", {**undone.detail(), "center": found[0]})

    with writer.serialised():
        dependencies.refuse_if_depended_on(con, batch_id)
        return store.undo(con, batch_id, audited)
