"""Natural keys of docs/datasets.md as one string per row (the row_key columns).

A row with a number (工单号, 走访编号, 活动编号) is keyed by it; otherwise by its composite key.
The demo generator and the importer both build keys here, so they agree.
"""

from __future__ import annotations

import pandas as pd

SEPARATOR = "\x1f"  # unit separator: never part of a spreadsheet cell


def numbered_key(number: pd.Series) -> pd.Series:
    return "no:" + number.astype("string")


def composite_key(*parts: pd.Series) -> pd.Series:
    """'k:' + the parts joined; missing parts become empty strings; dates are ISO."""
    texts = [_text(part) for part in parts]
    joined = texts[0]
    for text in texts[1:]:
        joined = joined + SEPARATOR + text
    return "k:" + joined


def _text(part: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(part):
        return part.dt.strftime("%Y-%m-%d").fillna("")
    return part.astype("string").fillna("")
