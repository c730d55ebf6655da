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
