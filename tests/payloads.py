"""Hostile text a ledger or a link may carry: markup for Markdown, HTML, LaTeX, Plotly and spreadsheets.

`HOST` is where a payload would fetch from; browser tests listen there to catch any request.
"""

from __future__ import annotations

FORMULAS = [
    '=HYPERLINK("http://127.0.0.1:9/x","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def markup(host: str) -> list[str]:
    """Payloads that render as something other than their text if anything interprets them."""
    return [
        f"<img src=http://{host}/html.png>",
        "<b>粗体</b>",
        f'<a href="http://{host}/a">链接</a>',
        f"![图](http://{host}/md.png)",
        f"[点我](http://{host}/link)",
        ":red[红字]",
        "$x^2$",
        "**加粗** _斜体_ `代码`",
        "# 标题",
        "<i>斜</i>&amp;",
    ]
