"""Markdown and HTML reports: what they must contain and what article text must not do."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from tui import __version__
from tui.core.models import Comparison
from tui.core.pipeline import ENGINE_VERSION
from tui.export import FORMATS, ExportFormat, render
from tui.export.report_model import clean
from tui.review import ReviewState

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
NOTE = "Filing says 8% | see [doc](http://evil.example) <img src=x onerror=alert(1)>"


def _review() -> ReviewState:
    state = ReviewState().with_mark("key-conflict", "disputed", "Shares rose 7% on Monday.")
    state = state.with_note("key-conflict", NOTE, "Shares rose 7% on Monday.")
    state = state.with_mark("key-shared", "verified", "The chief executive resigned.")
    state = state.with_mark("key-removed", "follow-up", "A sentence that an edit removed.", "record (Mbappe)")
    return state.with_note("key-removed", "Ask the desk about this.", "A sentence that an edit removed.")


def _markdown_html(text: str) -> str:
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    rendered: str = md.render(text)
    return rendered


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_names_versions_sources_and_hashes(hostile: Comparison, fmt: ExportFormat) -> None:
    out = render(hostile, _review(), fmt, generated=WHEN)
    assert f"Triangulate {__version__}" in out
    assert f"engine {ENGINE_VERSION}" in out
    assert "2025-03-04T05:06:07Z" in out
    for article in hostile.articles:
        assert article.sha256 in out
    assert "Courier" in out and "/news/courier.txt" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_has_claims_conflict_values_marks_notes_and_orphans(
    hostile: Comparison, fmt: ExportFormat
) -> None:
    out = render(hostile, _review(), fmt, generated=WHEN)
    for value in ("7%", "8%", "percent"):
        assert value in out
    assert "✗ disputed" in out and "✓ verified" in out and "? follow-up" in out
    assert "Orphaned marks" in out
    assert "A sentence that an edit removed." in out and "Ask the desk about this." in out
    assert "Fact: record (Mbappe)" in (out if fmt == "markdown" else re.sub(r"<[^>]+>", "", out))
    assert "The chief executive resigned on Monday." in out  # aligned text of the second article
    text = out if fmt == "markdown" else html.unescape(re.sub(r"<[^>]+>", "", out))
    assert "8%" in text and "Filing says 8%" in text


def test_no_review_and_empty_review_are_stated(hostile: Comparison) -> None:
    assert "No review was included" in render(hostile, None, "markdown")
    assert "No claims have been marked yet" in render(hostile, ReviewState(), "html")


def test_markdown_article_text_cannot_inject_markup(hostile: Comparison) -> None:
    out = render(hostile, _review(), "markdown", generated=WHEN)
    rendered = _markdown_html(out)
    # The only HTML is what Markdown itself makes: no links, images or raw tags from the text.
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[link](http://x)" in rendered  # shown literally
    # Each table's rows have as many cells as its title row despite "|" in source names.
    lines = out.splitlines()
    for title in ("| Claim |", "| ID | Kind |"):  # the facts table, then the claims table
        start = next(i for i, line in enumerate(lines) if line.startswith(title))
        table = lines[start : lines.index("", start)]
        rows = [line for line in table if line.startswith("| c2 |")]  # the hostile unique claim
        assert rows and rows[0].replace("\\|", "").count("|") == table[0].replace("\\|", "").count("|")
    assert "<td>Critics posted [link](http://x)" in rendered  # one cell, not split at "|"


def test_markdown_line_starts_cannot_become_lists_or_headings() -> None:
    from tui.export.markdown import escape, escape_line_start

    for text in ("- item", "+ item", "1986. A year", "# Heading", "> quote", "=====", "2) two"):
        rendered = _markdown_html("> " + escape_line_start(escape(text)) + "\n")
        assert re.search(r"<(ul|ol|h\d|hr)", rendered) is None, (text, rendered)
        assert html.escape(text, quote=False).replace("&gt;", ">") in html.unescape(rendered).replace(
            "&gt;", ">"
        )
    for text in ("www.evil.example", "https://evil.example/x", "mail me@evil.example", "$x^2$", "@someone"):
        rendered = _markdown_html(escape(text) + "\n")
        assert "<a " not in rendered, text
        assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text


def test_html_escapes_everything_and_loads_nothing(hostile: Comparison) -> None:
    out = render(hostile, _review(), "html", generated=WHEN)
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<img" not in out and "onerror=alert" not in out.replace("onerror=alert(1)&gt;", "")
    assert "&lt;b&gt;rise&lt;/b&gt;" in out  # a title with markup is text
    # Self-contained: no external resources of any kind.
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:|//|data:)""", out) is None
    assert "@import" not in out and "url(" not in out
    assert "default-src 'none'" in out

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: set[str] = set()
            self.hrefs: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]

    parser = Collector()
    parser.feed(out)
    assert not parser.tags & {"script", "img", "iframe", "link", "object", "embed", "form"}
    assert all(h.startswith("#") for h in parser.hrefs)


