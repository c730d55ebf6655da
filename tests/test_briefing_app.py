"""AppTest of the ranking section of the demand page and of the 月度简报 page: the tables are the
ranking's, a bad weight is a message (not a traceback), the page offers the three files."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from analytics.filters import Filters
from analytics.periods import default_period
from analytics.ranking import ranking
from analytics.settings import DEFAULT_RANKING_WEIGHTS
from tests.apptest_login import logged_in

ROOT = Path(__file__).resolve().parent.parent


def page(path: str, **query: list[str]) -> AppTest:
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    logged_in(at, "leader")
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def _table_with(at: AppTest, column: str):
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def test_the_demand_page_shows_the_ranking_with_its_n(app_env):
    at = page("views/tickets.py")
    con = db.connect(app_env)
    expected = ranking(con, Filters(default_period(con)), DEFAULT_RANKING_WEIGHTS)
    table = _table_with(at, "综合得分")
    by_center = {row["产业社区"].rstrip("*"): row for row in table.to_dict("records")}
    for row in expected.to_dict("records"):
        shown = by_center[row["center"]]
        assert shown["综合得分"] == f"{row['score']:.1f}"
        assert shown["办结率"] == f"{row['closure_rate']:.1%}（{row['tickets_received']:,}）"
    fair = _table_with(at, "预期按时办结率")
    assert list(fair["95%区间"]) == [
        f"{r['on_time_ratio_low']:.2f}–{r['on_time_ratio_high']:.2f}" for r in expected.to_dict("records")
    ]
    assert any("按时办结率" in m.value and "主要来自" in m.value for m in at.markdown)


def test_bad_weights_are_a_message(app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "dashboard.toml"
    config.write_text("[ranking]\nw_closure_rate = 0.9\n", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_CONFIG", str(config))
    at = page("views/tickets.py")
    assert any("权重" in e.value for e in at.error)


def test_the_briefing_page_offers_the_files(app_env):
    at = page("views/briefing.py", lang=["English"])
    assert at.title[0].value == "Monthly briefing"
    assert at.selectbox(key="briefing_month").value.start.isoformat() == "2022-06-01"
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download PDF", "Download Word (.docx)", "Download web page (.html)"]
