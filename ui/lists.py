"""Lists searched and paged in SQL: too long to send whole to the screen or to hold per session (the
enterprises not visited run to 80,000 rows at city scale). The database returns the counts and one page
(cached like any mart); a download runs the whole search only when clicked, on Streamlit's own thread, so
what it needs is taken from the run that drew the button."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics import queries
from analytics.domain import place
from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.tabular import ListSearch, Table, fold
from ui import context, data, links, topic_tables
from ui.charts import center_name


@dataclass(frozen=True)
class NotVisited:
    """The enterprises in scope not visited for 90 days (visits_not_visited), as the visits page lists them."""

    filters: Filters
    lang: Lang
    illustrative: frozenset[str]

    def search(self, query: str) -> ListSearch:
        return not_visited_search(
            query, data.centers()["center"], data.parks()["park"], self.illustrative, self.lang
        )

    def listed(self) -> int:
        """Rows in the list."""
        return self.counts("")[0]

    def counts(self, query: str) -> tuple[int, int]:
        """(rows in the list, rows the search for `query` finds)."""
        row = data.searched("visits_not_visited_counts", self.filters, self.search(query)).iloc[0]
        return int(row["listed"]), int(row["found"])

    def rows(self, query: str, start: int, size: int) -> Table:
        """Rows `start` to `start + size` of those the search finds, as the screen shows them."""
        frame = data.searched(
            "visits_not_visited_page", self.filters, self.search(query), offset=start, limit=size
        )
        return self._table(frame, links.kept_params())

    def every_row(self, query: str) -> Callable[[], Table]:
        """Every row the search finds, built when called (a download's click, off the script's thread)."""
        con, search, kept = context.connection(), self.search(query), links.kept_params()
        return lambda: self._table(_found(con, self.filters, search), kept)

    def _table(self, frame: pd.DataFrame, kept: dict[str, list[str]]) -> Table:
        return topic_tables.not_visited(
            frame, links.urls(kept, frame["uscc"], frame["name"]), self.lang, set(self.illustrative)
        )


def not_visited_search(
    query: str, centers: Iterable[str], parks: Iterable[str], illustrative: Collection[str], lang: Lang
) -> ListSearch:
    """The search for `query` in the not-visited list, matched on the words the screen shows for centers
    (romanised, * when illustrative), parks, 规上 (是) and 从未走访, as Table.matching matches them."""
    needle = fold(query)
    if not needle:
        return ListSearch()
    return ListSearch(
        needle=needle,
        places=(
            *(c for c in centers if needle in fold(center_name(c, c in illustrative, lang))),
            *(p for p in parks if needle in fold(place(p, lang))),
        ),
        above_scale=(True,) if needle in fold(t("col.yes", lang)) else (),
        never=needle in fold(t("visits.never", lang)),
    )


def _found(con: duckdb.DuckDBPyConnection, filters: Filters, search: ListSearch) -> pd.DataFrame:
    """visits_not_visited's rows the search finds (the whole list for none), in the list's order."""
    if not search.needle:
        return queries.run_mart(con, "visits_not_visited", filters.params())
    return queries.run_mart(
        con, "visits_not_visited_page", {**filters.params(), **search.params(), "offset": 0, "limit": None}
    )
