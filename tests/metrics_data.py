"""Test data for the KPI oracle: typed frames, the CSV fixture, loading into DuckDB, comparing tables.

A dataset is a dict {table name: DataFrame} using the column names of analytics/migrations/0001_core.sql
(only the columns a test cares about need to be present; the rest take their SQL defaults).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analytics.db import bump_data_version, connect
from analytics.metrics import KEYS

# The data tables, parents first. Only these are ever cleared or written by the helpers below.
DATA_TABLES: tuple[str, ...] = (
    "centers",
    "parks",
    "enterprises",
    "visits",
    "tickets",
    "output_monthly",
    "vaccination_snapshots",
    "activities",
)

# Column types that need more than "text" (everything not listed is a string column).
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "centers": {"is_illustrative": "bool", "sort_order": "int"},
    "parks": {"area_km2": "float"},
    "enterprises": {
        "is_above_scale": "bool",
        "is_high_tech": "bool",
        "is_listed": "bool",
        "is_eagle": "bool",
        "employees": "int",
    },
    "visits": {"visit_date": "date"},
    "tickets": {
        "received_date": "date",
        "responded_date": "date",
        "due_date": "date",
        "closed_date": "date",
        "escalated": "bool",
    },
    "output_monthly": {"period": "date", "output_wan": "float", "revenue_wan": "float"},
    "vaccination_snapshots": {
        "as_of": "date",
        "staff_total": "int",
        "dose1": "int",
        "full_course": "int",
        "booster": "int",
    },
    "activities": {"activity_date": "date", "person_times": "int", "people": "int", "volunteers": "int"},
}

# The natural key column whose value becomes row_key when a frame has no row_key of its own.
ROW_KEY_SOURCE = {"visits": "visit_no", "tickets": "ticket_no", "activities": "activity_no"}

_BOOLEAN_TEXT = {"true": True, "false": False, "1": True, "0": False}


def typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with dates as datetime64, integers as nullable Int64, flags as bool, and a row_key."""
    frame = frame.copy()
    for column, kind in COLUMN_TYPES.get(table, {}).items():
        if column not in frame.columns:
            continue
        values = frame[column]
        if kind == "date":
            frame[column] = pd.to_datetime(values)
        elif kind == "int":
            frame[column] = pd.to_numeric(values).astype("Int64")
        elif kind == "float":
            frame[column] = pd.to_numeric(values).astype("float64")
        elif kind == "bool":
            if values.dtype != bool:
                values = values.map(lambda v: _BOOLEAN_TEXT[str(v).strip().lower()] if pd.notna(v) else False)
            frame[column] = values.astype(bool)
    source = ROW_KEY_SOURCE.get(table)
    if source and "row_key" not in frame.columns and source in frame.columns:
        frame["row_key"] = frame[source]
    return frame


def frames(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    """Typed frames from lists of row dicts (missing tables become empty frames)."""
    return {table: typed(table, pd.DataFrame(rows.get(table, []))) for table in DATA_TABLES}


def read_fixture(folder: Path) -> dict[str, pd.DataFrame]:
    """The CSV fixture folder (one <table>.csv per data table) as typed frames; blank cells are null."""
    tables = {}
    for table in DATA_TABLES:
        path = folder / f"{table}.csv"
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]) if path.exists() else None
        tables[table] = typed(table, raw if raw is not None else pd.DataFrame())
    return tables


def load_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame]) -> None:
    """Replace the contents of every data table by `tables` (DELETE then INSERT ... BY NAME), in one go,
    as a write: the data version is bumped and the fact tables are rebuilt."""
    con.execute("BEGIN")
    try:
        for table in reversed(DATA_TABLES):
            con.execute(f"DELETE FROM {table}")
        for table in DATA_TABLES:
            frame = tables.get(table)
            if frame is None or frame.empty:
                continue
            con.register("_frame", frame)
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")
            finally:
                con.unregister("_frame")
        bump_data_version(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def database(path: Path | str, tables: Mapping[str, pd.DataFrame]) -> duckdb.DuckDBPyConnection:
    """A migrated warehouse at `path` (a tmp_path file) holding `tables`."""
    con = connect(path)
    load_tables(con, tables)
    return con


# --- comparing two KPI tables -------------------------------------------------------------------------


def is_null(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def same_value(left: Any, right: Any) -> bool:
    """Null only equals null; integers compare exactly; floats with rel_tol 1e-9.

    abs_tol 1e-12 only lets values that should be 0 differ by rounding noise (a ratio − 1 of two sums
    that were added up in a different order).
    """
    if is_null(left) or is_null(right):
        return is_null(left) and is_null(right)
    if isinstance(left, float) or isinstance(right, float):  # numpy float64 is a float
        return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-12)
    return left == right


def kpi_differences(sql: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    """Every difference between the SQL table and the reference table, as readable lines."""
    problems = []
    columns = ["is_total", "center", "is_illustrative", *KEYS]
    if list(sql.columns) != columns:
        problems.append(f"SQL columns {list(sql.columns)} != {columns}")
    if list(ref.columns) != columns:
        problems.append(f"reference columns {list(ref.columns)} != {columns}")
    sql_rows = [_row_label(row) for _, row in sql.iterrows()]
    ref_rows = [_row_label(row) for _, row in ref.iterrows()]
    if sql_rows != ref_rows:
        return [*problems, f"rows differ: SQL {sql_rows} vs reference {ref_rows}"]
    for label, (_, left), (_, right) in zip(sql_rows, sql.iterrows(), ref.iterrows(), strict=True):
        if label != "<total>" and bool(left["is_illustrative"]) != bool(right["is_illustrative"]):
            problems.append(f"{label}.is_illustrative: SQL {left['is_illustrative']} vs reference")
        for key in KEYS:
            if not same_value(left[key], right[key]):
                problems.append(f"{label}.{key}: SQL {left[key]!r} vs reference {right[key]!r}")
    return problems


def assert_kpis_equal(sql: pd.DataFrame, ref: pd.DataFrame, context: str = "") -> None:
    problems = kpi_differences(sql, ref)
    assert not problems, (context + "\n" if context else "") + "\n".join(problems)


def _row_label(row: pd.Series) -> str:
    return "<total>" if bool(row["is_total"]) else str(row["center"])
