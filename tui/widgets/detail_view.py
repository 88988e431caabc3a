"""A scrolling view of one long ``rich.text.Text``, wrapped once and drawn a line at a time.

The claim detail can run to a few hundred lines; a ``Static`` in a scroll container
wraps all of it twice per layout (once to measure, once to draw), while this only
wraps when the text or the width changes and renders just the lines on screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class DetailView(ScrollView, can_focus=True):
    """Read-only wrapped text with a vertical scrollbar."""

    DEFAULT_CSS = """
    DetailView { scrollbar-size-horizontal: 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._text = Text()
        self._width = -1
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}

    @property
    def plain_lines(self) -> list[str]:
        """The wrapped lines as plain text (for tests)."""
        self._wrap()
        return [line.plain for line in self._lines]

    def show(self, text: Text, *, from_top: bool) -> None:
        """Replace the text; ``from_top`` scrolls back to the first line."""
        self._text = text
        self._width = -1
        self._wrap()
        if from_top:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._lines = list(self._text.wrap(self.app.console, width, overflow="fold"))
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = max(0, self._width)
        index = y + int(self.scroll_offset.y)
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            line = self._lines[index]
            rendered = Strip(list(line.render(self.app.console)))
            strip = rendered.adjust_cell_length(width).apply_style(self.rich_style)
            self._strips[index] = strip
        return strip
