"""A busy office in real Chromium: four clerks (four browser sessions) confirm imports at the same
moment, then two undo the same batch at once. Every outcome is a batch or a clear message; rows exact."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from analytics import db
from tests.browser.helpers import TIMEOUT, open_app, wait_idle

pytestmark = pytest.mark.browser
SESSIONS, ROWS = 4, 50
OUTCOME = re.compile(r"已导入，批次|该文件已由批次")


def tickets_csv(path, codes: list[str], tag: str):
    lines = ["工单号,受理日期,统一社会信用代码,诉求类别"]
    lines += [f"{tag}-{i},2022-06-01,{codes[i % len(codes)]},政策咨询" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def preview(page: Page, url: str, path) -> None:
    open_app(page, f"{url}/import")
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(page.get_by_role("button", name="确认导入")).to_be_enabled(timeout=TIMEOUT)


def confirm_all(tabs: list[Page]) -> list[str]:
    """Click every tab's confirm button at once (clicks do not wait for the script runs), then read
    what each tab says."""
    for tab in tabs:
        tab.get_by_role("button", name="确认导入").click()
    outcomes = []
    for tab in tabs:
        message = tab.locator('[data-testid="stAlert"]').filter(has_text=OUTCOME).first
        expect(message).to_be_visible(timeout=TIMEOUT)
        outcomes.append(message.inner_text())
    return outcomes


def counts(path) -> tuple[int, int]:
    con = db.connect(path)
    result = con.execute(
        "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM import_batches WHERE undone_at IS NULL)"
    ).fetchone()
    con.close()
    return result


def test_four_confirms_at_once_then_two_undos(fresh_server, browser_context, tmp_path):
    con = db.connect(fresh_server.db_path)
    codes = [c for (c,) in con.execute("SELECT uscc FROM enterprises ORDER BY uscc LIMIT 20").fetchall()]
    tickets_before, batches_before = con.execute(
        "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM import_batches)"
    ).fetchone()
    con.close()
    tabs = [browser_context.new_page() for _ in range(SESSIONS)]
    try:
        # four different files at once: four batches
        for n, tab in enumerate(tabs):
            preview(tab, fresh_server.url, tickets_csv(tmp_path / f"c{n}.csv", codes, f"C{n}"))
        outcomes = confirm_all(tabs)
        assert all("已导入，批次" in text and f"新增 {ROWS} 行" in text for text in outcomes), outcomes
        assert len({re.search(r"批次 (\d+)", text).group(1) for text in outcomes}) == SESSIONS

        # the same file at once: one batch, three told which batch has it
        same = tickets_csv(tmp_path / "same.csv", codes, "S")
        for tab in tabs:
            preview(tab, fresh_server.url, same)
        outcomes = confirm_all(tabs)
        done = [text for text in outcomes if "已导入，批次" in text]
        assert len(done) == 1, outcomes
        batch = re.search(r"批次 (\d+)", done[0]).group(1)
        assert sorted(outcomes).count(next(t for t in outcomes if t not in done)) == SESSIONS - 1
        assert all(f"该文件已由批次 {batch} 导入" in text for text in outcomes if text not in done), outcomes

        # two clerks undo that batch at once: one undoes it, the other is told it is undone
        pair = tabs[:2]
        for tab in pair:
            open_app(tab, f"{fresh_server.url}/batches")
            tab.locator('[data-testid="stDataFrame"] .dvn-scroller').first.click(position={"x": 15, "y": 55})
            wait_idle(tab)
            expect(tab.get_by_role("heading", name=f"批次 {batch}")).to_be_visible(timeout=TIMEOUT)
            tab.get_by_role("button", name="撤销此批次").click()
            wait_idle(tab)
        for tab in pair:
            tab.get_by_role("button", name="确定撤销").click()
        said = []
        for tab in pair:
            outcome = re.compile(f"已撤销批次 {batch}|批次 {batch} (已于|已撤销)")
            alert = tab.locator('[data-testid="stAlert"]').filter(has_text=outcome)
            expect(alert.first).to_be_visible(timeout=TIMEOUT)
            said.append(alert.first.inner_text())
        assert sum(f"已撤销批次 {batch}" in text for text in said) == 1, said
        assert sum(re.search(f"批次 {batch} (已于|已撤销)", text) is not None for text in said) == 1, said
        for tab in tabs:
            expect(tab.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        for tab in tabs:
            tab.close()
    fresh_server.stop()
    assert counts(fresh_server.db_path) == (tickets_before + SESSIONS * ROWS, batches_before + SESSIONS)
