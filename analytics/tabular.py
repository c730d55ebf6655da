"""A table as the screen shows it: its values and the kind of each column (or row). One object drives both
the display strings and the downloads, so an export has the screen's columns in the screen's order and
orientation, with numbers as numbers.

Rates are kept as fractions. On screen they read 85.6%; in CSV the fraction 0.856 under the column's name
with （比例） / (ratio) appended (CSV has no number formats); in .xlsx the same number with a % format.
A rate shown with its sample size in one cell ("85.6%（120）") is two numbers: the downloads give the n its
own column right after the rate's, named “<rate>（n）”. Pure pandas: no streamlit, no SQL.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from analytics.exports import csv_bytes, xlsx_sheets
from analytics.i18n import Lang, t


class Cell(StrEnum):
    TEXT = "text"  # shown as it is
    COUNT = "count"  # 1,234
    DECIMAL = "decimal"  # 1,234.5 (days, per 1,000 workers, scores)
    DECIMAL2 = "decimal2"  # 1.23 (a ratio of counts, observed / expected)
    RATE = "rate"  # 85.6%, a fraction
    GROWTH = "growth"  # +5.2%, a fraction
    POINTS_CHANGE = "points_change"  # +1.2 percentage points, a difference of fractions
    DAYS_CHANGE = "days_change"  # +1.5 days
    RANK_CHANGE = "rank_change"  # ↑2 / ↓1 / 0, places moved up (negative: down)


FRACTIONS = frozenset({Cell.RATE, Cell.GROWTH, Cell.POINTS_CHANGE})
XLSX_FORMATS = {
    Cell.COUNT: "#,##0",
    Cell.DECIMAL: "#,##0.0",
    Cell.DECIMAL2: "0.00",
    Cell.RATE: "0.0%",
    Cell.GROWTH: "+0.0%;-0.0%;0.0%",
    Cell.POINTS_CHANGE: "+0.0%;-0.0%;0.0%",
    Cell.DAYS_CHANGE: "+0.0;-0.0;0.0",
    Cell.RANK_CHANGE: '"↑"0;"↓"0;0',
}


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def format_cell(kind: Cell, value: object, lang: Lang) -> str:
    """The display form of one value: '—' for a missing number, rounding for display only."""
    if kind == Cell.TEXT:
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return "—"
    number = float(value)  # type: ignore[arg-type]
    match kind:
        case Cell.COUNT:
            return f"{number:,.0f}"
        case Cell.DECIMAL:
            return f"{number:,.1f}"
        case Cell.DECIMAL2:
            return f"{number:.2f}"
        case Cell.RATE:
            return f"{number:.1%}"
        case Cell.GROWTH:
            return f"{number:+.1%}"
        case Cell.POINTS_CHANGE:
            points = f"{number * 100:+.1f}"
            return f"{points}个百分点" if lang == "zh" else f"{points} pp"
        case Cell.RANK_CHANGE:
            return f"{'↑' if number > 0 else '↓'}{abs(number):.0f}" if number else "0"
        case _:
            return f"{number:+.1f}天" if lang == "zh" else f"{number:+.1f} d"


def fraction_label(label: str, lang: Lang) -> str:
    """A CSV column (or row) holding fractions: its screen name with （比例） / (ratio)."""
    return label + t("export.ratio_suffix", lang)


def sample_label(label: str, lang: Lang) -> str:
    """The downloads' column of the n a rate is computed over (shown in the rate's cell on screen)."""
    return label + t("export.sample_suffix", lang)


def bound_labels(label: str, lang: Lang) -> tuple[str, str]:
    """The downloads' two columns of an interval shown in one cell ("0.95–1.02" under `label`)."""
    return label + t("export.low_suffix", lang), label + t("export.high_suffix", lang)


