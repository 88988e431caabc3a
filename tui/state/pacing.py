"""Showing the latest of a stream of updates at most so often (the analysis's progress line)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Paced(Generic[T]):
    """The latest update offered, shown at once or, within ``every`` seconds of the last one
    shown, once that time is up: a burst is one showing of its last update, and the last update
    is always shown."""

    every: float
    pending: T | None = None
    """The update waiting to be shown (None: nothing waits)."""
    shown_at: float | None = None
    """When an update was last shown."""

    def offer(self, update: T, now: float) -> float | None:
        """Keep ``update`` as the one to show; returns in how many seconds to show it (0: now),
        or None when a showing is already due (the caller has it scheduled)."""
        due = self.pending is not None
        self.pending = update
        if due:
            return None
        return 0.0 if self.shown_at is None else max(0.0, self.shown_at + self.every - now)

    def take(self, now: float) -> T | None:
        """The update to show now (None if there is none), marked as shown."""
        update, self.pending = self.pending, None
        if update is not None:
            self.shown_at = now
        return update
