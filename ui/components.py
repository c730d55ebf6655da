"""Streamlit building blocks shared by pages: header with the filter sentence, KPI tiles, downloads."""

from __future__ import annotations

import html
import numbers
from collections.abc import Callable
from functools import partial
from typing import Protocol

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.state.session_state_proxy import get_session_state

from analytics.auth import audit
from analytics.filters import Filters, describe_period
from analytics.i18n import Lang, t
from analytics.metrics import BY_KEY, is_missing
from analytics.tabular import Table, page_count
from ui import auth, context, data, drill, links, safe, topic_tables
from ui.charts import config


def page_header(title: str, filters: Filters, lang: Lang) -> None:
    st.title(title)
    st.caption(filters.describe(lang, center_count=len(data.centers()), quote=safe.text))


def notice_if_empty(total: pd.Series, keys: list[str], what: str, lang: Lang) -> None:
    """Say so when every one of `keys` is 0 or missing: the page's charts and tables will be empty."""
    if all(is_missing(total[key]) or total[key] == 0 for key in keys):
        st.info(t("nodata.notice", lang, what=t(f"nodata.what.{what}", lang)), icon=":material/inbox:")


def registry_notice(lang: Lang) -> None:
    """On a fresh deployment, what to import first."""
    if not data.enterprise_count():
        st.info(t("nodata.registry", lang), icon=":material/inbox:")


_TILE_CSS = """<style>
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div, [data-testid="stMetricValue"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""


def kpi_tiles(
    current: pd.Series,
    previous: pd.Series | None,
    keys: list[str],
    lang: Lang,
    previous_period: Filters | None,
) -> None:
    """One tile per metric (amounts of 亿元 size in 亿元), with its change against the previous period when
    one is given and the comparison means something (`Metric.comparable`). A long label or value wraps rather than
    being cut off."""
    st.html(_TILE_CSS)
    row = st.container(horizontal=True, wrap=True)
    for key in keys:
        metric = BY_KEY[key]
        change = None if previous is None else metric.change(current[key], previous[key])
        flat = change is None or round(change, 3) == 0
        row.metric(
            metric.short_label(lang),
            metric.short(current[key], lang),
            delta=None if change is None else metric.format_change(current[key], previous[key], lang),
            delta_color="off"
            if flat
            else {"higher": "normal", "lower": "inverse"}.get(metric.better or "", "off"),
            delta_arrow="off" if flat else "auto",
            help=metric.description(lang),
            border=True,
            width=235,
        )
    if previous_period is not None:
        st.caption(t("overview.tiles_caption", lang, previous=describe_period(previous_period.period, lang)))


def chart(figure: go.Figure, key: str) -> None:
    """A chart, or the "no data for …" notice when it has nothing to draw (see `has_data`)."""
    if _drawn(figure):
        st.plotly_chart(figure, key=key, config=config(context.lang()))


def clickable_chart(figure: go.Figure, key: str, kind: str) -> None:
    """A chart whose clicked point (its customdata) narrows the page; see ui.drill."""
    if _drawn(figure):
        st.plotly_chart(
            figure,
            key=key,
            config=config(context.lang()),
            on_select=partial(drill.select, key, kind),
            selection_mode="points",
        )


def chart_to_page(figure: go.Figure, key: str, page: str) -> None:
    """A chart whose clicked center (its customdata) opens `page` focused on that center, keeping every
    parameter of the current URL (language, global filters); see ui.drill."""
    if not _drawn(figure):
        return
    event = st.plotly_chart(
        figure, key=key, config=config(context.lang()), on_select="rerun", selection_mode="points"
    )
    center = drill.clicked(event.selection.points)
    if center is not None:
        st.switch_page(page, query_params={**_unbound_params(), drill.CENTER: center})


def _unbound_params() -> dict[str, list[str]]:
    """The URL's parameters that no widget is bound to: st.switch_page may not set the bound ones (the
    sidebar's widgets keep their values and write them back on the next page)."""
    with get_session_state().query_params() as params:
        return {name: params.get_all(name) for name in params if not params.is_bound(name)}


VALUES = ("x", "y", "z", "values", "median", "q1", "q3")  # where a trace keeps its numbers


def has_data(figure: go.Figure) -> bool:
    """Whether the figure draws anything: some trace holds a number other than 0 (text labels and dates
    are positions, not data). Without one a chart is empty axes, a flat line at 0 or a 0-to-0 day axis.
    A trace of labels only (a grid of labelled cells) counts as data when it has points."""
    for trace in figure.data:
        arrays = [trace[name] for name in VALUES if name in trace and trace[name] is not None]
        numbers = [_numbers(values) for values in arrays]
        if any(n is not None and (n != 0).any() for n in numbers):
            return True
        if all(n is None for n in numbers) and any(len(values) for values in arrays):
            return True
    return False