def test_glyphs_mark_claim_kinds_without_colour(hostile: Comparison) -> None:
    out = render(hostile, None, "html", generated=WHEN)
    text = html.unescape(re.sub(r"<[^>]+>", " ", out))
    assert (
        re.search(r"!\s*conflict", text)
        and re.search(r"=\s*shared", text)
        and re.search(r"\+\s*unique", text)
    )
    squeezed = text.replace(" ", "")
    assert "!c0" in squeezed and "=c1" in squeezed and "+c2" in squeezed  # glyph and claim id


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_never_reach_a_report(hostile: Comparison, fmt: ExportFormat) -> None:
    review = _review().with_note("key-shared", "bad\x1b]8;;http://x\x07link\x1b]8;;\x07 note\x00\x85", "x")
    out = render(hostile, review, fmt, generated=WHEN)
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out) is None
    assert "[31m" not in out and "]8;;" not in out and "2J" not in out
    assert "red" in out and "bad" in out and "link" in out


def test_clean_strips_sequences_but_keeps_text() -> None:
    assert clean("a\x1b[1;31mb\x1b[0mc") == "abc"
    assert clean("x\x1b]0;title\x07y") == "xy"
    assert clean("tab\tline\r\nnext\rlast") == "tab\tline\nnext\nlast"
    assert clean("c1\x9b2Jz\x85é ünï") == "c1zé ünï"


def test_unknown_format_is_refused(hostile: Comparison) -> None:
    with pytest.raises(ValueError):
        render(hostile, None, "pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reviewed_fact_is_named_and_a_note_keeps_its_lines(hostile: Comparison, fmt: ExportFormat) -> None:
    """Two claims of one sentence read the same by their first sentence; the fact tells them
    apart. A note written on several lines is read on several lines."""
    from dataclasses import replace

    framed = replace(hostile.claims[0], frame="share rise", summary="share rise: Wire 7% · Courier 8%")
    comparison = replace(hostile, claims=(framed, *hostile.claims[1:]))
    review = ReviewState().with_mark("key-conflict", "disputed", "Shares rose 7% on Monday.")
    review = review.with_note("key-conflict", "Call the desk.\nThen the filing.", "Shares rose 7% on Monday.")
    review = review.with_mark("key-shared", "verified", "The chief executive resigned.")
    out = render(comparison, review, fmt, generated=WHEN)
    start = out.index("## Review" if fmt == "markdown" else '<section id="review">')
    section = out[start : out.index("## " if fmt == "markdown" else "</section>", start + 3)]
    assert "share rise: Wire 7% · Courier 8%" in section
    assert section.count("share rise:") == 1, "a statement's sentence says it alone: no fact line"
    if fmt == "markdown":
        rendered = _markdown_html(out)
        assert "Call the desk.<br />\nThen the filing." in rendered
    else:
        assert "Call the desk.\nThen the filing." in out  # shown with its line break (pre-wrap)
