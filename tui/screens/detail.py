"""Detail view of one claim: each source's wording, differences, conflict, match evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.widgets.claim_detail import detail_text
from tui.widgets.reading_model import ReadingModel

if TYPE_CHECKING:
    from tui.app import TriangulateApp


class ClaimDetailScreen(ModalScreen[None]):
    """One claim across sources; review keys work here too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close", id="detail.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="detail.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="detail.up"),
        # Modal screens cut the app's bindings off, so review keys are repeated here.
        Binding("v", "app.mark('verified')", "Verified", id="review.verified"),
        Binding("d", "app.mark('disputed')", "Disputed", id="review.disputed"),
        Binding("r", "app.mark('follow-up')", "Follow-up", id="review.follow-up"),
        Binding("x", "app.mark('')", "Clear mark", show=False, id="review.clear"),
        Binding("a", "app.note", "Note", id="review.note"),
    ]

    def __init__(self, model: ReadingModel, claim_id: str) -> None:
        super().__init__(id="detail")
        self.model = model
        self.claim_id = claim_id

    @property
    def claim_key(self) -> str:
        return self.model.comparison.claim_by_id[self.claim_id].key

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body") as body:
            body.border_title = "Claim detail"
            body.border_subtitle = "Esc close · v/d/r mark · x clear · a note"
            yield Static(id="detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_detail()
        self.query_one("#detail-body").focus()

    def refresh_detail(self) -> None:
        app = cast("TriangulateApp", self.app)
        claim = self.model.comparison.claim_by_id[self.claim_id]
        mark, note = app.review_of(claim)
        self.query_one("#detail-text", Static).update(detail_text(self.model, claim, mark, note))

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        body = self.query_one("#detail-body", VerticalScroll)
        body.scroll_relative(y=direction, animate=False)
