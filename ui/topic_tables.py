"""Display tables of the visits, output, vaccination, participation and enterprise pages.

Pure pandas shaping of mart frames (labels, formats, profile links); no SQL, no aggregation.
Enterprise lists carry a link column (see ui.links) and, for download, the plain name and USCC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from analytics.domain import display, place
from analytics.i18n import Lang, format_date, t
from analytics.metrics import BY_KEY
from analytics.tabular import Cell, Table
from ui.charts import built_once, center_name


def per_value(values: pd.Series, function: Callable[[Any], Any]) -> pd.Series:
    """`function` of each value, computed once per distinct value (a long list repeats a few centers,
    categories and dates); a missing value is passed as it is."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[: len(uniques)] = [function(value) for value in uniques]
    missing = codes < 0
    if missing.any():
        results[-1] = function(values[missing].iloc[0])
    return pd.Series(results[codes], index=values.index, dtype=object)


def _yes(values: pd.Series, lang: Lang) -> pd.Series:
    return per_value(values, lambda v: t("col.yes", lang) if v else "")


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.date


def _places(values: pd.Series, lang: Lang) -> pd.Series:
    return per_value(values, lambda name: place(name, lang) if isinstance(name, str) else name)


def enterprise_list(
    frame: pd.DataFrame,
    links: pd.Series,
    columns: dict[str, pd.Series],
    lang: Lang,
    illustrative: set[str] = frozenset(),
    kinds: dict[str, Cell] | None = None,
) -> Table:
    """A list of enterprises: the profile link first, then `columns` (of `kinds`, else as they are), then
    name and USCC for exports. Illustrative centers keep their * mark; centers and parks are romanised in
    English."""
    table = pd.DataFrame({"link": links.to_numpy()}, index=frame.index)
    for label, values in columns.items():
        if label == t("common.center", lang):
            values = per_value(values, lambda c: center_name(c, c in illustrative, lang))
        elif label == t("col.park", lang):
            values = _places(values, lang)
        table[label] = values.to_numpy()
    table[t("col.enterprise", lang)] = frame["name"].to_numpy()
    table[t("col.uscc", lang)] = frame["uscc"].to_numpy()
    return Table(table.reset_index(drop=True), kinds or {})


def for_download(table: Table, lang: Lang) -> Table:
    """The list as the screen shows it: the plain name where the link is (the link shows the name)."""
    name = t("col.enterprise", lang)
    values = table.values.drop(columns=["link"])
    return Table(values[[name, *(c for c in values.columns if c != name)]], table.kinds)


def not_visited(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> Table:
    """The enterprises not visited (visits_not_visited's rows: one page at a time, or all for a download)
    as the visits page lists them."""
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.park", lang): frame["park"],
            t("col.industry", lang): frame["industry"],
            t("col.above_scale", lang): _yes(frame["is_above_scale"], lang),
            t("col.employees", lang): frame["employees"],
            t("col.last_visit", lang): per_value(_dates(frame["last_visit"]), lambda d: t("visits.never", lang) if pd.isna(d) else d.isoformat()),
            t("col.days_since", lang): frame["days_since"],
        },
        lang,
        illustrative,
    )  # fmt: skip


def visit_workload(coverage: pd.DataFrame, lang: Lang) -> Table:
    centers = coverage
    kinds = {
        t("col.enterprises_n", lang): Cell.COUNT,
        t("col.visits", lang): Cell.COUNT,
        t("col.workers", lang): Cell.COUNT,
        t("col.per_worker_month", lang): Cell.DECIMAL,
        t("col.raised", lang): Cell.COUNT,
        t("col.raised_rate", lang): Cell.RATE,
    }
    columns = [
        "enterprises",
        "visits",
        "workers",
        "visits_per_worker_month",
        "raised_demand",
        "raised_demand_rate",
    ]
    table = pd.DataFrame(
        {
            t("common.center", lang): [
                t("common.total", lang) if total else center_name(c, i, lang)
                for c, i, total in zip(
                    centers["center"], centers["is_illustrative"], centers["is_total"], strict=True
                )
            ],
            **{label: centers[column].to_numpy() for label, column in zip(kinds, columns, strict=True)},
        }
    )
    return Table(table, kinds)


