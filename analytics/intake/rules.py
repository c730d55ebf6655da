"""Row rules of docs/datasets.md, one function per dataset, run after every cell has been parsed.

Each rule rejects rows through `work.reject(mask, column, zh, en, values)` and derives stored columns
(status of a closed ticket, due dates, amounts in 万元, the activity's center). Columns are typed:
dates datetime64, counts Int64, amounts float64, so comparisons are whole-column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from analytics.domain import OTHER, STATUS_CLOSED
from analytics.intake.cells import Problem, distinct
from analytics.intake.headers import MONEY_COLUMNS, money_factor
from analytics.intake.validate import Registry, Work, canonical_names, name_core
from analytics.settings import Settings
from analytics.workdays import add_working_days

Rule = Callable[[Work, Registry, Settings, str | None], None]


def _less(left: pd.Series, right: pd.Series) -> pd.Series:
    """left < right where both are known."""
    return (left < right).fillna(False).astype(bool)


def _canonical(work: Work, column: str, known: list[str]) -> pd.Series:
    """The column's names as the registry writes them (suffixes such as 产业社区 tolerated); stored so."""
    work.values[column] = canonical_names(work.values[column], known)
    return work.values[column]


def parks(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    # a new center written with and without its suffix in one file is one center (the first spelling)
    cores = {name_core(name) for name in registry.centers}
    first: dict[str, str] = {}
    for name in work.values["center"].dropna():
        first.setdefault(name_core(name), name)
    _canonical(work, "center", [*registry.centers, *(n for core, n in first.items() if core not in cores)])
    new = sorted(set(work.values["center"].dropna()) - registry.centers)
    if new:
        work.warnings.append(
            Problem(
                f"将新建产业社区：{'、'.join(new)}（名录中尚无）",
                f"new center(s) will be created: {', '.join(new)}",
            )
        )


def enterprises(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    park = _canonical(work, "park", list(registry.park_center))
    work.reject(
        park.notna() & ~park.isin(list(registry.park_center)), "park",
        "园区「{}」不在园区名录中（请先导入园区名录）", "park '{}' is not in the park list (import the parks first)",
        (park,),
    )  # fmt: skip
    if work.has("center"):
        expected, given = park.map(registry.park_center), _canonical(work, "center", list(registry.centers))
        work.reject(
            given.notna() & expected.notna() & (given != expected), "center",
            "所属产业社区「{}」与园区所属的「{}」不一致", "center '{}' disagrees with the park's center '{}'",
            (given, expected),
        )  # fmt: skip
        work.values = work.values.drop(columns=["center"])


def visits(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    """Visits need only their parsed cells and a known enterprise."""


def tickets(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    values = work.values
    received = values["received_date"]
    closed = values["closed_date"] if work.has("closed_date") else pd.Series(pd.NaT, index=values.index)
    work.reject(
        _less(closed, received), "closed_date", "办结日期早于受理日期", "closed before it was received"
    )
    if work.has("responded_date"):
        work.reject(
            _less(values["responded_date"], received), "responded_date",
            "响应日期早于受理日期", "responded before it was received",
        )  # fmt: skip
    if work.has("status"):
        status = values["status"]
        work.reject(
            closed.notna() & status.notna() & (status != STATUS_CLOSED), "status",
            "有办结日期的诉求，办理状态应为“已办结”，而不是“{}”",
            "a ticket with a closed date must be 已办结 (closed), not {}",
            (status,),
        )  # fmt: skip
        work.reject(
            (status == STATUS_CLOSED) & closed.isna(), "closed_date",
            "办理状态为“已办结”，但没有办结日期", "status is 已办结 (closed) but there is no closed date",
        )  # fmt: skip
        values["status"] = status.where(status.notna() | closed.isna(), STATUS_CLOSED)
    else:
        values["status"] = pd.Series(
            np.where(closed.notna(), STATUS_CLOSED, None), index=values.index, dtype=object
        )
    _due_dates(work, settings)


def _due_dates(work: Work, settings: Settings) -> None:
    """办理时限 to a due date: a date as given, N calendar days, or N working days after received
    (received itself not counted); a blank limit takes the category's default in working days."""
    values = work.values
    index = values.index
    received = values["received_date"].to_numpy(dtype="datetime64[ns]")
    limit = values["due_date"] if work.has("due_date") else pd.Series(None, index=index, dtype=object)
    codes, limits = distinct(limit)  # parsed limits: ("workdays" | "days", n), a date, or None
    kind = np.array([v[0] if isinstance(v, tuple) else "" for v in limits], dtype=object)[codes]
    amount = np.array([v[1] if isinstance(v, tuple) else 0 for v in limits], dtype=np.int64)[codes]
    dates = [v if isinstance(v, dt.date) else None for v in limits]
    given_date = pd.to_datetime(pd.Series(dates, dtype=object)).to_numpy(dtype="datetime64[ns]")[codes]
    category_codes, categories = distinct(values["category"].fillna(OTHER))
    default = np.array([settings.due_workdays(c) for c in categories], dtype=np.int64)[category_codes]
    known = ~np.isnat(received)
    given = ~np.isnat(given_date)
    due = given_date.copy()
    workdays = known & ~given & (kind != "days")  # a blank limit counts the default in working days
    if workdays.any():
        n = np.where(kind == "workdays", amount, default)[workdays]
        due[workdays] = add_working_days(received[workdays].astype("datetime64[D]"), n)
    calendar = known & (kind == "days")
    due[calendar] = received[calendar] + amount[calendar].astype("timedelta64[D]")
    values["due_date"] = pd.Series(due, index=index)
    work.reject(
        pd.Series(given & (due < received), index=index),
        "due_date",
        "办理时限早于受理日期",
        "the due date is before the received date",
    )


def output(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    for column in MONEY_COLUMNS:
        if work.has(column):
            work.values[column] = (work.values[column] * money_factor(work.match, column)).round(6)


def vaccinations(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    """booster ≤ full ≤ dose1 ≤ staff_total: each count against the nearest filled count before it in that
    order (a blank 完成全程接种 does not let 加强针 exceed 已接种第一剂), naming the column that breaks it."""
    order = [c for c in ("staff_total", "dose1", "full_course", "booster") if work.has(c)]
    for position, smaller in enumerate(order[1:], start=1):
        small = work.values[smaller]
        bound = pd.Series(pd.NA, index=small.index, dtype="Int64")
        bound_header = pd.Series(None, index=small.index, dtype=object)
        for bigger in reversed(order[:position]):  # nearest first
            fill = bound.isna() & work.values[bigger].notna()
            bound = bound.mask(fill, work.values[bigger])
            bound_header = bound_header.mask(fill, work.match.header_of(bigger))
        header = work.match.header_of(smaller)
        work.reject(
            _less(bound, small), smaller,
            f"{header}（{{}}）不能大于{{}}（{{}}）", f"{header} ({{}}) exceeds {{}} ({{}})",
            (small, bound_header, bound),
        )  # fmt: skip


def activities(work: Work, registry: Registry, settings: Settings, uploader_center: str | None) -> None:
    values = work.values
    if not work.has("center"):
        values["center"] = uploader_center
    elif uploader_center:
        values["center"] = values["center"].fillna(uploader_center)
    center = _canonical(work, "center", list(registry.centers))
    column = "center" if work.has("center") else None
    work.reject(
        center.isna(),
        column,
        "缺少服务中心（请填写或在上传时选择）",
        "no center (fill it in or choose one when uploading)",
    )
    work.reject(
        center.notna() & ~center.isin(list(registry.centers)), column,
        "服务中心「{}」不在名录中", "unknown center '{}'", (center,),
    )  # fmt: skip
    if work.has("park"):
        park = _canonical(work, "park", list(registry.park_center))
        owner = park.map(registry.park_center)
        work.reject(
            park.notna() & owner.isna(), "park", "园区「{}」不在园区名录中", "unknown park '{}'", (park,)
        )
        work.reject(
            park.notna() & owner.notna() & center.notna() & (owner != center), "park",
            "园区「{}」不属于服务中心「{}」", "park '{}' does not belong to center '{}'", (park, center),
        )  # fmt: skip
    if work.has("people"):
        work.reject(
            _less(values["person_times"], values["people"]), "people",
            "参与人数（{}）不能大于参与人次（{}）", "people ({}) cannot exceed person-times ({})",
            (values["people"], values["person_times"]),
        )  # fmt: skip


RULES: dict[str, Rule] = {
    "parks": parks,
    "enterprises": enterprises,
    "visits": visits,
    "tickets": tickets,
    "output": output,
    "vaccinations": vaccinations,
    "activities": activities,
}
