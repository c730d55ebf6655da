"""Vocabularies of docs/datasets.md: ticket categories, statuses, ratings, worker-service categories."""

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


# Romanised labels of the places (centers, parks, venues), shown beside the Chinese in English
# ("长虹岭 Changhongling"). One table; a name not in it stays Chinese only.
_CENTERS: dict[str, str] = {
    "长虹岭": "Changhongling",
    "罗村": "Luocun",
    "松岗": "Songgang",
    "小塘": "Xiaotang",
    "官窑": "Guanyao",
    "大学城": "Daxuecheng",
}
_VENUE_KINDS: dict[str, str] = {  # the venues every center has, after the center's name
    "党群服务中心": "Party-Mass Service Center",
    "职工之家": "Workers' Home",
    "文化广场": "Culture Square",
    "亲子活动中心": "Parent-Child Activity Center",
}
ROMANISED: dict[str, str] = {
    **_CENTERS,
    "长虹岭工业园": "Changhongling Industrial Park",
    "长虹岭北园": "Changhongling North Park",
    "虹岭科创园": "Hongling Sci-Tech Park",
    "罗村工业区": "Luocun Industrial Zone",
    "联星工业园": "Lianxing Industrial Park",
    "芦塘工业园": "Lutang Industrial Park",
    "罗村科技园": "Luocun Technology Park",
    "松岗工业园": "Songgang Industrial Park",
    "松夏工业园": "Songxia Industrial Park",
    "小塘工业区": "Xiaotang Industrial Zone",
    "五金城园区": "Wujincheng Park",
    "小塘新材料园": "Xiaotang New Materials Park",
    "官窑工业区": "Guanyao Industrial Zone",
    "官窑生态工业园": "Guanyao Eco-Industrial Park",
    "永安产业园": "Yong'an Industrial Park",
    "大学城创新园": "Daxuecheng Innovation Park",
    "软件科技园": "Ruanjian Technology Park",
    "党群服务中心": "Party-Mass Service Center",
    "长虹岭职工家活动中心": "Changhongling Workers' Home Activity Center",
    "罗马职工文化广场": "Luoma Workers' Culture Square",
    "小候鸟亲子活动中心": "Xiaohouniao Parent-Child Activity Center",
    **{
        f"{center}{kind}": f"{latin} {kind_en}"
        for center, latin in _CENTERS.items()
        for kind, kind_en in _VENUE_KINDS.items()
    },
}


def place(name: str, lang: str) -> str:
    """A center, park or venue as shown in `lang`: in English its romanised label beside the Chinese."""
    latin = ROMANISED.get(name) if lang == "en" else None
    return f"{name} {latin}" if latin else name
