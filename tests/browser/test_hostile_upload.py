"""In real Chromium against a live server: a file that used to abort the server process is refused on
the page, and the server goes on serving every user."""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login, wait_idle
from tests.hostile_files import far_corner_xlsx

pytestmark = pytest.mark.browser


def test_a_crashing_file_is_refused_and_the_server_stays_up(server, page, tmp_path):
    crafted, declared = tmp_path / "走访台账.xlsx", tmp_path / "走访台账-2.xlsx"
    crafted.write_bytes(far_corner_xlsx(declared=False))
    declared.write_bytes(far_corner_xlsx())
    login(page, f"{server.url}/import")
    page.locator('input[type="file"]').set_input_files(str(crafted))
    expect(page.get_by_text("无法安全读取该文件")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("参考编号")).to_be_visible()
    page.locator('input[type="file"]').set_input_files([str(crafted), str(declared)])
    expect(page.get_by_text("最远的单元格在 XFD1048576")).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.screenshot(path=str(tmp_path / "hostile-upload.png"), full_page=True)

    assert server.process.poll() is None  # the server process is alive
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as response:
        assert response.status == 200
    other = page.context.new_page()  # another user, another session: served as usual
    try:
        login(other, f"{server.url}/overview", "demo-leader")
        expect(other.get_by_role("heading", name="各产业社区总览")).to_be_visible()
    finally:
        other.close()
