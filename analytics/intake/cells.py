"""Parsing spreadsheet cells into typed values, with a message naming what is wrong.

Each parser takes one raw cell (str, float, int, bool, date, datetime, or '' / None) and returns a
`Parsed`: the value (None = missing) or a problem. `parse_column` applies a parser once per distinct
raw value, so a 100k-row column costs as many parses as it has distinct cells.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics import uscc

EXCEL_EPOCH = dt.date(1899, 12, 30)
MISSING_TOKENS = frozenset({"", "/", "／", "-", "—", "——", "–", "－", "无"})
MAX_TEXT = 32_767  # characters in a cell: Excel's own limit; a longer cell rejects its row
# C0 / C1 control characters and DEL, except tab, line feed and carriage return (kept inside cells)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TRUE_TOKENS = frozenset({"是", "Y", "YES", "1", "√", "✓", "✔", "TRUE", "T", "有"})
FALSE_TOKENS = frozenset({"否", "N", "NO", "0", "×", "✗", "✘", "X", "FALSE", "F"})


@dataclass(frozen=True)
class Problem:
    zh: str
    en: str

    def text(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class Parsed:
    value: Any = None
    problem: Problem | None = None


MISSING = Parsed()


def strip_controls(text: str) -> str:
    """Text without control characters (NUL and the like; tab and line breaks stay)."""
    return _CONTROL.sub("", text)


def clean(raw: Any) -> str:
    """A cell as normalised text: half-width (NFKC), no control characters, surrounding spaces removed."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return strip_controls(unicodedata.normalize("NFKC", str(raw))).strip()


def is_missing(raw: Any) -> bool:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return True
    return isinstance(raw, str) and clean(raw) in MISSING_TOKENS


def show(raw: Any) -> str:
    """A raw cell as the clerk would recognise it in a message."""
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d %H:%M") if raw.time() != dt.time() else raw.strftime("%Y-%m-%d")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return clean(raw)


# --- text -------------------------------------------------------------------------------------


def parse_text(raw: Any) -> Parsed:
    if is_missing(raw):
        return MISSING
    if isinstance(raw, dt.datetime | dt.date):
        return Parsed(show(raw))
    text = clean(raw) if isinstance(raw, float | int) else strip_controls(str(raw)).strip()
    if len(text) > MAX_TEXT:
        return Parsed(problem=too_long(text))
    return Parsed(text or None)


def too_long(text: str) -> Problem:
    return Problem(
        f"单元格内容过长（{len(text):,} 个字符，上限 {MAX_TEXT:,}）",
        f"the cell is too long ({len(text):,} characters; the limit is {MAX_TEXT:,})",
    )


def parse_uscc(raw: Any) -> Parsed:
    if is_missing(raw):
        return MISSING
    code = uscc.normalise(str(raw))
    if not uscc.is_valid(code):
        return Parsed(
            problem=Problem(
                f"统一社会信用代码「{show(raw)}」无效：应为18位且校验位正确",
                f"invalid unified social credit code '{show(raw)}': 18 characters with a valid check character expected",
            )
        )
    return Parsed(code)


# --- dates ------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"),
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


def _not_a_date(raw: Any) -> Parsed:
    return Parsed(problem=Problem(f"无法识别的日期「{show(raw)}」", f"not a date: '{show(raw)}'"))


def _impossible_date(raw: Any) -> Parsed:
    return Parsed(problem=Problem(f"日期不存在「{show(raw)}」", f"impossible date: '{show(raw)}'"))


EARLIEST, LATEST = dt.date(1950, 1, 1), dt.date(2100, 12, 31)  # anything else is a typo, not a ledger date


def _serial(value: float) -> dt.date | None:
    """The date of an Excel serial; a date-time serial (44355.5 = 2021-06-08 12:00) is its date."""
    if 1 <= value < 2_958_466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    return None


def _plausible(raw: Any, day: dt.date | None) -> Parsed:
    if day is None:
        return _not_a_date(raw)
    if not EARLIEST <= day <= LATEST:
        return Parsed(
            problem=Problem(
                f"日期「{show(raw)}」（{day.isoformat()}）超出合理范围 1950–2100",
                f"date '{show(raw)}' ({day.isoformat()}) is outside 1950–2100",
            )
        )
    return Parsed(day)


def parse_date(raw: Any) -> Parsed:
    if is_missing(raw):
        return MISSING
    if isinstance(raw, dt.datetime):
        return _plausible(raw, raw.date())
    if isinstance(raw, dt.date):
        return _plausible(raw, raw)
    if isinstance(raw, bool):
        return _not_a_date(raw)
    if isinstance(raw, int | float):
        return _plausible(raw, _serial(float(raw)) if raw >= 1000 else None)
    text = clean(raw)
    if re.fullmatch(r"\d{4,5}|\d{5}\.\d+", text):
        return _plausible(raw, _serial(float(text)))
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return _plausible(raw, dt.date(*map(int, match.groups())))
            except ValueError:
                return _impossible_date(raw)
    return _not_a_date(raw)


