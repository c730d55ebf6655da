"""The leaders' monthly briefing: a data object built from the marts (model), rendered as HTML, PDF
(WeasyPrint from that HTML) or DOCX (python-docx) by render."""

from analytics.briefing.model import Briefing, BriefingError, build, parse_month
from analytics.briefing.render import FORMATS, render

__all__ = ["FORMATS", "Briefing", "BriefingError", "build", "parse_month", "render"]
