"""Every table download has the screen table's columns in the screen's order and orientation, rates as
numbers: in CSV a fraction under a column (or row) named with （比例） / (ratio), in .xlsx a number with
a % format; never a string like "85.6%" (nor "1,233"). The "*" of illustrative centers travels with the names."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from analytics import db
from analytics.i18n import t
from tests.apptest_pages import PAGES, offered_downloads, open_page
from ui.components import PAGE_ROWS

PERCENT = re.compile(r"[+−-]?\d[\d,]*(\.\d+)?%")  # how the screen writes a rate
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # how the screen writes a number from 1,000 up
MOVED = re.compile(r"[↑↓]\d+")  # how the screen writes a rank change (places up or down)
BOUNDED = {t("ranking.col.interval", lang) for lang in ("zh", "en")}  # intervals shown "low–high"


def visible(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table as the reader sees it: the index as the first column when it is shown, the profile link
    (which shows the enterprise name) in place of the hidden plain name."""
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    if "link" in frame.columns:
        name = t("col.enterprise", lang)
        frame = frame[[name if c == "link" else c for c in frame.columns if c != name]]
    return frame


def enterprise_with_tickets(path) -> str:
    con = db.connect(path)
    (uscc,) = con.execute("SELECT uscc FROM tickets GROUP BY uscc ORDER BY count(*) DESC LIMIT 1").fetchone()
    con.close()
    return uscc


def screen_labels(columns: list[str], lang: str) -> list[str]:
    """A download's column names as the screen names them: without （比例）, without the n columns that the
    screen shows inside their rate's cell ("85.6%（120）"), an interval's two bounds as its one column."""
    n, high = t("export.sample_suffix", lang), t("export.high_suffix", lang)
    return [
        c.removesuffix(t("export.ratio_suffix", lang)).removesuffix(t("export.low_suffix", lang))
        for c in columns
        if not c.endswith((n, high))
    ]


