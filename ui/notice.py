"""The one notice of what a link asked for that the page could not use (analytics/links.py finds it).

However many parameters were wrong — the language, the global filters, the page's drill-down, what only
the page itself can check (`add`: the profile's ?ticket=) — the page shows one notice above its content, in
the current language, with every value from the URL escaped. It belongs to the view the link opened: it
stays while the page and the filters are those, and goes when the user changes either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.filters import Filters
from analytics.i18n import Lang, join, t
from analytics.links import Correction
from ui import safe

STATE_KEY = "_link_notice"
SHOWN_VALUE_CHARS = 60  # a value longer than this is cut (a link can hold anything)

View = tuple[str, Filters | None]  # the page's URL path and the global filters


@dataclass
class _Notice:
    corrections: list[Correction] = field(default_factory=list)  # shown for `view`
    view: View | None = None
    fresh: list[Correction] = field(default_factory=list)  # reported during this run
    slot: DeltaGenerator | None = None  # where this run shows it
    page: list[Correction] = field(default_factory=list)  # added by this run's page


def _state() -> _Notice:
    return st.session_state.setdefault(STATE_KEY, _Notice())


def report(corrections: Iterable[Correction]) -> None:
    """Add what was ignored or corrected to the notice (dashboard.py shows it before the page runs)."""
    _state().fresh.extend(corrections)


def show(page: str, filters: Filters | None, lang: Lang) -> None:
    """The notice, unless the user has moved on from the view the link opened."""
    notice = _state()
    if notice.view != (page, filters):
        notice.corrections, notice.view = [], (page, filters)
    notice.corrections += [c for c in dict.fromkeys(notice.fresh) if c not in notice.corrections]
    notice.fresh, notice.slot, notice.page = [], st.empty(), []
    _draw(notice, lang)


def add(corrections: Iterable[Correction], lang: Lang) -> None:
    """Add what the page itself found it could not use (checked on each of its runs) to the notice shown."""
    notice = _state()
    notice.page += corrections
    _draw(notice, lang)


def _draw(notice: _Notice, lang: Lang) -> None:
    said = list(dict.fromkeys([*notice.corrections, *notice.page]))
    if said and notice.slot is not None:
        items = "\n".join(f"- {line}" for line in lines(said, lang))
        notice.slot.warning(f"{t('link.notice', lang)}\n\n{items}", icon=":material/link_off:")


def lines(corrections: list[Correction], lang: Lang) -> list[str]:
    """One Markdown-safe line per correction."""
    return [
        t(c.message, lang, values=join([t("link.value", lang, value=_shown(v)) for v in c.values], lang))
        for c in corrections
    ]


def _shown(value: str) -> str:
    cut = value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "…"
    return safe.text(cut)
