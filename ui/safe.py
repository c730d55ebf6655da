"""Untrusted text is text: every value from data or the URL goes through one of these before Streamlit
(Markdown) or Plotly (an HTML subset) can interpret it.

Streamlit renders titles, captions, alerts, Markdown and widget labels as Markdown (with LaTeX `$…$`,
`:red[…]` directives, emoji and icon shortcodes, images and links): a name like `X![b](http://host/x.png)`
would make every viewer's browser fetch an outside image. Plotly renders `<a href>`, `<b>`, `<br>` and
entities in labels and hovers.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def text(value: object) -> str:
    """`value` as literal text in a Markdown context: every ASCII punctuation character backslash-escaped
    (CommonMark allows that for each of them), line breaks as spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).splitlines()))


def plotly(value: object) -> str:
    """`value` as literal text in a Plotly label, legend entry or hover."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
