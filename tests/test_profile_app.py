"""The enterprise profile answers "why am I here" (its open and overdue demands whenever received; the
demand a link came from, ?ticket=…, said and marked; a foreign or junk one ignored with a notice), and a
period without data says so in place of every chart (AppTest, on the demo data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from analytics.demo.load import DEMO_PASSWORD
from analytics.i18n import t
from tests.apptest_login import DEMO_USERS, ROOT, goto, submit_login
from tests.apptest_pages import PAGES, open_page, shown
from ui.components import has_data
from ui.notice import SHOWN_VALUE_CHARS

PERIOD = ["2022-01-01", "2022-06-30"]
END = dt.date(2022, 6, 30)
# Open at the end of the period and overdue, spelled out from docs/metrics.md (not the app's SQL macros).
OPEN = "received_date <= $end AND status <> '已撤销' AND (closed_date IS NULL OR closed_date > $end)"
OVERDUE = f"{OPEN} AND due_date < $end"


def _rows(path: Path, sql: str, **params: object) -> list[tuple]:
    con = db.connect(path)
    try:
        return con.execute(sql, {**({"end": END} if "$end" in sql else {}), **params}).fetchall()
    finally:
        con.close()


def overdue_from_before_the_period(path: Path) -> tuple[str, str]:
    """An enterprise and a demand of it received before the period, still open and overdue at its end."""
    return _rows(
        path,
        f"SELECT uscc, ticket_no FROM tickets WHERE {OVERDUE} AND received_date < DATE '2022-01-01' "
        "ORDER BY received_date, ticket_no LIMIT 1",
    )[0]


def open_tickets(path: Path, uscc: str) -> dict[str, bool]:
    """The enterprise's demands open at the end of the period, each with whether it is overdue."""
    return dict(
        _rows(
            path, f"SELECT ticket_no, due_date < $end FROM tickets WHERE uscc = $uscc AND {OPEN}", uscc=uscc
        )
    )


def test_the_profile_lists_open_and_overdue_demands_whenever_received(app_env):
    uscc, old = overdue_from_before_the_period(app_env)
    at = open_page("views/enterprise.py", uscc=[uscc], period=PERIOD)
    assert not at.exception, at.exception
    heading = t("enterprise.open", "zh")
    assert heading in [h.value for h in at.subheader]
    listed = at.dataframe[0].value  # the first list: open and overdue demands
    expected = open_tickets(app_env, uscc)
    tickets = listed[t("tickets.col.ticket", "zh")].tolist()
    assert sorted(tickets) == sorted(expected) and old in tickets
    flags = listed[t("enterprise.col.overdue", "zh")].tolist()
    assert flags == sorted(flags, key=lambda flag: flag != t("col.yes", "zh"))  # overdue ones first
    assert {
        ticket: flag == t("col.yes", "zh") for ticket, flag in zip(tickets, flags, strict=True)
    } == expected
    history = at.dataframe[1].value[t("tickets.col.ticket", "zh")].tolist()
    assert old not in history  # received before the period: only in the open list
    caption = next(c.value for c in at.caption if "超期诉求：" in c.value)
    assert f"在办 {len(expected)} 件，其中超期 {sum(expected.values())} 件" in caption


def test_the_demand_a_link_came_from_is_said_and_marked(app_env):
    uscc, old = overdue_from_before_the_period(app_env)
    for lang, said in (("zh", "您从这条诉求进入"), ("en", "You came from this demand")):
        at = open_page("views/enterprise.py", lang, uscc=[uscc], period=PERIOD, ticket=[old])
        assert not at.exception, at.exception
        notice = [shown(i.value) for i in at.info if said in shown(i.value)]
        assert len(notice) == 1 and old in notice[0], [i.value for i in at.info]
        assert not at.warning
        listed = at.dataframe[0].value
        mark = t("enterprise.col.came_from", lang)
        assert listed.columns[0] == mark
        marked = listed.loc[listed[mark] == "★", t("tickets.col.ticket", lang)].tolist()
        assert marked == [old] and (listed[mark] == "").sum() == len(listed) - 1
        assert mark not in at.dataframe[1].value.columns  # not in the period's list: no mark there


