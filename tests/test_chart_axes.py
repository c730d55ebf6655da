"""Figure builders on a short period or a small selection: whole-number count ticks, a single point drawn,
date ticks that never repeat, cells without a median drawn light (pure functions, small frames)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ui import charts, ticket_charts, topic_charts
from ui.charts import count_axis

MONDAY = dt.date(2022, 3, 14)


def test_small_counts_tick_by_one_from_zero():
    assert count_axis(2) == {"rangemode": "tozero", "tickformat": ",d", "dtick": 1}
    assert "dtick" not in count_axis(120) and "dtick" not in count_axis(np.nan)


def test_a_single_week_of_flow_draws_its_backlog_and_whole_ticks():
    weekly = pd.DataFrame({"week": [MONDAY], "received": [2], "closed": [1], "backlog": [3]})
    fig = ticket_charts.flow(weekly, "zh")
    backlog = fig.data[2]
    assert backlog.mode == "markers"  # a line through one point is not drawn
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis2.dtick == 1
    assert fig.layout.yaxis.rangemode == "tozero"


def test_a_single_week_of_visits_is_drawn_as_points():
    weekly = pd.DataFrame({"center": ["长虹岭", "罗村"], "is_illustrative": [False, True], "week": [MONDAY] * 2,
                           "visits": [3, 1]})  # fmt: skip
    fig = topic_charts.visits_weekly(weekly, ["长虹岭", "罗村"], "en")
    assert [trace.mode for trace in fig.data] == ["markers", "markers"]
    assert fig.layout.yaxis.dtick == 1


def test_the_monthly_participation_trend_ticks_once_a_month():
    frame = pd.DataFrame({"center": ["长虹岭"], "is_illustrative": [False], "month": [dt.date(2022, 3, 1)],
                          "per_1000_workers": [2.3]})  # fmt: skip
    fig = topic_charts.participation_trend(frame, ["长虹岭"], "zh")
    assert fig.layout.xaxis.dtick == "M1" and fig.data[0].mode == "markers"


def test_a_short_calendar_ticks_each_monday_a_long_one_each_month():
    def calendar(days: int) -> dict:
        day = pd.date_range("2022-03-15", periods=days, freq="D")
        frame = pd.DataFrame({"day": day.date, "activities": 1, "person_times": 10})
        return topic_charts.activity_calendar(frame, "zh").layout.xaxis

    short = calendar(2)
    assert short.tickformat == charts.DATE_TICKS["%Y-%m-%d"]["zh"] and short.dtick == 7 * 86_400_000
    long = calendar(120)
    assert long.tickformat == charts.DATE_TICKS["%Y-%m"]["zh"] and long.dtick == "M1"


def test_category_cells_without_a_median_are_light_grey_not_dark():
    frame = pd.DataFrame({"center": ["长虹岭", "长虹岭", "罗村"], "category": ["市政设施", "用工招聘", "市政设施"],
                          "n": [3, 1, 2], "closed": [3, 0, 1], "median": [4.0, np.nan, 1.0]})  # fmt: skip
    timed, untimed = ticket_charts.category_heatmap(frame, "zh", set(), ["长虹岭", "罗村"]).data
    assert list(timed.marker.color) == [4.0, 1.0] and timed.marker.showscale
    assert untimed.marker.color == "#eeeeee" and [list(cell) for cell in untimed.customdata] == [
        ["长虹岭", "用工招聘"]
    ]


def test_day_axes_never_go_below_zero():
    box = pd.DataFrame({"center": ["长虹岭"], "is_illustrative": [False], "n": [1], "outliers": [0], "q1": [0.0],
                        "median": [0.0], "q3": [1.0], "lower_whisker": [0.0], "upper_whisker": [1.0], "mean": [0.5],
                        "median_low": [0.0], "median_high": [1.0], "p90": [1.0]})  # fmt: skip
    assert ticket_charts.resolution_boxes(box, "days", 7, "zh").layout.xaxis.rangemode == "nonnegative"
    assert ticket_charts.speed_by_center(box, 7, "zh").layout.xaxis.rangemode == "nonnegative"


def test_the_days_scale_of_category_cells_with_one_median_starts_there_not_below_zero():
    frame = pd.DataFrame({"center": ["长虹岭", "罗村"], "category": ["市政设施", "市政设施"], "n": [1, 1],
                          "closed": [1, 0], "median": [0.0, np.nan]})  # fmt: skip
    timed = ticket_charts.category_heatmap(frame, "zh", set(), ["长虹岭", "罗村"]).data[0]
    assert (timed.marker.cmin, timed.marker.cmax) == (0.0, 1.0)  # Plotly widens an empty range around 0


def test_small_multiples_of_a_short_period_tick_once_at_each_date_never_repeating_a_label():
    centers = ["长虹岭", "罗村", "松岗", "小塘", "官窑", "大学城"]
    for weeks in ([MONDAY], [MONDAY - dt.timedelta(days=7), MONDAY]):
        weekly = pd.DataFrame([{"center": c, "is_illustrative": c != "长虹岭", "week": w, "visits": 2}
                               for c in centers for w in weeks])  # fmt: skip
        fig = topic_charts.visits_weekly(weekly, centers, "en")
        axes = list(fig.select_xaxes())
        assert len(axes) > 1  # small multiples
        for axis in axes:
            assert axis.tickmode == "array" and list(axis.tickvals) == [w.isoformat() for w in weeks]
            labels = [w.strftime(axis.tickformat) for w in weeks]  # d3's %-d %b %Y read as strftime's
            assert len(set(labels)) == len(
                labels
            )  # two Mondays of one month: their days, not "Mar 2022" twice
