"""Edit the free-text note attached to a claim: several lines, saved as one string."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.screens.focus import focus_now, typed_before_focus


class NoteScreen(ModalScreen[str | None]):
    """Multi-line note editor: ctrl+s saves, Esc cancels, an empty note removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
    ]
    TAKES_TEXT = True
    """Every printable key is text here (the app's priority keys step aside)."""

    def __init__(self, excerpt: str, note: str) -> None:
        super().__init__(id="note")
        self.excerpt = excerpt
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = "Note on this claim"
            box.border_subtitle = "ctrl+s save · Esc cancel · empty removes"
            yield Static(self.excerpt, markup=False, id="note-excerpt")
            yield TextArea(self.note, soft_wrap=True, show_line_numbers=False, id="note-input")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        focus_now(area)
        area.move_cursor(area.document.end)

    def on_key(self, event: events.Key) -> None:
        typed_before_focus(self, event, self.query_one(TextArea))

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        self.dismiss(None)
