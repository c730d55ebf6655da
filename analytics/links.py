"""What a link asks for, checked: the URL's parameters read into values the dashboard can use, and what was
ignored or corrected on the way (shown to the user in one notice).

A link is untrusted: any name, any number of values, any text. Nothing here raises on what a URL holds;
every value that cannot be used becomes a Correction naming it. The parameters are those of ui/sidebar.py
(?lang=English&period=2021-07-01&period=2022-06-30&center=长虹岭&park=…&type=high_tech) and of the page-local
drill-down (?focus=长虹岭&category=市政设施).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from analytics.domain import TICKET_CATEGORIES
from analytics.filters import ENTERPRISE_TYPES, Filters
from analytics.i18n import Lang
from analytics.periods import Period

LANG_NAMES: dict[Lang, str] = {"zh": "中文", "en": "English"}  # ?lang= values, as the switch shows them
PERIOD_BOUNDS = Period(dt.date(2000, 1, 1), dt.date(2099, 12, 31))  # what the date picker offers
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Params = Mapping[str, Sequence[str]]  # every value of each parameter name, as st.query_params.get_all gives


@dataclass(frozen=True)
class Correction:
    """Something of the link the page did not use as written: `message` is the i18n key saying what was
    done, `values` what the URL held (untrusted text: escape it where it is shown)."""

    message: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkFilters:
    period: Period
    centers: tuple[str, ...]
    parks: tuple[str, ...]
    types: tuple[str, ...]
    corrections: tuple[Correction, ...]


def read_lang(values: Sequence[str]) -> tuple[Lang, tuple[Correction, ...]]:
    """?lang=中文 or ?lang=English, read as the switch bound to the URL reads it: its first value; anything
    else is Chinese, said so, and further different values are ignored, said so."""
    wanted = list(dict.fromkeys(value for value in values if value))
    by_name = {name: lang for lang, name in LANG_NAMES.items()}
    if not wanted:
        return "zh", ()
    first, *others = wanted
    found = [] if first in by_name else [Correction("link.lang_unknown", (first,))]
    return by_name.get(first, "zh"), (*found, *_said("link.lang_extra", others))


def read_period(values: Sequence[str], default: Period) -> tuple[Period, tuple[Correction, ...]]:
    """One date (a period of one day) or two (first and last day; swapped, said so, when the last comes
    first). Anything else — an impossible or malformed date, three dates, a date the picker does not
    offer — leaves the default period, said so."""
    wanted = [value for value in values if value]
    if not wanted:
        return default, ()
    days = [day for day in map(_date, wanted) if day is not None]
    if len(wanted) > 2 or len(days) < len(wanted):
        return default, (Correction("link.period_invalid", tuple(wanted)),)
    start, end = days[0], days[-1]
    if not (PERIOD_BOUNDS.start <= min(start, end) and max(start, end) <= PERIOD_BOUNDS.end):
        return default, (Correction("link.period_out_of_range", tuple(wanted)),)
    if end < start:
        return Period(end, start), (Correction("link.period_reversed", tuple(wanted)),)
    return Period(start, end), ()


def read_filters(
    params: Params, centers: Sequence[str], park_centers: Mapping[str, str], default: Period
) -> LinkFilters:
    """The global filters a link asks for, given the known centers and every known park's center: what
    exists and fits is kept (in the link's order, once each); unknown centers, parks and enterprise types,
    and parks of a center other than the chosen ones, are left out, said so."""
    period, corrections = read_period(params.get("period", ()), default)
    found: list[Correction] = list(corrections)

    chosen_centers, unknown = _split(params.get("center", ()), lambda name: name in centers)
    found += _said("link.center_unknown", unknown)

    known_parks, unknown = _split(params.get("park", ()), lambda name: name in park_centers)
    found += _said("link.park_unknown", unknown)
    parks, elsewhere = _split(
        known_parks, lambda name: not chosen_centers or park_centers[name] in chosen_centers
    )
    found += _said("link.park_other_center", elsewhere)

    types, unknown = _split(params.get("type", ()), lambda key: key in ENTERPRISE_TYPES)
    found += _said("link.type_unknown", unknown)
    return LinkFilters(period, tuple(chosen_centers), tuple(parks), tuple(types), tuple(found))


def read_drill(
    params: Params, centers: Sequence[str], chosen: Sequence[str]
) -> tuple[str | None, str | None, tuple[Correction, ...]]:
    """The page-local drill-down (?focus=<center>&category=<ticket category>): the focus must be a known
    center and, when centers are chosen, one of them; the category one of the ticket categories."""
    found: list[Correction] = []
    focus = _single(params.get("focus", ()), "link.focus_several", found)
    if focus is not None and focus not in centers:
        found.append(Correction("link.focus_unknown", (focus,)))
        focus = None
    elif focus is not None and chosen and focus not in chosen:
        found.append(Correction("link.focus_outside", (focus,)))
        focus = None
    category = _single(params.get("category", ()), "link.category_several", found)
    if category is not None and category not in TICKET_CATEGORIES:
        found.append(Correction("link.category_unknown", (category,)))
        category = None
    return focus, category, tuple(found)


def filter_params(filters: Filters, default: Period) -> dict[str, list[str]]:
    """The URL parameters of the global filters (the inverse of read_filters): the default period and
    empty selections are left out; a period of one day is one date."""
    period = filters.period
    days = [] if period == default else [period.start.isoformat(), period.end.isoformat()]
    return {
        "period": days[:1] if period.days == 1 else days,
        "center": list(filters.centers),
        "park": list(filters.parks),
        "type": list(filters.types),
    }


def _date(value: str) -> dt.date | None:
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:  # 2022-02-30
        return None


def _single(values: Sequence[str], several: str, found: list[Correction]) -> str | None:
    """A single-valued parameter: its one value (blanks and repeats dropped), None when empty; several
    different values are none, said in `found` as the correction `several`."""
    wanted = list(dict.fromkeys(value for value in values if value))
    if len(wanted) > 1:
        found.append(Correction(several, tuple(wanted)))
    return wanted[0] if len(wanted) == 1 else None


def _split(values: Sequence[str], keep: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """`values` (blanks and repeats dropped) as (kept, refused) by `keep`."""
    kept: list[str] = []
    refused: list[str] = []
    for value in dict.fromkeys(value for value in values if value):
        (kept if keep(value) else refused).append(value)
    return kept, refused


def _said(message: str, values: list[str]) -> list[Correction]:
    return [Correction(message, tuple(values))] if values else []
