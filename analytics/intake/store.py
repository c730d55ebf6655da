"""Writing validated rows: classify against the warehouse, commit one batch in one transaction, undo.

A row whose key is new is inserted; a row whose key exists is an update when a value the file carries
differs (the previous row is kept in import_changes), else unchanged. Columns the file does not have
are left as stored. Every write bumps the data version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.db import bump_data_version
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
) -> list[str]:
    """Stage accepted rows, typed like the target table, in temp table `classified` with their fate
    (is_new, is_changed); return the columns an update sets."""
    schema = _schema(cur, dataset.table)
    columns = [c for c in schema if c in rows.columns]
    cur.register("staged", rows[list(dict.fromkeys([*columns, "row_key"]))])  # NaN / NaT / NA read as NULL
    select = ", ".join(f'CAST("{c}" AS {schema[c]}) AS "{c}"' for c in columns)
    updates = _update_columns(dataset, present, schema)
    keys = TABLE_KEYS[dataset.table]
    join = " AND ".join(f'i."{k}" = t."{k}"' for k in keys)
    differs = " OR ".join(f'{_new_value(dataset, c)} IS DISTINCT FROM t."{c}"' for c in updates) or "false"
    cur.execute(
        f"""CREATE OR REPLACE TEMP TABLE classified AS
        SELECT i.*, t."{keys[0]}" IS NULL AS is_new, t."{keys[0]}" IS NOT NULL AND ({differs}) AS is_changed
        FROM (SELECT {select}, row_key AS change_key FROM staged) AS i
        LEFT JOIN {dataset.table} AS t ON {join}"""
    )
    return updates


def _new_value(dataset: Dataset, column: str) -> str:
    if (dataset.name, column) in KEEP_WHEN_NULL:
        return f'coalesce(i."{column}", t."{column}")'
    return f'i."{column}"'


def classify(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, rows: pd.DataFrame, present: set[str]
) -> Counts:
    """How many accepted rows would be inserted, updated or left unchanged (nothing is written)."""
    if rows.empty:
        return Counts(0, 0, 0)
    with con.cursor() as cur:
        _stage(cur, dataset, rows, present)
        inserted, updated, total = cur.execute(
            "SELECT count(*) FILTER (is_new), count(*) FILTER (is_changed), count(*) FROM classified"
        ).fetchall()[0]
    return Counts(inserted, updated, total - inserted - updated)


@dataclass(frozen=True)
class BatchInfo:
    file_name: str
    sha256: str
    dataset: str
    center: str | None
    user: str | None
    rows_read: int


def commit(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    rows: pd.DataFrame,
    present: set[str],
    rejects: pd.DataFrame,
    info: BatchInfo,
) -> tuple[int, Counts]:
    """Write one batch in one transaction: rows, their change log, the rejects, the batch record."""
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
                [counts.inserted, counts.updated, counts.unchanged, rejects["row"].nunique(), batch_id],
            )
            bump_data_version(cur)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return batch_id, counts


def _write_rows(
    cur: duckdb.DuckDBPyConnection, dataset: Dataset, rows: pd.DataFrame, present: set[str], batch: int
) -> Counts:
    updates = _stage(cur, dataset, rows, present)
    table, keys = dataset.table, TABLE_KEYS[dataset.table]
    if dataset.name == "parks":
        _add_missing(cur, "centers", "SELECT DISTINCT center FROM classified", ("center",), batch)
    if dataset.name == "visits":
        _add_missing(
            cur, "service_staff",
            "SELECT DISTINCT p.center, c.staff AS name FROM classified AS c "
            "JOIN enterprises AS e USING (uscc) JOIN parks AS p ON p.park = e.park",
            ("center", "name"), batch,
        )  # fmt: skip
    key_json = ", ".join(f"'{k}', c.\"{k}\"" for k in keys)
    join = " AND ".join(f't."{k}" = c."{k}"' for k in keys)
    cur.execute(
        f"INSERT INTO import_changes SELECT ?, '{table}', c.change_key, json_object({key_json}), to_json(t) "
        f"FROM classified AS c JOIN {table} AS t ON {join} WHERE c.is_changed",
        [batch],
    )
    cur.execute(
        f"INSERT INTO import_changes SELECT ?, '{table}', c.change_key, json_object({key_json}), NULL "
        "FROM classified AS c WHERE c.is_new",
        [batch],
    )
    if updates:
        assignments = ", ".join(f'"{c}" = {_new_value(dataset, c).replace("i.", "c.")}' for c in updates)
        cur.execute(
            f"UPDATE {table} AS t SET {assignments}, batch_id = ? FROM classified AS c WHERE {join} AND c.is_changed",
            [batch],
        )
    schema = _schema(cur, table)
    incoming = set(_columns(cur, "classified"))
    staged = [c for c in schema if c in incoming]
    defaults = {c: e.replace("i.", "c.") for c, e in INSERT_DEFAULTS.get(dataset.name, {}).items()}
    insert_columns = list(dict.fromkeys([*staged, *defaults]))
    values = ", ".join(
        f'coalesce(c."{col}", {defaults[col]})' if col in defaults and col in staged
        else defaults.get(col, f'c."{col}"')
        for col in insert_columns
    )  # fmt: skip
    cur.execute(
        f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in insert_columns)}, batch_id) "
        f"SELECT {values}, ? FROM classified AS c WHERE c.is_new",
        [batch],
    )
    inserted, updated, total = cur.execute(
        "SELECT count(*) FILTER (is_new), count(*) FILTER (is_changed), count(*) FROM classified"
    ).fetchall()[0]
    return Counts(inserted, updated, total - inserted - updated)


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in cur.execute(f"DESCRIBE {table}").fetchall()]


def _add_missing(
    cur: duckdb.DuckDBPyConnection, table: str, source: str, keys: tuple[str, ...], batch: int
) -> None:
    """Insert the rows of `source` whose key `table` lacks (new centers, new service workers), logged."""
    columns = ", ".join(keys)
    same = " AND ".join(f"t.{k} = s.{k}" for k in keys)
    known = " AND ".join(f"s.{k} IS NOT NULL" for k in keys)
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE additions AS SELECT * FROM ({source}) AS s "
        f"WHERE {known} AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {same})"
    )
    key_json = ", ".join(f"'{k}', {k}" for k in keys)
    cur.execute(
        f"INSERT INTO import_changes SELECT ?, '{table}', concat_ws('\x1f', {columns}), json_object({key_json}), NULL "
        "FROM additions",
        [batch],
    )
    cur.execute(f"INSERT INTO {table} ({columns}, batch_id) SELECT {columns}, ? FROM additions", [batch])


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


def undo(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    """Restore every row the batch touched; return rows restored per table.

    Refused when the batch does not exist, is already undone, or when a later batch that is still in
    force changed a row this batch touched (undo the later one first).
    """
    with con.cursor() as cur:
        found = cur.execute(
            "SELECT is_demo, undone_at FROM import_batches WHERE batch_id = ?", [batch_id]
        ).fetchall()
        batch = found[0] if found else None
        if batch is None:
            raise Refused(f"没有编号为 {batch_id} 的导入批次", f"there is no import batch {batch_id}")
        is_demo, undone_at = batch
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
            restored = _demo_undo(cur, batch_id) if is_demo else _restore(cur, batch_id)
            cur.execute(
                "UPDATE import_batches SET undone_at = current_localtimestamp() WHERE batch_id = ?",
                [batch_id],
            )
            bump_data_version(cur)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return restored


def _later_batches(cur: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    rows = cur.execute(
        """SELECT DISTINCT later.batch_id
        FROM import_changes AS later
        JOIN import_batches AS b ON b.batch_id = later.batch_id AND b.undone_at IS NULL
        WHERE later.batch_id > $batch
          AND (EXISTS (SELECT 1 FROM import_changes AS mine
                       WHERE mine.batch_id = $batch AND mine.table_name = later.table_name
                         AND mine.row_key = later.row_key)
               OR TRY_CAST(later.old_values->>'batch_id' AS BIGINT) = $batch)
        ORDER BY 1""",
        {"batch": batch_id},
    ).fetchall()
    return [row[0] for row in rows]


def _restore(cur: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    restored = {}
    tables = [
        r[0]
        for r in cur.execute(
            "SELECT DISTINCT table_name FROM import_changes WHERE batch_id = ?", [batch_id]
        ).fetchall()
    ]
    for table in tables:
        schema = {name: kind for name, kind, *_ in cur.execute(f"DESCRIBE {table}").fetchall()}
        keys = TABLE_KEYS[table]
        key_struct = json.dumps({k: schema[k] for k in keys})
        row_struct = json.dumps(schema)
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE undo_keys AS SELECT unnest(json_transform(key_values, '{key_struct}')) "
            "FROM import_changes WHERE batch_id = ? AND table_name = ?",
            [batch_id, table],
        )
        join = " AND ".join(f't."{k}" = u."{k}"' for k in keys)
        cur.execute(f"DELETE FROM {table} AS t USING undo_keys AS u WHERE {join}")
        cur.execute(
            f"INSERT INTO {table} BY NAME SELECT unnest(json_transform(old_values, '{row_struct}')) "
            "FROM import_changes WHERE batch_id = ? AND table_name = ? AND old_values IS NOT NULL",
            [batch_id, table],
        )
        (count,) = cur.execute("SELECT count(*) FROM undo_keys").fetchall()[0]
        restored[table] = count
    return restored


def _demo_undo(cur: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    """Demo batches carry no change log: their rows are the rows still marked with the batch."""
    restored = {}
    for table in TABLE_KEYS:
        (count,) = cur.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?", [batch_id]).fetchall()[0]
        if count:
            cur.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id])
            restored[table] = count
    return restored
