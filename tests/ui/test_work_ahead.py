"""Work done ahead of the keys (wrapped cells and lines, the detail and the facts table laid
out while closed) draws exactly what drawing on demand would, and is used."""

from __future__ import annotations

import time

import pytest
from rich.segment import Segment
from textual.pilot import Pilot

from tests.ui.conftest import SEEDS, make_app
from tests.ui.test_reader import ready, screen_text
from tui.core.models import Comparison
from tui.screens.detail import ClaimDetailScreen
from tui.screens.facts import FactsScreen
from tui.widgets.detail_view import DetailView
from tui.widgets.reading_grid import ReadingGrid

KEYS = (
    "pagedown",
    "n",
    "right_parenthesis",
    "right_square_bracket",
    "pagedown",
    "pageup",
    "N",
    "n",
    "n",
    "u",
)


async def settled(pilot: Pilot[int], grid: ReadingGrid) -> None:
    """Wait until the grid has worked ahead for the state it shows (a condition, not a delay).

    The work runs in timer slices, so how many polls it takes depends on the machine's
    speed and load: the condition is polled until it holds, and only work that has not
    finished after ten minutes (that never will) fails the test: a minute was reached once on
    a two-core machine at load 13."""
    deadline = time.monotonic() + 600
    while not grid.caught_up:
        if time.monotonic() > deadline:
            raise AssertionError("the grid never finished working ahead")
        await pilot.pause(0.001)  # lets the timers that run the slices fire


def drawn(grid: ReadingGrid) -> list[list[Segment]]:
    """Every visible line with its styles (a stale selection shows only in the styles)."""
    return [list(grid.render_line(y)) for y in range(grid.size.height)]


async def frames(comparison: Comparison, *, ahead: bool) -> list[list[list[Segment]]]:
    app = make_app([str(SEEDS)], comparison=comparison)
    pictures = []
    async with app.run_test(size=(160, 48)) as pilot:
        grid = await ready(pilot)
        for key in KEYS:
            if ahead:
                await settled(pilot, grid)
            await pilot.press(key)
            pictures.append(drawn(grid))
    return pictures


async def test_keys_draw_the_same_with_and_without_work_ahead(
    seeds_comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_ahead = await frames(seeds_comparison, ahead=True)
    # The plain path: every cell wrapped and line composed when it is first drawn.
    monkeypatch.setattr(ReadingGrid, "_plan_ahead", lambda self: None)
    on_demand = await frames(seeds_comparison, ahead=False)
    for key, a, b in zip(KEYS, with_ahead, on_demand, strict=True):
        assert a == b, f"after {key!r} the drawing differs"


async def cells_wrapped_by_next_conflict(comparison: Comparison, *, ahead: bool) -> int:
    """How many cells "n" itself wraps, after the grid has worked ahead (or not) for the first view."""
    app = make_app([str(SEEDS)], comparison=comparison)
    async with app.run_test(size=(160, 48)) as pilot:
        grid = await ready(pilot)
        if ahead:
            await settled(pilot, grid)
        state = grid.state
        assert state is not None
        step = state.step_claim(1, "conflict")
        assert step is not None
        coming = step[0].selected
        assert coming is not None and coming != state.selected
        before = grid.cells_wrapped
        grid.working_ahead = False  # from here every cell wrapped is one the key itself needed
        await pilot.press("n")
        assert grid.selected is not None and grid.selected.id == coming
        return grid.cells_wrapped - before


async def test_work_ahead_prepares_the_next_selection(
    seeds_comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_ahead = await cells_wrapped_by_next_conflict(seeds_comparison, ahead=True)
    monkeypatch.setattr(ReadingGrid, "_plan_ahead", lambda self: None)
    on_demand = await cells_wrapped_by_next_conflict(seeds_comparison, ahead=False)
    # The jump's own rows and the followed column's mention were wrapped ahead; at most the
    # edge of a followed column's window is left to the key (one cell at the seeds).
    assert on_demand >= 20
    assert with_ahead * 10 <= on_demand, f"n wrapped {with_ahead} of {on_demand} cells itself"


async def test_detail_and_facts_table_are_laid_out_for_the_selected_claim(
    seeds_comparison: Comparison,
) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "enter", "escape", "t", "escape")  # both screens installed
        detail = app.get_screen("claim-detail")
        facts = app.get_screen("facts-table")
        assert isinstance(detail, ClaimDetailScreen) and isinstance(facts, FactsScreen)
        await pilot.press("n")
        await settled(pilot, grid)
        selected = grid.selected
        assert selected is not None
        # Laid out while closed: the next Enter or `t` shows this claim.
        assert detail.claim_id == selected.id
        prepared = detail.query_one(DetailView).plain_lines
        index = next(i for i, row in enumerate(facts.table.rows) if row.claim.id == selected.id)
        assert facts.table.line_ready(index, cursor=True), "the line the cursor will be on is drawn"
        # A mark set after the detail was laid out is in the text Enter shows.
        await pilot.press("v")
        await pilot.press("enter")
        opened = app.screen
        assert isinstance(opened, ClaimDetailScreen) and opened is detail
        assert opened.claim_id == selected.id
        shown = detail.query_one(DetailView).plain_lines
        assert "review: verified" in screen_text(app)
        assert shown != prepared and any("review: not marked" in line for line in prepared)
        await pilot.press("escape", "t")
        table_screen = app.screen
        assert isinstance(table_screen, FactsScreen) and table_screen is facts
        assert facts.table.selected is not None and facts.table.selected.claim.id == selected.id
