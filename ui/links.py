"""Links to an enterprise's profile from any table that lists enterprises.

The link keeps the language and global filters of the current URL, and carries the enterprise's name
after '#' (never sent to the server) so the table can show the name as the link text. A list of demands
adds the demand (`&ticket=…`) so the profile marks the one the user came from.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analytics.i18n import Lang, t

KEPT = ("lang", "period", "center", "park", "type")
TICKET = "ticket"


def profile_urls(uscc: pd.Series, names: pd.Series, tickets: pd.Series | None = None) -> pd.Series:
    kept = {key: st.query_params.get_all(key) for key in KEPT if key in st.query_params}
    came_from = [None] * len(uscc) if tickets is None else tickets.tolist()
    return pd.Series(
        [
            f"enterprise?{urlencode({**kept, 'uscc': code, **({TICKET: ticket} if ticket else {})}, doseq=True)}"
            f"#{name}"
            for code, name, ticket in zip(uscc, names, came_from, strict=True)
        ],
        index=uscc.index,
    )


def column(lang: Lang) -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(t("col.enterprise", lang), display_text=r"#(.*)$")
