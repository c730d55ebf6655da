"""A center head imports for their own center only: accepted rows that name another center are rejected.

A row names a center directly (parks, activities), through its park (enterprises) or through its
enterprise's park (visits, tickets, output, vaccinations).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from analytics.intake.headers import HeaderMatch
from analytics.intake.validate import Registry, Validation


def row_centers(match: HeaderMatch, rows: pd.DataFrame, registry: Registry) -> tuple[pd.Series, str]:
    """The center each accepted row belongs to (NaN when unknown) and the column that says so."""
    dataset = match.dataset
    if dataset.by_enterprise:
        owner = registry.enterprises.drop_duplicates("uscc").set_index("uscc")["center"]
        return rows["uscc"].map(owner), "uscc" if "uscc" in match.present else "name"
    if "center" in rows.columns:
        return rows["center"], "center"
    return rows["park"].map(registry.park_center), "park"


def restrict(validation: Validation, match: HeaderMatch, registry: Registry, center: str) -> Validation:
    """Move the accepted rows belonging to another center than `center` to the rejected rows."""
    rows = validation.rows
    if rows.empty:
        return validation
    owners, column = row_centers(match, rows, registry)
    foreign = owners.notna() & (owners != center)
    if not foreign.any():
        return validation
    header = match.header_of(column)
    problems = pd.DataFrame(
        {
            "row": rows.index[foreign],
            "column": header,
            "message_zh": [
                f"该行属于服务中心「{c}」，本账号只能导入「{center}」的数据" for c in owners[foreign]
            ],
            "message_en": [
                f"the row belongs to center {c}; this account imports for {center} only"
                for c in owners[foreign]
            ],
        }
    )
    merged = pd.concat([validation.problems, problems], ignore_index=True)
    return dataclasses.replace(
        validation,
        rows=rows[~foreign],
        problems=merged.sort_values("row", kind="stable").reset_index(drop=True),
        rejected_count=validation.rejected_count + int(foreign.sum()),
    )
