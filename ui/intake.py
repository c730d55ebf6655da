"""The upload page's panel for one file: plan (cached per session), preview, mapping, confirm."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from analytics.i18n import Lang, t
from analytics.intake import (
    DATASETS,
    ImportPlan,
    MissingColumns,
    Refused,
    commit_import,
    mappings,
    plan_import,
    unexpected,
)
from analytics.intake.headers import HeaderMatch
from ui import auth, components, context, data, safe

PLANS_KEY, RESULTS_KEY = "_import_plans", "_import_results"
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "htm", "html", "csv"]


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def file_uploader(label: str, key: str, lang: Lang) -> list[UploadedFile] | None:
    """st.file_uploader with its own texts (the button, the size limit) in `lang`: Streamlit writes them
    in English, so CSS hides them and shows ours in their place."""
    button = _css_string(t("uploader.browse", lang))
    types = ", ".join(dict.fromkeys("HTML" if kind == "htm" else kind.upper() for kind in UPLOAD_TYPES))
    limit = _css_string(t("uploader.limit", lang, mb=st.get_option("server.maxUploadSize"), types=types))
    drop = _css_string(t("uploader.drop", lang))
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(
        f"""<style>
{zone} button [data-testid="stMarkdownContainer"] p {{ display: none; }}
{zone} button [data-testid="stMarkdownContainer"]::after {{ content: {button}; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{ content: {drop}; display: block; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {limit}; display: block;
  font-size: 0.875rem; opacity: 0.7; }}
</style>"""
    )
    return st.file_uploader(label, type=UPLOAD_TYPES, accept_multiple_files=True, key=key)


@dataclass(frozen=True)
class Choices:
    dataset: str | None
    center: str | None


def center_select(container: DeltaGenerator, lang: Lang) -> str | None:
    """The uploading center: any (or none) for an admin; fixed to their own for a center head."""
    who = auth.principal()
    own = who.role == "center_head"
    options = [who.center] if own else [None, *data.centers()["center"]]
    return container.selectbox(
        t("import.center", lang), options, disabled=own, key="import_center",
        format_func=lambda name: t("import.no_center", lang) if name is None else data.center_shown(name, lang),
        help=t("import.center_fixed", lang) if own else None,
    )  # fmt: skip


def _mapping_state(center: str | None) -> tuple:
    learned = mappings.remembered(context.connection(), center)
    return tuple(
        sorted(
            (dataset, header, column)
            for dataset, found in learned.items()
            for header, column in found.items()
        )
    )


def plan_for(upload: UploadedFile, choices: Choices) -> ImportPlan | Refused:
    """The file's plan (or refusal), recomputed only when the file, choices, data or mappings change."""
    who = auth.principal()
    key = (upload.file_id, choices, who, context.data_version(), _mapping_state(choices.center))
    plans = st.session_state.setdefault(PLANS_KEY, {})
    if key not in plans:
        try:
            plans[key] = plan_import(
                context.connection(), upload.getvalue(), upload.name, choices.dataset, choices.center,
                principal=who,
            )  # fmt: skip
        except Refused as refusal:
            plans[key] = refusal
        except Exception as error:  # a clear message and a reference for the log, never a traceback
            plans[key] = unexpected(error, upload.name)
    return plans[key]


def panel(upload: UploadedFile, choices: Choices, lang: Lang) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe.text(upload.name)}**")
        done = st.session_state.setdefault(RESULTS_KEY, {}).get(upload.file_id)
        if done:
            counts, plan = done
            st.success(t("import.done", lang, **counts), icon=":material/check_circle:")
            row = st.container(horizontal=True)
            row.page_link("views/data_batches.py", label=t("page.batches", lang), icon=":material/history:")
            row.page_link("views/overview.py", label=t("page.overview", lang), icon=":material/dashboard:")
            _rejects(plan, lang, upload.file_id)
            return
        outcome = plan_for(upload, choices)
        if isinstance(outcome, Refused):
            st.error(t("import.refused", lang) + safe.text(outcome.problem.text()), icon=":material/block:")
            if isinstance(outcome, MissingColumns):
                st.markdown(f"**{t('import.map_title', lang)}**")
                _mapping_form(outcome.match, choices, lang, upload.file_id)
            return
        _plan(outcome, choices, lang, upload.file_id)


