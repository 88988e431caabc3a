"""Pictures of the facts table and of one fact selected across columns, on the seeds.

Three themes (default dark, light, mono) at 80x24 and 160x48. Regenerate with
``make snapshots`` and look at every picture before committing.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.snapshots.test_reader_snapshots import SIZES, computed, reader
from tests.ui.test_follow_fact import select_share_price
from tui.screens.reader import ReaderScreen

THEMES = ["triangulate-dark", "triangulate-light", "triangulate-mono"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_facts_table(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """`t` from the first row: a status line "Facts N/N · all facts" with the cursor's
    fact summary (the opening fact, "Meta is rapidly expanding …"), a heading row with "fact"
    and one column per source by outlet name (three at 80 cells with a `2›` count of sources
    off to the right, all five at 160), then the conflicts first (`!` rows: the lab's name,
    "share price" with Source A's "7% / 8%" beside Source B's "7%", "funding" with Source
    A's "$14.3 billion / $14 billion" beside Wired's "$14.3 billion" and nothing under Source
    B, whose vague "tens of billions of dollars" is no tally), then shared facts (`=`,
    ✓ where a source states the fact without a value, values such as "September 2023" /
    "2023" for a date, "five to ten hours" / "5 to 10 hours"), then unique ones further down.
    In each conflict the cell holding the value that differs from the most common one is
    reversed: Source A's "7% / 8%" (its 8%) and "$14.3 billion / $14 billion" (its $14
    billion), Wired's "Meta Intelligence Labs". The ▌ cursor sits on the fact of the reader's
    row, the opening fact (the first shared row, ✓ under four sources at 160, Source B's cell
    empty: its "Meta released MuseSpark" sentence is in another claim); gutter
    glyphs and dividers are readable in the light theme. The footer fits "? Help" at 80
    cells."""
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
    """A money fact reached with `n` ("$14.3 billion", stated by Source A and Wired; the
    header reads "conflict 3/3"): the
    ▌ cursor is on Source A's row, whose TechCrunch sentence ("... $14.3 billion for a 49%
    stake, while Business Insider reported a $14 billion investment") is marked `!`, and
    Wired's "A key move was the $14.3 billion investment in Scale AI" (also `!`) is on
    screen in the column beside it: at 80 cells the grid has scrolled sideways so Wired is
    the column next to the pivot (`‹1`), at 160 four columns show, Source B's empty beside
    the fact (it gives no figure for it). Source A's sentence reports both figures itself, and
    both "$14.3 billion" and "$14 billion" in it are reversed."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=on_the_money_conflict)


async def on_the_share_price_conflict(pilot: Pilot[Any]) -> None:
    await computed(pilot)
    reader_screen = pilot.app.screen_stack[0]
    assert isinstance(reader_screen, ReaderScreen)
    await select_share_price(pilot, reader_screen.grid)
    state = reader_screen.grid.state
    assert state is not None and state.follow is not None, "the view did not follow the fact"
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_fact_followed_across_rows(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """The share-price conflict reached with `n`: its two halves lie in rows far apart, and
    both show at one height; the header reads "conflict 1/3 · row 11/46" (at 80 cells its
    figures in short form, "=44 +122 !3"). The ▌ cursor is on Source B's row, whose `!` sentence ends "with
    Meta's stock price rising 7% that day"; the pivot column, Source A, is drawn shifted so
    its `!` sentence "The Times of India reported a 7% boost in Meta's stock, whereas Business
    Insider reported an 8% jump" sits beside it, with the fact's words highlighted in both
    columns; its "7%" and "8%" are reversed (the two figures it reports). Source A's
    heading's second line reads "↕ +N lines, following share price" in the accent colour,
    and the divider right of Source A is dashed (┆) from top to bottom. At
    80 cells only Source A and Source B show; at 160 Wired and Source C too, aligned with
    Source B."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=on_the_share_price_conflict)
