"""Writing demo data into the warehouse, as demo batches, in one transaction."""

from __future__ import annotations

import hashlib

import duckdb

from analytics.auth import OPERATOR, accounts
from analytics.db import bump_data_version
from analytics.demo.generate import generate
from analytics.settings import AuthSettings

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


# One account per role, created with the demo data (the login page lists them while demo data are loaded).
DEMO_PASSWORD = "shishan-demo"
DEMO_ACCOUNTS = (
    ("demo-admin", "admin", None, "演示管理员"),
    ("demo-leader", "leader", None, "演示领导"),
    ("demo-analyst", "analyst", None, "演示分析员"),
    ("demo-chl", "center_head", "长虹岭", "长虹岭负责人（演示）"),
)


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
    _demo_accounts(con)
    return {table: len(frame) for table, frame in data.items()}


def _demo_accounts(con: duckdb.DuckDBPyConnection) -> None:
    """Create the demo accounts that do not exist yet (a re-generated demo keeps them)."""
    known = set(accounts.list_accounts(con)["username"])
    for username, role, center, display_name in DEMO_ACCOUNTS:
        if username not in known:
            accounts.create(
                con, OPERATOR, username, DEMO_PASSWORD, role, AuthSettings(), center=center,
                display_name=display_name,
            )  # fmt: skip
