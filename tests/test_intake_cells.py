"""Cell parsers against the forms docs/datasets.md lists: dates, months, numbers, flags, time limits, USCCs.

Each table row is one form a clerk writes, with the value it must read as, or a fragment the message
must contain (in Chinese and in English) when it must reject the row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import uscc
from analytics.intake import cells

D = dt.date(2021, 6, 8)
JUNE = dt.date(2021, 6, 1)
MISSING_TOKENS = ["", "   ", None, float("nan"), "/", "—", "-", "无", " 无 ", "／", "－"]


def ok(parsed: cells.Parsed):
    assert parsed.problem is None, parsed.problem
    return parsed.value


def problem(parsed: cells.Parsed) -> cells.Problem:
    assert parsed.problem is not None, f"accepted as {parsed.value!r}"
    return parsed.problem


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-06-08", D),
        ("2021-6-8", D),
        ("2021/6/8", D),
        ("2021/06/08", D),
        ("2021.6.8", D),
        ("2021.06.08", D),
        ("2021年6月8日", D),
        ("2021年06月08日", D),
        (" 2021-06-08 ", D),
        ("２０２１－０６－０８", D),  # full-width digits and hyphens
        ("２０２１年６月８日", D),
        (dt.date(2021, 6, 8), D),  # an Excel date cell
        (dt.datetime(2021, 6, 8), D),
        (dt.datetime(2021, 6, 8, 14, 30), D),  # a date-time cell keeps its day
        (44355, D),  # an Excel serial number
        (44355.0, D),
        ("44355", D),  # a serial that reached a CSV as text
        ("2021-02-28", dt.date(2021, 2, 28)),
        ("2020-02-29", dt.date(2020, 2, 29)),
    ],
)
def test_date_forms(raw, expected):
    assert ok(cells.parse_date(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("2021-02-30", "2021-02-30"),  # impossible date
        ("2021-02-29", "2021-02-29"),  # not a leap year
        ("2021-13-01", "2021-13-01"),
        ("2021年2月30日", "2021年2月30日"),
        ("2021/6/31", "2021/6/31"),
        ("6月8日", "6月8日"),  # no year
        ("下周一", "下周一"),
        ("2021-06", "2021-06"),  # a month is not a date
    ],
)
def test_date_rejections_quote_the_cell(raw, fragment):
    found = problem(cells.parse_date(raw))
    assert fragment in found.zh and "日期" in found.zh
    assert fragment in found.en and "date" in found.en


# --- months -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021年6月", JUNE),
        ("2021年06月", JUNE),
        ("２０２１年６月", JUNE),
        ("2021-06", JUNE),
        ("2021-6", JUNE),
        ("2021/6", JUNE),
        ("2021/06", JUNE),
        ("202106", JUNE),
        (202106, JUNE),  # 202106 typed into a number cell
        ("2021.6", JUNE),
        (2021.6, JUNE),  # 2021.6 typed into a number cell
        ("2021.10", dt.date(2021, 10, 1)),  # as text, .10 is October
        (" 2021-06 ", JUNE),
        (dt.date(2021, 6, 8), JUNE),  # a date cell
        (dt.datetime(2021, 6, 30, 0, 0), JUNE),
        ("2021-12", dt.date(2021, 12, 1)),
    ],
)
def test_month_forms(raw, expected):
    assert ok(cells.parse_month(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("2021-13", "2021-13"),
        ("2021年13月", "2021年13月"),
        ("202113", "202113"),
        ("2021-00", "2021-00"),
        ("六月", "六月"),
        ("上半年", "上半年"),
    ],
)
def test_month_rejections_quote_the_cell(raw, fragment):
    found = problem(cells.parse_month(raw))
    assert fragment in found.zh and "月" in found.zh
    assert fragment in found.en and "month" in found.en


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,345.6", 12345.6),
        ("1,200", 1200.0),
        ("１２３４５", 12345.0),  # full-width digits
        ("１２，３４５．６", 12345.6),  # full-width separators
        (" 800 ", 800.0),
        ("\u3000800\u3000", 800.0),  # ideographic spaces around
        ("0", 0.0),  # zero is a value, not missing
        (0, 0.0),
        (12345.6, 12345.6),
        (800, 800.0),
        ("0.25", 0.25),
        (".5", 0.5),
    ],
)
def test_number_forms(raw, expected):
    assert ok(cells.parse_number(raw)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("约2万", "约2万"),
        ("2万", "2万"),
        ("12.3.4", "12.3.4"),
        ("三百", "三百"),
        ("100人", "100人"),
        ("-5", "-5"),  # counts and amounts are never negative
    ],
)
def test_number_rejections_quote_the_cell(raw, fragment):
    found = problem(cells.parse_number(raw))
    assert fragment in found.zh
    assert fragment in found.en


@pytest.mark.parametrize(
    ("raw", "expected"), [("１２０", 120), ("1,200", 1200), (120.0, 120), (" 45 ", 45), ("0", 0)]
)
def test_count_forms(raw, expected):
    value = ok(cells.parse_count(raw))
    assert value == expected and isinstance(value, int)


@pytest.mark.parametrize("raw", ["12.5", 1100.5, "约300"])
def test_count_rejects_fractions_and_text(raw):
    found = problem(cells.parse_count(raw))
    assert cells.show(raw) in found.zh and cells.show(raw) in found.en


# --- missing cells ----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", MISSING_TOKENS, ids=repr)
@pytest.mark.parametrize(
    "parser",
    [cells.parse_number, cells.parse_count, cells.parse_date, cells.parse_month, cells.parse_time_limit],
    ids=lambda p: p.__name__,
)
def test_missing_tokens_are_missing_not_zero(parser, raw):
    """Blank, /, —, -, 无 mean missing (None), which is not zero, and are no error."""
    assert ok(parser(raw)) is None


@pytest.mark.parametrize("raw", ["", None, "  "], ids=repr)
def test_blank_flag_is_no(raw):
    assert ok(cells.parse_flag(raw)) is False


# --- flags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("N", False),
        ("y", True),
        ("n", False),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
        ("√", True),
        ("×", False),
        ("TRUE", True),
        ("FALSE", False),
        ("true", True),
        ("False", False),
        (True, True),  # an Excel boolean cell
        (False, False),
        (" 是 ", True),
        ("Ｙ", True),  # full-width letter
    ],
)
def test_flag_forms(raw, expected):
    assert ok(cells.parse_flag(raw)) is expected


@pytest.mark.parametrize("raw", ["也许", "2", "待定"])
def test_flag_rejections_quote_the_cell(raw):
    found = problem(cells.parse_flag(raw))
    assert raw in found.zh and raw in found.en


# --- time limits (办理时限) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", ("workdays", 7)),  # a bare number below 1000 is working days
        (7, ("workdays", 7)),
        (7.0, ("workdays", 7)),
        ("999", ("workdays", 999)),
        (999, ("workdays", 999)),
        ("7个工作日", ("workdays", 7)),
        ("7工作日", ("workdays", 7)),
        ("7个工作日内", ("workdays", 7)),
        ("7工作日内", ("workdays", 7)),
        ("7内", ("workdays", 7)),
        ("７个工作日", ("workdays", 7)),  # full-width digit
        (" 7 个工作日 ", ("workdays", 7)),
        ("15天", ("days", 15)),
        ("15天内", ("days", 15)),
        ("15日", ("days", 15)),
        ("15日内", ("days", 15)),
        ("15个自然日", ("days", 15)),
        ("15个自然日内", ("days", 15)),
        ("１５天", ("days", 15)),
        ("2021-06-30", dt.date(2021, 6, 30)),  # a date
        ("2021/6/30", dt.date(2021, 6, 30)),
        ("2021年6月30日", dt.date(2021, 6, 30)),
        (dt.date(2021, 6, 30), dt.date(2021, 6, 30)),
        (dt.datetime(2021, 6, 30), dt.date(2021, 6, 30)),
        (44355, D),  # 1000 or more is an Excel serial date
        (44355.0, D),
        ("44355", D),
    ],
)
def test_time_limit_forms(raw, expected):
    assert ok(cells.parse_time_limit(raw)) == expected


@pytest.mark.parametrize("raw", [1000, 1000.0, 5000])
def test_time_limit_of_1000_or_more_is_not_working_days(raw):
    """1000 or more is an Excel serial date (or rejected as an implausible one), never working days."""
    parsed = cells.parse_time_limit(raw)
    assert not isinstance(parsed.value, tuple)
    if parsed.problem is None:
        assert parsed.value == dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))


@pytest.mark.parametrize(
    "raw",
    ["尽快", "三个工作日", "7周", "一个月", "7个月", "15天左右", "马上办", "7工作日内办结", "2021-02-30"],
)
def test_time_limit_rejections_quote_the_cell(raw):
    found = problem(cells.parse_time_limit(raw))
    assert raw in found.zh and raw in found.en


# --- unified social credit codes --------------------------------------------------------------

FIXTURE_CODES = [
    "914406050000000019",
    "91440605000000002C",
    "91440605000000003F",
    "91440605000000004J",
    "91440605MA4UJ3Q7X2",
    "91440605000000005M",
    "91440605000000006Q",
    "91440605000000007U",
    "91440605000000008Y",
    "914406050000000092",
    "914406050000000107",
    "91440605000000011A",
]


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_fixture_codes_are_valid(code):
    """The codes pasted into tests/fixtures/intake (see its README) carry their GB 32100 check character."""
    assert uscc.check_character(code[:17]) == code[17]
    assert ok(cells.parse_uscc(code)) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91440605ma4uj3q7x2", "91440605MA4UJ3Q7X2"),  # lower case
        ("９１４４０６０５ＭＡ４ＵＪ３Ｑ７Ｘ２", "91440605MA4UJ3Q7X2"),  # full width
        (" 91440605 MA4U J3Q7 X2 ", "91440605MA4UJ3Q7X2"),  # spaces
        ("91440605000000004j", "91440605000000004J"),
    ],
)
def test_uscc_normalised(raw, expected):
    assert ok(cells.parse_uscc(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "914406050000000018",  # wrong check character
        "91440605MA4UJ3Q7X3",
        "91440605MA4UJ3Q7X",  # 17 characters
        "91440605MA4UJ3Q7X22",  # 19 characters
        "91440605MA4UJ3O7X2",  # O is not in the alphabet
        "佛山市长虹精密机械有限公司",  # a name in the code column is not a code
    ],
)
def test_uscc_rejections_quote_the_cell(raw):
    found = problem(cells.parse_uscc(raw))
    assert raw in found.zh and "统一社会信用代码" in found.zh
    assert raw in found.en and "check character" in found.en


@pytest.mark.parametrize(
    ("parser", "dtype"),
    [(cells.parse_text, None), (cells.parse_date, "datetime"), (cells.parse_number, "float64")],
)
def test_a_long_column_of_distinct_cells_parses_as_cell_by_cell(parser, dtype):
    """Columns whose cells are nearly all distinct skip the hashing pass: same values, same problems."""
    import pandas as pd

    raw: list[object] = {
        cells.parse_text: [f"企业反映的第{i}项问题" for i in range(3000)],
        cells.parse_date: [(dt.date(2015, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(3000)],
        cells.parse_number: [f"{i}.5" for i in range(3000)],
    }[parser]
    raw[5], raw[6], raw[2500], raw[2501] = None, float("nan"), "含\x00控制字符", "x" * (cells.MAX_TEXT + 1)
    values, problems = cells.parse_column(pd.Series(raw, dtype=object), parser, dtype)
    expected = [parser(cell) for cell in raw]
    assert [p is not None for p in problems] == [e.problem is not None for e in expected]
    for got, want in zip(values, expected, strict=True):
        if want.problem is None and want.value is not None:
            assert got == (pd.Timestamp(want.value) if dtype == "datetime" else want.value)
        else:
            assert pd.isna(got)
