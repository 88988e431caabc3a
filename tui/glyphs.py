"""The one table of label glyphs and the one of mark glyphs.

Every view (grid gutter, claims panel, facts table, detail) and every export (text,
Markdown, HTML) reads these, so a claim or a review mark looks the same everywhere and
reads without colour. Plain data: no Textual or Rich here.
"""

from __future__ import annotations

from tui.core.models import Label

LABEL_GLYPHS: dict[Label, str] = {"shared": "=", "unique": "+", "conflict": "!"}
"""What the sources do with a fact: agree (=), one alone (+), disagree (!)."""

MARK_GLYPHS: dict[str, str] = {"verified": "✓", "disputed": "✗", "follow-up": "?"}
"""A reviewer's verdict; keyed by ``tui.review.marks.Mark``."""

ROUNDING_GLYPH = "≈"
"""A soft difference (12% vs 12.3%) that does not make a fact a conflict."""

STATED_GLYPH = "✓"
"""Facts table: the source states the fact but gives no value."""

PRESENT_GLYPH = "●"
ABSENT_GLYPH = "·"
"""Coverage dots: the source states the fact, or does not."""


def mark_glyph(mark: str | None) -> str:
    """The glyph of ``mark``, a space for no mark (keeps columns aligned)."""
    return MARK_GLYPHS.get(mark or "", " ")