def _numbers(values: object) -> pd.Series | None:
    """The present values of a trace's array as numbers, or None when it holds labels or dates."""
    flat = pd.Series(np.asarray(values, dtype=object).ravel(), dtype=object)
    present = flat[flat.notna()]
    if all(isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_) for v in present):
        return pd.to_numeric(present)
    return None


def _drawn(figure: go.Figure) -> bool:
    """True when the figure has data; otherwise the notice in its place, naming the period."""
    if has_data(figure):
        return True
    period = describe_period(context.filters().period, context.lang())
    st.info(t("nodata.chart", context.lang(), period=period), icon=":material/bar_chart:")
    return False


def period_label(key: str, filters: Filters, lang: Lang) -> str:
    return t(key, lang, period=describe_period(filters.period, lang))


def target_badges(total: pd.Series, targets: dict[str, float], lang: Lang) -> None:
    """One badge per metric with a target: met (green) or missed (red)."""
    row = st.container(horizontal=True)
    for key, target in targets.items():
        metric = BY_KEY[key]
        if is_missing(total[key]):
            continue
        bound = f"{'≥' if metric.better == 'higher' else '≤'} {metric.format(target)}"
        missed = metric.misses(total[key], target)
        text = t("tickets.target_missed" if missed else "tickets.target_met", lang, metric=metric.label(lang),
                 value=metric.format(total[key]), target=bound)  # fmt: skip
        row.badge(text, color="red" if missed else "green", icon=":material/flag:")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _record_export(table: str, file_name: str) -> None:
    """The download's audit entry: who, which table, and the filter sentence in force."""
    filters = st.session_state.get(context.FILTERS_KEY)
    sentence = filters.describe("zh", center_count=len(data.centers())) if filters else None
    with context.connection().cursor() as cur:
        audit.record(
            cur, auth.principal(), "export", {"table": table, "file": file_name, "filters": sentence}
        )


def download(
    label: str,
    payload: bytes | Callable[[], bytes],
    file_name: str,
    mime: str,
    key: str,
    table: str,
    container: DeltaGenerator | None = None,
) -> None:
    """Every download of the app: a download button (in `container`, else in place) whose click is written
    to the audit log. A callable `payload` builds the file only when the button is clicked (Streamlit runs
    it then, on its own thread), not on every run of the page."""
    (container or st).download_button(
        label, payload, file_name, mime, key=key, icon=":material/download:", on_click=_record_export,
        args=(table, file_name),
    )  # fmt: skip


def _table(frame: pd.DataFrame | Table, index: bool = False) -> Table:
    return frame if isinstance(frame, Table) else Table(frame, index=index)


def downloads(frame: pd.DataFrame | Table | Callable[[], Table], stem: str, lang: Lang) -> None:
    """CSV and .xlsx of a table, in the screen's layout (see analytics.tabular); a callable `frame` builds
    the table only when a button is clicked."""
    table = frame if callable(frame) else partial(_table, frame)
    row = st.container(horizontal=True)
    download(
        t("common.download_csv", lang), lambda: table().csv(lang), f"{stem}.csv", "text/csv", f"{stem}-csv",
        stem, row,
    )  # fmt: skip
    download(
        t("common.download_xlsx", lang), lambda: table().xlsx(stem), f"{stem}.xlsx", XLSX, f"{stem}-xlsx",
        stem, row,
    )  # fmt: skip


# On a narrow screen (a phone) a table is shown as cards, one per row, each label beside its value: the
# wide grid is hidden there, the cards everywhere else. The cards and the grid share one st.container.
PHONE_WIDTH = 640
# A pair wider than this (in em: a Chinese character 1, a Latin letter or digit 0.55) takes the card's whole
# width; two pairs share a row otherwise (half of a 390 px phone's card: about 9.9 em, less the gap).
WIDE_PAIR = 9
_PHONE_CSS = f"""<style>
.phone-cards {{ display: flex; flex-direction: column; gap: 0.5rem; }}
.phone-card {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.5rem 0.75rem; }}
.phone-card-title {{ font-weight: 600; margin-bottom: 0.25rem; }}
.phone-card dl {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0.1rem 1rem;
  margin: 0; padding: 0; }}
.phone-pair {{ display: flex; justify-content: space-between; gap: 0.5rem; }}
.phone-pair.wide {{ grid-column: 1 / -1; }}
.phone-pair dt {{ font-weight: 400; margin: 0; overflow-wrap: anywhere; }}
.phone-pair dd {{ margin: 0; font-variant-numeric: tabular-nums; white-space: nowrap; }}
@media (min-width: {PHONE_WIDTH + 1}px) {{
  [data-testid="stElementContainer"]:has(.phone-cards) {{ display: none; }}
}}
@media (max-width: {PHONE_WIDTH}px) {{
  [data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] .phone-cards)
    > [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {{ display: none; }}
}}
</style>"""


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return safe.text(f"{value:,}" if isinstance(value, numbers.Integral) else f"{value:,.6g}")
    return safe.text(value)


