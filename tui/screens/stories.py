"""The story list of a corpus run: stories by conflicts, filtered by outlet and date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from tui.core.display import clean
from tui.corpus.output import StoryRow
from tui.corpus.story_list import StoryFilter, parse_dates, shown_title, summary, visible
from tui.widgets.steady_footer import SteadyFooter

NUMBER_COLUMNS = ("Conflicts", "Shared", "Unique", "Outlets")


class StoryTable(DataTable[Text]):
    """Home/End go to the first/last story (a DataTable scrolls sideways with them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First story", show=False),
        Binding("end", "scroll_bottom", "Last story", show=False),
    ]


@dataclass
class StoryChosen(Message):
    """The user asked to open a story."""

    story_id: str


class StoryListScreen(Screen[None]):
    """Every story of a corpus run; Enter opens the selected one from its saved comparison."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "focus_filter('outlet')", "Outlet filter", id="stories.outlet"),
        Binding("d", "focus_filter('dates')", "Date filter", id="stories.dates"),
        Binding("escape", "clear_filters", "Clear filters", id="stories.clear"),
        # The reader's keys; on the screen (a filter box takes them as text) so help lists them.
        Binding("j", "move('cursor_down')", "Next story", show=False, id="move.down"),
        Binding("k", "move('cursor_up')", "Previous story", show=False, id="move.up"),
        Binding("g", "move('scroll_top')", "First story", show=False, id="move.first"),
        Binding("G", "move('scroll_bottom')", "Last story", show=False, id="move.last"),
        Binding("ctrl+d", "move('page_down')", "Page down", show=False, id="move.page-down"),
        Binding("ctrl+u", "move('page_up')", "Page up", show=False, id="move.page-up"),
        # The reader's review and export keys are app-wide; on the list they would do nothing,
        # so the list takes them (undescribed: help does not offer them here).
        *(Binding(key, "nothing", "", show=False) for key in ("v", "r", "x", "a", "e")),
    ]
    DEFAULT_CSS = """
    StoryListScreen #story-filters { height: 3; }
    StoryListScreen #story-filters Input { width: 1fr; }
    StoryListScreen #story-summary { height: auto; max-height: 3; padding: 0 1; }
    StoryListScreen DataTable { height: 1fr; }
    """

    def __init__(self, rows: Sequence[StoryRow]) -> None:
        super().__init__(id="stories")
        self.rows = list(rows)
        self.story_filter = StoryFilter()
        self.shown: list[StoryRow] = []
        self._laid_out_for = -1

    def compose(self) -> ComposeResult:
        yield Static("", id="story-summary")
        with Horizontal(id="story-filters"):
            yield Input(placeholder="Outlet contains… (o)", id="outlet")
            yield Input(placeholder="Dates: day or from..to (d)", id="dates")
        yield StoryTable(id="story-table", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._refill()
        self.table.focus()

    def on_resize(self) -> None:
        if self.is_mounted and self.table.size.width != self._laid_out_for:
            self._refill()

    @property
    def table(self) -> StoryTable:
        return self.query_one("#story-table", StoryTable)

    def _columns(self, dates: list[str]) -> None:
        """Columns sized so the story titles take what is left: no sideways scrolling."""
        table = self.table
        self._laid_out_for = table.size.width
        table.clear(columns=True)
        widths = [max(len(label), len(str(max(self._counts(label), default=0)))) for label in NUMBER_COLUMNS]
        widths.append(max((len(d) for d in dates), default=0) or len("Dates"))
        padding = 2 * table.cell_padding * (len(widths) + 1) + 2  # and a vertical scrollbar's 2
        title = max(12, table.size.width - sum(widths) - padding)
        for label, width in zip((*NUMBER_COLUMNS, "Dates", "Story"), (*widths, title), strict=True):
            table.add_column(label, key=label.lower(), width=width)

    def _counts(self, label: str) -> list[int]:
        values = {
            "Conflicts": [r.conflicts for r in self.rows],
            "Shared": [r.shared for r in self.rows],
            "Unique": [r.unique for r in self.rows],
            "Outlets": [len(r.sources) for r in self.rows],
        }
        return values[label]

    def _refill(self) -> None:
        table = self.table
        cursor = self.selected_id()
        self.shown = visible(self.rows, self.story_filter)
        spans = [_date_span(row.dates) for row in self.shown]
        self._columns(spans)
        for row, dates in zip(self.shown, spans, strict=True):
            table.add_row(
                Text(str(row.conflicts), justify="right"),
                Text(str(row.shared), justify="right"),
                Text(str(row.unique), justify="right"),
                Text(str(len(row.sources)), justify="right"),
                Text(clean(dates)),
                # Titles come from the corpus: plain Text (never markup), control sequences removed.
                Text(clean(shown_title(row)) or row.id, no_wrap=True, overflow="ellipsis"),
                key=row.id,
            )
        line = summary(len(self.shown), len(self.rows), self.story_filter)
        self.query_one("#story-summary", Static).update(Text(clean(line)))
        if cursor is not None and cursor in table.rows:
            table.move_cursor(row=table.get_row_index(cursor))

    def selected_id(self) -> str | None:
        table = self.table
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(StoryChosen(event.row_key.value))

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "outlet":
            self.story_filter = replace(self.story_filter, outlet=event.value.strip())
        else:
            try:
                first, last = parse_dates(event.value)
            except ValueError as error:
                self.notify(f"Dates: {error}. Use 2026-03-01 or 2026-03-01..2026-03-05.", severity="warning")
                return
            self.story_filter = replace(self.story_filter, first=first, last=last)
        self._refill()
        self.table.focus()

    def action_nothing(self) -> None:
        return None

    def action_move(self, action: str) -> None:
        self.table.focus()
        moves = {
            "cursor_down": self.table.action_cursor_down,
            "cursor_up": self.table.action_cursor_up,
            "scroll_top": self.table.action_scroll_top,
            "scroll_bottom": self.table.action_scroll_bottom,
            "page_down": self.table.action_page_down,
            "page_up": self.table.action_page_up,
        }
        moves[action]()

    def action_focus_filter(self, name: str) -> None:
        self.query_one(f"#{name}", Input).focus()

    def action_clear_filters(self) -> None:
        for box in self.query(Input):
            box.value = ""
        self.story_filter = StoryFilter()
        self._refill()
        self.table.focus()


def _date_span(dates: Sequence[str]) -> str:
    """``2023-09-14..15``: the last date without the year and month it shares with the first."""
    if len(dates) < 2:
        return dates[0] if dates else ""
    first, last = dates[0], dates[-1]
    shared = 8 if first[:8] == last[:8] else 5 if first[:5] == last[:5] else 0
    return f"{first}..{last[shared:]}"
