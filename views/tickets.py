"""诉求办理 — which center resolves enterprises' demands fastest and most reliably, how sure that
comparison is, what is still open and overdue."""

import streamlit as st

from analytics.i18n import t
from analytics.metrics import SMALL_SAMPLE
from analytics.settings import load_settings
from analytics.workdays import official_years
from ui import briefing, components, context, data, drill, links, tables, ticket_charts

lang = context.lang()
targets = load_settings().targets
centers = data.centers()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
filters = drill.narrowed(context.filters(), centers["center"].tolist())
components.page_header(t("tickets.title", lang), filters, lang)
drill.chips(lang)

# Tiles: this period, with the change against the previous period and the same period last year.
kpis = data.center_kpis(filters)
total = kpis[kpis["is_total"]].iloc[0]
components.notice_if_empty(total, ["tickets_received", "open_tickets"], "tickets", lang)
before, year_ago = data.center_kpis(filters.previous()), data.center_kpis(filters.year_earlier())
keys = ["tickets_received", "closure_rate", "on_time_rate", "satisfaction_rate", "median_resolution_days",
        "p90_resolution_days", "open_tickets", "overdue_tickets"]  # fmt: skip
components.kpi_tiles(total, before[before["is_total"]].iloc[0], keys, lang, filters.previous())
previous_total, year_ago_total = before[before["is_total"]].iloc[0], year_ago[year_ago["is_total"]].iloc[0]
if filters.previous().period == filters.year_earlier().period:  # a 12-month period: the same comparison
    comparisons = {components.period_label("tickets.vs_both", filters.previous(), lang): previous_total}
else:
    comparisons = {
        components.period_label("tickets.vs_previous", filters.previous(), lang): previous_total,
        components.period_label("tickets.vs_last_year", filters.year_earlier(), lang): year_ago_total,
    }
components.table(tables.changes(keys, total, comparisons, lang), hide_index=False)
components.target_badges(total, targets, lang)

st.subheader(t("tickets.compare_title", lang))
box = data.mart("tickets_box", filters, unit="days")
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('tickets.speed_title', lang)}**")
    components.clickable_chart(
        ticket_charts.speed_by_center(box, targets["median_resolution_days"], lang), "speed", drill.CENTER
    )
with right:
    st.markdown(f"**{t('tickets.reliability_title', lang)}**")
    components.clickable_chart(
        ticket_charts.reliability_by_center(kpis, targets, lang), "reliability", drill.CENTER
    )
st.caption(t("tickets.speed_caption", lang))
st.markdown(f"**{t('tickets.ranking', lang)}**")
components.table(tables.ranking(box, kpis, lang), "ranking", lang, hide_index=True)
components.illustrative_note(kpis, lang)

briefing.ranking_section(filters, lang)

st.subheader(t("tickets.distribution_title", lang))
unit = st.segmented_control(
    t("tickets.unit", lang), ["days", "workdays"], format_func=lambda u: t(f"tickets.unit.{u}", lang),
    default="days", required=True, key="unit",
)  # fmt: skip
distribution = box if unit == "days" else data.mart("tickets_box", filters, unit="workdays")
components.clickable_chart(
    ticket_charts.resolution_boxes(distribution, unit, targets["median_resolution_days"], lang),
    "boxes",
    drill.CENTER,
)
st.caption(t("tickets.box_caption", lang))
if unit == "workdays":
    years = official_years()
    st.caption(t("tickets.workdays_note", lang, years=f"{years.start}–{years.stop - 1}"))
    outside = int(distribution["outside_calendar"].sum())
    if outside:
        st.warning(t("tickets.outside_calendar", lang, n=outside), icon=":material/event_busy:")

st.subheader(t("tickets.trend_title", lang))
stat = st.segmented_control(
    t("tickets.trend_stat", lang), ["median", "p90"], format_func=lambda s: t(f"overview.{s}", lang),
    default="median", required=True, key="trend_stat",
)  # fmt: skip
components.chart(
    ticket_charts.trend(
        data.mart("tickets_monthly", filters), stat, lang, illustrative, centers["center"].tolist()
    ),
    "trend",
)
st.caption(t("tickets.trend_caption", lang))

st.subheader(t("tickets.flow_title", lang))
components.chart(ticket_charts.flow(data.mart("tickets_flow", filters), lang), "flow")
st.caption(t("tickets.flow_caption", lang))

st.subheader(t("tickets.aging_title", lang))
components.clickable_chart(
    ticket_charts.aging(data.mart("tickets_aging", filters), lang), "aging", drill.CENTER
)

st.subheader(t("tickets.heatmap_title", lang))
components.clickable_chart(
    ticket_charts.category_heatmap(
        data.mart("tickets_categories", filters), lang, illustrative, centers["center"].tolist()
    ),
    "heatmap",
    drill.CATEGORY,
)
st.caption(t("tickets.heatmap_caption", lang, n=SMALL_SAMPLE))

st.subheader(t("tickets.response_title", lang))
components.table(
    tables.response(data.mart("tickets_response", filters), lang, illustrative, centers["center"].tolist()),
    "response",
    lang,
    hide_index=True,
)
st.caption(t("tickets.response_caption", lang))

st.subheader(t("tickets.overdue_title", lang))
overdue = data.mart("tickets_overdue", filters)
st.caption(t("tickets.overdue_caption", lang, n=len(overdue)))
components.enterprise_table(
    tables.overdue(
        overdue,
        links.profile_urls(overdue["uscc"], overdue["enterprise"], overdue["ticket_no"]),
        lang,
        illustrative,
    ),
    "overdue",
    lang,
)
