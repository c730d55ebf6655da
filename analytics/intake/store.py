"""Writing validated rows: classify against the warehouse, commit one batch in one transaction, undo.

A row whose key is new is inserted; a row whose key exists is an update when a value the file carries
differs (the previous row is kept in import_changes), else unchanged. Columns the file does not have
are left as stored. Every row a batch inserts or updates carries its batch_id, so undo removes the
batch's rows and puts back the logged previous versions. Every write bumps the data version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.db import bump_data_version
from analytics.i18n import Lang, t
from analytics.intake.reading import Refused
from analytics.intake.spec import Dataset

TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "centers": ("center",),
    "parks": ("park",),
    "enterprises": ("uscc",),
    "service_staff": ("center", "name"),
    "visits": ("row_key",),
    "tickets": ("row_key",),
    "output_monthly": ("uscc", "period"),
    "vaccination_snapshots": ("uscc", "as_of"),
    "activities": ("row_key",),
}
# Stored columns a file may lack that are still derived for every row it has.
DERIVED: dict[str, tuple[str, ...]] = {"tickets": ("status",)}
# Columns filled for new rows when the file lacks them, left alone on existing rows.
INSERT_DEFAULTS: dict[str, dict[str, str]] = {"tickets": {"status": "'已受理'", "due_date": "i.due_date"}}
KEEP_WHEN_NULL = {("tickets", "status")}  # NOT NULL columns: a blank cell keeps the stored value


@dataclass(frozen=True)
class Counts:
    inserted: int
    updated: int
    unchanged: int


def _schema(cur: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {
        name: kind for name, kind, *_ in cur.execute(f"DESCRIBE {table}").fetchall() if name != "batch_id"
    }


def _update_columns(dataset: Dataset, present: set[str], schema: dict[str, str]) -> list[str]:
    wanted = set(present) | set(DERIVED.get(dataset.name, ()))
    if "category" in present:
        wanted.add("category_raw")
    keys = set(TABLE_KEYS[dataset.table])
    if dataset.by_enterprise:
        wanted.discard("name")  # the enterprise name belongs to the registry
    return [c for c in schema if c in wanted and c not in keys and c != "row_key"]


def _stage(
    cur: duckdb.DuckDBPyConnection, dataset: Dataset, rows: pd.DataFrame, present: set[str]
) -> tuple[list[str], list[str]]:
    """Make the accepted rows view `incoming`, typed like the target table (plus `change_key`, the
    row_key); return the table's columns it carries and the columns an update sets.

    The rows go over as one Arrow table (NaN / NaT / NA become NULL), which DuckDB scans without copying,
    so the statements below can each read them without materialising them again.
    """
    schema = _schema(cur, dataset.table)
    columns = [c for c in schema if c in rows.columns]
    frame = rows[list(dict.fromkeys([*columns, "row_key"]))]
    cur.register("staged", pa.Table.from_pandas(frame, preserve_index=False))
    select = ", ".join(f'CAST("{c}" AS {schema[c]}) AS "{c}"' for c in columns)
    cur.execute(f"CREATE OR REPLACE TEMP VIEW incoming AS SELECT {select}, row_key AS change_key FROM staged")
    return columns, _update_columns(dataset, present, schema)


def _join(dataset: Dataset) -> str:
    """Incoming row `i` and stored row `t` have the same key."""
    return " AND ".join(f'i."{k}" = t."{k}"' for k in TABLE_KEYS[dataset.table])


def _differs(dataset: Dataset, updates: list[str]) -> str:
    """Incoming row `i` would change stored row `t`."""
    return " OR ".join(f'{_new_value(dataset, c)} IS DISTINCT FROM t."{c}"' for c in updates) or "false"


def _new_value(dataset: Dataset, column: str) -> str:
    if (dataset.name, column) in KEEP_WHEN_NULL:
        return f'coalesce(i."{column}", t."{column}")'
    return f'i."{column}"'


def _count(cur: duckdb.DuckDBPyConnection, dataset: Dataset, updates: list[str]) -> Counts:
    first_key = TABLE_KEYS[dataset.table][0]
    inserted, updated, total = cur.execute(
        f"""SELECT count(*) FILTER (t."{first_key}" IS NULL),
                   count(*) FILTER (t."{first_key}" IS NOT NULL AND ({_differs(dataset, updates)})),
                   count(*)
        FROM incoming AS i LEFT JOIN {dataset.table} AS t ON {_join(dataset)}"""
    ).fetchall()[0]
    return Counts(inserted, updated, total - inserted - updated)


def classify(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, rows: pd.DataFrame, present: set[str]
) -> Counts:
    """How many accepted rows would be inserted, updated or left unchanged (nothing is written)."""
    if rows.empty:
        return Counts(0, 0, 0)
    with con.cursor() as cur:
        _, updates = _stage(cur, dataset, rows, present)
        return _count(cur, dataset, updates)


@dataclass(frozen=True)
class BatchInfo:
    file_name: str
    sha256: str
    dataset: str
    center: str | None
    user: str | None
    rows_read: int
    rejected: int  # rejected rows, also those beyond the listed `rejects`


def commit(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    rows: pd.DataFrame,
    present: set[str],
    rejects: pd.DataFrame,
    info: BatchInfo,
    on_commit: Callable[[duckdb.DuckDBPyConnection, int, Counts], None] | None = None,
) -> tuple[int, Counts]:
    """Write one batch in one transaction: rows, their change log, the rejects, the batch record; then
    `on_commit(cursor, batch_id, counts)` (the audit entry) in the same transaction."""
    with con.cursor() as cur:
        cur.execute("BEGIN")
        try:
            (batch_id,) = cur.execute(
                "INSERT INTO import_batches (file_name, sha256, dataset, center, user_name, rows_read) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING batch_id",
                [info.file_name, info.sha256, info.dataset, info.center, info.user, info.rows_read],
            ).fetchall()[0]
            counts = _write_rows(cur, dataset, rows, present, batch_id) if not rows.empty else Counts(0, 0, 0)
            _write_rejects(cur, batch_id, rejects)
            cur.execute(
                "UPDATE import_batches SET inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE batch_id = ?",
                [counts.inserted, counts.updated, counts.unchanged, info.rejected, batch_id],
            )
            bump_data_version(cur, _tables_written(dataset) if not rows.empty else ())
            if on_commit:
                on_commit(cur, batch_id, counts)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return batch_id, counts


def _tables_written(dataset: Dataset) -> set[str]:
    """The tables `_write_rows` may change for `dataset`."""
    extra = {"parks": {"centers"}, "visits": {"service_staff"}}.get(dataset.name, set())
    return {dataset.table, *extra}


def _write_rows(
    cur: duckdb.DuckDBPyConnection, dataset: Dataset, rows: pd.DataFrame, present: set[str], batch: int
) -> Counts:
    staged, updates = _stage(cur, dataset, rows, present)
    counts = _count(cur, dataset, updates)
    table, keys, join = dataset.table, TABLE_KEYS[dataset.table], _join(dataset)
    if dataset.name == "parks":
        _add_missing(cur, "centers", "SELECT DISTINCT center FROM incoming", ("center",), batch)
    if dataset.name == "visits":
        _add_missing(
            cur, "service_staff",
            "SELECT DISTINCT p.center, i.staff AS name FROM incoming AS i "
            "JOIN enterprises AS e USING (uscc) JOIN parks AS p ON p.park = e.park",
            ("center", "name"), batch,
        )  # fmt: skip
    if counts.updated:
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE changed AS SELECT i.* FROM incoming AS i JOIN {table} AS t "
            f"ON {join} WHERE {_differs(dataset, updates)}"
        )
        key_json = ", ".join(f"'{k}', i.\"{k}\"" for k in keys)
        cur.execute(
            f"INSERT INTO import_changes SELECT ?, '{table}', i.change_key, json_object({key_json}), to_json(t) "
            f"FROM changed AS i JOIN {table} AS t ON {join}",
            [batch],
        )
        assignments = ", ".join(f'"{c}" = {_new_value(dataset, c)}' for c in updates)
        cur.execute(
            f"UPDATE {table} AS t SET {assignments}, batch_id = ? FROM changed AS i WHERE {join}", [batch]
        )
    if counts.inserted:
        defaults = INSERT_DEFAULTS.get(dataset.name, {})
        insert_columns = list(dict.fromkeys([*staged, *defaults]))
        values = ", ".join(
            f'coalesce(i."{col}", {defaults[col]})' if col in defaults and col in staged
            else defaults.get(col, f'i."{col}"')
            for col in insert_columns
        )  # fmt: skip
        all_new = not counts.updated and not counts.unchanged
        new = "" if all_new else f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {join})"
        cur.execute(
            f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in insert_columns)}, batch_id) "
            f"SELECT {values}, ? FROM incoming AS i {new}",
            [batch],
        )
    return counts


def _add_missing(
    cur: duckdb.DuckDBPyConnection, table: str, source: str, keys: tuple[str, ...], batch: int
) -> None:
    """Insert the rows of `source` whose key `table` lacks (new centers, new service workers)."""
    columns = ", ".join(keys)
    same = " AND ".join(f"t.{k} = s.{k}" for k in keys)
    known = " AND ".join(f"s.{k} IS NOT NULL" for k in keys)
    cur.execute(
        f"INSERT INTO {table} ({columns}, batch_id) SELECT {columns}, ? FROM ({source}) AS s "
        f"WHERE {known} AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {same})",
        [batch],
    )


def _write_rejects(cur: duckdb.DuckDBPyConnection, batch: int, rejects: pd.DataFrame) -> None:
    if rejects.empty:
        return
    cur.register("rejects", rejects[["row", "column", "message_zh", "message_en", "raw_values"]])
    cur.execute(
        "INSERT INTO import_rejects (batch_id, row_no, column_name, message_zh, message_en, raw_values) "
        'SELECT ?, row, "column", message_zh, message_en, raw_values::JSON FROM rejects',
        [batch],
    )


# --- undo -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Undone:
    """What an undo did, per table: rows the batch had added (deleted) and rows it had changed (put back)."""

    batch_id: int
    removed: dict[str, int]
    restored: dict[str, int]

    def message(self, lang: Lang) -> str:
        return t(
            "batches.undone_ok", lang, batch=self.batch_id, removed=f"{sum(self.removed.values()):,}",
            restored=f"{sum(self.restored.values()):,}",
        )  # fmt: skip

    def detail(self) -> dict[str, object]:
        """For the audit log and the CLI's JSON."""
        return {"batch_id": self.batch_id, "removed": self.removed, "restored": self.restored}


