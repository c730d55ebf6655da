"""Chinese all the way, English all the way: number and date formats on tiles and charts, the one table of
romanised place names, small multiples for many lines, and the phone's table cards."""

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import db
from analytics.demo.catalog import CENTERS
from analytics.domain import ROMANISED, place
from analytics.i18n import t
from analytics.metrics import BY_KEY, money
from tests.apptest_pages import open_page
from ui import charts, components, ticket_charts, topic_charts

# --- amounts: 亿元 on tiles and charts, 万元 in tables -----------------------------------------------


@pytest.mark.parametrize(
    ("wan", "lang", "shown"),
    [
        (2_105_000, "zh", "210.50亿元"),
        (10_000, "zh", "1.00亿元"),
        (8_000, "zh", "8,000万元"),
        (2_105_000, "en", "21.05 bn yuan"),
        (8_000, "en", "80.0 M yuan"),
        (None, "zh", "—"),
    ],
)
def test_amounts_of_yi_size_are_shown_in_yi(wan, lang, shown):
    assert money(wan, lang) == shown


def test_an_amount_tile_carries_its_unit_in_the_value_and_tables_keep_wan():
    output = BY_KEY["output_value"]
    assert (output.short_label("zh"), output.short(10_523_896, "zh")) == ("工业总产值", "1,052.39亿元")
    assert (output.short_label("en"), output.short(10_523_896, "en")) == ("Gross output", "105.24 bn yuan")
    assert output.format(10_523_896) == "10,523,896"  # tables and exports: 万元
    rate = BY_KEY["on_time_rate"]
    assert (rate.short_label("zh"), rate.short(0.767, "zh")) == (rate.label("zh"), "76.7%")


@pytest.mark.parametrize("key", ["output_value_prev_year", "enterprises", "workers"])
def test_no_change_where_the_comparison_means_nothing(key):
    metric = BY_KEY[key]
    assert metric.change(120.0, 100.0) is None
    assert metric.format_change(120.0, 100.0, "zh") == "—"


def test_a_comparable_metric_still_has_its_change():
    assert BY_KEY["output_value"].format_change(120.0, 100.0, "zh") == "+20.0%"


# --- axes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"), [(25_000, "2.5万"), (300_000_000, "3亿"), (800, "800"), (120_000, "12万"), (0, "0")]
)
def test_chinese_tick_numbers_use_wan_and_yi(value, text):
    assert charts.chinese_number(value) == text


def _bars(lang: str, barmode: str = "group") -> go.Figure:
    fig = go.Figure(
        [
            go.Bar(x=[12_000, 30_000], y=["a", "b"], orientation="h"),
            go.Bar(x=[15_000, 20_000], y=["a", "b"], orientation="h"),
        ]
    )
    return charts.layout(fig, 300, lang, barmode=barmode)


def test_large_numbers_get_wan_ticks_in_chinese_and_plotly_defaults_in_english():
    ticks = _bars("zh").layout.xaxis.ticktext
    assert ticks and all(text == "0" or text.endswith("万") for text in ticks)
    assert ticks[-1] == "4万"  # past the largest bar (30,000): no bar runs off the ticks
    stacked = _bars("zh", "stack").layout.xaxis.ticktext
    assert stacked[-1] == "6万"  # stacked bars add up (30,000 + 20,000)
    assert _bars("en").layout.xaxis.ticktext is None  # 12k, 30k: Plotly's own
    small = charts.layout(go.Figure(go.Bar(x=[1, 800], y=["a", "b"], orientation="h")), 300, "zh")
    assert small.layout.xaxis.ticktext is None


def test_month_ticks_are_chinese_in_chinese():
    months = pd.date_range("2022-01-01", periods=6, freq="MS")

    def figure(lang: str) -> go.Figure:
        return charts.layout(go.Figure(go.Scatter(x=months, y=[1, 2, 3, 4, 5, 6])), 300, lang)

    assert figure("zh").layout.xaxis.tickformat == "%Y年%-m月"
    assert figure("zh").layout.xaxis.hoverformat == "%Y年%-m月%-d日"
    assert figure("en").layout.xaxis.tickformat == "%b %Y"
    assert charts.month_name(dt.date(2022, 3, 1), "zh") == "2022年3月"
    assert charts.month_name(dt.date(2022, 3, 1), "en") == "Mar 2022"


