"""Messages the reader's widgets and worker post upwards (all in one place)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.message import Message

from tui.core.models import Comparison


@dataclass
class ComparisonProgress(Message):
    """The comparison worker finished a fraction of a stage."""

    stage: str
    fraction: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ComparisonProgress)


@dataclass
class ComparisonReady(Message):
    """The worker produced a comparison."""

    comparison: Comparison


@dataclass
class ComparisonPreview(Message):
    """The worker segmented (some of) the articles: text to read while the analysis runs."""

    comparison: Comparison
    shown: threading.Event | None = None
    """Set once the app has drawn the frame after this preview (or decided not to show it)."""


@dataclass
class ComparisonFailed(Message):
    """The worker could not produce a comparison; ``reason`` is shown verbatim."""

    reason: str


@dataclass
class CursorMoved(Message):
    """The reading grid's row cursor or selected claim changed."""

    row: int
    claim_id: str | None


@dataclass
class ColumnsChanged(Message):
    """The reading grid laid out a different set or width of columns."""


@dataclass
class StatusChanged(Message):
    """What the header says of the reading grid's view changed (``ReaderState.status``)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StatusChanged)  # the header reads the state it is handled in


@dataclass
class ClaimChosen(Message):
    """The user picked a claim (claims panel or a click in the grid)."""

    claim_id: str


@dataclass
class BoilerplateToggled(Message):
    """The reader hid or showed boilerplate (the app remembers the setting)."""

    hidden: bool


@dataclass
class FactHighlighted(Message):
    """The facts table's cursor moved to another fact."""

    claim_id: str | None


@dataclass
class DetailRequested(Message):
    """A screen asks for the detail view of a claim (the app opens it)."""

    claim_id: str


@dataclass
class MarkRequested(Message):
    """A screen asks to set (or, with ``mark`` empty, clear) a claim's review mark."""

    claim_id: str
    mark: str
