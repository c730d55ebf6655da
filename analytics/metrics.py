"""The metric catalog: each KPI of docs/metrics.md defined once (key, labels, description, unit, format).

Pages, tooltips, the CLI, exports and the README all read this catalog; the numbers themselves come
from analytics/sql/marts/center_kpis.sql.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from analytics.i18n import Lang
from analytics.tabular import Cell, format_cell, is_missing

SMALL_SAMPLE = 10  # a center with fewer tickets than this in a ticket metric is marked as a small sample


class Kind(StrEnum):
    COUNT = "count"
    RATIO = "ratio"
    DAYS = "days"
    MONEY = "money"  # 万元
    PER_THOUSAND = "per_thousand"
    POINTS = "points"  # a score out of 100


@dataclass(frozen=True)
class Metric:
    key: str
    label_zh: str
    label_en: str
    description_zh: str
    description_en: str
    kind: Kind
    unit_zh: str = ""
    unit_en: str = ""
    better: Literal["higher", "lower"] | None = None
    sample_key: str | None = None  # the count this metric is computed over (its sample size)
    # False: a change against another period says nothing (registry counts, last year's output)
    comparable: bool = True

    def label(self, lang: Lang) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def description(self, lang: Lang) -> str:
        return self.description_zh if lang == "zh" else self.description_en

    def unit(self, lang: Lang) -> str:
        return self.unit_zh if lang == "zh" else self.unit_en

    @property
    def cell(self) -> Cell:
        """How a value of this metric is shown (and exported)."""
        return {Kind.RATIO: Cell.RATE, Kind.COUNT: Cell.COUNT, Kind.MONEY: Cell.COUNT}.get(
            self.kind, Cell.DECIMAL
        )

    @property
    def change_cell(self) -> Cell:
        """How a change of this metric (see `change`) is shown: points, days or percent."""
        return {Kind.RATIO: Cell.POINTS_CHANGE, Kind.DAYS: Cell.DAYS_CHANGE}.get(self.kind, Cell.GROWTH)

    def short_label(self, lang: Lang) -> str:
        """The label on a tile and a chart axis: an amount carries its own unit there (see `money`)."""
        if self.kind is not Kind.MONEY:
            return self.label(lang)
        return (
            self.label_zh.removesuffix(f"（{self.unit_zh}）")
            if lang == "zh"
            else self.label_en.removesuffix(f" ({self.unit_en})")
        )

    def short(self, value: float | None, lang: Lang) -> str:
        """The value on a tile: as `format`, amounts of 亿元 size in 亿元 (tables and exports keep 万元)."""
        return money(value, lang) if self.kind is Kind.MONEY else self.format(value)

    def format(self, value: float | None) -> str:
        """Display form: '—' for null, else rounded per kind (rounding is for display only)."""
        return format_cell(self.cell, value, "zh")

    def change(self, current: float | None, previous: float | None) -> float | None:
        """Change against a comparison value: difference for ratios and days, relative for amounts."""
        if not self.comparable or is_missing(current) or is_missing(previous):
            return None
        if self.kind in (Kind.RATIO, Kind.DAYS):
            return current - previous
        if previous == 0:
            return None
        return current / previous - 1

    def misses(self, value: float | None, target: float | None) -> bool:
        """True when `value` is on the wrong side of `target` (below a floor, above a ceiling)."""
        if target is None or is_missing(value) or self.better is None:
            return False
        return value < target if self.better == "higher" else value > target

    def format_change(self, current: float | None, previous: float | None, lang: Lang) -> str:
        return format_cell(self.change_cell, self.change(current, previous), lang)


YI = 10_000  # 万元 in one 亿元
# Amounts are held in 万元. On tiles and charts: (divisor, unit, decimals) from one 亿元 up, and below it.
MONEY_UNITS: dict[str, tuple[tuple[float, str, int], tuple[float, str, int]]] = {
    "zh": ((YI, "亿元", 2), (1, "万元", 0)),
    "en": ((100_000, "bn yuan", 2), (100, "M yuan", 1)),
}


def money_unit(largest: float, lang: Lang) -> tuple[float, str, int]:
    """How to show amounts (万元) whose largest is `largest`: in 亿元 (bn yuan) from one 亿元 up."""
    large, small = MONEY_UNITS[lang]
    return large if abs(largest) >= YI else small


def money(value: float | None, lang: Lang) -> str:
    """An amount held in 万元 as a tile shows it: "218.56亿元", "8,000万元"; "21.86 bn yuan", "80.0 M yuan"."""
    if is_missing(value):
        return "—"
    divisor, unit, decimals = money_unit(value, lang)
    return f"{value / divisor:,.{decimals}f}{'' if lang == 'zh' else ' '}{unit}"


# fmt: off
CATALOG: tuple[Metric, ...] = (
    Metric(
        "enterprises", "企业数", "Enterprises",
        "范围内的企业（企业名录，不按日期筛选）。",
        "Enterprises in scope (registry, not date-filtered).",
        Kind.COUNT, "家", "", comparable=False,
    ),
    Metric(
        "workers", "产业工人数", "Industrial workers",
        "范围内企业员工人数之和。",
        "Sum of the employees of those enterprises.",
        Kind.COUNT, "人", "", comparable=False,
    ),
    Metric(
        "visits", "走访次数", "Visits",
        "走访日期在统计期间内的走访次数。",
        "Visits with a visit date in the period.",
        Kind.COUNT, "次", "", "higher",
    ),
    Metric(
        "enterprises_visited", "走访企业数", "Enterprises visited",
        "期间内至少走访一次的企业数（去重）。",
        "Distinct enterprises with at least one visit in the period.",
        Kind.COUNT, "家", "", "higher",
    ),
    Metric(
        "visit_coverage", "走访覆盖率", "Visit coverage",
        "走访企业数 ÷ 企业数。",
        "Enterprises visited / enterprises.",
        Kind.RATIO, better="higher", sample_key="enterprises",
    ),
    Metric(
        "tickets_received", "受理诉求数", "Demands received",
        "受理日期在期间内、状态不是“已撤销”的诉求（本期受理批次）。",
        "Tickets received in the period whose status is not 已撤销 (withdrawn): the cohort.",
        Kind.COUNT, "件", "",
    ),
    Metric(
        "tickets_closed", "办结数", "Closed",
        "本期受理批次中办结日期不晚于期末的诉求。",
        "Cohort tickets with a closed date on or before the end of the period.",
        Kind.COUNT, "件", "",
    ),
    Metric(
        "closure_rate", "办结率", "Closure rate",
        "办结数 ÷ 受理诉求数。",
        "Closed / received.",
        Kind.RATIO, better="higher", sample_key="tickets_received",
    ),
    Metric(
        "median_resolution_days", "办理时长中位数（天）", "Median resolution (days)",
        "已办结诉求（办结日期 − 受理日期，自然日）的中位数，连续插值。",
        "Median of (closed date − received date) in calendar days over the closed tickets; continuous percentile.",
        Kind.DAYS, "天", "days", "lower", "tickets_closed",
    ),
    Metric(
        "p90_resolution_days", "办理时长P90（天）", "P90 resolution (days)",
        "同上的第90百分位数。",
        "90th percentile of the same.",
        Kind.DAYS, "天", "days", "lower", "tickets_closed",
    ),
    Metric(
        "on_time_rate", "按时办结率", "On-time closure rate",
        "已办结诉求中办结日期不晚于办理时限的比例。",
        "Share of closed tickets closed on or before their due date.",
        Kind.RATIO, better="higher", sample_key="tickets_closed",
    ),
    Metric(
        "satisfaction_rate", "满意率", "Satisfaction rate",
        "已办结且有评价的诉求中评价为“满意”或“基本满意”的比例。",
        "Among closed tickets with a rating, the share rated 满意 or 基本满意 (satisfied / mostly satisfied).",
        Kind.RATIO, better="higher", sample_key="tickets_closed",
    ),
    Metric(
        "open_tickets", "在办诉求", "Open demands",
        "期末仍未办结的诉求：受理日期不晚于期末、未撤销，且无办结日期或办结日期晚于期末。",
        "Tickets received by the end of the period, not withdrawn, with no closed date or one after the end.",
        Kind.COUNT, "件", "", "lower",
    ),
    Metric(
        "overdue_tickets", "超期诉求", "Overdue demands",
        "在办诉求中办理时限早于期末的。",
        "Open tickets whose due date is before the end of the period.",
        Kind.COUNT, "件", "", "lower",
    ),
    Metric(
        "output_value", "工业总产值（万元）", "Gross output (10k yuan)",
        "报告期（月初日期）落在统计期间内的月度产值之和。",
        "Sum of the monthly output of the months whose first day lies in the period.",
        Kind.MONEY, "万元", "10k yuan", "higher",
    ),
    Metric(
        "output_value_prev_year", "上年同期产值（万元）", "Output same months last year (10k yuan)",
        "同一批月份提前一年的产值之和。",
        "Sum of the output of the same months one year earlier.",
        Kind.MONEY, "万元", "10k yuan", comparable=False,
    ),
    Metric(
        "output_yoy", "产值同比增速", "Output growth (YoY)",
        "工业总产值 ÷ 上年同期产值 − 1。",
        "Output / output in the same months last year − 1.",
        Kind.RATIO, better="higher",
    ),
    Metric(
        "vaccination_staff", "员工总数（接种统计）", "Staff (vaccination returns)",
        "每家企业截至期末最新一次接种统计的员工总数之和。",
        "Sum of the staff in each enterprise's latest return on or before the end of the period.",
        Kind.COUNT, "人", "",
    ),
    Metric(
        "vaccinated_dose1", "已接种人数", "Vaccinated (dose 1)",
        "同一批统计中已接种第一剂人数之和。",
        "Sum of dose-1 counts over the same snapshots.",
        Kind.COUNT, "人", "", "higher",
    ),
    Metric(
        "vaccination_rate", "疫苗接种率", "Vaccination rate",
        "已接种人数 ÷ 员工总数（接种统计）。",
        "Vaccinated (dose 1) / staff in the vaccination returns.",
        Kind.RATIO, better="higher", sample_key="vaccination_staff",
    ),
    Metric(
        "full_course_rate", "全程接种率", "Full-course rate",
        "完成全程接种人数之和 ÷ 员工总数（接种统计）；没有任何一份统计填报全程人数时为“—”。",
        "Sum of full-course counts / staff in the vaccination returns; “—” when no snapshot reports it.",
        Kind.RATIO, better="higher", sample_key="vaccination_staff",
    ),
    Metric(
        "activities", "活动场次", "Activities",
        "活动日期在期间内的职工服务活动场次。",
        "Worker-service activities dated in the period.",
        Kind.COUNT, "场", "", "higher",
    ),
    Metric(
        "activity_person_times", "参与人次", "Person-times",
        "这些活动的参与人次之和。",
        "Sum of the person-times of those activities.",
        Kind.COUNT, "人次", "", "higher",
    ),
    Metric(
        "participation_per_1000_workers", "千人参与人次", "Participation per 1,000 workers",
        "参与人次 ÷ 产业工人数 × 1000。",
        "Person-times / industrial workers × 1,000.",
        Kind.PER_THOUSAND, better="higher", sample_key="workers",
    ),
)
# fmt: on

BY_KEY: dict[str, Metric] = {metric.key: metric for metric in CATALOG}
KEYS: tuple[str, ...] = tuple(BY_KEY)

# The ranking and the case-mix-fair comparison (analytics/ranking.py), per center over the same cohort.
# fmt: off
RANKING_CATALOG: tuple[Metric, ...] = (
    Metric(
        "score", "综合得分", "Score",
        "100 ×（w办结 × 办结率 + w按时 × 按时办结率 + w满意 × 满意率），权重见 dashboard.toml [ranking]（默认 0.4/0.3/0.3，合计为 1）；任一比率为空则为空。",
        "100 × (w_closure × closure_rate + w_on_time × on_time_rate + w_satisfaction × satisfaction_rate), weights in dashboard.toml [ranking] (default 0.4/0.3/0.3, summing to 1); null when a rate is null.",
        Kind.POINTS, better="higher", sample_key="tickets_received",
    ),
    Metric(
        "rank", "名次", "Rank",
        "按综合得分从高到低，同分同名次（1、2、2、4）；受理诉求少于 10 件或得分为空者不排名。",
        "By score, highest first; equal scores share the lower number (1, 2, 2, 4); fewer than 10 demands received or a null score: unranked.",
        Kind.COUNT, better="lower",
    ),
    Metric(
        "rank_change", "名次变化", "Rank change",
        "上一等长期间的名次 − 本期名次（正数为上升）；任一为空则为空。",
        "Rank in the previous period of equal length − rank now (positive = moved up); null when either is null.",
        Kind.COUNT, better="higher",
    ),
    Metric(
        "expected_on_time_rate", "预期按时办结率", "Expected on-time rate",
        "Σ_k n_ck · r_k ÷ Σ_k n_ck：按该中心各类别已办结件数 n_ck 加权的全范围各类别按时办结率 r_k（间接标准化）。",
        "Σ_k n_ck · r_k / Σ_k n_ck: the on-time rate r_k of each category over all centers in scope, weighted by the center's closed tickets n_ck per category (indirect standardisation).",
        Kind.RATIO, sample_key="tickets_closed",
    ),
    Metric(
        "on_time_ratio", "按时办结率 实际÷预期", "On-time ratio (observed / expected)",
        "按时办结率 ÷ 预期按时办结率（预期为 0 或空时为空）；95% 区间 = 按时办结率的 Wilson 区间 ÷ 预期值。",
        "on_time_rate / expected_on_time_rate (null when expected is 0 or null); its 95% interval is the Wilson interval of on_time_rate divided by the expected rate.",
        Kind.RATIO, better="higher", sample_key="tickets_closed",
    ),
    Metric(
        "expected_median_days", "预期办理时长中位数（天）", "Expected median (days)",
        "Σ_k n_ck · m_k ÷ Σ_k n_ck：m_k 为全范围该类别办理时长中位数。",
        "Σ_k n_ck · m_k / Σ_k n_ck, m_k being the median resolution days of category k over all centers in scope.",
        Kind.DAYS, "天", "days", sample_key="tickets_closed",
    ),
    Metric(
        "median_ratio", "办理时长 实际÷预期", "Median ratio (observed / expected)",
        "办理时长中位数 ÷ 预期中位数（预期为 0 时为空）；无区间。",
        "median_resolution_days / expected_median_days (null when expected is 0); no interval.",
        Kind.RATIO, better="lower", sample_key="tickets_closed",
    ),
)
# fmt: on
RANKING_BY_KEY: dict[str, Metric] = {metric.key: metric for metric in RANKING_CATALOG}


def markdown_table(catalog: tuple[Metric, ...] = CATALOG) -> str:
    """A catalog as a Markdown table (the README's metric sections are generated from them)."""
    lines = ["| key | 指标 | metric | definition | 口径 |", "|---|---|---|---|---|"]
    for metric in catalog:
        lines.append(
            f"| `{metric.key}` | {metric.label_zh} | {metric.label_en} | {metric.description_en} | {metric.description_zh} |"
        )
    return "\n".join(lines)
