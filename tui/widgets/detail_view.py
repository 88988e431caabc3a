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
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.cell_text import wrapped_height


class DetailView(ScrollView, can_focus=True):
    """Read-only wrapped text with a vertical scrollbar."""

    DEFAULT_CSS = """
    DetailView { scrollbar-size-horizontal: 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._width = -1
        self._source: list[Text] = []
        """The text's lines (between newlines), split once."""
        self._tops: list[int] = []
        """First wrapped line of each source line."""
        self._wrapped: dict[int, list[Strip]] = {}
        """Source line -> its wrapped, rendered lines (filled as lines come into view)."""
        self._style: Style | None = None
        self._seen: tuple[object, ...] = ()

    @property
    def plain_lines(self) -> list[str]:
        """The wrapped lines as plain text (for tests)."""
        self._layout()
        return [
            strip.text.rstrip() for index in range(len(self._source)) for strip in self._source_line(index)
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
        # Asked on every line drawn: the content region walks the styles, so only when the
        # size or the scrollbar (which takes a column) changed since the last time.
        seen = (self.size, self.show_vertical_scrollbar)
        if seen == self._seen and self._width > 0:
            return
        self._seen = seen
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._wrapped.clear()
        self._style = None
        heights = [wrapped_height(line.plain, width) for line in self._source]
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

    def _source_line(self, index: int) -> list[Strip]:
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
                strips.append(Strip(Segment.apply_style(segments, self._style), width))
            self._wrapped[index] = strips
        return strips

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None
        self._wrapped.clear()

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = max(0, self._width)
        line = y + int(self.scroll_offset.y)
        if self._style is None:
            self._style = self.rich_style
        if not self._tops or line >= self._tops[-1]:
            return Strip.blank(width, self._style)
        index = bisect_right(self._tops, line) - 1
        strips = self._source_line(index)
        within = line - self._tops[index]
        return strips[within] if within < len(strips) else Strip.blank(width, self._style)
