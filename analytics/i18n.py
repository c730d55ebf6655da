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
    "filters.sentence": {
        "zh": "统计期间 {period}｜产业社区：{centers}｜园区：{parks}｜企业类型：{types}",
        "en": "Period {period} | Centers: {centers} | Parks: {parks} | Enterprise type: {types}",
    },
    "filters.all_centers": {"zh": "全部（{n}个）", "en": "all ({n})"},
    "filters.all_parks": {"zh": "全部", "en": "all"},
    "filters.all_types": {"zh": "全部企业", "en": "all enterprises"},
    "filters.types_any": {"zh": "{names}（满足其一）", "en": "{names} (any of)"},
    "filters.categories_sentence": {"zh": "｜诉求类别：{names}", "en": " | Categories: {names}"},
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
    "common.no_rows": {"zh": "没有符合条件的企业。", "en": "No enterprise matches."},
    "list.search": {"zh": "在列表中搜索", "en": "Search the list"},
    "list.search_hint": {"zh": "企业名称、代码或其他文字", "en": "an enterprise name, a code or other text"},
    "list.page": {"zh": "页码", "en": "Page"},
    "list.showing": {
        "zh": "第 {first}–{last} 行，共 {total} 行（每页 {size} 行）；下载包含这 {total} 行。",
        "en": "Rows {first}–{last} of {total} ({size} a page); the downloads hold all {total}.",
    },
    "list.no_match": {"zh": "没有与「{query}」匹配的行。", "en": "No row matches “{query}”."},
    "common.no_data": {"zh": "所选范围内没有数据。", "en": "No data in the selected scope."},
    "nodata.notice": {
        "zh": "所选范围和期间内没有{what}。可在左侧调整统计期间和范围；新的台账请在“数据导入”上传。",
        "en": "No {what} in the selected scope and period. Adjust the period and scope in the sidebar; "
        "new ledgers go in on Import.",
    },
    "nodata.what.overview": {
        "zh": "走访、诉求、产值、接种或职工服务数据",
        "en": "visits, demands, output, vaccination or worker-service records",
    },
    "nodata.what.tickets": {"zh": "诉求", "en": "demands"},
    "nodata.what.visits": {"zh": "走访记录", "en": "visits"},
    "nodata.what.output": {"zh": "产值报告", "en": "output reports"},
    "nodata.what.vaccination": {"zh": "接种统计", "en": "vaccination returns"},
    "nodata.what.participation": {"zh": "职工服务活动", "en": "worker-service activities"},
    "nodata.what.completeness": {"zh": "台账数据", "en": "ledger rows"},
    "nodata.registry": {
        "zh": "企业名录中还没有企业：请先导入“园区”，再导入“企业名录”，走访、诉求、产值和接种台账才能对应到企业。",
        "en": "No enterprises in the registry yet: import parks first, then the enterprise registry, so that "
        "visits, demands, output and vaccination ledgers can be matched to their firms.",
    },
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
    "overview.total_median": {"zh": "合计中位数 {value}", "en": "Overall median {value}"},
    "overview.total_value": {"zh": "合计 {value}", "en": "Overall {value}"},
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
    # Demand analytics page
    "page.tickets": {"zh": "诉求办理", "en": "Demands"},
    "tickets.title": {"zh": "企业诉求办理", "en": "Enterprise demands"},
    "tickets.focus": {"zh": "已聚焦：", "en": "Narrowed to:"},
    "tickets.focus_hint": {
        "zh": "点击图中的中心或类别可聚焦到该中心 / 类别。",
        "en": "Click a center or a category in a chart to narrow the page to it.",
    },
    "focus.center_hint": {
        "zh": "点击图中的中心可聚焦到该中心。",
        "en": "Click a center in a chart to narrow the page to it.",
    },
    "tickets.clear_focus": {"zh": "清除聚焦", "en": "Clear"},
    "tickets.vs_previous": {"zh": "较上期（{period}）", "en": "vs previous ({period})"},
    "tickets.vs_last_year": {"zh": "较上年同期（{period}）", "en": "vs same period last year ({period})"},
    "tickets.this_period": {"zh": "本期", "en": "This period"},
    "tickets.target_met": {
        "zh": "{metric} {value}：达到目标（{target}）",
        "en": "{metric} {value}: meets the target ({target})",
    },
    "tickets.target_missed": {
        "zh": "{metric} {value}：未达目标（{target}）",
        "en": "{metric} {value}: misses the target ({target})",
    },
    "tickets.compare_title": {
        "zh": "哪个中心办得快、办得稳",
        "en": "Which center resolves fastest and most reliably",
    },
    "tickets.speed_title": {
        "zh": "办理时长（天）：中位数及95%区间、P90",
        "en": "Resolution days: median with 95% interval, P90",
    },
    "tickets.reliability_title": {"zh": "按时办结率与满意率", "en": "On-time closure and satisfaction"},
    "tickets.ranking": {
        "zh": "各中心对比（按中位数从快到慢）",
        "en": "Centers compared (fastest median first)",
    },
    "tickets.speed_caption": {
        "zh": "深色柱表示中位数未达目标；须线为中位数的95%区间（区间不重叠的两个中心差异较可信）。",
        "en": "Dark bars miss the target; whiskers are the median's 95% interval (centers whose intervals do not "
        "overlap differ with some confidence).",
    },
    "tickets.vs_both": {
        "zh": "较上期（即上年同期，{period}）",
        "en": "vs previous = same period last year ({period})",
    },
    "tickets.flow_caption": {
        "zh": "周一为一周之始；统计期间首尾两周可能不完整。",
        "en": "Weeks start on Monday; the first and last weeks of the period may be partial.",
    },
    "tickets.median_interval": {"zh": "中位数95%区间", "en": "Median 95% interval"},
    "tickets.target": {"zh": "目标", "en": "target"},
    "tickets.n_closed": {"zh": "办结数 n", "en": "Closed n"},
    "tickets.distribution_title": {"zh": "办理时长分布", "en": "Distribution of resolution time"},
    "tickets.unit": {"zh": "计时方式", "en": "Days counted as"},
    "tickets.unit.days": {"zh": "自然日", "en": "Calendar days"},
    "tickets.unit.workdays": {"zh": "工作日", "en": "Working days"},
    "tickets.workdays_note": {
        "zh": "工作日按中国大陆法定节假日及调休计算（{years}）；超出该范围的年份只扣除周末。",
        "en": "Working days follow the mainland China calendar of statutory holidays and make-up days ({years}); "
        "years outside it count weekends only.",
    },
    "tickets.outside_calendar": {
        "zh": "本期有 {n} 件诉求跨越了没有法定节假日数据的年份，这些诉求的工作日只扣除了周末。",
        "en": "{n} tickets of the period fall in years without holiday data: their working days exclude weekends only.",
    },
    "tickets.box_caption": {
        "zh": "箱体为四分位数（实线为中位数，虚线为平均数），须线为1.5倍四分位距以内的最值；离群值只计数不逐条显示。",
        "en": "Boxes are the quartiles (solid line: median, dashed: mean), whiskers the extremes within 1.5 × IQR; outliers are counted, not drawn.",
    },
    "tickets.outliers": {"zh": "离群 {n} 件", "en": "{n} outliers"},
    "tickets.trend_title": {"zh": "办理时长趋势（按受理月份）", "en": "Resolution time by month of receipt"},
    "tickets.trend_stat": {"zh": "统计量", "en": "Statistic"},
    "tickets.trend_caption": {
        "zh": "每月统计当月受理、期末前已办结的诉求；最近几个月尚未办结的诉求不计入，数值偏低。",
        "en": "Each month counts the tickets received in it and closed by the end of the period; recent months "
        "miss the tickets still open and read low.",
    },
    "tickets.all_centers": {"zh": "全部中心", "en": "All centers"},
    "tickets.flow_title": {
        "zh": "每周受理与办结，及在办积压",
        "en": "Received and closed per week, and the open backlog",
    },
    "tickets.received": {"zh": "受理", "en": "Received"},
    "tickets.closed": {"zh": "办结", "en": "Closed"},
    "tickets.backlog": {"zh": "在办积压（周末）", "en": "Open backlog (week end)"},
    "tickets.week_of": {"zh": "周", "en": "week of"},
    "tickets.aging_title": {
        "zh": "在办诉求账龄（期末，天）",
        "en": "Age of open demands at the end of the period (days)",
    },
    "tickets.heatmap_title": {
        "zh": "诉求类别 × 中心：件数与办理时长中位数",
        "en": "Category × center: count and median days",
    },
    "tickets.heatmap_caption": {
        "zh": "格中数字为受理件数，颜色为办理时长中位数（天）；不足 {n} 件的格子标注“*”。",
        "en": "Numbers are tickets received; colour is the median days to close; cells with fewer than {n} are marked *.",
    },
    "tickets.response_title": {"zh": "响应、督办与重复诉求", "en": "Response, escalation and repeat demands"},
    "tickets.response_caption": {
        "zh": "响应时长 = 首次联系日期 − 受理日期；督办率 = 督办件数 ÷ 受理件数；重复诉求 = 同一企业30天内再次提出同类诉求。",
        "en": "Response = first contact − received; escalation rate = escalated ÷ received; repeat = the same "
        "enterprise raised the same category within the previous 30 days.",
    },
    "tickets.col.n": {"zh": "受理件数", "en": "Received"},
    "tickets.col.responded": {"zh": "有响应日期", "en": "With a response date"},
    "tickets.col.median_response": {"zh": "响应时长中位数（天）", "en": "Median response (days)"},
    "tickets.col.p90_response": {"zh": "响应时长P90（天）", "en": "P90 response (days)"},
    "tickets.col.escalation_rate": {"zh": "督办率", "en": "Escalation rate"},
    "tickets.col.repeat_rate": {"zh": "重复诉求占比", "en": "Repeat share"},
    "tickets.overdue_title": {"zh": "超期诉求清单", "en": "Overdue demands"},
    "tickets.overdue_caption": {
        "zh": "期末仍在办理且已过办理时限的诉求，共 {n} 件；点击表头可排序。",
        "en": "Demands still open at the end of the period and past their due date: {n}. Click a header to sort.",
    },
    "tickets.col.ticket": {"zh": "工单号", "en": "Ticket"},
    "tickets.col.enterprise": {"zh": "企业", "en": "Enterprise"},
    "tickets.col.category": {"zh": "诉求类别", "en": "Category"},
    "tickets.col.received": {"zh": "受理日期", "en": "Received"},
    "tickets.col.due": {"zh": "办理时限", "en": "Due"},
    "tickets.col.days_overdue": {"zh": "超期天数", "en": "Days overdue"},
    "tickets.col.lead_unit": {"zh": "承办单位", "en": "Lead unit"},
    "tickets.col.status": {"zh": "状态", "en": "Status"},
    "tickets.col.description": {"zh": "诉求内容", "en": "Description"},
    # Visits page
    "page.visits": {"zh": "企业走访", "en": "Visits"},
    "visits.title": {"zh": "企业走访", "en": "Enterprise visits"},
    "visits.weekly_title": {"zh": "每周走访次数", "en": "Visits per week"},
    "visits.coverage_title": {"zh": "走访覆盖率", "en": "Visit coverage"},
    "visits.coverage_period": {"zh": "统计期间内", "en": "In the period"},
    "visits.coverage_30": {"zh": "近30天", "en": "Last 30 days"},
    "visits.coverage_90": {"zh": "近90天", "en": "Last 90 days"},
    "visits.coverage_caption": {
        "zh": "近30 / 90天按统计期末倒数；覆盖率 = 走访过的企业 ÷ 企业数（n 为企业数）。",
        "en": "The last 30 / 90 days count back from the end of the period; coverage = enterprises visited ÷ "
        "enterprises (n = enterprises).",
    },
    "visits.workers_title": {"zh": "每名企业服务员每月走访次数", "en": "Visits per service worker per month"},
    "visits.workers_caption": {
        "zh": "按每名服务员在期间内的走访次数 ÷ 月数计算；箱体为各中心服务员的四分位数，n 为有走访记录的服务员数。",
        "en": "Each worker's visits in the period ÷ months; boxes are the quartiles over the center's workers, "
        "n = workers with a visit.",
    },
    "visits.raised_title": {"zh": "走访中提出诉求的比例", "en": "Share of visits that raised a demand"},
    "visits.raised_caption": {
        "zh": "走访当天该企业有来源为“走访”（或未填来源）的受理诉求，即视为该次走访提出了诉求。",
        "en": "A visit raised a demand when the enterprise has a ticket received that day whose source is 走访 "
        "(a visit) or not recorded.",
    },
    "visits.not_visited_title": {"zh": "90天未走访企业", "en": "Enterprises not visited for 90 days"},
    "visits.not_visited_caption": {
        "zh": "截至统计期末已90天以上未走访（或从未走访，显示为“—”）的企业，共 {n} 家。",
        "en": "Enterprises without a visit in the 90 days up to the end of the period (or never visited, shown as —): {n}.",
    },
    "visits.never": {"zh": "从未走访", "en": "never"},
    "col.enterprise": {"zh": "企业", "en": "Enterprise"},
    "col.uscc": {"zh": "统一社会信用代码", "en": "USCC"},
    "col.park": {"zh": "园区", "en": "Park"},
    "col.industry": {"zh": "行业", "en": "Industry"},
    "col.above_scale": {"zh": "规上", "en": "Above size"},
    "col.employees": {"zh": "员工人数", "en": "Employees"},
    "col.last_visit": {"zh": "最近走访", "en": "Last visit"},
    "col.days_since": {"zh": "未走访天数", "en": "Days without a visit"},
    "col.visits": {"zh": "走访次数", "en": "Visits"},
    "col.workers": {"zh": "服务员", "en": "Workers"},
    "col.per_worker_month": {"zh": "人均每月走访", "en": "Visits / worker / month"},
    "col.raised": {"zh": "提出诉求的走访", "en": "Visits raising a demand"},
    "col.raised_rate": {"zh": "占比", "en": "Share"},
    # Output page
    "page.output": {"zh": "产值", "en": "Output"},
    "output.title": {"zh": "工业总产值", "en": "Gross industrial output"},
    "output.monthly_title": {"zh": "月度产值", "en": "Monthly output"},
    "output.by": {"zh": "按", "en": "By"},
    "output.by.center": {"zh": "产业社区", "en": "Center"},
    "output.by.park": {"zh": "园区", "en": "Park"},
    "output.this_year": {"zh": "产值", "en": "Output"},
    "output.last_year": {"zh": "上年同月", "en": "Same month last year"},
    "output.ytd_title": {
        "zh": "年初至今（{year}年1月至期末）",
        "en": "Year to date ({year}, January to the end of the period)",
    },
    "output.yoy_title": {"zh": "各中心产值同比增速", "en": "Output growth by center (YoY)"},
    "output.yoy_official": {"zh": "同比（口径：全部月报）", "en": "YoY (all reports)"},
    "output.yoy_like": {
        "zh": "同比（可比口径：两年均有月报）",
        "en": "YoY like for like (reported both years)",
    },
    "output.yoy_caption": {
        "zh": "“全部月报”为指标口径（与总览一致）；“可比口径”只比较两年同月都有月报的企业，停报企业不会被当作产值下降。"
        "停报企业数：{missing}。",
        "en": "“All reports” is the metric of the overview; “like for like” compares only the enterprise-months "
        "reported in both years, so an enterprise that stopped reporting is not a fall to zero. Stopped "
        "reporting: {missing}.",
    },
    "output.parks_title": {"zh": "各园区产值", "en": "Output by park"},
    "output.shares_title": {
        "zh": "规上企业与高新技术企业产值占比",
        "en": "Share of output from above-size and high-tech firms",
    },
    "output.top_title": {"zh": "产值前20名企业", "en": "Top 20 enterprises by output"},
    "output.growth_title": {
        "zh": "企业产值增速分布（可比口径）",
        "en": "Distribution of enterprise growth (like for like)",
    },
    "output.growth_caption": {
        "zh": "每家企业两年同月均有月报的月份之产值增速；停报 {missing} 家、新报 {new} 家未计入。",
        "en": "Each enterprise's growth over the months reported in both years; {missing} that stopped and {new} "
        "that started reporting are not in it.",
    },
    "output.missing_title": {"zh": "停报企业", "en": "Stopped reporting"},
    "col.output": {"zh": "产值（万元）", "en": "Output (10k yuan)"},
    "col.output_prev": {"zh": "上年同期（万元）", "en": "Last year (10k yuan)"},
    "col.yoy": {"zh": "同比", "en": "YoY"},
    "col.yoy_like": {"zh": "同比（可比）", "en": "YoY (like for like)"},
    "col.months": {"zh": "月报月数", "en": "Months reported"},
    "col.high_tech": {"zh": "高新", "en": "High-tech"},
    "col.above_scale_share": {"zh": "规上企业占比", "en": "Above-size share"},
    "col.high_tech_share": {"zh": "高新企业占比", "en": "High-tech share"},
    "col.enterprises_n": {"zh": "企业数", "en": "Enterprises"},
    # Vaccination page
    "page.vaccination": {"zh": "疫苗接种", "en": "Vaccination"},
    "vaccination.title": {"zh": "员工疫苗接种", "en": "Staff vaccination"},
    "vaccination.timeline_title": {"zh": "接种率变化（按统计日期）", "en": "Coverage over time"},
    "vaccination.dose": {"zh": "剂次", "en": "Dose"},
    "vaccination.dose1": {"zh": "第一剂", "en": "Dose 1"},
    "vaccination.full": {"zh": "全程", "en": "Full course"},
    "vaccination.booster": {"zh": "加强针", "en": "Booster"},
    "vaccination.timeline_caption": {
        "zh": "每个统计日期，各企业取截至该日最近一次报表；接种率 = 已接种人数 ÷ 员工总数。显示截至期末的全部历史，灰底为统计期间。",
        "en": "At each date every enterprise counts with its latest return as of that date; coverage = vaccinated ÷ "
        "staff. The whole history up to the end of the period is shown; the period is shaded.",
    },
    "vaccination.size_title": {"zh": "按企业规模（员工人数）", "en": "By enterprise size (staff)"},
    "vaccination.below_title": {"zh": "接种率低于 {threshold} 的企业", "en": "Enterprises below {threshold}"},
    "vaccination.threshold": {"zh": "阈值（第一剂接种率）", "en": "Threshold (dose-1 coverage)"},
    "vaccination.below_caption": {
        "zh": "按截至统计期末最近一次报表计算，共 {n} 家。",
        "en": "From each enterprise's latest return as of the end of the period: {n}.",
    },
    "col.as_of": {"zh": "报表日期", "en": "Return date"},
    "col.staff": {"zh": "员工总数", "en": "Staff"},
    "col.dose1": {"zh": "已接种第一剂", "en": "Dose 1"},
    "col.full": {"zh": "完成全程", "en": "Full course"},
    "col.dose1_rate": {"zh": "第一剂接种率", "en": "Dose-1 rate"},
    "col.full_rate": {"zh": "全程接种率", "en": "Full-course rate"},
    "col.booster_rate": {"zh": "加强针接种率", "en": "Booster rate"},
    "col.size": {"zh": "员工人数", "en": "Staff"},
    # Worker participation page
    "page.participation": {"zh": "职工服务", "en": "Worker services"},
    "participation.title": {"zh": "职工服务与参与", "en": "Worker services and participation"},
    "participation.per_1000_title": {"zh": "千人参与人次", "en": "Participation per 1,000 workers"},
    "participation.trend_title": {
        "zh": "千人参与人次（按月）",
        "en": "Participation per 1,000 workers by month",
    },
    "participation.categories_title": {
        "zh": "九类服务的参与人次",
        "en": "Person-times by the nine service categories",
    },
    "participation.venues_title": {"zh": "各服务阵地的参与人次", "en": "Person-times by venue"},
    "participation.people_title": {
        "zh": "参与人数与人次（两者都有记录的活动）",
        "en": "People and person-times (activities recording both)",
    },
    "participation.top_title": {"zh": "参与人次最多的活动", "en": "Activities with the most person-times"},
    "participation.calendar_title": {"zh": "活动日历", "en": "Activity calendar"},
    "participation.calendar_value": {"zh": "参与人次", "en": "Person-times"},
    "col.activities": {"zh": "活动场次", "en": "Activities"},
    "col.person_times": {"zh": "参与人次", "en": "Person-times"},
    "col.people": {"zh": "参与人数", "en": "People"},
    "col.times_per_person": {"zh": "人均参与次数", "en": "Times per person"},
    "col.date": {"zh": "日期", "en": "Date"},
    "col.activity": {"zh": "活动", "en": "Activity"},
    "col.venue": {"zh": "阵地", "en": "Venue"},
    "col.category": {"zh": "服务类别", "en": "Category"},
    "col.volunteers": {"zh": "志愿者", "en": "Volunteers"},
    "weekday.0": {"zh": "周一", "en": "Mon"},
    "weekday.1": {"zh": "周二", "en": "Tue"},
    "weekday.2": {"zh": "周三", "en": "Wed"},
    "weekday.3": {"zh": "周四", "en": "Thu"},
    "weekday.4": {"zh": "周五", "en": "Fri"},
    "weekday.5": {"zh": "周六", "en": "Sat"},
    "weekday.6": {"zh": "周日", "en": "Sun"},
    # Enterprise profile
    "page.enterprise": {"zh": "企业档案", "en": "Enterprise profile"},
    "enterprise.search": {"zh": "按企业名称或统一社会信用代码查找", "en": "Search by name or USCC"},
    "enterprise.pick": {"zh": "选择企业", "en": "Enterprise"},
    "enterprise.pick_placeholder": {"zh": "请选择", "en": "Choose an enterprise"},
    "enterprise.none_found": {"zh": "没有找到匹配的企业。", "en": "No enterprise matches."},
    "enterprise.prompt": {
        "zh": "输入企业名称的一部分或信用代码开头。",
        "en": "Type part of a name or the start of a USCC.",
    },
    "enterprise.unknown": {
        "zh": "企业名录中没有统一社会信用代码为 {uscc} 的企业。",
        "en": "No enterprise with USCC {uscc}.",
    },
    "enterprise.facts": {"zh": "基本情况", "en": "Facts"},
    "enterprise.visits": {"zh": "走访记录（统计期间内）", "en": "Visits (in the period)"},
    "enterprise.tickets": {
        "zh": "诉求及办理情况（统计期间内）",
        "en": "Demands and their resolution (in the period)",
    },
    "enterprise.output": {
        "zh": "月度产值（全部月份，灰底为统计期间）",
        "en": "Monthly output (all months; the period shaded)",
    },
    "enterprise.vaccination": {"zh": "疫苗接种情况", "en": "Vaccination"},
    "enterprise.nothing": {"zh": "无记录。", "en": "Nothing recorded."},
    "enterprise.period_note": {
        "zh": "在办与超期诉求不限受理日期；其他列表只显示统计期间内的记录；产值与接种显示全部历史。",
        "en": "Open and overdue demands whenever received; other lists show the period only; output and "
        "vaccination show the whole history.",
    },
    "enterprise.flags": {"zh": "企业类型", "en": "Type"},
    "enterprise.none_flag": {"zh": "一般企业", "en": "Other"},
    "col.staff_member": {"zh": "走访人", "en": "Worker"},
    "col.method": {"zh": "方式", "en": "Method"},
    "col.content": {"zh": "内容", "en": "Content"},
    "col.days": {"zh": "办理天数", "en": "Days"},
    "col.on_time": {"zh": "按时", "en": "On time"},
    "col.resolved": {"zh": "解决情况", "en": "Resolved"},
    "col.satisfaction": {"zh": "满意度", "en": "Rating"},
    "col.closed": {"zh": "办结日期", "en": "Closed"},
    "col.address": {"zh": "地址", "en": "Address"},
    "col.contact": {"zh": "联系人", "en": "Contact"},
    "col.yes": {"zh": "是", "en": "yes"},
    "col.no": {"zh": "否", "en": "no"},
    # Data management: import
    "page.import": {"zh": "数据导入", "en": "Import data"},
    "page.batches": {"zh": "导入记录", "en": "Import history"},
    "page.completeness": {"zh": "数据完整性", "en": "Data completeness"},
    "import.title": {"zh": "上传台账", "en": "Upload ledgers"},
    "import.intro": {
        "zh": "上传 Excel / WPS（.xlsx、.xls、.ods，也可以是系统导出的网页格式 .xls）或 CSV 台账，系统会先逐行检查并"
        "显示将新增、更新、不变和拒绝的行数；确认后才写入。",
        "en": "Upload Excel / WPS ledgers (.xlsx, .xls, .ods, also the web-page .xls that systems export) or CSV. "
        "Every row is checked first and you see what would be inserted, updated, left unchanged or rejected; "
        "nothing is written until you confirm.",
    },
    "import.templates": {"zh": "下载填报模板", "en": "Download templates"},
    "import.dataset": {"zh": "数据类型", "en": "Dataset"},
    "import.detect": {"zh": "自动识别", "en": "Detect from headers"},
    "import.center": {"zh": "上传单位（服务中心）", "en": "Uploading center"},
    "import.no_center": {"zh": "（不指定）", "en": "(none)"},
    "import.files": {"zh": "选择文件（可多选）", "en": "Files (several allowed)"},
    "import.refused": {"zh": "该文件未导入：", "en": "This file was not imported: "},
    "import.summary": {
        "zh": "识别为「{dataset}」·工作表 {sheet}·表头在第 {row} 行",
        "en": "Read as {dataset} · sheet {sheet} · header on row {row}",
    },
    "import.rows_read": {"zh": "读取行数", "en": "Rows read"},
    "import.insert": {"zh": "将新增", "en": "To insert"},
    "import.update": {"zh": "将更新", "en": "To update"},
    "import.unchanged": {"zh": "不变", "en": "Unchanged"},
    "import.reject": {"zh": "拒绝", "en": "Rejected"},
    "import.mapping": {"zh": "列的对应关系", "en": "How columns were read"},
    "import.preview": {"zh": "前 10 行", "en": "First 10 rows"},
    "import.rejects": {"zh": "被拒绝的行", "en": "Rejected rows"},
    "import.rejects_caption": {
        "zh": "行号为 Excel 中看到的行号（CSV 为记录开始的行）。下载错误报告，修改后可直接重新上传，不会产生重复数据。",
        "en": "Row numbers are the ones Excel shows (CSV: the line the record starts on). Download the error "
        "report, fix it and upload it again: nothing is duplicated.",
    },
    "import.error_report": {"zh": "下载错误报告（Excel）", "en": "Download error report (Excel)"},
    "import.error_report_file": {"zh": "错误报告", "en": "error-report"},
    "import.unknown": {"zh": "企业名录中没有的企业", "en": "Enterprises missing from the registry"},
    "import.unknown_caption": {
        "zh": "请先把这些企业补充到企业名录（导入“企业名录”），再重新上传本文件。",
        "en": "Add these enterprises to the registry (import “Enterprises”) and upload this file again.",
    },
    "import.map_title": {"zh": "为未识别的列指定字段", "en": "Map unrecognised columns"},
    "import.map_caption": {
        "zh": "为本服务中心记住这些对应关系，以后上传的文件会自动识别。",
        "en": "The mapping is remembered for this center: its later files map automatically.",
    },
    "import.map_needs_center": {
        "zh": "选择上传单位后，可以为未识别的列指定对应字段（并记住）。",
        "en": "Choose the uploading center to map unrecognised columns (and remember the mapping).",
    },
    "import.map_ignore": {"zh": "（忽略此列）", "en": "(ignore this column)"},
    "import.map_save": {"zh": "保存对应关系并重新检查", "en": "Save the mapping and check again"},
    "import.confirm": {"zh": "确认导入", "en": "Confirm import"},
    "import.nothing": {"zh": "没有可导入的有效行。", "en": "There are no valid rows to import."},
    "import.done": {
        "zh": "已导入，批次 {batch}：新增 {inserted} 行，更新 {updated} 行，不变 {unchanged} 行，拒绝 {rejected} 行。",
        "en": "Imported as batch {batch}: {inserted} inserted, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
    },
    "import.failed": {
        "zh": "导入失败，数据库未作任何修改：",
        "en": "The import failed and nothing was written: ",
    },
    "report.row": {"zh": "原行号", "en": "Row"},
    "report.column": {"zh": "列", "en": "Column"},
    "report.problem": {"zh": "问题", "en": "Problem"},
    "report.header": {"zh": "文件中的表头", "en": "Header in the file"},
    "report.field": {"zh": "对应字段", "en": "Read as"},
    "report.warning": {"zh": "提示", "en": "Warning"},
    "report.rejects_sheet": {"zh": "被拒绝的行", "en": "Rejected rows"},
    "report.warnings_sheet": {"zh": "提示", "en": "Warnings"},
    # Data management: batches
    "batches.title": {"zh": "导入记录", "en": "Import history"},
    "batches.caption": {
        "zh": "每次导入为一个批次。选中一行查看被拒绝的行，或撤销该批次（恢复它改动过的数据）。",
        "en": "Each import is a batch. Select a row to see its rejected rows or to undo it (restoring the rows it touched).",
    },
    "batches.empty": {"zh": "还没有导入记录。", "en": "No imports yet."},
    "batches.col.id": {"zh": "批次", "en": "Batch"},
    "batches.col.time": {"zh": "导入时间", "en": "Time"},
    "batches.col.file": {"zh": "文件", "en": "File"},
    "batches.col.dataset": {"zh": "数据类型", "en": "Dataset"},
    "batches.col.center": {"zh": "服务中心", "en": "Center"},
    "batches.col.user": {"zh": "上传人", "en": "User"},
    "batches.col.read": {"zh": "读取", "en": "Read"},
    "batches.col.inserted": {"zh": "新增", "en": "Inserted"},
    "batches.col.updated": {"zh": "更新", "en": "Updated"},
    "batches.col.status": {"zh": "状态", "en": "Status"},
    "batches.col.sha": {"zh": "SHA-256", "en": "SHA-256"},
    "batches.in_force": {"zh": "有效", "en": "in force"},
    "batches.undone": {"zh": "已撤销 {when}", "en": "undone {when}"},
    "batches.demo": {"zh": "演示数据", "en": "demo data"},
    "batches.select": {"zh": "在上表中选中一个批次查看详情。", "en": "Select a batch above for its details."},
    "batches.detail": {"zh": "批次 {batch}：{file}", "en": "Batch {batch}: {file}"},
    "batches.no_rejects": {"zh": "该批次没有被拒绝的行。", "en": "This batch rejected no rows."},
    "batches.undo": {"zh": "撤销此批次", "en": "Undo this batch"},
    "batches.undo_confirm": {
        "zh": "撤销后，该批次新增的行将被删除、更新的行恢复为导入前的值。确定撤销批次 {batch}？",
        "en": "Undoing deletes the rows this batch inserted and restores the rows it updated. Undo batch {batch}?",
    },
    "batches.undo_yes": {"zh": "确定撤销", "en": "Yes, undo"},
    "batches.undone_meanwhile": {
        "zh": "批次 {batch} 已撤销（另一位用户刚刚撤销了它），无需再次撤销。",
        "en": "Batch {batch} is already undone (another user undid it just now); nothing more to do.",
    },
    "batches.undone_ok": {
        "zh": "已撤销批次 {batch}：删除了本批次新增的 {removed} 行，恢复了被修改的 {restored} 行。",
        "en": "Batch {batch} undone: rows it added, removed: {removed}; rows it changed, restored: {restored}.",
    },
    "batches.rejects_download": {"zh": "下载被拒绝的行（Excel）", "en": "Download rejected rows (Excel)"},
    # Accounts, login, permissions, audit
    "section.admin": {"zh": "系统管理", "en": "Administration"},
    "page.login": {"zh": "登录", "en": "Log in"},
    "page.accounts": {"zh": "账号管理", "en": "Accounts"},
    "page.audit": {"zh": "操作日志", "en": "Audit log"},
    "role.admin": {"zh": "管理员", "en": "Administrator"},
    "role.leader": {"zh": "领导", "en": "Leader"},
    "role.analyst": {"zh": "分析员", "en": "Analyst"},
    "role.center_head": {"zh": "社区负责人", "en": "Center head"},
    "login.title": {"zh": "登录", "en": "Log in"},
    "login.caption": {
        "zh": "狮山镇“1+6”园区产业服务数据看板：请使用管理员分配的账号登录。",
        "en": "Shishan “1+6” Industrial Service Dashboard: log in with the account an administrator gave you.",
    },
    "login.username": {"zh": "用户名", "en": "Username"},
    "login.password": {"zh": "密码", "en": "Password"},
    "login.submit": {"zh": "登录", "en": "Log in"},
    "login.failed": {
        "zh": "用户名或密码错误，或账号已被锁定 / wrong username or password, or the account is locked",
        "en": "Wrong username or password, or the account is locked / 用户名或密码错误，或账号已被锁定",
    },
    "login.timed_out": {
        "zh": "会话已结束（长时间未操作或已过期），请重新登录。",
        "en": "Your session has ended (idle or expired): log in again.",
    },
    "login.demo_accounts": {
        "zh": "演示账号（密码均为 {password}）：",
        "en": "Demo accounts (password {password} for all):",
    },
    "login.logout": {"zh": "退出登录", "en": "Log out"},
    "login.change_password": {"zh": "修改密码", "en": "Change password"},
    "login.old_password": {"zh": "原密码", "en": "Current password"},
    "login.new_password": {"zh": "新密码", "en": "New password"},
    "login.new_password_again": {"zh": "再次输入新密码", "en": "New password again"},
    "login.passwords_differ": {"zh": "两次输入的新密码不一致", "en": "The new passwords differ"},
    "login.password_changed": {"zh": "密码已修改", "en": "Password changed"},
    "auth.refused_page": {
        "zh": "您的账号无权打开此页面（需要“{action}”的权限）。",
        "en": "Your account may not open this page (it needs the permission to {action}).",
    },
    "import.center_fixed": {
        "zh": "社区负责人只能为本中心导入数据。",
        "en": "A center head imports for their own center only.",
    },
    "batches.undo_not_yours": {
        "zh": "此批次不属于您的中心，不能撤销。",
        "en": "This batch is not your center's: you cannot undo it.",
    },
    "accounts.title": {"zh": "账号管理", "en": "Accounts"},
    "accounts.caption": {
        "zh": "创建账号、停用或启用、重置密码、修改角色与所属中心；每次修改都记入操作日志。",
        "en": "Create accounts, disable or enable them, reset passwords, change roles and centers; every change is in the audit log.",
    },
    "accounts.col.username": {"zh": "用户名", "en": "Username"},
    "accounts.col.display_name": {"zh": "姓名", "en": "Name"},
    "accounts.col.role": {"zh": "角色", "en": "Role"},
    "accounts.col.center": {"zh": "所属中心", "en": "Center"},
    "accounts.col.disabled": {"zh": "已停用", "en": "Disabled"},
    "accounts.col.created": {"zh": "创建时间", "en": "Created"},
    "accounts.col.last_login": {"zh": "最近登录", "en": "Last login"},
    "accounts.col.locked_until": {"zh": "锁定至", "en": "Locked until"},
    "accounts.create": {"zh": "新建账号", "en": "New account"},
    "accounts.password": {"zh": "初始密码", "en": "Initial password"},
    "accounts.no_center": {"zh": "（无，社区负责人必填）", "en": "(none; required for a center head)"},
    "accounts.create_submit": {"zh": "创建", "en": "Create"},
    "accounts.created": {"zh": "已创建账号 {username}", "en": "Account {username} created"},
    "accounts.edit": {"zh": "修改账号", "en": "Change an account"},
    "accounts.pick": {"zh": "账号", "en": "Account"},
    "accounts.disable": {"zh": "停用", "en": "Disable"},
    "accounts.enable": {"zh": "启用", "en": "Enable"},
    "accounts.reset": {"zh": "重置密码", "en": "Reset password"},
    "accounts.set_role": {"zh": "保存角色与中心", "en": "Save role and center"},
    "accounts.saved": {"zh": "已保存", "en": "Saved"},
    "audit.title": {"zh": "操作日志", "en": "Audit log"},
    "audit.caption": {
        "zh": "登录、退出、导入、撤销、列名对应、下载与账号修改，每次一条，只增不改。",
        "en": "Logins, logouts, imports, undos, header mappings, downloads and account changes, one entry each, append-only.",
    },
    "audit.period": {"zh": "日期", "en": "Dates"},
    "audit.users": {"zh": "用户", "en": "Users"},
    "audit.actions": {"zh": "操作", "en": "Actions"},
    "audit.col.id": {"zh": "编号", "en": "No."},
    "audit.col.at": {"zh": "时间", "en": "Time"},
    "audit.col.username": {"zh": "用户", "en": "User"},
    "audit.col.role": {"zh": "角色", "en": "Role"},
    "audit.col.action": {"zh": "操作", "en": "Action"},
    "audit.col.detail": {"zh": "详情", "en": "Detail"},
    "audit.col.source": {"zh": "来源", "en": "Source"},
    "audit.col.client": {"zh": "客户端地址", "en": "Client address"},
    "audit.empty": {"zh": "没有符合条件的记录。", "en": "No entries match."},
    "audit.action.login": {"zh": "登录", "en": "login"},
    "audit.action.login_failed": {"zh": "登录失败", "en": "failed login"},
    "audit.action.lockout": {"zh": "账号锁定", "en": "lockout"},
    "audit.action.logout": {"zh": "退出登录", "en": "logout"},
    "audit.action.timeout": {"zh": "会话超时", "en": "session timeout"},
    "audit.action.password_change": {"zh": "修改密码", "en": "password change"},
    "audit.action.import": {"zh": "导入", "en": "import"},
    "audit.action.undo": {"zh": "撤销批次", "en": "undo"},
    "audit.action.header_mapping": {"zh": "列名对应", "en": "header mapping"},
    "audit.action.export": {"zh": "下载", "en": "download"},
    "audit.action.account_create": {"zh": "新建账号", "en": "account created"},
    "audit.action.account_update": {"zh": "修改账号", "en": "account changed"},
    # Data management: completeness
    "completeness.title": {"zh": "数据完整性", "en": "Data completeness"},
    "completeness.caption": {
        "zh": "各服务中心每月各类台账的行数与最近上传时间；空白格表示该月没有数据。",
        "en": "Rows per center, month and ledger, and when they were last uploaded; an empty cell is a month without data.",
    },
    "completeness.behind": {"zh": "各中心最近数据月份", "en": "Latest month with data, per center"},
    "completeness.rows": {"zh": "行数", "en": "rows"},
    "completeness.last_upload": {"zh": "最近上传", "en": "last upload"},
    "completeness.months_with_data": {"zh": "有数据的月份", "en": "months with data"},
    "completeness.latest_month": {"zh": "最近有数据的月份", "en": "latest month with data"},
    # Ranking, fair comparison and the monthly briefing (issue 14)
    "page.briefing": {"zh": "月度简报", "en": "Monthly briefing"},
    "ranking.title": {"zh": "综合排名与公平比较", "en": "Ranking and fair comparison"},
    "ranking.caption": {
        "zh": "综合得分 = 100 ×（{closure_rate}×办结率 + {on_time_rate}×按时办结率 + {satisfaction_rate}×满意率），"
        "权重见 dashboard.toml；同分同名次；受理诉求少于 {n} 件或任一比率为“—”的产业社区不参与排名。"
        "名次变化与上一等长期间相比（↑ 上升）。括号内为各比率的样本数 n。",
        "en": "Score = 100 × ({closure_rate} × closure + {on_time_rate} × on-time + {satisfaction_rate} × "
        "satisfaction), weights in dashboard.toml; equal scores share a rank; centers with fewer than {n} "
        "demands or a “—” rate are listed unranked. Rank change against the previous period of equal length "
        "(↑ = up). n = each rate's sample.",
    },
    "ranking.fair_title": {"zh": "按诉求类别结构调整后的比较", "en": "Case-mix-fair comparison"},
    "ranking.fair_caption": {
        "zh": "预期值：若各类诉求都按全镇该类的水平办理，该产业社区按其自身的诉求类别结构应达到的按时办结率和"
        "办理时长中位数（间接标准化）。实际 ÷ 预期 > 1 表示按时办结好于预期；时长比 < 1 表示快于预期。",
        "en": "Expected: the on-time rate and median days a center would have if each category were handled at "
        "the town's rate for that category, given its own mix of categories (indirect standardisation). "
        "Observed ÷ expected above 1 = more on time than expected; a days ratio below 1 = faster.",
    },
    "ranking.error": {"zh": "无法计算排名：{error}", "en": "The ranking cannot be computed: {error}"},
    "ranking.with_n": {"zh": "{value}（{n}）", "en": "{value} ({n})"},
    "ranking.col.note": {"zh": "说明", "en": "Note"},
    "ranking.col.interval": {"zh": "95%区间", "en": "95% interval"},
    "ranking.unranked.small_sample": {"zh": "样本不足，不排名", "en": "too few demands: unranked"},
    "ranking.unranked.no_score": {"zh": "比率缺失，不排名", "en": "a rate is missing: unranked"},
    "ranking.movements_title": {"zh": "按时办结率变化的原因", "en": "Why the on-time rate moved"},
    "briefing.heading": {
        "zh": "狮山镇“1+6”产业服务 {month} 工作简报",
        "en": "Shishan “1+6” industrial services: briefing for {month}",
    },
    "briefing.heading_center": {"zh": "（{center}）", "en": " ({center})"},
    "briefing.scope": {
        "zh": "统计期间 {period}｜产业社区：{centers}｜对比上期 {previous}",
        "en": "Period {period} | Centers: {centers} | compared with {previous}",
    },
    "briefing.no_data": {
        "zh": "本月没有受理诉求、走访或活动数据：以下各项均为空或“—”。",
        "en": "No demands, visits or activities in this month: the sections below are empty or “—”.",
    },
    "briefing.tiles_note": {
        "zh": "数字与看板“总览”及 summary 命令一致；变化为与上月相比（比率为百分点，时长为天）。",
        "en": "Figures equal the dashboard's overview and the summary command; changes are against the previous "
        "month (rates in percentage points, durations in days).",
    },
    "briefing.ranking_note": {
        "zh": "综合得分 = 100 ×（{closure_rate}×办结率 + {on_time_rate}×按时办结率 + {satisfaction_rate}×满意率）；"
        "受理少于 10 件不排名；排名为全镇各产业社区之间的比较。括号内为样本数。",
        "en": "Score = 100 × ({closure_rate} × closure + {on_time_rate} × on-time + {satisfaction_rate} × "
        "satisfaction); under 10 demands unranked; ranked among all centers of the town. n in brackets.",
    },
    "briefing.overdue_note": {"zh": "超期最久的 {n} 件：", "en": "The {n} longest overdue:"},
    "briefing.col.escalated": {"zh": "本月督办", "en": "Escalated this month"},
    "briefing.section.headline": {"zh": "一、主要指标", "en": "1. Headline figures"},
    "briefing.section.ranking": {"zh": "二、综合排名", "en": "2. Ranking"},
    "briefing.section.fair": {"zh": "三、按诉求结构调整后的比较", "en": "3. Case-mix-fair comparison"},
    "briefing.section.movements": {"zh": "四、主要变化及原因", "en": "4. What moved and why"},
    "briefing.section.charts": {"zh": "五、图表", "en": "5. Charts"},
    "briefing.section.overdue": {"zh": "六、超期与督办", "en": "6. Overdue and escalated"},
    "briefing.section.completeness": {"zh": "七、台账报送情况", "en": "7. Ledgers reported"},
    "briefing.movement": {
        "zh": "{center} {metric} {points} 个百分点，主要来自 {contributors}",
        "en": "{center} {metric} {points} pp, mostly from {contributors}",
    },
    "briefing.contributor": {
        "zh": "{category}（{points}，{n} 件）",
        "en": "{category} ({points}, {n} closed)",
    },
    "briefing.median_mover": {
        "zh": "；办理时长中位数变化最大的类别为 {category}（{days} 天）",
        "en": "; the category whose median moved most: {category} ({days} days)",
    },
    "briefing.no_movements": {
        "zh": "本月与上月均有办结的产业社区中，按时办结率没有变化。",
        "en": "No center's on-time rate moved (among centers with closed demands in both months).",
    },
    "briefing.not_reported": {
        "zh": "{center}：本月未报送 {ledgers}",
        "en": "{center}: no {ledgers} for this month",
    },
    "briefing.all_reported": {
        "zh": "各产业社区本月台账均已报送。",
        "en": "Every center has sent all its ledgers for this month.",
    },
    "briefing.title": {"zh": "月度工作简报", "en": "Monthly briefing"},
    "briefing.month": {"zh": "月份", "en": "Month"},
    "briefing.center": {"zh": "产业社区", "en": "Center"},
    "briefing.whole_town": {"zh": "全镇", "en": "Whole town"},
    "briefing.caption": {
        "zh": "A4 打印版：PDF 供打印和转发，Word 版供修改；数字与看板一致。生成图表约需 10 秒。",
        "en": "A4, ready to print: PDF to print or forward, Word to edit; the figures equal the dashboard's. "
        "Drawing the charts takes about 10 s.",
    },
    "briefing.download_pdf": {"zh": "下载 PDF", "en": "Download PDF"},
    "briefing.download_docx": {"zh": "下载 Word（.docx）", "en": "Download Word (.docx)"},
    "briefing.download_html": {"zh": "下载网页版（.html）", "en": "Download web page (.html)"},
    "briefing.preview": {"zh": "预览", "en": "Preview"},
    "briefing.building": {"zh": "正在生成简报（含图表）…", "en": "Building the briefing (with its charts)…"},
    "briefing.no_months": {
        "zh": "数据库中还没有任何诉求或走访数据。",
        "en": "The database holds no demands or visits yet.",
    },
    # issue 12 D: exports (fractions named as such, the illustrative note in workbooks)
    "export.ratio_suffix": {"zh": "（比例）", "en": " (ratio)"},
    "export.sample_suffix": {"zh": "（n）", "en": " (n)"},
    "export.low_suffix": {"zh": "（下限）", "en": " (low)"},
    "export.high_suffix": {"zh": "（上限）", "en": " (high)"},
    # issue 12 B: the profile's open demands and the demand a link came from; clickable overview; no data
    "enterprise.open": {
        "zh": "在办与超期诉求（截至期末，不限受理日期）",
        "en": "Open and overdue demands (at the end of the period, whenever received)",
    },
    "enterprise.open_caption": {
        "zh": "截至{end}：在办 {open} 件，其中超期 {overdue} 件。超期诉求：{definition}",
        "en": "At {end}: {open} open, {overdue} of them overdue. Overdue: {definition}",
    },
    "enterprise.none_open": {"zh": "期末没有在办诉求。", "en": "No demand open at the end of the period."},
    "enterprise.col.overdue": {"zh": "超期", "en": "Overdue"},
    "enterprise.col.came_from": {"zh": "来源", "en": "From"},
    "enterprise.came_from": {
        "zh": "您从这条诉求进入：{ticket}（{category}，{received}受理，{status}）。",
        "en": "You came from this demand: {ticket} ({category}, received {received}, {status}). ",
    },
    "enterprise.came_from_marked": {"zh": "下面的列表中以 ★ 标出。", "en": "It is marked ★ below."},
    "enterprise.came_from_elsewhere": {
        "zh": "它不在下面的列表中：不在统计期间内受理，期末也不在办。",
        "en": "It is not in the lists below: not received in the period, nor open at its end.",
    },
    "overview.click_hint": {
        "zh": "点击某个中心的柱条：打开该中心的诉求办理页（左图）或职工服务页（右图）。",
        "en": "Click a center's bar to open its demand page (left) or its worker-services page (right).",
    },
    "nodata.chart": {
        "zh": "暂无数据：统计期间（{period}）和所选范围内没有可以画图的数据。",
        "en": "No data for {period} in the selection: nothing to draw.",
    },
    # issue 12 C: chart units, the uploader's own texts, the preview's row numbers, the phone's KPI cards
    "chart.output_in": {"zh": "产值（{unit}）", "en": "Output ({unit})"},
    "uploader.drop": {"zh": "将文件拖放到此处", "en": "Drag and drop files here"},
    "uploader.limit": {
        "zh": "每个文件不超过 {mb} MB · {types}",
        "en": "Up to {mb} MB per file · {types}",
    },
    "uploader.browse": {"zh": "选择文件", "en": "Browse files"},
    "import.row_number": {"zh": "行号", "en": "Row"},
    # issue 12 A: links checked (analytics/links.py), period presets
    "link.notice": {
        "zh": "链接中有部分设置无法使用，页面按其余设置显示：",
        "en": "Part of this link could not be used; the page shows the rest:",
    },
    "link.lang_unknown": {
        "zh": "未知的语言 {values}，已使用中文",
        "en": "Unknown language {values}: Chinese is used",
    },
    "link.lang_extra": {
        "zh": "链接中多余的语言 {values}，已忽略",
        "en": "Further language {values} in the link: ignored",
    },
    "link.period_invalid": {
        "zh": "无法识别的统计期间 {values}（应为一个或两个日期，如 2022-03-15），已使用默认期间",
        "en": "Unrecognised period {values} (one or two dates such as 2022-03-15 expected): the default "
        "period is used",
    },
    "link.period_out_of_range": {
        "zh": "统计期间 {values} 超出可选范围（2000年至2099年），已使用默认期间",
        "en": "Period {values} is outside the dates offered (2000 to 2099): the default period is used",
    },
    "link.period_reversed": {
        "zh": "统计期间 {values} 的结束日期早于开始日期，已对调",
        "en": "Period {values} ends before it starts: the dates were swapped",
    },
    "link.center_unknown": {
        "zh": "未知的产业社区 {values}，已忽略",
        "en": "Unknown center {values}: ignored",
    },
    "link.park_unknown": {"zh": "未知的园区 {values}，已忽略", "en": "Unknown park {values}: ignored"},
    "link.park_other_center": {
        "zh": "园区 {values} 不属于所选产业社区，已忽略",
        "en": "Park {values} does not belong to the chosen centers: ignored",
    },
    "link.type_unknown": {
        "zh": "未知的企业类型 {values}，已忽略",
        "en": "Unknown enterprise type {values}: ignored",
    },
    "link.focus_unknown": {
        "zh": "未知的聚焦产业社区 {values}，已忽略",
        "en": "Unknown center to narrow to {values}: ignored",
    },
    "link.focus_outside": {
        "zh": "聚焦的产业社区 {values} 不在所选产业社区中，已忽略",
        "en": "The center to narrow to {values} is not among the chosen centers: ignored",
    },
    "link.focus_several": {
        "zh": "只能聚焦一个产业社区：{values}，已忽略",
        "en": "Only one center can be narrowed to: {values} ignored",
    },
    "link.category_several": {
        "zh": "只能聚焦一个诉求类别：{values}，已忽略",
        "en": "Only one demand category can be narrowed to: {values} ignored",
    },
    "link.category_unknown": {
        "zh": "未知的诉求类别 {values}，已忽略",
        "en": "Unknown demand category {values}: ignored",
    },
    "link.ticket_unknown": {
        "zh": "诉求编号 {values} 不是该企业的诉求，已忽略",
        "en": "The demand {values} is not one of this enterprise's demands: ignored",
    },
    "link.ticket_without_enterprise": {
        "zh": "诉求编号 {values} 未指明企业，已忽略",
        "en": "The demand {values} comes without its enterprise: ignored",
    },
    "link.value": {"zh": "“{value}”", "en": "“{value}”"},
    "filters.presets": {"zh": "快捷期间", "en": "Quick periods"},
    "filters.presets_help": {
        "zh": "“今天”按数据中的最新日期（{today}）计算；各期间均为整月。",
        "en": "“Today” is the latest date in the data ({today}); every period is made of whole months.",
    },
    "preset.this_month": {"zh": "本月", "en": "This month"},
    "preset.last_month": {"zh": "上月", "en": "Last month"},
    "preset.this_quarter": {"zh": "本季度", "en": "This quarter"},
    "preset.year_to_date": {"zh": "今年以来", "en": "Year to date"},
    "preset.last_12_months": {"zh": "近12个月", "en": "Last 12 months"},
    "preset.last_year": {"zh": "上年", "en": "Last year"},
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
