"""Fact tables: the ledgers pre-joined to their enterprise's park, center and type flags, kept as tables.

Each fact is the SELECT of analytics/sql/facts/<name>.sql over the clean views. A write refreshes the facts
built from the tables it changed, in its own transaction (`db.bump_data_version`), so a reader never sees
a fact of another data version; opening a database whose facts are missing, of another data version or
built by other SQL (an older database or release, a changed holiday calendar) rebuilds them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import duckdb

FACTS_DIR = Path(__file__).parent / "sql" / "facts"
_ENTERPRISE = ("enterprises", "parks")

# fact table -> the tables its SELECT reads (through the clean views or a fact listed before it), in build order
SOURCES: dict[str, tuple[str, ...]] = {
    "fact_tickets": ("tickets", "calendar_days", *_ENTERPRISE),
    "fact_visits": ("visits", "tickets", *_ENTERPRISE),  # tickets: raised_demand
    "fact_output": ("output_monthly", *_ENTERPRISE),
    "fact_output_parks": ("output_monthly", *_ENTERPRISE),  # built from fact_output: after it
    "fact_vaccinations": ("vaccination_snapshots", *_ENTERPRISE),
}


@cache
def select(name: str) -> str:
    """The SELECT that fact table `name` holds the result of."""
    return (FACTS_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def _definitions() -> str:
    """A digest of the facts' SQL: facts built by other SQL are rebuilt."""
    return hashlib.sha256("\n".join(select(name) for name in SOURCES).encode()).hexdigest()[:16]


def refresh(con: duckdb.DuckDBPyConnection, changed: Iterable[str] | None = None) -> None:
    """Rebuild the facts that read any of the `changed` tables (all when None), inside the caller's
    transaction, if any."""
    changed = None if changed is None else set(changed)
    for name, tables in SOURCES.items():
        if changed is None or not changed.isdisjoint(tables):
            con.execute(f"CREATE OR REPLACE TABLE {name} AS {select(name)}")


def stamp(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the facts are those of the current data version and SQL."""
    con.execute(
        "INSERT OR REPLACE INTO meta SELECT 'facts_of', value || ':' || ? FROM meta WHERE key = 'data_version'",
        [_definitions()],
    )


def ensure(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Rebuild every fact when one is missing, they are of another data version or SQL, or `force`;
    True if so."""
    (present,) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND list_contains(?, table_name)",
        [list(SOURCES)],
    ).fetchone()
    (current,) = con.execute(
        "SELECT count(*) = 1 FROM meta AS f JOIN meta AS d ON f.value = d.value || ':' || ? "
        "WHERE f.key = 'facts_of' AND d.key = 'data_version'",
        [_definitions()],
    ).fetchone()
    if present == len(SOURCES) and current and not force:
        return False
    con.execute("BEGIN")
    try:
        refresh(con)
        stamp(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True
