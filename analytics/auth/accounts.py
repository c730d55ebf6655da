"""Accounts in the warehouse: argon2id password hashes, lockout after repeated failures, roles and centers.

Usernames are unique regardless of case. Every change is checked (`manage_accounts`) and audited in the
same transaction. Times are local wall-clock times; `now` is injectable for tests.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.auth import audit
from analytics.auth.permissions import ROLES, Principal, require
from analytics.intake.reading import Refused
from analytics.settings import AuthSettings

HASHER = PasswordHasher()  # argon2id, the library's recommended cost
USERNAME = re.compile(r"^[\w.@-]{2,64}$")


class AccountError(Refused):
    """A bad account request (unknown role or center, duplicate username, short password…)."""


@cache
def _dummy_hash() -> str:
    return HASHER.hash("not a password of anyone")


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now()


def _row(cur: duckdb.DuckDBPyConnection, username: str) -> tuple | None:
    return cur.execute(
        "SELECT username, display_name, role, center, password_hash, disabled, failed_attempts, locked_until "
        "FROM accounts WHERE username_key = lower(?)",
        [username.strip()],
    ).fetchone()


def _known(cur: duckdb.DuckDBPyConnection, username: str) -> str:
    row = _row(cur, username)
    if row is None:
        raise AccountError(f"没有账号「{username}」", f"there is no account '{username}'")
    return row[0]


def _check_role(cur: duckdb.DuckDBPyConnection, role: str, center: str | None) -> str | None:
    if role not in ROLES:
        raise AccountError(
            f"未知角色「{role}」（可选：{'、'.join(ROLES)}）",
            f"unknown role '{role}' (one of: {', '.join(ROLES)})",
        )
    if role != "center_head":
        if center:
            raise AccountError("只有社区负责人账号属于某个中心", "only a center head account has a center")
        return None
    if not center:
        raise AccountError("社区负责人账号必须指定所属中心", "a center head account needs --center")
    if not cur.execute("SELECT 1 FROM centers WHERE center = ?", [center]).fetchone():
        raise AccountError(f"没有服务中心「{center}」", f"there is no center '{center}'")
    return center


def _check_password(password: str, settings: AuthSettings) -> None:
    if len(password) < settings.min_password_length:
        raise AccountError(
            f"密码至少需要 {settings.min_password_length} 个字符",
            f"the password needs at least {settings.min_password_length} characters",
        )


def create(
    con: duckdb.DuckDBPyConnection,
    actor: Principal,
    username: str,
    password: str,
    role: str,
    settings: AuthSettings,
    center: str | None = None,
    display_name: str | None = None,
) -> None:
    require(actor, "manage_accounts")
    username = username.strip()
    if not USERNAME.match(username):
        raise AccountError(
            "用户名须为 2–64 个字母、数字或 . _ - @", "a username is 2–64 letters, digits or . _ - @"
        )
    _check_password(password, settings)
    with con.cursor() as cur:
        center = _check_role(cur, role, center)
        if _row(cur, username) is not None:
            raise AccountError(f"账号「{username}」已存在", f"the account '{username}' already exists")
        password_hash = HASHER.hash(password)
        cur.execute("BEGIN")
        try:
            cur.execute(
                "INSERT INTO accounts (username, username_key, display_name, role, center, password_hash) "
                "VALUES (?, lower(?), ?, ?, ?, ?)",
                [username, username, (display_name or "").strip() or username, role, center, password_hash],
            )
            audit.record(cur, actor, "account_create", {"account": username, "role": role, "center": center})
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise


def _update(
    con: duckdb.DuckDBPyConnection,
    actor: Principal,
    username: str,
    assignments: str,
    values: list,
    detail: dict,
) -> None:
    """Change one account (a fixed SET clause with bound values) and audit it in one transaction."""
    with con.cursor() as cur:
        name = _known(cur, username)
        cur.execute("BEGIN")
        try:
            cur.execute(f"UPDATE accounts SET {assignments} WHERE username = ?", [*values, name])
            audit.record(cur, actor, "account_update", {"account": name, **detail})
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise


def set_disabled(con: duckdb.DuckDBPyConnection, actor: Principal, username: str, disabled: bool) -> None:
    require(actor, "manage_accounts")
    _update(con, actor, username, "disabled = ?", [disabled], {"disabled": disabled})


def reset_password(
    con: duckdb.DuckDBPyConnection, actor: Principal, username: str, password: str, settings: AuthSettings
) -> None:
    """Set a new password (also lifts a lockout)."""
    require(actor, "manage_accounts")
    _check_password(password, settings)
    _update(
        con, actor, username, "password_hash = ?, failed_attempts = 0, locked_until = NULL",
        [HASHER.hash(password)], {"password": "reset"},
    )  # fmt: skip


def set_role(
    con: duckdb.DuckDBPyConnection, actor: Principal, username: str, role: str, center: str | None = None
) -> None:
    require(actor, "manage_accounts")
    with con.cursor() as cur:
        center = _check_role(cur, role, center)
    _update(con, actor, username, "role = ?, center = ?", [role, center], {"role": role, "center": center})


def change_password(
    con: duckdb.DuckDBPyConnection, principal: Principal, old: str, new: str, settings: AuthSettings
) -> None:
    """The logged-in user changes their own password; the old one must be given."""
    with con.cursor() as cur:
        row = _row(cur, principal.username)
    if row is None or not _verify(row[4], old):
        raise AccountError("原密码不正确", "the current password is wrong")
    _check_password(new, settings)
    with con.cursor() as cur:
        cur.execute("BEGIN")
        try:
            cur.execute(
                "UPDATE accounts SET password_hash = ? WHERE username = ?", [HASHER.hash(new), row[0]]
            )
            audit.record(cur, principal, "password_change")
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    con: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    settings: AuthSettings,
    source: str = "web",
    client: str | None = None,
    now: dt.datetime | None = None,
) -> Principal | None:
    """The account's principal when the password is right and the account enabled and not locked; else
    None, for every reason alike (the caller shows one message). Every attempt is audited; the attempt
    that reaches the threshold locks the account for the lockout window."""
    now = _now(now)
    with con.cursor() as cur:
        row = _row(cur, username)
        if row is None:
            _verify(_dummy_hash(), password)  # the same work as for a real account
            audit.record(
                cur, None, "login_failed", {"reason": "unknown"}, at=now, attempted=(username, source, client)
            )
            return None
        name, display, role, center, password_hash, disabled, failed, locked_until = row
        principal = Principal(name, role, center, display, source=source, client=client)
        right = _verify(password_hash, password)
        cur.execute("BEGIN")
        try:
            if locked_until is not None and locked_until > now:
                audit.record(cur, principal, "login_failed", {"reason": "locked"}, at=now)
                cur.execute("COMMIT")
                return None
            if right and not disabled:
                cur.execute(
                    "UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_login_at = ? "
                    "WHERE username = ?",
                    [now, name],
                )
                if HASHER.check_needs_rehash(password_hash):
                    cur.execute(
                        "UPDATE accounts SET password_hash = ? WHERE username = ?",
                        [HASHER.hash(password), name],
                    )
                audit.record(cur, principal, "login", at=now)
                cur.execute("COMMIT")
                return principal
            failed = (0 if locked_until is not None else failed) + 1  # a lapsed lock starts a new count
            audit.record(
                cur, principal, "login_failed", {"reason": "disabled" if right else "password"}, at=now
            )
            if failed >= settings.lockout_threshold:
                until = now + dt.timedelta(minutes=settings.lockout_minutes)
                cur.execute(
                    "UPDATE accounts SET failed_attempts = 0, locked_until = ? WHERE username = ?",
                    [until, name],
                )
                audit.record(cur, principal, "lockout", {"until": until.isoformat(" ", "seconds")}, at=now)
            else:
                cur.execute(
                    "UPDATE accounts SET failed_attempts = ?, locked_until = NULL WHERE username = ?",
                    [failed, name],
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    return None


def principal_of(
    con: duckdb.DuckDBPyConnection, username: str, source: str = "web", client: str | None = None
) -> Principal | None:
    """The account as it is now (role and center current), or None when it is gone or disabled."""
    with con.cursor() as cur:
        row = _row(cur, username)
    if row is None or row[5]:
        return None
    return Principal(row[0], row[2], row[3], row[1], source=source, client=client)


def list_accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    with con.cursor() as cur:
        return cur.execute(
            "SELECT username, display_name, role, center, disabled, created_at, last_login_at, "
            "locked_until FROM accounts ORDER BY username_key"
        ).df()
