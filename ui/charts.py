"""Plotly figures built from mart frames. Pure functions: no streamlit, no SQL, no aggregation."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import pickle
from collections.abc import Callable
from typing import TypeVar, cast

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from plotly.subplots import make_subplots

from analytics.domain import place
from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, SMALL_SAMPLE, money_unit
from ui import safe

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
RED, ORANGE, BLUE, GREY = "#b03a2e", "#e59866", "#2e86c1", "#7f8c8d"
PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]
# Plotly's white template, cut to the kinds of trace the dashboard draws: the same look, a third of the
# cost of validating it into every figure and half the JSON sent per chart. A new kind of trace must be
# added here (tests/test_chart_axes.py checks every figure's traces are covered).
TRACE_KINDS = ("bar", "box", "heatmap", "scatter")
TEMPLATE = go.layout.Template(
    layout=pio.templates["plotly_white"].layout,
    data={kind: pio.templates["plotly_white"].data[kind] for kind in TRACE_KINDS},
)
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
# Plotly's own texts (toolbar, hints) and its month and day names in Chinese: a locale given with the chart.
_ZH_CN = {
    "dictionary": {
        "Autoscale": "自动缩放",
        "Box Select": "矩形框选",
        "Compare data on hover": "悬停时比较数据",
        "Double-click to zoom back out": "双击恢复缩放",
        "Download plot": "下载图表",
        "Fullscreen": "全屏",
        "Download plot as a PNG": "下载图表（PNG）",
        "Pan": "平移",
        "Reset axes": "重置坐标轴",
        "Reset view": "重置视图",
        "Show closest data on hover": "悬停时显示最近的数据",
        "Toggle Spike Lines": "显示 / 隐藏辅助线",
        "Zoom": "缩放",
        "Zoom in": "放大",
        "Zoom out": "缩小",
    },
    "format": {
        "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "months": [f"{m}月" for m in range(1, 13)],
        "shortMonths": [f"{m}月" for m in range(1, 13)],
        "date": "%Y-%m-%d",
    },
}


Builder = TypeVar("Builder", bound=Callable[..., object])


def built_once(builder: Builder) -> Builder:
    """A page's figure (or long table) builder whose result is built once per distinct input and then
    shared: the frames it is given are the marts' results, which change with the filters and the data
    version, so an import or undo gives new frames and a new result. Nothing changes a result once built."""
    cached = st.cache_resource(
        show_spinner=False, max_entries=256,
        hash_funcs={pd.DataFrame: frame_key, pd.Series: lambda series: frame_key(series.to_frame())},
    )  # fmt: skip
    return cast("Builder", cached(builder))


def frame_key(frame: pd.DataFrame) -> tuple[object, ...]:
    """A frame's whole content as a cache key (Streamlit's own key hashes a sample of a long frame)."""
    try:
        values = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    except TypeError:  # unhashable cells (lists): their pickled form
        values = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.blake2b(values, digest_size=16).hexdigest()
    return tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)), frame.shape, digest


def config(lang: Lang) -> dict[str, object]:
    """The charts' Plotly config in `lang` (Plotly itself speaks English)."""
    return {**CONFIG, "locale": "zh-CN", "locales": {"zh-CN": _ZH_CN}} if lang == "zh" else CONFIG


def center_name(center: str, is_illustrative: bool, lang: Lang) -> str:
    """A center's name as text (tables, downloads): romanised beside it in English, * when illustrative."""
    name = place(center, lang)
    return f"{name}*" if is_illustrative else name


def center_label(center: str, is_illustrative: bool, lang: Lang) -> str:
    """A center's name in a chart: `center_name` escaped for Plotly."""
    return safe.plotly(center_name(center, is_illustrative, lang))


def layout(fig: go.Figure, height: int, lang: Lang, **extra: object) -> go.Figure:
    """The common look: white template, CJK font, legend above on the right; axes in `lang` (`localise`)."""
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 30, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        height=height,
        **extra,
    )
    return localise(fig, lang)


# --- the language of axes -----------------------------------------------------------------------

# Date ticks as the builders ask for them (month or day), in each language; hovers show the full day.
DATE_TICKS: dict[str, dict[str, str]] = {
    "%Y-%m": {"zh": "%Y年%-m月", "en": "%b %Y"},
    "%Y-%m-%d": {"zh": "%-m月%-d日<br>%Y年", "en": "%-d %b<br>%Y"},
}
DATE_HOVER = {"zh": "%Y年%-m月%-d日", "en": "%-d %b %Y"}
COMPACT_DATES = {"zh": "%-m月<br>%Y年", "en": "%b<br>%Y"}  # in small multiples' narrow panels
# Chinese number suffixes, largest first: 万 (10⁴) and 亿 (10⁸) where Plotly would write k and M.
CHINESE_SUFFIXES = ((100_000_000, "亿"), (10_000, "万"))


