"""数据导入 — center heads upload their ledgers: check, preview, confirm; templates to start from."""

from functools import partial

import streamlit as st

from analytics.i18n import t
from analytics.intake import DATASETS
from analytics.intake.templates import template_bytes
from ui import components, context
from ui.intake import Choices, center_select, file_uploader, panel

lang = context.lang()
st.title(t("import.title", lang))
st.caption(t("import.intro", lang))
components.registry_notice(lang)

with st.expander(t("import.templates", lang), icon=":material/table_view:"):
    row = st.container(horizontal=True)
    for dataset in DATASETS.values():
        components.download(
            dataset.title(lang), partial(template_bytes, dataset.name), f"模板-{dataset.title_zh}.xlsx", components.XLSX,
            f"template-{dataset.name}", f"template:{dataset.name}", row,
        )  # fmt: skip

left, middle, _ = st.columns(3)
dataset = left.selectbox(
    t("import.dataset", lang), [None, *DATASETS],
    format_func=lambda name: t("import.detect", lang) if name is None else DATASETS[name].title(lang), key="import_dataset",
)  # fmt: skip
center = center_select(middle, lang)
uploads = file_uploader(t("import.files", lang), "import_files", lang)
for upload in uploads or []:
    panel(upload, Choices(dataset, center), lang)
