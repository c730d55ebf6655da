"""A page's downloads are built only when clicked: running a page builds no CSV or workbook (the lists of
tens of thousands of rows cost seconds each to write), and the click still gives the file."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.elements.widgets.button import ButtonMixin

from analytics.intake import templates
from analytics.tabular import Table
from tests.apptest_pages import PAGES, open_page


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The names of the files built while the test runs (Table.csv / Table.xlsx, import templates)."""
    names: list[str] = []
    for owner, name in ((Table, "csv"), (Table, "xlsx"), (templates, "template_bytes")):
        original = getattr(owner, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            names.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)
    return names


@pytest.fixture
def deferred(monkeypatch) -> dict[str, object]:
    """Each download button's payload as the page passes it, by file name."""
    payloads: dict[str, object] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        payloads[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return payloads


def busiest_enterprise(path) -> str:
    with duckdb.connect(str(path)) as con:
        return con.execute(
            "SELECT uscc FROM tickets GROUP BY uscc ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]


@pytest.mark.parametrize("page", [p for p in PAGES if p != "views/data_batches.py"])
def test_running_a_page_builds_no_download(app_env, built, deferred, page):
    query = {"uscc": [busiest_enterprise(app_env)]} if page == "views/enterprise.py" else {}
    at = open_page(page, **query)
    assert not at.exception, at.exception
    assert at.get("download_button"), "the page offers downloads"
    assert built == [], f"{page} built {built} while drawing"
    assert deferred and all(callable(payload) for payload in deferred.values()), deferred.keys()
    name, payload = next(iter(deferred.items()))
    assert payload()[:2] in (b"PK", b"\xef\xbb"), name  # the click's file: a workbook or a CSV with BOM