def undo(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    on_commit: Callable[[duckdb.DuckDBPyConnection, Undone], None] | None = None,
) -> Undone:
    """Remove the rows the batch added and restore those it changed; say how many of each per table.
    `on_commit(cursor, undone)` runs in the same transaction.

    Refused when the batch does not exist, is already undone, or when a later batch that is still in
    force changed a row this batch touched (undo the later one first).
    """
    with con.cursor() as cur:
        found = cur.execute("SELECT undone_at FROM import_batches WHERE batch_id = ?", [batch_id]).fetchall()
        batch = found[0] if found else None
        if batch is None:
            raise Refused(f"没有编号为 {batch_id} 的导入批次", f"there is no import batch {batch_id}")
        (undone_at,) = batch
        if undone_at is not None:
            raise Refused(
                f"批次 {batch_id} 已于 {undone_at:%Y-%m-%d %H:%M} 撤销",
                f"batch {batch_id} was already undone on {undone_at:%Y-%m-%d %H:%M}",
            )
        later = _later_batches(cur, batch_id)
        if later:
            listed = "、".join(str(b) for b in later)
            raise Refused(
                f"批次 {batch_id} 导入的部分数据之后又被批次 {listed} 修改，请先撤销批次 {listed}",
                f"rows of batch {batch_id} were changed again by batch {', '.join(map(str, later))}: undo that batch first",
            )
        cur.execute("BEGIN")
        try:
            undone = _restore(cur, batch_id)
            cur.execute(
                "UPDATE import_batches SET undone_at = current_localtimestamp() WHERE batch_id = ?",
                [batch_id],
            )
            bump_data_version(cur, {*undone.removed, *undone.restored})
            if on_commit:
                on_commit(cur, undone)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return undone


