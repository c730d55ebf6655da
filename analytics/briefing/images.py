"""The overview's charts as static PNG images (kaleido driving Debian's chromium, CJK fonts).

The figures are the overview page's own (ui/charts.py: pure Plotly builders, no streamlit). Kaleido's
browser takes seconds to start, so one briefing starts it once for all its charts.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import kaleido
import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import Lang, t
from ui import charts

log = logging.getLogger(__name__)
WIDTH = 640  # px at scale 1; two side by side on A4 (about 9 cm each)
_LOCK = threading.Lock()  # kaleido's server is process-wide


DRAW_ATTEMPTS = 2  # a second start of the headless browser when the first fails


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes


def overview_charts(kpis: pd.DataFrame, lang: Lang) -> tuple[Image, ...]:
    """The charts as images; none (logged) when the headless browser fails, so the briefing still comes out."""
    figures = {
        t("overview.resolution_title", lang): charts.resolution_by_center(kpis, lang),
        t("overview.participation_title", lang): charts.participation_by_center(kpis, lang),
    }
    for attempt in range(1, DRAW_ATTEMPTS + 1):
        try:
            pngs = render(list(figures.values()))
        except Exception:  # kaleido drives a browser: it can fail to start or to draw (a busy machine)
            log.warning("the briefing's charts could not be drawn (try %d of %d)", attempt, DRAW_ATTEMPTS,
                        exc_info=True)  # fmt: skip
        else:
            return tuple(Image(title, png) for title, png in zip(figures, pngs, strict=True))
    return ()


def render(figures: list[go.Figure]) -> list[bytes]:
    with _LOCK:
        kaleido.start_sync_server(silence_warnings=True)
        try:
            return [
                kaleido.calc_fig_sync(
                    figure,
                    opts={"format": "png", "width": WIDTH, "height": figure.layout.height or 400, "scale": 2},
                )
                for figure in figures
            ]
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
