"""Open one page of the app in AppTest, in a language and with URL parameters (the way a link would)."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st
from streamlit.elements.widgets.button import ButtonMixin
from streamlit.testing.v1 import AppTest

from tests.apptest_login import logged_in

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "views/overview.py",
    "views/tickets.py",
    "views/visits.py",
    "views/output.py",
    "views/vaccination.py",
    "views/participation.py",
    "views/enterprise.py",
    "views/data_import.py",
    "views/data_batches.py",
    "views/data_completeness.py",
]
LANGS = {"zh": "中文", "en": "English"}


def shown(markdown: str) -> str:
    """Markdown text as a reader sees it: character references (ui.safe.text) decoded, word joiners gone."""
    return html.unescape(markdown).replace("\u2060", "")


def open_page(path: str, lang: str = "zh", **query: list[str]) -> AppTest:
    """Run dashboard.py, log in as the admin, then switch to `path` (the router's own way there)."""
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=120)
    at.query_params["lang"] = [LANGS[lang]]
    for key, values in query.items():
        at.query_params[key] = values
    logged_in(at, "admin")
    at.switch_page(path).run()
    return at


def offered_downloads(monkeypatch) -> dict[str, bytes]:
    """Every download button's file, by file name, as the pages run (filled while the test runs them)."""
    offered: dict[str, bytes] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        offered[file_name] = data() if callable(data) else data  # a file built only when clicked, built here
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    monkeypatch.setattr(st, "download_button", record.__get__(st._main))
    return offered
