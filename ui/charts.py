"""Plotly figures built from mart frames. Pure functions: no streamlit, no SQL, no aggregation."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, SMALL_SAMPLE
from ui import safe

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
RED, ORANGE, BLUE, GREY = "#b03a2e", "#e59866", "#2e86c1", "#7f8c8d"
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def center_label(center: str, is_illustrative: bool) -> str:
    """A center's name in a chart (escaped for Plotly), * when illustrative."""
    return f"{safe.plotly(center)}*" if is_illustrative else safe.plotly(center)


def layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    """The common look: white template, CJK font, legend above on the right."""
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 30, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        height=height,
        **extra,
    )
    return fig


def count_axis(peak: float | None) -> dict[str, object]:
    """An axis of counts from 0 with whole-number ticks: below 5 a step of 1 (",d" would print 0, 1, 1, 2, 2)."""
    small = peak is not None and pd.notna(peak) and peak < 5
    return {"rangemode": "tozero", "tickformat": ",d", **({"dtick": 1} if small else {})}


def line_mode(points: int, mode: str = "lines") -> str:
    """`mode`, or markers for a series of a single point (a line through one point is not drawn)."""
    return mode if points > 1 else "markers"


def n_labels(frame: pd.DataFrame, n_column: str, lang: Lang) -> list[str]:
    """Center names with their sample size under them, and a mark when the sample is small."""
    labels = []
    for row in frame.itertuples():
        n = int(getattr(row, n_column))
        small = f" ⚠ {t('common.small_sample', lang)}" if n < SMALL_SAMPLE else ""
        labels.append(f"{center_label(row.center, row.is_illustrative)}<br>n={n:,}{small}")
    return labels


def _style(fig: go.Figure, x_title: str, rows: int, bar_rows: float = 1.0) -> go.Figure:
    """Horizontal-bar layout: categories top to bottom in the order given, legend above."""
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 30, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        xaxis_title=x_title,
        yaxis={"autorange": "reversed"},
        height=int(90 + rows * 52 * bar_rows),
    )
    return fig


def _total_line(fig: go.Figure, value: float | None, text: str) -> None:
    if value is not None and pd.notna(value):
        fig.add_vline(
            x=value,
            line_dash="dash",
            line_color=GREY,
            opacity=0.45,
            annotation_text=text,
            annotation_position="top",
            annotation_font_color=GREY,
        )


def resolution_by_center(kpis: pd.DataFrame, lang: Lang) -> go.Figure:
    """Median and P90 resolution days per center; n closed under each name; small samples hatched."""
    centers = kpis[~kpis["is_total"]]
    total = kpis[kpis["is_total"]].iloc[0]
    small = centers["tickets_closed"] < SMALL_SAMPLE
    labels = [
        f"{center_label(row.center, row.is_illustrative)}<br>"
        f"{t('overview.n_closed', lang, n=f'{row.tickets_closed:,}')}"
        + (f" ⚠ {t('common.small_sample', lang)}" if is_small else "")
        for row, is_small in zip(centers.itertuples(), small, strict=True)
    ]
    pattern = {"shape": ["/" if is_small else "" for is_small in small]}
    days = BY_KEY["median_resolution_days"]
    bars = [
        (t("overview.median", lang), "median_resolution_days", RED),
        (t("overview.p90", lang), "p90_resolution_days", ORANGE),
    ]
    fig = go.Figure(
        [
            go.Bar(
                name=name,
                y=labels,
                x=centers[key],
                orientation="h",
                customdata=centers["center"],
                marker={"color": color, "pattern": pattern},
                text=[days.format(v) for v in centers[key]],
                textposition="outside",
                cliponaxis=False,
            )
            for name, key, color in bars
        ]
    )
    _total_line(
        fig,
        total["median_resolution_days"],
        t("overview.total_median", lang, value=days.format(total["median_resolution_days"])),
    )
    fig.update_layout(barmode="group")
    return _style(fig, t("overview.axis_days", lang), len(centers), 1.3)


def participation_by_center(kpis: pd.DataFrame, lang: Lang) -> go.Figure:
    """Person-times per 1,000 workers per center; activities and workers under each name."""
    centers = kpis[~kpis["is_total"]]  # the centers' own order, as in every other chart
    total = kpis[kpis["is_total"]].iloc[0]
    metric = BY_KEY["participation_per_1000_workers"]
    labels = [
        f"{center_label(row.center, row.is_illustrative)}<br>"
        + t("overview.n_participation", lang, activities=f"{row.activities:,}", workers=f"{row.workers:,}")
        for row in centers.itertuples()
    ]
    hover = [
        t(
            "overview.hover_participation",
            lang,
            person_times=f"{row.activity_person_times:,}",
            workers=f"{row.workers:,}",
            activities=f"{row.activities:,}",
        )
        for row in centers.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=centers["participation_per_1000_workers"],
            orientation="h",
            marker_color=BLUE,
            customdata=centers["center"],
            hovertext=hover,
            hoverinfo="text",
            text=[metric.format(v) for v in centers["participation_per_1000_workers"]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    _total_line(
        fig,
        total["participation_per_1000_workers"],
        t("overview.total_value", lang, value=metric.format(total["participation_per_1000_workers"])),
    )
    fig.update_layout(showlegend=False)
    return _style(fig, t("overview.axis_per_1000", lang), len(centers))


def completeness_heatmap(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Centers × months of one dataset: row counts, empty months blank; hover shows the last upload."""
    months = sorted(frame["month"].unique())
    centers = list(dict.fromkeys(frame["center"]))
    grid = frame.pivot(index="center", columns="month", values="row_count").reindex(
        index=centers, columns=months
    )
    uploads = frame.pivot(index="center", columns="month", values="last_upload").reindex(
        index=centers, columns=months
    )
    text = grid.map(lambda n: f"{n:,}" if n else "")
    hover = [
        [
            f"{safe.plotly(center)} · {pd.Timestamp(month):%Y-%m}<br>{t('completeness.rows', lang)} {grid.loc[center, month]:,}"
            + (
                f"<br>{t('completeness.last_upload', lang)} {uploads.loc[center, month]:%Y-%m-%d %H:%M}"
                if pd.notna(uploads.loc[center, month])
                else ""
            )
            for month in months
        ]
        for center in centers
    ]
    fig = go.Figure(
        go.Heatmap(
            z=grid.where(grid > 0).to_numpy(), x=[f"{pd.Timestamp(m):%Y-%m}" for m in months], y=[safe.plotly(c) for c in centers],
            text=text.to_numpy(), texttemplate="%{text}", hovertext=hover, hoverinfo="text",
            colorscale="Blues", showscale=False, xgap=2, ygap=2,
        )
    )  # fmt: skip
    fig.update_layout(
        template="plotly_white", font={"family": FONT, "size": 12}, height=90 + 36 * len(centers),
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, yaxis={"autorange": "reversed"}, plot_bgcolor="#fbeeee",
    )  # fmt: skip
    return fig
