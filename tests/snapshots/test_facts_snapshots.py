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
    """`t` from the first row: a status line "Facts N/N · all facts" with the cursor's
    fact summary, a heading row with "fact" and one column per source by outlet name (three
    at 80 cells with a `2›` count of sources off to the right, all five at 160), then the
    conflicts first (`!` rows, e.g. "funding" with Source A's $14 billion beside Source B's
    "tens of billions", "share price" with each source's percentage), then shared facts
    (`=`, ✓ where a source states the fact without a value, values such as "September
    2023" / "2023" for a date), then unique ones (`+`). The ▌ cursor sits on the fact the
    reader had selected (the opening shared fact, ✓ in every column); gutter glyphs and
    dividers are readable in the light theme. The footer fits "? Help" at 80 cells."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=computed, press=["t"])


async def on_the_money_conflict(pilot: Pilot[Any]) -> None:
    await computed(pilot)
    reader_screen = pilot.app.screen_stack[0]
    assert isinstance(reader_screen, ReaderScreen)
    for _ in range(5):
        await pilot.press("n")
        selected = reader_screen.grid.selected
        if selected is not None and "$14.3 billion" in selected.summary and len(selected.article_ids) > 1:
            break
    selected = reader_screen.grid.selected
    assert selected is not None and "$14.3 billion" in selected.summary
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_fact_selected_across_columns(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """A money fact reached with `n` ("$14.3 billion", stated by Source A and Wired): the
    ▌ cursor is on Source A's row, whose TechCrunch sentence ("... $14.3 billion for a 49%
    stake, while Business Insider reported a $14 billion investment") is marked `!`,
    underlined as the selected fact with its words highlighted. At 80 cells the grid has
    scrolled sideways so Wired, the other source stating the fact, is the column beside
    the pivot (its own mention lies further down and is one `)` away); at 160 four
    columns show, Source B's "tens of billions" conflict sentence facing it."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=on_the_money_conflict)
