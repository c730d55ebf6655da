"""Plotly figures of the demand page, built from its marts. Pure functions: no streamlit, no SQL."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.domain import OTHER, display
from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, SMALL_SAMPLE
from ui import safe
from ui.charts import (
    BLUE,
    GREY,
    ORANGE,
    RED,
    built_once,
    center_label,
    count_axis,
    layout,
    line_mode,
    lines_by_center,
    n_labels,
)

GREEN, DARK_RED = "#1e8449", "#922b21"
TINTS = {BLUE: "#a9cce3", GREEN: "#a9dfbf"}  # opaque light versions: a bar meeting its target
BUCKET_COLOURS = ["#d5f5e3", "#abebc6", "#f9e79f", "#f5b041", "#c0392b"]


def _target_line(fig: go.Figure, value: float, text: str, lift: int = 0) -> None:
    """A dotted target line under the (opaque) bars, so it never crosses a value label; its label above
    the plot, ending at the line so it stays inside the chart (`lift` stacks labels of nearby lines)."""
    fig.add_vline(x=value, line_dash="dot", line_color=DARK_RED, opacity=0.8, layer="below")
    fig.add_annotation(x=value, y=1, yref="paper", yanchor="bottom", xanchor="right", yshift=2 + lift, text=text,
                       showarrow=False, font={"color": DARK_RED, "size": 11}, bgcolor="rgba(255,255,255,0.85)")  # fmt: skip


@built_once
def speed_by_center(box: pd.DataFrame, target_days: float, lang: Lang) -> go.Figure:
    """Median resolution days per center with its 95% interval and the P90; the target as a line.

    Bars are clickable: customdata is the center.
    """
    frame = box[box["n"] > 0]
    small = frame["n"] < SMALL_SAMPLE
    missed = frame["median"] > target_days
    days = BY_KEY["median_resolution_days"]
    fig = go.Figure(
        [
            go.Bar(
                name=t("overview.median", lang), y=n_labels(frame, "n", lang), x=frame["median"], orientation="h",
                customdata=frame["center"],
                marker={"color": [DARK_RED if m else RED for m in missed], "pattern": {"shape": ["/" if s else "" for s in small]}},
                error_x={"type": "data", "symmetric": False, "array": frame["median_high"] - frame["median"],
                         "arrayminus": frame["median"] - frame["median_low"], "color": GREY, "thickness": 1.5},
                text=[days.format(v) for v in frame["median"]], textposition="inside", insidetextanchor="start",
                hovertext=[safe.plotly(c) for c in frame["center"]],
                hovertemplate="%{hovertext}<br>" + t("overview.median", lang) + " %{x}<extra></extra>",
            ),
            go.Scatter(
                name=t("overview.p90", lang), y=n_labels(frame, "n", lang), x=frame["p90"], mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": ORANGE}, customdata=frame["center"],
                hovertext=[safe.plotly(c) for c in frame["center"]], hovertemplate="%{hovertext}<br>P90 %{x}<extra></extra>",
            ),
        ]
    )  # fmt: skip
    _target_line(fig, target_days, f"{t('tickets.target', lang)} ≤ {target_days:g}")
    return layout(
        fig,
        90 + 60 * len(frame),
        lang,
        yaxis={"autorange": "reversed"},
        xaxis={"title": t("overview.axis_days", lang), "rangemode": "nonnegative"},  # days are never < 0
    )


@built_once
def reliability_by_center(kpis: pd.DataFrame, targets: dict[str, float], lang: Lang) -> go.Figure:
    """On-time closure and satisfaction rates per center; bars under their target are darker; clickable."""
    frame = kpis[~kpis["is_total"]]
    labels = n_labels(frame, "tickets_closed", lang)
    bars = []
    for key, colour in (("on_time_rate", BLUE), ("satisfaction_rate", GREEN)):
        metric, target = BY_KEY[key], targets.get(key)
        missed = [metric.misses(v, target) for v in frame[key]]
        bars.append(
            go.Bar(
                name=metric.label(lang), y=labels, x=frame[key], orientation="h", customdata=frame["center"],
                marker={"color": [colour if m else TINTS[colour] for m in missed],
                        "line": {"color": DARK_RED, "width": [2 if m else 0 for m in missed]}},
                text=[metric.format(v) + (" ⚠" if m else "") for v, m in zip(frame[key], missed, strict=True)],
                textposition="inside", insidetextanchor="end",
                textfont={"color": ["white" if m else "#1b2631" for m in missed]},
                hovertext=[safe.plotly(c) for c in frame["center"]],
                hovertemplate="%{hovertext}<br>" + metric.label(lang) + " %{x:.1%}<extra></extra>",
            )
        )  # fmt: skip
    fig = go.Figure(bars)
    for lift, key in enumerate(("on_time_rate", "satisfaction_rate")):
        if key in targets:
            label = f"{BY_KEY[key].label(lang)} {t('tickets.target', lang)} {targets[key]:.0%}"
            _target_line(fig, targets[key], label, lift * 16)
    fig.update_layout(barmode="group")
    layout(
        fig,
        110 + 70 * len(frame),
        lang,
        yaxis={"autorange": "reversed"},
        xaxis={"tickformat": ".0%", "range": [0, 1.02]},
    )
    return fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "xanchor": "left", "x": 0}
    )


@built_once
def resolution_boxes(box: pd.DataFrame, unit: str, target_days: float, lang: Lang) -> go.Figure:
    """Box plots from quartiles and whiskers computed in SQL (no ticket rows in the figure)."""
    frame = box[box["n"] > 0]
    labels = [
        f"{label}<br>{t('tickets.outliers', lang, n=int(o))}" for label, o in zip(n_labels(frame, "n", lang), frame["outliers"], strict=True)
    ]  # fmt: skip
    fig = go.Figure(
        go.Box(
            y=labels, q1=frame["q1"], median=frame["median"], q3=frame["q3"], lowerfence=frame["lower_whisker"],
            upperfence=frame["upper_whisker"], mean=frame["mean"], orientation="h", marker_color=RED,
            boxpoints=False, customdata=frame["center"], name=t(f"tickets.unit.{unit}", lang),
        )
    )  # fmt: skip
    if unit == "days":
        _target_line(fig, target_days, f"{t('tickets.target', lang)} ≤ {target_days:g}")
    return layout(fig, 100 + 60 * len(frame), lang, yaxis={"autorange": "reversed"}, showlegend=False,
                   xaxis={"title": t(f"tickets.unit.{unit}", lang), "rangemode": "nonnegative"})  # fmt: skip


@built_once
def trend(
    monthly: pd.DataFrame, stat: str, lang: Lang, illustrative: set[str], order: list[str]
) -> go.Figure:
    """Median or P90 resolution days per month of receipt, one line per center (in `order`) and the whole
    scope (grey); from six lines on, one small panel per center."""
    rows = monthly.assign(is_illustrative=monthly["center"].isin(illustrative))
    everyone = rows[rows["center"].isna()]
    centers = rows[rows["center"].notna()]
    one = centers["center"].nunique() == 1  # one center: its line is the whole scope
    hover = "%{x|%Y-%m}: %{y} (n=%{customdata})"  # the line's name beside it
    fig, height = lines_by_center(
        centers,
        "month",
        stat,
        order,
        lang,
        None if one else (t("tickets.all_centers", lang), everyone),
        hover,
    )
    fig.update_xaxes(tickformat="%Y-%m", dtick="M3")
    fig.update_yaxes(rangemode="nonnegative")
    fig.update_yaxes(title_text=t("overview.axis_days", lang), col=1)
    return layout(fig, height, lang)


@built_once
def flow(weekly: pd.DataFrame, lang: Lang) -> go.Figure:
    """Received and closed per week (bars) and the open backlog at each week's end (line)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=weekly["week"], y=weekly["received"], name=t("tickets.received", lang), marker_color=BLUE)
    fig.add_bar(x=weekly["week"], y=weekly["closed"], name=t("tickets.closed", lang), marker_color=GREEN)
    fig.add_scatter(
        x=weekly["week"], y=weekly["backlog"], name=t("tickets.backlog", lang), mode=line_mode(len(weekly)),
        line={"color": RED, "width": 2.5}, secondary_y=True,
    )  # fmt: skip
    first_monday = weekly["week"].min()
    fig.update_xaxes(tickformat="%Y-%m-%d", tick0=first_monday, dtick=4 * 7 * 86_400_000)  # every 4th Monday
    fig.update_yaxes(**count_axis(weekly[["received", "closed"]].max().max()), secondary_y=False)
    fig.update_yaxes(
        title_text=t("tickets.backlog", lang), **count_axis(weekly["backlog"].max()), secondary_y=True
    )
    return layout(fig, 380, lang, barmode="group", hovermode="x unified")


