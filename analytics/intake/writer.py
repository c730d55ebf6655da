"""The process's one writer: imports, undos and remembered mappings run one at a time.

Two clerks confirming at once (two Streamlit sessions, two threads on one connection) would otherwise
race: DuckDB refuses the second transaction ("Conflict on update", "Duplicate key"). Inside the lock the
second one sees what the first wrote, and is told in words when its file is already in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from analytics.intake.reading import Refused

_LOCK = threading.Lock()


@contextmanager
def serialised() -> Iterator[None]:
    """Hold the process's write lock; a transaction conflict still left becomes a clear refusal."""
    with _LOCK:
        try:
            yield
        except (duckdb.TransactionException, duckdb.ConstraintException) as error:
            raise Refused(
                "另一项写入与本次操作冲突，本次没有写入任何数据，请刷新后重试",
                "another write conflicted with this one; nothing was written. Refresh and try again",
            ) from error


def imported_as(con: duckdb.DuckDBPyConnection, sha256: str, dataset: str, center: str | None) -> int | None:
    """The batch in force that imported this very file (same content, dataset and center), if any."""
    with con.cursor() as cur:
        found = cur.execute(
            "SELECT max(batch_id) FROM import_batches WHERE sha256 = ? AND dataset = ? "
            "AND center IS NOT DISTINCT FROM ? AND undone_at IS NULL",
            [sha256, dataset, center],
        ).fetchone()
    return found[0]


def already_imported(batch: int) -> Refused:
    return Refused(
        f"该文件已由批次 {batch} 导入（内容、数据类型和服务中心都相同），无需再次导入；"
        f"如需重新导入，请先在“导入记录”中撤销批次 {batch}",
        f"this file was already imported as batch {batch} (same content, dataset and center); "
        f"to import it again, undo batch {batch} first",
    )
