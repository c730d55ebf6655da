"""Hostile text a ledger or a link may carry: markup for Markdown, HTML, LaTeX, Plotly and spreadsheets.

`HOST` is where a payload would fetch from; browser tests listen there to catch any request.
"""

from __future__ import annotations

from pathlib import Path

from analytics import db

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


def plant(path: Path, host: str) -> dict[str, str]:
    """Write payloads into the demo database at `path`: a center, a park, every enterprise's name and
    address, demand descriptions, activity names and a venue, and an import file name. Returns the
    planted values by role, and the USCC of an enterprise whose profile shows them."""
    texts = markup(host)
    center = f'<a href="http://{host}/center"><b>罗村</b></a><img src=http://{host}/c.png>'
    park = f"![园](http://{host}/park.png)北园"
    venue = f'<a href="http://{host}/venue">:red[驿站]</a>'
    con = db.connect(path)
    con.execute("BEGIN")
    for table in ("centers", "parks", "activities", "service_staff"):
        con.execute(f"UPDATE {table} SET center = ? WHERE center = '罗村'", [center])
    for table in ("parks", "enterprises", "activities"):
        con.execute(f"UPDATE {table} SET park = ? WHERE park = '长虹岭北园'", [park])
    con.execute(
        "UPDATE enterprises SET name = list_extract(?::VARCHAR[], (hash(uscc) % ? + 1)::INTEGER) || name, "
        "address = ?",
        [texts, len(texts), texts[3]],
    )
    con.execute("UPDATE tickets SET description = ?, lead_unit = ?", [texts[0], texts[2]])
    con.execute("UPDATE activities SET name = ? || name", [texts[4]])
    con.execute("UPDATE activities SET venue = ? WHERE venue = (SELECT min(venue) FROM activities)", [venue])
    con.execute("UPDATE import_batches SET file_name = ?", [f"{texts[3]}.xlsx"])
    (uscc,) = con.execute(
        "SELECT uscc FROM enterprises JOIN tickets USING (uscc) JOIN output_monthly USING (uscc) "
        "GROUP BY uscc ORDER BY count(*) DESC, uscc LIMIT 1"
    ).fetchone()
    db.bump_data_version(con)
    con.execute("COMMIT")
    con.close()
    return {"center": center, "park": park, "venue": venue, "uscc": uscc}


def plant_formulas(path: Path) -> str:
    """Write spreadsheet formulas into the demo database at `path`: a center's name, every enterprise's
    name and address, demand descriptions, activity names. Returns an enterprise's USCC."""
    con = db.connect(path)
    con.execute("BEGIN")
    center = FORMULAS[0].replace("click", "罗村")
    for table in ("centers", "parks", "activities", "service_staff"):
        con.execute(f"UPDATE {table} SET center = ? WHERE center = '罗村'", [center])
    con.execute(
        "UPDATE enterprises SET name = list_extract(?::VARCHAR[], (hash(uscc) % ? + 1)::INTEGER) || name, "
        "address = ?",
        [FORMULAS, len(FORMULAS), FORMULAS[3]],
    )
    con.execute("UPDATE tickets SET description = ?, lead_unit = ?", [FORMULAS[1], FORMULAS[2]])
    con.execute("UPDATE activities SET name = ? || name", [FORMULAS[0]])
    (uscc,) = con.execute(
        "SELECT uscc FROM enterprises JOIN tickets USING (uscc) GROUP BY uscc ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    db.bump_data_version(con)
    con.execute("COMMIT")
    con.close()
    return uscc