@built_once
def aging(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Open tickets per center stacked by age bucket."""
    centers = list(dict.fromkeys(frame["center"]))
    totals = frame.groupby("center", sort=False)["n"].sum()
    illustrative = dict(zip(frame["center"], frame["is_illustrative"], strict=False))
    labels = [f"{center_label(c, illustrative[c], lang)}<br>n={totals[c]:,}" for c in centers]
    fig = go.Figure()
    for order, colour in enumerate(BUCKET_COLOURS, start=1):
        rows = frame[frame["bucket_order"] == order]
        if rows.empty:  # no center in scope
            continue
        fig.add_bar(
            y=labels, x=rows.set_index("center").reindex(centers)["n"], name=rows["bucket"].iloc[0],
            orientation="h", marker_color=colour, customdata=centers,
        )  # fmt: skip
    return layout(fig, 90 + 45 * len(centers), lang, barmode="stack", yaxis={"autorange": "reversed"},
                   xaxis={"title": BY_KEY["open_tickets"].label(lang), **count_axis(totals.max())},
                   legend_traceorder="normal")  # fmt: skip


@built_once
def category_heatmap(frame: pd.DataFrame, lang: Lang, illustrative: set[str], order: list[str]) -> go.Figure:
    """Categories × centers as square cells: colour = median days, number = tickets received (small cells *).

    Drawn as a scatter of squares rather than a heatmap so a click selects a cell: its customdata is
    [center, category].
    """
    centers = [c for c in order if c in set(frame["center"])]
    categories = sorted(frame["category"].unique(), key=lambda c: (c == OTHER, c))
    fig = go.Figure()
    timed = frame["median"].notna()  # a cell without a closed ticket has no median: a light grey square
    low = frame["median"].min()  # one median (or all equal): a scale of a day, not one around it below 0
    scale = {"colorscale": "OrRd", "cmin": low, "cmax": max(frame["median"].max(), low + 1), "showscale": True,
             "colorbar": {"title": {"text": t("overview.axis_days", lang)}}}  # fmt: skip
    for cells, coloured in ((frame[timed], True), (frame[~timed], False)):
        fig.add_scatter(
            x=cells["center"].map(lambda c: center_label(c, c in illustrative, lang)),
            y=cells["category"].map(lambda c: safe.plotly(display(c, lang))), mode="markers+text",
            text=[f"{n}" + ("*" if n < SMALL_SAMPLE else "") for n in cells["n"]],
            textfont={"size": 12, "color": ["white" if m > 0.6 * frame["median"].max() else "#333" for m in cells["median"].fillna(0)]},
            marker={"symbol": "square", "size": 38, "line": {"width": 0},
                    **({"color": cells["median"], **scale} if coloured else {"color": "#eeeeee"})},
            customdata=cells[["center", "category"]].to_numpy().tolist(),
            hovertemplate="%{y} · %{x}<br>n=%{text}<br>" + t("overview.median", lang)
            + (" %{marker.color}" if coloured else " —") + "<extra></extra>",
        )  # fmt: skip
    fig.update_xaxes(categoryorder="array", categoryarray=[center_label(c, c in illustrative, lang) for c in centers],
                     side="top", showgrid=False)  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=[safe.plotly(display(c, lang)) for c in categories], autorange="reversed",
                     showgrid=False)  # fmt: skip
    return layout(fig, 140 + 42 * len(categories), lang, showlegend=False)
