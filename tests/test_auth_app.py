"""AppTest of accounts in the app: each role × each page, login failures and lockout, idle timeout,
logout, a center head forging the import center, masked contacts, audited downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from tests.apptest_login import DEMO_USERS, ROOT, goto, logged_in, submit_login
from tests.apptest_pages import shown as decoded
from ui.auth import SEEN_KEY
from ui.navigation import SECTIONS

PAGES = [spec for specs in SECTIONS.values() for spec in specs]
# What each role may open, written out here independently of the permission table.
OPENS = {
    "admin": {spec.url_path for spec in PAGES},
    "leader": {spec.url_path for spec in PAGES} - {"import", "accounts", "audit"},
    "analyst": {spec.url_path for spec in PAGES} - {"import", "accounts", "audit"},
    "center_head": {spec.url_path for spec in PAGES} - {"accounts", "audit"},
}
FAILED = "用户名或密码错误，或账号已被锁定 / wrong username or password, or the account is locked"


def audit_rows(path: Path, action: str) -> list[tuple]:
    con = db.connect(path)
    rows = con.execute(
        "SELECT username, detail::VARCHAR FROM audit_log WHERE action = ? ORDER BY id", [action]
    ).fetchall()
    con.close()
    return rows


@pytest.mark.parametrize("role", list(OPENS))
def test_each_role_sees_its_pages_and_a_refusal_elsewhere(app_env, role):
    at = logged_in(role=role)
    for spec in PAGES:
        goto(at, spec.url_path)
        assert not at.exception, (spec.url_path, at.exception)
        refused = [e.value for e in at.error if "无权打开此页面" in e.value]
        if spec.url_path in OPENS[role]:
            assert not refused, (role, spec.url_path)
            assert at.title[0].value
        else:
            assert refused, (role, spec.url_path)
            assert len(at.title) == 1 and not at.dataframe and not at.get("file_uploader"), spec.url_path


def test_logged_out_every_url_shows_the_login_page(app_env):
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run()
    for spec in PAGES:
        goto(at, spec.url_path)
        assert [t.value for t in at.title] == ["登录"], spec.url_path
        assert not at.metric and not at.dataframe
    assert "demo-chl" in at.markdown[-1].value  # demo accounts listed while demo data are loaded


def test_a_failed_login_says_the_same_for_every_reason_and_locks_after_five(app_env):
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run()
    submit_login(at, "no-such-user", "shishan-demo")
    assert [e.value for e in at.error] == [FAILED]
    for _ in range(5):
        submit_login(at, "demo-leader", "wrong password")
        assert [e.value for e in at.error] == [FAILED]
    submit_login(at, "demo-leader", "shishan-demo")  # right, but locked for 15 minutes
    assert [e.value for e in at.error] == [FAILED] and at.title[0].value == "登录"
    assert len(audit_rows(app_env, "lockout")) == 1
    assert [row[0] for row in audit_rows(app_env, "login_failed")] == ["no-such-user", *["demo-leader"] * 6]


def test_an_idle_session_asks_to_log_in_again(app_env):
    at = logged_in(role="leader")
    at.session_state[SEEN_KEY] = dt.datetime.now() - dt.timedelta(minutes=31)
    at.run()
    assert at.title[0].value == "登录"
    assert "会话已结束" in at.info[-1].value
    assert audit_rows(app_env, "timeout")[0][0] == "demo-leader"
    at.session_state[SEEN_KEY] = dt.datetime.now() - dt.timedelta(minutes=29)
    at.run()
    assert at.title[0].value == "登录"  # the session is gone for good


def test_logout_returns_to_the_login_page_and_is_audited(app_env):
    at = logged_in(role="analyst")
    at.button(key="logout").click().run()
    assert at.title[0].value == "登录"
    assert [row[0] for row in audit_rows(app_env, "logout")] == ["demo-analyst"]
    goto(at, "overview")
    assert at.title[0].value == "登录"


def test_a_center_head_forging_the_center_widget_writes_nothing(app_env):
    con = db.connect(app_env)
    other = con.execute("SELECT min(uscc) FROM clean_enterprises WHERE center = '罗村'").fetchone()[0]
    (batches,) = con.execute("SELECT count(*) FROM import_batches").fetchone()
    con.close()
    at = logged_in(role="center_head")
    at.switch_page("views/data_import.py").run()
    center = at.selectbox(key="import_center")
    assert center.options == ["长虹岭"] and center.disabled
    at = logged_in(role="center_head")
    at.session_state["import_center"] = "罗村"  # a forged widget value, there before the page runs
    at.switch_page("views/data_import.py").run()
    data = f"工单号,受理日期,统一社会信用代码,诉求类别\nF-1,2022-06-20,{other},政策咨询\n".encode()
    at.file_uploader(key="import_files").upload("f.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    confirm = [b for b in at.button if (b.key or "").startswith("confirm-")]
    assert at.selectbox(key="import_center").value == "长虹岭"  # Streamlit drops the forged value
    assert not at.error
    (confirm,) = [b for b in at.button if (b.key or "").startswith("confirm-")]
    assert confirm.disabled  # the only row, of 罗村, is rejected: nothing to import
    assert (
        "该行属于服务中心「罗村」，本账号只能导入「长虹岭」的数据"
        in at.dataframe[-1].value.iloc[:, 2].tolist()
    )
    con = db.connect(app_env)
    assert con.execute("SELECT count(*) FROM import_batches").fetchone()[0] == batches
    con.close()


def test_contacts_are_masked_for_a_leader_and_shown_to_the_centers_head(app_env):
    con = db.connect(app_env)
    code, contact, phone = con.execute(
        "SELECT uscc, contact, phone FROM clean_enterprises JOIN enterprises USING (uscc) "
        "WHERE center = '长虹岭' AND contact IS NOT NULL ORDER BY uscc LIMIT 1"
    ).fetchone()
    con.close()
    shown = {}
    for role in ("leader", "center_head", "admin"):
        at = logged_in(role=role, uscc=[code])
        at.switch_page("views/enterprise.py").run()
        shown[role] = next(decoded(m.value) for m in at.markdown if "联系人" in m.value)
    assert contact in shown["center_head"] and phone in shown["center_head"] and phone in shown["admin"]
    assert contact not in shown["leader"] and phone not in shown["leader"]
    assert f"{contact[0]}*" in shown["leader"] and f"{phone[:3]}*" in shown["leader"]


def test_every_download_is_audited_with_its_table_and_filters(app_env):
    at = logged_in(role="analyst", center=["长虹岭"])
    before = len(audit_rows(app_env, "export"))
    at.download_button(key="kpis-csv").click().run()
    assert not at.exception, at.exception
    rows = audit_rows(app_env, "export")
    assert len(rows) == before + 1
    assert rows[-1][0] == "demo-analyst"
    assert '"table": "kpis"' in rows[-1][1] and "产业社区：长虹岭" in rows[-1][1]


def test_the_admin_creates_and_disables_an_account_on_the_accounts_page(app_env):
    at = logged_in(role="admin")
    at.switch_page("views/accounts.py").run()
    at.text_input(key="new_username").input("wang.wei")
    at.text_input(key="new_display").input("王伟")
    at.selectbox(key="new_role").set_value("center_head")
    at.selectbox(key="new_center").set_value("罗村")
    at.text_input(key="new_password").input("a long password")
    next(b for b in at.button if b.label == "创建").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "已创建账号 wang.wei" in at.success[0].value
    at.selectbox(key="edit_username").set_value("wang.wei").run()
    at.button(key="edit_disable").click().run()
    assert [row[1] for row in audit_rows(app_env, "account_update")] == [
        '{"account": "wang.wei", "disabled": true}'
    ]
    fresh = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run()
    submit_login(fresh, "wang.wei", "a long password")
    assert [e.value for e in fresh.error] == [FAILED]  # disabled


def test_the_audit_page_lists_and_filters_entries(app_env):
    at = logged_in(role="admin")
    at.switch_page("views/audit.py").run()
    table = at.dataframe[0].value
    assert table.iloc[0]["用户"] == DEMO_USERS["admin"] and table.iloc[0]["操作"] == "登录"
    at.multiselect(key="audit_actions").set_value(["account_create"]).run()
    assert set(at.dataframe[0].value["操作"]) == {"新建账号"}