def _ems(text: object) -> float:
    """The width of `text` in em, roughly: a character of CJK width 1, any other 0.55."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.55 for char in str(text))


def phone_cards(frame: pd.DataFrame, titled_by_index: bool, links: pd.Series | None = None) -> str:
    """`frame` as HTML cards, one per row: its title (the index, or else the first column; with `links`,
    each row's link opening in a new tab, as the grid's link column does), then each column's label beside
    its value. Every text escaped (ui/safe.py). Nothing ("") for a frame without rows or columns: the grid
    alone says that."""
    if frame.empty:
        return ""
    titles = [_cell(title) for title in (frame.index if titled_by_index else frame.iloc[:, 0])]
    if links is not None:
        titles = [  # the link without its '#name' (only the grid's link column reads the name from there)
            f'<a href="{html.escape(str(link).partition("#")[0])}" target="_blank">{title}</a>'
            for title, link in zip(titles, links, strict=True)
        ]
    fields = frame if titled_by_index else frame.iloc[:, 1:]
    cards = [
        f'<div class="phone-card"><div class="phone-card-title">{title}</div><dl>'
        + "".join(
            f'<div class="phone-pair{" wide" if _ems(label) + _ems(_cell(value)) > WIDE_PAIR else ""}">'
            f"<dt>{_cell(label)}</dt>"
            f"<dd>{_cell(value)}</dd></div>"
            for label, value in row.items()
        )
        + "</dl></div>"
        for title, (_, row) in zip(titles, fields.iterrows(), strict=True)
    ]
    return f'{_PHONE_CSS}<div class="phone-cards">{"".join(cards)}</div>'


def table(frame: pd.DataFrame | Table, stem: str | None = None, lang: Lang = "zh", **kwargs: object) -> None:
    """A read-only table with every column right-aligned (formatted numbers), shown as cards on a phone;
    with `stem`, CSV / Excel downloads of what is shown."""
    typed = _table(frame, index=kwargs.get("hide_index") is False)
    shown = typed.shown(lang)
    config = {column: st.column_config.TextColumn(alignment="right") for column in shown.columns}
    config["_index"] = st.column_config.TextColumn(width="large")
    with st.container():
        st.dataframe(shown, column_config=config, placeholder="—", **kwargs)
        if cards := phone_cards(shown, titled_by_index=kwargs.get("hide_index") is not True):
            st.html(cards)
    if stem:
        downloads(typed, stem, lang)


PAGE_ROWS = 100  # rows of a long list sent to the browser at a time


def paged(
    table: Table, key: str, lang: Lang, columns: list[str] | None = None, showing: int = 0
) -> tuple[Table, Table]:
    """(the rows to show, the rows to download) of a list. A list longer than a page gets a search box
    (over `columns`, default its text columns) and a page number, and the browser gets one page of it,
    at first the page holding row position `showing`."""
    if len(table.values) <= PAGE_ROWS:
        return table, table
    row = st.container(horizontal=True, vertical_alignment="bottom")
    query = _search_box(row, key, lang)
    found = table.matching(query, columns)
    start = _page_start(row, key, lang, query, len(found.values), showing)
    if start is None:
        return found, found
    return found.rows(start, start + PAGE_ROWS), found


def _search_box(row: DeltaGenerator, key: str, lang: Lang) -> str:
    return row.text_input(
        t("list.search", lang), key=f"{key}-search", placeholder=t("list.search_hint", lang), width=320
    )


def _page_start(
    row: DeltaGenerator, key: str, lang: Lang, query: str, total: int, showing: int
) -> int | None:
    """The page number input beside the search box and the caption under it: the first row position of the
    page chosen, None when the search found nothing (said)."""
    pages = page_count(total, PAGE_ROWS)
    page = row.number_input(  # keyed on the page count: a new search or filter starts at page 1
        t("list.page", lang), min_value=1, max_value=pages, value=min(pages, showing // PAGE_ROWS + 1), step=1,
        key=f"{key}-page-{pages}", width=140,
    )  # fmt: skip
    if total == 0:
        st.caption(t("list.no_match", lang, query=safe.text(query.strip())))
        return None
    start = (int(page) - 1) * PAGE_ROWS
    last = min(start + PAGE_ROWS, total)
    st.caption(
        t("list.showing", lang, first=f"{start + 1:,}", last=f"{last:,}", total=f"{total:,}", size=PAGE_ROWS)
    )
    return start


class SearchedList(Protocol):
    """A list searched and paged in SQL (e.g. ui.lists.NotVisited)."""

    def counts(self, query: str) -> tuple[int, int]: ...  # (rows listed, rows the search finds)

    def rows(self, query: str, start: int, size: int) -> Table: ...

    def every_row(self, query: str) -> Callable[[], Table]: ...  # built off the script's thread


def number_columns(table: pd.DataFrame) -> dict[str, object]:
    """Thousands separators for numeric columns."""
    return {
        column: st.column_config.NumberColumn(format="localized")
        for column in table.columns
        if pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(table[column])
    }


def enterprise_table(table: Table, stem: str, lang: Lang, height: int = 420) -> None:
    """A list of enterprises whose first column links to each profile, with CSV / Excel downloads."""
    if table.empty:
        st.caption(t("common.no_rows", lang))
        return
    page, found = paged(table, stem, lang, [c for c in table.values.columns if c != "link"])
    _enterprise_grid(page, lang, height)
    downloads(topic_tables.for_download(found, lang), stem, lang)


def searched_enterprise_table(
    source: SearchedList, listed: int, stem: str, lang: Lang, height: int = 420
) -> None:
    """`enterprise_table` of a list searched and paged in SQL (`listed` rows long): the server reads and
    holds one page; the downloads (every row the search finds) are built when clicked."""
    if listed == 0:
        st.caption(t("common.no_rows", lang))
        return
    query, start = "", 0
    if listed > PAGE_ROWS:
        row = st.container(horizontal=True, vertical_alignment="bottom")
        query = _search_box(row, stem, lang)
        start = _page_start(row, stem, lang, query, source.counts(query)[1], 0)
        if start is None:
            return
    _enterprise_grid(source.rows(query, start, PAGE_ROWS), lang, height)
    every_row = source.every_row(query)
    downloads(lambda: topic_tables.for_download(every_row(), lang), stem, lang)


def _enterprise_grid(page: Table, lang: Lang, height: int) -> None:
    """One page of an enterprise list: the grid (its first column the profile links), cards on a phone."""
    shown = page.shown(lang)
    with st.container():
        st.dataframe(
            shown,
            hide_index=True,
            height=min(height, 35 * (len(shown) + 1) + 3),
            placeholder="—",
            column_config={
                **number_columns(shown),
                "link": links.column(lang),
                t("col.enterprise", lang): None,  # the plain name is for exports
            },
        )
        plain = topic_tables.for_download(page, lang).shown(lang)  # the name first, where the link is
        if cards := phone_cards(plain, titled_by_index=False, links=shown["link"]):
            st.html(cards)


def listing(table: pd.DataFrame, stem: str, lang: Lang, nothing: str = "enterprise.nothing") -> None:
    """A plain list with its downloads, or the note `nothing`. A row marked in the came-from column
    (ui.origin: the demand the user came from) is highlighted."""
    if table.empty:
        st.caption(t(nothing, lang))
        return
    mark = t("enterprise.col.came_from", lang)
    marked = mark in table
    came_from = np.flatnonzero(table[mark].astype(bool).to_numpy()) if marked else []
    page, found = paged(Table(table), stem, lang, showing=came_from[0] if len(came_from) else 0)
    shown = page.values
    config = number_columns(shown) | ({mark: st.column_config.TextColumn(pinned=True)} if marked else {})
    with st.container():
        st.dataframe(
            shown.style.apply(_highlight, axis=1, column=mark) if marked else shown, hide_index=True,
            height=min(380, 35 * (len(shown) + 1) + 3), placeholder="—", column_config=config,
        )  # fmt: skip
        if cards := phone_cards(shown, titled_by_index=False):
            st.html(cards)
    downloads(found, stem, lang)


def _highlight(row: pd.Series, column: str) -> list[str]:
    """The style of a row: highlighted when its `column` cell is marked."""
    return ["background-color: #fdebd0; font-weight: bold" if row[column] else ""] * len(row)


def facts(table: pd.DataFrame) -> None:
    """Label–value pairs (a one-column frame indexed by label) as a compact list."""
    st.markdown("\n".join(f"- **{label}**：{safe.text(value)}" for label, value in table.iloc[:, 0].items()))


def illustrative_note(kpis: pd.DataFrame, lang: Lang) -> None:
    if kpis["is_illustrative"].any():
        st.caption(t("illustrative.note", lang))
