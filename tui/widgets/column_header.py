"""Column headings above the reading grid: outlet, date and title of each visible article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from tui.state.text import clean
from tui.widgets.component_style import component_style
from tui.widgets.reading_grid import GridColumn


class ColumnHeader(Widget):
    """Two lines per column: the outlet and date (pinned pivot marked ◆) and the title."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "column-header--source",
        "column-header--title",
        "column-header--more",
    }

    DEFAULT_CSS = """
    ColumnHeader { height: 2; background: $panel; color: $foreground; }
    ColumnHeader > .column-header--source { text-style: bold; color: $primary; }
    ColumnHeader > .column-header--title { color: $foreground-muted; }
    ColumnHeader > .column-header--more { color: $accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.columns: list[GridColumn] = []
        self.hidden: tuple[int, int] = (0, 0)
        self.shifts: Mapping[str, int] = {}
        """Article id -> lines its column is shifted by to follow a fact (see ReadingGrid)."""
        self.following = ""
        """What the shifted columns follow (the fact's frame)."""
        self._styles: dict[str, Style] = {}
        """Component styles, resolved once per theme (resolving walks the stylesheet)."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.restyle()

    def restyle(self) -> None:
        """Forget resolved styles (the theme changed)."""
        self._styles = {}
        self.refresh()

    def _style(self, part: str) -> Style:
        style = self._styles.get(part)
        if style is None:
            style = self._styles[part] = component_style(self, f"column-header--{part}")
        return style

    def show(
        self,
        columns: list[GridColumn],
        hidden: tuple[int, int],
        shifts: Mapping[str, int] | None = None,
        following: str = "",
    ) -> None:
        self.columns = list(columns)
        self.hidden = hidden
        self.shifts = dict(shifts or {})
        self.following = following
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y > 1:
            return Strip.blank(width, base)
        part = "source" if y == 0 else "title"
        style = self._style(part)
        more = self._style("more")
        segments = [Segment(" ")]
        left, right = self.hidden
        for n, column in enumerate(self.columns):
            article = column.article
            if y == 0:
                label = clean(article.source or article.path)
                label += f" · {clean(article.date)}" if article.date else ""
            else:
                label = clean(article.title)
            shift = self.shifts.get(article.id, 0)
            if y == 1 and shift:
                # This column's lines are not the row's: say so where its title was.
                label = f"↕ {shift:+} lines, following {clean(self.following)}"
            prefix = ""
            suffix = ""
            if y == 0 and column.pivot:
                prefix = "◆ "
            # The "‹n" mark sits on the first scrolled column: the second one when the
            # pivot is pinned, the only one when a single column fits.
            first_scrolled = 0 if len(self.columns) == 1 and not column.pivot else 1
            if y == 0 and n == first_scrolled and left:
                prefix = f"‹{left} "
            if y == 0 and n == len(self.columns) - 1 and right:
                suffix = f" {right}›"
            room = max(1, column.width - 3 - len(prefix) - len(suffix))
            if len(label) > room:
                label = label[: max(0, room - 1)] + "…"
            segments.append(Segment("  "))
            if prefix:
                segments.append(Segment(prefix, more if prefix.startswith("‹") else style))
            segments.append(Segment(label.ljust(room), more if y == 1 and shift else style))
            if suffix:
                segments.append(Segment(suffix, more))
            segments.append(Segment(" "))
        return Strip(segments).adjust_cell_length(width).apply_style(base)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2


__all__ = ["ColumnHeader", "Style"]