def joined_bounds(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An interval's two bound columns (numbers, one after the other) as the screen's one "low–high" column,
    each bound to two decimals; the bounds are checked to be numbers or empty."""
    low_suffix, high_suffix = t("export.low_suffix", lang), t("export.high_suffix", lang)
    for low in [c for c in frame.columns if c.endswith(low_suffix)]:
        high = low.removesuffix(low_suffix) + high_suffix
        assert list(frame.columns)[list(frame.columns).index(low) + 1] == high, low
        both = frame[[low, high]].replace("", None).astype("float64")
        frame[low] = [
            "—" if pd.isna(a) else f"{a:.2f}–{b:.2f}" for a, b in zip(both[low], both[high], strict=True)
        ]
        frame = frame.drop(columns=[high]).rename(columns={low: low.removesuffix(low_suffix)})
    return frame


def check_csv(name: str, data: bytes, screen: pd.DataFrame, lang: str) -> None:
    suffix = t("export.ratio_suffix", lang)
    csv = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    samples = [c for c in csv.columns if c.endswith(t("export.sample_suffix", lang))]
    for sample in samples:  # right after its rate, whole numbers
        before = list(csv.columns)[list(csv.columns).index(sample) - 1]
        assert before == sample.removesuffix(t("export.sample_suffix", lang)) + suffix, (name, sample)
        assert csv[sample].str.fullmatch(r"\d+").all(), (name, sample)
    for interval in BOUNDED & set(screen.columns):  # its bounds are two number columns, not one text
        assert interval + t("export.low_suffix", lang) in csv.columns, (name, interval)
    csv = joined_bounds(csv.drop(columns=samples), lang)
    labels = screen_labels(list(csv.columns), lang)
    assert labels == list(screen.columns), (name, labels, list(screen.columns))
    if len(csv) > len(screen):  # a long list: the screen shows its first page, the download every row
        assert len(screen) == PAGE_ROWS, name
        csv = csv.head(PAGE_ROWS)
    assert len(csv) == len(screen), name
    by_row = screen.columns[0] == t("common.metric", lang)
    for position, column in enumerate(csv.columns):
        for row in range(len(csv)):
            cell, shown = csv.iloc[row, position], str(screen.iloc[row, position])
            if column in BOUNDED:
                assert cell == shown, (name, column, cell)  # the bounds as numbers, shown "low–high"
            assert not PERCENT.fullmatch(cell), (name, column, cell)  # never "85.6%"
            if shown.endswith("*"):
                assert cell == shown, (name, column, cell)  # an illustrative center keeps its mark
            if THOUSANDS.fullmatch(shown):  # a number, without its separators (rounded on screen)
                number = float(shown.replace(",", ""))
                assert float(cell) == pytest.approx(number, abs=0.5), (name, column, cell)
            if MOVED.fullmatch(shown):  # a signed whole number: up is positive
                assert int(cell) == int(shown[1:]) * (1 if shown[0] == "↑" else -1), (name, column, cell)
            fraction = (csv.iloc[row, 0] if by_row else column).endswith(suffix)
            if PERCENT.fullmatch(shown):
                assert fraction, (name, column, shown)
                value = float(cell)
                assert round(value * 100, 1) == pytest.approx(
                    float(shown.replace("−", "-").strip("+%").replace(",", ""))
                ), (name, cell, shown)


def check_xlsx(name: str, data: bytes, screen: pd.DataFrame, lang: str) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    n, high = t("export.sample_suffix", lang), t("export.high_suffix", lang)
    header = list(next(sheet.iter_rows(values_only=True)))
    for i, label in enumerate(header):  # an interval's bounds are numbers
        if str(label).endswith(high):
            for row in sheet.iter_rows(min_row=2):
                assert row[i].value is None or isinstance(row[i].value, float | int), (name, label)
                assert row[i - 1].value is None or isinstance(row[i - 1].value, float | int), (name, label)
    for interval in BOUNDED & set(screen.columns):
        assert interval + t("export.low_suffix", lang) in header, (name, interval)
    keep = [i for i, c in enumerate(header) if not str(c).endswith((n, high))]
    rows = [[row[i] for i in keep] for row in sheet.iter_rows()]
    assert screen_labels([c.value for c in rows[0]], lang) == list(screen.columns), name
    if len(rows) - 1 > len(screen):  # a long list's first page (see check_csv)
        assert len(screen) == PAGE_ROWS, name
        rows = rows[: PAGE_ROWS + 1]
    assert len(rows) - 1 == len(screen), name
    for cells, (_, shown) in zip(rows[1:], screen.iterrows(), strict=True):
        for cell, text in zip(cells, shown, strict=True):
            assert not (isinstance(cell.value, str) and PERCENT.fullmatch(cell.value)), (name, cell.value)
            if THOUSANDS.fullmatch(str(text)) or MOVED.fullmatch(str(text)):
                assert isinstance(cell.value, float | int), (name, text, cell.value)
            if PERCENT.fullmatch(str(text)):
                assert isinstance(cell.value, float | int) and "%" in cell.number_format, (
                    name,
                    text,
                    cell.value,
                )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_download_matches_its_screen_table(app_env, monkeypatch, lang):
    uscc = enterprise_with_tickets(app_env)
    offered = offered_downloads(monkeypatch)
    checked, rates = [], 0
    for page in [*PAGES, "views/enterprise.py?uscc", "views/audit.py"]:
        path, _, query = page.partition("?")
        at = open_page(path, lang, **({"uscc": [uscc]} if query else {}))
        offered.clear()  # the login's run showed the first page: this page's downloads only
        at.run()
        assert not at.exception, (page, at.exception)
        screens = [visible(frame.value, lang) for frame in at.dataframe]
        for name, data in offered.items():
            if not name.endswith(".csv"):
                continue
            stem = name.removesuffix(".csv")
            header = screen_labels(
                list(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", nrows=0).columns), lang
            )
            matching = [s for s in screens if list(s.columns) == header]
            assert matching, (page, name, header, [list(s.columns) for s in screens])
            screen = matching[0]
            check_csv(name, data, screen, lang)
            check_xlsx(f"{stem}.xlsx", offered[f"{stem}.xlsx"], screen, lang)
            rates += screen.map(lambda v: bool(PERCENT.fullmatch(str(v)))).to_numpy().sum()
            checked.append(stem)
    assert len(checked) >= 15 and "audit-log" in checked, checked
    assert rates > 50  # rates were there to check


@pytest.mark.parametrize("view", ["change", "previous"])
def test_the_kpi_download_follows_the_view_shown(app_env, monkeypatch, view):
    offered = offered_downloads(monkeypatch)
    at = open_page("views/overview.py", "zh")
    offered.clear()
    at.segmented_control(key="overview_view").set_value(view).run()
    assert not at.exception, at.exception
    screen = visible(at.dataframe[0].value, "zh")
    check_csv("kpis.csv", offered["kpis.csv"], screen, "zh")
    check_xlsx("kpis.xlsx", offered["kpis.xlsx"], screen, "zh")
    rows = pd.read_csv(io.BytesIO(offered["kpis.csv"]), encoding="utf-8-sig")
    assert "办结率（比例）" in rows["指标"].tolist()
    if view == "change":  # rates change in points, amounts in percent: both fractions
        assert (
            "受理诉求数（比例）" in rows["指标"].tolist() and "办理时长中位数（天）" in rows["指标"].tolist()
        )


def test_the_ranking_download_has_ranks_and_their_changes_as_numbers(app_env, monkeypatch):
    offered = offered_downloads(monkeypatch)
    open_page("views/tickets.py", "zh")
    sheet = openpyxl.load_workbook(io.BytesIO(offered["ranking_score.xlsx"])).active
    header = [cell.value for cell in sheet[1]]
    ranks = [row[header.index("名次")] for row in sheet.iter_rows(min_row=2)]
    moves = [row[header.index("名次变化")] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in ranks] == list(range(1, len(ranks) + 1))  # demo: every center ranked
    assert all(isinstance(cell.value, int) for cell in moves) and {c.value for c in moves} != {0}
    assert all(cell.number_format == '"↑"0;"↓"0;0' for cell in moves)  # shown as ↑1 / ↓1 / 0
