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
from tui.corpus.story_list import StoryFilter, parse_dates, visible
from tui.widgets.steady_footer import SteadyFooter


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
    ]
    DEFAULT_CSS = """
    StoryListScreen #story-filters { height: 3; }
    StoryListScreen #story-filters Input { width: 1fr; }
    StoryListScreen #story-summary { height: 1; padding: 0 1; }
    StoryListScreen DataTable { height: 1fr; }
    """

    def __init__(self, rows: Sequence[StoryRow]) -> None:
        super().__init__(id="stories")
        self.rows = list(rows)
        self.story_filter = StoryFilter()
        self.shown: list[StoryRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="story-summary")
        with Horizontal(id="story-filters"):
            yield Input(placeholder="Outlet contains… (o)", id="outlet")
            yield Input(placeholder="Dates: 2026-03-01 or 2026-03-01..2026-03-05 (d)", id="dates")
        yield DataTable(id="story-table", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Conflicts", "Shared", "Unique", "Outlets", "Dates", "Story"):
            table.add_column(label, key=label.lower())
        self._refill()
        table.focus()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#story-table", DataTable)

    def _refill(self) -> None:
        table = self.table
        table.clear()
        self.shown = visible(self.rows, self.story_filter)
        for row in self.shown:
            dates = (
                f"{row.dates[0]}..{row.dates[-1]}"
                if len(row.dates) > 1
                else (row.dates[0] if row.dates else "")
            )
            table.add_row(
                Text(str(row.conflicts), justify="right"),
                Text(str(row.shared), justify="right"),
                Text(str(row.unique), justify="right"),
                Text(str(len(row.sources)), justify="right"),
                Text(clean(dates)),
                # Titles come from the corpus: plain Text (never markup), control sequences removed.
                Text(clean(row.title) or row.id, no_wrap=True, overflow="ellipsis"),
                key=row.id,
            )
        described = clean(self.story_filter.describe())
        summary = f"{len(self.shown)} of {len(self.rows)} stories, most conflicts first"
        self.query_one("#story-summary", Static).update(
            Text(f"{summary} · {described}" if described else summary)
        )

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

    def action_focus_filter(self, name: str) -> None:
        self.query_one(f"#{name}", Input).focus()

    def action_clear_filters(self) -> None:
        for box in self.query(Input):
            box.value = ""
        self.story_filter = StoryFilter()
        self._refill()
        self.table.focus()
