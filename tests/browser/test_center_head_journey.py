"""A center head in real Chromium: logs in, imports for their own center (a row of another center is
refused), cannot choose another center, open the accounts page or undo another center's batch, logs out."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import commit_import, plan_import
from tests.browser.helpers import login, wait_idle
from tests.conftest import Server

pytestmark = pytest.mark.browser


@pytest.fixture
def server_with_other_batch(demo_db_template, tmp_path) -> Iterator[tuple[Server, str, str]]:
    """A server on a demo copy holding one import batch of 罗村; yields it with a 长虹岭 and a 罗村 firm."""
    path = tmp_path / "journey.duckdb"
    shutil.copy(demo_db_template, path)
    con = db.connect(path)
    firms = dict(
        con.execute(
            "SELECT center, min(uscc) FROM clean_enterprises WHERE center IN ('长虹岭', '罗村') GROUP BY 1"
        ).fetchall()
    )
    data = f"工单号,受理日期,统一社会信用代码,诉求类别\nL-1,2022-06-20,{firms['罗村']},政策咨询\n".encode()
    commit_import(con, plan_import(con, data, "罗村诉求.csv", "tickets", "罗村", principal=OPERATOR))
    con.close()
    running = Server(path)
    yield running, firms["长虹岭"], firms["罗村"]
    running.stop()


def test_center_head_imports_only_for_their_center(server_with_other_batch, page, tmp_path):
    server, own, other = server_with_other_batch
    login(page, f"{server.url}/import", "demo-chl")
    expect(page.get_by_role("heading", name="上传台账")).to_be_visible()
    center = page.locator('[data-testid="stSelectbox"]').filter(has_text="上传单位")
    expect(center.get_by_role("combobox")).to_have_value("长虹岭")
    expect(center.get_by_role("combobox")).to_be_disabled()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("demo-chl · 社区负责人 · 长虹岭")

    ledger = tmp_path / "长虹岭诉求.csv"
    ledger.write_text(
        f"工单号,受理日期,统一社会信用代码,诉求类别\nH-1,2022-06-21,{own},政策咨询\nH-2,2022-06-22,{other},政策咨询\n",
        encoding="utf-8",
    )
    page.locator('input[type="file"]').set_input_files(str(ledger))
    expect(page.get_by_text("识别为「企业诉求台账」")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("本账号只能导入「长虹岭」的数据")).to_be_attached()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("新增 1 行，更新 0 行，不变 0 行，拒绝 1 行")).to_be_visible(timeout=60_000)

    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="导入记录").click()
    wait_idle(page)
    grid = page.locator('[data-testid="stDataFrame"] .dvn-scroller').first
    grid.click(position={"x": 15, "y": 90})  # the second row: the batch of 罗村
    wait_idle(page)
    expect(page.get_by_role("heading", name="批次")).to_contain_text("罗村诉求.csv")
    expect(page.get_by_text("此批次不属于您的中心，不能撤销")).to_be_visible()
    expect(page.get_by_role("button", name="撤销此批次")).to_have_count(0)
    grid.click(position={"x": 15, "y": 55})  # the first row: their own batch
    wait_idle(page)
    expect(page.get_by_role("heading", name="批次")).to_contain_text("长虹岭诉求.csv")
    expect(page.get_by_role("button", name="撤销此批次")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNavItems")).not_to_contain_text("账号管理")

    page.get_by_role("button", name="退出登录").click()
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("登录", timeout=60_000)
    expect(page.locator('input[type="password"]')).to_be_visible()


def test_a_direct_url_to_a_page_the_role_may_not_open_is_refused(server, page):
    login(page, f"{server.url}/accounts", "demo-chl")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("账号管理")
    expect(page.get_by_text("您的账号无权打开此页面")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    login(page, f"{server.url}/import", "demo-analyst")
    expect(page.get_by_text("您的账号无权打开此页面（需要“导入台账”的权限）")).to_be_visible()
    expect(page.locator('input[type="file"]')).to_have_count(0)
