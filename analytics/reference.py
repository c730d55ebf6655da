"""Reference lists the filters offer: centers and parks (data, never constants)."""

from __future__ import annotations

import duckdb
import pandas as pd


def centers(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """center, is_illustrative; in display order."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT center, is_illustrative FROM centers ORDER BY sort_order NULLS LAST, center"
        ).df()


def parks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """park, center; parks grouped by their center in display order."""
    with con.cursor() as cur:
        return cur.execute(
            "SELECT p.park, p.center FROM parks AS p JOIN centers AS c USING (center) "
            "ORDER BY c.sort_order NULLS LAST, c.center, p.park"
        ).df()


def enterprise_count(con: duckdb.DuckDBPyConnection) -> int:
    """Enterprises in the registry (0 on a fresh deployment: the import page says what to load first)."""
    with con.cursor() as cur:
        return cur.execute("SELECT count(*) FROM enterprises").fetchone()[0]
