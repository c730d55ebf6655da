"""The upload contract of docs/datasets.md as data: datasets, their columns, headers, synonyms and keys."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from analytics.domain import SATISFACTION_VALUES, SERVICE_CATEGORIES, TICKET_CATEGORIES


class Kind(StrEnum):
    TEXT = "text"
    USCC = "uscc"
    DATE = "date"
    MONTH = "month"
    NUMBER = "number"  # non-negative decimal
    COUNT = "count"  # non-negative integer
    FLAG = "flag"
    TIME_LIMIT = "time_limit"  # a date, or N working / calendar days
    CHOICE = "choice"  # one of `choices` (synonyms map to a canonical value)
    CATEGORY = "category"  # one of `choices`; anything else is kept as 其他 with a warning


@dataclass(frozen=True)
class Column:
    name: str  # canonical column id
    header: str  # canonical Chinese header (the template's)
    english: str
    kind: Kind = Kind.TEXT
    synonyms: tuple[str, ...] = ()
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (accepted text, canonical value)

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)

    def label(self, lang: str) -> str:
        return self.header if lang == "zh" else self.english


@dataclass(frozen=True)
class Dataset:
    name: str
    title_zh: str
    title_en: str
    table: str
    columns: tuple[Column, ...]
    number: str | None  # the numbering column that keys a row when present
    key: tuple[str, ...]  # the composite key otherwise (after enterprise resolution: uscc)
    by_enterprise: bool  # rows name an enterprise (uscc / name), matched against the registry

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)


def _choices(*values: str, **synonyms: str) -> tuple[tuple[str, str], ...]:
    return tuple((v, v) for v in values) + tuple(synonyms.items())


USCC = Column("uscc", "统一社会信用代码", "USCC", Kind.USCC, ("社会信用代码", "信用代码", "USCC"))
NAME = Column("name", "企业名称", "Enterprise name", Kind.TEXT, ("单位名称", "企业全称"))
FLAG_VALUES = "是/否, Y/N, 1/0, √/×, TRUE/FALSE"

PARKS = Dataset(
    "parks", "园区名录", "Parks", "parks",
    (
        Column("park", "园区名称", "Park", synonyms=("园区", "所属园区", "工业区"), required=True),
        Column("center", "所属产业社区", "Center", synonyms=("产业社区", "服务中心", "产业社区服务中心"), required=True),
        Column("area_km2", "面积", "Area (km²)", Kind.NUMBER),
    ),
    number=None, key=("park",), by_enterprise=False,
)  # fmt: skip

ENTERPRISES = Dataset(
    "enterprises", "企业名录", "Enterprises", "enterprises",
    (
        Column("uscc", "统一社会信用代码", "USCC", Kind.USCC, ("社会信用代码", "信用代码", "USCC"), required=True),
        Column("name", "企业名称", "Enterprise name", synonyms=("单位名称", "企业全称"), required=True),
        Column("park", "所属园区", "Park", synonyms=("园区", "园区名称"), required=True),
        Column("center", "所属产业社区", "Center", synonyms=("产业社区", "服务中心")),
        Column("industry", "所属行业", "Industry", synonyms=("行业",)),
        Column("is_above_scale", "是否规上", "Above designated size", Kind.FLAG, ("规上企业", "规模以上")),
        Column("is_high_tech", "高新技术企业", "High-tech", Kind.FLAG, ("是否高企", "高企")),
        Column("is_listed", "上市企业", "Listed", Kind.FLAG, ("是否上市",)),
        Column("is_eagle", "雄鹰计划企业", "Eagle programme", Kind.FLAG, ("雄鹰计划",)),
        Column("employees", "员工人数", "Employees", Kind.COUNT, ("从业人员", "职工人数", "从业人数")),
        Column("address", "地址", "Address"),
        Column("contact", "联系人", "Contact"),
        Column("phone", "联系电话", "Phone"),
    ),
    number=None, key=("uscc",), by_enterprise=False,
)  # fmt: skip

VISITS = Dataset(
    "visits", "走访台账", "Visits", "visits",
    (
        Column("visit_no", "走访编号", "Visit no."),
        Column("visit_date", "走访日期", "Visit date", Kind.DATE, ("走访时间", "日期"), required=True),
        USCC,
        NAME,
        Column("staff", "走访人", "Service worker", synonyms=("企业服务员", "服务员", "网格员"), required=True),
        Column("method", "走访方式", "Method", synonyms=("方式",)),
        Column("content", "走访内容", "Content", synonyms=("了解情况", "反映问题")),
        Column("note", "备注", "Note"),
    ),
    number="visit_no", key=("uscc", "visit_date", "staff"), by_enterprise=True,
)  # fmt: skip

TICKETS = Dataset(
    "tickets", "企业诉求台账", "Enterprise demands", "tickets",
    (
        Column("ticket_no", "工单号", "Ticket no.", synonyms=("诉求编号", "编号")),
        Column("received_date", "受理日期", "Received", Kind.DATE, ("受理时间", "登记日期", "反映时间"), required=True),
        USCC,
        NAME,
        Column("category", "诉求类别", "Category", Kind.CATEGORY, ("问题类型", "诉求类型"), required=True,
               choices=_choices(*TICKET_CATEGORIES)),
        Column("description", "诉求内容", "Description", synonyms=("问题描述",)),
        Column("source", "来源", "Source", synonyms=("渠道",)),
        Column("lead_unit", "承办单位", "Lead unit", synonyms=("责任单位",)),
        Column("responded_date", "响应日期", "Responded", Kind.DATE, ("首次联系日期",)),
        Column("due_date", "办理时限", "Due", Kind.TIME_LIMIT, ("承诺办结日期",)),
        Column("closed_date", "办结日期", "Closed", Kind.DATE, ("办结时间", "完成时间")),
        Column("status", "办理状态", "Status", Kind.CHOICE, ("状态",), choices=_choices(
            "已受理", "办理中", "已办结", "已撤销",
            受理="已受理", 处理中="办理中", 在办="办理中", 正在办理="办理中",
            办结="已办结", 已完结="已办结", 完成="已办结", 已完成="已办结", 撤销="已撤销", 已撤回="已撤销",
        )),
        Column("resolved", "是否解决", "Resolved", Kind.CHOICE, ("解决情况",), choices=_choices(
            "已解决", "部分解决", "未解决", 解决="已解决", 是="已解决", 否="未解决",
        )),
        Column("satisfaction", "满意度", "Satisfaction", Kind.CHOICE, ("企业评价",),
               choices=_choices(*SATISFACTION_VALUES, 非常满意="满意", 比较满意="基本满意")),
        Column("escalated", "是否督办", "Escalated", Kind.FLAG, ("督办",)),
    ),
    number="ticket_no", key=("uscc", "received_date", "category_raw", "description"), by_enterprise=True,
)  # fmt: skip

OUTPUT = Dataset(
    "output", "产值月报", "Monthly output", "output_monthly",
    (
        USCC,
        NAME,
        Column("period", "报告期", "Month", Kind.MONTH, ("年月", "月份", "统计月份"), required=True),
        Column("output_wan", "工业总产值", "Gross output", Kind.NUMBER, ("产值", "本月产值", "当月产值"), required=True),
        Column("revenue_wan", "营业收入", "Revenue", Kind.NUMBER, ("主营业务收入",)),
    ),
    number=None, key=("uscc", "period"), by_enterprise=True,
)  # fmt: skip

VACCINATIONS = Dataset(
    "vaccinations", "员工疫苗接种统计", "Staff vaccination", "vaccination_snapshots",
    (
        USCC,
        NAME,
        Column("as_of", "截至日期", "As of", Kind.DATE, ("统计日期",), required=True),
        Column("staff_total", "员工总数", "Staff", Kind.COUNT, ("在册人数", "职工总数"), required=True),
        Column("dose1", "已接种第一剂", "Dose 1", Kind.COUNT, ("首针", "已接种人数"), required=True),
        Column("full_course", "完成全程接种", "Full course", Kind.COUNT, ("完成全程", "第二剂")),
        Column("booster", "加强针", "Booster", Kind.COUNT, ("已接种加强针",)),
    ),
    number=None, key=("uscc", "as_of"), by_enterprise=True,
)  # fmt: skip

ACTIVITIES = Dataset(
    "activities", "职工服务活动台账", "Worker-service activities", "activities",
    (
        Column("activity_no", "活动编号", "Activity no."),
        Column("activity_date", "活动日期", "Date", Kind.DATE, ("日期",), required=True),
        Column("name", "活动名称", "Activity", required=True),
        Column("category", "服务类别", "Service category", Kind.CATEGORY, ("类别", "项目领域"), required=True,
               choices=_choices(*SERVICE_CATEGORIES)),
        Column("venue", "活动阵地", "Venue", synonyms=("地点", "阵地")),
        Column("center", "服务中心", "Center", synonyms=("产业社区", "所属产业社区")),
        Column("park", "所属园区", "Park", synonyms=("园区",)),
        Column("person_times", "参与人次", "Person-times", Kind.COUNT, ("服务人次", "受益人次"), required=True),
        Column("people", "参与人数", "People", Kind.COUNT, ("受益人数",)),
        Column("volunteers", "志愿者人数", "Volunteers", Kind.COUNT),
    ),
    number="activity_no", key=("center", "activity_date", "name"), by_enterprise=False,
)  # fmt: skip

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (PARKS, ENTERPRISES, VISITS, TICKETS, OUTPUT, VACCINATIONS, ACTIVITIES)
}


def markdown_columns(dataset: Dataset) -> str:
    """The dataset's columns as a Markdown table (docs/datasets.md is generated from it)."""
    lines = [
        "| 列名（模板） | header (English) | 也接受 / also accepted | 必填 required |",
        "|---|---|---|---|",
    ]
    for column in dataset.columns:
        synonyms = "、".join(column.synonyms) or "—"
        lines.append(
            f"| {column.header} | {column.english} | {synonyms} | {'是 yes' if column.required else ''} |"
        )
    if dataset.by_enterprise:
        lines.append("")
        lines.append("统一社会信用代码 or 企业名称: at least one of the two (the code is matched first).")
    return "\n".join(lines)
