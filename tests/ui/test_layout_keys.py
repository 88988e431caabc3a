"""Pilot tests of layout keys: the claims panel's width rules, the source picker, folds."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import SEEDS, make_app, write_story
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.screens.reader import ReaderScreen
from tui.screens.sources import SourcesScreen
from tui.state.layout import MIN_COLUMN
from tui.widgets.claims_panel import ClaimsPanel


async def test_claims_panel_takes_the_screen_at_80_and_gives_it_back(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("c")
        panel = app.screen.query_one(ClaimsPanel)
        assert panel.outer_size.width == 80 and panel.has_class("-full")
        await pilot.press("c")
        assert not panel.display
        assert grid.size.width == 80 and len(grid.columns) == 2


async def test_claims_panel_keeps_two_columns_resizes_and_maximises(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen.query_one(ClaimsPanel)
        assert len(grid.columns) >= 2 and all(c.width >= MIN_COLUMN for c in grid.columns)
        before = panel.outer_size.width
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert panel.outer_size.width == before - 8
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert len(grid.columns) == 2, "widening stops where two readable columns remain"
        assert all(c.width >= MIN_COLUMN for c in grid.columns)
        await pilot.press("M")
        await pilot.pause()
        assert panel.outer_size.width == 160
        await pilot.press("M")
        await pilot.pause()
        assert panel.outer_size.width < 160


async def test_source_picker_hides_pins_and_reorders(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 8)
    app = make_app(paths)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        assert app.model is not None
        ids = [a.id for a in app.model.comparison.articles]
        await pilot.press("P")
        assert isinstance(app.screen, SourcesScreen)
        # Hide the second and third sources, pin the last one, move the fourth up.
        await pilot.press("j", "space", "j", "space", "G", "p", "g", "j", "j", "j", "K")
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        order = grid.column_order
        assert order[0] == ids[0] and order[1] == ids[-1]
        assert ids[1] not in order and ids[2] not in order
        assert order.index(ids[3]) < order.index(ids[4])
        assert [c.article.id for c in grid.columns][:2] == [ids[0], ids[-1]]
        await pilot.press("P", "escape")
        assert grid.column_order == order, "Esc leaves the columns as they were"


async def test_z_folds_unique_only_runs(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        model = app.model
        assert model is not None and model.fold_runs
        total = len(grid.visible_rows)
        await pilot.press("z")
        assert grid.folded
        assert len(grid.visible_rows) == total - len(model.folded_rows)
        assert not set(grid.visible_rows) & model.folded_rows
        head = next(iter(model.fold_runs))
        grid.move_cursor(grid.visible_rows.index(head))
        lines = [grid.render_line(y).text for y in range(grid.size.height)]
        assert any("more row" in line and "folded (z)" in line for line in lines)
        await pilot.press("z")
        assert not grid.folded and len(grid.visible_rows) == total