def _plan(plan: ImportPlan, choices: Choices, lang: Lang, file_id: str) -> None:
    st.caption(
        t(
            "import.summary",
            lang,
            dataset=plan.dataset.title(lang),
            sheet=safe.text(plan.sheet_name or "—"),
            row=plan.header_row,
        )
    )
    counts = [
        ("import.rows_read", plan.validation.rows_read),
        ("import.insert", plan.counts.inserted),
        ("import.update", plan.counts.updated),
        ("import.unchanged", plan.counts.unchanged),
        ("import.reject", plan.rejected),
    ]
    row = st.container(horizontal=True)
    for key, value in counts:
        row.metric(t(key, lang), f"{value:,}", border=True, width=150)
    for warning in plan.warnings():
        st.warning(safe.text(warning.zh if lang == "zh" else warning.en), icon=":material/info:")
    if plan.match.unrecognised:
        with st.expander(t("import.map_title", lang)):
            _mapping_form(plan.match, choices, lang, file_id)
    with st.expander(t("import.mapping", lang)):
        st.dataframe(plan.column_mapping(lang), hide_index=True, placeholder="—")
    with st.expander(t("import.preview", lang)):
        st.dataframe(plan.preview().rename_axis(t("import.row_number", lang)), placeholder="—")
    if plan.validation.unknown_enterprises:
        st.markdown(f"**{t('import.unknown', lang)}**")
        st.caption(t("import.unknown_caption", lang))
        st.dataframe(plan.validation.unknown_enterprises, hide_index=True, placeholder="—")
    _rejects(plan, lang, file_id)
    valid = plan.counts.inserted + plan.counts.updated + plan.counts.unchanged
    if not valid:
        st.info(t("import.nothing", lang))
    ready = valid and plan.imported_as is None  # a file already in force says so in its warnings
    if st.button(t("import.confirm", lang), key=f"confirm-{file_id}", type="primary", disabled=not ready):
        _commit(plan, lang, file_id)


def _rejects(plan: ImportPlan, lang: Lang, file_id: str) -> None:
    """The rejected rows with their reasons, and the error report to fix and upload again."""
    if not plan.rejected:
        if plan.warnings():
            _report_button(plan, lang, file_id)
        return
    st.markdown(f"**{t('import.rejects', lang)}**")
    st.caption(t("import.rejects_caption", lang))
    problems = plan.validation.problems
    st.dataframe(
        problems[["row", "column", "message_zh" if lang == "zh" else "message_en"]].set_axis(
            [t("report.row", lang), t("report.column", lang), t("report.problem", lang)], axis=1
        ),
        hide_index=True,
        placeholder="—",
        height=min(400, 35 * (len(problems) + 1) + 3),
    )
    _report_button(plan, lang, file_id)


def _report_button(plan: ImportPlan, lang: Lang, file_id: str) -> None:
    components.download(
        t("import.error_report", lang), lambda: plan.error_report(lang),
        f"{plan.file_name.rsplit('.', 1)[0]}-{t('import.error_report_file', lang)}.xlsx", components.XLSX, f"report-{file_id}",
        f"error-report:{plan.file_name}",
    )  # fmt: skip


def _commit(plan: ImportPlan, lang: Lang, file_id: str) -> None:
    try:
        batch_id, counts = commit_import(context.connection(), plan)
    except Refused as refusal:  # e.g. another session imported this very file meanwhile
        st.error(t("import.refused", lang) + safe.text(refusal.problem.text()), icon=":material/block:")
        return
    except Exception as error:  # the transaction rolled back; say so plainly, with a reference for the log
        st.error(t("import.failed", lang) + safe.text(unexpected(error, plan.file_name).problem.text()))
        return
    st.session_state[RESULTS_KEY][file_id] = (
        {
            "batch": batch_id, "inserted": counts.inserted, "updated": counts.updated,
            "unchanged": counts.unchanged, "rejected": plan.rejected,
        },
        plan,
    )  # fmt: skip
    context.after_write()
    st.rerun()


def _mapping_form(match: HeaderMatch, choices: Choices, lang: Lang, file_id: str) -> None:
    """Let the user map unrecognised headers to the dataset's columns, remembered for the center."""
    if not match.unrecognised:
        return
    if not choices.center:
        st.caption(t("import.map_needs_center", lang))
        return
    dataset = DATASETS[match.dataset.name]
    free = [c for c in dataset.columns if c.name not in match.present]
    with st.form(key=f"map-{file_id}"):
        st.caption(t("import.map_caption", lang))
        chosen = {
            header: st.selectbox(
                safe.text(header),
                [None, *[c.name for c in free]],
                format_func=lambda name: (
                    t("import.map_ignore", lang) if name is None else dataset.column(name).label(lang)
                ),
                key=f"map-{file_id}-{header}",
            )
            for header in match.unrecognised
        }
        if st.form_submit_button(t("import.map_save", lang)):
            try:
                for header, column in chosen.items():
                    if column:
                        mappings.remember(
                            context.connection(),
                            auth.principal(),
                            choices.center,
                            dataset.name,
                            header,
                            column,
                        )
            except Refused as refusal:
                st.error(refusal.problem.text(), icon=":material/block:")
                return
            st.rerun()
