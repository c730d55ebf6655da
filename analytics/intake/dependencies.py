"""What an undo would orphan: rows of other batches that refer to centers, parks or enterprises the
batch inserted (undo deletes those; rows it only updated are put back and keep their key)."""

from __future__ import annotations

import duckdb

from analytics.intake.reading import Refused

# parent table -> its key, its name, and the (child table, referring column) pairs
PARENTS: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
    "centers": ("center", "服务中心", "centers", (("parks", "center"), ("activities", "center"))),
    "parks": ("park", "园区", "parks", (("enterprises", "park"), ("activities", "park"))),
    "enterprises": (
        "uscc", "企业", "enterprises",
        (("tickets", "uscc"), ("visits", "uscc"), ("output_monthly", "uscc"), ("vaccination_snapshots", "uscc")),
    ),
}  # fmt: skip
CHILD_NAMES = {
    "parks": ("个园区", "parks"),
    "enterprises": ("家企业", "enterprises"),
    "tickets": ("条诉求", "demands"),
    "visits": ("次走访", "visits"),
    "output_monthly": ("条月度产值", "monthly output reports"),
    "vaccination_snapshots": ("份接种统计", "vaccination returns"),
    "activities": ("场活动", "activities"),
}


def dependents(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, dict[str, tuple[int, list[int]]]]:
    """Per parent table: child table -> (rows of other batches referring to the batch's new rows,
    those batches)."""
    found: dict[str, dict[str, tuple[int, list[int]]]] = {}
    with con.cursor() as cur:
        for parent, (key, _, _, children) in PARENTS.items():
            removed = (
                f"SELECT {key} FROM {parent} WHERE batch_id = $batch AND {key} NOT IN ("
                f"SELECT key_values->>'{key}' FROM import_changes "
                f"WHERE batch_id = $batch AND table_name = '{parent}' AND old_values IS NOT NULL)"
            )
            for child, column in children:
                rows = cur.execute(
                    f"SELECT batch_id, count(*) FROM {child} WHERE {column} IN ({removed}) "
                    "AND batch_id IS DISTINCT FROM $batch GROUP BY ALL ORDER BY 1",
                    {"batch": batch_id},
                ).fetchall()
                if rows:
                    batches = [b for b, _ in rows if b is not None]
                    found.setdefault(parent, {})[child] = (sum(n for _, n in rows), batches)
    return found


def refuse_if_depended_on(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Refuse an undo that would leave rows of other batches pointing at nothing, naming them."""
    found = dependents(con, batch_id)
    if not found:
        return
    zh_parts, en_parts, batches = [], [], set()
    for parent, children in found.items():
        _, parent_zh, parent_en, _ = PARENTS[parent]
        counts_zh = "、".join(f"{n:,} {CHILD_NAMES[c][0]}" for c, (n, _) in children.items())
        counts_en = ", ".join(f"{n:,} {CHILD_NAMES[c][1]}" for c, (n, _) in children.items())
        zh_parts.append(f"{counts_zh}引用了本批次新增的{parent_zh}")
        en_parts.append(f"{counts_en} refer to {parent_en} this batch added")
        batches.update(b for _, listed in children.values() for b in listed)
    listed = sorted(batches)
    zh = f"不能撤销批次 {batch_id}：" + "；".join(zh_parts) + "，撤销会使这些记录失去所属对象。"
    en = f"batch {batch_id} cannot be undone: " + "; ".join(en_parts) + ", and would be left orphaned."
    if listed:
        zh += f"请先撤销引用它们的批次 {'、'.join(map(str, listed))}"
        en += f" Undo the batches that refer to them first: {', '.join(map(str, listed))}"
    raise Refused(zh, en)
