"""The one-line header: the story's figures, where the cursor is, and the story's neutral title."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.core.models import Comparison
from tui.state.text import clean, counted


def figures(comparison: Comparison) -> Text:
    """``5 sources · = 12 shared · + 30 unique · ! 3 conflict`` as styled text."""
    counts = comparison.counts
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(counted(len(comparison.articles), "source"), "bold")
    text.append(" · ")
    text.append(f"= {counts['shared']} shared", "bold")
    text.append(" · ")
    text.append(f"+ {counts['unique']} unique", "italic")
    text.append(" · ")
    text.append(f"! {counts['conflict']} conflict", "bold underline")
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

    def show(self, comparison: Comparison, status: str) -> None:
        text = figures(comparison)
        if status:
            text.append("   ")
            text.append(status, "dim")
        title = headline(comparison)
        if title:
            # Last, so a narrow terminal cuts the story's name before the figures.
            text.append("   ")
            text.append(title, "italic")
        if text == self._text:
            return  # a key posts this twice or more (cursor, columns): one repaint will do
        self._text = text
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        if width <= 0 or self._text.cell_len <= width:
            return self._text
        cut = self._text.copy()  # "…" where a narrow terminal cuts the title, not a bare stop
        cut.truncate(width, overflow="ellipsis")
        return cut
