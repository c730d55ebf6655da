"""The session's account: log in, check the signed token on every run, log out, change the password.

The token lives in this tab's server-side session state (never in the URL): a browser reload starts a
new session and asks to log in again.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.auth import Principal, accounts, audit, session
from analytics.demo.load import DEMO_ACCOUNTS, DEMO_PASSWORD
from analytics.domain import place
from analytics.i18n import Lang, t
from analytics.settings import load_settings
from ui import context

TOKEN_KEY, SEEN_KEY, PRINCIPAL_KEY, NOTICE_KEY = "_auth_token", "_auth_seen", "_principal", "_auth_notice"


def client_address() -> str | None:
    """The browser's address where Streamlit knows it (not behind every proxy, not in AppTest)."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def now() -> dt.datetime:
    return dt.datetime.now()


def current_principal() -> Principal | None:
    """The logged-in account as it is now, or None. An idle or expired session is ended (and audited)."""
    token, seen = st.session_state.get(TOKEN_KEY), st.session_state.get(SEEN_KEY)
    con, settings, moment = context.connection(), load_settings().auth, now()
    principal = session.check(con, token, seen, moment, settings, client_address())
    if principal is None and token:
        expired = accounts.principal_of(con, session.username_of(session.secret(con), token, moment) or "")
        if expired and seen and session.is_idle(seen, moment, settings):
            with con.cursor() as cur:
                audit.record(cur, expired, "timeout", {"idle_since": seen.isoformat(" ", "seconds")})
        _forget()
        st.session_state[NOTICE_KEY] = "login.timed_out"
    if principal is not None:
        st.session_state[SEEN_KEY] = moment
    st.session_state[PRINCIPAL_KEY] = principal
    return principal


def principal() -> Principal:
    """The principal of this run (set by dashboard.py before any page runs)."""
    return st.session_state[PRINCIPAL_KEY]


def _forget() -> None:
    for key in (TOKEN_KEY, SEEN_KEY, PRINCIPAL_KEY):
        st.session_state.pop(key, None)


def log_in(username: str, password: str) -> bool:
    con, settings = context.connection(), load_settings().auth
    found = accounts.authenticate(con, username, password, settings, "web", client_address(), now())
    if found is None:
        return False
    moment = now()
    st.session_state[TOKEN_KEY] = session.issue(session.secret(con), found.username, moment, settings)
    st.session_state[SEEN_KEY] = moment
    st.session_state.pop(NOTICE_KEY, None)
    return True


def log_out() -> None:
    who = st.session_state.get(PRINCIPAL_KEY)
    if who is not None:
        with context.connection().cursor() as cur:
            audit.record(cur, who, "logout")
    _forget()


def login_page() -> None:
    """The login screen: title, form and, while demo data are loaded, the demo accounts to try."""
    lang = context.lang()
    st.title(t("login.title", lang))
    st.caption(t("login.caption", lang))
    login_form(lang)
    if context.demo_loaded():
        st.markdown(f"**{t('login.demo_accounts', lang, password=DEMO_PASSWORD)}**")
        st.markdown(
            "\n".join(
                f"- `{name}` · {t(f'role.{role}', lang)}" + (f" · {center}" if center else "")
                for name, role, center, _ in DEMO_ACCOUNTS
            )
        )


def login_form(lang: Lang) -> None:
    """Username, password, submit (Enter in the password field submits); one message for every failure."""
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(t(notice, lang), icon=":material/schedule:")
    with st.form("login", border=True, width=420):
        username = st.text_input(t("login.username", lang), key="login_username", autocomplete="username")
        password = st.text_input(
            t("login.password", lang), type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("login.submit", lang), type="primary")
    if submitted:
        if username.strip() and log_in(username, password):
            st.rerun()
        st.error(t("login.failed", lang), icon=":material/lock:")


def account_box(who: Principal, lang: Lang) -> None:
    """The sidebar's who-is-logged-in line, logout and password change."""
    box = st.sidebar.container(border=True)
    role = t(f"role.{who.role}", lang)
    scope = f" · {place(who.center, lang)}" if who.center else ""
    box.markdown(f"**{who.display_name}**  \n{who.username} · {role}{scope}")
    row = box.container(horizontal=True)
    if row.button(t("login.logout", lang), key="logout", icon=":material/logout:"):
        log_out()
        st.rerun()
    with row.popover(t("login.change_password", lang), icon=":material/key:"):
        _password_form(who, lang)


def _password_form(who: Principal, lang: Lang) -> None:
    with st.form("password_change", border=False):
        old = st.text_input(t("login.old_password", lang), type="password", key="pw_old")
        new = st.text_input(t("login.new_password", lang), type="password", key="pw_new")
        again = st.text_input(t("login.new_password_again", lang), type="password", key="pw_again")
        submitted = st.form_submit_button(t("login.change_password", lang))
    if not submitted:
        return
    if new != again:
        st.error(t("login.passwords_differ", lang))
        return
    try:
        accounts.change_password(context.connection(), who, old, new, load_settings().auth)
    except accounts.AccountError as error:
        st.error(error.problem.zh if lang == "zh" else error.problem.en)
        return
    st.success(t("login.password_changed", lang))
