"""The scrollbar the reading grid draws in its own last column (tui/widgets/drawn_scrollbar.py):
it shows where the view is, and the mouse pages and drags with it as with Textual's own."""

from __future__ import annotations

from rich.segment import Segment
from textual.pilot import Pilot

from tests.ui.conftest import SEEDS, make_app
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.widgets.reading_grid import ReadingGrid, plain_lines

SIZE = (100, 30)


def bar_cells(grid: ReadingGrid) -> list[Segment]:
    """The last segment of every line the grid draws: the bar's cell."""
    return [list(grid.render_line(y))[-1] for y in range(grid.size.height)]


def thumb_lines(grid: ReadingGrid) -> list[int]:
    """Lines where the bar shows its thumb (reversed, or one of Textual's eighth-cell glyphs)."""
    return [
        y
        for y, cell in enumerate(bar_cells(grid))
        if (cell.style is not None and cell.style.reverse) or cell.text.strip()
    ]


async def test_the_thumb_follows_the_view(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=SIZE) as pilot:
        grid = await ready(pilot)
        assert grid.max_scroll_y > 0, "the seeds run past one screen"
        top = thumb_lines(grid)
        assert top and top[0] == 0
        assert all(len(line) == grid.size.width - 1 for line in plain_lines(grid))  # text: all but the bar
        await pilot.press("G")
        await pilot.pause()
        bottom = thumb_lines(grid)
        assert bottom and bottom[-1] == grid.size.height - 1
        assert bottom[0] > top[-1]
        # The bar's cells carry no actions of their own: the grid handles the mouse on them.
        assert all(not (cell.style and cell.style.meta) for cell in bar_cells(grid))


async def click_bar(pilot: Pilot[int], grid: ReadingGrid, y: int) -> None:
    await pilot.click(grid, offset=(grid.size.width - 1, y))
    await pilot.pause()


async def test_clicking_the_track_pages_without_moving_the_cursor(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=SIZE) as pilot:
        grid = await ready(pilot)
        cursor = grid.cursor
        below = grid.size.height - 1
        assert below not in thumb_lines(grid)
        await click_bar(pilot, grid, below)
        scrolled = grid.scroll_offset.y
        assert scrolled >= grid.size.height - 2  # about a page
        assert grid.cursor == cursor
        above = thumb_lines(grid)[0] - 1
        assert above >= 0
        await click_bar(pilot, grid, above)
        assert grid.scroll_offset.y < scrolled
        assert grid.cursor == cursor


async def test_dragging_the_thumb_scrolls(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=SIZE) as pilot:
        grid = await ready(pilot)
        column = grid.size.width - 1
        assert 0 in thumb_lines(grid)
        await pilot.mouse_down(grid, offset=(column, 0))
        await pilot.hover(grid, offset=(column, 5))
        await pilot.mouse_up(grid, offset=(column, 5))
        await pilot.pause()
        # Five lines of bar are five times the story's height over the view's.
        expected = 5 * grid.virtual_size.height / grid.size.height
        assert abs(grid.scroll_offset.y - min(expected, grid.max_scroll_y)) <= 1
        assert 0 not in thumb_lines(grid)
