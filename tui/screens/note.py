"""Edit the free-text note attached to a claim."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """One-line note editor: Enter saves, Esc cancels, an empty note removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, excerpt: str, note: str) -> None:
        super().__init__(id="note")
        self.excerpt = excerpt
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = "Note on this claim"
            box.border_subtitle = "Enter save · Esc cancel · empty removes"
            yield Static(self.excerpt, markup=False, id="note-excerpt")
            yield Input(value=self.note, placeholder="Your note", id="note-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
