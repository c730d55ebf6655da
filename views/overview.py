"""总览 — town leaders compare the centers: the KPI table of docs/metrics.md and the two headline charts (a click
on a center opens its demand page, or its worker-services page)."""

import streamlit as st

from analytics.i18n import t
from analytics.metrics import CATALOG, SMALL_SAMPLE
from ui import charts, components, context, data, tables

lang = context.lang()
filters = context.filters()
components.page_header(t("overview.title", lang), filters, lang)

current = data.center_kpis(filters)
previous = data.center_kpis(filters.previous())
total, total_before = current[current["is_total"]].iloc[0], previous[previous["is_total"]].iloc[0]
components.notice_if_empty(
    total,
    ["visits", "tickets_received", "open_tickets", "output_value", "vaccination_staff", "activities"],
    "overview",
    lang,
)

components.kpi_tiles(
    total,
    total_before,
    [
        "tickets_received",
        "closure_rate",
        "median_resolution_days",
        "on_time_rate",
        "visit_coverage",
        "participation_per_1000_workers",
    ],
    lang,
    filters.previous(),
)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.resolution_title", lang))
    components.chart_to_page(charts.resolution_by_center(current, lang), "resolution", "views/tickets.py")
with right:
    st.subheader(t("overview.participation_title", lang))
    components.chart_to_page(
        charts.participation_by_center(current, lang), "participation", "views/participation.py"
    )
st.caption(t("overview.click_hint", lang))
components.illustrative_note(current, lang)
st.caption(t("common.small_sample_note", lang, n=SMALL_SAMPLE))

st.subheader(t("overview.table_title", lang))
view = st.segmented_control(
    t("overview.view", lang),
    ["values", "change", "previous"],
    format_func=lambda v: t(f"overview.view.{v}", lang),
    default="values",
    required=True,
    key="overview_view",
)
components.table(tables.kpi_table(current, previous, view, lang), "kpis", lang, hide_index=False,
                 height=35 * (len(CATALOG) + 1) + 3)  # fmt: skip

with st.expander(t("overview.definitions", lang)):
    st.markdown("\n".join(f"- **{m.label(lang)}** — {m.description(lang)}" for m in CATALOG))
