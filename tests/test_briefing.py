"""The monthly briefing: its numbers equal `summary` and the ranking, the files open (python-docx reads the
.docx back, pdftotext finds the Chinese headline and the ranking's numbers in the PDF), bad months and
centers exit 2 with a message, a month without data says so, untrusted text stays text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from docx import Document

from analytics import db
from analytics.briefing import BriefingError, build, parse_month, render
from analytics.briefing import images as images_module
from analytics.briefing.images import Image, overview_charts
from analytics.filters import Filters
from analytics.kpis import summary
from analytics.metrics import BY_KEY
from analytics.periods import Period
from analytics.ranking import ranking
from analytics.settings import DEFAULT_RANKING_WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))


def _png(width: int, height: int) -> bytes:
    """A valid white RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


IMAGES = (Image("图一", _png(40, 20)),)  # the renderers' tests do not need kaleido's real charts


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def con(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("briefing") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    connection = db.connect(path)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def june(con):
    return build(con, JUNE, "zh", DEFAULT_RANKING_WEIGHTS)


@pytest.mark.parametrize("text", ["2022-13", "abc", "2022-6", "2022-00", "", "2022-06-01"])
def test_a_bad_month_is_refused(text: str) -> None:
    with pytest.raises(BriefingError, match="YYYY-MM"):
        parse_month(text)


def test_a_month_is_its_calendar_days() -> None:
    assert parse_month("2022-02") == Period(dt.date(2022, 2, 1), dt.date(2022, 2, 28))


def test_the_headline_equals_summary(con, june) -> None:
    total = summary(con, Filters(JUNE))["total"]
    before = summary(con, Filters(JUNE).previous())["total"]
    assert june.has_data
    for tile in june.tiles:
        key = next(k for k, m in BY_KEY.items() if m.label("zh") == tile.label)
        assert tile.value == BY_KEY[key].format(total[key]), key
        assert tile.change == BY_KEY[key].format_change(total[key], before[key], "zh"), key


def test_the_ranking_table_is_the_ranking(con, june) -> None:
    frame = ranking(con, Filters(JUNE), DEFAULT_RANKING_WEIGHTS)
    scores = {row[1].rstrip("*"): row[2] for row in june.ranking.rows}
    assert scores == {row["center"]: f"{row['score']:.1f}" for row in frame.to_dict("records")}
    ranks = [row[0] for row in june.ranking.rows]
    assert ranks == sorted(ranks)  # ranked first, by rank
    counts = {row[1].rstrip("*"): row[4] for row in june.ranking.rows}  # closure rate with its n
    for row in summary(con, Filters(JUNE))["centers"]:
        assert counts[row["center"]].endswith(f"（{row['tickets_received']:,}）")
    assert len(june.fair.rows) == len(frame)


def test_movements_are_sentences_with_contributors(june) -> None:
    assert june.movements
    for line in june.movements:
        assert re.search(r"按时办结率 [+−]\d+\.\d 个百分点，主要来自 .+（[+−]\d+\.\d，\d+ 件）", line), line


def test_the_docx_reads_back(june) -> None:
    document = Document(io.BytesIO(render(june, IMAGES, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert june.title in text and "2022年6月" in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert list(june.ranking.columns) in cells
    assert all(list(row) in cells for row in june.ranking.rows)
    assert (
        round(document.sections[0].page_width.mm) == 210 and round(document.sections[0].page_height.mm) == 297
    )
    assert len(document.inline_shapes) == 1


def test_the_pdf_has_the_headline_and_the_ranking(tmp_path: Path, demo_db: Path, con) -> None:
    out = tmp_path / "briefing.pdf"
    done = cli("briefing", "--db", str(demo_db), "--month", "2022-06", "--format", "pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "工作简报" in text and "2022年6月" in text and "综合排名" in text
    frame = ranking(con, Filters(JUNE), DEFAULT_RANKING_WEIGHTS)
    for row in frame.to_dict("records"):
        assert f"{row['score']:.1f}" in text, row["center"]
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert 1 <= int(re.search(r"Pages:\s+(\d+)", pages).group(1)) <= 3
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", pages)  # A4 in points
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) >= 2 + 2  # header lines + the two charts


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--month", "2022-13"], "YYYY-MM"), (["--month", "abc"], "YYYY-MM"),
     (["--month", "2022-06", "--center", "不存在"], "unknown center")],
)  # fmt: skip
def test_the_cli_refuses_bad_input(tmp_path: Path, demo_db: Path, args: list[str], message: str) -> None:
    done = cli("briefing", "--db", str(demo_db), *args, "--format", "html", "--out", str(tmp_path / "b.html"))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "b.html").exists()


def test_one_center_in_english(con) -> None:
    briefing = build(con, JUNE, "en", DEFAULT_RANKING_WEIGHTS, center="长虹岭")
    assert briefing.title.endswith("(长虹岭 Changhongling)") and "June 2022" in briefing.title
    assert len(briefing.ranking.rows) == 6  # the ranking stays town-wide
    assert [row[0] for row in briefing.fair.rows] == ["长虹岭 Changhongling"]  # romanised, as on the pages
    assert briefing.overdue_by_center.rows[0][0] == "长虹岭 Changhongling"
    total = summary(con, Filters(JUNE, centers=("长虹岭",)))["total"]
    assert briefing.tiles[0].value == BY_KEY["tickets_received"].format(total["tickets_received"])
    html = render(briefing, IMAGES, "html").decode()
    assert "Ranking" in html and "Headline figures" in html


def test_the_whole_town_in_english_names_every_center_romanised_with_its_star(con) -> None:
    briefing = build(con, JUNE, "en", DEFAULT_RANKING_WEIGHTS)
    ranked = {row[1] for row in briefing.ranking.rows}
    assert "罗村 Luocun*" in ranked and "长虹岭 Changhongling" in ranked
    assert {row[0] for row in briefing.overdue_by_center.rows} >= {"罗村 Luocun*", "Total"}
    listed = {row[2] for row in briefing.overdue_list.rows}  # the longest-overdue demands' centers
    assert listed and all(name.endswith("*") == (name != "长虹岭 Changhongling") for name in listed), listed
    assert all(re.match(r"\S+ [A-Z][a-z]+\*? ", line) for line in briefing.movements), briefing.movements


def test_a_month_without_data_says_so(con) -> None:
    briefing = build(con, parse_month("2030-01"), "zh", DEFAULT_RANKING_WEIGHTS)
    assert not briefing.has_data
    html = render(briefing, IMAGES, "html").decode()
    assert "本月没有受理诉求、走访或活动数据" in html
    assert all(row[0] == "—" for row in briefing.ranking.rows)


def test_untrusted_text_is_escaped(con, june) -> None:
    from dataclasses import replace

    from analytics.briefing.model import Table

    hostile = replace(june, overdue_list=Table(("企业",), (("<script>alert(1)</script>",),)))
    html = render(hostile, IMAGES, "html").decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_charts_are_png_images(june) -> None:
    images = overview_charts(june.kpis, "zh")
    assert [image.title for image in images] == ["诉求办理时长：中位数与P90（天）", "职工服务：千人参与人次"]
    assert all(image.png.startswith(b"\x89PNG") and len(image.png) > 10_000 for image in images)


def test_ranking_cli_prints_one_object_per_center(demo_db: Path) -> None:
    done = cli("ranking", "--db", str(demo_db), "--from", "2022-06-01", "--to", "2022-06-30")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [row["center"] for row in rows] == ["长虹岭", "罗村", "松岗", "小塘", "官窑", "大学城"]
    for key in ("score", "rank", "rank_change", "closure_rate", "on_time_rate", "satisfaction_rate",
                "tickets_received", "expected_on_time_rate", "on_time_ratio", "on_time_ratio_low",
                "on_time_ratio_high", "expected_median_days", "median_ratio"):  # fmt: skip
        assert key in rows[0]
    bad = cli("ranking", "--db", str(demo_db), "--from", "2022-06-30", "--to", "2022-06-01")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_a_failed_chart_drawing_is_tried_again_then_given_up(june, monkeypatch) -> None:
    """kaleido drives a headless browser that can fail to start on a busy machine: once is tried again,
    twice leaves the briefing without charts (logged), never without the briefing."""
    calls: list[int] = []
    real = images_module.render

    def flaky(figures, fail_times):
        calls.append(1)
        if len(calls) <= fail_times:
            raise RuntimeError("the browser did not start")
        return real(figures)

    monkeypatch.setattr(images_module, "render", lambda figures: flaky(figures, 1))
    assert len(overview_charts(june.kpis, "zh")) == 2 and len(calls) == 2
    calls.clear()
    monkeypatch.setattr(images_module, "render", lambda figures: flaky(figures, 2))
    assert overview_charts(june.kpis, "zh") == () and len(calls) == 2
