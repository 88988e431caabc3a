"""The facts table screen: the whole dispute of a story on one screen.

Installed once and reused (like the detail view). It never calls the app: it posts
``DetailRequested``/``MarkRequested`` and dismisses with the fact to show in the articles,
or None. A note is the app's own "a", on the fact ``target_claim_id`` names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.core.models import Article
from tui.messages import DetailRequested, FactHighlighted, MarkRequested
from tui.screens.focus import focus_now
from tui.screens.reused import KeptBackground, StyleKeeping
from tui.state.facts import LABEL_FILTERS, MARK_FILTERS, FactFilter, filtered, next_in_cycle
from tui.state.orphans import orphan_hint, orphaned_marks
from tui.state.reading_model import ReadingModel
from tui.widgets.facts_table import FactsTable
from tui.widgets.steady_footer import SteadyFooter

SCREEN_NAME = "facts-table"


class FactsScreen(KeptBackground, StyleKeeping, Screen[str | None]):
    """One row per fact, one column per source; Enter opens a fact's detail."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "close", "Close", id="facts.close"),
        Binding("j,down", "cursor(1)", "Next fact", show=False, id="move.down"),
        Binding("k,up", "cursor(-1)", "Previous fact", show=False, id="move.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="move.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="move.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="move.half-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="move.half-up"),
        Binding("g,home", "top", "First fact", show=False, id="move.top"),
        Binding("G,end", "bottom", "Last fact", show=False, id="move.bottom"),
        Binding("l,right", "columns(1)", "Scroll sources right", show=False, id="columns.right"),
        Binding("h,left", "columns(-1)", "Scroll sources left", show=False, id="columns.left"),
        Binding("enter", "detail", "Detail", id="claims.detail"),
        Binding("o", "show_in_articles", "In articles", show=False, id="facts.show"),
        Binding("f", "cycle_label", "Label filter", id="facts.filter-label"),
        Binding("m", "cycle_mark", "Filter by mark", show=False, id="facts.filter-mark"),
        Binding("s", "cycle_source", "Filter by source", show=False, id="facts.filter-source"),
        # Priority, so that the keys typed right after "/" reach the box (see focus_now).
        Binding("slash", "type_filter", "Filter", key_display="/", id="facts.filter-text", priority=True),
        Binding("v", "mark('verified')", "Mark verified", show=False, id="review.verified"),
        Binding("d", "mark('disputed')", "Mark disputed", show=False, id="review.disputed"),
        Binding("r", "mark('follow-up')", "Mark needs follow-up", show=False, id="review.follow-up"),
        Binding("x", "mark('')", "Clear mark", show=False, id="review.clear"),
        # Answered by the app's priority "a" (see the detail view), listed with this name.
        Binding("a", "app.note", "Note on fact", show=False, id="review.note"),
    ]

    DEFAULT_CSS = """
    FactsScreen { layout: vertical; }
    FactsScreen #facts-status { height: 1; background: $primary-muted; padding: 0 1; }
    FactsScreen #facts-header { height: 1; background: $surface; }
    FactsScreen #facts-table { height: 1fr; }
    FactsScreen #facts-filter { display: none; dock: bottom; margin-bottom: 1; height: 3; }
    FactsScreen #facts-filter.-shown { display: block; }
    """

    def __init__(
        self,
        model: ReadingModel,
        marks: Mapping[str, str],
        articles: Sequence[Article],
        selected: str | None,
    ) -> None:
        super().__init__(id="facts")
        self.model = model
        self.marks: dict[str, str] = dict(marks)
        self._orphan_hint = ""
        self.articles = list(articles)
        self.fact_filter = FactFilter()
        self._selected = selected
        self._lines_shown: dict[str, tuple[object, ...]] = {}
        """The status and heading lines' text and spans, as last drawn."""

    def compose(self) -> ComposeResult:
        yield Static("", id="facts-status")
        yield Static("", id="facts-header")
        yield FactsTable(id="facts-table")
        yield Input(placeholder="Filter facts (Enter: keep, Esc: clear)", id="facts-filter")
        yield SteadyFooter()

    @property
    def table(self) -> FactsTable:
        return self.query_one(FactsTable)

    @property
    def target_claim_id(self) -> str | None:
        """The fact review keys act on (read by the app)."""
        selected = self.table.selected if self.is_mounted else None
        return selected.claim.id if selected else None

    def on_mount(self) -> None:
        self._rebuild(keep=self._selected)
        self.table.focus()

    def show(
        self, model: ReadingModel, marks: Mapping[str, str], articles: Sequence[Article], selected: str | None
    ) -> None:
        """Reopen (the screen is reused): new marks, columns and the reader's fact.

        Rows and drawn lines are kept when nothing they show has changed, so reopening
        costs a cursor move; a new theme (chosen while the table was closed) restyles.
        """
        marks = dict(marks)
        articles = list(articles)
        changed = model is not self.model or marks != self.marks or articles != self.articles
        self.model = model
        self.marks = marks
        self.articles = articles
        self._selected = selected
        if not self.is_mounted:
            return
        if self.theme_changed_since_shown:
            self.table.restyle()
            changed = True
        if changed:
            self._rebuild(keep=selected)
        else:
            self.table.select(selected)
        if self.focused is not self.table:  # focus() repaints the table even when it has it
            self.table.focus()

    def prepare(
        self, model: ReadingModel, marks: Mapping[str, str], articles: Sequence[Article], selected: str | None
    ) -> None:
        """While closed, draw the lines the table will show with the cursor on the reader's
        fact, so opening it there only pushes the screen and moves the cursor. Anything else
        that changed (rows, marks, columns, theme) is left to :meth:`show`."""
        same = model is self.model and dict(marks) == self.marks and list(articles) == self.articles
        if self.is_mounted and same and not self.theme_changed_since_shown:
            self.table.prepare_lines(selected)

    def refresh_marks(self, marks: Mapping[str, str]) -> None:
        self.marks = dict(marks)
        if self.fact_filter.mark != "all":
            self._rebuild(keep=self.target_claim_id)
        else:
            self.table.set_marks(self.marks)
            self._update_status()

    def restyle(self) -> None:
        self.table.restyle()

    # ----- drawing -----------------------------------------------------------------------

    def _rebuild(self, *, keep: str | None) -> None:
        every = self.model.fact_rows
        rows = filtered(every, self.fact_filter, self.marks) if self.fact_filter.active else every
        index = self.model.article_index
        self.table.show(rows, self.articles, [index[a.id] for a in self.articles], self.marks, keep=keep)
        # Counted here, not on each move: a mark filter would hide its orphaned marks silently.
        mark = self.fact_filter.mark
        hidden = orphaned_marks(self.marks, self.model.comparison.claims, mark) if mark != "all" else 0
        self._orphan_hint = orphan_hint(hidden)
        self._update_status()

    def _source_name(self, article_id: str | None) -> str | None:
        if article_id is None:
            return None
        article = self.model.comparison.article_by_id.get(article_id)
        return (article.source or article.id) if article else article_id

    def _update_status(self) -> None:
        table = self.table
        total = len(self.model.fact_rows)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"Facts {len(table.rows)}/{total}", "bold")
        text.append(" · ")
        text.append(self.fact_filter.describe(self._source_name(self.fact_filter.source)))
        if self._orphan_hint:
            text.append(f" · {self._orphan_hint}", "bold")
        selected = table.selected
        if selected is not None and selected.claim.summary:
            text.append(" · ")
            text.append(selected.claim.summary, "bold")
        # One line each, always: no layout pass on a key press. And only when it changed:
        # a Static re-renders its text on every update, the same or not (most openings).
        for name, line in (("#facts-status", text), ("#facts-header", table.header_text())):
            shown = (line.plain, tuple(line.spans))
            if self._lines_shown.get(name) != shown:
                self._lines_shown[name] = shown
                self.query_one(name, Static).update(line, layout=False)

    @on(FactHighlighted)
    def _highlighted(self, event: FactHighlighted) -> None:
        event.stop()
        self._update_status()

    # ----- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "type_filter" and self.is_mounted and self.query_one("#facts-filter", Input).has_focus:
            return False  # a "/" typed into the box is text
        if action in ("detail", "show_in_articles", "mark"):
            return True if self.is_mounted and self.table.selected is not None else None
        if action == "columns":
            left, right = self.table.hidden_columns if self.is_mounted else (0, 0)
            return True if left or right else None
        return True

    def action_close(self) -> None:
        # Esc in the filter box clears the typed filter instead of closing the table.
        box = self.query_one("#facts-filter", Input)
        if box.has_class("-shown"):
            box.remove_class("-shown")
            box.value = ""
            focus_now(self.table)
            return
        self.dismiss(None)

    def action_cursor(self, delta: int) -> None:
        self.table.move_cursor(self.table.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.table.page(direction)

    def action_half_page(self, direction: int) -> None:
        self.table.page(direction, half=True)

    def action_top(self) -> None:
        self.table.move_cursor(0)

    def action_bottom(self) -> None:
        self.table.move_cursor(len(self.table.rows) - 1)

    def action_columns(self, delta: int) -> None:
        self.table.scroll_columns(delta)
        self._update_status()

    def action_detail(self) -> None:
        claim_id = self.target_claim_id
        if claim_id is not None:
            self.post_message(DetailRequested(claim_id))

    def action_show_in_articles(self) -> None:
        claim_id = self.target_claim_id
        if claim_id is not None:
            self.dismiss(claim_id)

    def action_mark(self, mark: str) -> None:
        claim_id = self.target_claim_id
        if claim_id is not None:
            self.post_message(MarkRequested(claim_id, mark))

    def _set_filter(self, fact_filter: FactFilter) -> None:
        self.fact_filter = fact_filter
        self._rebuild(keep=self.target_claim_id)
        if not self.table.rows:
            self.notify(
                f"No facts: {fact_filter.describe(self._source_name(fact_filter.source))}.", timeout=3
            )

    def action_cycle_label(self) -> None:
        label = next_in_cycle(LABEL_FILTERS, self.fact_filter.label)
        self._set_filter(replace(self.fact_filter, label=label))

    def action_cycle_mark(self) -> None:
        mark = next_in_cycle(MARK_FILTERS, self.fact_filter.mark)
        self._set_filter(replace(self.fact_filter, mark=mark))

    def action_cycle_source(self) -> None:
        ids: list[str | None] = [None, *(a.id for a in self.articles)]
        current = ids.index(self.fact_filter.source) if self.fact_filter.source in ids else 0
        self._set_filter(replace(self.fact_filter, source=ids[(current + 1) % len(ids)]))

    def action_type_filter(self) -> None:
        box = self.query_one("#facts-filter", Input)
        box.add_class("-shown")
        box.value = self.fact_filter.text
        focus_now(box)

    @on(Input.Changed, "#facts-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.fact_filter.text:
            self.fact_filter = replace(self.fact_filter, text=event.value)
            self._rebuild(keep=self.target_claim_id)

    @on(Input.Submitted, "#facts-filter")
    def _typed_done(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.remove_class("-shown")
        focus_now(self.table)


def prepare_facts(
    app: App[Any], model: ReadingModel, marks: Mapping[str, str], articles: Sequence[Article], selected: str
) -> None:
    """Lay out ``selected`` in the installed (closed) facts table, if there is one."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        if isinstance(screen, FactsScreen) and screen not in app.screen_stack:
            screen.prepare(model, marks, articles, selected)


def open_facts(
    app: App[Any],
    model: ReadingModel,
    marks: Mapping[str, str],
    articles: Sequence[Article],
    selected: str | None,
    chosen: Callable[[str | None], None],
) -> FactsScreen:
    """Push the facts table, reusing the installed screen when there is one."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        assert isinstance(screen, FactsScreen)
        screen.show(model, marks, articles, selected)
    else:
        screen = FactsScreen(model, marks, articles, selected)
        app.install_screen(screen, SCREEN_NAME)
    app.push_screen(screen, chosen)
    return screen
