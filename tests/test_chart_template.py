"""Every chart of every page is drawn with the dashboard's cut of Plotly's white template, which covers
each kind of trace the chart has: the look of plotly_white, trace defaults included."""

from __future__ import annotations

import plotly.io as pio
import streamlit as st
from streamlit.elements.plotly_chart import PlotlyMixin

from tests.apptest_pages import PAGES, open_page
from ui.charts import TEMPLATE, TRACE_KINDS


def test_every_chart_has_the_white_look_for_each_of_its_traces(app_env, monkeypatch):
    drawn = []
    original = PlotlyMixin.plotly_chart

    def record(self, figure_or_data, *args, **kwargs):
        drawn.append(figure_or_data)
        return original(self, figure_or_data, *args, **kwargs)

    monkeypatch.setattr(PlotlyMixin, "plotly_chart", record)
    monkeypatch.setattr(st, "plotly_chart", record.__get__(st._main))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
    assert len(drawn) > 30
    white = pio.templates["plotly_white"]
    for figure in drawn:
        assert figure.layout.template == TEMPLATE
        for trace in figure.data:
            assert trace.type in TRACE_KINDS, trace.type
            assert figure.layout.template.data[trace.type] == white.data[trace.type]
    assert TEMPLATE.layout == white.layout
