"""Streamlit's own texts in Chinese. Streamlit writes its hints, empty lists and toolbar tooltips in English
whatever the page's language; on a Chinese page CSS hides them and shows Chinese in their place (the
uploader's texts: ui/intake.py). Emitted once per script run by dashboard.py, so every page has them."""

from __future__ import annotations

import streamlit as st

from analytics.i18n import Lang

# The tables' toolbar buttons (their aria-label) and the chart toolbar's Streamlit button, in Chinese.
TOOLBAR = {"Show/hide columns": "显示 / 隐藏列", "Search": "搜索", "Fullscreen": "全屏"}
HINTS = {"apply": "按回车键确认", "submit": "按回车键提交", "no_results": "无匹配项", "select_all": "全选"}

_TIP = '[data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"]'


def _tooltip(english: str, chinese: str) -> str:
    """A toolbar button's tooltip (drawn apart from the button): replaced while that button is hovered."""
    hovered = f'body:has([data-testid="stElementToolbar"] button[aria-label="{english}"]:hover)'
    return f'{hovered} {_TIP} p {{ display: none; }}\n{hovered} {_TIP}::after {{ content: "{chinese}"; }}'


CSS = "\n".join(
    [
        "<style>",
        # Text inputs: "Press Enter to apply", in a form "Press Enter to submit form".
        '[data-testid="InputInstructions"] > span:first-child { display: none; }',
        f'[data-testid="InputInstructions"]::before {{ content: "{HINTS["apply"]}"; }}',
        f'[data-testid="stForm"] [data-testid="InputInstructions"]::before {{ content: "{HINTS["submit"]}"; }}',
        # A select box or multiselect whose search matches nothing: "No results".
        '[role="listbox"][data-empty="true"] [role="option"] span { display: none; }',
        f'[role="listbox"][data-empty="true"]::after {{ content: "{HINTS["no_results"]}"; display: block;'
        " padding: 0.5rem 1rem; opacity: 0.7; }",
        # The tables' column list: "Select all".
        '[data-testid="stDataFrameColumnVisibilityMenu"] input[aria-label="Select all"] ~ span:last-child'
        f' {{ font-size: 0; }}\n[data-testid="stDataFrameColumnVisibilityMenu"] input[aria-label="Select all"]'
        f' ~ span:last-child::after {{ content: "{HINTS["select_all"]}"; font-size: 0.875rem; }}',
        *(_tooltip(english, chinese) for english, chinese in TOOLBAR.items()),
        # The chart toolbar's Streamlit button (a Plotly modebar button, its tooltip drawn from data-title).
        f'.js-plotly-plot .plotly .modebar-btn[data-title="Fullscreen"]::after {{ content: "{TOOLBAR["Fullscreen"]}"; }}',
        "</style>",
    ]
)


def in_page_language(lang: Lang) -> None:
    """On a Chinese page, Streamlit's own texts in Chinese."""
    if lang == "zh":
        st.html(CSS)
