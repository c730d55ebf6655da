"""Row rules of docs/datasets.md per dataset, on messy ledgers as clerks keep them.

Each fixture (tests/fixtures/intake, see its README) is read as UTF-8 CSV, CSV with BOM, GBK CSV, .xlsx
and .xls (dates as date cells, numbers as number cells): the same rows must be accepted and rejected, with
the row numbers the clerk sees and each rejection naming the column as the file writes its header.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics.intake import MissingColumns, commit_import
from analytics.settings import Settings
from tests.intake_files import (
    FORMATS,
    accepted_rows,
    errors_by_row,
    import_file,
    plan_fixture,
    registry,
    value,
)

D = dt.date
E1, E2, E3, E4, E5 = (
    "914406050000000019",
    "91440605000000002C",
    "91440605000000003F",
    "91440605000000004J",
    "91440605MA4UJ3Q7X2",
)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The registry (parks.csv + enterprises.csv), shared: tests that commit make their own."""
    return registry(tmp_path_factory.mktemp("rules"))


def columns_by_row(plan) -> dict[int, set[str | None]]:
    return {row: {column for column, _ in errors} for row, errors in errors_by_row(plan).items()}


def messages(plan, row: int) -> str:
    return " | ".join(message for _, message in errors_by_row(plan)[row])


def warnings(plan) -> str:
    return " | ".join(plan.report(None)["warnings"])


def one_row_csv(header: str, row: str) -> bytes:
    return f"{header}\n{row}\n".encode()


# --- the same outcome in every format ---------------------------------------------------------


@dataclass(frozen=True)
class Case:
    fixture: str
    dataset: str
    rows_read: int
    accepted: list[int]
    rejected: dict[int, set[str | None]] = field(
        default_factory=dict
    )  # row -> columns named (None: whole row)
    center: str | None = None


CASES = [
    Case("parks_messy.csv", "parks", 5, [5, 6, 7, 9], {8: {"面积（平方公里）"}}),
    Case(
        "enterprises_messy.csv", "enterprises", 10, [4, 5, 6, 13],
        {7: {"社会信用代码"}, 8: {"园区"}, 9: {"产业社区"}, 10: {None}, 11: {"从业人员"}, 12: {"规上企业"}},
    ),
    Case("visits.csv", "visits", 3, [2, 3, 4]),
    Case(
        "visits_title_rows.csv", "visits", 10, [6, 7, 8, 9, 11, 12],
        {13: {"企业名称"}, 14: {"统一社会信用代码"}, 15: {"统一社会信用代码"}, 16: {"走访日期"}},
    ),
    Case(
        "visits_duplicates.csv", "visits", 10, [2, 3, 7, 9],
        {4: {None}, 5: {"走访日期"}, 6: {None}, 8: {None}, 10: {"企业名称"}, 11: {"企业名称", None}},
    ),
    Case(
        "tickets_status.csv", "tickets", 10, [3, 7, 8, 9, 11],
        {4: {"办结时间"}, 5: {"状态"}, 6: {"办结时间"}, 10: {None}, 12: {None}},
    ),
    Case("tickets_no_number.csv", "tickets", 5, [2, 3, 5, 6], {4: {None}}),
    Case(
        "tickets_time_limits.csv", "tickets", 22, [*range(2, 19), 21, 22, 23], {19: {"办理时限"}, 20: {"办理时限"}}
    ),
    Case("tickets_two_level_header.csv", "tickets", 3, [4, 5], {6: {"受理日期"}}),
    Case(
        "output_thousand_yuan.csv", "output", 10, [4, 5, 6, 7, 8],
        {9: {"当月产值"}, 10: {"统计月份"}, 11: {"当月产值"}, 12: {None}, 13: {None}},
    ),
    Case("output_100m_yuan.csv", "output", 2, [3, 4]),
    Case(
        "vaccinations.csv", "vaccinations", 8, [3, 7, 8],
        {4: {"首针"}, 5: {"已接种加强针"}, 6: {"完成全程"}, 9: {"首针"}, 10: {"首针"}},
    ),
    Case(
        "activities_no_center.csv", "activities", 6, [3, 4, 6], {5: {"园区"}, 7: {"受益人数"}, 8: {"园区"}},
        center="长虹岭产业社区",
    ),
    Case(
        "activities_with_center.csv", "activities", 5, [2, 3], {4: {"所属园区"}, 5: {None}, 6: {"所属产业社区"}},
        center="罗村产业社区",
    ),
]  # fmt: skip
CASE_IDS = [case.fixture.removesuffix(".csv") for case in CASES]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rows_accepted_and_rejected_with_clerk_row_numbers(con, case, fmt):
    """Title rows, 填报单位 lines, blank rows, 合计 rows and footers are skipped: neither read nor rejected."""
    plan = plan_fixture(con, case.fixture, case.dataset, fmt=fmt, center=case.center)
    report = plan.report(None)
    assert accepted_rows(plan) == case.accepted
    assert sorted(errors_by_row(plan)) == sorted(case.rejected)
    assert report["rejected"] == len(case.rejected)
    assert report["rows_read"] == case.rows_read
    assert set(case.rejected) <= set(plan.validation.raw.index)  # their cells as written, for the report


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rejections_name_the_column_as_the_file_writes_it(con, case, fmt):
    plan = plan_fixture(con, case.fixture, case.dataset, fmt=fmt, center=case.center)
    assert columns_by_row(plan) == case.rejected
    for row, errors in errors_by_row(plan).items():
        for _column, message in errors:
            zh, en = message.split(" / ", 1)
            assert zh.strip() and en.strip(), (row, message)


