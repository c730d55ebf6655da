"""产值 — how the parks' industry is doing: monthly output, year to date, growth, shares, top firms."""

import dataclasses

import streamlit as st

from analytics.i18n import t
from analytics.periods import Period
from ui import components, context, data, drill, links, topic_charts, topic_tables

TOPIC = ("output",)  # the KPI sections this page shows (analytics.kpis.SECTIONS)

lang = context.lang()
centers = data.centers()
order = centers["center"].tolist()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
filters = drill.narrowed(context.filters(), order)
components.page_header(t("output.title", lang), filters, lang)
drill.chips(lang, "focus.center_hint")

kpis = data.center_kpis(filters, TOPIC)
total, before = kpis[kpis["is_total"]].iloc[0], data.center_kpis(filters.previous(), TOPIC)
components.notice_if_empty(total, ["output_value", "output_value_prev_year"], "output", lang)
components.kpi_tiles(total, before[before["is_total"]].iloc[0], ["output_value", "output_value_prev_year", "output_yoy"],
                     lang, filters.previous())  # fmt: skip

st.subheader(t("output.monthly_title", lang))
by = st.segmented_control(
    t("output.by", lang), ["center", "park"], format_func=lambda b: t(f"output.by.{b}", lang), default="center",
    required=True, key="output_by",
)  # fmt: skip
if by == "center":
    components.chart(topic_charts.output_monthly(data.mart("output_monthly", filters), lang), "monthly")
else:
    components.chart(
        topic_charts.output_monthly_by_park(data.mart("output_monthly_parks", filters), lang), "monthly-parks"
    )

end = filters.period.end
year_to_date = dataclasses.replace(filters, period=Period(end.replace(month=1, day=1), end))
ytd = data.center_kpis(year_to_date, TOPIC)
st.subheader(t("output.ytd_title", lang, year=end.year))
components.kpi_tiles(
    ytd[ytd["is_total"]].iloc[0], None, ["output_value", "output_value_prev_year", "output_yoy"], lang, None
)

growth = data.mart("output_growth", filters)
st.subheader(t("output.yoy_title", lang))
components.clickable_chart(topic_charts.output_growth(kpis, growth, lang), "growth", drill.CENTER)
missing = int(growth.loc[growth["center"].isna(), "missing"].iloc[0])
st.caption(t("output.yoy_caption", lang, missing=missing))

st.subheader(t("output.shares_title", lang))
components.table(
    topic_tables.shares(data.mart("output_shares", filters), illustrative, lang),
    "output-shares",
    lang,
    hide_index=True,
)
st.subheader(t("output.parks_title", lang))
components.table(
    topic_tables.parks(data.mart("output_parks", filters), illustrative, order, lang),
    "output-parks",
    lang,
    hide_index=True,
)

st.subheader(t("output.growth_title", lang))
components.chart(
    topic_charts.growth_distribution(data.mart("output_growth_bins", filters), lang), "growth-bins"
)
new = int(growth.loc[growth["center"].isna(), "new"].iloc[0])
st.caption(t("output.growth_caption", lang, missing=missing, new=new))

st.subheader(t("output.top_title", lang))
top = data.mart("output_top", filters)
components.enterprise_table(
    topic_tables.top_output(top, links.profile_urls(top["uscc"], top["name"]), lang, illustrative),
    "top-output",
    lang,
)
components.illustrative_note(kpis, lang)
