"""Pictures of the facts table and of one fact selected across columns, on the seeds.

Three themes (default dark, light, mono) at 80x24 and 160x48. Regenerate with
``make snapshots`` and look at every picture before committing.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.snapshots.test_reader_snapshots import SIZES, computed, reader
from tui.screens.reader import ReaderScreen

THEMES = ["triangulate-dark", "triangulate-light", "triangulate-mono"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_facts_table(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """`t` from the first row: a status line "Facts 95/95 · all facts" with the cursor's
    fact summary, a heading row with "fact" and one column per source (three at 80 cells
    with a `N›` count of sources off to the right, all five at 160), then the three
    conflicts first (`!` rows: Meta Superintelligence Labs vs Meta Intelligence Labs,
    $14.3 billion vs $14 billion, 7% vs 8%) with each source's value in its column and the
    differing value reversed, then shared facts (`=`) with ✓ cells, then unique (`+`). The
    ▌ cursor sits on the fact the reader had selected; the gutter glyphs and dividers are
    readable in the light theme. The footer shows Close, Detail, In articles, Label filter,
    Filter."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=computed, press=["t"])


async def on_the_money_conflict(pilot: Pilot[Any]) -> None:
    await computed(pilot)
    reader_screen = pilot.app.screen_stack[0]
    assert isinstance(reader_screen, ReaderScreen)
    for _ in range(5):
        await pilot.press("n")
        selected = reader_screen.grid.selected
        if selected is not None and "$14" in selected.summary:
            break
    assert reader_screen.grid.selected is not None and "$14" in reader_screen.grid.selected.summary
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_fact_selected_across_columns(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """The $14.3 billion vs $14 billion conflict selected with `n`: the ▌ cursor is on its
    row, and both sources' sentences are on screen in their own columns (the pivot's
    "TechCrunch reported this investment as $14.3 billion ..." and Wired's "A key move was
    the $14.3 billion investment in Scale AI"), each marked `!` in the gutter, underlined as
    the selected fact with its words highlighted, the differing value reversed. At 80
    cells the grid scrolled sideways so the second source's column is the one beside the
    pivot."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=on_the_money_conflict)
