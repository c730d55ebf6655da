"""Running the named SQL files of analytics/sql/marts with bound parameters."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

MARTS_DIR = Path(__file__).parent / "sql" / "marts"
_PARAMETER = re.compile(r"\$([a-z_]+)")


@cache
def mart_sql(name: str) -> str:
    """The text of analytics/sql/marts/<name>.sql."""
    return (MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run_mart(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Execute a mart on its own cursor; only the parameters the SQL names are bound."""
    sql = mart_sql(name)
    used = set(_PARAMETER.findall(sql))
    missing = used - params.keys()
    if missing:
        raise KeyError(f"mart {name!r} needs parameters {sorted(missing)}")
    with con.cursor() as cur:
        return cur.execute(sql, {key: params[key] for key in used}).df()
