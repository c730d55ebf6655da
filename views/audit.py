"""操作日志 — admins filter the audit log by date, user and action, and download it."""

import streamlit as st

from analytics.i18n import t
from ui import admin, components, context

lang = context.lang()
st.title(t("audit.title", lang))
st.caption(t("audit.caption", lang))
entries = admin.audit_table(lang, *admin.audit_filters(lang))
if entries.empty:
    st.info(t("audit.empty", lang))
else:
    components.listing(entries, "audit-log", lang)
