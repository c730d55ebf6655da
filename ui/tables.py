"""Display and export shapes of mart frames. Pure pandas: no streamlit, no SQL, no aggregation."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from analytics.i18n import Lang, t
from analytics.metrics import CATALOG
from analytics.tabular import Cell, Table
from ui.charts import built_once, center_name

View = Literal["values", "change", "previous"]


def _columns(kpis: pd.DataFrame, lang: Lang) -> list[str]:
    return [
        t("common.total", lang) if row.is_total else center_name(row.center, row.is_illustrative, lang)
        for row in kpis.itertuples()
    ]


def kpi_table(current: pd.DataFrame, previous: pd.DataFrame, view: View, lang: Lang) -> Table:
    """Metrics as rows, centers then the total as columns, each row of its metric's kind (the download has
    the same layout).

    `view`: this period's values, the change against `previous`, or the previous period's values.
    """
    before = previous.set_index(previous["center"].fillna("\0total")).reindex(
        current["center"].fillna("\0total")
    )
    cells = {}
    for column, (_, now), (_, then) in zip(
        _columns(current, lang), current.iterrows(), before.iterrows(), strict=True
    ):
        cells[column] = [
            {
                "values": now[metric.key],
                "previous": then[metric.key],
                "change": metric.change(now[metric.key], then[metric.key]),
            }[view]
            for metric in CATALOG
        ]
    kinds = {m.label(lang): m.change_cell if view == "change" else m.cell for m in CATALOG}
    return Table(
        pd.DataFrame(cells, index=pd.Index(list(kinds), name=t("common.metric", lang)), dtype=object),
        kinds,
        by_row=True,
        index=True,
    )


def latest_months(completeness: pd.DataFrame, lang: Lang, illustrative: set[str]) -> pd.DataFrame:
    """Per center and dataset: the latest month with data and when it was last uploaded (who is behind)."""
    from analytics.intake import DATASETS

    held = completeness[completeness["row_count"] > 0]
    latest = held.groupby(["center", "dataset"]).agg(month=("month", "max"), upload=("last_upload", "max"))
    uploaded = "（{:%m-%d} 上传）" if lang == "zh" else " (uploaded {:%d %b})"
    cells = latest.apply(
        lambda r: (
            f"{pd.Timestamp(r.month):%Y-%m}"
            + (uploaded.format(pd.Timestamp(r.upload)) if pd.notna(r.upload) else "")
        ),
        axis=1,
    )
    table = cells.unstack("dataset") if len(cells) else pd.DataFrame()
    centers = list(dict.fromkeys(completeness["center"]))
    datasets = list(dict.fromkeys(completeness["dataset"]))
    table = (
        table.reindex(index=centers, columns=datasets).astype(object).fillna("—")
    )  # an empty table is float
    table.columns = [DATASETS[d].title(lang) for d in datasets]
    table.index = pd.Index(
        [center_name(c, c in illustrative, lang) for c in centers], name=t("common.center", lang)
    )
    return table


def changes(
    keys: list[str], current: pd.Series, comparisons: dict[str, pd.Series], lang: Lang
) -> pd.DataFrame:
    """Each KPI's change against each comparison (label -> that period's total row)."""
    from analytics.metrics import BY_KEY

    rows = {
        label: [BY_KEY[k].format_change(current[k], before[k], lang) for k in keys]
        for label, before in comparisons.items()
    }
    return pd.DataFrame(
        rows, index=pd.Index([BY_KEY[k].label(lang) for k in keys], name=t("common.metric", lang))
    )


def ranking(box: pd.DataFrame, kpis: pd.DataFrame, lang: Lang) -> Table:
    """Centers by median resolution days (fastest first), with the interval, P90 and reliability."""
    from analytics.metrics import BY_KEY, SMALL_SAMPLE

    merged = box.merge(kpis[~kpis["is_total"]], on=["center", "is_illustrative"]).sort_values(
        ["median", "center"], na_position="last"
    )
    days = BY_KEY["median_resolution_days"]

    def interval(row: pd.Series) -> str:
        if pd.isna(row["median_low"]):
            return "—"
        return f"{days.format(row['median_low'])} – {days.format(row['median_high'])}"

    table = pd.DataFrame(
        {
            t("common.center", lang): [
                center_name(c, i, lang)
                for c, i in zip(merged["center"], merged["is_illustrative"], strict=True)
            ],
            t("tickets.n_closed", lang): merged["n"].to_numpy(),
            days.label(lang): merged["median"].to_numpy(),
            t("tickets.median_interval", lang): [interval(row) for _, row in merged.iterrows()],
        }
    )
    kinds = {t("tickets.n_closed", lang): Cell.COUNT, days.label(lang): days.cell}
    for key in (
        "p90_resolution_days",
        "on_time_rate",
        "satisfaction_rate",
        "open_tickets",
        "overdue_tickets",
    ):
        table[BY_KEY[key].label(lang)] = merged[key].to_numpy()
        kinds[BY_KEY[key].label(lang)] = BY_KEY[key].cell
    small = f"⚠ {t('common.small_sample', lang)}"  # a column of its own: the n stays a number
    table[t("ranking.col.note", lang)] = [small if n < SMALL_SAMPLE else "" for n in merged["n"]]
    return Table(table, kinds)


def response(frame: pd.DataFrame, lang: Lang, illustrative: set[str], order: list[str]) -> Table:
    rank = {center: position for position, center in enumerate(order)}
    frame = frame.sort_values("center", key=lambda c: c.map(rank).fillna(len(rank)))
    kinds = {
        t("tickets.col.n", lang): Cell.COUNT,
        t("tickets.col.responded", lang): Cell.COUNT,
        t("tickets.col.median_response", lang): Cell.DECIMAL,
        t("tickets.col.p90_response", lang): Cell.DECIMAL,
        t("tickets.col.escalation_rate", lang): Cell.RATE,
        t("tickets.col.repeat_rate", lang): Cell.RATE,
    }
    columns = [
        "n",
        "responded",
        "median_response_days",
        "p90_response_days",
        "escalation_rate",
        "repeat_rate",
    ]
    table = pd.DataFrame(
        {
            t("common.center", lang): [
                t("common.total", lang) if pd.isna(c) else center_name(c, c in illustrative, lang)
                for c in frame["center"]
            ],
            **{label: frame[column].to_numpy() for label, column in zip(kinds, columns, strict=True)},
        }
    )
    return Table(table, kinds)


@built_once
def overdue(frame: pd.DataFrame, links: pd.Series, lang: Lang, illustrative: set[str]) -> Table:
    """The overdue list with a profile link per enterprise (dates as dates, days overdue as a number)."""
    from analytics.domain import display
    from ui.topic_tables import enterprise_list, per_value

    return enterprise_list(
        frame.rename(columns={"enterprise": "name"}),
        links,
        {
            t("tickets.col.ticket", lang): frame["ticket_no"],
            t("common.center", lang): frame["center"],
            t("tickets.col.category", lang): per_value(frame["category"], lambda c: display(c, lang)),
            t("tickets.col.received", lang): pd.to_datetime(frame["received_date"]).dt.date,
            t("tickets.col.due", lang): pd.to_datetime(frame["due_date"]).dt.date,
            t("tickets.col.days_overdue", lang): frame["days_overdue"],
            t("tickets.col.lead_unit", lang): frame["lead_unit"],
            t("tickets.col.status", lang): per_value(frame["status"], lambda s: display(s, lang)),
            t("tickets.col.description", lang): frame["description"],
        },
        lang,
        illustrative,
    )
