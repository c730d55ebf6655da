"""Signed, expiring session tokens: HMAC-SHA256 over username, issue and expiry times.

The secret is a random value kept in the warehouse's meta table (created on first use). A token is held
server-side in the tab's session state, never in the URL. `check` is run on every script run: signature,
expiry, idle time, and the account as it is now (gone, disabled or changed role take effect at once).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

import duckdb

from analytics.auth import accounts
from analytics.auth.permissions import Principal
from analytics.settings import AuthSettings


def secret(con: duckdb.DuckDBPyConnection) -> bytes:
    with con.cursor() as cur:
        found = cur.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()
        if found is None:
            cur.execute(
                "INSERT INTO meta (key, value) VALUES ('session_secret', ?) ON CONFLICT DO NOTHING",
                [secrets.token_hex(32)],
            )
            found = cur.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()
    return bytes.fromhex(found[0])


def _sign(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def issue(key: bytes, username: str, now: dt.datetime, settings: AuthSettings) -> str:
    expires = now + dt.timedelta(hours=settings.session_hours)
    name = base64.urlsafe_b64encode(username.encode()).decode()
    payload = f"{name}.{int(now.timestamp())}.{int(expires.timestamp())}"
    return f"{payload}.{_sign(key, payload)}"


def username_of(key: bytes, token: str, now: dt.datetime) -> str | None:
    """The token's username when its signature holds and it has not expired."""
    try:
        name, issued, expires, signature = token.split(".")
        payload = f"{name}.{issued}.{expires}"
        if not hmac.compare_digest(signature, _sign(key, payload)):
            return None
        if now.timestamp() >= int(expires):
            return None
        return base64.urlsafe_b64decode(name.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def is_idle(last_seen: dt.datetime, now: dt.datetime, settings: AuthSettings) -> bool:
    return now - last_seen > dt.timedelta(minutes=settings.session_idle_minutes)


def check(
    con: duckdb.DuckDBPyConnection,
    token: str | None,
    last_seen: dt.datetime | None,
    now: dt.datetime,
    settings: AuthSettings,
    client: str | None = None,
) -> Principal | None:
    """The principal of a valid, fresh session, or None (log in again)."""
    if not token or last_seen is None:
        return None
    if is_idle(last_seen, now, settings):
        return None
    username = username_of(secret(con), token, now)
    return accounts.principal_of(con, username, "web", client) if username else None