# --- parks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_parks_messy(con, fmt):
    plan = plan_fixture(con, "parks_messy.csv", "parks", fmt=fmt)
    assert value(plan, 5, "area_km2") == pytest.approx(1.5)  # full-width digit
    assert value(plan, 6, "area_km2") == pytest.approx(2.25)  # surrounding spaces
    assert math.isnan(value(plan, 9, "area_km2"))  # — is missing, not zero
    assert value(plan, 5, "center") == "小塘产业社区"
    assert "小塘产业社区" in warnings(plan)  # a new center is reported
    assert "约3" in messages(plan, 8)


def test_parks_commit_creates_the_center_and_counts_file_rows_only(tmp_path: Path):
    con = registry(tmp_path)
    plan = plan_fixture(con, "parks_messy.csv", "parks")
    _batch, counts = commit_import(con, plan)
    assert (counts.inserted, counts.updated, counts.unchanged) == (3, 0, 1)
    assert con.execute("SELECT count(*) FROM centers WHERE center = '小塘产业社区'").fetchone() == (1,)
    assert con.execute("SELECT area_km2 FROM parks WHERE park = '松岗园'").fetchone() == (None,)


# --- enterprises ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_enterprises_messy(con, fmt):
    plan = plan_fixture(con, "enterprises_messy.csv", "enterprises", fmt=fmt)
    flags = ["is_above_scale", "is_high_tech", "is_listed", "is_eagle"]
    # " 91440605 00000000 5m": spaces and lower case; Y / N / 0 / ×; 1,200
    assert value(plan, 4, "uscc") == "91440605000000005M"
    assert [bool(value(plan, 4, f)) for f in flags] == [True, False, False, False]
    assert value(plan, 4, "employees") == 1200
    # full-width code; √ / TRUE / FALSE / 1; ８５
    assert value(plan, 5, "uscc") == "91440605000000006Q"
    assert [bool(value(plan, 5, f)) for f in flags] == [True, True, False, True]
    assert value(plan, 5, "employees") == 85
    assert [bool(value(plan, 6, f)) for f in flags] == [True, False, False, False]  # 是 / 否
    assert [bool(value(plan, 13, f)) for f in flags] == [False] * 4  # blank = 否
    assert pd.isna(value(plan, 13, "employees"))  # blank is missing, not zero
    assert "914406050000000018" in messages(plan, 7)  # the bad check character, quoted
    assert "不存在园" in messages(plan, 8)
    assert "约300" in messages(plan, 11)
    assert "也许" in messages(plan, 12)
    assert re.search(r"第\s*4\s*行", messages(plan, 10)) and re.search(r"row 4\b", messages(plan, 10))


