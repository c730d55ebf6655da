"""Import batches: the history list and each batch's rejected rows."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from analytics.i18n import Lang
from analytics.intake import rejects


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every batch, newest first."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT batch_id, created_at, file_name, dataset, center, user_name, rows_read, inserted, updated, "
            "unchanged, rejected, is_demo, undone_at, sha256 FROM import_batches ORDER BY batch_id DESC"
        ).df()


def _stored_rejects(con: duckdb.DuckDBPyConnection, batch_id: int) -> pd.DataFrame:
    """The rejected rows of a batch: row number, column, reason (zh, en), raw cells as JSON text."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT row_no, column_name, message_zh, message_en, raw_values::VARCHAR AS raw_values "
            "FROM import_rejects WHERE batch_id = ? ORDER BY row_no",
            [int(batch_id)],
        ).df()


def rejected_rows(con: duckdb.DuckDBPyConnection, batch_id: int, lang: Lang) -> pd.DataFrame:
    """A batch's rejected rows as the error report shows them: 原行号, one column per header of the file
    (in the file's order), 问题."""
    stored = _stored_rejects(con, batch_id)
    first = stored.drop_duplicates("row_no")
    raw = pd.DataFrame(
        [json.loads(cells) if cells else {} for cells in first["raw_values"]], index=first["row_no"].to_list()
    ).fillna("")
    problems = stored.rename(columns={"row_no": "row", "column_name": "column"})
    return rejects.report(raw, problems, lang)
