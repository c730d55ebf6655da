"""导入记录 — every batch, its rejected rows, and undo."""

import streamlit as st

from analytics.exports import xlsx_bytes
from analytics.i18n import t
from ui import batches, components, context, safe

lang = context.lang()
st.title(t("batches.title", lang))
st.caption(t("batches.caption", lang))
batches.flash()

history = batches.history_table(lang)
if history.empty:
    st.info(t("batches.empty", lang), icon=":material/inbox:")
    st.stop()
selection = st.dataframe(
    history, hide_index=True, on_select="rerun", selection_mode="single-row", key="batch_table", placeholder="—",
    column_config=batches.history_columns(lang),
)  # fmt: skip
chosen = batches.selected_batch(history, selection)
if chosen is None:
    st.caption(t("batches.select", lang))
    st.stop()

st.subheader(t("batches.detail", lang, batch=chosen.batch_id, file=safe.text(chosen.file_name)))
rejects = batches.rejects_table(int(chosen.batch_id), lang)
if rejects.empty:
    st.caption(t("batches.no_rejects", lang))
else:
    st.dataframe(rejects, hide_index=True, placeholder="—")
    components.download(
        t("batches.rejects_download", lang), lambda: xlsx_bytes(rejects, "rejects"),
        f"batch-{chosen.batch_id}-rejects.xlsx", components.XLSX, "batch-rejects", f"rejects:{chosen.batch_id}",
    )  # fmt: skip
batches.undo_controls(chosen, lang)