# --- visits and enterprise matching -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_visits_title_rows_date_styles_and_matching(con, fmt):
    plan = plan_fixture(con, "visits_title_rows.csv", "visits", fmt=fmt)
    for row in (6, 7, 8, 9, 11):  # 2021-06-08, 2021/6/8, 2021.6.8, 2021年6月8日, 44355
        assert value(plan, row, "visit_date") == D(2021, 6, 8), row
    assert value(plan, 12, "visit_date") == D(2021, 6, 9)  # ２０２１年６月９日
    assert value(plan, 6, "uscc") == E1
    assert value(plan, 7, "uscc") == E2  # 佛山(南海) 华联电子有限公司 = 佛山（南海）华联电子有限公司
    assert value(plan, 8, "uscc") == E3  # by name only
    assert value(plan, 9, "uscc") == E4  # lower-case code
    assert value(plan, 11, "uscc") == E5  # full-width code
    assert value(plan, 12, "uscc") == E5  # by name
    assert value(plan, 6, "staff") == "张敏"  # 企业服务员
    assert value(plan, 11, "method") == "线上"  # 方式
    assert value(plan, 6, "content") == "用工需求"  # 了解情况


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_unknown_enterprises_are_rejected_and_listed(con, fmt):
    plan = plan_fixture(con, "visits_title_rows.csv", "visits", fmt=fmt)
    unknown = plan.report(None)["unknown_enterprises"]
    assert sorted(unknown, key=str) == sorted(
        [{"uscc": None, "name": "未登记塑料制品有限公司"}, {"uscc": "91440605000000005M", "name": None}],
        key=str,
    )
    assert "名录" in messages(plan, 13) and "registry" in messages(plan, 13)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_check_character_never_falls_back_to_the_name(con, fmt):
    """Row 15 gives a registered name with a code whose check character is wrong: rejected for the code."""
    plan = plan_fixture(con, "visits_title_rows.csv", "visits", fmt=fmt)
    assert 15 not in accepted_rows(plan)
    assert columns_by_row(plan)[15] == {"统一社会信用代码"}
    assert "914406050000000018" in messages(plan, 15)
    assert all(entry["uscc"] != "914406050000000018" for entry in plan.report(None)["unknown_enterprises"])
    assert "2021-02-30" in messages(plan, 16)


@pytest.mark.parametrize(
    "written",
    [
        "佛山（南海）华联电子有限公司",
        "佛山(南海)华联电子有限公司",
        "佛山(南海) 华联电子有限公司",
        " 佛山（南海） 华联电子 有限公司 ",
        "佛山（南海)华联电子有限公司",
        "佛山\u3000（南海）华联电子有限公司",
    ],
)
def test_enterprise_matched_by_name_ignoring_spaces_and_width(con, written):
    data = one_row_csv("走访日期,企业名称,走访人", f"2021-06-08,{written},张敏")
    plan = import_file(con, data, "走访.csv", "visits")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert value(plan, 2, "uscc") == E2


def test_a_blank_code_is_matched_by_name_even_after_a_bad_code_with_that_name(con):
    """A bad code and a blank code both read as 'no code'; only the blank one may fall back to the name."""
    data = "走访日期,统一社会信用代码,企业名称,走访人\n" + "".join(
        f"2021-06-0{day},{code},佛山（南海）华联电子有限公司,张敏\n"
        for day, code in ((8, "914406050000000018"), (9, ""))
    )
    plan = import_file(con, data.encode(), "走访.csv", "visits")
    assert columns_by_row(plan) == {2: {"统一社会信用代码"}}
    assert accepted_rows(plan) == [3]
    assert value(plan, 3, "uscc") == E2


