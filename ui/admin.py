"""The admin pages' pieces: the account list and its forms, the audit log table and filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from analytics.auth import accounts, audit
from analytics.auth.permissions import ROLES
from analytics.i18n import Lang, t
from analytics.intake import Refused
from analytics.settings import load_settings
from ui import auth, context, data

FLASH_KEY = "_accounts_flash"


def account_table(lang: Lang) -> pd.DataFrame:
    frame = accounts.list_accounts(context.connection())
    return pd.DataFrame(
        {
            t("accounts.col.username", lang): frame["username"],
            t("accounts.col.display_name", lang): frame["display_name"],
            t("accounts.col.role", lang): frame["role"].map(lambda role: t(f"role.{role}", lang)),
            t("accounts.col.center", lang): frame["center"].map(lambda c: data.center_shown(c, lang)),
            t("accounts.col.disabled", lang): frame["disabled"],
            t("accounts.col.created", lang): frame["created_at"],
            t("accounts.col.last_login", lang): frame["last_login_at"],
            t("accounts.col.locked_until", lang): frame["locked_until"],
        }
    )


def _attempt(change: Any, done: str) -> None:
    """Run an account change; a refusal is shown, success flashed after the rerun."""
    try:
        change()
    except Refused as refusal:
        st.error(refusal.problem.text(), icon=":material/block:")
        return
    context.after_write()
    st.session_state[FLASH_KEY] = done
    st.rerun()


def flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _role_and_center(lang: Lang, key: str) -> tuple[str, str | None]:
    left, right = st.columns(2)
    role = left.selectbox(
        t("accounts.col.role", lang), ROLES, format_func=lambda r: t(f"role.{r}", lang), key=f"{key}_role"
    )
    center = right.selectbox(
        t("accounts.col.center", lang), [None, *data.centers()["center"]], key=f"{key}_center",
        format_func=lambda c: t("accounts.no_center", lang) if c is None else data.center_shown(c, lang),
    )  # fmt: skip
    return role, center


def create_form(lang: Lang) -> None:
    with st.form("account_create", clear_on_submit=True):
        st.markdown(f"**{t('accounts.create', lang)}**")
        left, right = st.columns(2)
        username = left.text_input(t("accounts.col.username", lang), key="new_username")
        display = right.text_input(t("accounts.col.display_name", lang), key="new_display")
        role, center = _role_and_center(lang, "new")
        password = st.text_input(t("accounts.password", lang), type="password", key="new_password")
        if st.form_submit_button(t("accounts.create_submit", lang), type="primary"):
            _attempt(
                lambda: accounts.create(
                    context.connection(), auth.principal(), username, password, role, load_settings().auth,
                    center, display,
                ),
                t("accounts.created", lang, username=username.strip()),
            )  # fmt: skip


def edit_form(lang: Lang) -> None:
    names = accounts.list_accounts(context.connection())["username"].tolist()
    st.markdown(f"**{t('accounts.edit', lang)}**")
    name = st.selectbox(t("accounts.pick", lang), names, key="edit_username")
    if name is None:
        return
    con, who, saved = context.connection(), auth.principal(), t("accounts.saved", lang)
    row = st.container(horizontal=True)
    if row.button(t("accounts.disable", lang), key="edit_disable"):
        _attempt(lambda: accounts.set_disabled(con, who, name, True), saved)
    if row.button(t("accounts.enable", lang), key="edit_enable"):
        _attempt(lambda: accounts.set_disabled(con, who, name, False), saved)
    with st.form("account_role"):
        role, center = _role_and_center(lang, "edit")
        if st.form_submit_button(t("accounts.set_role", lang)):
            _attempt(lambda: accounts.set_role(con, who, name, role, center), saved)
    with st.form("account_reset", clear_on_submit=True):
        password = st.text_input(t("login.new_password", lang), type="password", key="edit_password")
        if st.form_submit_button(t("accounts.reset", lang)):
            _attempt(lambda: accounts.reset_password(con, who, name, password, load_settings().auth), saved)


def audit_filters(lang: Lang) -> tuple[dt.date | None, dt.date | None, tuple[str, ...], tuple[str, ...]]:
    left, middle, right = st.columns([1, 1, 2])
    chosen = left.date_input(t("audit.period", lang), value=(), key="audit_period", format="YYYY-MM-DD")
    start, end = chosen if isinstance(chosen, tuple) and len(chosen) == 2 else (None, None)
    users = middle.multiselect(
        t("audit.users", lang), audit.usernames(context.connection()), key="audit_users",
        placeholder=t("filters.all", lang),
    )  # fmt: skip
    actions = right.multiselect(
        t("audit.actions", lang), audit.ACTIONS, key="audit_actions", placeholder=t("filters.all", lang),
        format_func=lambda a: t(f"audit.action.{a}", lang),
    )  # fmt: skip
    return start, end, tuple(users), tuple(actions)


def audit_table(
    lang: Lang, start: dt.date | None, end: dt.date | None, users: tuple[str, ...], actions: tuple[str, ...]
) -> pd.DataFrame:
    frame = audit.entries(context.connection(), start, end, users, actions)
    return pd.DataFrame(
        {
            t("audit.col.id", lang): frame["id"],
            t("audit.col.at", lang): frame["logged_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            t("audit.col.username", lang): frame["username"],
            t("audit.col.role", lang): frame["role"].map(
                lambda r: t(f"role.{r}", lang) if isinstance(r, str) else ""
            ),
            t("audit.col.action", lang): frame["action"].map(lambda a: t(f"audit.action.{a}", lang)),
            t("audit.col.detail", lang): frame["detail"],
            t("audit.col.source", lang): frame["source"],
            t("audit.col.client", lang): frame["client"],
        }
    )
