"""The reader shows the articles' text while the analysis runs, then the comparison."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot

from tests.ui.conftest import Notices, make_app, write_story
from tui.app import TriangulateApp
from tui.core.models import Comparison
from tui.messages import ComparisonPreview, ComparisonReady
from tui.screens.reader import ReaderScreen
from tui.widgets.reading_grid import ReadingGrid


async def test_articles_are_shown_before_the_comparison_is_ready(tmp_path: Path) -> None:
    write_story(tmp_path / "story", 4)
    app = make_app([str(tmp_path / "story")])
    seen: list[tuple[str, int, bool]] = []

    def hook(message: Message) -> None:
        if isinstance(message, ComparisonPreview | ComparisonReady):
            ready = app.screen_stack[0].has_class("-ready")
            seen.append((type(message).__name__, len(message.comparison.articles), ready))

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.screen_stack[0]
        assert isinstance(reader, ReaderScreen)
        names = [name for name, _, _ in seen]
        assert "ComparisonPreview" in names and "ComparisonReady" in names
        assert names.index("ComparisonPreview") < names.index("ComparisonReady")
        # The preview arrives while the reader still waits for the analysis.
        assert seen[names.index("ComparisonPreview")] == ("ComparisonPreview", 4, False)
        assert reader.has_class("-ready") and not reader.has_class("-preview")
        assert reader.query_one(ReadingGrid).model is app.model


async def rewound_to_preview(pilot: Pilot[int], story: Path) -> tuple[ReaderScreen, Comparison]:
    """The app put back in the state before the worker's result arrived (no comparison
    anywhere) and shown the preview of ``story``'s articles: the reader and that preview."""
    from tui.core.pipeline import compare, preview_comparison

    app = pilot.app
    assert isinstance(app, TriangulateApp)
    reader = app.screen_stack[0]
    assert isinstance(reader, ReaderScreen)
    early = preview_comparison(compare([str(story)]).articles)
    await app.workers.wait_for_complete()
    app.comparison = None
    reader.model = None
    reader.remove_class("-ready")
    app.post_message(ComparisonPreview(early))
    await pilot.pause()
    assert reader.has_class("-preview")
    return reader, early


async def test_the_preview_puts_article_text_on_screen(tmp_path: Path) -> None:
    write_story(tmp_path / "story", 3)
    app = make_app([str(tmp_path / "story")])
    async with app.run_test(size=(120, 40)) as pilot:
        reader, early = await rewound_to_preview(pilot, tmp_path / "story")
        grid = reader.query_one(ReadingGrid)
        assert grid.model is not None and grid.model.comparison is early
        assert len(grid.visible_rows) > 1
        await pilot.press("j")
        assert grid.cursor == 1  # the preview can be read and moved in


async def test_a_claim_key_in_the_preview_says_it_waits_for_the_comparison(tmp_path: Path) -> None:
    """Keys typed while the analysis runs ("n", a mark) did nothing and said nothing."""
    write_story(tmp_path / "story", 3)
    app = make_app([str(tmp_path / "story")])
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        reader, _ = await rewound_to_preview(pilot, tmp_path / "story")
        grid = reader.query_one(ReadingGrid)
        await pilot.press("n", "v")
        assert grid.cursor == 0 and grid.selected is None
        assert sum("Still analysing" in text for text in notices.texts) == 1, notices.texts
        await pilot.press("j")
        assert grid.cursor == 1, "moving still works"
