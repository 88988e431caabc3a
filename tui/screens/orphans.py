"""Orphaned marks: reviews whose claim is gone, and the claims that now hold their sentence.

Each orphan reads as its mark, when it was set, its fact, excerpt and note; under it, the
claims that hold that sentence now. Enter on one of those shows it in the reader, and the
review keys (v d r x a) mark it here. The orphan itself is never moved or dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.messages import MarkRequested
from tui.review.marks import MARK_GLYPHS
from tui.screens.review_keys import MODAL_REVIEW_BINDINGS
from tui.state.orphans import Holder, OrphanItem
from tui.state.reading_model import GLYPHS
from tui.state.text import clean
from tui.widgets.keyed_list import KeyedOptionList

_HOLDER = "holder:"
"""Option ids of a holder line: ``holder:<orphan n>:<claim id>`` (an orphan's is ``orphan:<n>``)."""


def orphan_text(item: OrphanItem) -> Text:
    """The orphan's block: mark and time, fact, excerpt, note, and what its sentence became."""
    review = item.review
    text = Text()
    text.append(f"{MARK_GLYPHS[review.mark]} {review.mark}" if review.mark else "note", "bold")
    text.append(f"  set {clean(review.updated).replace('T', ' ').replace('Z', ' UTC')}", "dim")
    if review.fact:
        text.append("\n  fact: ", "dim")
        text.append(clean(review.fact), "bold")
    text.append("\n  “")
    text.append(clean(review.excerpt) or "(no excerpt)", "italic")
    text.append("”")
    if review.note.strip():
        text.append("\n  note: ", "dim")
        text.append(clean(review.note))
    if item.now_reads:
        text.append("\n  now reads: ", "dim")
        text.append(clean(item.now_reads), "italic")
    if not item.holders:
        text.append("\n  no claim holds this sentence now", "dim")
    return text


def holder_text(holder: Holder, mark: str | None) -> Text:
    """``    → c24 ! ✓ record (Mbappe)``: a claim the reviewer can open and mark."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("    → ", "dim")
    text.append(f"{holder.claim_id} {GLYPHS[holder.label]} ", "bold")
    text.append(MARK_GLYPHS.get(mark or "", " "), "bold")
    text.append(" ")
    text.append(clean(holder.fact))
    if holder.same_fact:
        text.append("  (same fact as marked)", "dim")
    return text


class OrphansScreen(ModalScreen[str | None]):
    """Orphaned marks; Enter on a claim under one shows that claim in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,O", "close", "Close", id="orphans.close"),
        *MODAL_REVIEW_BINDINGS,
    ]

    def __init__(self, items: Sequence[OrphanItem], marks: Mapping[str, str]) -> None:
        super().__init__(id="orphans")
        self.items = tuple(items)
        self._marks = dict(marks)

    def compose(self) -> ComposeResult:
        listing = KeyedOptionList(id="orphans-list")
        listing.border_title = "Orphaned marks: Enter shows a claim · v d r x a mark it"
        listing.border_subtitle = "esc to close"
        yield listing

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        options: list[Option | None] = []
        for n, item in enumerate(self.items):
            if n:
                options.append(None)
            options.append(Option(orphan_text(item), id=f"orphan:{n}"))
            for holder in item.holders:
                mark = self._marks.get(holder.claim_key)
                options.append(Option(holder_text(holder, mark), id=f"{_HOLDER}{n}:{holder.claim_id}"))
        listing.set_options(options)
        if options:
            listing.highlighted = keep if keep is not None and keep < listing.option_count else 0

    @property
    def target_claim_id(self) -> str | None:
        """The claim the review keys act on: the highlighted claim line, if one is."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        ident = listing.get_option_at_index(listing.highlighted).id or ""
        return ident.rsplit(":", 1)[1] if ident.startswith(_HOLDER) else None

    def refresh_marks(self, marks: Mapping[str, str]) -> None:
        self._marks = dict(marks)
        self._fill()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()  # the review keys work on claim lines only

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim_id = self.target_claim_id
        if claim_id is not None:
            self.dismiss(claim_id)
            return
        index = event.option_index + 1
        listing = self.query_one(OptionList)
        if index < listing.option_count and (listing.get_option_at_index(index).id or "").startswith(_HOLDER):
            listing.highlighted = index  # from an orphan to its first claim
        else:
            self.notify("No claim holds this sentence now.", timeout=3, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "app.note"):
            return True if self.is_mounted and self.target_claim_id is not None else None
        return True

    def action_mark(self, mark: str) -> None:
        claim_id = self.target_claim_id
        if claim_id is not None:
            self.post_message(MarkRequested(claim_id, mark))

    def action_close(self) -> None:
        self.dismiss(None)