def test_a_different_name_is_not_guessed(con):
    plan = import_file(
        con,
        one_row_csv("走访日期,企业名称,走访人", "2021-06-08,佛山南海华联电子有限公司,张敏"),
        "走访.csv",
        "visits",
    )
    assert accepted_rows(plan) == []
    assert plan.report(None)["unknown_enterprises"] == [{"uscc": None, "name": "佛山南海华联电子有限公司"}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_duplicate_keys_name_the_earlier_row(con, fmt):
    """A later row repeating the key of an earlier one, accepted or rejected, is rejected naming that row."""
    plan = plan_fixture(con, "visits_duplicates.csv", "visits", fmt=fmt)
    for row, earlier in ((4, 2), (6, 5), (8, 7), (11, 10)):
        text = messages(plan, row)
        assert re.search(rf"第\s*{earlier}\s*行", text) and re.search(rf"row {earlier}\b", text), (row, text)
    # row 8 is row 7's enterprise by name with the date written 2021/6/15: the same key
    assert value(plan, 9, "staff") == "李强"  # same enterprise and day, another worker: a different key


# --- tickets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_ticket_status_and_closed_date(con, fmt):
    plan = plan_fixture(con, "tickets_status.csv", "tickets", fmt=fmt)
    assert value(plan, 3, "status") == "已办结"
    assert value(plan, 7, "status") == "已办结"  # a closed date with a blank status
    assert value(plan, 8, "status") == "办理中"
    assert value(plan, 9, "status") == "已受理"
    assert value(plan, 11, "status") == "已撤销"
    assert value(plan, 3, "closed_date") == D(2021, 6, 10)
    assert "办理中" in messages(plan, 5)  # the status that contradicts the closed date
    assert re.search(r"第\s*4\s*行", messages(plan, 10))  # T02 again, after the rejected T02
    assert re.search(r"第\s*3\s*行", messages(plan, 12))  # T01 again


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_unknown_category_kept_as_other_with_a_warning(con, fmt):
    plan = plan_fixture(con, "tickets_status.csv", "tickets", fmt=fmt)
    assert value(plan, 8, "category") == "其他"
    assert value(plan, 8, "category_raw") == "噪音扰民"
    assert value(plan, 3, "category") == "供电供水"
    assert "噪音扰民" in warnings(plan) and "8" in warnings(plan)
    assert 8 not in errors_by_row(plan)


def test_ticket_key_without_number_uses_the_category_as_written(con):
    """(enterprise, received, category as written, description): 噪音扰民 and 其它问题 are both 其他 but differ."""
    plan = plan_fixture(con, "tickets_no_number.csv", "tickets")
    assert accepted_rows(plan) == [2, 3, 5, 6]
    assert re.search(r"第\s*2\s*行", messages(plan, 4))  # 2021/6/8 is 2021-06-08
    assert [value(plan, row, "category") for row in (2, 3, 6)] == ["其他", "其他", "供电供水"]
    assert value(plan, 3, "category_raw") == "其它问题"
    assert value(plan, 2, "status") == "已办结"  # no status column: a closed date means 已办结
    assert "噪音扰民" in warnings(plan) and "其它问题" in warnings(plan)


DUE_DATES = {
    2: D(2021, 6, 16),  # 5个工作日 from 2021-06-08, over the Dragon Boat holiday (06-14)
    3: D(2021, 10, 11),  # 3个工作日 from 2021-09-30: 10-08, the make-up Saturday 10-09, 10-11
    4: D(2021, 10, 9),  # 2工作日: the make-up Saturday itself
    5: D(2021, 10, 11),  # 3个工作日内
    6: D(2021, 10, 9),  # 2工作日内
    7: D(2021, 10, 11),  # 3 (a bare number: working days)
    8: D(2021, 10, 10),  # 10天 = calendar days, holidays included
    9: D(2021, 10, 10),  # 10日
    10: D(2021, 10, 10),  # 10个自然日
    11: D(2021, 10, 10),  # 10天内
    12: D(2021, 10, 10),  # 10日内
    13: D(2021, 10, 10),  # 10个自然日内
    14: D(2021, 10, 14),  # blank: 7 working days from 2021-09-29
    15: D(2021, 10, 15),  # a date
    16: D(2021, 10, 15),  # 2021年10月15日
    17: D(2021, 10, 5),  # 44474, an Excel serial
    18: D(2021, 10, 11),  # ３个工作日
    21: D(2021, 9, 18),  # 1个工作日 from Friday 2021-09-17: the Mid-Autumn make-up Saturday
    22: D(2021, 10, 15),  # —: missing, so the default 7 working days from 2021-09-30
    23: D(2021, 10, 11),  # " 3 个工作日 "
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_time_limits_become_due_dates(con, fmt):
    plan = plan_fixture(con, "tickets_time_limits.csv", "tickets", fmt=fmt)
    assert {row: value(plan, row, "due_date") for row in DUE_DATES} == DUE_DATES
    assert "尽快" in messages(plan, 19) and "三个工作日" in messages(plan, 20)


def test_default_due_is_configurable_per_category(con):
    settings = Settings(due_workdays_by_category={"供电供水": 3})
    plan = plan_fixture(con, "tickets_time_limits.csv", "tickets", settings=settings)
    assert value(plan, 14, "due_date") == D(2021, 10, 9)  # 供电供水, blank: 3 working days from 09-29
    assert value(plan, 22, "due_date") == D(2021, 10, 15)  # 市政设施: still 7
    assert value(plan, 3, "due_date") == D(2021, 10, 11)  # a written limit wins
    plan = plan_fixture(con, "tickets_time_limits.csv", "tickets", settings=Settings(default_due_workdays=5))
    assert value(plan, 22, "due_date") == D(2021, 10, 13)


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        ("2021-12-31", "1个工作日", D(2022, 1, 4)),  # New Year holiday 2022-01-01..03
        ("2021-02-10", "1", D(2021, 2, 18)),  # Spring Festival 2021-02-11..17
        ("2021-06-12", "1个工作日", D(2021, 6, 15)),  # received on a Saturday, Monday 06-14 a holiday
        ("2021-10-09", "1个工作日", D(2021, 10, 11)),  # received on the make-up Saturday (not counted)
        ("2021-09-30", "5个工作日", D(2021, 10, 13)),
        ("2021-09-30", "", D(2021, 10, 15)),  # default 7 working days across National Day
        ("2030-09-27", "3个工作日", D(2030, 10, 2)),  # no statutory data for 2030: weekends only
        ("2030-09-27", "", D(2030, 10, 8)),
        ("1999-12-30", "3个工作日", D(2000, 1, 4)),  # no data for 1999: weekends only
        ("2045-03-03", "3个工作日", D(2045, 3, 8)),  # nor for 2045
        ("2045-03-03", "", D(2045, 3, 14)),
    ],
)
def test_working_days_count_the_calendar(con, received, limit, due):
    data = one_row_csv(
        "工单号,受理日期,统一社会信用代码,诉求类别,办理时限", f"X1,{received},{E1},供电供水,{limit}"
    )
    plan = import_file(con, data, "诉求.csv", "tickets")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert value(plan, 2, "due_date") == due


