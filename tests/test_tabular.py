"""analytics.tabular: one table object, three faces — the screen's strings, the CSV, the .xlsx."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from analytics.tabular import Cell, Table, page_count
from tests.test_exports import csv_cells


def kpis() -> Table:
    """Metrics as rows, centers as columns (the overview's layout)."""
    frame = pd.DataFrame(
        {"长虹岭": [120, 0.856, None], "罗村*": [80, 0.5, 6.25]},
        index=pd.Index(["受理诉求数", "办结率", "办理时长中位数（天）"], name="指标"),
        dtype=object,
    )
    kinds = {"受理诉求数": Cell.COUNT, "办结率": Cell.RATE, "办理时长中位数（天）": Cell.DECIMAL}
    return Table(frame, kinds, by_row=True, index=True)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_the_screen_shows_formatted_strings():
    assert kpis().shown("zh").to_dict("list") == {
        "长虹岭": ["120", "85.6%", "—"],
        "罗村*": ["80", "50.0%", "6.2"],
    }


def test_a_table_of_metrics_as_rows_downloads_as_metrics_as_rows_with_fractions():
    for lang, suffix in (("zh", "（比例）"), ("en", " (ratio)")):
        csv = read_csv(kpis().csv(lang))
        assert list(csv.columns) == ["指标", "长虹岭", "罗村*"]  # the screen's orientation and marks
        assert csv["指标"].tolist() == ["受理诉求数", f"办结率{suffix}", "办理时长中位数（天）"]
        assert csv.iloc[1, 1:].tolist() == ["0.856", "0.5"] and csv.iloc[2, 1:].tolist() == ["", "6.25"]
    assert not any(cell.endswith("%") for cell in csv_cells(kpis().csv("zh")))


def test_xlsx_rates_are_numbers_with_a_percent_format():
    sheet = openpyxl.load_workbook(io.BytesIO(kpis().xlsx("kpis"))).active
    assert [c.value for c in sheet[1]] == ["指标", "长虹岭", "罗村*"]
    rate = sheet["B3"]
    assert sheet["A3"].value == "办结率" and rate.value == 0.856 and "%" in rate.number_format
    assert sheet["B2"].value == 120 and "%" not in sheet["B2"].number_format


def test_columns_of_a_kind_and_a_rate_with_its_n():
    frame = pd.DataFrame(
        {"产业社区": ["长虹岭"], "按时办结率": [0.75], "按时办结率（n）": [120], "增速": [-0.052]}
    )
    table = Table(
        frame,
        {"按时办结率": Cell.RATE, "按时办结率（n）": Cell.COUNT, "增速": Cell.GROWTH},
        samples={"按时办结率": "按时办结率（n）"},
    )
    assert table.shown("zh").iloc[0].tolist() == ["长虹岭", "75.0%（120）", "-5.2%"]
    csv = read_csv(table.csv("zh"))
    assert list(csv.columns) == ["产业社区", "按时办结率（比例）", "按时办结率（n）", "增速（比例）"]
    assert csv.iloc[0].tolist() == ["长虹岭", "0.75", "120", "-0.052"]
    sheet = openpyxl.load_workbook(io.BytesIO(table.xlsx("t"))).active
    assert [c.value for c in sheet[2]] == ["长虹岭", 0.75, 120, -0.052]
    assert ["%" in c.number_format for c in sheet[2]] == [False, True, False, True]


def test_a_center_name_with_markup_characters_is_shown_and_downloaded_as_written():
    """Tables are text (escaping is for charts only): a name with < & > is neither shown nor exported as
    &lt; &amp; &gt;."""
    from ui import topic_tables

    frame = pd.DataFrame(
        {"center": ["甲<乙&丙>", None], "output": [10.0, 10.0], "above_scale_share": [0.5, 0.5],
         "high_tech_share": [0.25, 0.25]}
    )  # fmt: skip
    table = topic_tables.shares(frame, {"甲<乙&丙>"}, "zh")
    assert table.shown("zh").iloc[0, 0] == "甲<乙&丙>*"
    assert read_csv(table.csv("zh")).iloc[0, 0] == "甲<乙&丙>*"


def test_a_search_matches_text_columns_ignoring_case_width_and_spaces():
    table = Table(
        pd.DataFrame(
            {
                "企业": ["佛山市ABC科技有限公司", "狮山（广东）制造厂", "长虹岭物流"],
                "代码": ["914406050000000001", "914406050000000002", "914406050000000003"],
                "员工": [12, 305, 3050],
            }
        ),
        {"员工": Cell.COUNT},
    )
    assert table.matching("abc").values["代码"].tolist() == ["914406050000000001"]
    assert table.matching(" （广东） ").values["企业"].tolist() == ["狮山（广东）制造厂"]
    assert table.matching("(广东)").values["企业"].tolist() == ["狮山（广东）制造厂"]  # half-width too
    assert table.matching("ＡＢＣ").values["企业"].tolist() == ["佛山市ABC科技有限公司"]
    assert table.matching("305").empty  # numbers are not searched: 305 is no one's text
    assert table.matching("0003", ["企业"]).empty  # only the columns asked for
    assert table.matching("   ") is table
    assert table.matching("有限").rows(0, 1).values.index.tolist() == [0]


def test_page_count():
    assert [page_count(n, 100) for n in (0, 1, 100, 101, 815)] == [1, 1, 1, 2, 9]
