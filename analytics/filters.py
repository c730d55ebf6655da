"""The global filters: one frozen, hashable object giving bound SQL parameters and a sentence.

Every mart takes the same parameters ($date_from, $date_to, $centers, $parks, $types) and selects
through the scope macros of sql/views/20_scope.sql, so filter values are never formatted into SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from analytics.domain import display, place
from analytics.i18n import Lang, format_date, join, t
from analytics.periods import Period

ENTERPRISE_TYPES: tuple[str, ...] = ("above_scale", "high_tech", "listed", "eagle")


@dataclass(frozen=True)
class Filters:
    period: Period
    centers: tuple[str, ...] = ()
    parks: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # ticket categories: a drill-down of the demand page

    def __post_init__(self) -> None:
        unknown = set(self.types) - set(ENTERPRISE_TYPES)
        if unknown:
            raise ValueError(f"unknown enterprise types: {sorted(unknown)}")

    def params(self) -> dict[str, Any]:
        """Bound parameters for any mart."""
        return {
            "date_from": self.period.start,
            "date_to": self.period.end,
            "centers": list(self.centers),
            "parks": list(self.parks),
            "types": list(self.types),
            "categories": list(self.categories),
        }

    def with_period(self, period: Period) -> Filters:
        return replace(self, period=period)

    def previous(self) -> Filters:
        """The same selection over the previous period of equal length."""
        return self.with_period(self.period.previous())

    def year_earlier(self) -> Filters:
        """The same selection over the same dates one year earlier."""
        return self.with_period(self.period.year_earlier())

    def describe(self, lang: Lang, center_count: int, quote: Callable[[str], str] = str) -> str:
        """The sentence shown above the charts, e.g. 统计期间 2021年7月1日至2022年6月30日｜产业社区：全部（6个）…

        `quote` makes each name (data) safe for where the sentence is shown.
        """
        return t(
            "filters.sentence",
            lang,
            period=describe_period(self.period, lang),
            centers=join([quote(place(c, lang)) for c in self.centers], lang)
            if self.centers
            else t("filters.all_centers", lang, n=center_count),
            parks=join([quote(place(p, lang)) for p in self.parks], lang)
            if self.parks
            else t("filters.all_parks", lang),
            types=self._describe_types(lang),
        ) + (
            t(
                "filters.categories_sentence",
                lang,
                names=join([quote(display(c, lang)) for c in self.categories], lang),
            )
            if self.categories
            else ""
        )

    def _describe_types(self, lang: Lang) -> str:
        names = [t(f"type.{key}", lang) for key in self.types]
        if not names:
            return t("filters.all_types", lang)
        return names[0] if len(names) == 1 else t("filters.types_any", lang, names=join(names, lang))


def describe_period(period: Period, lang: Lang) -> str:
    return t("period.range", lang, start=format_date(period.start, lang), end=format_date(period.end, lang))
