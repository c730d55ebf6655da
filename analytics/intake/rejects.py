"""The rejected rows as the clerk wrote them: 原行号 first, the raw cells under their own headers, 问题 last.

One shape for the preview's error report and the import history, so a report from either can be fixed
and uploaded again (the importer skips its own 原行号 / 问题 columns).
"""

from __future__ import annotations

import pandas as pd

from analytics.i18n import Lang, t


def report(raw: pd.DataFrame, problems: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """`raw`: the rejected rows' cells as text, indexed by row number; `problems`: one line per problem
    (row, column, message_zh, message_en). A row's problems are joined into one 问题 cell."""
    text = problems["column"].fillna("").map(lambda c: f"{c}：" if c else "") + (
        problems["message_zh"] if lang == "zh" else problems["message_en"]
    )
    reasons = text.groupby(problems["row"].to_numpy()).agg("；".join)
    rows = list(raw.index)
    report = raw.assign(**{t("report.problem", lang): reasons.reindex(rows).to_numpy()})
    report.insert(0, t("report.row", lang), rows)
    return report.reset_index(drop=True)
