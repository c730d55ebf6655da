"""The DuckDB warehouse: opening it, versioned migrations, clean views, the data version.

One connection per process; callers take a `cursor()` per query or thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

from analytics import facts
from analytics.settings import DatabaseSettings, load_settings
from analytics.workdays import calendar_frame

PACKAGE_DIR = Path(__file__).parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
VIEWS_DIR = PACKAGE_DIR / "sql" / "views"
CLEAN_VIEWS = VIEWS_DIR / "10_clean.sql"  # the facts are built from these
SCOPE_VIEWS = VIEWS_DIR / "20_scope.sql"  # the macros the marts select through, over the facts
DEFAULT_DB = PACKAGE_DIR.parent / "data" / "shishan.duckdb"


def default_db_path() -> Path:
    """The database file: env DASHBOARD_DB, else data/shishan.duckdb in the repository."""
    return Path(os.environ.get("DASHBOARD_DB") or DEFAULT_DB)


def connect(
    path: Path | str, database: DatabaseSettings | None = None, *, checkpoints: bool = True
) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database at `path` with the memory limit and threads of `database`
    (default: dashboard.toml's [database]) and bring its schema up to date.

    `checkpoints=False` is for a process that may be killed once its batch is committed: its commits
    stay in the write-ahead log, which the next process to open the file replays and folds in when it
    checkpoints. DuckDB's checkpoint rewrites the file's metadata block in place, and a SIGKILL in the
    middle of that write tears a block the last good state still needs (the file no longer opens);
    appending to the log is safe at any moment (a torn tail fails its checksum and is dropped on replay,
    with the transaction it would have ended).
    """
    database = database or load_settings().database
    config: dict[str, str | int] = {"memory_limit": database.memory_limit}
    if database.threads is not None:
        config["threads"] = database.threads
    if not checkpoints:
        config["checkpoint_threshold"] = "1000TB"  # no automatic checkpoint, at commit or after replay
        config["auto_checkpoint_skip_wal_threshold"] = 2**62  # a large commit still goes to the log
        config["enable_optimistic_write"] = "false"  # large appends (a fact rebuild) are not written ahead
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config=config)
    con.execute("SET enable_progress_bar = false")  # a long fact rebuild would draw one on the CLI's terminal
    if not checkpoints:
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
    migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations in order, each in its own transaction; return the names applied.

    Idempotent: a migration is recorded in schema_migrations once applied. The working-day calendar,
    the clean views, the fact tables (only when missing or stale: analytics.facts) and the scope macros
    are derived objects and are (re)created afterwards, in that order.
    """
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_localtimestamp())"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if path.stem in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [path.stem])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.stem)
    calendar_changed = _load_calendar(con)
    con.execute(CLEAN_VIEWS.read_text(encoding="utf-8"))
    facts.ensure(con, force=calendar_changed)
    con.execute(SCOPE_VIEWS.read_text(encoding="utf-8"))
    return applied


def _load_calendar(con: duckdb.DuckDBPyConnection) -> bool:
    """Load the working-day calendar when it differs in length from the stored one; True if loaded."""
    frame = calendar_frame()
    (count,) = con.execute("SELECT count(*) FROM calendar_days").fetchone()
    if count == len(frame):
        return False
    con.execute("BEGIN")
    con.execute("DELETE FROM calendar_days")
    con.execute("INSERT INTO calendar_days SELECT * FROM frame")
    con.execute("COMMIT")
    return True


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A counter bumped by every write; caches key on it."""
    with con.cursor() as cur:
        (value,) = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(value)


def bump_data_version(con: duckdb.DuckDBPyConnection, changed: Iterable[str] | None = None) -> None:
    """Call inside the transaction of every write, naming the tables it `changed` (None: any): the facts
    built from them are rebuilt in that transaction, so no reader sees them stale."""
    con.execute("UPDATE meta SET value = (value::BIGINT + 1)::VARCHAR WHERE key = 'data_version'")
    facts.refresh(con, changed)
    facts.stamp(con)


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no center, park or enterprise has been loaded yet."""
    with con.cursor() as cur:
        (count,) = cur.execute(
            "SELECT (SELECT count(*) FROM centers) + (SELECT count(*) FROM enterprises)"
        ).fetchone()
    return count == 0


def has_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True while rows written by the demo generator are loaded."""
    with con.cursor() as cur:
        (flag,) = cur.execute(
            "SELECT count(*) > 0 FROM import_batches WHERE is_demo AND undone_at IS NULL"
        ).fetchone()
    return bool(flag)