def test_tickets_commit_stores_due_dates_status_and_rejects_with_row_numbers(tmp_path: Path):
    con = registry(tmp_path)
    plan = plan_fixture(con, "tickets_time_limits.csv", "tickets")
    batch, counts = commit_import(con, plan)
    assert counts.inserted == 20
    stored = dict(con.execute("SELECT ticket_no, due_date FROM tickets").fetchall())
    assert (
        stored["L02"] == D(2021, 10, 11)
        and stored["L13"] == D(2021, 10, 14)
        and stored["L16"] == D(2021, 10, 5)
    )
    assert con.execute("SELECT DISTINCT status FROM tickets").fetchall() == [("已受理",)]
    rejects = con.execute(
        "SELECT row_no, column_name FROM import_rejects WHERE batch_id = ? ORDER BY row_no", [batch]
    ).fetchall()
    assert rejects == [(19, "办理时限"), (20, "办理时限")]


def test_ticket_rejects_stored_with_clerk_row_numbers(tmp_path: Path):
    con = registry(tmp_path)
    batch, _ = commit_import(con, plan_fixture(con, "tickets_status.csv", "tickets", fmt="xlsx"))
    rows = con.execute(
        "SELECT DISTINCT row_no FROM import_rejects WHERE batch_id = ? ORDER BY 1", [batch]
    ).fetchall()
    assert [r for (r,) in rows] == [4, 5, 6, 10, 12]
    assert con.execute("SELECT rejected FROM import_batches WHERE batch_id = ?", [batch]).fetchone() == (5,)


