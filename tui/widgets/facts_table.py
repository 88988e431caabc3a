"""The facts × sources table: one row per fact, one column per source.

A Line-API ``ScrollView`` like the reading grid: only the lines on screen are drawn,
so opening it with 200 sources and thousands of facts costs one screenful. The fact
label column stays pinned on the left; source columns scroll sideways a column at a
time. Cell text is untrusted article text and only ever becomes ``Text``/``Segment``
content, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.models import Article
from tui.glyphs import LABEL_GLYPHS, ROUNDING_GLYPH, STATED_GLYPH, mark_glyph
from tui.messages import FactHighlighted
from tui.state.facts import VALUE_SEPARATOR, FactRow, odd_values
from tui.widgets.component_style import component_style
from tui.widgets.drawn_scrollbar import DrawnScrollbar, ScrollbarMouse
from tui.widgets.reading_grid import few_colours

CELL_WIDTH = 16
"""Narrowest source column (its divider included): "at least 38", "$14.3 billion" fit."""
WIDEST_CELL = 30
"""Widest source column when every source fits with room to spare."""
PREFIX = 4
"""Cursor bar, label glyph, mark glyph, space."""
CURSOR_BAR = "▌"


def label_width(width: int) -> int:
    """The pinned fact column: a quarter of the width, 16 to 32 cells."""
    return max(16, min(32, width // 4))


def fit(text: str, width: int) -> str:
    """``text`` cut with an ellipsis or padded to exactly ``width`` cells."""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""


class FactsTable(ScrollbarMouse, ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of facts with a cursor; columns of sources that scroll sideways."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "facts-table--conflict",
        "facts-table--unique",
        "facts-table--odd-value",
        "facts-table--rounding",
        "facts-table--cursor",
        "facts-table--cursor-bar",
        "facts-table--gutter",
        "facts-table--divider",
        "facts-table--header",
    }

    DEFAULT_CSS = """
    FactsTable {
        background: $surface;
        color: $foreground;
        scrollbar-size-horizontal: 0;
        scrollbar-size-vertical: 0;  /* drawn in the last column: see DrawnScrollbar */
    }
    FactsTable > .facts-table--conflict { color: $claim-conflict; text-style: bold; }
    FactsTable > .facts-table--unique { color: $claim-unique; text-style: italic; }
    FactsTable > .facts-table--odd-value { color: $claim-conflict-value; text-style: bold reverse; }
    FactsTable > .facts-table--rounding { text-style: underline; }
    FactsTable > .facts-table--cursor { background: $row-cursor; }
    FactsTable > .facts-table--cursor-bar { color: $accent; }
    FactsTable > .facts-table--gutter { color: $gutter; text-style: bold; }
    FactsTable > .facts-table--divider { color: $column-divider; }
    FactsTable > .facts-table--header { text-style: bold underline; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: list[FactRow] = []
        self.articles: list[Article] = []
        """Source columns in display order (the source picker may hide or reorder them)."""
        self.marks: Mapping[str, str] = {}
        self.cursor = 0
        self.column_offset = 0
        self._styles: dict[str, Style] = {}
        self._column_index: list[int] = []
        """Display column -> index into ``FactRow.cells`` (article order of the comparison)."""
        self._lines: dict[tuple[int, bool], tuple[list[Segment], int]] = {}
        """(row, under the cursor) -> drawn line and its width, for the current columns, marks
        and theme (segments: the scrollbar's cell is added when it is drawn)."""
        self._bar = DrawnScrollbar(self)

    # ----- data in ---------------------------------------------------------------------

    def show(
        self,
        rows: Sequence[FactRow],
        articles: Sequence[Article],
        cell_order: Sequence[int],
        marks: Mapping[str, str],
        *,
        keep: str | None = None,
    ) -> None:
        """New rows (after a filter) keeping the cursor on ``keep`` when it is still listed."""
        self.rows = list(rows)
        self.articles = list(articles)
        self._column_index = list(cell_order)
        self.marks = dict(marks)
        self._lines.clear()
        index = next((i for i, r in enumerate(self.rows) if r.claim.id == keep), None)
        self.cursor = index if index is not None else min(self.cursor, max(0, len(self.rows) - 1))
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.column_offset = max(0, min(self.column_offset, self.max_column_offset))
        self.refresh()
        self.scroll_to_cursor()
        self._announce()

    def select(self, claim_id: str | None) -> None:
        """Put the cursor on ``claim_id``'s row when it is listed (else leave it where it is)."""
        index = next((i for i, r in enumerate(self.rows) if r.claim.id == claim_id), None)
        self.move_cursor(self.cursor if index is None else index)

    def set_marks(self, marks: Mapping[str, str]) -> None:
        self.marks = dict(marks)
        self._lines.clear()
        self.refresh()

    def restyle(self) -> None:
        self._styles = {}
        self._lines.clear()
        self._bar.restyle()
        self.refresh()

    @property
    def selected(self) -> FactRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # ----- columns -----------------------------------------------------------------------

    @property
    def _width(self) -> int:
        """Cells for the table: all but the scrollbar's when the rows run past the view."""
        width = self.size.width
        return width - self._bar.width if len(self.rows) > self.size.height else width

    @property
    def label_width(self) -> int:
        return label_width(self.size.width)

    @property
    def _room(self) -> int:
        """Cells left for source columns: the scrollbar, prefix, fact column and a `N›` count."""
        return self.size.width - 1 - PREFIX - self.label_width - 4

    @property
    def columns_that_fit(self) -> int:
        return max(1, self._room // CELL_WIDTH)

    @property
    def cell_width(self) -> int:
        """Source columns share the room left by the fact column, within 16..30 cells."""
        room = self._room
        count = min(len(self.articles), self.columns_that_fit) or 1
        return max(CELL_WIDTH, min(WIDEST_CELL, room // count))

    @property
    def max_column_offset(self) -> int:
        return max(0, len(self.articles) - self.columns_that_fit)

    @property
    def hidden_columns(self) -> tuple[int, int]:
        """Source columns scrolled off to the left and to the right."""
        right = max(0, len(self.articles) - self.column_offset - self.columns_that_fit)
        return self.column_offset, right

    @property
    def shown_articles(self) -> list[Article]:
        return self.articles[self.column_offset : self.column_offset + self.columns_that_fit]

    def scroll_columns(self, delta: int) -> None:
        offset = max(0, min(self.max_column_offset, self.column_offset + delta))
        if offset != self.column_offset:
            self.column_offset = offset
            self._lines.clear()
            self.refresh()
            self._announce()

    # ----- cursor ------------------------------------------------------------------------

    def move_cursor(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.cursor:
            # Only the two lines whose cursor state changed are redrawn (unless it scrolls).
            self.refresh_lines(self.cursor)
            self.refresh_lines(index)
            self.cursor = index
        self.scroll_to_cursor()
        self._announce()

    def page(self, direction: int, *, half: bool = False) -> None:
        step = max(1, (self.size.height // 2) if half else self.size.height - 1)
        self.move_cursor(self.cursor + direction * step)

    def scroll_to_cursor(self) -> None:
        view = max(1, self.size.height)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + view:
            self.scroll_to(y=self.cursor - view + 1, animate=False)

    def _announce(self) -> None:
        selected = self.selected
        self.post_message(FactHighlighted(selected.claim.id if selected else None))

    # ----- drawing -----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if not self._styles:
            self._styles["base"] = self.rich_style
            for part in sorted(self.COMPONENT_CLASSES):
                self._styles[part.removeprefix("facts-table--")] = component_style(self, part)
        return self._styles[name]

    def header_text(self) -> Text:
        """The column headings for the source columns on screen (drawn by the screen)."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        left, right = self.hidden_columns
        text.append(fit(f"‹{left} fact" if left else "  fact", PREFIX + self.label_width), "bold")
        cell = self.cell_width
        for article in self.shown_articles:
            text.append("│", "dim")
            text.append(fit(article.source or article.id, cell - 1), "bold")
        if right:
            text.append(f" {right}›", "bold")
        return text

    def render_lines(self, crop: Region) -> list[Strip]:
        self._bar.update()  # once per frame, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._width
        base = self._style("base")
        index = y + int(self.scroll_offset.y)
        segments = [Segment(" " * width, base)]
        if index < len(self.rows):
            cursor = index == self.cursor
            drawn = self._lines.get((index, cursor))
            if drawn is None or drawn[1] != width:
                drawn = self._lines[index, cursor] = (self._draw(self.rows[index], width, cursor), width)
            segments = drawn[0]
        if width < self.size.width:
            # One Strip per line: the row's segments and the scrollbar's cell.
            return Strip([*segments, self._bar.cell(y, base)], width + self._bar.width)
        return Strip(segments, width)

    def line_ready(self, index: int, *, cursor: bool) -> bool:
        """Whether row ``index`` is drawn already at this width (with or without the cursor on it)."""
        drawn = self._lines.get((index, cursor))
        return drawn is not None and drawn[1] == self._width

    def prepare_lines(self, claim_id: str | None) -> None:
        """Draw the lines the table will show once :meth:`select` puts the cursor on
        ``claim_id``, without moving it (the screen prepares the reader's fact while closed;
        where the table scrolls on opening stays what it was)."""
        width, view = self._width, max(1, self.size.height)
        index = next((i for i, r in enumerate(self.rows) if r.claim.id == claim_id), self.cursor)
        if width <= 0 or not self.rows:
            return
        top = int(self.scroll_offset.y)  # as scroll_to_cursor will move it
        top = index if index < top else max(top, index - view + 1)
        for line in range(top, min(len(self.rows), top + view)):
            cursor = line == index
            drawn = self._lines.get((line, cursor))
            if drawn is None or drawn[1] != width:
                self._lines[line, cursor] = (self._draw(self.rows[line], width, cursor), width)

    def _draw(self, row: FactRow, width: int, cursor: bool) -> list[Segment]:
        claim = row.claim
        label_style = {"conflict": "conflict", "unique": "unique"}.get(claim.label)
        text_style = self._style(label_style) if label_style else Style()
        odd = odd_values(row)
        segments = [
            Segment(CURSOR_BAR if cursor else " ", self._style("cursor-bar")),
            Segment(LABEL_GLYPHS[claim.label] + mark_glyph(self.marks.get(claim.key)), self._style("gutter")),
            Segment(" "),
        ]
        label = (ROUNDING_GLYPH + " " if row.rounding else "") + row.label
        segments.append(Segment(fit(label, self.label_width), text_style))
        divider = self._style("divider")
        width_each = self.cell_width
        first = self.column_offset
        for n in range(len(self.shown_articles)):
            position = self._column_index[first + n]
            cell = row.cells[position]
            segments.append(Segment("│", divider))
            style = text_style
            if odd and any(value in odd for value in cell.text.split(VALUE_SEPARATOR)):
                style = self._style("odd-value")
            elif row.rounding and cell.text and cell.text != STATED_GLYPH:
                style = self._style("rounding")
            segments.append(Segment(fit(cell.text, width_each - 1), style))
        segments = Segment.adjust_line_length(segments, width)
        under = self._style("base")
        if cursor:
            under = under + self._style("cursor")
            if few_colours(self.app.console.color_system):
                under = under + Style(reverse=True)  # the tint is lost: reverse the row
        return list(Segment.apply_style(segments, under))

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(event.size.width, len(self.rows))
        self.column_offset = max(0, min(self.column_offset, self.max_column_offset))
        self.scroll_to_cursor()
        # The columns that fit changed: the screen redraws the headings it shows above us
        # (on the first opening they were drawn before there was a width: one column).
        self._announce()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._bar.restyle()

    def on_click(self, event: events.Click) -> None:
        if self._bar.on_bar(event.x):
            return  # the scrollbar's (see on_mouse_down)
        self.move_cursor(event.y + int(self.scroll_offset.y))


def plain_lines(table: FactsTable) -> list[str]:
    """The visible lines as plain text (for tests)."""
    return [table.render_line(y).crop(0, table._width).text for y in range(table.size.height)]
