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
    keys: Sequence[tuple[int, int]],
    here: tuple[int, int],
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


class JumpList:
    """Back and forward through the places a jump left, as ctrl-o / ctrl-i in vim.

    ``record`` is called with the place a jump leaves; stepping back from the present
    first remembers the present, so forward can return to it.
    """

    def __init__(self, limit: int = JUMP_LIMIT) -> None:
        self.limit = limit
        self._places: list[Place] = []
        self._index = 0
        """Position in ``_places`` while stepping; ``len(_places)`` at the present."""

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(self._places)

    @property
    def index(self) -> int:
        return self._index

    def record(self, here: Place) -> None:
        del self._places[self._index :]
        if not self._places or self._places[-1] != here:
            self._places.append(here)
        del self._places[: max(0, len(self._places) - self.limit)]
        self._index = len(self._places)

    def back(self, here: Place) -> Place | None:
        if self._index == len(self._places):
            if self._places and self._places[-1] == here:
                self._index -= 1  # the present is already the last place
            else:
                self._places.append(here)  # remember the present, so forward returns to it
        # Now ``_index`` is the present's entry.
        if self._index == 0:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Place | None:
        if self._index >= len(self._places) - 1:
            return None
        self._index += 1
        return self._places[self._index]

    @property
    def can_back(self) -> bool:
        return self._index > 0 and bool(self._places)

    @property
    def can_forward(self) -> bool:
        return self._index < len(self._places) - 1
