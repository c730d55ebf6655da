"""Vocabularies of DATASETS.md: ticket categories, statuses, ratings, worker-service categories."""

from __future__ import annotations

TICKET_CATEGORIES: tuple[str, ...] = (
    "市政设施",
    "供电供水",
    "交通出行",
    "用工招聘",
    "劳资纠纷",
    "政策咨询",
    "安全生产",
    "消防安全",
    "环境整治",
    "疫情防控",
    "用地报建",
    "融资金融",
    "其他",
)
OTHER = "其他"

STATUS_RECEIVED = "已受理"
STATUS_IN_PROGRESS = "办理中"
STATUS_CLOSED = "已办结"
STATUS_WITHDRAWN = "已撤销"
TICKET_STATUSES: tuple[str, ...] = (STATUS_RECEIVED, STATUS_IN_PROGRESS, STATUS_CLOSED, STATUS_WITHDRAWN)

RESOLVED_VALUES: tuple[str, ...] = ("已解决", "部分解决", "未解决")
SATISFACTION_VALUES: tuple[str, ...] = ("满意", "基本满意", "不满意")
SATISFIED: tuple[str, ...] = ("满意", "基本满意")

DEFAULT_DUE_WORKDAYS = 7

SERVICE_CATEGORIES: tuple[str, ...] = (
    "志愿服务培育",
    "成长发展服务",
    "关怀帮扶服务",
    "文体康乐服务",
    "心理健康情绪舒压服务",
    "维护合法权益服务",
    "职工家庭服务",
    "融入自治服务",
    "社会责任与公益",
)

# English display names for the data vocabularies (data values themselves stay Chinese).
ENGLISH: dict[str, str] = {
    "市政设施": "Municipal facilities",
    "供电供水": "Power & water",
    "交通出行": "Transport",
    "用工招聘": "Hiring",
    "劳资纠纷": "Labour disputes",
    "政策咨询": "Policy enquiries",
    "安全生产": "Work safety",
    "消防安全": "Fire safety",
    "环境整治": "Environment",
    "疫情防控": "Epidemic control",
    "用地报建": "Land & permits",
    "融资金融": "Finance",
    "其他": "Other",
    "已受理": "Received",
    "办理中": "In progress",
    "已办结": "Closed",
    "已撤销": "Withdrawn",
    "已解决": "Resolved",
    "部分解决": "Partly resolved",
    "未解决": "Unresolved",
    "满意": "Satisfied",
    "基本满意": "Mostly satisfied",
    "不满意": "Dissatisfied",
    "志愿服务培育": "Volunteer development",
    "成长发展服务": "Growth & development",
    "关怀帮扶服务": "Care & assistance",
    "文体康乐服务": "Culture, sport & leisure",
    "心理健康情绪舒压服务": "Mental health & stress relief",
    "维护合法权益服务": "Legal rights",
    "职工家庭服务": "Family services",
    "融入自治服务": "Integration & self-governance",
    "社会责任与公益": "Social responsibility & charity",
}


def display(value: str, lang: str) -> str:
    """A vocabulary value as shown in `lang` (Chinese values unchanged in zh; unknown values as is)."""
    return ENGLISH.get(value, value) if lang == "en" else value
