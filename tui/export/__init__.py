"""Reports of a comparison and its review, as Markdown or self-contained HTML.

Nothing here imports Textual or Rich; the CLI and the reader app both call :func:`render`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from tui.core.models import Comparison
from tui.export.report_model import Report, build_report, clean
from tui.review.marks import ReviewState

ExportFormat = Literal["markdown", "html"]
FORMATS: tuple[ExportFormat, ...] = ("markdown", "html")
SUFFIXES: dict[ExportFormat, str] = {"markdown": ".md", "html": ".html"}


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


__all__ = ["FORMATS", "SUFFIXES", "ExportFormat", "Report", "build_report", "clean", "render"]
