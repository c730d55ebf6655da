"""Plotly figures of the visits, output, vaccination, participation and enterprise pages.

Pure functions over mart frames: no streamlit, no SQL, no aggregation.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from analytics.domain import display, place
from analytics.i18n import Lang, t
from ui import safe
from ui.charts import (
    BLUE,
    GREY,
    ORANGE,
    PALETTE,
    RED,
    built_once,
    center_label,
    count_axis,
    layout,
    lines_by_center,
    money_axis,
    n_labels,
)

GREEN = "#1e8449"


# --- visits -----------------------------------------------------------------------------------


@built_once
def visits_weekly(frame: pd.DataFrame, order: list[str], lang: Lang) -> go.Figure:
    fig, height = lines_by_center(frame, "week", "visits", order, lang)
    fig.update_xaxes(tickformat="%Y-%m-%d", tick0=frame["week"].min(), dtick=8 * 7 * 86_400_000)  # Mondays
    fig.update_yaxes(**count_axis(frame["visits"].max()))
    fig.update_yaxes(title_text=t("col.visits", lang), col=1)
    return layout(fig, height, lang, hovermode="x unified")


@built_once
def visit_coverage(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Coverage in the period and the last 30 / 90 days per center; n = enterprises; clickable."""
    centers = frame[~frame["is_total"]]
    labels = n_labels(centers, "enterprises", lang)
    fig = go.Figure(
        [
            go.Bar(
                name=t(f"visits.coverage_{key}", lang), y=labels, x=centers[f"coverage_{key}"], orientation="h",
                marker_color=colour, customdata=centers["center"], text=[f"{v:.0%}" for v in centers[f"coverage_{key}"].fillna(0)],
                textposition="outside", cliponaxis=False,
            )
            for key, colour in (("period", RED), ("90", ORANGE), ("30", BLUE))
        ]
    )  # fmt: skip
    return layout(fig, 120 + 75 * len(centers), lang, barmode="group", yaxis={"autorange": "reversed"},
                  xaxis={"tickformat": ".0%", "range": [0, 1.12]})  # fmt: skip