# --- output -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_in_thousand_yuan_from_the_unit_line(con, fmt):
    plan = plan_fixture(con, "output_thousand_yuan.csv", "output", fmt=fmt)
    expected = {4: 1234.56, 5: 1234.5, 6: 80.0, 7: 0.0, 8: 100.0}  # 千元 / 10 = 万元
    assert {row: value(plan, row, "output_wan") for row in expected} == pytest.approx(expected)
    periods = {row: value(plan, row, "period") for row in expected}
    assert periods == {
        4: D(2021, 6, 1),
        5: D(2021, 7, 1),
        6: D(2021, 8, 1),
        7: D(2021, 9, 1),
        8: D(2021, 5, 1),
    }
    assert value(plan, 5, "revenue_wan") == pytest.approx(1000.0)
    assert all(math.isnan(value(plan, row, "revenue_wan")) for row in (4, 6, 7, 8))  # — / 无 - : missing
    assert value(plan, 7, "output_wan") == 0.0  # 0 is zero, not missing
    assert value(plan, 4, "uscc") == E3
    assert "约2万" in messages(plan, 9)
    assert "2021-13" in messages(plan, 10)
    assert re.search(r"第\s*9\s*行", messages(plan, 12))  # duplicates the rejected 约2万 row
    assert re.search(r"第\s*5\s*行", messages(plan, 13))  # 2021年7月 = 2021-07


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_unit_in_the_header_wins_over_the_unit_line(con, fmt):
    plan = plan_fixture(con, "output_100m_yuan.csv", "output", fmt=fmt)
    assert value(plan, 3, "output_wan") == pytest.approx(15000.0)  # 1.5 亿元
    assert value(plan, 4, "output_wan") == pytest.approx(2500.0)
    assert value(plan, 3, "revenue_wan") == pytest.approx(15000.0)  # 150,000,000 元
    assert value(plan, 4, "revenue_wan") == pytest.approx(250.0)


@pytest.mark.parametrize(
    ("unit", "factor"), [("元", 1e-4), ("千元", 0.1), ("万元", 1.0), ("亿元", 1e4), (None, 1.0)]
)
@pytest.mark.parametrize("where", ["header", "line"])
def test_output_units(con, unit, factor, where):
    header = "统一社会信用代码,报告期,工业总产值"
    if unit and where == "header":
        header += f"（{unit}）"
    text = f"{header}\n{E4},2021-06,1234\n"
    if unit and where == "line":
        text = f"单位：{unit}\n{text}"
    plan = import_file(con, text.encode(), "产值.csv", "output")
    assert plan.rejected == 0, plan.report(None)["errors"]
    assert value(plan, plan.validation.rows.index[0], "output_wan") == pytest.approx(1234 * factor)


def test_output_commit_stores_wan(tmp_path: Path):
    con = registry(tmp_path)
    commit_import(con, plan_fixture(con, "output_thousand_yuan.csv", "output", fmt="xlsx"))
    stored = dict(
        con.execute("SELECT period, output_wan FROM output_monthly WHERE uscc = ?", [E3]).fetchall()
    )
    assert stored[D(2021, 6, 1)] == pytest.approx(1234.56)
    assert stored[D(2021, 9, 1)] == 0.0
    assert con.execute("SELECT count(*) FROM output_monthly WHERE revenue_wan IS NULL").fetchone() == (4,)


