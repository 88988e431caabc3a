"""Detail view of one claim: each source's wording, differences, conflict, match evidence.

The screen is installed once and reused: composing and pruning a screen (and its
footer) on every Enter/Escape costs more than the detail text itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from tui.core.models import Claim
from tui.messages import MarkRequested
from tui.screens.reused import KeptBackground, StyleKeeping
from tui.screens.review_keys import MODAL_REVIEW_BINDINGS
from tui.state.reading_model import ReadingModel
from tui.widgets.claim_detail import detail_lines
from tui.widgets.detail_view import DetailView
from tui.widgets.steady_footer import SteadyFooter

SCREEN_NAME = "claim-detail"

ReviewLookup = Callable[[Claim], tuple[str | None, str]]


def _no_review(claim: Claim) -> tuple[str | None, str]:
    return None, ""


class ClaimDetailScreen(KeptBackground, StyleKeeping, ModalScreen[None]):
    """One claim across sources; review keys work here too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close", id="detail.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="detail.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="detail.up"),
        Binding("g,home", "scroll_edge(-1)", "Top", show=False, id="detail.top"),
        Binding("G,end", "scroll_edge(1)", "Bottom", show=False, id="detail.bottom"),
        Binding("ctrl+d,pagedown,space", "half_page(1)", "Half page down", show=False, id="detail.half-down"),
        Binding("ctrl+u,pageup", "half_page(-1)", "Half page up", show=False, id="detail.half-up"),
        *MODAL_REVIEW_BINDINGS,
    ]

    def __init__(self, model: ReadingModel, claim_id: str, review_of: ReviewLookup = _no_review) -> None:
        super().__init__(id="detail")
        self.review_of = review_of
        """Claim -> (mark, note); given by the app, so this screen never imports it."""
        self.model = model
        self.claim_id = claim_id
        self._shown: tuple[object, ...] = ()
        """(model, claim id, mark, note) of the text in the view."""

    @property
    def target_claim_id(self) -> str:
        """The claim review keys act on (read by the app)."""
        return self.claim_id

    def refresh_marks(self, marks: object) -> None:
        self.refresh_detail()

    @property
    def claim_key(self) -> str:
        return self.model.comparison.claim_by_id[self.claim_id].key

    def compose(self) -> ComposeResult:
        body = DetailView(id="detail-body")
        body.border_title = "Claim detail"
        body.border_subtitle = "Esc close · v/d/r mark · x clear · a note"
        yield body
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.refresh_detail(from_top=True)
        self.query_one(DetailView).focus()

    def show(self, model: ReadingModel, claim_id: str, review_of: ReviewLookup | None = None) -> None:
        """Show another claim from the top (the screen is reused between openings)."""
        self.model = model
        self.claim_id = claim_id
        if review_of is not None:
            self.review_of = review_of
        if self.is_mounted:
            self.refresh_detail(from_top=True)
            view = self.query_one(DetailView)
            if self.focused is not view:  # focus() repaints the view even when it has it
                view.focus()

    def prepare(self, model: ReadingModel, claim_id: str, review_of: ReviewLookup) -> None:
        """Lay out ``claim_id``'s detail while the screen is closed, so opening it on that
        claim only pushes the screen (the app calls this after the reader selects a claim)."""
        self.model = model
        self.claim_id = claim_id
        self.review_of = review_of
        if self.is_mounted:
            self.refresh_detail(from_top=True)
            self.query_one(DetailView).prepare_view()

    def refresh_detail(self, *, from_top: bool = False) -> None:
        """Redraw the text (after a mark or note), keeping the scroll position unless asked."""
        claim = self.model.comparison.claim_by_id[self.claim_id]
        mark, note = self.review_of(claim)
        view = self.query_one(DetailView)
        shown = (self.model, self.claim_id, mark, note)
        if shown == self._shown:  # laid out already (see prepare): the same text
            if from_top:
                view.scroll_to(y=0, animate=False, immediate=True)
            return
        self._shown = shown
        view.show_lines(detail_lines(self.model, claim, mark, note), from_top=from_top)

    def action_close(self) -> None:
        self.dismiss()

    def action_mark(self, mark: str) -> None:
        self.post_message(MarkRequested(self.claim_id, mark))

    def action_scroll(self, direction: int) -> None:
        self.query_one(DetailView).scroll_relative(y=direction, animate=False)

    def action_scroll_edge(self, direction: int) -> None:
        view = self.query_one(DetailView)
        view.scroll_to(y=view.max_scroll_y if direction > 0 else 0, animate=False)

    def action_half_page(self, direction: int) -> None:
        view = self.query_one(DetailView)
        view.scroll_relative(y=direction * max(1, view.size.height // 2), animate=False)


def prepare_detail(app: App[Any], model: ReadingModel, claim_id: str, review_of: ReviewLookup) -> None:
    """Lay out ``claim_id``'s detail in the installed (closed) detail screen, if there is one."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        if isinstance(screen, ClaimDetailScreen) and screen not in app.screen_stack:
            screen.prepare(model, claim_id, review_of)


def open_detail(
    app: App[Any], model: ReadingModel, claim_id: str, review_of: ReviewLookup = _no_review
) -> ClaimDetailScreen:
    """Push the detail view of ``claim_id``, reusing the installed screen when there is one."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        assert isinstance(screen, ClaimDetailScreen)
        screen.show(model, claim_id, review_of)
    else:
        screen = ClaimDetailScreen(model, claim_id, review_of)
        app.install_screen(screen, SCREEN_NAME)
    app.push_screen(screen)
    return screen