def test_a_closed_demand_of_the_period_is_marked_in_the_period_list(app_env):
    uscc, closed = _rows(
        app_env,
        f"SELECT uscc, ticket_no FROM tickets WHERE received_date >= DATE '2022-01-01' AND closed_date <= $end "
        f"AND uscc IN (SELECT uscc FROM tickets WHERE {OPEN}) ORDER BY ticket_no LIMIT 1",
    )[0]
    at = open_page("views/enterprise.py", uscc=[uscc], period=PERIOD, ticket=[closed])
    assert not at.exception, at.exception
    mark = t("enterprise.col.came_from", "zh")
    opened, history = at.dataframe[0].value, at.dataframe[1].value
    assert mark not in opened.columns  # closed: not among the open demands
    assert history.loc[history[mark] == "★", t("tickets.col.ticket", "zh")].tolist() == [closed]
    assert any("您从这条诉求进入" in i.value and "下面的列表中以 ★ 标出" in shown(i.value) for i in at.info)


def test_a_demand_outside_both_lists_is_said_to_be_outside_them(app_env):
    uscc, earlier = _rows(
        app_env,
        "SELECT uscc, ticket_no FROM tickets WHERE received_date < DATE '2022-01-01' AND closed_date <= $end "
        "ORDER BY ticket_no LIMIT 1",
    )[0]
    at = open_page("views/enterprise.py", "en", uscc=[uscc], period=PERIOD, ticket=[earlier])
    assert not at.exception, at.exception
    (notice,) = [shown(i.value) for i in at.info if "You came from this demand" in i.value]
    assert earlier in notice and "It is not in the lists below" in notice
    assert all(t("enterprise.col.came_from", "en") not in frame.value.columns for frame in at.dataframe)


def test_a_demand_of_another_enterprise_is_ignored_with_a_notice(app_env):
    uscc, _ = overdue_from_before_the_period(app_env)
    (foreign,) = _rows(app_env, "SELECT ticket_no FROM tickets WHERE uscc <> $uscc LIMIT 1", uscc=uscc)[0]
    at = open_page("views/enterprise.py", uscc=[uscc], period=PERIOD, ticket=[foreign])
    assert not at.exception, at.exception
    [notice] = [shown(w.value) for w in at.warning]  # the link's one notice
    assert (
        notice.startswith(t("link.notice", "zh"))
        and f"- 诉求编号 “{foreign}” 不是该企业的诉求，已忽略" in notice
    )
    assert not [i for i in at.info if "您从这条诉求进入" in i.value]
    assert all(t("enterprise.col.came_from", "zh") not in frame.value.columns for frame in at.dataframe)


def test_a_foreign_demand_and_other_impossible_parts_of_a_link_are_said_in_one_notice(app_env):
    uscc, _ = overdue_from_before_the_period(app_env)
    (foreign,) = _rows(app_env, "SELECT ticket_no FROM tickets WHERE uscc <> $uscc LIMIT 1", uscc=uscc)[0]
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=120)  # the link opened as it is
    for key, values in {
        "lang": ["English"],
        "uscc": [uscc],
        "ticket": [foreign],
        "center": ["nowhere"],
    }.items():
        at.query_params[key] = values
    submit_login(goto(at.run(), "enterprise"), DEMO_USERS["admin"], DEMO_PASSWORD)
    assert not at.exception, at.exception
    [notice] = [shown(w.value) for w in at.warning]
    assert [line for line in notice.splitlines() if line.startswith("- ")] == [
        "- Unknown center “nowhere”: ignored",
        f"- The demand “{foreign}” is not one of this enterprise's demands: ignored",
    ]
    at.run()  # the page's next run says it again, once
    assert [shown(w.value) for w in at.warning] == [notice]


def test_a_demand_without_its_enterprise_is_said_to_be_ignored(app_env):
    at = open_page("views/enterprise.py", ticket=["SQ20200000001"])
    assert not at.exception, at.exception
    [notice] = [shown(w.value) for w in at.warning]
    assert "- 诉求编号 “SQ20200000001” 未指明企业，已忽略" in notice
    assert not at.dataframe  # the search, no profile


