"""Headers a center's files use that are no known synonym: mapped once by a user, then remembered."""

from __future__ import annotations

import duckdb

from analytics.auth import audit
from analytics.auth.permissions import Principal, require
from analytics.intake import writer
from analytics.intake.headers import header_key


def remembered(con: duckdb.DuckDBPyConnection, center: str | None) -> dict[str, dict[str, str]]:
    """Per dataset: normalised header -> column name, for `center` (nothing without a center)."""
    if not center:
        return {}
    with con.cursor() as cur:
        rows = cur.execute(
            "SELECT dataset, header, column_name FROM header_mappings WHERE center = ?", [center]
        ).fetchall()
    result: dict[str, dict[str, str]] = {}
    for dataset, header, column in rows:
        result.setdefault(dataset, {})[header] = column
    return result


def remember(
    con: duckdb.DuckDBPyConnection, principal: Principal, center: str, dataset: str, header: str, column: str
) -> None:
    """Map `header` to `column` for the center's files, if `principal` may map that center's headers."""
    require(principal, "map_headers", center)
    with writer.serialised(), con.cursor() as cur:
        cur.execute("BEGIN")
        try:
            cur.execute(
                "INSERT OR REPLACE INTO header_mappings (center, dataset, header, column_name) "
                "VALUES (?, ?, ?, ?)",
                [center, dataset, header_key(header), column],
            )
            audit.record(
                cur, principal, "header_mapping",
                {"center": center, "dataset": dataset, "header": header, "column": column},
            )  # fmt: skip
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