@built_once
def visits_per_worker(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Box plots of visits per worker per month from quartiles computed in SQL."""
    rows = frame[frame["workers"] > 0]
    fig = go.Figure(
        go.Box(
            y=n_labels(rows, "workers", lang), q1=rows["q1"], median=rows["median"], q3=rows["q3"],
            lowerfence=rows["minimum"], upperfence=rows["maximum"], orientation="h", marker_color=BLUE, boxpoints=False,
            customdata=rows["center"],
        )
    )  # fmt: skip
    return layout(fig, 100 + 55 * len(rows), lang, showlegend=False, yaxis={"autorange": "reversed"},
                  xaxis={"title": t("col.per_worker_month", lang), "rangemode": "nonnegative"})  # fmt: skip


# --- output -----------------------------------------------------------------------------------


@built_once
def output_monthly(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Stacked monthly output per center, with last year's monthly total as a dashed line."""
    fig = go.Figure()
    centers = list(dict.fromkeys(frame["center"]))
    before = frame.groupby("month", as_index=False)["output_prev_year"].sum(min_count=1)
    largest = max(frame.groupby("month")["output"].sum().max(), before["output_prev_year"].max())
    divisor, title, hover = money_axis(0 if pd.isna(largest) else largest, lang)
    for position, center in enumerate(centers):
        rows = frame[frame["center"] == center]
        name = center_label(center, bool(rows["is_illustrative"].iloc[0]), lang)
        fig.add_bar(
            x=rows["month"], y=rows["output"] / divisor, name=name, marker_color=PALETTE[position % len(PALETTE)],
            customdata=rows["center"], hovertemplate=f"{name}<br>%{{x|%Y-%m}}: {hover}<extra></extra>",
        )  # fmt: skip
    fig.add_scatter(
        x=before["month"], y=before["output_prev_year"] / divisor, name=t("output.last_year", lang),
        mode="lines+markers", line={"color": GREY, "dash": "dash"}, hovertemplate=hover,
    )  # fmt: skip
    return layout(fig, 400, lang, barmode="stack", yaxis={"title": title},
                  xaxis={"tickformat": "%Y-%m", "dtick": "M1"})  # fmt: skip


@built_once
def output_monthly_by_park(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Stacked monthly output per park (the park's center in the legend)."""
    fig = go.Figure()
    divisor, title, hover = money_axis(
        frame.groupby("month")["output"].sum().max() if len(frame) else 0, lang
    )
    for position, ((center, park), rows) in enumerate(frame.groupby(["center", "park"], sort=False)):
        park, center = safe.plotly(place(park, lang)), safe.plotly(center)
        name = f"{park}（{center}）" if lang == "zh" else f"{park} ({center})"
        fig.add_bar(
            x=rows["month"], y=rows["output"] / divisor, name=name, marker_color=PALETTE[position % len(PALETTE)],
            hovertemplate=f"{name}<br>%{{x|%Y-%m}}: {hover}<extra></extra>",
        )  # fmt: skip
    layout(
        fig, 420, lang, barmode="stack", yaxis={"title": title}, xaxis={"tickformat": "%Y-%m", "dtick": "M1"}
    )
    return fig.update_layout(
        legend={"orientation": "v", "x": 1.02, "y": 1, "xanchor": "left", "yanchor": "top"}
    )


@built_once
def output_growth(kpis: pd.DataFrame, growth: pd.DataFrame, lang: Lang) -> go.Figure:
    """Diverging bars: YoY growth per center, by the metric (all reports) and like for like; clickable."""
    centers = kpis[~kpis["is_total"]].merge(growth, on="center", how="left")
    centers["reporting"] = centers["reporting"].fillna(0)  # a center without enterprises has no row
    labels = n_labels(centers, "reporting", lang)
    bars = []
    for column, name, colour in (
        ("output_yoy", "output.yoy_official", RED),
        ("like_for_like_yoy", "output.yoy_like", BLUE),
    ):
        values = centers[column]
        bars.append(
            go.Bar(
                name=t(name, lang), y=labels, x=values, orientation="h", customdata=centers["center"],
                marker_color=colour,
                text=["—" if pd.isna(v) else f"{v:+.1%}" for v in values], textposition="outside", cliponaxis=False,
            )
        )  # fmt: skip
    fig = go.Figure(bars)
    fig.add_vline(x=0, line_color="#444", line_width=1)
    values = pd.concat([centers["output_yoy"], centers["like_for_like_yoy"]]).dropna()
    low, high = min(values.min(), 0.0) if len(values) else 0.0, max(values.max(), 0.0) if len(values) else 0.0
    room = 0.18 * (high - low or 0.1)  # for the values written beside the bars, on either side
    return layout(fig, 120 + 70 * len(centers), lang, barmode="group", yaxis={"autorange": "reversed"},
                  xaxis={"tickformat": "+.0%", "range": [low - room if low < 0 else low, high + room]})  # fmt: skip


@built_once
def growth_distribution(bins: pd.DataFrame, lang: Lang) -> go.Figure:
    held = bins.index[bins["enterprises"] > 0]
    if len(held):
        bins = bins.loc[max(held.min() - 1, bins.index.min()) : min(held.max() + 1, bins.index.max())]
    labels = [f"{low:+.0%}" + ("+" if low >= 2 else "") for low in bins["bin_low"]]
    colours = [GREY if low < 0 else GREEN for low in bins["bin_low"]]
    fig = go.Figure(go.Bar(x=labels, y=bins["enterprises"], marker_color=colours))
    return layout(
        fig,
        320,
        lang,
        yaxis={"title": t("col.enterprises_n", lang), **count_axis(bins["enterprises"].max())},
        showlegend=False,
        xaxis_title=t("col.yoy_like", lang),
    )


# --- vaccination ------------------------------------------------------------------------------


@built_once
def vaccination_timeline(
    frame: pd.DataFrame,
    dose: str,
    order: list[str],
    illustrative: set[str],
    period: tuple[dt.date, dt.date],
    lang: Lang,
) -> go.Figure:
    """Coverage of one dose over time, per center and for all centers (dashed); the period shaded."""
    column = {"dose1": "dose1_rate", "full": "full_course_rate", "booster": "booster_rate"}[dose]
    frame = frame.assign(is_illustrative=frame["center"].isin(illustrative))
    everyone = (t("tickets.all_centers", lang), frame[frame["center"].isna()])
    fig, height = lines_by_center(frame, "day", column, order, lang, context=everyone)
    fig.add_vrect(x0=period[0], x1=period[1], fillcolor="#eeeeee", opacity=0.6, line_width=0, layer="below",
                  row="all", col="all")  # fmt: skip
    fig.update_yaxes(tickformat=".0%", range=[0, 1.02])
    return layout(fig, height, lang, hovermode="x unified")


@built_once
def vaccination_by_size(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    labels = [f"{band}<br>n={n:,}" for band, n in zip(frame["band"], frame["enterprises"], strict=True)]
    fig = go.Figure(
        [
            go.Bar(name=t(f"vaccination.{dose}", lang), x=labels, y=frame[column], marker_color=colour,
                   text=["—" if pd.isna(v) else f"{v:.0%}" for v in frame[column]], textposition="outside")
            for dose, column, colour in (("dose1", "dose1_rate", RED), ("full", "full_course_rate", ORANGE),
                                         ("booster", "booster_rate", BLUE))
        ]
    )  # fmt: skip
    return layout(
        fig,
        360,
        lang,
        barmode="group",
        yaxis={"tickformat": ".0%", "range": [0, 1.1]},
        xaxis_title=t("col.size", lang),
    )


# --- participation ----------------------------------------------------------------------------


@built_once
def breakdown(
    frame: pd.DataFrame, dimension: str, order: list[str], illustrative: set[str], lang: Lang
) -> go.Figure:
    """Person-times per center stacked by service category (in the legend), or per venue (see `_venues`)."""
    rows = frame[frame["dimension"] == dimension]
    if dimension == "venue":
        return _venues(rows, order, illustrative, lang)
    items = rows.groupby("item")["person_times"].sum().sort_values(ascending=False).index
    centers = [c for c in order if c in set(rows["center"])]
    labels = [center_label(c, c in illustrative, lang) for c in centers]
    fig = go.Figure()
    for position, item in enumerate(items):
        values = rows[rows["item"] == item].set_index("center").reindex(centers)
        fig.add_bar(
            y=labels, x=values["person_times"], name=safe.plotly(display(item, lang)), orientation="h",
            marker_color=PALETTE[position % len(PALETTE)], customdata=values["activities"].fillna(0),
            hovertemplate=f"{safe.plotly(display(item, lang))}<br>%{{x:,}} " + t("col.person_times", lang)
            + " · %{customdata} " + t("col.activities", lang) + "<extra></extra>",
        )  # fmt: skip
    return layout(fig, 120 + 48 * len(centers), lang, barmode="stack", yaxis={"autorange": "reversed"},
                  xaxis_title=t("col.person_times", lang))  # fmt: skip


def _venues(rows: pd.DataFrame, order: list[str], illustrative: set[str], lang: Lang) -> go.Figure:
    """One bar per venue, grouped by center on the axis (and coloured by it); each venue's name on the axis
    and its person-times beside the bar, so no label has to fit inside a bar."""
    rank = {center: position for position, center in enumerate(order)}
    rows = rows.assign(rank=rows["center"].map(rank)).sort_values(
        ["rank", "person_times"], ascending=[True, False]
    )
    fig = go.Figure()
    for position, venues in rows.groupby("rank", sort=True):
        name = center_label(venues["center"].iloc[0], venues["center"].iloc[0] in illustrative, lang)
        fig.add_bar(
            y=[[name] * len(venues), [safe.plotly(place(v, lang)) for v in venues["item"]]],  # center, venue
            x=venues["person_times"], orientation="h", name=name, marker_color=PALETTE[int(position) % len(PALETTE)],
            text=[f"{v:,.0f}" for v in venues["person_times"]], textposition="outside", cliponaxis=False,
            customdata=venues["activities"].fillna(0),
            hovertext=[safe.plotly(place(v, lang)) for v in venues["item"]],
            hovertemplate="%{hovertext}<br>%{x:,} " + t("col.person_times", lang) + " · %{customdata} "
            + t("col.activities", lang) + "<extra></extra>",
        )  # fmt: skip
    if not rows.empty:
        fig.update_xaxes(range=[0, rows["person_times"].max() * 1.12])  # room for the values beside the bars
    return layout(fig, 110 + 24 * len(rows), lang, yaxis={"autorange": "reversed"}, bargap=0.25, showlegend=False,
                  xaxis_title=t("col.person_times", lang))  # fmt: skip


@built_once
def participation_trend(frame: pd.DataFrame, order: list[str], lang: Lang) -> go.Figure:
    fig, height = lines_by_center(frame, "month", "per_1000_workers", order, lang)
    short = frame["month"].nunique() <= 12  # a tick a month (never a month twice), else Plotly's own
    fig.update_xaxes(tickformat="%Y-%m", **({"dtick": "M1"} if short else {}))
    fig.update_yaxes(title_text=t("overview.axis_per_1000", lang), col=1)
    return layout(fig, height, lang, hovermode="x unified")


@built_once
def activity_calendar(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """A calendar heatmap: weeks across, weekdays down, coloured by the day's person-times."""
    days = pd.to_datetime(frame["day"])
    weeks = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date
    grid = pd.DataFrame({"week": weeks, "weekday": days.dt.day_of_week, "value": frame["person_times"].to_numpy(),
                         "n": frame["activities"].to_numpy(), "day": days.dt.strftime("%Y-%m-%d")})  # fmt: skip
    z = grid.pivot(index="weekday", columns="week", values="value")
    text = grid.pivot(index="weekday", columns="week", values="day")
    count = grid.pivot(index="weekday", columns="week", values="n")
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(), x=[dt.date.isoformat(w) for w in z.columns], y=[t(f"weekday.{d}", lang) for d in z.index],
            customdata=count.to_numpy(), text=text.to_numpy(), colorscale="Greens", xgap=2, ygap=2,
            colorbar={"title": {"text": t("participation.calendar_value", lang)}},
            hovertemplate="%{text}<br>%{z:,} " + t("col.person_times", lang) + " · %{customdata} "
            + t("col.activities", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    few = len(z.columns) < 9  # under two months: each week's Monday, else each month (no repeated ticks)
    ticks = {"tickformat": "%Y-%m-%d", "dtick": 7 * 86_400_000, "tick0": min(z.columns, default=None)} if few else {
        "tickformat": "%Y-%m", "dtick": "M1"}  # fmt: skip
    return layout(fig, 260, lang, yaxis={"autorange": "reversed"}, xaxis={"type": "date", **ticks})


# --- enterprise profile -----------------------------------------------------------------------


@built_once
def enterprise_output(frame: pd.DataFrame, period: tuple[dt.date, dt.date], lang: Lang) -> go.Figure:
    largest = frame[["output", "output_prev_year"]].max().max()
    divisor, title, hover = money_axis(0 if pd.isna(largest) else largest, lang)
    fig = go.Figure(
        [
            go.Scatter(x=frame["month"], y=frame["output"] / divisor, name=t("output.this_year", lang),
                       mode="lines+markers", line={"color": RED}, hovertemplate=hover),
            go.Scatter(x=frame["month"], y=frame["output_prev_year"] / divisor, name=t("output.last_year", lang),
                       mode="lines", line={"color": GREY, "dash": "dash"}, hovertemplate=hover),
        ]
    )  # fmt: skip
    fig.add_vrect(x0=period[0], x1=period[1], fillcolor="#eeeeee", opacity=0.6, line_width=0, layer="below")
    return layout(fig, 320, lang, yaxis_title=title, xaxis={"tickformat": "%Y-%m"})


@built_once
def enterprise_vaccination(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    fig = go.Figure(
        [
            go.Scatter(x=frame["as_of"], y=frame[column], name=t(f"vaccination.{dose}", lang), mode="lines+markers",
                       line={"color": colour})
            for dose, column, colour in (("dose1", "dose1_rate", RED), ("full", "full_course_rate", ORANGE),
                                         ("booster", "booster_rate", BLUE))
        ]
    )  # fmt: skip
    return layout(fig, 300, lang, yaxis={"tickformat": ".0%", "range": [0, 1.05]})
