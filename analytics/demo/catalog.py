"""What the demo generator draws from: the six centers and the vocabularies of plausible records.

长虹岭 is calibrated to the published account of the 长虹岭 industrial community service center
(5.32 km², 20 enterprise service workers, ~290 enterprises of which 48 above designated size,
18 high-tech, 4 in the 雄鹰 programme and 1 listed, ~20,000 workers, 2020 output just over
210亿元, 290+ enterprises visited in the first two months, an on-site vaccination point on
10–11 May 2021, four worker-service venues). The other five centers are illustrative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

START = dt.date(2020, 7, 1)  # the centers opened at the end of June 2020
END = dt.date(2022, 6, 30)
OUTPUT_START = dt.date(2019, 1, 1)  # a year before, so year-on-year growth works from 2020


@dataclass(frozen=True)
class CenterSpec:
    name: str
    illustrative: bool
    parks: tuple[tuple[str, float], ...]  # (park, km²)
    enterprises: int
    staff: int
    workers: int
    above_scale: int
    high_tech: int
    eagle: int
    listed: int
    output_2020: float  # 万元
    tickets_per_enterprise_year: float
    median_days: float  # typical resolution time of an ordinary demand
    tail_share: float  # share of hard cases with a long resolution
    first_sweep: float  # share of enterprises visited in the first two months
    visit_rate: float  # visits per enterprise-month, relative
    activities_per_week: float
    person_times: float  # typical person-times of an activity
    venues: tuple[str, str, str, str]  # party-services, workers' home, square, children's centre
    vaccination_midpoint: dt.date  # when half of the staff had a first dose


def _venues(center: str) -> tuple[str, str, str, str]:
    return (f"{center}党群服务中心", f"{center}职工之家", f"{center}文化广场", f"{center}亲子活动中心")


# fmt: off
CENTERS: tuple[CenterSpec, ...] = (
    CenterSpec(
        "长虹岭", False, (("长虹岭工业园", 3.12), ("长虹岭北园", 1.38), ("虹岭科创园", 0.82)),
        enterprises=296, staff=20, workers=20_000, above_scale=48, high_tech=18, eagle=4, listed=1,
        output_2020=2_105_000, tickets_per_enterprise_year=3.3, median_days=4.6, tail_share=0.03,
        first_sweep=1.0, visit_rate=1.3, activities_per_week=4.0, person_times=60,
        venues=("党群服务中心", "长虹岭职工家活动中心", "罗马职工文化广场", "小候鸟亲子活动中心"),
        vaccination_midpoint=dt.date(2021, 5, 8),
    ),
    CenterSpec(
        "罗村", True, (("罗村工业区", 2.6), ("联星工业园", 1.9), ("芦塘工业园", 1.1), ("罗村科技园", 0.8)),
        enterprises=420, staff=22, workers=26_000, above_scale=70, high_tech=30, eagle=5, listed=2,
        output_2020=2_650_000, tickets_per_enterprise_year=3.0, median_days=7.0, tail_share=0.05,
        first_sweep=0.7, visit_rate=1.0, activities_per_week=2.2, person_times=45,
        venues=_venues("罗村"), vaccination_midpoint=dt.date(2021, 5, 28),
    ),
    CenterSpec(
        "松岗", True, (("松岗工业园", 2.3), ("松夏工业园", 1.7)),
        enterprises=330, staff=16, workers=21_000, above_scale=52, high_tech=20, eagle=3, listed=1,
        output_2020=1_580_000, tickets_per_enterprise_year=2.7, median_days=6.0, tail_share=0.04,
        first_sweep=0.8, visit_rate=0.9, activities_per_week=1.6, person_times=40,
        venues=_venues("松岗"), vaccination_midpoint=dt.date(2021, 6, 5),
    ),
    CenterSpec(
        "小塘", True, (("小塘工业区", 1.5), ("五金城园区", 1.0), ("小塘新材料园", 0.7)),
        enterprises=210, staff=10, workers=12_500, above_scale=30, high_tech=9, eagle=1, listed=0,
        output_2020=880_000, tickets_per_enterprise_year=3.9, median_days=9.0, tail_share=0.07,
        first_sweep=0.55, visit_rate=0.7, activities_per_week=1.0, person_times=35,
        venues=_venues("小塘"), vaccination_midpoint=dt.date(2021, 6, 15),
    ),
    CenterSpec(
        "官窑", True, (("官窑工业区", 1.8), ("官窑生态工业园", 1.2), ("永安产业园", 0.6)),
        enterprises=260, staff=14, workers=15_000, above_scale=40, high_tech=14, eagle=2, listed=1,
        output_2020=1_240_000, tickets_per_enterprise_year=2.4, median_days=6.5, tail_share=0.05,
        first_sweep=0.65, visit_rate=0.8, activities_per_week=1.3, person_times=40,
        venues=_venues("官窑"), vaccination_midpoint=dt.date(2021, 6, 1),
    ),
    CenterSpec(
        "大学城", True, (("大学城创新园", 0.9), ("软件科技园", 0.6)),
        enterprises=180, staff=12, workers=9_000, above_scale=22, high_tech=40, eagle=2, listed=1,
        output_2020=620_000, tickets_per_enterprise_year=1.8, median_days=4.2, tail_share=0.02,
        first_sweep=0.9, visit_rate=1.1, activities_per_week=1.5, person_times=45,
        venues=_venues("大学城"), vaccination_midpoint=dt.date(2021, 5, 20),
    ),
)

# Industries: (industry, share, words that end an enterprise name of that industry)
INDUSTRIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("汽车零部件", 0.14, ("汽车配件", "汽车部件", "精密汽配", "车用电子")),
    ("金属制品", 0.14, ("五金制品", "金属制品", "铝业", "不锈钢制品")),
    ("家具制造", 0.08, ("家具", "家居用品", "木业")),
    ("电子信息", 0.12, ("电子", "电子科技", "智能科技", "光电科技")),
    ("装备制造", 0.12, ("机械", "智能装备", "自动化设备", "机电设备")),
    ("新材料", 0.07, ("新材料", "高分子材料", "复合材料")),
    ("塑料制品", 0.08, ("塑胶制品", "塑料制品", "包装材料")),
    ("纺织服装", 0.05, ("纺织", "服饰", "制衣")),
    ("食品饮料", 0.05, ("食品", "饮料", "调味食品")),
    ("医药健康", 0.05, ("医疗器械", "生物科技", "医药")),
    ("建材陶瓷", 0.05, ("陶瓷", "建材", "玻璃制品")),
    ("印刷包装", 0.05, ("印刷", "包装制品", "纸品")),
)
NAME_PREFIXES = ("佛山市", "佛山市南海区", "广东", "佛山")
NAME_SUFFIXES = ("有限公司", "实业有限公司", "制造有限公司")
NAME_CHARACTERS = "宏华金盛达利泰嘉信恒鑫源丰隆顺兴富佳创新科联永昌瑞祥福德美安汇通宝明鸿锦辉亿誉博睿精中南粤海东鹏威力铭奥凯星光荣豪康乐"
ROADS = ("狮山大道", "桃园路", "兴业路", "科技大道", "长虹路", "北园路", "工业大道", "创业路")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆范廖冼麦邝"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志海燕雪梅琳斌宇浩凯鹏嘉颖欣健"

# Tickets
CATEGORY_WEIGHTS: dict[str, float] = {
    "市政设施": 0.14, "供电供水": 0.08, "交通出行": 0.10, "用工招聘": 0.14, "劳资纠纷": 0.07,
    "政策咨询": 0.15, "安全生产": 0.05, "消防安全": 0.04, "环境整治": 0.06, "疫情防控": 0.06,
    "用地报建": 0.04, "融资金融": 0.04, "其他": 0.03,
}
# How much longer than an ordinary demand each category takes, and its time limit (working days).
CATEGORY_DIFFICULTY: dict[str, float] = {
    "用地报建": 2.5, "市政设施": 1.6, "交通出行": 1.5, "融资金融": 1.3, "劳资纠纷": 1.2,
    "政策咨询": 0.35, "疫情防控": 0.5, "用工招聘": 0.9,
}
CATEGORY_DUE_WORKDAYS: dict[str, int] = {
    "政策咨询": 3, "疫情防控": 3, "用地报建": 30, "市政设施": 15, "交通出行": 15, "融资金融": 10,
}
LEAD_UNITS: dict[str, str] = {
    "市政设施": "狮山镇城建和水利办", "供电供水": "狮山供电所", "交通出行": "狮山镇交通运输办",
    "用工招聘": "狮山镇人力资源和社会保障办", "劳资纠纷": "狮山镇劳动监察中队",
    "政策咨询": "狮山镇经济促进办", "安全生产": "狮山镇应急管理办", "消防安全": "狮山消防救援站",
    "环境整治": "狮山镇环境保护办", "疫情防控": "狮山镇卫生健康办", "用地报建": "狮山自然资源所",
    "融资金融": "狮山镇金融工作办", "其他": "产业社区服务中心",
}
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "市政设施": ("厂区门口道路雨天水浸，影响员工通行", "园区道路路灯损坏，夜班员工出行不便", "排水渠淤塞需清疏"),
    "供电供水": ("用电负荷不足，申请增容", "近期频繁停电影响生产", "自来水水压偏低"),
    "交通出行": ("员工停车难，申请增设停车位", "申请增开至地铁站的公交线路", "园区路口缺少红绿灯"),
    "用工招聘": ("旺季普工缺口较大，请求协助招聘", "需要招聘技术工人", "申请参加镇招聘会"),
    "劳资纠纷": ("员工离职补偿争议，请求调解", "外包工人欠薪投诉", "工伤认定咨询"),
    "政策咨询": ("咨询技改补贴申报条件", "咨询高企认定政策", "咨询稳岗补贴办理"),
    "安全生产": ("请求开展安全生产培训", "咨询危化品仓储规范", "厂房隐患整改指导"),
    "消防安全": ("消防验收咨询", "请求消防安全检查指导", "消防通道被占用"),
    "环境整治": ("周边垃圾堆放需清理", "排污许可办理咨询", "园区异味投诉"),
    "疫情防控": ("申请安排员工核酸检测", "申请设立疫苗接种点", "防疫物资采购咨询"),
    "用地报建": ("厂房扩建报建咨询", "申请办理用地手续", "不动产证办理进度"),
    "融资金融": ("咨询贴息贷款", "申请对接银行融资", "咨询上市辅导政策"),
    "其他": ("员工子女入学咨询", "其他事项咨询",),
}
SOURCES: dict[str, float] = {"走访": 0.38, "12345": 0.20, "电话": 0.17, "来访": 0.10, "粤商通": 0.10, "微信群": 0.05}
VISIT_METHODS: dict[str, float] = {"上门": 0.70, "电话": 0.15, "线上": 0.10, "座谈会": 0.05}
VISIT_CONTENTS = (
    "了解生产经营情况", "宣传惠企政策", "了解用工需求", "安全生产检查", "疫情防控指导", "收集企业诉求",
)

# Worker services: activity names per category, the venue each prefers (index into the four venues),
# the typical person-times relative to the center's, and the months when it is more frequent.
ACTIVITIES: dict[str, tuple[tuple[str, ...], int, float, tuple[int, ...]]] = {
    "志愿服务培育": (("志愿者骨干培训", "志愿服务队招募", "志愿服务技能课堂"), 0, 0.5, ()),
    "成长发展服务": (("电工证考证培训班", "学历提升宣讲会", "叉车操作技能培训", "职场沟通技巧工作坊"), 1, 0.6, (3, 4, 9)),
    "关怀帮扶服务": (("新春送温暖", "夏日送清凉", "困难职工慰问"), 0, 1.3, (1, 2, 7, 8)),
    "文体康乐服务": (("职工篮球联赛", "中秋游园会", "职工广场舞比赛", "露天电影夜"), 2, 2.0, (9, 10, 12)),
    "心理健康情绪舒压服务": (("心理健康讲座", "减压团体辅导", "心理咨询开放日"), 1, 0.4, ()),
    "维护合法权益服务": (("劳动法律知识讲座", "劳动合同咨询日", "法律援助进园区"), 0, 0.8, (5, 11)),
    "职工家庭服务": (("小候鸟暑期托管班", "亲子手工课堂", "家庭教育讲座"), 3, 0.9, (7, 8)),
    "融入自治服务": (("新市民融入茶话会", "职工议事会", "积分入学政策宣讲"), 1, 0.7, ()),
    "社会责任与公益": (("无偿献血活动", "企业公益助学", "垃圾分类宣传"), 2, 1.1, (6, 12)),
}

# Activity names that belong to certain months (the rest may happen any time).
SEASONAL_NAMES: dict[str, tuple[int, ...]] = {
    "新春送温暖": (1, 2), "夏日送清凉": (6, 7, 8, 9), "中秋游园会": (9,), "小候鸟暑期托管班": (7, 8),
}

# Showcase demands of 长虹岭 from the source: long-standing problems solved quickly.
SHOWCASE_TICKETS: tuple[tuple[str, str, dt.date, dt.date], ...] = (
    ("市政设施", "长虹岭工业园道路逢雨必浸，困扰企业近两年，请求彻底整治", dt.date(2020, 7, 6), dt.date(2020, 8, 5)),
    ("交通出行", "员工停车难，请求在园区内规划建设停车场", dt.date(2020, 8, 10), dt.date(2020, 9, 28)),
    ("交通出行", "请求开通园区至地铁站的公交线路", dt.date(2020, 9, 1), dt.date(2020, 10, 20)),
)
# fmt: on