@dataclass(frozen=True)
class Table:
    """`values`: what the screen shows, unformatted (numbers unrounded, rates as fractions, missing as None).
    `kinds`: per column, or per row label when `by_row` (a table of metrics as rows); a column not named is
    text. `index`: the index is a column of the table (its first), as in a table of metrics as rows.
    `samples`: rate column -> the column of its n, shown in the rate's cell and exported after it.
    `ranges`: a screen column -> the columns of its two bounds (see bound_labels), kept as two numbers of
    their kind in the downloads and shown in one cell, "low–high", where the low bound's column is."""

    values: pd.DataFrame
    kinds: Mapping[str, Cell] = field(default_factory=dict)
    by_row: bool = False
    index: bool = False
    samples: Mapping[str, str] = field(default_factory=dict)
    ranges: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.values.empty

    def _samples(self) -> dict[str, str]:
        """The rate -> n pairs present (a table built from no rows has no columns)."""
        return {rate: n for rate, n in self.samples.items() if rate in self.values.columns}

    def kind(self, column: str, row: str) -> Cell:
        return self.kinds.get(row if self.by_row else column, Cell.TEXT)

    def shown(self, lang: Lang) -> pd.DataFrame:
        """The display strings, same shape as `values`."""
        frame = self.values.copy()
        for column in frame.columns:
            kinds = [self.kind(column, row) for row in frame.index]
            if all(kind == Cell.TEXT for kind in kinds):
                continue
            frame[column] = [
                format_cell(kind, value, lang) for kind, value in zip(kinds, frame[column], strict=True)
            ]
        for column, sample in self._samples().items():
            frame[column] = [
                t("ranking.with_n", lang, value=value, n=format_cell(Cell.COUNT, n, lang))
                for value, n in zip(frame[column], self.values[sample], strict=True)
            ]
        for label, (low, high) in self.ranges.items():
            if low in frame.columns:
                frame[low] = [
                    "—" if is_missing(raw) else f"{a}–{b}"
                    for raw, a, b in zip(self.values[low], frame[low], frame[high], strict=True)
                ]
                frame = frame.drop(columns=[high]).rename(columns={low: label})
        return frame.drop(columns=list(self._samples().values()))

    def matching(self, query: str, columns: Sequence[str] | None = None) -> Table:
        """The rows whose text in one of `columns` (default: every text column) contains `query`, ignoring
        case, surrounding spaces and full-/half-width differences; every row for a blank query."""
        needle = fold(query)
        if not needle:
            return self
        hit = np.zeros(len(self.values), dtype=bool)
        for column in columns if columns is not None else self.values.columns:
            if self.kinds.get(column, Cell.TEXT) == Cell.TEXT:
                text = self.values[column].astype("str").str.normalize("NFKC").str.casefold()
                hit |= text.str.contains(needle, regex=False).to_numpy(dtype=bool, na_value=False)
        return replace(self, values=self.values[hit])

    def rows(self, start: int, stop: int) -> Table:
        """Rows `start` to `stop` (positions, as in a slice)."""
        return replace(self, values=self.values.iloc[start:stop])

    def _flat(self) -> pd.DataFrame:
        frame = self.values.reset_index() if self.index else self.values.reset_index(drop=True)
        order = [c for c in frame.columns if c not in self.samples.values()]
        for column, sample in self._samples().items():
            order.insert(order.index(column) + 1, sample)
        return frame[order]

    def csv(self, lang: Lang) -> bytes:
        """The CSV: the screen's columns, numbers unrounded, fractions under （比例） names."""
        frame = self._flat()
        if self.by_row:
            labels = frame.columns[0]
            frame[labels] = [
                fraction_label(row, lang) if self.kinds.get(row) in FRACTIONS else row
                for row in frame[labels]
            ]
        else:
            frame.columns = [
                fraction_label(c, lang) if self.kinds.get(c) in FRACTIONS else c for c in frame.columns
            ]
        return csv_bytes(frame)

    def xlsx(self, sheet: str) -> bytes:
        """The workbook: the screen's columns and names, numbers with the number format of their kind."""
        frame = self._flat()
        if self.by_row:
            formats = {
                ("row", i + 1): XLSX_FORMATS.get(self.kind("", r)) for i, r in enumerate(self.values.index)
            }
        else:
            formats = {("column", i): XLSX_FORMATS.get(self.kind(c, "")) for i, c in enumerate(frame.columns)}
        return xlsx_sheets({sheet: frame}, {sheet: {k: v for k, v in formats.items() if v}})


def fold(text: str) -> str:
    """Text as searched: half-width (NFKC), case-folded, without surrounding spaces."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


# What fold's NFKC does to the full-width characters names are written with (ＡＢＣ, １２３, （）, the
# ideographic space): the same change in SQL (sql/views/20_scope.sql, `folded`), translate()'s two strings.
WIDE = "".join(chr(code) for code in range(0xFF01, 0xFF5F)) + "\u3000"
NARROW = "".join(chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)) + " "


@dataclass(frozen=True)
class ListSearch:
    """A search of a list searched in SQL (one too long to send whole to the screen, e.g. the enterprises
    not visited): the folded query, and the values the screen shows in words whose words contain it — the
    caller matches those on the shown words, the SQL the raw text (see not_visited_found). Hashable: a cache
    key beside the filters."""

    needle: str = ""
    places: tuple[str, ...] = ()  # centers and parks
    above_scale: tuple[bool, ...] = ()
    never: bool = False  # "never visited"

    def params(self) -> dict[str, Any]:
        return {
            "needle": self.needle,
            "wide": WIDE,
            "narrow": NARROW,
            "places": list(self.places),
            "above_scale": list(self.above_scale),
            "never": self.never,
        }


def page_count(rows: int, size: int) -> int:
    """Pages of `size` rows needed for `rows` (at least one, also for none)."""
    return max(1, math.ceil(rows / size))
