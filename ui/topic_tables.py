"""Display tables of the visits, output, vaccination, participation and enterprise pages.

Pure pandas shaping of mart frames (labels, formats, profile links); no SQL, no aggregation.
Enterprise lists carry a link column (see ui.links) and, for download, the plain name and USCC.
"""

from __future__ import annotations

import pandas as pd

from analytics.domain import display, place
from analytics.i18n import Lang, t
from ui.charts import center_label


def _pct(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "—" if pd.isna(v) else f"{v:.1%}")


def _yes(values: pd.Series, lang: Lang) -> pd.Series:
    return values.map(lambda v: t("col.yes", lang) if v else "")


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.date


def _places(values: pd.Series, lang: Lang) -> pd.Series:
    return values.map(lambda name: place(name, lang) if isinstance(name, str) else name)


def enterprise_list(
    frame: pd.DataFrame,
    links: pd.Series,
    columns: dict[str, pd.Series],
    lang: Lang,
    illustrative: set[str] = frozenset(),
) -> pd.DataFrame:
    """A list of enterprises: the profile link first, then `columns`, then name and USCC for exports.
    Illustrative centers keep their * mark; centers and parks are romanised in English."""
    table = pd.DataFrame({"link": links.to_numpy()}, index=frame.index)
    for label, values in columns.items():
        if label == t("common.center", lang):
            values = values.map(lambda c: center_label(c, c in illustrative, lang))
        elif label == t("col.park", lang):
            values = _places(values, lang)
        table[label] = values.to_numpy()
    table[t("col.enterprise", lang)] = frame["name"].to_numpy()
    table[t("col.uscc", lang)] = frame["uscc"].to_numpy()
    return table.reset_index(drop=True)


def for_download(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=["link"])


def not_visited(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> pd.DataFrame:
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.park", lang): frame["park"],
            t("col.industry", lang): frame["industry"],
            t("col.above_scale", lang): _yes(frame["is_above_scale"], lang),
            t("col.employees", lang): frame["employees"],
            t("col.last_visit", lang): _dates(frame["last_visit"]).map(lambda d: t("visits.never", lang) if pd.isna(d) else d),
            t("col.days_since", lang): frame["days_since"],
        },
        lang,
        illustrative,
    )  # fmt: skip


def visit_workload(coverage: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    centers = coverage
    return pd.DataFrame(
        {
            t("common.center", lang): [
                t("common.total", lang) if total else center_label(c, i, lang)
                for c, i, total in zip(
                    centers["center"], centers["is_illustrative"], centers["is_total"], strict=True
                )
            ],
            t("col.enterprises_n", lang): centers["enterprises"].map("{:,}".format),
            t("col.visits", lang): centers["visits"].map("{:,}".format),
            t("col.workers", lang): centers["workers"].map("{:,}".format),
            t("col.per_worker_month", lang): centers["visits_per_worker_month"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.1f}"
            ),
            t("col.raised", lang): centers["raised_demand"].map("{:,}".format),
            t("col.raised_rate", lang): _pct(centers["raised_demand_rate"]),
        }
    )


def _in_order(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Rows in the centers' order (a total row, center null, last), keeping each center's own order."""
    rank = {center: position for position, center in enumerate(order)}
    return frame.sort_values("center", key=lambda c: c.map(rank).fillna(len(rank)), kind="stable")


def parks(frame: pd.DataFrame, illustrative: set[str], order: list[str], lang: Lang) -> pd.DataFrame:
    frame = _in_order(frame, order)
    return pd.DataFrame(
        {
            t("common.center", lang): frame["center"].map(lambda c: center_label(c, c in illustrative, lang)),
            t("col.park", lang): _places(frame["park"], lang),
            t("col.output", lang): frame["output"].map("{:,.0f}".format),
            t("col.output_prev", lang): frame["output_prev_year"].map("{:,.0f}".format),
            t("col.yoy", lang): frame["yoy"].map(lambda v: "—" if pd.isna(v) else f"{v:+.1%}"),
        }
    )


def shares(frame: pd.DataFrame, illustrative: set[str], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("common.center", lang): frame["center"].map(
                lambda c: t("common.total", lang) if pd.isna(c) else center_label(c, c in illustrative, lang)
            ),
            t("col.output", lang): frame["output"].map(lambda v: "—" if pd.isna(v) else f"{v:,.0f}"),
            t("col.above_scale_share", lang): _pct(frame["above_scale_share"]),
            t("col.high_tech_share", lang): _pct(frame["high_tech_share"]),
        }
    )


def top_output(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> pd.DataFrame:
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.industry", lang): frame["industry"],
            t("col.above_scale", lang): _yes(frame["is_above_scale"], lang),
            t("col.high_tech", lang): _yes(frame["is_high_tech"], lang),
            t("col.output", lang): frame["output"].round(1),
            t("col.months", lang): frame["months"],
            t("col.yoy_like", lang): frame["like_for_like_yoy"].map(lambda v: "—" if pd.isna(v) else f"{v:+.1%}"),
        },
        lang,
        illustrative,
    )  # fmt: skip


def below_threshold(
    frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]
) -> pd.DataFrame:
    return enterprise_list(
        frame, links,
        {
            t("common.center", lang): frame["center"],
            t("col.park", lang): frame["park"],
            t("col.as_of", lang): _dates(frame["as_of"]),
            t("col.staff", lang): frame["staff_total"],
            t("col.dose1", lang): frame["dose1"],
            t("col.dose1_rate", lang): _pct(frame["dose1_rate"]),
            t("col.full_rate", lang): _pct(frame["full_course_rate"]),
        },
        lang,
        illustrative,
    )  # fmt: skip


def people(frame: pd.DataFrame, illustrative: set[str], order: list[str], lang: Lang) -> pd.DataFrame:
    frame = _in_order(frame, order)
    return pd.DataFrame(
        {
            t("common.center", lang): frame["center"].map(
                lambda c: t("common.total", lang) if pd.isna(c) else center_label(c, c in illustrative, lang)
            ),
            t("col.activities", lang): frame["activities"].map("{:,}".format),
            t("col.people", lang): frame["people"].map("{:,.0f}".format),
            t("col.person_times", lang): frame["person_times"].map("{:,.0f}".format),
            t("col.times_per_person", lang): frame["times_per_person"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.2f}"
            ),
        }
    )


def top_activities(frame: pd.DataFrame, lang: Lang, illustrative: set[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.date", lang): _dates(frame["activity_date"]),
            t("col.activity", lang): frame["name"],
            t("common.center", lang): frame["center"].map(lambda c: center_label(c, c in illustrative, lang)),
            t("col.venue", lang): _places(frame["venue"], lang),
            t("col.category", lang): frame["category"].map(lambda c: display(c, lang)),
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


def enterprise_tickets(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("tickets.col.ticket", lang): frame["ticket_no"],
            t("tickets.col.received", lang): _dates(frame["received_date"]),
            t("tickets.col.category", lang): frame["category"].map(lambda c: display(c, lang)),
            t("tickets.col.description", lang): frame["description"],
            t("tickets.col.status", lang): frame["status"].map(lambda s: display(s, lang)),
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