def _later_batches(cur: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Batches still in force that changed a row this batch wrote: the row they replaced carried its id."""
    rows = cur.execute(
        """SELECT DISTINCT later.batch_id
        FROM import_changes AS later
        JOIN import_batches AS b ON b.batch_id = later.batch_id AND b.undone_at IS NULL
        WHERE later.batch_id > $batch AND TRY_CAST(later.old_values->>'batch_id' AS BIGINT) = $batch
        ORDER BY 1""",
        {"batch": batch_id},
    ).fetchall()
    return [row[0] for row in rows]


def _restore(cur: duckdb.DuckDBPyConnection, batch_id: int) -> Undone:
    """Remove the rows the batch wrote (they carry its id) and put back those it replaced."""
    removed, restored = {}, {}
    for table in TABLE_KEYS:
        (count,) = cur.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?", [batch_id]).fetchall()[0]
        if not count:
            continue
        cur.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id])
        row_struct = json.dumps(
            {name: kind for name, kind, *_ in cur.execute(f"DESCRIBE {table}").fetchall()}
        )
        (put_back,) = cur.execute(
            f"INSERT INTO {table} BY NAME SELECT unnest(json_transform(old_values, '{row_struct}')) "
            "FROM import_changes WHERE batch_id = ? AND table_name = ? AND old_values IS NOT NULL",
            [batch_id, table],
        ).fetchone()
        if count - put_back:
            removed[table] = count - put_back
        if put_back:
            restored[table] = put_back
    return Undone(batch_id, removed, restored)
