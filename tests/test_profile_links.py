"""Profile links, built column-wise, are exactly what urlencode writes row by row, for any text."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.links import TICKET, urls

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


def reference(kept, codes, names, tickets) -> list[str]:
    return [
        f"enterprise?{urlencode({**kept, 'uscc': code, **({TICKET: ticket} if ticket else {})}, doseq=True)}#{name}"
        for code, name, ticket in zip(codes, names, tickets, strict=True)
    ]


@settings(max_examples=200, deadline=None)
@given(
    kept=st.dictionaries(st.sampled_from(["lang", "period", "center", "park"]), st.lists(texts, min_size=1, max_size=2)),
    rows=st.lists(st.tuples(texts, texts, st.none() | texts), min_size=1, max_size=8),
    with_tickets=st.booleans(),
)  # fmt: skip
def test_links_match_urlencode_row_by_row(kept, rows, with_tickets):
    codes, names, tickets = (list(column) for column in zip(*rows, strict=True))
    index = pd.RangeIndex(10, 10 + len(rows))
    built = urls(
        kept, pd.Series(codes, index=index), pd.Series(names, index=index),
        pd.Series(tickets, index=index, dtype=object) if with_tickets else None,
    )  # fmt: skip
    expected = reference(kept, codes, names, tickets if with_tickets else [None] * len(rows))
    assert built.tolist() == expected
    assert list(built.index) == list(index)


def test_a_list_of_plain_codes_is_not_encoded_cell_by_cell():
    built = urls({"lang": ["English"]}, pd.Series(["91440605MA4W8L2X3Y"]), pd.Series(["佛山 A&B"]))
    assert built.tolist() == ["enterprise?lang=English&uscc=91440605MA4W8L2X3Y#佛山 A&B"]
