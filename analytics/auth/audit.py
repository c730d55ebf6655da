"""The append-only audit log: who did what, when, from where. `record` is the only writer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb
import pandas as pd

from analytics.auth.permissions import Principal

ACTIONS = (
    "login", "login_failed", "lockout", "logout", "timeout", "password_change", "import", "undo",
    "header_mapping", "export", "account_create", "account_update",
)  # fmt: skip


def record(
    cur: duckdb.DuckDBPyConnection,
    principal: Principal | None,
    action: str,
    detail: dict[str, Any] | None = None,
    *,
    at: dt.datetime | None = None,
    attempted: tuple[str, str, str | None] | None = None,
) -> None:
    """Append one entry. Pass the cursor of the write's own transaction so both commit together.

    `attempted` (username, source, client) names who tried when there is no principal (a failed login).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if principal is not None:
        who = (principal.username, principal.role, principal.source, principal.client)
    elif attempted is not None:
        who = (attempted[0], None, attempted[1], attempted[2])
    else:
        raise ValueError("an audit entry needs a principal or the attempted username")
    username, role, source, client = who
    cur.execute(
        "INSERT INTO audit_log (logged_at, username, role, action, detail, source, client) "
        "VALUES (coalesce(?, current_localtimestamp()), ?, ?, ?, ?, ?, ?)",
        [
            at,
            username,
            role,
            action,
            json.dumps(detail or {}, ensure_ascii=False, default=str),
            source,
            client,
        ],
    )


def entries(
    con: duckdb.DuckDBPyConnection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    usernames: tuple[str, ...] = (),
    actions: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Entries newest first, filtered by day range, usernames and actions (empty: all)."""
    with con.cursor() as cur:
        return cur.execute(
            """SELECT id, logged_at, username, role, action, detail::VARCHAR AS detail, source, client
            FROM audit_log
            WHERE ($start::DATE IS NULL OR logged_at >= $start::DATE)
              AND ($end::DATE IS NULL OR logged_at < $end::DATE + INTERVAL 1 DAY)
              AND (len($users::VARCHAR[]) = 0 OR list_contains($users::VARCHAR[], username))
              AND (len($actions::VARCHAR[]) = 0 OR list_contains($actions::VARCHAR[], action))
            ORDER BY id DESC""",
            {"start": start, "end": end, "users": list(usernames), "actions": list(actions)},
        ).df()


def usernames(con: duckdb.DuckDBPyConnection) -> list[str]:
    with con.cursor() as cur:
        return [
            row[0] for row in cur.execute("SELECT DISTINCT username FROM audit_log ORDER BY 1").fetchall()
        ]
