"""Entry point and router: page config, login gate, navigation by role, language switch, global filters."""

import streamlit as st

from analytics.i18n import t
from ui import auth, context, data, drill, navigation, notice, sidebar, streamlit_texts

st.set_page_config(page_title="狮山“1+6”产业服务看板", page_icon="🏭", layout="wide")

lang = sidebar.language_switch()
streamlit_texts.in_page_language(lang)
context.open_or_stop()
context.read_data_version()
who = auth.current_principal()
page = st.navigation(navigation.pages_for(who, lang), expanded=True)  # no "View N more" (English only)
navigation.open_root(page, who)
if who is not None:
    context.set_filters(sidebar.global_filters(lang))
    drill.check_link(context.filters(), data.centers()["center"].tolist())
    auth.account_box(who, lang)
    notice.show(page.url_path, context.filters(), lang)
if context.demo_loaded():
    st.info(t("demo.banner", lang), icon=":material/science:")
page.run()