def test_another_enterprise_picked_in_the_search_drops_the_demand_the_link_came_from(app_env):
    uscc, old = overdue_from_before_the_period(app_env)
    other, name = _rows(app_env, "SELECT uscc, name FROM enterprises WHERE uscc <> $uscc LIMIT 1", uscc=uscc)[
        0
    ]
    at = open_page("views/enterprise.py", uscc=[uscc], period=PERIOD, ticket=[old])
    at.text_input(key="enterprise_query").input(other).run()
    at.selectbox(key="enterprise_pick").select(other).run()
    assert not at.exception, at.exception
    assert at.header[0].value == name and at.query_params.get("uscc") in (other, [other])
    assert "ticket" not in at.query_params
    assert not at.warning  # not "the demand … is not one of this enterprise's demands"
    assert not [i for i in at.info if "您从这条诉求进入" in i.value]


@pytest.mark.parametrize(
    "junk", ["**粗体** <b>x</b> $x^2$ :red[y]", "'; DROP TABLE tickets; --", "9" * 500, " "]
)
def test_a_junk_ticket_parameter_is_ignored_with_a_notice(app_env, junk):
    uscc, _ = overdue_from_before_the_period(app_env)
    at = open_page("views/enterprise.py", "en", uscc=[uscc], period=PERIOD, ticket=[junk])
    assert not at.exception, at.exception
    (warning,) = at.warning
    text = shown(warning.value)
    assert "is not one of this enterprise's demands: ignored" in text
    assert junk.strip()[:SHOWN_VALUE_CHARS] in text  # shown as typed (escaped), a long one cut
    assert len(text) < 300
    assert at.dataframe  # the profile itself is still shown


ANALYSIS = [p for p in PAGES if p.split("/")[1] in {"overview.py", "tickets.py", "visits.py", "output.py",
                                                    "vaccination.py", "participation.py"}]  # fmt: skip


@pytest.mark.parametrize("page", ANALYSIS)
def test_a_period_without_data_says_so_instead_of_drawing_empty_charts(app_env, page):
    at = open_page(page, "zh", period=["2018-01-01", "2018-01-31"])
    assert not at.exception, at.exception
    assert not at.get("plotly_chart")  # no empty axes anywhere
    said = [i.value for i in at.info if i.value.startswith("暂无数据")]
    assert said and all("2018年1月1日至2018年1月31日" in shown(text) for text in said)


def test_with_data_every_chart_is_drawn(app_env):
    at = open_page("views/tickets.py", "en")
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 7
    assert not [i for i in at.info if i.value.startswith("No data for")]


def test_has_data_reads_the_numbers_not_the_labels():
    labels = ["长虹岭", "罗村"]
    months = [dt.date(2022, 1, 1), dt.date(2022, 2, 1)]
    assert not has_data(go.Figure())
    assert not has_data(go.Figure(go.Bar(y=labels, x=[np.nan, None], orientation="h")))
    assert not has_data(go.Figure(go.Bar(y=labels, x=[0, 0.0], orientation="h")))  # a 0-to-0 axis
    assert not has_data(go.Figure(go.Scatter(x=months, y=[None, np.nan])))  # dates are positions
    assert not has_data(go.Figure(go.Heatmap(z=[[np.nan, 0], [0, np.nan]])))
    assert has_data(go.Figure(go.Scatter(x=months, y=[None, 3])))
    assert has_data(go.Figure([go.Bar(y=labels, x=[0, 0]), go.Scatter(y=labels, x=[0, 2.5])]))
    assert has_data(go.Figure(go.Heatmap(z=[[np.nan, 1]])))
    assert has_data(go.Figure(go.Scatter(x=labels, y=["a", "b"], mode="markers")))  # a grid of labelled cells
    assert has_data(go.Figure(go.Box(y=labels, q1=[1, 2], median=[2, 3], q3=[3, 4])))
