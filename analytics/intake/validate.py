"""From a matched sheet to accepted typed rows and a report of rejected ones (row, column, reason).

Validation is data: every problem is a row of `Validation.problems`; a data row with any problem is
rejected, and nothing is written here. Work is column-wise: each distinct cell value is parsed once,
rules compare whole columns, messages are formatted for the rejected rows only.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics.intake import cells
from analytics.intake.cells import Problem
from analytics.intake.headers import HeaderMatch
from analytics.intake.reading import Sheet
from analytics.intake.spec import Kind
from analytics.keys import composite_key, numbered_key
from analytics.settings import Settings

TOTAL_WORDS = ("合计", "小计", "总计", "总合计")
# Footer labels of statistical forms (单位负责人：… 统计负责人：… 填表人：… 报出日期：…), in one cell or spread
# over several: a row whose first filled cell is one of them (alone, or followed by a colon) is a footer.
FOOTER_LABELS = ("单位负责人", "统计负责人", "部门负责人", "主管负责人", "负责人", "填表人", "填报人", "制表人",
                 "审核人", "复核人", "统计员", "报出日期", "报送日期", "填表日期", "填报日期", "制表日期", "审核日期")  # fmt: skip
NOTE_WORDS = ("注:", "注：", "说明:", "说明：", "备注:", "备注：")
_FOOTER = re.compile(rf"^(?:{'|'.join(FOOTER_LABELS)})\s*(?:[:：]|$)")
PROBLEM_COLUMNS = ["row", "column", "message_zh", "message_en"]
PREVIEW_ROWS = 10  # data rows shown as read in the preview


def name_key(name: Any) -> str:
    """Enterprise names compare ignoring spaces and full-/half-width differences (（ = ()."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name))).casefold()


NAME_SUFFIXES = ("产业社区服务中心", "产业社区", "服务中心")  # longest first


def name_core(name: str) -> str:
    """A center or park name without its usual suffix (长虹岭产业社区服务中心 → 长虹岭)."""
    key = name_key(name)
    for suffix in NAME_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def canonical_names(values: pd.Series, known: list[str]) -> pd.Series:
    """Each value as the known name it denotes with or without the usual suffix (产业社区, 产业社区服务中心,
    服务中心); values matching no known name, or several, stay as written."""
    by_core: dict[str, set[str]] = {}
    for name in known:
        by_core.setdefault(name_core(name), set()).add(name)
    exact = set(known)

    def canonical(value: Any) -> Any:
        if value is None or (isinstance(value, float) and np.isnan(value)) or value in exact:
            return value
        found = by_core.get(name_core(value), set())
        return next(iter(found)) if len(found) == 1 else value

    return cells.map_unique(values, canonical)


@dataclass
class Registry:
    """What the warehouse already knows, for matching and cross-checks."""

    enterprises: pd.DataFrame  # uscc, name, park, center, name_key
    park_center: dict[str, str]
    centers: set[str]


def load_registry(con: duckdb.DuckDBPyConnection) -> Registry:
    with con.cursor() as cur:
        enterprises = cur.execute("SELECT uscc, name, park, center FROM clean_enterprises").df()
        parks = dict(cur.execute("SELECT park, center FROM parks").fetchall())
        centers = {row[0] for row in cur.execute("SELECT center FROM centers").fetchall()}
    enterprises["name_key"] = cells.map_unique(enterprises["name"], name_key)
    return Registry(enterprises, parks, centers)


@dataclass
class Validation:
    rows: pd.DataFrame  # accepted rows, index = row number; canonical columns + row_key
    problems: pd.DataFrame  # row, column (header text or None), message_zh, message_en
    raw: pd.DataFrame  # every data row's cells under their header text, index = row number
    rows_read: int
    present: set[str]  # canonical columns the file has
    warnings: list[Problem] = field(default_factory=list)
    unknown_enterprises: list[dict[str, str | None]] = field(default_factory=list)
    rejected_count: int = 0  # every rejected row, also those not listed (see `reported`)
    unknown_count: int = 0

    @property
    def rejected_rows(self) -> list[int]:
        """The rejected rows listed in the report (the first `max_reported_rejects`)."""
        return sorted(set(self.problems["row"]))

    def reported(self, limit: int) -> Validation:
        """This validation with at most `limit` rejected rows (and unknown enterprises) listed, the raw
        cells of the preview rows and the listed rejected rows only, and the accepted rows' text in Arrow
        strings: what the report and storage need, in the form that is cheap to send from the reading
        child and that DuckDB scans without a copy."""
        listed = self.rejected_rows[:limit]
        problems = self.problems
        if len(listed) < self.rejected_count:
            problems = problems[problems["row"].isin(listed)].reset_index(drop=True)
        keep = self.raw.index[:PREVIEW_ROWS].union(pd.Index(listed))
        return replace(
            self,
            rows=_arrow_text(self.rows),
            problems=problems,
            raw=self.raw.loc[keep],
            unknown_enterprises=self.unknown_enterprises[:limit],
        )


def _arrow_text(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with every column of text (Python str or missing) as pandas' Arrow-backed string dtype."""
    text = [
        column
        for column in rows.columns
        if rows[column].dtype == object and pd.api.types.infer_dtype(rows[column], skipna=True) == "string"
    ]
    return rows.astype(dict.fromkeys(text, "str")) if text else rows


def _show(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class Work:
    """The rows being validated: parsed values per canonical column, and the problems found so far."""

    def __init__(self, match: HeaderMatch, raw: pd.DataFrame, cells_by_column: dict[str, pd.Series]) -> None:
        self.match = match
        self.raw = raw
        self.raw_by_column = cells_by_column
        self.values = pd.DataFrame(index=raw.index)
        self.present = set(cells_by_column)
        self.problems: list[pd.DataFrame] = []
        self.warnings: list[Problem] = []
        self.unreadable: dict[str, pd.Series] = {}  # per column: the cells that could not be parsed

    def blank(self, column: str) -> pd.Series:
        """Cells that are missing (blank, /, —, 无…), as opposed to filled or unreadable."""
        return self.values[column].isna() & ~self.unreadable.get(column, False)

    def has(self, column: str) -> bool:
        return column in self.present

    def reject(
        self, mask: pd.Series, column: str | None, zh: str, en: str, values: tuple[pd.Series, ...] = ()
    ) -> None:
        """Reject the rows of `mask`, naming `column` (None: a problem of the whole row).

        `zh` / `en` may hold `{}` placeholders, filled per rejected row from `values`.
        """
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        rows = mask.index[mask]
        picked = [v[mask].map(_show).tolist() for v in values]
        args = list(zip(*picked, strict=True)) if picked else [()] * len(rows)
        self.problems.append(
            pd.DataFrame(
                {
                    "row": rows,
                    "column": None if column is None else self.match.header_of(column),
                    "message_zh": [zh.format(*a) for a in args],
                    "message_en": [en.format(*a) for a in args],
                }
            )
        )

    def reject_problems(self, column: str, found: pd.Series) -> None:
        """Reject the rows of `found` (row number -> the Problem with its cell)."""
        if len(found):
            self.problems.append(
                pd.DataFrame(
                    {
                        "row": found.index,
                        "column": self.match.header_of(column),
                        "message_zh": [p.zh for p in found],
                        "message_en": [p.en for p in found],
                    }
                )
            )

    def parse(self, column: str, parser: Callable[[Any], cells.Parsed], dtype: str | None) -> None:
        values, problems = cells.parse_column(self.raw_by_column[column], parser, dtype)
        unreadable = problems.notna()
        self.unreadable[column] = unreadable
        self.values[column] = values
        self.reject_problems(column, problems[unreadable])

    def rejected(self) -> pd.Series:
        rejected = pd.Series(False, index=self.raw.index)
        for frame in self.problems:
            rejected[frame["row"].to_numpy()] = True
        return rejected


PARSERS: dict[Kind, tuple[Callable[[Any], cells.Parsed], str | None]] = {
    Kind.TEXT: (cells.parse_text, None),
    Kind.USCC: (cells.parse_uscc, None),
    Kind.DATE: (cells.parse_date, "datetime"),
    Kind.MONTH: (cells.parse_month, "datetime"),
    Kind.NUMBER: (cells.parse_number, "float64"),
    Kind.COUNT: (cells.parse_count, "Int64"),
    Kind.FLAG: (cells.parse_flag, "boolean"),
    Kind.TIME_LIMIT: (cells.parse_time_limit, None),
}


def data_rows(sheet: Sheet, match: HeaderMatch) -> pd.DataFrame:
    """Rows below the header as a frame of raw cells (columns = header cell index), index = row number.

    Skipped: rows blank in every recognised column (also pre-numbered empty template rows), total rows
    (合计 / 小计 / 总计 among the first four distinct filled cells) and footers (a first filled cell that is
    a footer label such as 单位负责人： or 填表人, or a note 注：…). Only rows that fill few cells or whose
    first filled cell is such a word are looked at cell by cell (merged cells repeat their text).
    """
    width = max(match.headers) + 1 if match.headers else 0
    grid = _cell_array(sheet.rows[match.row + 1 :], width)
    numbers = np.asarray(sheet.row_numbers[match.row + 1 :], dtype=np.int64)
    nonempty = grid != ""  # readers give '' for an empty cell
    filled = nonempty.sum(axis=1)
    present = nonempty[:, list(match.columns)].sum(axis=1)
    skip = present == 0
    # Rows with few cells may be totals, footers or blank ('/' and '无' cells): those are read cell by cell,
    # and so are rows whose first filled cell starts like a total or footer (a merged footer fills many).
    sparse = (filled <= 4) | (present <= max(3, len(match.columns) // 2))
    if len(grid):
        first = grid[np.arange(len(grid)), nonempty.argmax(axis=1)]
        maybe = np.fromiter(  # the cheap test first, inline: most rows start with a number or a code
            (type(c) is str and c.lstrip()[:1] in _CLOSING_FIRST for c in first), dtype=bool, count=len(first)
        )
        sparse[maybe] |= np.array([_looks_closing(c) for c in first[maybe]], dtype=bool)
    for position in np.flatnonzero(sparse & ~skip):
        row = grid[position]
        texts = [t for t, _ in itertools.groupby(t for t in (cells.clean(c) for c in row) if t)]
        skip[position] = _closing(texts) or all(cells.is_missing(row[j]) for j in match.columns)
    if skip.any():
        grid, numbers = grid[~skip], numbers[~skip]
    return pd.DataFrame(grid, index=pd.Index(numbers, name="row"), dtype=object, copy=False)


_CLOSING_FIRST = frozenset(word[0] for word in (*TOTAL_WORDS, *FOOTER_LABELS, *NOTE_WORDS))


def _looks_closing(cell: str) -> bool:
    text = re.sub(r"\s", "", cells.clean(cell))
    return (
        text.startswith(TOTAL_WORDS)
        or bool(_FOOTER.match(text))
        or text.startswith(NOTE_WORDS + FOOTER_LABELS)
    )


def _closing(texts: list[str]) -> bool:
    """A total row or a footer row, from its distinct filled cells in order."""
    if not texts:
        return False
    if any(re.sub(r"\s", "", text).startswith(TOTAL_WORDS) for text in texts[:4]):
        return True
    first = re.sub(r"\s", "", texts[0])
    return (
        bool(_FOOTER.match(first))
        or first.startswith(NOTE_WORDS)
        or (first.startswith(FOOTER_LABELS) and len(texts) <= 4)
    )


def _cell_array(rows: list[list[Any]], width: int) -> np.ndarray:
    """The rows as a (rows × width) object array: longer rows cut, shorter ones padded with ''."""
    if not rows or not width:
        return np.full((len(rows), width), "", dtype=object)
    lengths = set(map(len, rows))
    if len(lengths) > 1 or min(lengths) < width:
        padding = [""] * width
        rows = [(list(row) + padding)[:width] for row in rows]
    length = len(rows[0])
    cells_in_order = itertools.chain.from_iterable(rows)
    return np.fromiter(cells_in_order, dtype=object, count=len(rows) * length).reshape(-1, length)[:, :width]


def validate(
    sheet: Sheet,
    match: HeaderMatch,
    registry: Registry,
    settings: Settings,
    uploader_center: str | None,
) -> Validation:
    from analytics.intake.rules import RULES  # rules build on Work, defined here

    grid = data_rows(sheet, match)
    raw = grid[list(match.headers)].rename(columns=match.report_headers()) if match.headers else grid
    raw = raw.loc[:, ~raw.columns.duplicated()]
    work = Work(match, raw, {name: grid[index] for index, name in match.columns.items()})
    dataset = match.dataset
    for column in dataset.columns:
        if not work.has(column.name):
            continue
        if column.kind in PARSERS:
            work.parse(column.name, *PARSERS[column.kind])
            if column.kind is Kind.MONTH:
                _lost_trailing_zeros(work, column.name)
        elif column.kind is Kind.CHOICE:
            work.parse(column.name, cells.choice_parser(column.choices), None)
        elif column.kind is Kind.CATEGORY:
            _categories(work, column.name, column.choices)
        if column.required:
            work.reject(
                work.blank(column.name),
                column.name,
                f"「{column.header}」为必填项，不能为空",
                f"'{column.english}' is required",
            )
    unknown: list[dict[str, str | None]] = []
    if dataset.by_enterprise:
        unknown = _match_enterprises(work, registry)
    RULES[dataset.name](work, registry, settings, uploader_center)
    _keys(work)
    problems = (
        pd.concat(work.problems, ignore_index=True)
        if work.problems
        else pd.DataFrame(columns=PROBLEM_COLUMNS)
    )
    rejected = work.rejected()
    return Validation(
        rows=work.values[~rejected] if rejected.any() else work.values,
        problems=problems.sort_values("row", kind="stable").reset_index(drop=True),
        raw=raw,
        rows_read=len(raw),
        present=work.present,
        warnings=work.warnings,
        unknown_enterprises=unknown,
        rejected_count=int(rejected.sum()),
        unknown_count=len(unknown),
    )


def _lost_trailing_zeros(work: Work, column: str) -> None:
    """Warn about months read from number cells that may have lost a trailing zero (2021.1 / 2021.10)."""
    raw = work.raw_by_column[column]
    suspect = cells.map_unique(raw, cells.lost_trailing_zero).astype(bool) & ~work.unreadable[column]
    if not suspect.any():
        return
    rows = suspect.index[suspect.to_numpy()]
    listed = "、".join(f"{row}（{raw[row]:g}）" for row in rows[:10]) + ("…" if len(rows) > 10 else "")
    listed_en = ", ".join(f"{row} ({raw[row]:g})" for row in rows[:10]) + ("…" if len(rows) > 10 else "")
    header = work.match.header_of(column)
    work.warnings.append(
        Problem(
            f"第 {listed} 行的「{header}」是数字单元格，按所写读作 1 月；如本意是 10 月（如 2021.10，Excel 会存成 "
            "2021.1），请把单元格设为文本或改写为 2021-10 后重新上传",
            f"row(s) {listed_en}: '{header}' is a number cell read as written, as January; if October was meant "
            "(2021.10 is stored by Excel as 2021.1), make the cell text or write 2021-10 and upload again",
        )
    )


def _categories(work: Work, column: str, choices: tuple[tuple[str, str], ...]) -> None:
    """Known categories as written; anything else kept as 其他 with a warning (category_raw keeps the text)."""
    text, _ = cells.parse_column(work.raw_by_column[column], cells.parse_text)
    known = {cells.clean(accepted): value for accepted, value in choices}
    canonical = cells.map_unique(
        text, lambda value: None if value is None else known.get(cells.clean(value), "其他")
    )
    work.values[column] = canonical
    work.values[f"{column}_raw"] = text
    unknown = text.notna() & cells.map_unique(
        text, lambda v: v is not None and cells.clean(v) not in known
    ).astype(bool)
    for value, rows in text[unknown].groupby(text[unknown]).groups.items():
        listed = "、".join(str(r) for r in list(rows)[:10]) + ("…" if len(rows) > 10 else "")
        work.warnings.append(
            Problem(
                f"第 {listed} 行的「{work.match.header_of(column)}」为「{value}」，不在分类中，已按“其他”保存",
                f"row(s) {listed}: '{value}' is not a known category; kept as 其他 (other)",
            )
        )


SPREAD_COLUMNS = ("ambiguous", "neither", "unknown", "code_given", "differs", "resolved")


def _match_enterprises(work: Work, registry: Registry) -> list[dict[str, str | None]]:
    """Resolve each row's enterprise: by USCC first (never falling back to the name), else by name.

    Worked out once per distinct (code, name) pair of the file, then spread back to its rows.
    """
    index = work.raw.index
    nothing = pd.Series(None, index=index, dtype=object)
    rows = pd.DataFrame(
        {
            "code": work.values["uscc"] if work.has("uscc") else nothing,
            "code_given": ~work.blank("uscc") if work.has("uscc") else pd.Series(False, index=index),
            "name": work.values["name"] if work.has("name") else nothing,
        }
    )
    code_ids, code_values = cells.distinct(rows["code"])
    name_ids, name_values = cells.distinct(rows["name"])
    given = rows["code_given"].to_numpy(dtype=bool)
    # A bad code and a blank one both read as no code, so whether a code was written is part of the pair.
    names = len(name_values) + 1
    pair_ids, codes = np.unique(
        (code_ids.astype(np.int64) * names + name_ids) * 2 + given, return_inverse=True
    )
    code_of, name_of = np.divmod(pair_ids // 2, names)
    pair = pd.DataFrame(
        {"code": code_values[code_of], "code_given": pair_ids % 2 == 1, "name": name_values[name_of]}
    )
    pair = pair.where(pair.notna(), None)
    registered = registry.enterprises
    owners = registered.groupby("name_key")["uscc"]
    sizes = owners.size()
    pair["name_key"] = pair["name"].map(lambda n: None if n is None else name_key(n))
    pair["by_code"] = pair["code"].where(pair["code"].isin(registered["uscc"]))
    use_name = ~pair["code_given"] & pair["name"].notna()
    pair["resolved"] = pair["by_code"].fillna(
        pair["name_key"].map(owners.first()[sizes == 1]).where(use_name)
    )
    pair["ambiguous"] = use_name & pair["name_key"].isin(sizes[sizes > 1].index)
    pair["neither"] = ~pair["code_given"] & pair["name"].isna()
    code_bad = pair["code_given"] & pair["code"].isna()  # an invalid code never falls back to the name
    pair["unknown"] = pair["resolved"].isna() & ~code_bad & ~pair["neither"] & ~pair["ambiguous"]
    pair["differs"] = (
        pair["by_code"].notna() & pair["name"].notna()
        & (pair["by_code"].map(registered.set_index("uscc")["name_key"]) != pair["name_key"])
    )  # fmt: skip
    spread = pd.DataFrame(
        {column: pair[column].to_numpy()[codes] for column in SPREAD_COLUMNS}, index=index, copy=False
    )
    work.reject(
        spread["ambiguous"], "name",
        "企业名称在名录中对应多家企业，请填写统一社会信用代码",
        "several registered enterprises have this name: give the USCC",
    )  # fmt: skip
    work.reject(
        spread["neither"],
        None,
        "缺少统一社会信用代码和企业名称",
        "neither a USCC nor an enterprise name is given",
    )
    by_given_code = spread["code_given"].astype(bool)
    for mask, column in (
        (spread["unknown"] & by_given_code, "uscc"),
        (spread["unknown"] & ~by_given_code, "name"),
    ):
        work.reject(
            mask,
            column,
            "企业不在企业名录中（请先在企业名录中登记）",
            "the enterprise is not in the registry (add it to the enterprise registry first)",
        )
    if spread["differs"].any():
        listed = "、".join(str(r) for r in index[spread["differs"].to_numpy()][:10])
        work.warnings.append(
            Problem(
                f"第 {listed} 行的企业名称与名录登记的名称不同，已按统一社会信用代码匹配",
                f"row(s) {listed}: the enterprise name differs from the registry; matched by USCC",
            )
        )
    work.values["uscc"] = spread["resolved"]
    work.values["_enterprise_text"] = rows["code"].fillna(rows["name"])
    missing = pair.loc[pair["unknown"], ["code", "name"]].drop_duplicates()
    return [
        {"uscc": None if pd.isna(row.code) else row.code, "name": None if pd.isna(row.name) else row.name}
        for row in missing.itertuples(index=False)
    ]


def _key_part(work: Work, column: str) -> pd.Series:
    """A key column as text; an unparseable cell still identifies its row by its raw text."""
    index = work.raw.index
    if column == "uscc" and work.match.dataset.by_enterprise:
        return work.values["uscc"].fillna(work.values["_enterprise_text"]).astype("string")
    if column not in work.values:
        return pd.Series(pd.NA, index=index, dtype="string")
    value = work.values[column]
    text = value.dt.strftime("%Y-%m-%d") if pd.api.types.is_datetime64_any_dtype(value) else value
    text = text.astype("string")
    unreadable = work.unreadable.get(column)
    if unreadable is not None and unreadable.any():
        raw = cells.text_column(work.raw_by_column[column][unreadable]).astype("string")
        text = text.fillna(raw.reindex(index))
    return text


def _keys(work: Work) -> None:
    """row_key per docs/datasets.md, and rejection of a later row repeating the key of an earlier one."""
    dataset = work.match.dataset
    index = work.raw.index
    number = work.values[dataset.number] if dataset.number and work.has(dataset.number) else None
    numbered = number.notna() if number is not None else pd.Series(False, index=index)
    if number is not None and numbered.all():
        key = numbered_key(number.astype("string"))
    else:
        key = pd.Series(pd.NA, index=index, dtype="string")
        if numbered.any():
            key[numbered] = numbered_key(number[numbered].astype("string"))
        key[~numbered] = composite_key(*[_key_part(work, column)[~numbered] for column in dataset.key])
    work.values["row_key"] = key
    repeated = key.duplicated(keep="first")
    if repeated.any():
        first_row = pd.Series(index, index=index).groupby(key.to_numpy()).transform("first")
        work.reject(
            repeated, None, "与第 {} 行重复（关键字段相同）", "duplicates row {} (same key)", (first_row,)
        )
    work.values = work.values.drop(columns=["_enterprise_text"], errors="ignore")
