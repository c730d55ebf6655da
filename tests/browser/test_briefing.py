"""The 月度简报 page in real Chromium: the briefing downloads as a PDF whose text is the Chinese headline
and the ranking, and as a .docx that python-docx reads."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.helpers import open_app, wait_idle

pytestmark = pytest.mark.browser


def test_the_briefing_downloads_from_the_page(server, page, tmp_path: Path):
    open_app(page, f"{server.url}/briefing")
    expect(page.get_by_role("heading", name="月度工作简报")).to_be_visible()
    button = page.get_by_role("button", name="下载 PDF")
    button.wait_for(timeout=120_000)  # the charts are drawn first
    wait_idle(page)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename == "briefing-2022-06.pdf"
    pdf = tmp_path / "briefing.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "狮山镇“1+6”产业服务 2022年6月 工作简报" in text
    assert "二、综合排名" in text and "长虹岭" in text

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="下载 Word（.docx）").click()
    docx = tmp_path / "briefing.docx"
    download.value.save_as(docx)
    assert "工作简报" in Document(str(docx)).paragraphs[0].text
    frame = page.frame_locator('[data-testid="stMain"] iframe').first
    expect(frame.get_by_text("一、主要指标")).to_be_visible(timeout=60_000)  # the preview