def chinese_number(value: float) -> str:
    """A tick value with 万 / 亿 instead of k / M: 25000 → "2.5万", 300000000 → "3亿", 800 → "800"."""
    for size, suffix in CHINESE_SUFFIXES:
        if abs(value) >= size:
            return f"{value / size:,.4g}{suffix}"
    return f"{value:,.4g}"


def _nice_ticks(largest: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to past `largest` (steps of 1, 2, 2.5 or 5 × 10ⁿ)."""
    raw = largest / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [step * i for i in range(int(largest // step) + 2)]


def _is_dates(values: object) -> bool:
    array = np.asarray(values) if values is not None else np.array([])
    if array.size == 0:
        return False
    return np.issubdtype(array.dtype, np.datetime64) or isinstance(array.flat[0], dt.date)


def _numbers(values: object) -> np.ndarray:
    return pd.to_numeric(pd.Series(np.asarray(values, dtype=object)), errors="coerce").to_numpy(dtype=float)


def _largest_values(fig: go.Figure) -> dict[str, float]:
    """Per numeric axis ("x", "y2" …): the largest absolute value drawn on it, stacked bars added up."""
    stacked = fig.layout.barmode in ("stack", "relative")
    largest: dict[str, float] = {}
    stacks: dict[tuple[str, object], float] = {}
    for trace in fig.data:
        if trace.type not in ("bar", "scatter"):
            continue
        horizontal = trace.type == "bar" and trace.orientation == "h"
        axis = (trace.xaxis or "x") if horizontal else (trace.yaxis or "y")
        values, positions = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
        if values is None or _is_dates(values):
            continue
        numbers = np.nan_to_num(_numbers(values))
        if trace.type == "bar" and stacked and positions is not None:
            for position, number in zip(np.asarray(positions, dtype=object).tolist(), numbers, strict=False):
                stacks[axis, position] = stacks.get((axis, position), 0.0) + abs(number)
        elif numbers.size:
            largest[axis] = max(largest.get(axis, 0.0), float(np.abs(numbers).max()))
    for (axis, _), total in stacks.items():
        largest[axis] = max(largest.get(axis, 0.0), total)
    return largest


def _date_axes(fig: go.Figure) -> set[str]:
    axes = set()
    for trace in fig.data:
        for letter in ("x", "y"):
            if _is_dates(getattr(trace, letter, None)):
                axes.add(getattr(trace, f"{letter}axis", None) or letter)
    return axes


FEW_DATES = 4  # small multiples' date axes tick at most this many times


def _few_dates(fig: go.Figure) -> list[pd.Timestamp] | None:
    """The distinct dates drawn, when there are at most FEW_DATES of them."""
    drawn = [
        pd.to_datetime(pd.Series(np.asarray(values).ravel()))
        for trace in fig.data
        for values in (getattr(trace, "x", None), getattr(trace, "y", None))
        if _is_dates(values)
    ]
    distinct = sorted(pd.concat(drawn).dropna().unique()) if drawn else []
    return [pd.Timestamp(day) for day in distinct] if 0 < len(distinct) <= FEW_DATES else None


def localise(fig: go.Figure, lang: Lang) -> go.Figure:
    """Every axis in `lang`: date ticks as "2022年3月" (or "Mar 2022"), and in Chinese large numbers with
    万 / 亿 rather than k / M. Used by every figure builder, through `layout`."""
    dates, largest = _date_axes(fig), _largest_values(fig)
    panels = len(list(fig.select_xaxes())) > 1
    few = _few_dates(fig) if panels else None

    def one(axis: go.layout.XAxis | go.layout.YAxis) -> None:
        name = axis.plotly_name.replace("axis", "")  # "xaxis2" -> "x2"
        if (name in dates or axis.type == "date") and panels and few:
            # a few dates (a short period): a tick at each, its day when they are not months — Plotly's own
            # ticks would fall between them and repeat one month's label
            months = all(day.day == 1 for day in few)
            axis.update(
                tickmode="array",
                tickvals=[day.strftime("%Y-%m-%d") for day in few],
                tickformat=COMPACT_DATES[lang] if months else DATE_TICKS["%Y-%m-%d"][lang],
                hoverformat=DATE_HOVER[lang],
                dtick=None,
                tickangle=0,
            )
        elif (name in dates or axis.type == "date") and panels:
            axis.update(
                tickformat=COMPACT_DATES[lang],
                hoverformat=DATE_HOVER[lang],
                nticks=4,
                dtick=None,
                tickangle=0,
            )
        elif name in dates or axis.type == "date":
            axis.update(tickformat=DATE_TICKS.get(axis.tickformat or "%Y-%m", {}).get(lang, axis.tickformat),
                        hoverformat=DATE_HOVER[lang])  # fmt: skip
        elif lang == "zh" and largest.get(name, 0) >= 10_000 and not axis.tickformat:
            ticks = _nice_ticks(largest[name])
            axis.update(tickvals=ticks, ticktext=[chinese_number(v) for v in ticks])

    fig.for_each_xaxis(one)
    fig.for_each_yaxis(one)
    return fig


def count_axis(peak: float | None) -> dict[str, object]:
    """An axis of counts from 0 with whole-number ticks: below 5 a step of 1 (",d" would print 0, 1, 1, 2, 2)."""
    small = peak is not None and pd.notna(peak) and peak < 5
    return {"rangemode": "tozero", "tickformat": ",d", **({"dtick": 1} if small else {})}


def line_mode(points: int, mode: str = "lines") -> str:
    """`mode`, or markers for a series of a single point (a line through one point is not drawn)."""
    return mode if points > 1 else "markers"


def month_name(month: object, lang: Lang) -> str:
    """A month as a tick or cell reads it: "2022年3月", "Mar 2022"."""
    stamp = pd.Timestamp(month)
    return f"{stamp.year}年{stamp.month}月" if lang == "zh" else f"{stamp:%b %Y}"


def money_axis(largest: float, lang: Lang) -> tuple[float, str, str]:
    """For a chart of output held in 万元 whose largest is `largest`: the divisor, the axis title and the
    hover format (亿元 from one 亿元 up, as on the tiles)."""
    divisor, unit, decimals = money_unit(largest, lang)
    return divisor, t("chart.output_in", lang, unit=unit), f"%{{y:,.{decimals}f}} {unit}"


# --- many lines: small multiples -------------------------------------------------------------------

MANY_LINES = 6  # from this many lines a chart is drawn as small multiples


def small_multiples(
    panels: dict[str, pd.DataFrame],
    x: str,
    y: str,
    lang: Lang,
    context: tuple[str, pd.DataFrame] | None = None,
    hovertemplate: str | None = None,
    columns: int = 3,
) -> go.Figure:
    """One small panel per center (its label as the panel's title), sharing both axes; `context` (a name
    and a frame, e.g. all centers) drawn grey in every panel so each center reads against it."""
    names = list(panels)
    rows = math.ceil(len(names) / columns)
    fig = make_subplots(rows=rows, cols=columns, shared_xaxes=True, shared_yaxes="all", subplot_titles=names,
                        vertical_spacing=0.12 if rows > 1 else 0.0, horizontal_spacing=0.04)  # fmt: skip
    for position, name in enumerate(names):
        row, col = position // columns + 1, position % columns + 1
        if context is not None:
            label, frame = context
            fig.add_scatter(x=frame[x], y=frame[y], name=label, mode="lines", legendgroup="context",
                            showlegend=position == 0, line={"color": GREY, "dash": "dash", "width": 1.5},
                            hoverinfo="skip", row=row, col=col)  # fmt: skip
        rows_of = panels[name]
        fig.add_scatter(x=rows_of[x], y=rows_of[y], name=name, mode=line_mode(len(rows_of), "lines+markers"), showlegend=False,
                        line={"color": RED, "width": 2}, marker={"size": 4}, hovertemplate=hovertemplate,
                        customdata=rows_of.get("n"), row=row, col=col)  # fmt: skip
    fig.update_annotations(font={"size": 13})
    return fig


def lines_by_center(
    frame: pd.DataFrame,
    x: str,
    y: str,
    order: list[str],
    lang: Lang,
    context: tuple[str, pd.DataFrame] | None = None,
    hover: str | None = None,
) -> tuple[go.Figure, int]:
    """One line per center (in `order`) and its height; from MANY_LINES lines on, small multiples with
    `context` (e.g. all centers) grey in each panel. Axis settings go on with `fig.update_xaxes` etc."""
    panels = {}
    for center in order:
        rows = frame[frame["center"] == center]
        if not rows.empty:
            panels[center_label(center, bool(rows["is_illustrative"].iloc[0]), lang)] = rows
    if len(panels) + (context is not None) >= MANY_LINES:
        return small_multiples(panels, x, y, lang, context, hover), panel_height(len(panels))
    fig = make_subplots(rows=1, cols=1)  # one grid, so shapes can go on "all" panels alike
    if context is not None:
        fig.add_scatter(x=context[1][x], y=context[1][y], name=context[0], mode="lines",
                        line={"color": GREY, "dash": "dash", "width": 3})  # fmt: skip
    for position, (name, rows) in enumerate(panels.items()):
        fig.add_scatter(
            x=rows[x], y=rows[y], mode=line_mode(len(rows), "lines+markers"), name=name, customdata=rows.get("n"),
            line={"color": PALETTE[position % len(PALETTE)], "width": 2}, hovertemplate=hover,
        )  # fmt: skip
    return fig, 380


def panel_height(panels: int, columns: int = 3) -> int:
    return 90 + 210 * math.ceil(panels / columns)


def n_labels(frame: pd.DataFrame, n_column: str, lang: Lang) -> list[str]:
    """Center names with their sample size under them, and a mark when the sample is small."""
    labels = []
    for row in frame.itertuples():
        n = int(getattr(row, n_column))
        small = f" ⚠ {t('common.small_sample', lang)}" if n < SMALL_SAMPLE else ""
        labels.append(f"{center_label(row.center, row.is_illustrative, lang)}<br>n={n:,}{small}")
    return labels


def _style(fig: go.Figure, x_title: str, rows: int, lang: Lang, bar_rows: float = 1.0) -> go.Figure:
    """Horizontal-bar layout: categories top to bottom in the order given, legend above."""
    return layout(
        fig, int(90 + rows * 52 * bar_rows), lang, xaxis_title=x_title, yaxis={"autorange": "reversed"}
    )


def _total_line(fig: go.Figure, value: float | None, text: str) -> None:
    """The whole scope's value as a dashed line under the bars (their value labels sit inside the bars,
    so the line never crosses one)."""
    if value is not None and pd.notna(value):
        fig.add_vline(
            x=value,
            line_dash="dash",
            line_color=GREY,
            opacity=0.6,
            layer="below",
            annotation_text=text,
            annotation_position="top",
            annotation_font_color=GREY,
        )


INSIDE = {"textposition": "inside", "insidetextanchor": "end", "cliponaxis": False}


@built_once
def resolution_by_center(kpis: pd.DataFrame, lang: Lang) -> go.Figure:
    """Median and P90 resolution days per center; n closed under each name; small samples hatched."""
    centers = kpis[~kpis["is_total"]]
    total = kpis[kpis["is_total"]].iloc[0]
    small = centers["tickets_closed"] < SMALL_SAMPLE
    labels = [
        f"{center_label(row.center, row.is_illustrative, lang)}<br>"
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
                textfont={"color": "white" if color == RED else "#333"},
                **INSIDE,
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
    return _style(fig, t("overview.axis_days", lang), len(centers), lang, 1.3)


@built_once
def participation_by_center(kpis: pd.DataFrame, lang: Lang) -> go.Figure:
    """Person-times per 1,000 workers per center; activities and workers under each name."""
    centers = kpis[~kpis["is_total"]]  # the centers' own order, as in every other chart
    total = kpis[kpis["is_total"]].iloc[0]
    metric = BY_KEY["participation_per_1000_workers"]
    labels = [
        f"{center_label(row.center, row.is_illustrative, lang)}<br>"
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
            textfont={"color": "white"},
            **INSIDE,
        )
    )
    _total_line(
        fig,
        total["participation_per_1000_workers"],
        t("overview.total_value", lang, value=metric.format(total["participation_per_1000_workers"])),
    )
    fig.update_layout(showlegend=False)
    return _style(fig, t("overview.axis_per_1000", lang), len(centers), lang)


@built_once
def completeness_heatmap(frame: pd.DataFrame, lang: Lang, illustrative: set[str]) -> go.Figure:
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
            f"{safe.plotly(place(center, lang))} · {month_name(month, lang)}<br>{t('completeness.rows', lang)} {grid.loc[center, month]:,}"
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
            z=grid.where(grid > 0).to_numpy(), x=[month_name(m, lang) for m in months], y=[center_label(c, c in illustrative, lang) for c in centers],
            text=text.to_numpy(), texttemplate="%{text}", hovertext=hover, hoverinfo="text",
            colorscale="Blues", showscale=False, xgap=2, ygap=2,
        )
    )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE, font={"family": FONT, "size": 12}, height=90 + 36 * len(centers),
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, yaxis={"autorange": "reversed"}, plot_bgcolor="#fbeeee",
    )  # fmt: skip
    return fig
