"""A scrolling view of one long ``rich.text.Text``, drawn a line at a time.

The claim detail of a fact that 200 sources state runs to a thousand lines. Only the
number of wrapped lines is needed up front (for the scrollbar), and that is counted on the
plain text; each source line is wrapped with its styles only when it comes into view.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.cell_text import wrapped_height
from tui.widgets.drawn_scrollbar import DrawnScrollbar, ScrollbarMouse


class DetailView(ScrollbarMouse, ScrollView, can_focus=True):
    """Read-only wrapped text with a vertical scrollbar."""

    DEFAULT_CSS = """
    DetailView {
        scrollbar-size-horizontal: 0;
        scrollbar-size-vertical: 0;  /* drawn in the last column: see DrawnScrollbar */
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._width = -1
        self._source: list[Text] = []
        """The text's lines (between newlines), split once."""
        self._tops: list[int] = []
        """First wrapped line of each source line."""
        self._wrapped: dict[int, list[list[Segment]]] = {}
        """Source line -> its wrapped, rendered lines (filled as lines come into view)."""
        self._style: Style | None = None
        self._seen: tuple[object, ...] = ()
        self._bar = DrawnScrollbar(self, width=2)  # Textual's default width, as before

    @property
    def plain_lines(self) -> list[str]:
        """The wrapped lines as plain text (for tests)."""
        self._layout()
        return [
            "".join(segment.text for segment in line).rstrip()
            for index in range(len(self._source))
            for line in self._source_line(index)
        ]

    def show_lines(self, lines: list[Text], *, from_top: bool) -> None:
        """Replace the text by ``lines`` (each without newlines); ``from_top`` scrolls back to
        the first line."""
        self._source = lines
        self._width = -1
        self._layout()
        if from_top:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _layout(self) -> None:
        # Asked on every line drawn: only when the size changed since the last time.
        size = self.size
        if size == self._seen and self._width > 0:
            return
        self._seen = size
        # The text leaves the last column to the scrollbar when it runs past the view (as
        # Textual's own bar would take it) and has the whole width when it fits.
        width = size.width - self._bar.width
        if width <= 0:
            return
        heights = [wrapped_height(line.plain, width) for line in self._source]
        if sum(heights) <= size.height:
            width = size.width
            heights = [wrapped_height(line.plain, width) for line in self._source]
        self._width = width
        self._wrapped.clear()
        self._style = None
        self._tops = [0, *accumulate(heights)]
        self.virtual_size = Size(width, self._tops[-1])

    def prepare_view(self) -> None:
        """Wrap the lines the view shows now (it is about to be shown)."""
        self._layout()
        if not self._tops:
            return
        top = int(self.scroll_offset.y)
        index = max(0, bisect_right(self._tops, top) - 1)
        while index < len(self._source) and self._tops[index] < top + self.size.height:
            self._source_line(index)
            index += 1

    def _source_line(self, index: int) -> list[list[Segment]]:
        strips = self._wrapped.get(index)
        if strips is None:
            console = self.app.console
            width = self._width
            if self._style is None:
                self._style = self.rich_style
            line = self._source[index]
            line.end = ""
            strips = []
            for wrapped in line.wrap(console, width, overflow="fold"):
                segments = Segment.adjust_line_length(list(wrapped.render(console)), width)
                strips.append(list(Segment.apply_style(segments, self._style)))
            self._wrapped[index] = strips
        return strips

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None
        self._wrapped.clear()
        self._bar.restyle()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._bar.update()  # once per frame, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = max(0, self._width)
        line = y + int(self.scroll_offset.y)
        if self._style is None:
            self._style = self.rich_style
        style = self._style
        segments: list[Segment] = [Segment(" " * width, style)]
        if self._tops and line < self._tops[-1]:
            index = bisect_right(self._tops, line) - 1
            lines = self._source_line(index)
            within = line - self._tops[index]
            if within < len(lines):
                segments = lines[within]
        if width < self.size.width:
            # One Strip per line: the text's segments and the scrollbar's cell.
            return Strip([*segments, self._bar.cell(y, style)], width + self._bar.width)
        return Strip(segments, width)
