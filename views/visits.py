"""企业走访 — how well the centers know their enterprises: visits, coverage, workload, unvisited firms."""

import streamlit as st

from analytics.i18n import t
from ui import components, context, data, drill, lists, topic_charts, topic_tables

TOPIC = ("visits",)  # the KPI sections this page shows (analytics.kpis.SECTIONS)

lang = context.lang()
centers = data.centers()
order = centers["center"].tolist()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
filters = drill.narrowed(context.filters(), order)
components.page_header(t("visits.title", lang), filters, lang)
drill.chips(lang, "focus.center_hint")

kpis = data.center_kpis(filters, TOPIC)
total, before = kpis[kpis["is_total"]].iloc[0], data.center_kpis(filters.previous(), TOPIC)
components.notice_if_empty(total, ["visits"], "visits", lang)
components.kpi_tiles(total, before[before["is_total"]].iloc[0], ["visits", "enterprises_visited", "visit_coverage"],
                     lang, filters.previous())  # fmt: skip

coverage = data.mart("visits_coverage", filters)
st.subheader(t("visits.coverage_title", lang))
components.clickable_chart(topic_charts.visit_coverage(coverage, lang), "coverage", drill.CENTER)
st.caption(t("visits.coverage_caption", lang))

st.subheader(t("visits.weekly_title", lang))
components.chart(topic_charts.visits_weekly(data.mart("visits_weekly", filters), order, lang), "weekly")

st.subheader(t("visits.workers_title", lang))
components.clickable_chart(
    topic_charts.visits_per_worker(data.mart("visits_workers", filters), lang), "workers", drill.CENTER
)
st.caption(t("visits.workers_caption", lang))
components.table(topic_tables.visit_workload(coverage, lang), "visit-workload", lang, hide_index=True)
st.caption(t("visits.raised_caption", lang))

st.subheader(t("visits.not_visited_title", lang))
unvisited = lists.NotVisited(filters, lang, frozenset(illustrative))
listed = unvisited.listed()
st.caption(t("visits.not_visited_caption", lang, n=listed))
components.searched_enterprise_table(unvisited, listed, "not-visited", lang)
components.illustrative_note(kpis, lang)
