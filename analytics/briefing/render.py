"""The briefing as a file: HTML (a Jinja2 template, autoescaped), PDF (WeasyPrint from that HTML, A4) and
DOCX (python-docx, A4, for offices that edit in Word / WPS). All three read the same Briefing object."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import jinja2
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from markupsafe import Markup

from analytics.briefing.images import Image
from analytics.briefing.model import Briefing, Table
from analytics.i18n import t

FORMATS: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
}
FONT = "Noto Sans CJK SC"

_TEMPLATE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="{{ 'zh-CN' if b.lang == 'zh' else 'en' }}"><head><meta charset="utf-8">
<title>{{ b.title }}</title>
<style>
@page { size: A4; margin: 14mm 14mm 16mm 14mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 9.5pt;
       color: #222; line-height: 1.45; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #7b241c; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #c0392b; padding-bottom: 0.5mm; }
p.scope, p.note { color: #555; font-size: 8.5pt; margin: 1mm 0; }
.tiles { display: flex; flex-wrap: wrap; gap: 2mm; }
.tile { border: 1px solid #ccc; border-radius: 1.5mm; padding: 1.5mm 2.5mm; width: 43mm; box-sizing: border-box; }
.tile .label { font-size: 8pt; color: #555; } .tile .value { font-size: 13pt; font-weight: bold; }
.tile .change { font-size: 8pt; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 0.8mm 1.5mm; text-align: right; }
th { background: #f2f2f2; } td:nth-child(-n+2), th:nth-child(-n+2) { text-align: left; }
ul { margin: 1mm 0; padding-left: 5mm; } li { margin: 0.6mm 0; }
.charts { display: flex; gap: 3mm; } .charts figure { margin: 0; flex: 1; }
.charts img { width: 100%; } figcaption { font-size: 8.5pt; font-weight: bold; }
.empty { border: 1px solid #e59866; background: #fdf2e9; padding: 2mm; }
</style></head><body>
<h1>{{ b.title }}</h1>
<p class="scope">{{ b.scope }}</p>
{% if not b.has_data %}<p class="empty">{{ t('briefing.no_data', b.lang) }}</p>{% endif %}
<h2>{{ t('briefing.section.headline', b.lang) }}</h2>
<div class="tiles">{% for tile in b.tiles %}<div class="tile"><div class="label">{{ tile.label }}</div>
<div class="value">{{ tile.value }}</div><div class="change">{{ tile.change }}</div></div>{% endfor %}</div>
<p class="note">{{ b.tiles_note }}</p>
<h2>{{ t('briefing.section.ranking', b.lang) }}</h2>
{{ table(b.ranking) }}<p class="note">{{ b.ranking_note }}</p>
<h2>{{ t('briefing.section.fair', b.lang) }}</h2>
{{ table(b.fair) }}<p class="note">{{ b.fair_note }}</p>
<h2>{{ t('briefing.section.movements', b.lang) }}</h2>
{% if b.movements %}<ul>{% for line in b.movements %}<li>{{ line }}</li>{% endfor %}</ul>
{% else %}<p>{{ t('briefing.no_movements', b.lang) }}</p>{% endif %}
<h2>{{ t('briefing.section.charts', b.lang) }}</h2>
<div class="charts">{% for image in images %}<figure><figcaption>{{ image.title }}</figcaption>
<img src="data:image/png;base64,{{ png(image) }}" alt="{{ image.title }}"></figure>{% endfor %}</div>
<h2>{{ t('briefing.section.overdue', b.lang) }}</h2>
{{ table(b.overdue_by_center) }}
{% if b.overdue_list.rows %}<p class="note">{{ b.overdue_note }}</p>{{ table(b.overdue_list) }}{% endif %}
<h2>{{ t('briefing.section.completeness', b.lang) }}</h2>
<ul>{% for line in b.completeness %}<li>{{ line }}</li>{% endfor %}</ul>
</body></html>
""")

_TABLE = jinja2.Environment(autoescape=True).from_string(
    "<table><thead><tr>{% for c in x.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead><tbody>"
    "{% for row in x.rows %}<tr>{% for v in row %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>"
)


def render(briefing: Briefing, images: Sequence[Image], fmt: str) -> bytes:
    match fmt:
        case "html":
            return html(briefing, images).encode("utf-8")
        case "pdf":
            return pdf(briefing, images)
        case "docx":
            return docx(briefing, images)
    raise ValueError(f"unknown format {fmt!r}; one of {sorted(FORMATS)}")


def html(briefing: Briefing, images: Sequence[Image]) -> str:
    return _TEMPLATE.render(
        b=briefing,
        images=images,
        t=t,
        table=lambda x: Markup(_TABLE.render(x=x)),
        png=lambda image: base64.b64encode(image.png).decode("ascii"),
    )


def pdf(briefing: Briefing, images: Sequence[Image]) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    return HTML(string=html(briefing, images)).write_pdf()


def docx(briefing: Briefing, images: Sequence[Image]) -> bytes:
    lang = briefing.lang
    document = Document()
    _a4(document)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for level in (0, 1):
        style = document.styles["Title" if level == 0 else "Heading 1"]
        style.font.name = FONT
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    document.add_heading(briefing.title, level=0)
    _note(document, briefing.scope)
    if not briefing.has_data:
        document.add_paragraph(t("briefing.no_data", lang))
    document.add_heading(t("briefing.section.headline", lang), level=1)
    _table(document, Table(
        tuple(tile.label for tile in briefing.tiles),
        (tuple(tile.value for tile in briefing.tiles), tuple(tile.change for tile in briefing.tiles)),
    ))  # fmt: skip
    _note(document, briefing.tiles_note)
    document.add_heading(t("briefing.section.ranking", lang), level=1)
    _table(document, briefing.ranking)
    _note(document, briefing.ranking_note)
    document.add_heading(t("briefing.section.fair", lang), level=1)
    _table(document, briefing.fair)
    _note(document, briefing.fair_note)
    document.add_heading(t("briefing.section.movements", lang), level=1)
    for line in briefing.movements or (t("briefing.no_movements", lang),):
        document.add_paragraph(line, style="List Bullet")
    document.add_heading(t("briefing.section.charts", lang), level=1)
    for image in images:
        document.add_paragraph(image.title).runs[0].bold = True
        document.add_picture(io.BytesIO(image.png), width=Mm(150))
    document.add_heading(t("briefing.section.overdue", lang), level=1)
    _table(document, briefing.overdue_by_center)
    if briefing.overdue_list.rows:
        _note(document, briefing.overdue_note)
        _table(document, briefing.overdue_list)
    document.add_heading(t("briefing.section.completeness", lang), level=1)
    for line in briefing.completeness:
        document.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _a4(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(16))


def _note(document: Document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.size = Pt(8.5)
    run.italic = True


def _table(document: Document, table: Table) -> None:
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    for row_cells, values in zip(grid.rows, (table.columns, *table.rows), strict=True):
        for cell, value in zip(row_cells.cells, values, strict=True):
            cell.text = value
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    for cell in grid.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
