"""Links to an enterprise's profile from any table that lists enterprises.

The link keeps the language and global filters of the current URL, and carries the enterprise's name
after '#' (never sent to the server) so the table can show the name as the link text. A list of demands
adds the demand (`&ticket=…`) so the profile marks the one the user came from.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlencode

import pandas as pd
import streamlit as st

from analytics.i18n import Lang, t

KEPT = ("lang", "period", "center", "park", "type")
TICKET = "ticket"


def profile_urls(uscc: pd.Series, names: pd.Series, tickets: pd.Series | None = None) -> pd.Series:
    return urls(kept_params(), uscc, names, tickets)


def kept_params() -> dict[str, list[str]]:
    """The URL parameters a profile link keeps (language and filters) of this page's URL."""
    return {key: st.query_params.get_all(key) for key in KEPT if key in st.query_params}


def urls(
    kept: dict[str, list[str]], uscc: pd.Series, names: pd.Series, tickets: pd.Series | None = None
) -> pd.Series:
    """Each row's profile link: `kept` URL parameters, the USCC, the demand when given, '#' and the name.
    Column-wise (lists run to tens of thousands of rows); only values that need it are percent-encoded."""
    prefix = "enterprise?" + (urlencode(kept, doseq=True) + "&" if kept else "") + "uscc="
    link = prefix + _quoted(uscc)
    if tickets is not None:
        given = tickets.notna() & (tickets.astype(str) != "")
        link = link.where(~given, link + f"&{TICKET}=" + _quoted(tickets.where(given, "")))
    return (link + "#" + names.astype(str)).set_axis(uscc.index)


_PLAIN = r"[A-Za-z0-9_.~-]*"  # characters urlencode leaves as they are


def _quoted(values: pd.Series) -> pd.Series:
    """Values as urlencode writes them (quote_plus), encoding only those that are not plain already."""
    text = values.astype(str)
    plain = text.str.fullmatch(_PLAIN).fillna(False).astype(bool)
    if plain.all():
        return text
    return text.where(plain, text[~plain].map(quote_plus))


def column(lang: Lang) -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(t("col.enterprise", lang), display_text=r"#(.*)$")
