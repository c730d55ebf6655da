"""Untrusted text is text: every value from data or the URL goes through one of these before Streamlit
(Markdown) or Plotly (an HTML subset) can interpret it.

Streamlit renders titles, captions, alerts, Markdown and widget labels as Markdown (with LaTeX `$…$`,
`:red[…]` directives, emoji and icon shortcodes, images and links): a name like `X![b](http://host/x.png)`
would make every viewer's browser fetch an outside image. Plotly renders `<a href>`, `<b>`, `<br>` and
entities in labels and hovers.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character
# Where GFM would turn plain text into a link (http://…, www.…, a@b.c): it does so on the parsed text,
# after any escape, so an invisible word joiner (U+2060) goes in between.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def text(value: object) -> str:
    """`value` as literal text in a Markdown context, line breaks as spaces.

    Every ASCII punctuation character becomes a numeric character reference (`&#36;` for `$`): Markdown
    decodes those to plain characters after parsing, so no syntax, directive, LaTeX or shortcode can form;
    URLs and e-mail addresses get an invisible word joiner so they are not autolinked.
    """
    flat = _AUTOLINK.sub("\u2060", " ".join(str(value).splitlines()))
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", flat)


def plotly(value: object) -> str:
    """`value` as literal text in a Plotly label, legend entry or hover."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
