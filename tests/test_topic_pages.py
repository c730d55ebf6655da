"""AppTest of the visits, output, vaccination, participation and enterprise pages beyond rendering."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import db, kpis
from analytics.filters import Filters
from analytics.periods import default_period
from tests.apptest_login import logged_in

ROOT = Path(__file__).resolve().parent.parent


def page(path: str, **query: list[str]) -> AppTest:
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    logged_in(at)
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def busiest_enterprise(path: Path) -> tuple[str, str]:
    con = db.connect(path)
    row = con.execute(
        "SELECT e.uscc, e.name FROM tickets t JOIN enterprises e USING (uscc) JOIN output_monthly o USING (uscc) "
        "WHERE t.received_date >= DATE '2021-07-01' GROUP BY ALL ORDER BY count(*) DESC, e.uscc LIMIT 1"
    ).fetchone()
    return row


def test_profile_from_the_url(app_env):
    code, name = busiest_enterprise(app_env)
    at = page("views/enterprise.py", uscc=[code])
    assert at.header[0].value == name
    tiles = {m.label: m.value for m in at.metric}
    assert int(tiles["受理诉求数"]) > 0 and tiles["走访次数"] != "—"
    assert len(at.get("plotly_chart")) == 2  # output history and vaccination history
    assert len(at.dataframe) == 3  # open demands, demands and visits of the period


def test_profile_search_finds_by_name_and_by_code(app_env):
    code, name = busiest_enterprise(app_env)
    at = page("views/enterprise.py")
    at.text_input(key="enterprise_query").set_value(name[3:8]).run()
    assert any(option.startswith(f"{name} · ") for option in at.selectbox(key="enterprise_pick").options)
    at.selectbox(key="enterprise_pick").set_value(code).run()
    assert at.query_params["uscc"] in (code, [code])
    assert at.header[0].value == name
    at.text_input(key="enterprise_query").set_value(code[:12].lower()).run()  # a code prefix, any case
    assert [o.split(" · ")[0] for o in at.selectbox(key="enterprise_pick").options] == [name]


def test_unknown_enterprise_says_so(app_env):
    at = page("views/enterprise.py", uscc=["91350100M000100Y43"])
    assert "企业名录中没有统一社会信用代码为 91350100M000100Y43 的企业" in at.warning[0].value


def test_vaccination_threshold_changes_the_list(app_env):
    at = page("views/vaccination.py")
    before = int(at.caption[-2].value.split("共 ")[1].split(" 家")[0])
    at.slider(key="threshold").set_value(0.95).run()
    after = int(next(c.value for c in at.caption if "共 " in c.value).split("共 ")[1].split(" 家")[0])
    assert after > before


def test_participation_says_types_do_not_apply(app_env):
    at = page("views/participation.py", type=["above_scale"])
    assert any("不按企业类型筛选" in c.value for c in at.caption)


def test_topic_tiles_match_summary(app_env):
    at_visits = page("views/visits.py")
    at_output = page("views/output.py")
    at_vaccination = page("views/vaccination.py")
    con = db.connect(app_env)
    total = kpis.summary(con, Filters(default_period(con)))["total"]
    assert (
        next(m.value for m in at_visits.metric if m.label == "走访覆盖率") == f"{total['visit_coverage']:.1%}"
    )
    assert (
        next(m.value for m in at_output.metric if m.label == "工业总产值")
        == f"{total['output_value'] / 10_000:,.2f}亿元"
    )
    assert (
        next(m.value for m in at_vaccination.metric if m.label == "疫苗接种率")
        == f"{total['vaccination_rate']:.1%}"
    )


def test_monthly_output_by_park(app_env):
    at = page("views/output.py", center=["长虹岭"])
    at.button_group(key="output_by").set_value("park").run()
    assert not at.exception, at.exception
    names = {
        trace["name"] for trace in __import__("json").loads(at.get("plotly_chart")[0].proto.spec)["data"]
    }
    assert names == {"长虹岭工业园（长虹岭）", "长虹岭北园（长虹岭）", "虹岭科创园（长虹岭）"}
