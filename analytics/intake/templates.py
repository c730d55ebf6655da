"""Downloadable .xlsx templates: canonical headers, an example row, and a sheet of instructions."""

from __future__ import annotations

import io

import xlsxwriter

from analytics.exports import XLSX_OPTIONS
from analytics.intake.spec import DATASETS, Column, Kind

EXAMPLE_USCC = "91350100M000100Y43"  # the published GB 32100-2015 example
EXAMPLES: dict[str, dict[str, object]] = {
    "parks": {"park": "长虹岭工业园", "center": "长虹岭", "area_km2": 3.12},
    "enterprises": {
        "uscc": EXAMPLE_USCC, "name": "佛山市示例五金制品有限公司", "park": "长虹岭工业园", "center": "长虹岭",
        "industry": "金属制品", "is_above_scale": "是", "is_high_tech": "否", "is_listed": "否", "is_eagle": "否",
        "employees": 120, "address": "佛山市南海区狮山镇长虹路1号", "contact": "张敏", "phone": "0757-86000000",
    },
    "visits": {
        "visit_no": "ZF2022070001", "visit_date": "2022-07-01", "uscc": EXAMPLE_USCC,
        "name": "佛山市示例五金制品有限公司", "staff": "李娜", "method": "上门", "content": "了解用工需求", "note": "",
    },
    "tickets": {
        "ticket_no": "SQ20220001", "received_date": "2022-07-01", "uscc": EXAMPLE_USCC,
        "name": "佛山市示例五金制品有限公司", "category": "市政设施", "description": "厂区门口道路雨天水浸",
        "source": "走访", "lead_unit": "狮山镇城建和水利办", "responded_date": "2022-07-01", "due_date": "7个工作日",
        "closed_date": "2022-07-08", "status": "已办结", "resolved": "已解决", "satisfaction": "满意", "escalated": "否",
    },
    "output": {"uscc": EXAMPLE_USCC, "name": "佛山市示例五金制品有限公司", "period": "2022-06", "output_wan": 1250.5,
               "revenue_wan": 1180.0},
    "vaccinations": {"uscc": EXAMPLE_USCC, "name": "佛山市示例五金制品有限公司", "as_of": "2021-06-30",
                     "staff_total": 120, "dose1": 110, "full_course": 95, "booster": ""},
    "activities": {
        "activity_no": "HD2022070001", "activity_date": "2022-07-16", "name": "小候鸟暑期托管班",
        "category": "职工家庭服务", "venue": "小候鸟亲子活动中心", "center": "长虹岭", "park": "长虹岭工业园",
        "person_times": 60, "people": 30, "volunteers": 5,
    },
}  # fmt: skip
UNITS = {"area_km2": "平方公里", "output_wan": "万元", "revenue_wan": "万元"}
FORMATS = {
    Kind.TEXT: "文字 / text",
    Kind.USCC: "18位统一社会信用代码 / 18-character USCC",
    Kind.DATE: "日期，如 2022-07-01、2022/7/1、2022年7月1日 / a date",
    Kind.MONTH: "月份，如 2022-06、2022年6月、202206 / a month",
    Kind.NUMBER: "数字（不能为负） / a non-negative number",
    Kind.COUNT: "整数（不能为负） / a non-negative whole number",
    Kind.FLAG: "是/否、Y/N、1/0、√/×，空白视为否 / yes-no; blank = no",
    Kind.TIME_LIMIT: "日期，或“7个工作日”“15天” / a date, or N working / calendar days",
}
GENERAL = [
    "第一个工作表为数据；表头上方可以有标题行、“填报单位”行，合计行和填表人、审核人等落款行会被自动跳过。",
    "The first sheet holds the data. Title rows above the header, total rows and sign-off lines are skipped.",
    "带 * 的列为必填。列名也可使用“可用的其他列名”中的写法；列名后括号中的单位会被识别。",
    "Columns marked * are required. Any listed synonym is accepted as a header; a unit in brackets is read.",
    "空白、/、—、-、“无”表示缺失（不是 0）。无法识别的单元格会使该行被拒绝，并在错误报告中注明原因。",
    "Blank, /, —, - and 无 mean missing (not zero). A cell that cannot be read rejects its row, with the reason.",
    "同一文件重复导入不会产生重复数据；关键字段相同而其他内容不同的行会作为更新。",
    "Importing the same file again changes nothing; a row with an existing key and other values is an update.",
]


def _header(column: Column) -> str:
    unit = UNITS.get(column.name)
    text = f"{column.header}（{unit}）" if unit else column.header
    return f"{text}*" if column.required else text


def _format(column: Column) -> str:
    if column.kind in (Kind.CHOICE, Kind.CATEGORY):
        values = "、".join(dict.fromkeys(value for _, value in column.choices))
        extra = "；其他写法归为“其他” / others become 其他" if column.kind is Kind.CATEGORY else ""
        return f"可选：{values}{extra}"
    return FORMATS[column.kind]


def template_bytes(dataset_name: str) -> bytes:
    dataset = DATASETS[dataset_name]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **XLSX_OPTIONS})
    bold = book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(dataset.title_zh)
    example = EXAMPLES[dataset.name]
    for position, column in enumerate(dataset.columns):
        sheet.write(0, position, _header(column), bold)
        sheet.write(1, position, example.get(column.name, ""))
        sheet.set_column(position, position, max(12, len(_header(column)) * 2.2))
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("填写说明")
    notes.set_column(0, 0, 22)
    notes.set_column(1, 1, 8)
    notes.set_column(2, 2, 36)
    notes.set_column(3, 3, 60)
    for position, title in enumerate(
        ("列名 / Column", "必填 / Required", "可用的其他列名 / Synonyms", "填写格式 / Format")
    ):
        notes.write(0, position, title, bold)
    for row, column in enumerate(dataset.columns, start=1):
        required = "是" if column.required else ""
        if dataset.by_enterprise and column.name in ("uscc", "name"):
            required = "二选一"
        if dataset.name == "activities" and column.name == "center":
            required = "可省略（默认为上传的服务中心）"
        notes.write_row(
            row, 0, [_header(column), required, "、".join(column.synonyms), _format(column)], wrap
        )
    start = len(dataset.columns) + 2
    for offset, line in enumerate(GENERAL):
        notes.write(start + offset, 0, line)
    book.close()
    return buffer.getvalue()
