"""Figures are built once per distinct input and shared; new data (an import) gives new frames, so a new
figure with the new numbers, never the old one."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.plotly_chart import PlotlyMixin

from analytics.auth import OPERATOR
from analytics.intake import commit_import, plan_import
from tests.apptest_pages import open_page
from ui import context, ticket_charts


def weekly(received: list[int]) -> pd.DataFrame:
    weeks = pd.date_range("2022-06-06", periods=len(received), freq="7D")
    return pd.DataFrame({"week": weeks, "received": received, "closed": [1] * len(received),
                         "backlog": range(len(received))})  # fmt: skip


def test_the_same_input_gives_the_same_figure_and_a_changed_one_a_new_figure():
    st.cache_resource.clear()
    first = ticket_charts.flow(weekly([3, 5, 2]), "zh")
    assert ticket_charts.flow(weekly([3, 5, 2]), "zh") is first  # equal frames: built once
    assert ticket_charts.flow(weekly([3, 5, 2]), "en") is not first  # the language is part of the input
    changed = ticket_charts.flow(weekly([3, 45, 2]), "zh")
    assert changed is not first and list(changed.data[0].y) == [3, 45, 2]
    assert list(first.data[0].y) == [3, 5, 2]  # the shared figure was not touched


def test_an_import_shows_in_the_chart_on_the_next_run(app_env, monkeypatch):
    drawn: dict[str, object] = {}
    original = PlotlyMixin.plotly_chart

    def record(self, figure, *args, **kwargs):
        drawn[kwargs.get("key")] = figure
        return original(self, figure, *args, **kwargs)

    monkeypatch.setattr(PlotlyMixin, "plotly_chart", record)
    monkeypatch.setattr(st, "plotly_chart", record.__get__(st._main))
    at = open_page("views/tickets.py")
    assert not at.exception, at.exception
    before = drawn["flow"]
    received = sum(before.data[0].y)

    con = context.connection()
    (uscc,) = con.execute("SELECT uscc FROM enterprises ORDER BY uscc LIMIT 1").fetchone()
    rows = "\n".join(f"F-{i},2022-06-0{1 + i % 9},{uscc},市政设施,积水" for i in range(40))
    data = f"工单号,受理日期,统一社会信用代码,诉求类别,诉求内容\n{rows}\n".encode()
    commit_import(con, plan_import(con, data, "f.csv", "tickets", principal=OPERATOR))
    at.run()
    assert not at.exception, at.exception
    assert drawn["flow"] is not before and sum(drawn["flow"].data[0].y) == received + 40


def test_a_long_input_is_keyed_on_all_of_its_rows():
    """Streamlit's own key hashes 10,000 sampled rows of a frame of 50,000 or more: a change elsewhere
    would serve the old figure."""
    st.cache_resource.clear()
    received = [1] * 60_000
    first = ticket_charts.flow(weekly(received), "zh")
    for position in (0, 17_777, 59_999):
        changed = received.copy()
        changed[position] = 9
        assert ticket_charts.flow(weekly(changed), "zh") is not first, position