def _in_order(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Rows in the centers' order (a total row, center null, last), keeping each center's own order."""
    rank = {center: position for position, center in enumerate(order)}
    return frame.sort_values("center", key=lambda c: c.map(rank).fillna(len(rank)), kind="stable")


def parks(frame: pd.DataFrame, illustrative: set[str], order: list[str], lang: Lang) -> Table:
    frame = _in_order(frame, order)
    table = pd.DataFrame(
        {
            t("common.center", lang): per_value(
                frame["center"], lambda c: center_name(c, c in illustrative, lang)
            ),
            t("col.park", lang): _places(frame["park"], lang),
            t("col.output", lang): frame["output"],
            t("col.output_prev", lang): frame["output_prev_year"],
            t("col.yoy", lang): frame["yoy"],
        }
    )
    kinds = {
        t("col.output", lang): Cell.COUNT,
        t("col.output_prev", lang): Cell.COUNT,
        t("col.yoy", lang): Cell.GROWTH,
    }
    return Table(table.reset_index(drop=True), kinds)


def shares(frame: pd.DataFrame, illustrative: set[str], lang: Lang) -> Table:
    table = pd.DataFrame(
        {
            t("common.center", lang): frame["center"].map(
                lambda c: t("common.total", lang) if pd.isna(c) else center_name(c, c in illustrative, lang)
            ),
            t("col.output", lang): frame["output"],
            t("col.above_scale_share", lang): frame["above_scale_share"],
            t("col.high_tech_share", lang): frame["high_tech_share"],
        }
    )
    kinds = {
        t("col.output", lang): Cell.COUNT,
        t("col.above_scale_share", lang): Cell.RATE,
        t("col.high_tech_share", lang): Cell.RATE,
    }
    return Table(table.reset_index(drop=True), kinds)


@built_once
def top_output(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> Table:
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.industry", lang): frame["industry"],
            t("col.above_scale", lang): _yes(frame["is_above_scale"], lang),
            t("col.high_tech", lang): _yes(frame["is_high_tech"], lang),
            t("col.output", lang): frame["output"].round(1),
            t("col.months", lang): frame["months"],
            t("col.yoy_like", lang): frame["like_for_like_yoy"],
        },
        lang,
        illustrative,
        {t("col.yoy_like", lang): Cell.GROWTH},
    )  # fmt: skip


@built_once
def below_threshold(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> Table:
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.park", lang): frame["park"],
            t("col.as_of", lang): _dates(frame["as_of"]),
            t("col.staff", lang): frame["staff_total"],
            t("col.dose1", lang): frame["dose1"],
            t("col.dose1_rate", lang): frame["dose1_rate"],
            t("col.full_rate", lang): frame["full_course_rate"],
        },
        lang,
        illustrative,
        {t("col.dose1_rate", lang): Cell.RATE, t("col.full_rate", lang): Cell.RATE},
    )  # fmt: skip


def people(frame: pd.DataFrame, illustrative: set[str], order: list[str], lang: Lang) -> Table:
    frame = _in_order(frame, order)
    table = pd.DataFrame(
        {
            t("common.center", lang): frame["center"].map(
                lambda c: t("common.total", lang) if pd.isna(c) else center_name(c, c in illustrative, lang)
            ),
            t("col.activities", lang): frame["activities"],
            t("col.people", lang): frame["people"],
            t("col.person_times", lang): frame["person_times"],
            t("col.times_per_person", lang): frame["times_per_person"],
        }
    )
    kinds = {
        t("col.activities", lang): Cell.COUNT,
        t("col.people", lang): Cell.COUNT,
        t("col.person_times", lang): Cell.COUNT,
        t("col.times_per_person", lang): Cell.DECIMAL2,
    }
    return Table(table.reset_index(drop=True), kinds)


def top_activities(frame: pd.DataFrame, illustrative: set[str], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.date", lang): _dates(frame["activity_date"]),
            t("col.activity", lang): frame["name"],
            t("common.center", lang): per_value(
                frame["center"], lambda c: center_name(c, c in illustrative, lang)
            ),
            t("col.venue", lang): _places(frame["venue"], lang),
            t("col.category", lang): per_value(frame["category"], lambda c: display(c, lang)),
            t("col.person_times", lang): frame["person_times"],
            t("col.people", lang): frame["people"],
            t("col.volunteers", lang): frame["volunteers"],
        }
    )


def enterprise_facts(profile: pd.Series, lang: Lang) -> pd.DataFrame:
    flags = [
        t(f"type.{k}", lang) for k in ("above_scale", "high_tech", "listed", "eagle") if profile[f"is_{k}"]
    ]
    rows = [
        (t("col.uscc", lang), profile["uscc"]),
        (t("common.center", lang), profile["center"]),
        (t("col.park", lang), profile["park"]),
        (t("col.industry", lang), profile["industry"] or "—"),
        (t("enterprise.flags", lang), "、".join(flags) if flags else t("enterprise.none_flag", lang)),
        (
            t("col.employees", lang),
            "—" if pd.isna(profile["employees"]) else f"{int(profile['employees']):,}",
        ),
        (t("col.address", lang), profile["address"] or "—"),
        (
            t("col.contact", lang),
            " ".join(str(v) for v in (profile["contact"], profile["phone"]) if v) or "—",
        ),
    ]
    table = pd.DataFrame(rows, columns=["field", profile["name"]]).set_index("field")
    table.index.name = None
    return table


def enterprise_visits(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.date", lang): _dates(frame["visit_date"]),
            t("col.staff_member", lang): frame["staff"],
            t("col.method", lang): frame["method"],
            t("col.content", lang): frame["content"],
        }
    )


def _came_from(table: pd.DataFrame, tickets: pd.Series, came_from: str | None, lang: Lang) -> pd.DataFrame:
    """With the demand the user came from among `tickets`, a first column marking its row with ★."""
    if came_from is None or came_from not in set(tickets):
        return table
    table.insert(
        0, t("enterprise.col.came_from", lang), (tickets == came_from).map({True: "★", False: ""}).to_numpy()
    )
    return table


def enterprise_open(frame: pd.DataFrame, lang: Lang, came_from: str | None = None) -> pd.DataFrame:
    """An enterprise's open demands (whenever received), the overdue ones first and flagged."""
    table = pd.DataFrame(
        {
            t("tickets.col.ticket", lang): frame["ticket_no"],
            t("tickets.col.received", lang): _dates(frame["received_date"]),
            t("tickets.col.category", lang): per_value(frame["category"], lambda c: display(c, lang)),
            t("tickets.col.description", lang): frame["description"],
            t("tickets.col.status", lang): per_value(frame["status"], lambda s: display(s, lang)),
            t("tickets.col.due", lang): _dates(frame["due_date"]),
            t("enterprise.col.overdue", lang): _yes(frame["overdue"], lang),
            t("tickets.col.days_overdue", lang): frame["days_overdue"].astype("Int64"),
            t("tickets.col.lead_unit", lang): frame["lead_unit"],
        }
    )
    return _came_from(table, frame["ticket_no"], came_from, lang)


def open_summary(frame: pd.DataFrame, end: dt.date, lang: Lang) -> str:
    """How many of the enterprise's demands are open and overdue at `end`, with the overdue definition."""
    return t(
        "enterprise.open_caption", lang, end=format_date(end, lang), open=len(frame),
        overdue=int(frame["overdue"].sum()), definition=BY_KEY["overdue_tickets"].description(lang),
    )  # fmt: skip


def enterprise_tickets(frame: pd.DataFrame, lang: Lang, came_from: str | None = None) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            t("tickets.col.ticket", lang): frame["ticket_no"],
            t("tickets.col.received", lang): _dates(frame["received_date"]),
            t("tickets.col.category", lang): per_value(frame["category"], lambda c: display(c, lang)),
            t("tickets.col.description", lang): frame["description"],
            t("tickets.col.status", lang): per_value(frame["status"], lambda s: display(s, lang)),
            t("col.closed", lang): _dates(frame["closed_date"]),
            t("col.days", lang): frame["resolution_days"],
            t("col.on_time", lang): frame["on_time"].map(
                lambda v: "" if pd.isna(v) else t("col.yes", lang) if v else t("col.no", lang)
            ),
            t("col.satisfaction", lang): frame["satisfaction"].map(
                lambda s: "" if pd.isna(s) else display(s, lang)
            ),
        }
    )
    return _came_from(table, frame["ticket_no"], came_from, lang)
