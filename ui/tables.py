"""Display and export shapes of mart frames. Pure pandas: no streamlit, no SQL, no aggregation."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from analytics.i18n import Lang, t
from analytics.metrics import CATALOG
from ui.charts import center_label

View = Literal["values", "change", "previous"]


def _columns(kpis: pd.DataFrame, lang: Lang) -> list[str]:
    return [
        t("common.total", lang) if row.is_total else center_label(row.center, row.is_illustrative)
        for row in kpis.itertuples()
    ]


def kpi_table(current: pd.DataFrame, previous: pd.DataFrame, view: View, lang: Lang) -> pd.DataFrame:
    """Metrics as rows, centers then the total as columns, cells formatted per the catalog.

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
                "values": metric.format(now[metric.key]),
                "previous": metric.format(then[metric.key]),
                "change": metric.format_change(now[metric.key], then[metric.key], lang),
            }[view]
            for metric in CATALOG
        ]
    return pd.DataFrame(
        cells, index=pd.Index([m.label(lang) for m in CATALOG], name=t("common.metric", lang))
    )


def kpi_export(kpis: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The KPI table for download: one row per center then the total, numbers unrounded."""
    frame = kpis[[metric.key for metric in CATALOG]].copy()
    frame.columns = [metric.label(lang) for metric in CATALOG]
    frame.insert(0, t("common.center", lang), _columns(kpis, lang))
    return frame


def latest_months(completeness: pd.DataFrame, lang: Lang) -> pd.DataFrame:
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
    table = table.reindex(index=centers, columns=datasets).fillna("—")
    table.columns = [DATASETS[d].title(lang) for d in datasets]
    table.index.name = t("common.center", lang)
    return table
