"""Drawn lines are freed by reference counting, and divide exactly as Textual's own method."""

from __future__ import annotations

import gc
import sys

from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tests.ui.conftest import SEEDS, make_app
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.widgets import strip_cycles


def strip_of(texts: list[str]) -> Strip:
    return Strip([Segment(text, Style(bold=n % 2 == 0)) for n, text in enumerate(texts)])


def test_a_strip_divided_at_its_own_length_keeps_no_reference_to_itself() -> None:
    strip_cycles.install()
    strip = strip_of(["reading ", "grid"])
    before = sys.getrefcount(strip)
    assert list(strip.divide([strip.cell_length])) == [strip]
    assert list(strip.divide([strip.cell_length, strip.cell_length + 5])) == [strip]
    assert sys.getrefcount(strip) == before, "the strip remembers itself: a cycle"
    parts = strip.divide([4])
    assert [part.text for part in parts] == ["read"]


@given(
    texts=st.lists(st.text(alphabet="ab 語", min_size=1, max_size=6), min_size=1, max_size=4),
    cuts=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=4),
)
def test_division_is_textuals(texts: list[str], cuts: list[int]) -> None:
    strip_cycles.install()
    cuts = sorted(set(cuts))
    ours = strip_of(texts).divide(cuts)
    theirs = strip_cycles._textual_divide(strip_of(texts), cuts)
    assert [list(s) for s in ours] == [list(s) for s in theirs]
    assert [s.cell_length for s in ours] == [s.cell_length for s in theirs]


async def test_scrolling_leaves_no_drawn_line_to_the_collector(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    assert strip_cycles.installed()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        gc.collect()
        for key in ("n", "pagedown", "n", "pagedown"):
            await pilot.press(key)
            await pilot.pause()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            strips = [o for o in gc.garbage if isinstance(o, Strip)]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert strips == [], f"{len(strips)} drawn lines were cyclic garbage"
