"""The export dialog writes the format the user asked for: a typed suffix chooses it, and
Enter on the format buttons writes the highlighted one (the dialog's border says "Enter write")."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from tests.ui.conftest import Notices, make_app, write_story
from tests.ui.test_reader import ready
from tui.screens.export import ExportScreen, format_of


def test_a_report_suffix_says_the_format_whatever_was_chosen() -> None:
    assert format_of(Path("r.html"), "markdown") == "html"
    assert format_of(Path("r.HTM"), "markdown") == "html"
    assert format_of(Path("r.md"), "html") == "markdown"
    assert format_of(Path("r.markdown"), "html") == "markdown"
    assert format_of(Path("r.txt"), "html") == "html"
    assert format_of(Path("report"), "markdown") == "markdown"


async def open_export(pilot: Pilot[int]) -> ExportScreen:
    """The export dialog, opened with `e` once the comparison is on screen."""
    await ready(pilot)
    await pilot.press("e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    return dialog


async def test_typing_an_html_path_writes_html(tmp_path: Path) -> None:
    app = make_app(write_story(tmp_path / "story", 2))
    notices = Notices()
    target = tmp_path / "review1.html"
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        dialog = await open_export(pilot)
        dialog.query_one(Input).value = str(target)  # as ctrl+u and typing the path leave it
        await pilot.pause()
        assert dialog.query_one("#fmt-html", RadioButton).value, "the buttons follow the suffix"
        await pilot.press("enter")
        await pilot.pause()
        assert notices.said("Report written")
    written = target.read_text(encoding="utf-8")
    assert written.lstrip().lower().startswith("<!doctype html"), written[:60]


async def test_enter_on_the_format_buttons_writes_the_highlighted_format(tmp_path: Path) -> None:
    app = make_app(write_story(tmp_path / "story", 2))
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        dialog = await open_export(pilot)
        proposed = Path(dialog.query_one(Input).value)
        assert proposed.suffix == ".md"
        await pilot.press("shift+tab", "down", "enter")  # to the formats, HTML, Enter
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen), "Enter wrote and closed the dialog"
        assert notices.said("Report written")
    written = proposed.with_suffix(".html")
    assert written.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert not proposed.exists(), "no Markdown file beside it"


async def test_a_report_is_never_written_into_the_review_folder(tmp_path: Path) -> None:
    # The folder holds every story's marks and notes: a report there would replace a review.
    from tui.review.store import data_dir

    reviews = data_dir() / "reviews"
    reviews.mkdir(parents=True, exist_ok=True)
    other = reviews / "0123456789abcdef.json"
    other.write_text('{"format": "triangulate-review", "version": 1, "inputs": [], "reviews": []}')
    before = other.read_bytes()
    app = make_app(write_story(tmp_path / "story", 2))
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        dialog = await open_export(pilot)
        dialog.query_one(Input).value = str(other.with_suffix(".md"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert notices.said("review folder")
    assert other.read_bytes() == before
    assert not other.with_suffix(".md").exists()


def test_the_bundled_story_is_exported_to_the_current_folder_not_the_programs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside the seeds is the program's own folder (site-packages, once installed).
    from tui.cli import bundled_seeds

    monkeypatch.chdir(tmp_path)
    seeds = bundled_seeds()
    for inputs in ([str(seeds)], [str(next(seeds.glob("*.txt")))]):
        assert make_app(inputs).default_report_path().parent == tmp_path
    story = write_story(tmp_path / "story", 2)
    assert make_app(story).default_report_path().parent == (tmp_path / "story").resolve()
