"""疫苗接种 — how the centers protected the workforce: coverage over time, by size, firms lagging."""

import streamlit as st

from analytics.i18n import t
from analytics.settings import load_settings
from ui import components, context, data, drill, links, topic_charts, topic_tables

TOPIC = ("vaccination",)  # the KPI sections this page shows (analytics.kpis.SECTIONS)

lang = context.lang()
centers = data.centers()
order = centers["center"].tolist()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
filters = drill.narrowed(context.filters(), order)
components.page_header(t("vaccination.title", lang), filters, lang)
drill.chips(lang, hint=None)

kpis = data.center_kpis(filters, TOPIC)
total, before = kpis[kpis["is_total"]].iloc[0], data.center_kpis(filters.previous(), TOPIC)
components.notice_if_empty(total, ["vaccination_staff"], "vaccination", lang)
components.kpi_tiles(total, before[before["is_total"]].iloc[0],
                     ["vaccination_staff", "vaccinated_dose1", "vaccination_rate", "full_course_rate"], lang,
                     filters.previous())  # fmt: skip

st.subheader(t("vaccination.timeline_title", lang))
dose = st.segmented_control(
    t("vaccination.dose", lang), ["dose1", "full", "booster"], format_func=lambda d: t(f"vaccination.{d}", lang),
    default="dose1", required=True, key="dose",
)  # fmt: skip
timeline = data.mart("vaccination_timeline", filters)
components.chart(
    topic_charts.vaccination_timeline(
        timeline, dose, order, illustrative, (filters.period.start, filters.period.end), lang
    ),
    "timeline",
)
st.caption(t("vaccination.timeline_caption", lang))

st.subheader(t("vaccination.size_title", lang))
components.chart(topic_charts.vaccination_by_size(data.mart("vaccination_by_size", filters), lang), "by-size")

threshold = st.slider(
    t("vaccination.threshold", lang), 0.5, 1.0, load_settings().vaccination_threshold, 0.05, format="percent",
    key="threshold",
)  # fmt: skip
st.subheader(t("vaccination.below_title", lang, threshold=f"{threshold:.0%}"))
below = data.mart("vaccination_below", filters, threshold=threshold)
st.caption(t("vaccination.below_caption", lang, n=len(below)))
components.enterprise_table(
    topic_tables.below_threshold(below, links.profile_urls(below["uscc"], below["name"]), lang, illustrative),
    "below-threshold",
    lang,
)
components.illustrative_note(kpis, lang)