def _monthly_output(centers: list[str]) -> pd.DataFrame:
    months = pd.date_range("2022-01-01", periods=3, freq="MS")
    return pd.DataFrame(
        [
            {
                "month": m,
                "center": c,
                "is_illustrative": c != "长虹岭",
                "output": 200_000.0,
                "output_prev_year": 180_000.0,
            }
            for c in centers
            for m in months
        ]
    )


def test_the_output_chart_is_in_yi_yuan_when_amounts_are_that_large():
    fig = topic_charts.output_monthly(_monthly_output(["长虹岭", "罗村"]), "zh")
    assert fig.layout.yaxis.title.text == "产值（亿元）"
    assert list(fig.data[0].y) == [20.0, 20.0, 20.0]  # 200,000 万元 = 20 亿元
    english = topic_charts.output_monthly(_monthly_output(["长虹岭"]), "en")
    assert english.layout.yaxis.title.text == "Output (bn yuan)"
    small = _monthly_output(["长虹岭"]).assign(output=500.0, output_prev_year=400.0)
    assert topic_charts.output_monthly(small, "zh").layout.yaxis.title.text == "产值（万元）"


# --- many lines -----------------------------------------------------------------------------------


def _trend(centers: list[str]) -> pd.DataFrame:
    months = pd.date_range("2022-01-01", periods=4, freq="MS")
    rows = [
        {"month": m, "center": c, "median": 5.0, "p90": 9.0, "n": 20}
        for c in [*centers, None]
        for m in months
    ]
    return pd.DataFrame(rows)


def test_six_or_more_lines_become_small_multiples():
    centers = [spec.name for spec in CENTERS]
    many = ticket_charts.trend(_trend(centers), "median", "zh", {"罗村"}, centers)
    assert len(list(many.select_xaxes())) >= 6
    assert len({axis.matches for axis in many.select_yaxes()} - {None}) == 1  # one scale for every panel
    titles = [a.text for a in many.layout.annotations]
    assert titles[:2] == ["长虹岭", "罗村*"]
    assert all(trace.line.color == charts.GREY for trace in many.data if trace.name == "全部中心")
    few = ticket_charts.trend(_trend(centers[:2]), "median", "zh", set(), centers)
    assert len(list(few.select_xaxes())) == 1
    assert [trace.name for trace in few.data] == ["全部中心", "长虹岭", "罗村"]


# --- romanised places -----------------------------------------------------------------------------


def test_every_demo_center_park_and_venue_has_a_romanised_label():
    names = [spec.name for spec in CENTERS]
    names += [park for spec in CENTERS for park, _ in spec.parks]
    names += [venue for spec in CENTERS for venue in spec.venues]
    missing = [name for name in names if name not in ROMANISED]
    assert not missing
    assert all(ROMANISED[name].isascii() for name in names)


def test_english_shows_the_romanised_label_beside_the_chinese():
    assert place("长虹岭", "en") == "长虹岭 Changhongling"
    assert place("长虹岭", "zh") == "长虹岭"
    assert place("未登记园区", "en") == "未登记园区"  # unknown names stay Chinese only
    assert charts.center_label("罗村", True, "en") == "罗村 Luocun*"
    assert charts.center_label("<b>X</b>", False, "en") == "&lt;b&gt;X&lt;/b&gt;"


def test_the_english_overview_labels_centers_with_their_romanised_names(app_env):
    at = open_page("views/overview.py", "en")
    assert not at.exception
    columns = list(at.dataframe[0].value.columns)
    assert columns[0] == "长虹岭 Changhongling" and columns[1] == "罗村 Luocun*"
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any("长虹岭 Changhongling" in label for label in chart["data"][0]["y"])
    chinese = open_page("views/overview.py", "zh")
    assert chinese.dataframe[0].value.columns[0] == "长虹岭"


def test_the_output_tiles_show_yi_yuan_and_no_change_for_last_year(app_env):
    at = open_page("views/output.py", "zh")
    assert not at.exception
    tiles = {m.label: m for m in at.metric[:3]}  # the period's tiles (the year-to-date ones follow)
    assert tiles["工业总产值"].value.endswith("亿元")
    assert tiles["上年同期产值"].value.endswith("亿元")
    assert tiles["上年同期产值"].proto.delta == ""  # last year's output against the period before: no change
    assert tiles["工业总产值"].proto.delta != ""


# --- the phone's cards ----------------------------------------------------------------------------


