"""The enterprise profile's answer to "why am I here": the demand the link came from (?ticket=…).

A list of demands links to the profile with the demand's number; the profile says which demand that is
and marks its row. A number that is not one of this enterprise's demands is ignored, said in the link's
notice.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import display
from analytics.filters import Filters
from analytics.i18n import Lang, format_date, t
from analytics.links import Correction
from ui import data, notice, safe
from ui.links import TICKET

LONGEST = 64  # a ticket number longer than this is not looked up


def demand(filters: Filters, uscc: str, listed: list[pd.DataFrame], lang: Lang) -> str | None:
    """The ticket number of the demand the user came from, said in a notice; None without one.

    `listed` are the profile's lists of demands (frames with ticket_no): the notice says whether the
    demand is marked in them or lies outside them (closed before the period, or received after it).
    """
    raw = st.query_params.get(TICKET)
    if not raw:
        return None
    found = data.mart("enterprise_ticket", filters, uscc=uscc, ticket=raw) if len(raw) <= LONGEST else None
    if found is None or found.empty:
        notice.add([Correction("link.ticket_unknown", (raw,))], lang)
        return None
    demand = found.iloc[0]
    where = (
        "marked" if any(demand["ticket_no"] in set(frame["ticket_no"]) for frame in listed) else "elsewhere"
    )
    st.info(
        t(
            "enterprise.came_from",
            lang,
            ticket=safe.text(demand["ticket_no"]),
            category=safe.text(display(demand["category"], lang)),
            received=format_date(demand["received_date"], lang),
            status=safe.text(display(demand["status"], lang)),
        )
        + t(f"enterprise.came_from_{where}", lang),
        icon=":material/my_location:",
    )
    return demand["ticket_no"]


def without_enterprise(lang: Lang) -> None:
    """A link with a demand but no enterprise (?ticket=… without ?uscc=): the demand is ignored, said so."""
    raw = st.query_params.get(TICKET)
    if raw:
        notice.add([Correction("link.ticket_without_enterprise", (raw,))], lang)
