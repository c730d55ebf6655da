"""职工服务 — how many industrial workers the services reach: per 1,000 workers, categories, venues."""

import streamlit as st

from analytics.i18n import t
from ui import charts, components, context, data, drill, topic_charts, topic_tables

TOPIC = ("activities",)  # the KPI sections this page shows (analytics.kpis.SECTIONS)

lang = context.lang()
centers = data.centers()
order = centers["center"].tolist()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
filters = drill.narrowed(context.filters(), order)
components.page_header(t("participation.title", lang), filters, lang)
drill.chips(lang, "focus.center_hint")
if filters.types:
    st.caption(t("filters.types_activities_note", lang))

kpis = data.center_kpis(filters, TOPIC)
total, before = kpis[kpis["is_total"]].iloc[0], data.center_kpis(filters.previous(), TOPIC)
components.notice_if_empty(total, ["activities"], "participation", lang)
components.kpi_tiles(total, before[before["is_total"]].iloc[0],
                     ["activities", "activity_person_times", "workers", "participation_per_1000_workers"], lang,
                     filters.previous())  # fmt: skip

left, right = st.columns(2)
with left:
    st.subheader(t("participation.per_1000_title", lang))
    components.clickable_chart(charts.participation_by_center(kpis, lang), "per-1000", drill.CENTER)
with right:
    st.subheader(t("participation.trend_title", lang))
    components.chart(
        topic_charts.participation_trend(data.mart("activities_monthly", filters), order, lang), "trend"
    )

breakdown = data.mart("activities_breakdown", filters)
st.subheader(t("participation.categories_title", lang))
components.chart(topic_charts.breakdown(breakdown, "category", order, illustrative, lang), "categories")
st.subheader(t("participation.venues_title", lang))
components.chart(topic_charts.breakdown(breakdown, "venue", order, illustrative, lang), "venues")

st.subheader(t("participation.people_title", lang))
components.table(
    topic_tables.people(data.mart("activities_people", filters), illustrative, order, lang),
    "people",
    lang,
    hide_index=True,
)

st.subheader(t("participation.top_title", lang))
top = topic_tables.top_activities(data.mart("activities_top", filters), illustrative, lang)
components.listing(top, "top-activities", lang)

st.subheader(t("participation.calendar_title", lang))
components.chart(topic_charts.activity_calendar(data.mart("activities_calendar", filters), lang), "calendar")
components.illustrative_note(kpis, lang)
