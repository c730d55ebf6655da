"""Accounts, lockout, sessions, permissions, masking and the audit log, through the analytics API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import duckdb
import pytest

from analytics import db
from analytics.auth import OPERATOR, Forbidden, Principal, accounts, audit, masking, session
from analytics.auth.permissions import PERMISSIONS, ROLES, allowed, can, require
from analytics.intake import commit_import, mappings, plan_import, undo
from analytics.settings import AuthSettings
from tests.intake_files import table_counts

SETTINGS = AuthSettings(lockout_threshold=3, lockout_minutes=15, session_idle_minutes=30, session_hours=12)
T0 = dt.datetime(2026, 3, 2, 9, 0)
CHL = Principal("demo-chl", "center_head", "长虹岭", "长虹岭负责人（演示）")


@pytest.fixture
def con(demo_db) -> duckdb.DuckDBPyConnection:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


def entries(con: duckdb.DuckDBPyConnection, action: str) -> list[tuple]:
    return con.execute(
        "SELECT username, role, detail::VARCHAR, source FROM audit_log WHERE action = ? ORDER BY id", [action]
    ).fetchall()


def audit_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def firm_of(con: duckdb.DuckDBPyConnection, center: str) -> str:
    return con.execute("SELECT min(uscc) FROM clean_enterprises WHERE center = ?", [center]).fetchone()[0]


def tickets(*rows: tuple[str, str]) -> bytes:
    lines = [
        "工单号,受理日期,统一社会信用代码,诉求类别",
        *[f"{n},2022-06-20,{code},政策咨询" for n, code in rows],
    ]
    return ("\n".join(lines) + "\n").encode()


# --- accounts and passwords -------------------------------------------------------------------


def test_the_database_stores_argon2id_hashes_never_the_password(tmp_path):
    path = tmp_path / "a.duckdb"
    con = db.connect(path)
    accounts.create(con, OPERATOR, "Wang", "unmistakable-secret-1", "admin", SETTINGS)
    hashes = [row[0] for row in con.execute("SELECT password_hash FROM accounts").fetchall()]
    con.execute("CHECKPOINT")
    con.close()
    assert len(hashes) == 1 and hashes[0].startswith("$argon2id$")
    assert b"unmistakable-secret-1" not in path.read_bytes()
    wal = path.with_name(path.name + ".wal")
    assert not wal.exists() or b"unmistakable-secret-1" not in wal.read_bytes()


def test_usernames_are_unique_regardless_of_case_and_bad_requests_are_refused(con):
    accounts.create(con, OPERATOR, "Zhang.Min", "long enough pw", "leader", SETTINGS)
    refusals = {
        "duplicate": lambda: accounts.create(
            con, OPERATOR, "zhang.min", "long enough pw", "leader", SETTINGS
        ),
        "role": lambda: accounts.create(con, OPERATOR, "x1", "long enough pw", "boss", SETTINGS),
        "no center": lambda: accounts.create(con, OPERATOR, "x2", "long enough pw", "center_head", SETTINGS),
        "unknown center": lambda: accounts.create(
            con, OPERATOR, "x3", "long enough pw", "center_head", SETTINGS, center="火星"
        ),
        "short": lambda: accounts.create(con, OPERATOR, "x4", "short", "leader", SETTINGS),
        "not admin": lambda: accounts.create(con, CHL, "x5", "long enough pw", "leader", SETTINGS),
    }
    for reason, attempt in refusals.items():
        with pytest.raises(accounts.Refused):
            attempt()
        assert con.execute("SELECT count(*) FROM accounts WHERE username LIKE 'x%'").fetchone()[0] == 0, (
            reason
        )
    assert accounts.authenticate(con, "ZHANG.MIN", "long enough pw", SETTINGS, now=T0).username == "Zhang.Min"


def test_lockout_after_repeated_failures_and_unlock_after_the_window(con):
    accounts.create(con, OPERATOR, "li", "right password", "analyst", SETTINGS)
    for minute in range(3):
        assert (
            accounts.authenticate(con, "li", "wrong", SETTINGS, now=T0 + dt.timedelta(minutes=minute)) is None
        )
    assert len(entries(con, "lockout")) == 1
    locked = T0 + dt.timedelta(minutes=10)
    assert accounts.authenticate(con, "li", "right password", SETTINGS, now=locked) is None  # still locked
    assert entries(con, "login_failed")[-1][2] == '{"reason": "locked"}'
    after = T0 + dt.timedelta(minutes=2 + 15, seconds=1)
    assert accounts.authenticate(con, "li", "right password", SETTINGS, now=after).username == "li"
    assert con.execute(
        "SELECT last_login_at, failed_attempts FROM accounts WHERE username = 'li'"
    ).fetchone() == (
        after,
        0,
    )


def test_two_failures_then_a_success_reset_the_count(con):
    accounts.create(con, OPERATOR, "li", "right password", "analyst", SETTINGS)
    for _ in range(2):
        accounts.authenticate(con, "li", "wrong", SETTINGS, now=T0)
    assert accounts.authenticate(con, "li", "right password", SETTINGS, now=T0)
    for _ in range(2):
        accounts.authenticate(con, "li", "wrong", SETTINGS, now=T0)
    assert accounts.authenticate(
        con, "li", "right password", SETTINGS, now=T0
    )  # never reached three in a row
    assert entries(con, "lockout") == []


def test_every_failure_looks_alike_and_is_audited_with_the_attempted_name(con):
    accounts.create(con, OPERATOR, "off", "right password", "analyst", SETTINGS)
    accounts.set_disabled(con, OPERATOR, "off", True)
    assert accounts.authenticate(con, "nobody", "x", SETTINGS, now=T0) is None
    assert accounts.authenticate(con, "off", "right password", SETTINGS, now=T0) is None
    assert accounts.authenticate(con, "demo-leader", "wrong", SETTINGS, now=T0) is None
    assert entries(con, "login_failed") == [
        ("nobody", None, '{"reason": "unknown"}', "web"),
        ("off", "analyst", '{"reason": "disabled"}', "web"),
        ("demo-leader", "leader", '{"reason": "password"}', "web"),
    ]


def test_password_change_needs_the_old_password(con):
    who = accounts.authenticate(con, "demo-leader", "shishan-demo", SETTINGS, now=T0)
    with pytest.raises(accounts.AccountError):
        accounts.change_password(con, who, "wrong", "a brand new password", SETTINGS)
    accounts.change_password(con, who, "shishan-demo", "a brand new password", SETTINGS)
    assert accounts.authenticate(con, "demo-leader", "shishan-demo", SETTINGS, now=T0) is None
    assert accounts.authenticate(con, "demo-leader", "a brand new password", SETTINGS, now=T0)
    assert len(entries(con, "password_change")) == 1


# --- sessions ---------------------------------------------------------------------------------


def test_a_token_is_signed_expires_and_follows_the_account(con):
    key = session.secret(con)
    token = session.issue(key, "demo-chl", T0, SETTINGS)
    assert "shishan-demo" not in token
    assert session.check(con, token, T0, T0 + dt.timedelta(minutes=5), SETTINGS) == CHL
    name, issued, expires, signature = token.split(".")
    forged_name = session.issue(key, "demo-admin", T0, SETTINGS).split(".")[0]
    for forged in (
        f"{forged_name}.{issued}.{expires}.{signature}",  # another user, same signature
        f"{name}.{issued}.{int(expires) + 86400}.{signature}",  # a later expiry
        f"{name}.{issued}.{expires}.{'0' * len(signature)}",
        session.issue(b"another secret", "demo-chl", T0, SETTINGS),
        "garbage",
    ):
        assert session.check(con, forged, T0, T0 + dt.timedelta(minutes=5), SETTINGS) is None, forged
    late = T0 + dt.timedelta(hours=12, minutes=1)
    assert session.check(con, token, late - dt.timedelta(minutes=1), late, SETTINGS) is None  # expired
    assert session.check(con, token, T0, T0 + dt.timedelta(minutes=31), SETTINGS) is None  # idle
    accounts.set_role(con, OPERATOR, "demo-chl", "analyst")
    assert session.check(con, token, T0, T0 + dt.timedelta(minutes=1), SETTINGS).role == "analyst"
    accounts.set_disabled(con, OPERATOR, "demo-chl", True)
    assert session.check(con, token, T0, T0 + dt.timedelta(minutes=1), SETTINGS) is None


def test_the_secret_is_random_per_database_and_kept(con, tmp_path):
    other = db.connect(tmp_path / "other.duckdb")
    assert session.secret(con) == session.secret(con) != session.secret(other)
    assert len(session.secret(other)) == 32
    other.close()


# --- permissions ------------------------------------------------------------------------------


def test_the_permission_table():
    assert set(PERMISSIONS) == set(ROLES)
    assert PERMISSIONS["leader"] == PERMISSIONS["analyst"] == {"view_analysis", "export", "view_history"}
    assert PERMISSIONS["admin"] > PERMISSIONS["center_head"] > PERMISSIONS["leader"]
    assert {"manage_accounts", "view_audit"} & PERMISSIONS["center_head"] == set()
    leader = Principal("l", "leader", None, "l")
    assert not can(leader, "import") and can(CHL, "import") and not allowed(CHL, "import", None)
    assert allowed(CHL, "undo", "长虹岭") and not allowed(CHL, "undo", "罗村")
    assert allowed(OPERATOR, "undo", "罗村") and allowed(OPERATOR, "undo", None)
    with pytest.raises(Forbidden, match="只能为本中心"):
        require(CHL, "import", "罗村")
    with pytest.raises(Forbidden, match="无权"):
        require(leader, "import", "长虹岭")


def test_a_center_head_cannot_import_for_another_center_through_the_api(con):
    data = tickets(("P-1", firm_of(con, "罗村")))
    before = table_counts(con)
    for center in ("罗村", None):
        with pytest.raises(Forbidden):
            plan_import(con, data, "t.csv", "tickets", center, principal=CHL)
    for role in ("leader", "analyst"):
        with pytest.raises(Forbidden):
            plan_import(con, data, "t.csv", "tickets", "长虹岭", principal=Principal("x", role, None, "x"))
    forged = dataclasses.replace(
        plan_import(con, data, "t.csv", "tickets", "罗村", principal=OPERATOR), principal=CHL
    )
    with pytest.raises(Forbidden):
        commit_import(con, forged)
    assert table_counts(con) == before
    assert audit_count(con) == 4  # the demo accounts' creation only


def test_rows_of_another_center_are_rejected_row_by_row(con):
    own, other = firm_of(con, "长虹岭"), firm_of(con, "罗村")
    plan = plan_import(
        con, tickets(("R-1", own), ("R-2", other)), "t.csv", "tickets", "长虹岭", principal=CHL
    )
    assert plan.counts.inserted == 1 and plan.rejected == 1
    problem = plan.validation.problems.iloc[0]
    assert (problem["row"], problem["column"]) == (3, "统一社会信用代码")
    assert problem["message_zh"] == "该行属于服务中心「罗村」，本账号只能导入「长虹岭」的数据"
    batch, counts = commit_import(con, plan)
    assert counts.inserted == 1
    assert con.execute("SELECT count(*) FROM tickets WHERE ticket_no IN ('R-1', 'R-2')").fetchone()[0] == 1
    assert con.execute(
        "SELECT user_name, center FROM import_batches WHERE batch_id = ?", [batch]
    ).fetchone() == (
        "demo-chl",
        "长虹岭",
    )
    admin_plan = plan_import(con, tickets(("R-3", other)), "t.csv", "tickets", "长虹岭", principal=OPERATOR)
    assert admin_plan.rejected == 0  # an admin is not limited to one center


def test_parks_and_activities_naming_another_center_are_rejected(con):
    parks = "园区名称,所属产业社区\n新园A,长虹岭\n新园B,罗村\n".encode()
    plan = plan_import(con, parks, "p.csv", "parks", "长虹岭", principal=CHL)
    assert plan.rejected == 1 and plan.validation.problems.iloc[0]["column"] == "所属产业社区"
    activities = "活动日期,活动名称,服务类别,参与人次,服务中心\n2022-06-01,讲座,政策宣讲,30,长虹岭\n2022-06-02,讲座,政策宣讲,30,罗村\n"
    plan = plan_import(con, activities.encode(), "a.csv", "activities", "长虹岭", principal=CHL)
    assert plan.rejected == 1 and plan.validation.problems.iloc[0]["row"] == 3


def test_undo_and_mappings_of_another_center_are_refused(con):
    other = plan_import(
        con, tickets(("U-1", firm_of(con, "罗村"))), "t.csv", "tickets", "罗村", principal=OPERATOR
    )
    other_batch, _ = commit_import(con, other)
    (demo_batch,) = con.execute("SELECT min(batch_id) FROM import_batches WHERE is_demo").fetchone()
    before = table_counts(con), audit_count(con)
    for batch in (other_batch, demo_batch):
        with pytest.raises(Forbidden):
            undo(con, batch, CHL)
    with pytest.raises(Forbidden):
        mappings.remember(con, CHL, "罗村", "tickets", "反映日期", "received_date")
    assert (table_counts(con), audit_count(con)) == before
    assert con.execute("SELECT count(*) FROM header_mappings").fetchone()[0] == 0
    own = plan_import(
        con, tickets(("U-2", firm_of(con, "长虹岭"))), "t.csv", "tickets", "长虹岭", principal=CHL
    )
    own_batch, _ = commit_import(con, own)
    assert undo(con, own_batch, CHL).removed == {"tickets": 1}
    mappings.remember(con, CHL, "长虹岭", "tickets", "反映日期", "received_date")


def test_every_audited_write_adds_exactly_one_entry(con):
    def one_more(action: str, change) -> dict:
        before = audit_count(con)
        change()
        added = con.execute(
            "SELECT action, username, detail FROM audit_log WHERE id > (SELECT max(id) - ? FROM audit_log)",
            [audit_count(con) - before],
        ).fetchall()
        assert [row[0] for row in added] == [action], added
        return json.loads(added[0][2])

    code = firm_of(con, "长虹岭")
    plan = plan_import(
        con, tickets(("A-1", code), ("A-2", "bad")), "审计.csv", "tickets", "长虹岭", principal=CHL
    )
    batch = []
    detail = one_more("import", lambda: batch.append(commit_import(con, plan)[0]))
    assert detail == {"batch_id": batch[0], "file": "审计.csv", "dataset": "tickets", "center": "长虹岭",
                      "rows_read": 2, "inserted": 1, "updated": 0, "unchanged": 0, "rejected": 1}  # fmt: skip
    assert one_more("undo", lambda: undo(con, batch[0], CHL))["removed"] == {"tickets": 1}
    one_more(
        "header_mapping",
        lambda: mappings.remember(con, CHL, "长虹岭", "tickets", "反映日期", "received_date"),
    )
    one_more(
        "account_create", lambda: accounts.create(con, OPERATOR, "new1", "long enough pw", "leader", SETTINGS)
    )
    one_more("account_update", lambda: accounts.set_role(con, OPERATOR, "new1", "center_head", "罗村"))
    one_more("account_update", lambda: accounts.set_disabled(con, OPERATOR, "new1", True))
    one_more(
        "account_update", lambda: accounts.reset_password(con, OPERATOR, "new1", "another long pw", SETTINGS)
    )
    one_more("login", lambda: accounts.authenticate(con, "demo-chl", "shishan-demo", SETTINGS, now=T0))
    one_more("login_failed", lambda: accounts.authenticate(con, "demo-chl", "nope", SETTINGS, now=T0))
    assert entries(con, "import")[0][:2] == ("demo-chl", "center_head")


def test_the_audit_log_filters_by_day_user_and_action(con):
    accounts.authenticate(con, "demo-chl", "shishan-demo", SETTINGS, now=T0)
    accounts.authenticate(con, "demo-leader", "wrong", SETTINGS, now=T0 + dt.timedelta(days=1))
    with con.cursor() as cur:
        audit.record(cur, CHL, "export", {"table": "kpis"}, at=T0 + dt.timedelta(days=2))
    day = T0.date()
    assert audit.entries(con, day, day)["action"].tolist() == ["login"]
    assert audit.entries(con, usernames=("demo-leader",))["action"].tolist() == ["login_failed"]
    assert audit.entries(con, actions=("export", "login"))["action"].tolist() == ["export", "login"]
    with pytest.raises(ValueError):
        audit.record(con, CHL, "delete everything")


# --- contacts ---------------------------------------------------------------------------------


def test_contacts_are_masked_unless_admin_or_head_of_that_center():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "center": ["长虹岭", "罗村"],
            "contact": ["张敏", "欧阳娜娜"],
            "phone": ["13812341234", "0757-86001234"],
        }
    )
    assert masking.contacts(frame, OPERATOR).equals(frame)
    seen_by_head = masking.contacts(frame, CHL)
    assert seen_by_head["contact"].tolist() == ["张敏", "欧***"]
    assert seen_by_head["phone"].tolist() == ["13812341234", "075******1234"]
    leader = masking.contacts(frame, Principal("l", "leader", None, "l"))
    assert leader["contact"].tolist() == ["张*", "欧***"] and leader["phone"].tolist() == [
        "138****1234",
        "075******1234",
    ]