def parse_month(raw: Any) -> Parsed:
    """A month as the date of its first day."""
    if is_missing(raw):
        return MISSING
    if isinstance(raw, dt.date):
        return Parsed(dt.date(raw.year, raw.month, 1))
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _numeric_month(raw)
    text = clean(raw)
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _month(raw, *map(int, match.groups()))
    day = parse_date(raw)
    if day.problem is None:
        return Parsed(day.value.replace(day=1))
    return Parsed(problem=Problem(f"无法识别的月份「{show(raw)}」", f"not a month: '{show(raw)}'"))


def _numeric_month(raw: float) -> Parsed:
    if float(raw).is_integer() and 190001 <= raw <= 299912:  # 202106
        return _month(raw, int(raw) // 100, int(raw) % 100)
    if 1900 < raw < 3000 and not float(raw).is_integer():  # 2021.6 (a number cell; 2021.10 reads 2021.1)
        year, fraction = str(raw).split(".")
        return _month(raw, int(year), int(fraction))
    day = _serial(float(raw)) if raw >= 1000 else None
    if day:
        return Parsed(day.replace(day=1))
    return Parsed(problem=Problem(f"无法识别的月份「{show(raw)}」", f"not a month: '{show(raw)}'"))


def lost_trailing_zero(raw: Any) -> bool:
    """A number cell read as a month whose trailing zero may have been dropped (2021.1 for 2021.10)."""
    return type(raw) is float and 1900 < raw < 3000 and repr(raw).split(".")[1] == "1"


def _month(raw: Any, year: int, month: int) -> Parsed:
    if not 1 <= month <= 12:
        return Parsed(problem=Problem(f"月份不存在「{show(raw)}」", f"impossible month: '{show(raw)}'"))
    return Parsed(dt.date(year, month, 1))


# --- numbers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(raw: Any) -> Parsed:
    """A non-negative decimal: full-width digits, thousands separators and spaces accepted."""
    if is_missing(raw):
        return MISSING
    if isinstance(raw, bool | dt.date):
        return _not_a_number(raw)
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = re.sub(r"[,\s]", "", clean(raw))
        if not _NUMBER.fullmatch(text):
            return _not_a_number(raw)
        value = float(text)
    if not math.isfinite(value):
        return _not_a_number(raw)
    if value < 0:
        return Parsed(problem=Problem(f"不能为负数「{show(raw)}」", f"must not be negative: '{show(raw)}'"))
    return Parsed(value)


def parse_count(raw: Any) -> Parsed:
    """A non-negative whole number."""
    parsed = parse_number(raw)
    if parsed.problem or parsed.value is None:
        return parsed
    if not float(parsed.value).is_integer():
        return Parsed(problem=Problem(f"应为整数「{show(raw)}」", f"must be a whole number: '{show(raw)}'"))
    return Parsed(int(parsed.value))


def _not_a_number(raw: Any) -> Parsed:
    return Parsed(problem=Problem(f"无法识别的数字「{show(raw)}」", f"not a number: '{show(raw)}'"))


# --- flags, choices, time limits --------------------------------------------------------------


def parse_flag(raw: Any) -> Parsed:
    """是/否, Y/N, 1/0, √/×, TRUE/FALSE; blank = 否."""
    if isinstance(raw, bool):
        return Parsed(raw)
    if is_missing(raw):
        return Parsed(False)
    text = clean(raw).upper()
    if text in TRUE_TOKENS:
        return Parsed(True)
    if text in FALSE_TOKENS:
        return Parsed(False)
    return Parsed(
        problem=Problem(
            f"无法识别的是/否值「{show(raw)}」（可填 是/否、Y/N、1/0、√/×）",
            f"not a yes/no value: '{show(raw)}' (use 是/否, Y/N, 1/0, √/×)",
        )
    )


def choice_parser(choices: tuple[tuple[str, str], ...]) -> Callable[[Any], Parsed]:
    lookup = {clean(accepted): value for accepted, value in choices}
    allowed = "、".join(dict.fromkeys(value for _, value in choices))

    def parse_choice(raw: Any) -> Parsed:
        if is_missing(raw):
            return MISSING
        value = lookup.get(clean(raw))
        if value is None:
            return Parsed(
                problem=Problem(
                    f"「{show(raw)}」不是可选值（{allowed}）", f"'{show(raw)}' is not one of: {allowed}"
                )
            )
        return Parsed(value)

    return parse_choice


_WORKDAYS = re.compile(r"^(\d+)(?:个)?(?:工作日)?内?$")
_CALENDAR_DAYS = re.compile(r"^(\d+)(?:天|日|个自然日|自然日)内?$")


def parse_time_limit(raw: Any) -> Parsed:
    """办理时限: a date, or ("workdays", N) / ("days", N). A bare number below 1000 is working days."""
    if is_missing(raw):
        return MISSING
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw < 1000:
        if float(raw).is_integer() and raw > 0:
            return Parsed(("workdays", int(raw)))
        return _bad_time_limit(raw)
    if not isinstance(raw, str):
        return parse_date(raw)
    text = re.sub(r"\s", "", clean(raw))
    for pattern, unit in ((_WORKDAYS, "workdays"), (_CALENDAR_DAYS, "days")):
        match = pattern.fullmatch(text)
        if match and len(match.group(1)) < 4:
            return Parsed((unit, int(match.group(1)))) if int(match.group(1)) > 0 else _bad_time_limit(raw)
    day = parse_date(raw)
    return day if day.problem is None else _bad_time_limit(raw)


def _bad_time_limit(raw: Any) -> Parsed:
    return Parsed(
        problem=Problem(
            f"无法识别的办理时限「{show(raw)}」（应为日期，或如“7个工作日”“15天”）",
            f"not a time limit: '{show(raw)}' (a date, or e.g. 7个工作日 / 15天)",
        )
    )


def distinct(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) with `values == uniques[codes]`; every missing value (None, NaN) is one None.

    Missing values are found inside the hash pass (pandas' use_na_sentinel=False would first scan the
    whole column for them, a second touch of every cell).
    """
    arrow = isinstance(values.dtype, pd.StringDtype)  # Arrow hashes its own strings, without Python objects
    codes, uniques = pd.factorize(values.array if arrow else values.to_numpy(), use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    missing = codes < 0
    if missing.any():
        codes = np.where(missing, len(uniques), codes)
        uniques = np.append(uniques, np.array([None], dtype=object))
    return codes, uniques


_SAMPLE = 1000  # first cells looked at by _once_each


def _once_each(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """`distinct`, except for a column whose first cells are nearly all distinct (numbers, descriptions):
    every cell as it is, missing ones as None, since hashing them would save no work."""
    if len(values) > 2 * _SAMPLE and len(set(values.iloc[:_SAMPLE].tolist())) > 0.9 * _SAMPLE:
        cells = values.to_numpy(dtype=object, copy=True)
        cells[pd.isna(cells)] = None
        return np.arange(len(cells)), cells
    return distinct(values)


def map_unique(values: pd.Series, function: Callable[[Any], Any]) -> pd.Series:
    """`function` applied once per distinct value of `values` (cells repeat a lot in ledgers)."""
    codes, uniques = _once_each(values)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [function(value) for value in uniques]
    return pd.Series(results[codes], index=values.index, dtype=object)


def parse_column(
    values: pd.Series, parser: Callable[[Any], Parsed], dtype: str | None = None
) -> tuple[pd.Series, pd.Series]:
    """(values, problems) for a column of raw cells, parsing each distinct raw value once.

    `dtype` ("datetime", "Int64", "float64", "boolean") types the values; None keeps Python objects.
    """
    codes, uniques = _once_each(values)
    if parser is parse_text:
        parsed_values, problems = _text_values(uniques)
    else:
        parsed = [parser(raw) for raw in uniques]
        parsed_values, problems = np.empty(len(parsed), dtype=object), np.empty(len(parsed), dtype=object)
        parsed_values[:] = [p.value for p in parsed]
        problems[:] = [p.problem for p in parsed]
    typed: Any = parsed_values
    if dtype is None and _all_text(parsed_values):
        # Text as Arrow strings, converted once per distinct value: cheap to send from the reading child
        # and scanned by DuckDB without a copy.
        text = pd.array(parsed_values, dtype="str")
        return (
            pd.Series(text.take(codes), index=values.index),
            pd.Series(problems[codes], index=values.index, dtype=object),
        )
    if dtype == "datetime":
        typed = pd.to_datetime(pd.Series(parsed_values, dtype=object)).to_numpy()
    elif dtype:
        typed = pd.Series(parsed_values, dtype=object).astype(dtype).array
    kept = typed[codes]
    return (
        pd.Series(kept, index=values.index, dtype=object if dtype is None else kept.dtype),
        pd.Series(problems[codes], index=values.index, dtype=object),
    )


def _all_text(values: np.ndarray) -> bool:
    """Every value is a str or None."""
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def _text_values(uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """parse_text of distinct cells, with a fast path for text (stripped; missing tokens to None; control
    characters removed; a cell over MAX_TEXT characters is a problem)."""
    result = np.empty(len(uniques), dtype=object)
    result[:] = [
        (None if (text := raw.strip()) in MISSING_TOKENS else text)
        if type(raw) is str
        else None
        if pd.isna(raw)
        else parse_text(raw).value
        for raw in uniques
    ]
    problems = np.full(len(uniques), None, dtype=object)
    texts = [text for text in result if text is not None]
    if not _CONTROL.search("".join(texts)) and max(map(len, texts), default=0) <= MAX_TEXT:
        return result, problems  # the usual column: one pass in C instead of one per cell
    for i, text in enumerate(result):
        if text is None:
            continue
        if _CONTROL.search(text):
            text = result[i] = strip_controls(text).strip() or None
        if text is not None and len(text) > MAX_TEXT:
            problems[i], result[i] = too_long(text), None
    return result, problems


def text_column(values: pd.Series) -> pd.Series:
    """`clean` for a whole column (without NFKC for text cells), once per distinct cell."""
    codes, uniques = distinct(values)
    result = np.empty(len(uniques), dtype=object)
    result[:] = [raw.strip() if type(raw) is str else "" if pd.isna(raw) else clean(raw) for raw in uniques]
    return pd.Series(result[codes], index=values.index, dtype=object)
