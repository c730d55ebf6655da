"""数据完整性 — which centers have sent which ledgers for which months, and when."""

import streamlit as st

from analytics.i18n import t
from analytics.intake import DATASETS
from ui import charts, components, context, data, tables

lang = context.lang()
filters = context.filters()
components.page_header(t("completeness.title", lang), filters, lang)
st.caption(t("completeness.caption", lang))

grid = data.mart("completeness", filters)
centers = data.centers()
illustrative = set(centers.loc[centers["is_illustrative"], "center"])
if not grid["row_count"].any():
    st.info(t("nodata.notice", lang, what=t("nodata.what.completeness", lang)), icon=":material/inbox:")
st.subheader(t("completeness.behind", lang))
components.table(tables.latest_months(grid, lang, illustrative), "completeness", lang, hide_index=False)

names = list(dict.fromkeys(grid["dataset"]))
for tab, name in zip(st.tabs([DATASETS[n].title(lang) for n in names]) if names else [], names, strict=True):
    with tab:
        components.chart(
            charts.completeness_heatmap(grid[grid["dataset"] == name], lang, illustrative),
            key=f"completeness-{name}",
        )
components.illustrative_note(centers, lang)
