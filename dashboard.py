"""Entry point and router: page config, navigation grouped by user, language switch and global filters."""

import streamlit as st

from analytics import db
from analytics.i18n import t
from ui import context, sidebar

st.set_page_config(page_title="狮山“1+6”产业服务看板", page_icon="🏭", layout="wide")

lang = sidebar.language_switch()
con = context.open_or_stop()
pages = {
    t("section.leaders", lang): [
        st.Page(
            "views/overview.py",
            title=t("page.overview", lang),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            "views/briefing.py",
            title=t("page.briefing", lang),
            icon=":material/summarize:",
            url_path="briefing",
        ),
    ],
    t("section.analysis", lang): [
        st.Page(
            "views/tickets.py",
            title=t("page.tickets", lang),
            icon=":material/support_agent:",
            url_path="tickets",
        ),
        st.Page(
            "views/visits.py",
            title=t("page.visits", lang),
            icon=":material/directions_walk:",
            url_path="visits",
        ),
        st.Page(
            "views/output.py", title=t("page.output", lang), icon=":material/factory:", url_path="output"
        ),
        st.Page(
            "views/vaccination.py",
            title=t("page.vaccination", lang),
            icon=":material/vaccines:",
            url_path="vaccination",
        ),
        st.Page(
            "views/participation.py",
            title=t("page.participation", lang),
            icon=":material/diversity_3:",
            url_path="participation",
        ),
        st.Page(
            "views/enterprise.py",
            title=t("page.enterprise", lang),
            icon=":material/domain:",
            url_path="enterprise",
        ),
    ],
    t("section.data", lang): [
        st.Page(
            "views/data_import.py",
            title=t("page.import", lang),
            icon=":material/upload_file:",
            url_path="import",
        ),
        st.Page(
            "views/data_batches.py",
            title=t("page.batches", lang),
            icon=":material/history:",
            url_path="batches",
        ),
        st.Page(
            "views/data_completeness.py",
            title=t("page.completeness", lang),
            icon=":material/grid_on:",
            url_path="completeness",
        ),
    ],
}
page = st.navigation(pages)
context.set_filters(sidebar.global_filters(lang))
if db.has_demo_data(con):
    st.info(t("demo.banner", lang), icon=":material/science:")
page.run()