def test_a_table_as_phone_cards_keeps_each_label_beside_its_value_escaped():
    frame = pd.DataFrame(
        {"长虹岭": ["296", "92.9%"], "<img src=x>": ["1", "2"]}, index=pd.Index(["企业数", "走访覆盖率"])
    )
    cards = components.phone_cards(frame, titled_by_index=True)
    assert cards.count('class="phone-card"') == 2
    assert "<dt>长虹岭</dt><dd>296</dd>" in cards and "<dd>92&#46;9&#37;</dd>" in cards
    assert "<img" not in cards
    by_column = components.phone_cards(frame.reset_index(), titled_by_index=False)
    assert '<div class="phone-card-title">企业数</div>' in by_column


def test_phone_cards_link_their_titles_escaped_and_take_the_whole_width_for_a_long_pair():
    frame = pd.DataFrame(
        {
            "企业": ["<b>甲</b>"],
            "统一社会信用代码": ["91440605MA4UJ1KX8Q"],
            "产业社区": ["长虹岭"],
            "人数": [pd.NA],
        }
    )
    cards = components.phone_cards(
        frame, titled_by_index=False, links=pd.Series(['enterprise?uscc=1"><x#[甲](http://evil.example/x)'])
    )
    assert (  # the link without the '#name' the grid's link column shows (a name can hold a URL)
        '<a href="enterprise?uscc=1&quot;&gt;&lt;x" target="_blank">&#60;b&#62;甲&#60;&#47;b&#62;</a>'
        in cards
    )
    assert "evil.example" not in cards
    assert '<div class="phone-pair wide"><dt>统一社会信用代码</dt>' in cards  # 8 characters and a long code
    assert '<div class="phone-pair"><dt>产业社区</dt>' in cards  # beside another pair
    assert "<dd>—</dd>" in cards  # a missing count, as the grid shows it


def test_a_table_without_rows_or_columns_has_no_cards():
    assert components.phone_cards(pd.DataFrame({"a": []}), titled_by_index=False) == ""
    assert components.phone_cards(pd.DataFrame(index=["x"]), titled_by_index=True) == ""


def test_illustrative_centers_keep_their_star_on_the_completeness_and_participation_pages(app_env):
    at = open_page("views/data_completeness.py")
    assert not at.exception
    assert {"长虹岭", "罗村*", "大学城*"} <= set(at.dataframe[0].value.index)
    assert any(caption.value == t("illustrative.note", "zh") for caption in at.caption)
    participation = open_page("views/participation.py", "en")
    top = next(frame.value for frame in participation.dataframe if "Activity" in frame.value.columns)
    centers = set(top["Center"])
    assert centers and all(c == "长虹岭 Changhongling" or c.endswith("*") for c in centers)


@pytest.mark.parametrize(("lang", "header"), [("zh", "行号"), ("en", "Row")])
def test_the_import_preview_names_its_row_numbers(app_env, lang, header):
    at = open_page("views/data_import.py", lang)
    data = "工单号,受理日期,统一社会信用代码,诉求类别\nP-1,2022-06-30,91440605MA00000000,政策咨询\n".encode()
    at.file_uploader(key="import_files").upload("p.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    preview = next(frame.value for frame in at.dataframe if frame.value.index.name == header)
    assert list(preview.index) == [2]  # the row as the file shows it (its header is row 1)


def test_the_data_and_account_pages_name_centers_romanised_in_english_with_their_star(app_env):
    accounts = open_page("views/accounts.py", "en")
    assert "长虹岭 Changhongling" in set(accounts.dataframe[0].value[t("accounts.col.center", "en")])
    assert "罗村 Luocun*" in accounts.selectbox(key="new_center").options
    imports = open_page("views/data_import.py", "en")
    assert "罗村 Luocun*" in imports.selectbox(key="import_center").options
    con = db.connect(app_env)  # two demo batches as if uploaded by centers
    con.execute("UPDATE import_batches SET center = CASE WHEN batch_id = 1 THEN '长虹岭' ELSE '罗村' END")
    con.close()
    batches = open_page("views/data_batches.py", "en")
    assert {"长虹岭 Changhongling", "罗村 Luocun*"} <= set(batches.dataframe[0].value["center"])
    briefing = open_page("views/briefing.py", "en")
    assert "罗村 Luocun*" in briefing.selectbox(key="briefing_center").options
    chinese = open_page("views/accounts.py")
    assert "罗村*" in chinese.selectbox(key="new_center").options
    assert "罗村 Luocun*" in briefing.multiselect(key="center").options  # the sidebar's filter too
    assert {"长虹岭", "罗村*"} <= set(chinese.multiselect(key="center").options)
