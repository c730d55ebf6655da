"""The import-history page's pieces: the batch table, a batch's rejects, and undo with confirmation."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analytics import batches
from analytics.auth import allowed, can
from analytics.i18n import Lang, t
from analytics.intake import DATASETS, Refused, undo
from ui import auth, context, data, safe

CONFIRM_KEY, FLASH_KEY = "_confirm_undo", "_undo_flash"


@st.cache_data(show_spinner=False)
def _batches(version: int) -> pd.DataFrame:
    return batches.list_batches(context.connection())


def history_table(lang: Lang) -> pd.DataFrame:
    frame = _batches(context.data_version())

    def status(row: Any) -> str:
        if pd.notna(row.undone_at):
            return t("batches.undone", lang, when=f"{row.undone_at:%Y-%m-%d %H:%M}")
        return t("batches.demo", lang) if row.is_demo else t("batches.in_force", lang)

    return pd.DataFrame(
        {
            "batch_id": frame["batch_id"],
            "created_at": frame["created_at"],
            "file_name": frame["file_name"],
            "dataset": frame["dataset"].map(lambda d: DATASETS[d].title(lang) if d in DATASETS else d),
            "center": frame["center"].map(lambda c: data.center_shown(c, lang)),
            "user_name": frame["user_name"],
            "rows_read": frame["rows_read"],
            "inserted": frame["inserted"],
            "updated": frame["updated"],
            "unchanged": frame["unchanged"],
            "rejected": frame["rejected"],
            "status": [status(row) for row in frame.itertuples()],
            "sha256": frame["sha256"],
            "undone": frame["undone_at"].notna(),
        }
    )


def history_columns(lang: Lang) -> dict[str, Any]:
    text = st.column_config.TextColumn
    number = st.column_config.NumberColumn
    return {
        "batch_id": number(t("batches.col.id", lang), format="%d", width="small"),
        "created_at": st.column_config.DatetimeColumn(t("batches.col.time", lang), format="YYYY-MM-DD HH:mm"),
        "file_name": text(t("batches.col.file", lang)),
        "dataset": text(t("batches.col.dataset", lang)),
        "center": text(t("batches.col.center", lang)),
        "user_name": text(t("batches.col.user", lang)),
        "rows_read": number(t("batches.col.read", lang), format="localized"),
        "inserted": number(t("batches.col.inserted", lang), format="localized"),
        "updated": number(t("batches.col.updated", lang), format="localized"),
        "unchanged": number(t("import.unchanged", lang), format="localized"),
        "rejected": number(t("import.reject", lang), format="localized"),
        "status": text(t("batches.col.status", lang)),
        "sha256": text(t("batches.col.sha", lang), width="small"),
        "undone": None,
    }


def selected_batch(history: pd.DataFrame, selection: Any) -> Any | None:
    rows = selection.selection.rows if selection else []
    return history.iloc[rows[0]] if rows else None


@st.cache_data(show_spinner=False)
def _rejects(batch_id: int, lang: Lang, version: int) -> pd.DataFrame:
    return batches.rejected_rows(context.connection(), batch_id, lang)


def rejects_table(batch_id: int, lang: Lang) -> pd.DataFrame:
    """The batch's rejected rows with their raw cells as columns (the error report's layout)."""
    return _rejects(batch_id, lang, context.data_version())


def undo_controls(batch: Any, lang: Lang) -> None:
    """An undo button, then a confirmation; a refusal explains which later batch to undo first."""
    if batch.undone:
        if st.session_state.pop(CONFIRM_KEY, None) == batch.batch_id:  # another session undid it meanwhile
            st.warning(t("batches.undone_meanwhile", lang, batch=batch.batch_id), icon=":material/info:")
        return
    who = auth.principal()
    center = batch.center if isinstance(batch.center, str) else None
    if not allowed(who, "undo", center):
        if can(who, "undo"):
            st.caption(t("batches.undo_not_yours", lang))
        return
    if st.session_state.get(CONFIRM_KEY) != batch.batch_id:
        if st.button(t("batches.undo", lang), icon=":material/undo:", key="undo"):
            st.session_state[CONFIRM_KEY] = int(batch.batch_id)
            st.rerun()
        return
    st.warning(t("batches.undo_confirm", lang, batch=batch.batch_id))
    if st.button(t("batches.undo_yes", lang), type="primary", key="undo_yes"):
        st.session_state.pop(CONFIRM_KEY, None)
        try:
            undone = undo(context.connection(), int(batch.batch_id), who)
        except Refused as refusal:
            st.error(
                safe.text(refusal.problem.zh if lang == "zh" else refusal.problem.en), icon=":material/block:"
            )
            return
        context.after_write()
        st.session_state[FLASH_KEY] = undone.message(lang)
        st.rerun()


def flash() -> None:
    """The outcome of an undo, shown once after the page reloads with the new history."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
