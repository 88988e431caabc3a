"""Cursor rules without a widget: nearest row after a filter, stepping with wrap, jump list."""

from __future__ import annotations

from tui.state.navigation import Jumps, Place, nearest_index, step_index


def test_nearest_index_keeps_position() -> None:
    rows = [2, 5, 28, 40]
    assert nearest_index(rows, 5) == 1
    assert nearest_index(rows, 8) == 1, "row 8 stays near row 5, not row 28"
    assert nearest_index(rows, 20) == 2
    assert nearest_index(rows, 0) == 0
    assert nearest_index(rows, 99) == 3
    assert nearest_index([], 3) == 0


def test_step_index_bisects_wraps_and_skips_hidden() -> None:
    keys = [(1, 0), (3, 0), (3, 2), (9, 1)]
    assert step_index(keys, (3, 0), 1) is not None
    step = step_index(keys, (3, 0), 1)
    assert step is not None and (step.index, step.wrapped) == (2, False)
    step = step_index(keys, (9, 1), 1)
    assert step is not None and (step.index, step.wrapped) == (0, True)
    step = step_index(keys, (1, 0), -1)
    assert step is not None and (step.index, step.wrapped) == (3, True)
    step = step_index(keys, (5, -1), -1)
    assert step is not None and step.index == 2
    step = step_index(keys, (0, 0), 1, visible=lambda i: i == 3)
    assert step is not None and (step.index, step.wrapped) == (3, False)
    assert step_index(keys, (0, 0), 1, visible=lambda i: False) is None
    assert step_index([], (0, 0), 1) is None


def test_jump_list_goes_back_and_forward_like_vim() -> None:
    a, b, c = Place(1, "x"), Place(5, "y"), Place(9, None)
    assert Jumps().back(a)[1] is None
    jumps = Jumps().record(a).record(b)  # jumped from a to b, then from b to c
    jumps, place = jumps.back(c)
    assert place == b
    jumps, place = jumps.back(b)
    assert place == a
    jumps, place = jumps.back(a)
    assert place is None
    jumps, place = jumps.forward()
    assert place == b
    jumps, place = jumps.forward()
    assert place == c
    assert jumps.forward()[1] is None
    # A new jump from the middle drops the forward history.
    jumps, place = jumps.back(c)
    assert place == b
    jumps = jumps.record(b)
    assert not jumps.can_forward
    assert jumps.back(Place(7, None))[1] == b


def test_jump_list_never_changes_in_place() -> None:
    start = Jumps().record(Place(1, None))
    start.record(Place(2, None))
    start.back(Place(3, None))
    assert start == Jumps((Place(1, None),), 1)


def test_jump_list_is_bounded() -> None:
    jumps = Jumps(limit=3)
    for n in range(10):
        jumps = jumps.record(Place(n, None))
    assert [p.row for p in jumps.places] == [7, 8, 9]
