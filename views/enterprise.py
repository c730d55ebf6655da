"""企业档案 — one enterprise: who it is, its open and overdue demands, its demands of the period and their
resolution, visits, output, vaccination.

Reached from every enterprise list (?uscc=…, and from a list of demands &ticket=…: that demand is said and
marked), or by searching; the URL is shareable.
"""

import streamlit as st

from analytics.filters import describe_period
from analytics.i18n import t
from ui import components, context, data, links, origin, safe, topic_charts, topic_tables

lang = context.lang()
filters = context.filters()
st.title(t("page.enterprise", lang))
components.registry_notice(lang)

query = st.text_input(
    t("enterprise.search", lang), key="enterprise_query", placeholder=t("enterprise.prompt", lang)
)
if query.strip():
    found = data.mart("enterprise_search", filters, text=query.strip())
    if found.empty:
        st.caption(t("enterprise.none_found", lang))
    else:
        choice = st.selectbox(
            t("enterprise.pick", lang), found["uscc"], index=None, key="enterprise_pick",
            placeholder=t("enterprise.pick_placeholder", lang),
            format_func=lambda code: "{} · {} · {}".format(*found.set_index("uscc").loc[code, ["name", "center", "park"]]),
        )  # fmt: skip
        if choice and choice != st.query_params.get("uscc"):
            st.query_params["uscc"] = choice
            st.query_params.pop(links.TICKET, None)  # the demand the link came from is the other one's
            st.rerun()

uscc = st.query_params.get("uscc")
if not uscc:
    origin.without_enterprise(lang)
    st.stop()
profile = data.enterprise_profile(filters, uscc)
if profile.empty:
    st.warning(t("enterprise.unknown", lang, uscc=safe.text(uscc)))
    st.stop()
facts = profile.iloc[0]
st.header(safe.text(facts["name"]))
st.caption(
    f"{t('filters.period', lang)} {describe_period(filters.period, lang)} · {t('enterprise.period_note', lang)}"
)

open_demands = data.mart("enterprise_open", filters, uscc=uscc)
history = data.mart("enterprise_tickets", filters, uscc=uscc)
came_from = origin.demand(filters, uscc, [open_demands, history], lang)

summary = data.mart("enterprise_summary", filters, uscc=uscc).iloc[0]
output = data.mart("enterprise_output", filters, uscc=uscc)
tiles = [
    "visits",
    "tickets_received",
    "median_resolution_days",
    "output_value",
    "output_yoy",
    "vaccination_rate",
]
if output.empty:  # never reported output: no tile claims 0
    tiles = [key for key in tiles if not key.startswith("output")]
components.kpi_tiles(summary, None, tiles, lang, None)

st.subheader(t("enterprise.open", lang))
st.caption(topic_tables.open_summary(open_demands, filters.period.end, lang))
components.listing(
    topic_tables.enterprise_open(open_demands, lang, came_from), f"{uscc}-open", lang, "enterprise.none_open"
)
st.subheader(t("enterprise.tickets", lang))
components.listing(topic_tables.enterprise_tickets(history, lang, came_from), f"{uscc}-tickets", lang)

left, right = st.columns([1, 2])
with left:
    st.subheader(t("enterprise.facts", lang))
    components.facts(topic_tables.enterprise_facts(facts, lang))
with right:
    st.subheader(t("enterprise.output", lang))
    if output.empty:
        st.caption(t("enterprise.nothing", lang))
    else:
        period = (filters.period.start, filters.period.end)
        components.chart(topic_charts.enterprise_output(output, period, lang), "enterprise-output")

st.subheader(t("enterprise.visits", lang))
components.listing(
    topic_tables.enterprise_visits(data.mart("enterprise_visits", filters, uscc=uscc), lang),
    f"{uscc}-visits",
    lang,
)
st.subheader(t("enterprise.vaccination", lang))
returns = data.mart("enterprise_vaccinations", filters, uscc=uscc)
if returns.empty:
    st.caption(t("enterprise.nothing", lang))
else:
    components.chart(topic_charts.enterprise_vaccination(returns, lang), "enterprise-vaccination")
