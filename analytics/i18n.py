"""Every UI string, in Chinese (default) and English. Metric labels live in analytics.metrics."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

STRINGS: dict[str, dict[Lang, str]] = {
    # App shell
    "app.title": {
        "zh": "狮山镇“1+6”园区产业服务数据看板",
        "en": "Shishan “1+6” Industrial Service Dashboard",
    },
    "app.language": {"zh": "语言 / Language", "en": "语言 / Language"},
    "section.leaders": {"zh": "领导总览", "en": "Leaders' overview"},
    "section.analysis": {"zh": "专题分析", "en": "Analysis"},
    "section.data": {"zh": "数据管理", "en": "Data management"},
    "page.overview": {"zh": "总览", "en": "Overview"},
    "demo.banner": {
        "zh": "演示数据：当前显示的是随机生成的演示数据。长虹岭的规模依据公开报道校准；"
        "其余五个产业社区（标 * 者）及其园区名称均为示意。",
        "en": "Demo data: what you see is generated. 长虹岭 is calibrated to published figures; "
        "the other five centers (marked *) and their parks are illustrative names.",
    },
    "illustrative.note": {
        "zh": "名称后带 * 者为示意名称（演示数据）。",
        "en": "Names ending in * are illustrative (demo data).",
    },
    # Global filters
    "filters.header": {"zh": "筛选", "en": "Filters"},
    "filters.period": {"zh": "统计期间", "en": "Period"},
    "filters.centers": {"zh": "产业社区", "en": "Centers"},
    "filters.parks": {"zh": "园区", "en": "Parks"},
    "filters.types": {"zh": "企业类型", "en": "Enterprise type"},
    "filters.all": {"zh": "全部", "en": "All"},
    "filters.period_incomplete": {
        "zh": "请选择期间的起止两个日期。",
        "en": "Pick both the first and the last day of the period.",
    },
    "filters.sentence": {
        "zh": "统计期间 {period}｜产业社区：{centers}｜园区：{parks}｜企业类型：{types}",
        "en": "Period {period} | Centers: {centers} | Parks: {parks} | Enterprise type: {types}",
    },
    "filters.all_centers": {"zh": "全部（{n}个）", "en": "all ({n})"},
    "filters.all_parks": {"zh": "全部", "en": "all"},
    "filters.all_types": {"zh": "全部企业", "en": "all enterprises"},
    "filters.types_any": {"zh": "{names}（满足其一）", "en": "{names} (any of)"},
    "filters.types_activities_note": {
        "zh": "职工服务活动不关联企业，不按企业类型筛选。",
        "en": "Worker-service activities are not linked to enterprises; the enterprise-type filter does not apply to them.",
    },
    "type.above_scale": {"zh": "规上企业", "en": "Above designated size"},
    "type.high_tech": {"zh": "高新技术企业", "en": "High-tech"},
    "type.listed": {"zh": "上市企业", "en": "Listed"},
    "type.eagle": {"zh": "雄鹰计划企业", "en": "Eagle programme"},
    "list.separator": {"zh": "、", "en": ", "},
    "period.range": {"zh": "{start}至{end}", "en": "{start} – {end}"},
    # Common
    "common.total": {"zh": "合计", "en": "Total"},
    "common.center": {"zh": "产业社区", "en": "Center"},
    "common.metric": {"zh": "指标", "en": "Metric"},
    "common.n": {"zh": "样本 n={n}", "en": "n={n}"},
    "common.small_sample": {"zh": "样本少", "en": "small sample"},
    "common.small_sample_note": {
        "zh": "标“样本少”者：该中心办结诉求不足 {n} 件，比较仅供参考。",
        "en": "“small sample”: fewer than {n} closed tickets in that center; compare with care.",
    },
    "common.no_data": {"zh": "所选范围内没有数据。", "en": "No data in the selected scope."},
    "common.download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "common.download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    # Overview page
    "overview.title": {"zh": "各产业社区总览", "en": "Centers at a glance"},
    "overview.tiles_caption": {
        "zh": "箭头为与上一个等长期间（{previous}）相比的变化。",
        "en": "Arrows compare with the previous period of equal length ({previous}).",
    },
    "overview.table_title": {"zh": "分中心指标", "en": "KPIs by center"},
    "overview.view": {"zh": "显示", "en": "Show"},
    "overview.view.values": {"zh": "本期数值", "en": "This period"},
    "overview.view.change": {"zh": "较上期变化", "en": "Change vs previous"},
    "overview.view.previous": {"zh": "上期数值", "en": "Previous period"},
    "overview.resolution_title": {
        "zh": "诉求办理时长：中位数与P90（天）",
        "en": "Resolution time: median and P90 (days)",
    },
    "overview.participation_title": {
        "zh": "职工服务：千人参与人次",
        "en": "Worker services: participation per 1,000 workers",
    },
    "overview.definitions": {"zh": "指标口径", "en": "Metric definitions"},
    "overview.median": {"zh": "中位数", "en": "Median"},
    "overview.p90": {"zh": "P90", "en": "P90"},
    "overview.axis_days": {"zh": "天", "en": "days"},
    "overview.axis_per_1000": {"zh": "千人参与人次", "en": "person-times per 1,000 workers"},
    "overview.n_closed": {"zh": "办结 n={n}", "en": "closed n={n}"},
    "overview.n_participation": {
        "zh": "{activities}场 / {workers}名工人",
        "en": "{activities} activities / {workers} workers",
    },
    "overview.hover_participation": {
        "zh": "参与人次 {person_times}<br>产业工人 {workers}<br>活动 {activities} 场",
        "en": "Person-times {person_times}<br>Workers {workers}<br>Activities {activities}",
    },
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def format_date(day: dt.date, lang: Lang) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%-d %b %Y")


def join(items: list[str], lang: Lang) -> str:
    return t("list.separator", lang).join(items)
