"""A page run with nothing cached runs each mart at most once per parameter set: sections that need the same
numbers (the demand page's KPI tiles and its ranking, the ranking and its drivers) share one run."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
import streamlit as st

from analytics import queries
from tests.apptest_pages import PAGES, open_page
from ui import context

WITHOUT_MARTS = ("views/data_import.py", "views/data_batches.py")  # the ledgers' pages read no mart


@pytest.mark.parametrize("path", [*(p for p in PAGES if p not in WITHOUT_MARTS), "views/briefing.py"])
def test_a_page_run_runs_each_mart_once_per_parameters(app_env, monkeypatch, path):
    at = open_page(path)
    assert not at.exception, at.exception
    if path == "views/enterprise.py":  # the profile of the enterprise with the most demands
        (uscc,) = (
            context.connection()
            .execute("SELECT uscc FROM tickets GROUP BY uscc ORDER BY count(*) DESC, uscc LIMIT 1")
            .fetchone()
        )
        at.query_params["uscc"] = [uscc]
    runs: Counter[tuple[str, str]] = Counter()
    original = queries.run_mart

    def recorded(con, name, params):
        runs[(name, repr(sorted(params.items())))] += 1
        return original(con, name, params)

    for module in list(sys.modules.values()):
        if getattr(module, "run_mart", None) is original:
            monkeypatch.setattr(module, "run_mart", recorded)
    st.cache_data.clear()
    st.cache_resource.clear()
    at.run()
    assert not at.exception, at.exception
    assert runs, "the page ran no mart"
    assert {run: n for run, n in runs.items() if n > 1} == {}