# --- vaccinations -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_vaccination_order(con, fmt):
    """booster ≤ full ≤ dose1 ≤ staff_total, all ≥ 0, whole numbers; the message names the column and values."""
    plan = plan_fixture(con, "vaccinations.csv", "vaccinations", fmt=fmt)
    assert "50" in messages(plan, 4) and "45" in messages(plan, 4)  # 首针 50 > 在册人数 45
    assert "950" in messages(plan, 5) and "900" in messages(plan, 5)  # 加强针 950 > 完成全程 900
    assert "130" in messages(plan, 6) and "120" in messages(plan, 6)  # 完成全程 130 > 首针 120
    assert "-5" in messages(plan, 9)
    assert "1100.5" in messages(plan, 10)
    assert value(plan, 3, "as_of") == D(2021, 9, 30)
    assert pd.isna(value(plan, 7, "full_course"))  # — is missing, not zero
    assert (value(plan, 8, "staff_total"), value(plan, 8, "dose1")) == (1000, 120)  # 1,000 and １２０


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_vaccination_order_skips_a_missing_middle_value(con, fmt):
    """With 完成全程 blank, 加强针 (900) still may not exceed 已接种第一剂 (800): booster ≤ full ≤ dose1."""
    plan = plan_fixture(con, "vaccinations_missing_middle.csv", "vaccinations", fmt=fmt)
    assert columns_by_row(plan) == {2: {"加强针"}, 3: {"已接种第一剂"}}
    assert accepted_rows(plan) == [4]
    assert pd.isna(value(plan, 4, "full_course"))


# --- activities -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_activities_take_the_uploaders_center(con, fmt):
    plan = plan_fixture(con, "activities_no_center.csv", "activities", fmt=fmt, center="长虹岭产业社区")
    assert {value(plan, row, "center") for row in (3, 4, 6)} == {"长虹岭产业社区"}
    assert value(plan, 6, "category") == "其他"
    assert value(plan, 6, "category_raw") == "亲子活动"
    assert "亲子活动" in warnings(plan)
    assert "罗村工业区" in messages(plan, 5)  # a park of another center
    assert "不存在园" in messages(plan, 8)
    assert value(plan, 4, "activity_date") == D(2021, 6, 19)


@pytest.mark.parametrize("fmt", FORMATS)
def test_activities_blank_center_cell_takes_the_uploaders(con, fmt):
    plan = plan_fixture(con, "activities_with_center.csv", "activities", fmt=fmt, center="罗村产业社区")
    assert value(plan, 3, "center") == "罗村产业社区"
    assert value(plan, 2, "center") == "罗村产业社区"
    assert "大榄工业园" in messages(plan, 4)
    assert re.search(r"第\s*2\s*行", messages(plan, 5))  # 2021/6/12 端午游园 again
    assert "不存在产业社区" in messages(plan, 6)


def test_activities_blank_center_without_an_uploader_center_is_rejected(con):
    """The row lacks its center: that is the reason given, not a park 'not belonging to center None'."""
    plan = plan_fixture(con, "activities_with_center.csv", "activities")
    assert "所属产业社区" in columns_by_row(plan)[3]
    assert "None" not in messages(plan, 3) and "nan" not in messages(plan, 3).lower()
    assert 2 in accepted_rows(plan)


def test_activities_without_center_column_or_uploader_center_are_refused(con):
    with pytest.raises(MissingColumns):
        plan_fixture(con, "activities_no_center.csv", "activities")


def test_activities_commit_stores_the_center(tmp_path: Path):
    con = registry(tmp_path)
    commit_import(con, plan_fixture(con, "activities_no_center.csv", "activities", center="长虹岭产业社区"))
    rows = con.execute("SELECT activity_no, center, category FROM activities ORDER BY 1").fetchall()
    assert rows == [
        ("A01", "长虹岭产业社区", "文体康乐服务"),
        ("A02", "长虹岭产业社区", "维护合法权益服务"),
        ("A04", "长虹岭产业社区", "其他"),
    ]
