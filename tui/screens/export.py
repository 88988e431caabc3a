"""Ask where to write the report and in which format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from tui.export import FORMAT_OF_SUFFIX
from tui.export import SUFFIXES as SUFFIX
from tui.export import ExportFormat as ReportFormat
from tui.screens.focus import focus_now, typed_before_focus


def format_of(path: Path, chosen: ReportFormat) -> ReportFormat:
    """The format a report written to ``path`` takes: its suffix's, else the chosen one."""
    return FORMAT_OF_SUFFIX.get(path.suffix.lower(), chosen)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: ReportFormat
    path: Path


class FormatChoice(RadioButton):
    """A format's radio button whose state shows in its shape as well as its colour: both
    buttons drew "●", so in the mono theme (and for a reader who cannot tell the shades apart)
    only the shade said which format was chosen."""

    CHOSEN = "●"
    NOT_CHOSEN = "○"

    def __init__(self, label: str, *, value: bool = False, id: str) -> None:  # noqa: A002 (Textual's name)
        super().__init__(label, value=value, id=id)
        self.BUTTON_INNER = self.CHOSEN if value else self.NOT_CHOSEN

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.CHOSEN if self.value else self.NOT_CHOSEN
        super().watch_value()


class FormatSet(RadioSet):
    """The format buttons; Enter writes, as the dialog's border says, and space chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "Write", show=False, id="export.write"),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_write(self) -> None:
        self.action_toggle_button()  # the highlighted format is the one written
        screen = self.screen
        if isinstance(screen, ExportScreen):
            screen.write(screen.query_one(Input).value, chosen=screen.fmt)


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Format choice and a path (prefilled next to the inputs); Enter writes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="export.cancel")]
    TAKES_TEXT = True
    """Every printable key is text here (the app's priority keys step aside)."""

    def __init__(self, default_path: Path) -> None:
        super().__init__(id="export")
        self.default_path = default_path.with_suffix("")
        self._confirmed: Path | None = None
        """A path that exists and that the user has asked, by a second Enter, to replace."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export report"
            box.border_subtitle = "Enter write · Esc cancel"
            with FormatSet(id="export-format"):
                yield FormatChoice("Markdown", value=True, id="fmt-markdown")
                yield FormatChoice("HTML", id="fmt-html")
            yield Static("Write to:")
            yield Input(value=str(self.default_path) + ".md", id="export-path")
            yield Static("", id="export-exists", markup=False)

    def on_mount(self) -> None:
        focus_now(self.query_one(Input))

    def on_key(self, event: events.Key) -> None:
        typed_before_focus(self, event, self.query_one(Input))

    @property
    def fmt(self) -> ReportFormat:
        return "html" if self.query_one("#fmt-html", RadioButton).value else "markdown"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        path_input = self.query_one(Input)
        current = Path(path_input.value)
        if current.suffix.lower() in FORMAT_OF_SUFFIX and format_of(current, self.fmt) != self.fmt:
            path_input.value = str(current.with_suffix(SUFFIX[self.fmt]))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.write(event.value)

    def write(self, value: str, *, chosen: ReportFormat | None = None) -> None:
        """Write to the path typed (Enter in the path box), or with the format ``chosen`` by
        Enter on the formats: then a report suffix in the path becomes that format's."""
        value = value.strip()
        if not value:
            return
        path = Path(value).expanduser()
        if chosen is not None and format_of(path, chosen) != chosen:
            path = path.with_suffix(SUFFIX[chosen])
        if _exists(path) and path != self._confirmed:
            # Never replace a file without asking: the first Enter warns, a second one writes.
            self._confirmed = path
            self.query_one("#export-exists", Static).update(
                Text(f"{path.name} already exists. Press Enter again to replace it, or change the name.")
            )
            return
        self.dismiss(ExportRequest(format_of(path, self.fmt), path))

    @on(Input.Changed)
    def _path_changed(self, event: Input.Changed) -> None:
        self._confirmed = None
        self.query_one("#export-exists", Static).update("")
        # A typed suffix chooses the format, so the buttons never say one and the file another.
        wanted = FORMAT_OF_SUFFIX.get(Path(event.value.strip()).suffix.lower())
        if wanted is not None and wanted != self.fmt:
            self.query_one(f"#fmt-{wanted}", RadioButton).value = True

    def action_cancel(self) -> None:
        self.dismiss(None)


def _exists(path: Path) -> bool:
    try:
        path.stat()
    except (OSError, ValueError):
        return False
    return True
