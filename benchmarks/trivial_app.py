"""The yardstick of benchmarks/bench_browser.py: a Streamlit app whose pages draw as many small charts and
tables as the dashboard's pages, with the same titles, and do no data work at all.

BENCH_TRIVIAL_PAGES (JSON) names each page: {"overview": {"title": "总览", "charts": 4, "tables": 2}, ...};
a start page (not the default one, whose link is the bare URL) is where each timed visit begins, as the dashboard's visits begin on another page.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

SPEC: dict[str, dict] = json.loads(os.environ["BENCH_TRIVIAL_PAGES"])
SMALL = pd.DataFrame(
    {"a": ["甲", "乙", "丙", "丁", "戊"], "b": [1, 2, 3, 4, 5], "c": [0.1, 0.2, 0.3, 0.4, 0.5]}
)


def start() -> None:
    st.title("开始")


def drawn(key: str) -> None:
    spec = SPEC[key]
    st.title(spec["title"])
    for i in range(spec["charts"]):
        figure = go.Figure(go.Bar(x=SMALL["a"], y=SMALL["b"] + i))
        figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10})
        st.plotly_chart(figure, key=f"chart-{i}")
    for i in range(spec["tables"]):
        st.dataframe(SMALL, key=f"table-{i}")


pages = [
    st.Page(lambda: None, title="首页", default=True),
    st.Page(start, title="开始", url_path="start"),
] + [st.Page(lambda key=key: drawn(key), title=spec["title"], url_path=key) for key, spec in SPEC.items()]
st.navigation(pages).run()
