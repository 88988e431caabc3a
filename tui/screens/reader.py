"""The main reading screen: story header, column headings, the grid, claims panel, footer."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static

from tui.core.display import visible
from tui.core.models import Article, Comparison, Label
from tui.messages import (
    BoilerplateToggled,
    ClaimChosen,
    ColumnsChanged,
    CursorMoved,
    DetailRequested,
    StatusChanged,
)
from tui.screens.focus import focus_now
from tui.state.layout import PANEL_STEP, ColumnChoice, panel_width
from tui.state.reader import ReaderState
from tui.state.reading_model import FILTER_NAMES, ROW_FILTERS, ReadingModel
from tui.state.text import clean
from tui.widgets.claims_panel import MARK_FILTERS, ClaimsPanel
from tui.widgets.column_header import ColumnHeader
from tui.widgets.reading_grid import ReadingGrid
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.story_header import StoryHeader

MIN_WIDTH = 30
MIN_HEIGHT = 8

STAGES = ("load", "segment", "normalise", "facts", "match", "classify", "align")
"""The engine's stages in order (as ``tui.core.pipeline`` reports them); it reports each
one's fraction, and 1.0 when it ends, so a finished stage names the next one."""
STAGE_WORDS = {
    "load": "reading the articles",
    "segment": "splitting sentences",
    "normalise": "normalising words and figures",
    "facts": "finding facts and figures",
    "match": "linking facts across articles",
    "classify": "classifying facts",
    "align": "aligning paragraphs",
    "cache": "loading the saved analysis",
}


def progress_line(stage: str, fraction: float) -> tuple[str, float]:
    """What the loading panel says, and the overall fraction, after one progress report."""
    fraction = max(0.0, min(1.0, fraction))
    if stage not in STAGES:
        return f"Comparing articles: {STAGE_WORDS.get(stage, stage)}…", fraction
    index = STAGES.index(stage)
    if fraction >= 1.0 and index + 1 < len(STAGES):
        index, fraction = index + 1, 0.0
    overall = (index + fraction) / len(STAGES)
    words = STAGE_WORDS[STAGES[index]]
    # The percentage is the whole analysis's, as the bar under the line shows it.
    return f"Comparing articles: {words}… (step {index + 1} of {len(STAGES)}, {overall:.0%})", overall


STATES = ("-loading", "-preview", "-ready", "-failed")
"""The screen's states: the one it starts in, then the articles before the analysis, the
comparison, or why there is none."""
STATE_PARTS = ("loading", "failure", "column-header", "grid")
"""The parts that app.tcss styles by the screen's state (the only rules naming those classes)."""

PREVIEW_ACTIONS = frozenset({"cursor", "page", "top", "bottom", "columns"})
"""What works on the articles shown while the analysis runs: moving around (no claims yet)."""


