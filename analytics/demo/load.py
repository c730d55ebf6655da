"""Writing demo data into the warehouse, as demo batches, in one transaction."""

from __future__ import annotations

import hashlib

import duckdb

from analytics.db import bump_data_version
from analytics.demo.generate import generate

# Demo tables in load order, with the dataset their batch is recorded under.
DATASET_OF_TABLE = {
    "centers": "parks",
    "parks": "parks",
    "enterprises": "enterprises",
    "service_staff": "visits",
    "visits": "visits",
    "tickets": "tickets",
    "output_monthly": "output",
    "vaccination_snapshots": "vaccinations",
    "activities": "activities",
}


class DemoRefused(Exception):
    """The database holds data that did not come from the demo generator."""


def load_demo(con: duckdb.DuckDBPyConnection, seed: int = 1, scale: float = 1.0) -> dict[str, int]:
    """Replace the demo data (or fill an empty database) with generated data; return rows per table.

    Refuses when the database holds imported data, so real ledgers are never wiped.
    """
    (foreign,) = con.execute("SELECT count(*) FROM import_batches WHERE NOT is_demo").fetchone()
    if foreign:
        raise DemoRefused(
            "数据库中已有导入的真实数据，演示数据不会覆盖它。/ "
            "The database holds imported data; demo data will not overwrite it."
        )
    data = generate(seed, scale).tables()
    label = f"演示数据 demo (seed={seed}, scale={scale:g})"
    digest = hashlib.sha256(label.encode()).hexdigest()
    con.execute("BEGIN")
    try:
        for table in DATASET_OF_TABLE:
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM import_rejects")
        con.execute("DELETE FROM import_batches")
        batch_of = {}
        for dataset in dict.fromkeys(DATASET_OF_TABLE.values()):
            rows = sum(
                len(data[t]) for t, d in DATASET_OF_TABLE.items() if d == dataset and t != "service_staff"
            )
            (batch_of[dataset],) = con.execute(
                "INSERT INTO import_batches (file_name, sha256, dataset, user_name, rows_read, inserted, is_demo) "
                "VALUES (?, ?, ?, 'demo', ?, ?, true) RETURNING batch_id",
                [label, digest, dataset, rows, rows],
            ).fetchone()
        for table, dataset in DATASET_OF_TABLE.items():
            frame = data[table].assign(batch_id=batch_of[dataset])
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            frame = frame[[column for column in frame.columns if column in columns]]
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
        bump_data_version(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {table: len(frame) for table, frame in data.items()}
