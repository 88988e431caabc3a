"""Reports Triangulate wrote, told apart from articles.

The export's default path is next to the inputs, so a story opened as a folder gets its own
report in that folder; opened again, the report would be read as one more outlet (with every
claim of the first analysis as its "facts"). The exporters write these markers, and loading
refuses a file that starts with one.
"""

from __future__ import annotations

import re

REPORT_HEADING = "Triangulate report"
"""The first words of a Markdown report and of an HTML report's title."""
GENERATOR = "Triangulate"
"""The HTML report's ``<meta name="generator">`` content starts with this."""

_MARKDOWN = re.compile(rf"# {REPORT_HEADING}\b[^\n]*\n\nGenerated \S+ by {GENERATOR} ")
_HTML = re.compile(rf'<meta name="generator" content="{GENERATOR} ')
_TEXT = re.compile(rf"{GENERATOR}  \d+ sources? · \d+ claims?\b")  # the text report's first line


def is_own_report(text: str) -> bool:
    """Whether ``text`` (a whole file, decoded) is a report Triangulate wrote."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    return bool(_MARKDOWN.match(head) or _TEXT.match(head) or _HTML.search(head))
