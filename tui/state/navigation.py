"""Cursor rules of the reader that need no widget: nearest row, stepping, the jump list."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

JUMP_LIMIT = 100
"""Places the jump list remembers (the oldest are dropped)."""


def nearest_index(visible_rows: Sequence[int], row: int) -> int:
    """Index of the visible row closest to ``row`` (the earlier one on a tie); 0 when none.

    A filter change keeps the reader where they were instead of sending the cursor on to
    the next matching row far below.
    """
    if not visible_rows:
        return 0
    i = bisect_left(visible_rows, row)
    if i < len(visible_rows) and visible_rows[i] == row:
        return i
    if i == 0:
        return 0
    if i == len(visible_rows):
        return i - 1
    before, after = visible_rows[i - 1], visible_rows[i]
    return i - 1 if row - before <= after - row else i


@dataclass(frozen=True, slots=True)
class Step:
    """Where a step lands and whether it went round the end of the story."""

    index: int
    wrapped: bool


def step_index(
    keys: Sequence[tuple[int, ...]],
    here: tuple[int, ...],
    direction: int,
    visible: Callable[[int], bool] = lambda index: True,
) -> Step | None:
    """The next (``direction`` 1) or previous (-1) visible entry of sorted ``keys`` after ``here``.

    Bisects instead of scanning, so a step costs the same with thousands of claims;
    ``visible`` (by index) skips entries a filter hides. None when nothing is visible.
    """
    count = len(keys)
    if not count:
        return None
    if direction > 0:
        start = bisect_right(keys, here)
        for offset in range(count):
            i = start + offset
            wrapped = i >= count
            i %= count
            if visible(i):
                return Step(i, wrapped)
    else:
        start = bisect_left(keys, here) - 1
        for offset in range(count):
            i = start - offset
            wrapped = i < 0
            i %= count
            if visible(i):
                return Step(i, wrapped)
    return None


@dataclass(frozen=True, slots=True)
class Place:
    """A reading position: a row of the comparison and the fact selected there."""

    row: int
    claim_id: str | None


@dataclass(frozen=True, slots=True)
class Jumps:
    """Back and forward through the places a jump left, as ctrl-o / ctrl-i in vim (immutable).

    :meth:`record` is given the place a jump leaves; stepping back from the present first
    remembers the present, so forward can return to it.
    """

    places: tuple[Place, ...] = ()
    index: int = 0
    """Position in ``places`` while stepping; ``len(places)`` at the present."""
    limit: int = JUMP_LIMIT

    def record(self, here: Place) -> Jumps:
        places = list(self.places[: self.index])
        if not places or places[-1] != here:
            places.append(here)
        places = places[max(0, len(places) - self.limit) :]
        return Jumps(tuple(places), len(places), self.limit)

    def back(self, here: Place) -> tuple[Jumps, Place | None]:
        """The state after stepping back from ``here``, and the place to go (None: none)."""
        places, index = self.places, self.index
        if index == len(places):
            if places and places[-1] == here:
                index -= 1  # the present is already the last place
            else:
                places = (*places, here)  # remember the present, so forward returns to it
        # Now ``index`` is the present's entry.
        if index == 0:
            return Jumps(places, index, self.limit), None
        return Jumps(places, index - 1, self.limit), places[index - 1]

    def forward(self) -> tuple[Jumps, Place | None]:
        if self.index >= len(self.places) - 1:
            return self, None
        return Jumps(self.places, self.index + 1, self.limit), self.places[self.index + 1]

    @property
    def can_back(self) -> bool:
        return self.index > 0 and bool(self.places)

    @property
    def can_forward(self) -> bool:
        return self.index < len(self.places) - 1