class ReaderScreen(Screen[None]):
    """Side-by-side reading with a row cursor across every column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Next row", show=False, id="move.down"),
        Binding("k,up", "cursor(-1)", "Previous row", show=False, id="move.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="move.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="move.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="move.half-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="move.half-up"),
        Binding("ctrl+o", "jump_back", "Back to where you were", show=False, id="move.jump-back"),
        Binding("ctrl+i,tab", "jump_forward", "Forward again", show=False, id="move.jump-forward"),
        Binding("g,home", "top", "First row", show=False, id="move.top"),
        Binding("G,end", "bottom", "Last row", show=False, id="move.bottom"),
        Binding("l,right", "columns(1)", "Scroll columns right", show=False, id="columns.right"),
        Binding("h,left", "columns(-1)", "Scroll columns left", show=False, id="columns.left"),
        Binding("n", "step('conflict', 1)", "Next conflict", key_display="n", id="claims.next-conflict"),
        Binding("N", "step('conflict', -1)", "Previous conflict", show=False, id="claims.prev-conflict"),
        Binding("u", "step('unique', 1)", "Next unique claim", show=False, id="claims.next-unique"),
        Binding("U", "step('unique', -1)", "Previous unique claim", show=False, id="claims.prev-unique"),
        Binding("s", "step('shared', 1)", "Next shared claim", show=False, id="claims.next-shared"),
        Binding("S", "step('shared', -1)", "Previous shared claim", show=False, id="claims.prev-shared"),
        Binding("right_square_bracket", "step('', 1)", "Next claim", show=False, id="claims.next"),
        Binding("left_square_bracket", "step('', -1)", "Previous claim", show=False, id="claims.prev"),
        Binding("enter", "detail", "Detail", id="claims.detail"),
        Binding("c", "toggle_claims", "Claims", id="view.claims-panel"),
        Binding("t", "facts_table", "Facts", id="view.facts-table"),
        Binding("f", "cycle_filter", "Filter", show=False, id="view.filter"),
        # Priority: the app runs it before it hands on the next key, so the keys typed right
        # after "/" reach the box it focuses (see focus_now).
        Binding("slash", "search", "Search", key_display="/", id="search.start", priority=True),
        Binding("full_stop", "match(1)", "Next match", show=False, key_display=".", id="search.next"),
        Binding("comma", "match(-1)", "Previous match", show=False, key_display=",", id="search.prev"),
        Binding("p", "choose_pivot", "Choose pivot article", show=False, id="view.pivot"),
        Binding("P", "pick_sources", "Pick, pin and order sources", show=False, id="view.sources"),
        Binding("z", "toggle_folds", "Fold/unfold unique-only runs", show=False, id="view.fold"),
        Binding(
            "greater_than_sign",
            "panel_width(1)",
            "Widen claims panel",
            show=False,
            key_display=">",
            id="view.panel-wider",
        ),
        Binding(
            "less_than_sign",
            "panel_width(-1)",
            "Narrow claims panel",
            show=False,
            key_display="<",
            id="view.panel-narrower",
        ),
        Binding("M", "maximise_panel", "Maximise/restore claims panel", show=False, id="view.panel-max"),
        Binding("b", "toggle_boilerplate", "Hide/show boilerplate", show=False, id="view.boilerplate"),
        Binding("w", "cited_sources", "Cited sources", show=False, id="view.cited-sources"),
        Binding(
            "m", "cycle_mark_filter", "Claims panel: filter by mark", show=False, id="review.mark-filter"
        ),
        Binding(
            "right_parenthesis",
            "mention(1)",
            "Next mention of this fact",
            show=False,
            key_display=")",
            id="claims.next-mention",
        ),
        Binding(
            "left_parenthesis",
            "mention(-1)",
            "Previous mention of this fact",
            show=False,
            key_display="(",
            id="claims.prev-mention",
        ),
        Binding("y", "copy_sentence", "Copy sentence with citation", show=False, id="app.copy"),
        Binding("o", "open_article", "Open the article", show=False, id="app.open-article"),
        Binding("escape", "close_panels", "Close panel or search", show=False, id="view.close"),
    ]

    def __init__(self) -> None:
        # Loading from the start: a cached comparison can arrive before on_mount runs.
        super().__init__(id="reader", classes="-loading")
        self.model: ReadingModel | None = None
        self._binding_state: tuple[object, ...] = ()
        self._marks: dict[str, str] = {}
        self._filtering_panel = False
        self.panel_preferred = 54
        """The width the user wants for the claims panel (< and > change it)."""
        self.panel_maximised = False
        self._told_waiting = False
        """The preview said once that claim keys wait for the comparison."""

    def marks(self) -> Mapping[str, str]:
        """Claim key -> review mark, as the app last sent them (see :meth:`refresh_marks`)."""
        return self._marks

    def compose(self) -> ComposeResult:
        yield StoryHeader(id="story-header")
        with Vertical(id="loading"):
            yield Static("Comparing articles…", id="loading-stage")
            yield ProgressBar(total=1.0, show_eta=False, id="loading-bar")
        yield Static("", id="failure")
        yield Static("Terminal too small.\nEnlarge the window (at least 30×8).", id="too-small", markup=False)
        yield ColumnHeader(id="column-header")
        yield ClaimsPanel(id="claims")
        yield ReadingGrid(id="grid")
        yield Input(placeholder="Search all articles (Enter: go, Esc: cancel)", id="search")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._check_size(self.size.width, self.size.height)

    @property
    def grid(self) -> ReadingGrid:
        return self.query_one(ReadingGrid)

    @property
    def panel(self) -> ClaimsPanel:
        return self.query_one(ClaimsPanel)

    # ----- state from the app ----------------------------------------------------------

    def show_progress(self, stage: str, fraction: float) -> None:
        """A stage reported at 100% is done, so name the one now running, not the finished one."""
        line, overall = progress_line(stage, fraction)
        self.query_one("#loading-stage", Static).update(Text(line))
        self.query_one(ProgressBar).update(progress=overall)

    def on_key(self, event: Key) -> None:
        """Every key passes here on its way up to the app's bindings. In the preview a bound key
        whose binding is refused (only moving works before the comparison) is stopped here and
        said to wait, once, rather than let "n" or a mark vanish silently."""
        if not self.has_class("-preview") or self.has_class("-too-small") or self._told_waiting:
            return
        active = self.app.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return  # a move: its binding runs when the key reaches the app
        if event.key in _bound_keys(self) or event.key in _bound_keys(self.app):
            event.stop()
            self._told_waiting = True
            self.notify(
                "Still analysing: claims, marks and notes work once the comparison is on screen; "
                "moving around works now.",
                timeout=5,
            )

    def show_preview(self, model: ReadingModel, *, hide_boilerplate: bool) -> None:
        """The articles as text while the analysis runs; the progress line stays."""
        self._set_state("-preview")
        self.grid.working_ahead = False  # the analysis still running needs the interpreter
        self.grid.load(model, pivot=None, hide_boilerplate=hide_boilerplate)
        self.grid.focus()

    def _set_state(self, state: str) -> None:
        """Move to one of the states in :data:`STATES`, restyling only what they style.

        Changing a class restyles the screen and everything in it (the footer's keys, the
        progress bar's parts, the search input): 40-60 ms, on the way to the articles' first
        frame and to the comparison's. Only the screen and the parts its state rules name
        (``ReaderScreen.-ready #grid`` and the like in app.tcss) can change, so only they are.
        """
        self.remove_class(*STATES, update=False)
        self.add_class(state, update=False)
        parts = [self, *(self.query_one(f"#{part}") for part in STATE_PARTS)]
        self.app.stylesheet.update_nodes(parts, animate=True)

    def show_failure(self, reason: str) -> None:
        self._set_state("-failed")
        message = Text("Could not compare the articles\n\n", style="bold")
        message.append(visible(reason, keep_newlines=True))  # names and server text: shown, never obeyed
        message.append("\n\nPress q to quit.", style="dim")
        self.query_one("#failure", Static).update(message)

    def show_comparison(self, model: ReadingModel, *, pivot: str | None, hide_boilerplate: bool) -> None:
        self.model = model
        self._set_state("-ready")
        grid = self.grid
        grid.working_ahead = True
        grid.set_marks(self._marks)
        grid.load(model, pivot=pivot, hide_boilerplate=hide_boilerplate)
        grid.focus()
        self._update_header()
        self.refresh_bindings()

    @property
    def target_claim_id(self) -> str | None:
        """The claim review keys act on (read by the app)."""
        selected = self.grid.selected
        return selected.id if selected else None

    def refresh_marks(self, marks: Mapping[str, str]) -> None:
        """Review marks changed: redraw gutters and the claims panel."""
        self._marks = dict(marks)
        self.grid.set_marks(marks)
        if self.panel.display and self.model is not None:
            self.panel.show(self.model, marks, self._selected_id())

    def restyle(self) -> None:
        self.grid.restyle()
        self.query_one(ColumnHeader).restyle()

    # ----- size ------------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        # The grid does not work ahead under another screen (see ReadingGrid._work_ahead).
        if self.model is not None:
            self.grid.resume_ahead()

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small != self.has_class("-too-small"):
            self.set_class(small, "-too-small")
            # check_action reads the class: without this the footer kept the too-small
            # answers (every reader key off) after the terminal grew again.
            self.refresh_bindings()
        self._layout_panel(width)

    def _layout_panel(self, width: int | None = None) -> None:
        """Size the claims panel so the grid keeps two readable columns, or give it the screen."""
        panel = self.panel
        wanted = panel_width(
            width if width is not None else self.size.width,
            self.panel_preferred,
            maximised=self.panel_maximised,
        )
        # Inline sizes override the panel's default CSS (45%, 30..70 cells).
        panel.styles.max_width = "100%"
        panel.styles.min_width = 0
        panel.styles.width = "100%" if wanted is None else wanted
        panel.set_class(wanted is None, "-full")

    # ----- messages from children ------------------------------------------------------

    @on(CursorMoved)
    def _cursor_moved(self, event: CursorMoved) -> None:
        if self.panel.display:
            self.panel.highlight(event.claim_id)
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        # Recomputing the footer re-mounts its keys (a full CSS pass), so only do it
        # when something check_action looks at has changed.
        grid = self.grid
        left, right = grid.hidden_columns
        state = (grid.selected is None, bool(grid.matches), bool(left or right), self.panel.display)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    @on(ColumnsChanged)
    def _columns_changed(self) -> None:
        grid = self.grid
        selected = grid.selected
        following = (selected.frame or "this fact") if selected is not None else ""
        self.query_one(ColumnHeader).show(grid.columns, grid.hidden_columns, grid.column_shifts, following)
        self._refresh_bindings_if_changed()

    @on(ClaimChosen)
    def _claim_chosen(self, event: ClaimChosen) -> None:
        self._jump(lambda state: state.select_claim(event.claim_id))
        if self.panel.display and self.panel.has_class("-full"):
            # The panel covers the grid (80x24): Enter jumped behind it and seemed to do
            # nothing. Show the claim it jumped to.
            self.action_toggle_claims()

    @property
    def state(self) -> ReaderState | None:
        """The reader's state as the grid draws it (None until there is a story)."""
        return self.grid.state

    def _jump(self, transition: Callable[[ReaderState], ReaderState | None]) -> ReaderState | None:
        """Apply a jump to a claim, remembering where it left from (for ctrl-o)."""
        state = self.grid.state
        if state is None:
            return None
        new = transition(state)
        if new is None:
            return None
        self._draw_jump(new.remember(state.here))
        return new

    def _draw_jump(self, state: ReaderState) -> None:
        claim = state.selected_claim
        if claim is None:
            self.grid.apply(state)
        else:
            self.grid.apply(state, focus_sentence=state.model.first_sentence_id(claim), show_mentions=True)

    def _remember(self) -> None:
        """Record the place a jump is about to leave (for ctrl-o)."""
        state = self.grid.state
        if self.model is not None and state is not None:
            self.grid.apply(state.remember(), scroll=False)

    def action_jump_back(self) -> None:
        state = self.grid.state
        back = state.jump_back() if state is not None else None
        if back is None:
            self.notify("No earlier place to go back to.", timeout=2)
            return
        self._draw_jump(back)

    def action_jump_forward(self) -> None:
        state = self.grid.state
        forward = state.jump_forward() if state is not None else None
        if forward is None:
            self.notify("No later place to go forward to.", timeout=2)
            return
        self._draw_jump(forward)

    def _selected_id(self) -> str | None:
        selected = self.grid.selected
        return selected.id if selected else None

    @on(StatusChanged)
    def _update_header(self) -> None:
        """The header is redrawn from the state's own status, whenever that text changes: tied
        to the cursor or the columns, it kept a filter's name after a filter that hid no row."""
        state = self.grid.state
        if self.model is None or state is None:
            return
        self.query_one(StoryHeader).show(self.model.comparison, state.status)

    # ----- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_panels":
            return True
        if action == "search" and self.is_mounted and self.query_one("#search", Input).has_focus:
            return False  # a "/" typed into the box is text
        if self.has_class("-preview") and not self.has_class("-too-small"):
            return action in PREVIEW_ACTIONS
        if self.model is None or self.has_class("-too-small"):
            return False
        comparison: Comparison = self.model.comparison
        grid = self.grid
        if action == "step":
            label = parameters[0] if parameters else ""
            if label:
                return True if comparison.counts[cast(Label, label)] else None
            return True if comparison.claims else None
        if action == "detail":
            return True  # on a row without claims it says so instead of doing nothing
        if action == "match":
            return True if grid.matches else None
        if action == "columns":
            left, right = grid.hidden_columns
            return True if (left or right) else None
        if action == "choose_pivot":
            return True if len(comparison.articles) > 1 else None
        if action in ("cycle_mark_filter", "panel_width", "maximise_panel"):
            return True if self.panel.display else None
        if action == "toggle_folds":
            return True if self.model.fold_runs else None
        return True

    def _apply(self, transition: Callable[[ReaderState], ReaderState]) -> None:
        state = self.grid.state
        if state is not None:
            self.grid.apply(transition(state))

    def action_cursor(self, delta: int) -> None:
        self._apply(lambda state: state.move_cursor(state.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.grid.page(direction)

    def action_half_page(self, direction: int) -> None:
        self.grid.page(direction, half=True)

    def action_top(self) -> None:
        self._apply(lambda state: state.move_cursor(0).remember(state.here))

    def action_bottom(self) -> None:
        self._apply(lambda state: state.move_cursor(len(state.visible_rows) - 1).remember(state.here))

    def action_columns(self, delta: int) -> None:
        self._apply(lambda state: state.scroll_columns(delta))

    def action_step(self, label: str, direction: int) -> None:
        state = self.grid.state
        result = state.step_claim(direction, cast(Label, label) if label else None) if state else None
        if state is None or result is None:
            self.notify(f"No {label or 'claim'} in this view.", severity="warning", timeout=3)
            return
        new, step = result
        self._draw_jump(new.remember(state.here))
        if step.wrapped:
            kind = label or "claim"
            where = "first" if direction > 0 else "last"
            end = "end" if direction > 0 else "start"
            self.notify(f"Passed the {end} of the story: back to the {where} {kind}.", timeout=3)

    def action_detail(self) -> None:
        selected = self.grid.selected
        if self.model is None:
            return
        if selected is None:
            self.notify("No claim on this row.", timeout=3)
            return
        self._remember()
        self.post_message(DetailRequested(selected.id))

    def action_facts_table(self) -> None:
        if self.model is None:
            return
        from tui.screens.facts import open_facts

        model = self.model
        articles = self.fact_columns()

        self._remember()

        def chosen(claim_id: str | None) -> None:
            if claim_id is not None:
                self._jump(lambda state: state.select_claim(claim_id))

        open_facts(self.app, model, self._marks, articles, self._selected_id(), chosen)

    def fact_columns(self) -> list[Article]:
        """The facts table's source columns: the reader's, in its order (pivot first)."""
        if self.model is None:
            return []
        by_id = self.model.comparison.article_by_id
        return [by_id[aid] for aid in self.grid.column_order]

    def action_toggle_claims(self) -> None:
        panel = self.panel
        if panel.display:
            panel.display = False
            focus_now(self.grid)
        elif self.model is not None:
            self._layout_panel()
            panel.display = True
            panel.show(self.model, self._marks, self._selected_id())
            focus_now(panel)
        self.refresh_bindings()

    def action_panel_width(self, direction: int) -> None:
        if not self.panel.display:
            return
        self.panel_maximised = False
        current = self.panel.outer_size.width or self.panel_preferred
        self.panel_preferred = max(30, current + direction * PANEL_STEP)
        self._layout_panel()

    def action_maximise_panel(self) -> None:
        if not self.panel.display:
            return
        self.panel_maximised = not self.panel_maximised
        self._layout_panel()

    def action_toggle_folds(self) -> None:
        grid = self.grid
        self._apply(lambda state: state.with_rows(folded=not state.folded))
        if self.model is not None:
            hidden = len(self.model.folded_rows)
            state = f"folded ({hidden} rows hidden)" if grid.folded else "unfolded"
            self.notify(f"Unique and boilerplate runs {state}.", timeout=2)

    def action_pick_sources(self) -> None:
        if self.model is None:
            return
        from tui.screens.sources import SourcesScreen

        articles = self.model.comparison.articles
        state = self.grid.state
        choice = (state.column_choice if state else None) or ColumnChoice.of([a.id for a in articles])

        def chosen(picked: ColumnChoice | None) -> None:
            if picked is not None:
                self._apply(lambda state: state.with_columns(picked))

        self.app.push_screen(SourcesScreen(articles, choice, self.grid.pivot), chosen)

    def action_cycle_mark_filter(self) -> None:
        panel = self.panel
        if self.model is None or not panel.display:
            return
        panel.mark_filter = MARK_FILTERS[(MARK_FILTERS.index(panel.mark_filter) + 1) % len(MARK_FILTERS)]
        panel.show(self.model, self._marks, self._selected_id())

    def action_cycle_filter(self) -> None:
        grid = self.grid
        following = ROW_FILTERS[(ROW_FILTERS.index(grid.row_filter) + 1) % len(ROW_FILTERS)]
        self._apply(lambda state: state.with_rows(row_filter=following))
        if not grid.visible_rows:
            self.notify(f"No rows with {FILTER_NAMES[grid.row_filter]}.", timeout=3)

    def action_toggle_boilerplate(self) -> None:
        grid = self.grid
        self._apply(lambda state: state.with_rows(hide_boilerplate=not state.hide_boilerplate))
        self.post_message(BoilerplateToggled(grid.hide_boilerplate))

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        # With the claims panel focused, typing filters the panel as you type.
        self._filtering_panel = self.panel.display and self.panel.has_focus
        search.placeholder = (
            "Filter claims (Enter: keep, Esc: clear)"
            if self._filtering_panel
            else "Search all articles (Enter: go, Esc: cancel)"
        )
        search.display = True
        search.value = self.panel.text_filter if self._filtering_panel else self.grid.search_query
        focus_now(search)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filtering_panel and self.model is not None and event.value != self.panel.text_filter:
            self.panel.text_filter = event.value
            self.panel.show(self.model, self._marks, self._selected_id())

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        search = self.query_one("#search", Input)
        search.display = False
        if self._filtering_panel:
            self._filtering_panel = False
            focus_now(self.panel)
            return
        grid = self.grid
        focus_now(grid)
        state = grid.state
        if state is None:
            return
        query = event.value.strip()
        searched = state.with_search(query)
        stepped = searched.step_match(1)
        if stepped is not None:
            grid.apply(stepped[0].remember(state.here), focus_sentence="")
        else:
            grid.apply(searched, scroll=False)
        if query and stepped is None:
            self.notify(f"No match for {query!r}.", severity="warning", timeout=3)
        self._refresh_bindings_if_changed()

    def action_match(self, direction: int) -> None:
        state = self.grid.state
        stepped = state.step_match(direction) if state is not None else None
        if stepped is not None:
            self.grid.apply(stepped[0], focus_sentence="")

    def action_close_panels(self) -> None:
        self.grid.unfollow()  # columns back in line
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            if self._filtering_panel and self.model is not None:
                self._filtering_panel = False
                self.panel.text_filter = ""
                self.panel.show(self.model, self._marks, self._selected_id())
                focus_now(self.panel)
                return
            focus_now(self.grid)
        elif self.panel.display:
            self.action_toggle_claims()

    def action_mention(self, direction: int) -> None:
        state = self.grid.state
        if state is None or state.selected_claim is None or self.model is None:
            self.notify("No fact selected on this row.", timeout=3)
            return
        step = state.step_mention(direction)
        if step is None:
            self.notify("This fact has no mention to go to.", timeout=3)
            return
        self.grid.apply(step.state, focus_sentence=step.place.sentence_id, show_mentions=True)
        source = self.model.comparison.article_by_id[step.place.article_id]
        self.notify(
            f"Mention {step.index + 1} of {step.count}: {clean(source.source or source.path)}",
            timeout=2,
            markup=False,
        )

    def action_copy_sentence(self) -> None:
        sentence = self.grid.current_sentence()
        if sentence is None or self.model is None:
            self.notify("Nothing to copy on this row.", timeout=3)
            return
        article = self.model.comparison.article_by_id[sentence.article_id]
        from tui.screens.open_article import citation  # subprocess, webbrowser: not for the first frame

        text = citation(sentence.text, article.source, article.title, article.path)
        self.app.copy_to_clipboard(text)
        excerpt = clean(sentence.text)
        excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
        # The copy is a request to the terminal (OSC 52), which tmux drops unless told to pass
        # it on: inside tmux, say so rather than claim a copy that may not have happened.
        tmux = " If it does not paste, tmux needs: set -g set-clipboard on" if os.environ.get("TMUX") else ""
        self.notify(
            f"Copied “{excerpt}” with its citation ({clean(article.source or article.path)}).{tmux}",
            title="Sent to the terminal's clipboard (OSC 52)",
            timeout=6 if tmux else 4,
            markup=False,
        )

    def action_open_article(self) -> None:
        sentence = self.grid.current_sentence()
        if sentence is None or self.model is None:
            self.notify("No article on this row.", timeout=3)
            return
        article = self.model.comparison.article_by_id[sentence.article_id]
        from tui.screens.open_article import open_article

        opened = open_article(self.app, article.path)
        self.notify(opened.message, severity="information" if opened.ok else "warning", markup=False)

    def action_cited_sources(self) -> None:
        if self.model is None:
            return
        from tui.screens.cited import CitedSourcesScreen

        self.app.push_screen(CitedSourcesScreen(self.model.comparison))

    def action_choose_pivot(self) -> None:
        if self.model is None:
            return
        from tui.screens.pivot import PivotScreen

        def chosen(article_id: str | None) -> None:
            if article_id is not None:
                self._apply(lambda state: state.with_pivot(article_id))

        self.app.push_screen(PivotScreen(self.model.comparison.articles, self.grid.pivot), chosen)


def _bound_keys(node: object) -> frozenset[str]:
    """Every key a class's own BINDINGS name (the reader's and the app's)."""
    keys: set[str] = set()
    for binding in getattr(type(node), "BINDINGS", ()):
        if isinstance(binding, Binding):
            keys.update(key.strip() for key in binding.key.split(","))
    return frozenset(keys)
