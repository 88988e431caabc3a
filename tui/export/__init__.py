"""Reports of a comparison and its review, as Markdown or self-contained HTML.

Nothing here imports Textual or Rich; the CLI and the reader app both call :func:`render`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Literal

from tui.core.models import Comparison
from tui.export.report_model import Report, build_report, clean
from tui.review.marks import ReviewState

ExportFormat = Literal["markdown", "html"]
FORMATS: tuple[ExportFormat, ...] = ("markdown", "html")
SUFFIXES: dict[ExportFormat, str] = {"markdown": ".md", "html": ".html"}
FORMAT_OF_SUFFIX: dict[str, ExportFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
"""A path's suffix says the report's format ("review.html" is HTML), in the reader's export and
``report -o``."""


def render(
    comparison: Comparison,
    review: ReviewState | None,
    fmt: ExportFormat,
    *,
    generated: datetime | None = None,
) -> str:
    """The report text; ``generated`` fixes the timestamp it carries (defaults to now)."""
    report = build_report(comparison, review, generated)
    if fmt == "markdown":
        from tui.export.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from tui.export.html import render_html

        return render_html(report)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def default_report_name(comparison: Comparison) -> str:
    """A file name stem for this story's report: ``<story title slug>-<8 hex digits>``.

    The digits are the start of the inputs' digest (the one that names the review file),
    so two stories exported from one folder get different names, and the same story
    always gets the same one. The slug is ASCII letters, digits and hyphens only, so a
    hostile headline cannot put a path separator, dot or control character in it.
    """
    from tui.review.store import inputs_digest

    title = comparison.title.strip() or next((a.title for a in comparison.articles if a.title.strip()), "")
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", folded)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{slug or 'triangulate-report'}-{inputs_digest(comparison.articles)[:8]}"


__all__ = [
    "FORMATS",
    "FORMAT_OF_SUFFIX",
    "SUFFIXES",
    "ExportFormat",
    "Report",
    "build_report",
    "clean",
    "default_report_name",
    "render",
]
