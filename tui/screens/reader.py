"""The main reading screen: story header, column headings, the grid, claims panel, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static

from tui.core.models import Comparison, Label
from tui.messages import ClaimChosen, ColumnsChanged, CursorMoved
from tui.widgets.claims_panel import MARK_FILTERS, ClaimsPanel
from tui.widgets.column_header import ColumnHeader
from tui.widgets.reading_grid import ReadingGrid
from tui.widgets.reading_model import ROW_FILTERS, ReadingModel
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.story_header import StoryHeader

if TYPE_CHECKING:
    from tui.app import TriangulateApp

MIN_WIDTH = 30
MIN_HEIGHT = 8

FILTER_NAMES = {"all": "all rows", "conflict": "conflicts", "unique": "unique", "shared": "shared"}
PREVIEW_ACTIONS = frozenset({"cursor", "page", "top", "bottom", "columns"})
"""What works on the articles shown while the analysis runs: moving around (no claims yet)."""


class ReaderScreen(Screen[None]):
    """Side-by-side reading with a row cursor across every column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Next row", show=False, id="move.down"),
        Binding("k,up", "cursor(-1)", "Previous row", show=False, id="move.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="move.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="move.page-up"),
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
        Binding("f", "cycle_filter", "Filter", id="view.filter"),
        Binding("slash", "search", "Search", key_display="/", id="search.start"),
        Binding("full_stop", "match(1)", "Next match", show=False, key_display=".", id="search.next"),
        Binding("comma", "match(-1)", "Previous match", show=False, key_display=",", id="search.prev"),
        Binding("p", "choose_pivot", "Choose pivot article", show=False, id="view.pivot"),
        Binding("b", "toggle_boilerplate", "Hide/show boilerplate", show=False, id="view.boilerplate"),
        Binding("w", "cited_sources", "Cited sources", show=False, id="view.cited-sources"),
        Binding(
            "m", "cycle_mark_filter", "Claims panel: filter by mark", show=False, id="review.mark-filter"
        ),
        Binding("escape", "close_panels", "Close panel or search", show=False, id="view.close"),
    ]

    def __init__(self) -> None:
        # Loading from the start: a cached comparison can arrive before on_mount runs.
        super().__init__(id="reader", classes="-loading")
        self.model: ReadingModel | None = None
        self._binding_state: tuple[object, ...] = ()

    @property
    def tapp(self) -> TriangulateApp:
        return cast("TriangulateApp", self.app)

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
        self.query_one("#loading-stage", Static).update(Text(f"Comparing articles: {stage}…"))
        self.query_one(ProgressBar).update(progress=max(0.0, min(1.0, fraction)))

    def show_preview(self, model: ReadingModel, *, hide_boilerplate: bool) -> None:
        """The articles as text while the analysis runs; the progress line stays."""
        self.remove_class("-loading")
        self.add_class("-preview")
        self.grid.load(model, pivot=None, hide_boilerplate=hide_boilerplate)
        self.grid.focus()

    def show_failure(self, reason: str) -> None:
        self.remove_class("-loading", "-preview")
        self.add_class("-failed")
        message = Text("Could not compare the articles\n\n", style="bold")
        message.append(reason)
        message.append("\n\nPress q to quit.", style="dim")
        self.query_one("#failure", Static).update(message)

    def show_comparison(self, model: ReadingModel, *, pivot: str | None, hide_boilerplate: bool) -> None:
        self.model = model
        self.remove_class("-loading", "-preview")
        self.add_class("-ready")
        grid = self.grid
        grid.set_marks(self.tapp.marks())
        grid.load(model, pivot=pivot, hide_boilerplate=hide_boilerplate)
        grid.focus()
        self._update_header()
        self.refresh_bindings()

    def refresh_marks(self) -> None:
        """Review marks changed: redraw gutters and the claims panel."""
        marks = self.tapp.marks()
        self.grid.set_marks(marks)
        if self.panel.display and self.model is not None:
            self.panel.show(self.model, marks, self._selected_id())
        self._update_header()

    def restyle(self) -> None:
        self.grid.restyle()

    # ----- size ------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    # ----- messages from children ------------------------------------------------------

    @on(CursorMoved)
    def _cursor_moved(self, event: CursorMoved) -> None:
        self._update_header()
        if self.panel.display:
            self.panel.highlight(event.claim_id)
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        # Recomputing the footer re-mounts its keys (a full CSS pass), so only do it
        # when something check_action looks at has changed.
        grid = self.grid
        state = (grid.selected is None, bool(grid.matches), grid.hidden_columns, self.panel.display)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    @on(ColumnsChanged)
    def _columns_changed(self) -> None:
        grid = self.grid
        self.query_one(ColumnHeader).show(grid.columns, grid.hidden_columns)
        self._update_header()
        self._refresh_bindings_if_changed()

    @on(ClaimChosen)
    def _claim_chosen(self, event: ClaimChosen) -> None:
        self.grid.select_claim(event.claim_id)

    def _selected_id(self) -> str | None:
        selected = self.grid.selected
        return selected.id if selected else None

    def _update_header(self) -> None:
        if self.model is None:
            return
        grid = self.grid
        parts = [f"row {grid.cursor + 1 if grid.visible_rows else 0}/{len(grid.visible_rows)}"]
        if grid.row_filter != "all":
            parts.append(f"filter: {FILTER_NAMES[grid.row_filter]}")
        if grid.hide_boilerplate:
            parts.append("boilerplate hidden")
        if grid.search_query:
            parts.append(f"/{grid.search_query}: {len(grid.matches)} rows")
        self.query_one(StoryHeader).show(self.model.comparison, " · ".join(parts))

    # ----- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_panels":
            return True
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
        if action == "cycle_mark_filter":
            return True if self.panel.display else None
        return True

    def action_cursor(self, delta: int) -> None:
        self.grid.move_cursor(self.grid.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.grid.page(direction)

    def action_top(self) -> None:
        self.grid.move_cursor(0)

    def action_bottom(self) -> None:
        self.grid.move_cursor(len(self.grid.visible_rows) - 1)

    def action_columns(self, delta: int) -> None:
        self.grid.scroll_columns(delta)

    def action_step(self, label: str, direction: int) -> None:
        if not self.grid.step_claim(direction, cast(Label, label) if label else None):
            self.notify(f"No {label or 'claim'} in this view.", severity="warning", timeout=3)

    def action_detail(self) -> None:
        selected = self.grid.selected
        if self.model is None:
            return
        if selected is None:
            self.notify("No claim on this row.", timeout=3)
            return
        from tui.screens.detail import open_detail

        open_detail(self.app, self.model, selected.id)

    def action_toggle_claims(self) -> None:
        panel = self.panel
        if panel.display:
            panel.display = False
            self.grid.focus()
        elif self.model is not None:
            panel.display = True
            panel.show(self.model, self.tapp.marks(), self._selected_id())
            panel.focus()
        self.refresh_bindings()

    def action_cycle_mark_filter(self) -> None:
        panel = self.panel
        if self.model is None or not panel.display:
            return
        panel.mark_filter = MARK_FILTERS[(MARK_FILTERS.index(panel.mark_filter) + 1) % len(MARK_FILTERS)]
        panel.show(self.model, self.tapp.marks(), self._selected_id())

    def action_cycle_filter(self) -> None:
        grid = self.grid
        grid.set_filter(ROW_FILTERS[(ROW_FILTERS.index(grid.row_filter) + 1) % len(ROW_FILTERS)])
        if not grid.visible_rows:
            self.notify(f"No rows with {FILTER_NAMES[grid.row_filter]}.", timeout=3)

    def action_toggle_boilerplate(self) -> None:
        grid = self.grid
        grid.set_hide_boilerplate(not grid.hide_boilerplate)
        self.tapp.remember_boilerplate(grid.hide_boilerplate)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.grid.search_query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        search = self.query_one("#search", Input)
        search.display = False
        grid = self.grid
        grid.focus()
        count = grid.search(event.value.strip())
        if event.value.strip():
            if count:
                grid.step_match(1)
            else:
                self.notify(f"No match for {event.value.strip()!r}.", severity="warning", timeout=3)
        self._update_header()
        self._refresh_bindings_if_changed()

    def action_match(self, direction: int) -> None:
        self.grid.step_match(direction)

    def action_close_panels(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.grid.focus()
        elif self.panel.display:
            self.action_toggle_claims()

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
                self.grid.set_pivot(article_id)

        self.app.push_screen(PivotScreen(self.model.comparison.articles, self.grid.pivot), chosen)
