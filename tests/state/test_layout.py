"""Layout rules: panel width, folds, and the source picker's choice of columns."""

from __future__ import annotations

from tui.state.layout import ColumnChoice, fold_runs, folded_rows, panel_width


def test_panel_never_leaves_fewer_than_two_readable_columns() -> None:
    assert panel_width(80, 40, maximised=False) is None, "80 cells: the panel takes the screen"
    assert panel_width(120, 54, maximised=False) == 42, "two 38-cell columns and the scrollbar stay"
    assert panel_width(100, 54, maximised=False) is None
    assert panel_width(160, 90, maximised=False) == 160 - 78
    assert panel_width(200, 54, maximised=False) == 54
    assert panel_width(200, 10, maximised=False) == 30
    assert panel_width(200, 54, maximised=True) is None


def test_fold_runs_only_long_runs() -> None:
    flags = [False, True, True, True, False, True, True, False, True, True, True, True]
    runs = fold_runs(flags)
    assert runs == {1: 2, 8: 3}
    assert folded_rows(runs) == {2, 3, 9, 10, 11}
    assert fold_runs([]) == {}


def test_column_choice_pins_hides_and_reorders() -> None:
    choice = ColumnChoice.of(["a", "b", "c", "d"])
    assert choice.columns("a") == ["a", "b", "c", "d"]
    choice = choice.toggle_pinned("d").toggle_hidden("b")
    assert choice.columns("a") == ["a", "d", "c"]
    assert choice.toggle_hidden("b").columns("a") == ["a", "d", "b", "c"]
    assert choice.move("c", -2).columns("a") == ["a", "d", "c"]
    assert choice.move("c", -2).order == ("c", "a", "b", "d")
    # The pivot always shows; hiding never removes the last source.
    assert choice.toggle_hidden("a").columns("a")[0] == "a"
    lone = ColumnChoice.of(["a", "b"]).toggle_hidden("a")
    assert lone.toggle_hidden("b") == lone
    # Pinning a hidden source shows it.
    assert choice.toggle_pinned("b").columns("a") == ["a", "b", "d", "c"]
