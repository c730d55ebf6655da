"""账号管理 — admins create accounts, disable or enable them, reset passwords, change roles and centers."""

import streamlit as st

from analytics.i18n import t
from ui import admin, context

lang = context.lang()
st.title(t("accounts.title", lang))
st.caption(t("accounts.caption", lang))
admin.flash()
st.dataframe(admin.account_table(lang), hide_index=True, placeholder="—", key="account_table")
left, right = st.columns(2)
with left:
    admin.create_form(lang)
with right:
    admin.edit_form(lang)
