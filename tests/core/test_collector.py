"""What a collector pause built is moved to the oldest generation as the pause ends (or frozen,
when the caller froze its heap), so the next allocation does not set off a young collection
that walks all of it."""

from __future__ import annotations

import gc

import pytest

from tui.core.collector import collector_paused


class Built:
    """An object of our own, to find among the collector's generations."""


def test_what_a_pause_built_is_not_left_young() -> None:
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with collector_paused():
        built = [Built() for _ in range(2000)]
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation) if isinstance(o, Built)}
    assert not young & {id(b) for b in built}, "left in a young generation"
    assert gc.get_freeze_count() == 0, "nothing is left frozen"
    assert any(o is built[0] for o in gc.get_objects(2))


def test_when_the_caller_froze_its_heap_what_a_pause_built_is_frozen_with_it() -> None:
    """The reader freezes its long-lived heap; an analysis it runs then joins it instead of
    being left young (a young and a middle collection over all of it) or unfreezing the rest."""
    kept = [Built() for _ in range(10)]
    gc.freeze()  # as the reader freezes its long-lived heap
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            later = [Built() for _ in range(2000)]
        assert gc.get_freeze_count() >= frozen + len(later)
        tracked = {id(o) for g in (0, 1, 2) for o in gc.get_objects(g) if isinstance(o, Built)}
        assert not tracked & {id(b) for b in kept + later}, "left in a generation the collector walks"
    finally:
        gc.unfreeze()


def test_a_caller_that_says_its_heap_is_frozen_is_not_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's comparison is frozen: counting the frozen list to find that out walked all
    of it (5-20 ms at 200 articles) on the way to its first frame. What the pause builds still
    joins the frozen heap."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()

        def walked() -> int:
            raise AssertionError("the frozen list was walked")

        monkeypatch.setattr(gc, "get_freeze_count", walked)
        with collector_paused(frozen=True):
            later = [Built() for _ in range(2000)]
        monkeypatch.undo()
        assert gc.get_freeze_count() >= frozen + len(later)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
