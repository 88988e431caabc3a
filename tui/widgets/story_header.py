"""The one-line header: the story's figures, where the cursor is, and the story's neutral title."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.core.models import Comparison, Label
from tui.glyphs import LABEL_GLYPHS
from tui.state.text import clean, counted

_FIGURE_STYLES: tuple[tuple[Label, str], ...] = (
    ("shared", "bold"),
    ("unique", "italic"),
    ("conflict", "bold underline"),
)


def figures(comparison: Comparison, *, compact: bool = False) -> Text:
    """``5 sources · = 12 shared · + 30 unique · ! 3 conflict`` as styled text; ``compact``,
    ``5 sources  =12 +30 !3``, the glyphs the grid's gutter uses."""
    counts = comparison.counts
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(counted(len(comparison.articles), "source"), "bold")
    for n, (label, style) in enumerate(_FIGURE_STYLES):
        glyph = LABEL_GLYPHS[label]
        if compact:
            text.append("  " if n == 0 else " ")
            text.append(f"{glyph}{counts[label]}", style)
        else:
            text.append(" · ")
            text.append(f"{glyph} {counts[label]} {label}", style)
    return text


def header_line(comparison: Comparison, status: str, *, compact: bool = False) -> Text:
    """The figures, the view's status (dim) and the story's title, in that order, so a
    narrow terminal cuts the story's name before the figures."""
    text = figures(comparison, compact=compact)
    if status:
        text.append("   ")
        text.append(status, "dim")
    title = headline(comparison)
    if title:
        text.append("   ")
        text.append(title, "italic")
    return text


def headline(comparison: Comparison) -> str:
    """The story's title as the header shows it, beside figures that already count the sources:
    "5 sources on Meta, AI" reads "Meta, AI" (at 80 columns the lead left "5 sources o…")."""
    title = clean(comparison.title)
    lead = f"{counted(len(comparison.articles), 'source')} on "
    return title[len(lead) :] if title.startswith(lead) and len(title) > len(lead) else title


class StoryHeader(Widget):
    """Figures on the left, view state (filter, row, search) on the right.

    Redrawn with ``refresh()`` only: its size never changes, so a key press
    never costs a screen layout.
    """

    DEFAULT_CSS = """
    StoryHeader { height: 1; background: $primary-muted; color: $foreground; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._text = Text("Triangulate", no_wrap=True)
        self._compact = self._text

    def show(self, comparison: Comparison, status: str) -> None:
        text = header_line(comparison, status)
        if text == self._text:
            return  # a key posts this twice or more (cursor, columns): one repaint will do
        self._text = text
        self._compact = header_line(comparison, status, compact=True)
        self.refresh()

    def render(self) -> Text:
        return fitted(self._text, self._compact, self.content_size.width)


def fitted(full: Text, compact: Text, width: int) -> Text:
    """``full`` where it fits ``width``, else ``compact`` (at 80 columns the worded figures
    left no room for the status: "row 1/13 · boilerplate…"), cut with "…" where even that
    is too long (the title goes first)."""
    if width <= 0 or full.cell_len <= width:
        return full
    if compact.cell_len <= width:
        return compact
    cut = compact.copy()  # "…" where a narrow terminal cuts the title, not a bare stop
    cut.truncate(width, overflow="ellipsis")
    return cut
