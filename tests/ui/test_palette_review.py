"""The command palette offers what the help says it does: marks, notes and export too (they
were left out while the palette was open, because the palette's own search box had the focus
and sat on top, so the app thought a note was being typed and no claim was selected)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import chosen_from_palette, make_app, write_story
from tests.ui.test_reader import ready
from tui.screens.export import ExportScreen


async def test_the_palette_marks_the_selected_claim_and_exports(tmp_path: Path) -> None:
    app = make_app(write_story(tmp_path / "story", 3))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("n")
        claim = grid.selected
        assert claim is not None
        await chosen_from_palette(pilot, "mark verified", "Mark verified")
        assert app.review_of(claim)[0] == "verified"
        await chosen_from_palette(pilot, "export", "Export report")
        assert isinstance(app.screen, ExportScreen)
