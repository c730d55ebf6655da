"""AppTest of the demand page: numbers as in `summary`, narrowing from the URL, working-day notes."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import db, kpis
from analytics.auth import OPERATOR
from analytics.filters import Filters
from analytics.intake import commit_import, plan_import
from analytics.periods import default_period
from tests.apptest_login import logged_in

ROOT = Path(__file__).resolve().parent.parent


def tickets_page(**query: list[str]) -> AppTest:
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    logged_in(at)
    at.switch_page("views/tickets.py").run()
    assert not at.exception, at.exception
    return at


def tile(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_tiles_show_the_summary_numbers(app_env):
    at = tickets_page(center=["长虹岭", "小塘"])
    con = db.connect(app_env)  # same process as the app: DuckDB shares the open database
    summary = kpis.summary(con, Filters(default_period(con), centers=("长虹岭", "小塘")))[
        "total"
    ]  # what the CLI prints
    assert tile(at, "受理诉求数") == f"{summary['tickets_received']:,}"
    assert tile(at, "按时办结率") == f"{summary['on_time_rate']:.1%}"
    assert tile(at, "办理时长中位数（天）") == f"{summary['median_resolution_days']:.1f}"
    assert tile(at, "超期诉求") == f"{summary['overdue_tickets']:,}"
    assert any(
        "按时办结率" in m.value and "未达目标" in m.value and "red-badge" in m.value for m in at.markdown
    )


def test_the_url_narrows_the_page_and_the_chip_clears_it(app_env):
    at = tickets_page(focus=["长虹岭"], category=["市政设施"])
    sentence = at.caption[0].value
    assert "产业社区：长虹岭" in sentence and sentence.endswith("诉求类别：市政设施")
    assert any("已聚焦" in m.value for m in at.markdown)
    at.button(key="clear_focus").click().run()
    assert not at.exception
    assert "产业社区：全部" in at.caption[0].value and "诉求类别" not in at.caption[0].value
    assert "focus" not in at.query_params and "category" not in at.query_params


def test_unknown_narrowing_values_are_ignored(app_env):
    at = tickets_page(focus=["不存在"], category=["天气"])
    assert "产业社区：全部" in at.caption[0].value and "诉求类别" not in at.caption[0].value


def test_working_days_and_a_year_without_holiday_data(app_env):
    con = db.connect(app_env)
    (code,) = con.execute("SELECT uscc FROM clean_enterprises WHERE center = '长虹岭' LIMIT 1").fetchone()
    data = f"工单号,受理日期,统一社会信用代码,诉求类别,办结日期\nY-1,2027-01-01,{code},政策咨询,2027-01-04\n".encode()
    commit_import(con, plan_import(con, data, "2027.csv", "tickets", principal=OPERATOR))
    con.close()
    at = tickets_page(period=["2027-01-01", "2027-01-31"], lang=["English"])
    at.button_group(key="unit").set_value("workdays").run()
    assert not at.exception, at.exception
    assert any("years outside it count weekends only" in c.value for c in at.caption)
    assert "1 tickets of the period fall in years without holiday data" in at.warning[0].value


def test_the_ranking_marks_a_small_sample_beside_its_n(app_env):
    at = tickets_page(period=["2022-06-01", "2022-06-07"])  # one week: some centers closed fewer than 10
    table = next(d.value for d in at.dataframe if "办结数 n" in d.value.columns)
    closed = table["办结数 n"].str.replace(",", "").astype(int)  # the n alone: it stays a number
    assert (closed < 10).any() and (closed >= 10).any(), closed.tolist()
    assert table["说明"].tolist() == ["⚠ 样本少" if n < 10 else "" for n in closed]
