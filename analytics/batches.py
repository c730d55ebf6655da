"""Import batches: the history list and each batch's rejected rows."""

from __future__ import annotations

import duckdb
import pandas as pd


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every batch, newest first."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT batch_id, created_at, file_name, dataset, center, user_name, rows_read, inserted, updated, "
            "unchanged, rejected, is_demo, undone_at, sha256 FROM import_batches ORDER BY batch_id DESC"
        ).df()


def batch_rejects(con: duckdb.DuckDBPyConnection, batch_id: int) -> pd.DataFrame:
    """The rejected rows of a batch: row number, column, reason (zh, en), raw cells as JSON text."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT row_no, column_name, message_zh, message_en, raw_values::VARCHAR AS raw_values "
            "FROM import_rejects WHERE batch_id = ? ORDER BY row_no",
            [int(batch_id)],
        ).df()
