"""Reader layout rules: how wide the claims panel may be, which source columns show, folds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

MIN_COLUMN = 38
"""Narrowest useful reading column (cells)."""
PANEL_MIN = 30
"""Narrowest useful claims panel."""
GRID_SCROLLBAR = 1
"""Cells the reading grid's scrollbar takes beside its columns."""
PANEL_STEP = 8
"""Cells one < or > press moves the panel's edge."""
FOLD_MIN = 3
"""Shortest run of unique/boilerplate-only rows worth folding."""


def panel_width(screen_width: int, preferred: int, *, maximised: bool) -> int | None:
    """The claims panel's width, or None when it must take the whole screen.

    The grid keeps two readable columns (or the whole screen goes to the panel when even a
    narrow panel would not leave them, as at 80x24); a maximised panel takes everything.
    """
    if maximised:
        return None
    room = screen_width - (2 * MIN_COLUMN + 1 + GRID_SCROLLBAR)
    if room < PANEL_MIN:
        return None
    return max(PANEL_MIN, min(preferred, room))


def fold_runs(foldable: Sequence[bool], minimum: int = FOLD_MIN) -> dict[int, int]:
    """Head row -> how many rows after it fold away, for each run of ``minimum`` or more
    consecutive foldable rows (rows holding only unique or boilerplate content)."""
    runs: dict[int, int] = {}
    start = None
    for i, flag in enumerate([*foldable, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= minimum:
                runs[start] = i - start - 1
            start = None
    return runs


def folded_rows(runs: dict[int, int]) -> frozenset[int]:
    """Rows hidden when folding is on (every row of a run but its head)."""
    return frozenset(r for head, count in runs.items() for r in range(head + 1, head + 1 + count))


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """Which sources the reader shows, in which order: pinned first, hidden left out."""

    order: tuple[str, ...]
    """Every article id, in the order the user arranged them."""
    pinned: frozenset[str] = field(default_factory=frozenset)
    hidden: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, article_ids: Sequence[str]) -> ColumnChoice:
        return cls(tuple(article_ids))

    def toggle_hidden(self, article_id: str) -> ColumnChoice:
        if article_id in self.hidden:
            return replace(self, hidden=self.hidden - {article_id})
        if len(self.hidden) + 1 >= len(self.order):
            return self  # at least one source stays
        return replace(self, hidden=self.hidden | {article_id}, pinned=self.pinned - {article_id})

    def toggle_pinned(self, article_id: str) -> ColumnChoice:
        if article_id in self.pinned:
            return replace(self, pinned=self.pinned - {article_id})
        return replace(self, pinned=self.pinned | {article_id}, hidden=self.hidden - {article_id})

    def move(self, article_id: str, delta: int) -> ColumnChoice:
        order = list(self.order)
        i = order.index(article_id)
        j = max(0, min(len(order) - 1, i + delta))
        order.insert(j, order.pop(i))
        return replace(self, order=tuple(order))

    def columns(self, pivot: str | None) -> list[str]:
        """Shown article ids: the pivot, then pinned sources, then the rest; hidden left out."""
        shown = [a for a in self.order if a not in self.hidden or a == pivot]
        pinned = [a for a in shown if a in self.pinned and a != pivot]
        rest = [a for a in shown if a not in self.pinned and a != pivot]
        return ([pivot] if pivot in shown else []) + pinned + rest
