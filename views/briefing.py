"""月度简报 — the leaders' monthly briefing for a month (and optionally one center): download it as PDF
to print or forward, as Word to edit, and preview it here."""

import streamlit as st

from analytics.i18n import t
from ui import briefing, context, data

lang = context.lang()
st.title(t("briefing.title", lang))
st.caption(t("briefing.caption", lang))

months = briefing.months(data.default_period())
chosen_end = context.filters().period.end
default = next((i for i, m in enumerate(months) if m.start <= chosen_end <= m.end), 0)
left, right = st.columns(2)
month = left.selectbox(
    t("briefing.month", lang), months, index=default, format_func=lambda m: briefing.month_label(m, lang),
    key="briefing_month",
)  # fmt: skip
center = right.selectbox(
    t("briefing.center", lang), [None, *briefing.centers()],
    format_func=lambda c: data.center_shown(c, lang) if c else t("briefing.whole_town", lang), key="briefing_center",
)  # fmt: skip

with st.spinner(t("briefing.building", lang)):
    files = briefing.documents(month, center, lang)
briefing.downloads(files, month, center, lang)
st.subheader(t("briefing.preview", lang))
briefing.preview(files["html"])
