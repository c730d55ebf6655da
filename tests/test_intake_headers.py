"""Header matching: normalisation, every synonym of docs/datasets.md, finding the header row, telling datasets apart,
and refusing a file that lacks a required column (naming it) or belongs to another dataset (saying which)."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from analytics.intake import MissingColumns, Refused
from analytics.intake.headers import match_headers, normalise_header
from analytics.intake.reading import Sheet
from analytics.intake.spec import DATASETS
from tests.intake_files import (
    Merge,
    accepted_rows,
    errors_by_row,
    fixture_file,
    fixture_rows,
    import_file,
    plan_fixture,
    registry,
    table_counts,
    typed,
    value,
    xlsx_bytes,
)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return registry(tmp_path_factory.mktemp("headers"))


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("企业名称", ("企业名称", None)),
        ("  企业名称  ", ("企业名称", None)),
        ("企业 名称", ("企业名称", None)),
        ("企\u3000业名称", ("企业名称", None)),  # ideographic space
        ("受理\n日期", ("受理日期", None)),  # Alt+Enter inside a header cell
        ("企业名称*", ("企业名称", None)),
        ("企业名称 *", ("企业名称", None)),
        ("企业名称＊", ("企业名称", None)),  # full-width asterisk
        ("ＵＳＣＣ", ("USCC", None)),  # full-width letters
        ("产值（万元）", ("产值", "万元")),
        ("产值(万元)", ("产值", "万元")),
        ("工业总产值（亿元）", ("工业总产值", "亿元")),
        ("工业总产值 （ 亿元 ）", ("工业总产值", "亿元")),
        ("产值（万元）*", ("产值", "万元")),
        ("面积（平方公里）", ("面积", "平方公里")),
    ],
)
def test_normalise_header(raw, expected):
    assert normalise_header(raw) == expected


# --- every synonym ----------------------------------------------------------------------------


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _variants(header: str) -> list[str]:
    """How clerks write a header: as is, padded, starred, spaced out, with a unit, full-width."""
    written = [header, f"  {header} ", f"{header}*", f"{header} *", " ".join(header), _full_width(header)]
    if not header.endswith(("）", ")")):  # 面积（平方公里） already carries its unit
        written += [f"{header}（万元）", f"{header}(人)", f"{header}（万元）*"]
    return written


def _sheet(rows: list[list[str]]) -> Sheet:
    return Sheet(rows=rows, row_numbers=list(range(1, len(rows) + 1)), sheet_name=None, sheet_names=[])


SPEC_HEADERS = [
    (dataset.name, column.name, header)
    for dataset in DATASETS.values()
    for column in dataset.columns
    for header in column.headers
]

# The header tables of docs/datasets.md, transcribed: canonical header first, then the synonyms.
DOC_HEADERS: dict[str, dict[str, list[str]]] = {
    "parks": {
        "park": ["园区名称", "园区", "所属园区", "工业区"],
        "center": ["所属产业社区", "产业社区", "服务中心", "产业社区服务中心"],
        "area_km2": ["面积（平方公里）", "面积"],
    },
    "enterprises": {
        "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "USCC"],
        "name": ["企业名称", "单位名称", "企业全称"],
        "park": ["所属园区", "园区", "园区名称"],
        "center": ["所属产业社区", "产业社区", "服务中心"],
        "industry": ["所属行业", "行业"],
        "is_above_scale": ["是否规上", "规上企业", "规模以上"],
        "is_high_tech": ["高新技术企业", "是否高企", "高企"],
        "is_listed": ["上市企业", "是否上市"],
        "is_eagle": ["雄鹰计划企业", "雄鹰计划"],
        "employees": ["员工人数", "从业人员", "职工人数", "从业人数"],
        "address": ["地址"],
        "contact": ["联系人"],
        "phone": ["联系电话"],
    },
    "visits": {
        "visit_no": ["走访编号"],
        "visit_date": ["走访日期", "走访时间", "日期"],
        "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "USCC"],
        "name": ["企业名称", "单位名称", "企业全称"],
        "staff": ["走访人", "企业服务员", "服务员", "网格员"],
        "method": ["走访方式", "方式"],
        "content": ["走访内容", "了解情况", "反映问题"],
        "note": ["备注"],
    },
    "tickets": {
        "ticket_no": ["工单号", "诉求编号", "编号"],
        "received_date": ["受理日期", "受理时间", "登记日期", "反映时间"],
        "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "USCC"],
        "name": ["企业名称", "单位名称", "企业全称"],
        "category": ["诉求类别", "问题类型", "诉求类型"],
        "description": ["诉求内容", "问题描述"],
        "source": ["来源", "渠道"],
        "lead_unit": ["承办单位", "责任单位"],
        "responded_date": ["响应日期", "首次联系日期"],
        "due_date": ["办理时限", "承诺办结日期"],
        "closed_date": ["办结日期", "办结时间", "完成时间"],
        "status": ["办理状态", "状态"],
        "resolved": ["是否解决", "解决情况"],
        "satisfaction": ["满意度", "企业评价"],
        "escalated": ["是否督办", "督办"],
    },
    "output": {
        "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "USCC"],
        "name": ["企业名称", "单位名称", "企业全称"],
        "period": ["报告期", "年月", "月份", "统计月份"],
        "output_wan": ["工业总产值", "产值", "本月产值", "当月产值"],
        "revenue_wan": ["营业收入", "主营业务收入"],
    },
    "vaccinations": {
        "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "USCC"],
        "name": ["企业名称", "单位名称", "企业全称"],
        "as_of": ["截至日期", "统计日期"],
        "staff_total": ["员工总数", "在册人数", "职工总数"],
        "dose1": ["已接种第一剂", "首针", "已接种人数"],
        "full_course": ["完成全程接种", "完成全程", "第二剂"],
        "booster": ["加强针", "已接种加强针"],
    },
    "activities": {
        "activity_no": ["活动编号"],
        "activity_date": ["活动日期", "日期"],
        "name": ["活动名称"],
        "category": ["服务类别", "类别", "项目领域"],
        "venue": ["活动阵地", "地点", "阵地"],
        "center": ["服务中心", "产业社区", "所属产业社区"],
        "park": ["所属园区", "园区"],
        "person_times": ["参与人次", "服务人次", "受益人次"],
        "people": ["参与人数", "受益人数"],
        "volunteers": ["志愿者人数"],
    },
}
DOC_ROWS = [
    (dataset, column, header)
    for dataset, columns in DOC_HEADERS.items()
    for column, headers in columns.items()
    for header in headers
]
REQUIRED = {
    "parks": {"park", "center"},
    "enterprises": {"uscc", "name", "park"},
    "visits": {"visit_date", "staff"},
    "tickets": {"received_date", "category"},
    "output": {"period", "output_wan"},
    "vaccinations": {"as_of", "staff_total", "dose1"},
    "activities": {"activity_date", "name", "category", "person_times"},
}


def _check_header_maps(dataset: str, column: str, header: str) -> None:
    others = [c.header for c in DATASETS[dataset].required if c.name != column]
    for written in _variants(header):
        sheet = _sheet([[written, *others], ["x"] * (len(others) + 1)])
        match = match_headers(sheet, dataset, {})
        assert match.columns.get(0) == column, f"{written!r} read as {match.columns.get(0)!r}"


@pytest.mark.parametrize(
    ("dataset", "column", "header"), SPEC_HEADERS, ids=[f"{d}-{h}" for d, _, h in SPEC_HEADERS]
)
def test_every_header_of_the_spec_maps_to_its_column(dataset, column, header):
    _check_header_maps(dataset, column, header)


@pytest.mark.parametrize(("dataset", "column", "header"), DOC_ROWS, ids=[f"{d}-{h}" for d, _, h in DOC_ROWS])
def test_every_header_of_datasets_md_maps_to_its_column(dataset, column, header):
    _check_header_maps(dataset, column, header)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_required_columns_as_in_datasets_md(dataset):
    assert {c.name for c in DATASETS[dataset].required} == REQUIRED[dataset]
    assert {c.name for c in DATASETS[dataset].columns} == set(DOC_HEADERS[dataset])


def test_unrecognised_columns_are_ignored_and_listed(con):
    rows = fixture_rows("visits.csv")
    rows = [[*row, extra] for row, extra in zip(rows, ["走访照片", "有", "", "有"], strict=True)]
    rows = [[*row, extra] for row, extra in zip(rows, ["GPS坐标", "23.1,113.0", "", ""], strict=True)]
    plan = import_file(con, _csv(rows), "走访台账.csv", "visits")
    assert accepted_rows(plan) == [2, 3, 4]
    warnings = " ".join(plan.report(None)["warnings"])
    assert "走访照片" in warnings and "GPS坐标" in warnings


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


# --- finding the header row -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "dataset", "header_line", "center"),
    [
        ("visits_title_rows.csv", "visits", 5, None),  # two title rows, 填报单位 line, blank row
        ("output_thousand_yuan.csv", "output", 3, None),  # title, 填报单位 line with 单位：千元
        ("output_100m_yuan.csv", "output", 2, None),  # a 单位 line
        ("parks_messy.csv", "parks", 4, None),
        ("enterprises_messy.csv", "enterprises", 3, None),
        ("tickets_status.csv", "tickets", 2, None),
        ("tickets_two_level_header.csv", "tickets", 3, None),  # the lower of two header rows
        ("vaccinations.csv", "vaccinations", 2, None),
        ("activities_no_center.csv", "activities", 2, "长虹岭产业社区"),
        ("visits.csv", "visits", 1, None),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_header_row_is_found(con, fixture, dataset, header_line, center, fmt):
    plan = plan_fixture(con, fixture, dataset, fmt=fmt, center=center)
    assert plan.header_row == header_line
    assert min(plan.validation.raw.index) > header_line


def test_header_below_blank_rows_and_a_merged_title_in_xlsx(con):
    rows = [[], [], ["", "2021年职工服务活动台账"], [], ["", "填报单位：罗村产业社区"], [], [], *[
        ["", *row] for row in typed(fixture_rows("activities_with_center.csv"))
    ]]  # fmt: skip
    data = xlsx_bytes(rows, merges=[Merge(2, 1, 2, 7, "2021年职工服务活动台账")])
    plan = import_file(con, data, "活动台账.xlsx", "activities", center="罗村产业社区")
    assert plan.header_row == 8
    assert accepted_rows(plan) == [9, 10]
    assert sorted(errors_by_row(plan)) == [11, 12, 13]


TWO_LEVEL_MERGES = [
    Merge(0, 0, 0, 7, "企业诉求办理情况台账"),
    Merge(1, 0, 2, 0, "工单号"),
    Merge(1, 1, 2, 1, "受理日期"),
    Merge(1, 2, 1, 3, "企业信息"),
    Merge(1, 4, 2, 4, "诉求类别"),
    Merge(1, 5, 1, 7, "办理情况"),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx-merged"])
def test_two_level_merged_header(con, fmt):
    """A parent row (企业信息, 办理情况) over its children, other headers merged down over both rows."""
    if fmt == "csv":
        data, name = fixture_file("tickets_two_level_header.csv")
    else:
        data, name = (
            xlsx_bytes(typed(fixture_rows("tickets_two_level_header.csv")), TWO_LEVEL_MERGES),
            "诉求.xlsx",
        )
    plan = import_file(con, data, name, "tickets")
    assert set(plan.match.columns.values()) == {
        "ticket_no", "received_date", "uscc", "name", "category", "due_date", "closed_date", "status",
    }  # fmt: skip
    assert accepted_rows(plan) == [4, 5]
    assert {row: [c for c, _ in errors] for row, errors in errors_by_row(plan).items()} == {6: ["受理日期"]}
    assert value(plan, 4, "ticket_no") == "T01"
    assert value(plan, 4, "uscc") == "914406050000000019"
    assert value(plan, 5, "uscc") == "91440605000000003F"  # by 企业名称
    assert value(plan, 5, "status") == "办理中"
    assert "企业信息" not in " ".join(plan.report(None)["warnings"])


# --- telling datasets apart -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "dataset", "center"),
    [
        ("parks.csv", "parks", None),
        ("parks_messy.csv", "parks", None),
        ("enterprises.csv", "enterprises", None),
        ("enterprises_messy.csv", "enterprises", None),
        ("visits.csv", "visits", None),
        ("visits_title_rows.csv", "visits", None),
        ("tickets_status.csv", "tickets", None),
        ("tickets_time_limits.csv", "tickets", None),
        ("tickets_two_level_header.csv", "tickets", None),
        ("output_thousand_yuan.csv", "output", None),
        ("output_100m_yuan.csv", "output", None),
        ("vaccinations.csv", "vaccinations", None),
        ("activities_with_center.csv", "activities", "罗村产业社区"),
        ("activities_no_center.csv", "activities", "长虹岭产业社区"),
    ],
)
def test_dataset_detected_from_headers(con, fixture, dataset, center):
    assert plan_fixture(con, fixture, None, center=center).dataset.name == dataset


@pytest.mark.parametrize(
    ("fixture", "chosen", "actual"),
    [
        ("tickets_status.csv", "visits", "tickets"),
        ("vaccinations.csv", "output", "vaccinations"),
        ("output_100m_yuan.csv", "vaccinations", "output"),
        ("activities_with_center.csv", "tickets", "activities"),
        ("enterprises.csv", "parks", "enterprises"),
        ("visits_title_rows.csv", "tickets", "visits"),
        ("parks.csv", "activities", "parks"),
        ("vaccinations.csv", "activities", "vaccinations"),
    ],
)
def test_wrong_dataset_is_refused_suggesting_the_right_one(con, fixture, chosen, actual):
    before = table_counts(con)
    with pytest.raises(Refused) as refused:
        plan_fixture(con, fixture, chosen)
    problem = refused.value.problem
    assert DATASETS[actual].title_zh in problem.zh, problem.zh
    assert DATASETS[actual].title_en in problem.en, problem.en
    assert table_counts(con) == before


# --- missing required columns -----------------------------------------------------------------


def _without(fixture: str, *headers: str) -> bytes:
    rows = fixture_rows(fixture)
    line = next(i for i, row in enumerate(rows) if any(h in row for h in headers))
    drop = {j for j, cell in enumerate(rows[line]) if cell in headers}
    return _csv([[cell for j, cell in enumerate(row) if j not in drop] for row in rows])


@pytest.mark.parametrize(
    ("fixture", "dataset", "dropped", "named"),
    [
        ("parks.csv", "parks", ["园区名称"], ["园区名称"]),
        ("parks.csv", "parks", ["所属产业社区"], ["所属产业社区"]),
        ("enterprises.csv", "enterprises", ["统一社会信用代码"], ["统一社会信用代码"]),
        ("enterprises.csv", "enterprises", ["企业名称"], ["企业名称"]),
        ("enterprises.csv", "enterprises", ["所属园区"], ["所属园区"]),
        ("visits.csv", "visits", ["走访日期"], ["走访日期"]),
        ("visits.csv", "visits", ["走访人"], ["走访人"]),
        ("visits.csv", "visits", ["统一社会信用代码", "企业名称"], ["统一社会信用代码", "企业名称"]),
        ("tickets_time_limits.csv", "tickets", ["受理日期"], ["受理日期"]),
        ("tickets_time_limits.csv", "tickets", ["诉求类别"], ["诉求类别"]),
        ("tickets_time_limits.csv", "tickets", ["统一社会信用代码"], ["统一社会信用代码", "企业名称"]),
        ("output_100m_yuan.csv", "output", ["报告期"], ["报告期"]),
        ("output_100m_yuan.csv", "output", ["工业总产值（亿元）"], ["工业总产值"]),
        ("vaccinations.csv", "vaccinations", ["统计日期"], ["截至日期"]),
        ("vaccinations.csv", "vaccinations", ["在册人数"], ["员工总数"]),
        ("vaccinations.csv", "vaccinations", ["首针"], ["已接种第一剂"]),
        ("activities_with_center.csv", "activities", ["活动日期"], ["活动日期"]),
        ("activities_with_center.csv", "activities", ["活动名称"], ["活动名称"]),
        ("activities_with_center.csv", "activities", ["服务类别"], ["服务类别"]),
        ("activities_with_center.csv", "activities", ["参与人次"], ["参与人次"]),
    ],
)
def test_missing_required_column_is_refused_naming_it(con, fixture, dataset, dropped, named):
    before = table_counts(con)
    with pytest.raises(MissingColumns) as refused:
        import_file(con, _without(fixture, *dropped), fixture, dataset, center="罗村产业社区")
    problem = refused.value.problem
    for header in named:
        assert header in problem.zh and header in problem.en, problem
    assert table_counts(con) == before


def test_missing_output_column_refused_when_dataset_detected(con):
    with pytest.raises(MissingColumns) as refused:
        plan_fixture(con, "output_missing_column.csv", None)
    assert refused.value.match.dataset.name == "output"
    assert refused.value.missing == ["工业总产值"]
    assert "工业总产值" in refused.value.problem.zh and "工业总产值" in refused.value.problem.en


def test_activities_without_center_column_need_the_uploaders_center(con):
    with pytest.raises(MissingColumns) as refused:
        plan_fixture(con, "activities_no_center.csv", "activities")
    assert "服务中心" in refused.value.problem.zh and "服务中心" in refused.value.problem.en
    assert accepted_rows(plan_fixture(con, "activities_no_center.csv", "activities", center="长虹岭产业社区"))


def test_a_file_with_no_known_header_is_refused(con):
    with pytest.raises(Refused) as refused:
        import_file(con, "甲,乙,丙\n1,2,3\n".encode(), "表格.csv", None)
    assert "表头" in refused.value.problem.zh and "header" in refused.value.problem.en
