"""The pages, grouped by user, each with the action its role needs; the navigation a principal gets.

A page the role may not open is still registered, hidden, so its URL shows a refusal instead of the page.
Without a session every URL shows the login page. Every page answers at its own URL (/overview): Streamlit
serves its default page at the root URL only, so the default is a hidden page that opens the role's first
page at its own URL, the link's parameters kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from analytics.auth import Principal, can
from analytics.auth.permissions import ACTION_LABELS
from analytics.i18n import Lang, t
from ui import auth
from ui.sidebar import LANG_KEY


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str  # i18n key
    icon: str
    url_path: str
    action: str


SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "section.leaders": (
        PageSpec("views/overview.py", "page.overview", "dashboard", "overview", "view_analysis"),
        PageSpec("views/briefing.py", "page.briefing", "summarize", "briefing", "view_analysis"),
    ),
    "section.analysis": (
        PageSpec("views/tickets.py", "page.tickets", "support_agent", "tickets", "view_analysis"),
        PageSpec("views/visits.py", "page.visits", "directions_walk", "visits", "view_analysis"),
        PageSpec("views/output.py", "page.output", "factory", "output", "view_analysis"),
        PageSpec("views/vaccination.py", "page.vaccination", "vaccines", "vaccination", "view_analysis"),
        PageSpec(
            "views/participation.py", "page.participation", "diversity_3", "participation", "view_analysis"
        ),
        PageSpec("views/enterprise.py", "page.enterprise", "domain", "enterprise", "view_analysis"),
    ),
    "section.data": (
        PageSpec("views/data_import.py", "page.import", "upload_file", "import", "import"),
        PageSpec("views/data_batches.py", "page.batches", "history", "batches", "view_history"),
        PageSpec(
            "views/data_completeness.py", "page.completeness", "grid_on", "completeness", "view_history"
        ),
    ),
    "section.admin": (
        PageSpec("views/accounts.py", "page.accounts", "manage_accounts", "accounts", "manage_accounts"),
        PageSpec("views/audit.py", "page.audit", "receipt_long", "audit", "view_audit"),
    ),
}


def _refusal(spec: PageSpec, lang: Lang) -> Callable[[], None]:
    def refused() -> None:
        st.title(t(spec.title, lang))
        zh, en = ACTION_LABELS[spec.action]
        st.error(t("auth.refused_page", lang, action=zh if lang == "zh" else en), icon=":material/block:")

    refused.__name__ = f"refused_{spec.url_path}"
    return refused


def _login(spec: PageSpec) -> Callable[[], None]:
    """The login page at a page's URL: after logging in, the same URL opens the page."""

    def login() -> None:
        auth.login_page()

    login.__name__ = f"login_{spec.url_path}"
    return login


def _opening(page: StreamlitPage) -> Callable[[], None]:
    """The root URL: switch to `page`, keeping the URL's parameters (the language switch, bound to the URL,
    keeps its own)."""

    def root() -> None:
        kept = {name: st.query_params.get_all(name) for name in st.query_params if name != LANG_KEY}
        st.switch_page(page, query_params=kept)

    return root


def open_root(page: StreamlitPage, who: Principal | None) -> None:
    """At the root URL of a logged-in user, go to the first page (this run ends here)."""
    if who is not None and page.url_path == "":
        page.run()


def pages_for(who: Principal | None, lang: Lang) -> dict[str, list[StreamlitPage]]:
    """Logged in: the pages the role may open (a refusal, hidden, at the others' URLs). Logged out: the
    login page, at every URL."""
    title = t("page.login", lang)
    if who is None:
        login = st.Page(
            "views/login.py", title=title, icon=":material/login:", url_path="login", default=True
        )
        hidden = [
            st.Page(_login(spec), title=title, url_path=spec.url_path, visibility="hidden")
            for specs in SECTIONS.values()
            for spec in specs
        ]
        return {"": [login, *hidden]}
    pages: dict[str, list[StreamlitPage]] = {}
    first: StreamlitPage | None = None
    for section, specs in SECTIONS.items():
        for spec in specs:
            if can(who, spec.action):
                page = st.Page(spec.path, title=t(spec.title, lang), icon=f":material/{spec.icon}:",
                               url_path=spec.url_path)  # fmt: skip
                first = first or page
            else:
                page = st.Page(_refusal(spec, lang), title=t(spec.title, lang), url_path=spec.url_path,
                               visibility="hidden")  # fmt: skip
            pages.setdefault(t(section, lang), []).append(page)
    if first is not None:
        root = st.Page(
            _opening(first), title=first.title, url_path="start", default=True, visibility="hidden"
        )
        next(iter(pages.values())).append(root)
    return pages
