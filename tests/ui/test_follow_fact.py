"""Pilot tests of the reading view following a fact: after a jump, a column whose mention of
the fact lies in another row is drawn shifted so both halves of a conflict are on screen at
once, and the first move puts the columns back in line."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import SEEDS, make_app
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.widgets.column_header import ColumnHeader
from tui.widgets.reading_grid import GridColumn, ReadingGrid


def column_text(grid: ReadingGrid, column: GridColumn) -> str:
    """The words a column shows on screen, its wrapped lines joined (gutter and divider cut)."""
    start, end = column.x + 2, column.x + column.width - 1
    lines = [grid.render_line(y).text[start:end].strip() for y in range(grid.size.height)]
    return " ".join(line for line in lines if line)


def mention_words(grid: ReadingGrid, column: GridColumn) -> str:
    """The highlighted (bold and underlined: the mention style alone) text in a column."""
    words = []
    for y in range(grid.size.height):
        x = 0
        for segment in grid.render_line(y):
            style = segment.style
            if column.x <= x < column.x + column.width and style and style.bold and style.underline:
                words.append(segment.text)
            x += segment.cell_length
    return "".join(words).strip()


async def select_share_price(pilot: Pilot[int], grid: ReadingGrid) -> None:
    for _ in range(4):
        await pilot.press("n")
        await pilot.pause()  # the shift is worked out once the jump's scroll is applied
        if grid.selected is not None and grid.selected.summary.startswith("share price"):
            return
    pytest.fail("n never reached the share-price conflict")


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_both_halves_of_a_conflict_show_after_a_jump(
    seeds_comparison: Comparison, size: tuple[int, int]
) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=size, notifications=True) as pilot:
        grid = await ready(pilot)
        await select_share_price(pilot, grid)
        state, claim = grid.state, grid.selected
        assert state is not None and claim is not None
        places = state.model.mention_places(claim)
        assert len({p.row for p in places}) > 1, "the halves are in different rows"
        sentences = state.model.comparison.sentence_by_id
        columns = {c.article.id: c for c in grid.columns}
        assert {p.article_id for p in places} <= set(columns), "both sources have a column"
        for place in places:
            shown = column_text(grid, columns[place.article_id])
            words = " ".join(sentences[place.sentence_id].text.split())
            assert words[:60] in shown, f"{place.article_id}'s sentence is not on screen"
            assert mention_words(grid, columns[place.article_id]), "the fact's words are highlighted"
        # One column is shifted (the one whose half is not in the cursor row), and says so.
        assert state.follow is not None and state.follow.claim_id == claim.id
        shifted = [aid for aid, lines in state.follow.offsets if lines]
        assert set(shifted) == {p.article_id for p in places if p.row != state.cursor_row}
        header = app.screen.query_one(ColumnHeader)
        assert "following share price" in header.render_line(1).text
        assert "┆" in grid.render_line(0).text, "a dashed divider marks the shifted column"
        # The first move brings the columns back into line: one half leaves the screen.
        await pilot.press("j")
        assert grid.state is not None and grid.state.follow is None
        assert "following" not in header.render_line(1).text
        assert "┆" not in grid.render_line(0).text
        off = [
            p
            for p in places
            if " ".join(sentences[p.sentence_id].text.split())[:60]
            not in column_text(grid, columns[p.article_id])
        ]
        assert off, "aligned again, the two halves are rows apart"


@pytest.mark.parametrize("key", ["k", "pagedown", "g", "G", "escape", "ctrl+d"])
async def test_moving_or_escape_realigns_the_columns(seeds_comparison: Comparison, key: str) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        grid = await ready(pilot)
        await select_share_price(pilot, grid)
        assert grid.state is not None and grid.state.follow is not None
        await pilot.press(key)
        assert grid.state is not None and grid.state.follow is None


async def test_a_mention_step_follows_too(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        grid = await ready(pilot)
        await select_share_price(pilot, grid)
        await pilot.press("right_parenthesis")
        await pilot.pause()
        state = grid.state
        assert state is not None and state.follow is not None, "a step to the other half shifts too"
        assert state.selected_claim is not None and state.selected_claim.summary.startswith("share price")
