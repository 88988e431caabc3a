"""Exporting from the reader never replaces a file silently: names are per story, an
existing file needs a second Enter, and an article or the review file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import Notices, make_app, write_story
from tui.core.pipeline import TextInput, compare
from tui.export import default_report_name


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRIANGULATE_NO_CACHE", "1")


def _story(folder: Path, headline: str, figure: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for outlet in ("wire", "paper"):
        path = folder / f"{headline.split()[0].lower()}-{outlet}.txt"
        path.write_text(
            f"{headline}\n\nOfficials said the project cost {figure} million euros on Tuesday.\n\n"
            f"The {outlet} reporter added a detail of their own about the {headline.lower()}.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


async def _open_export(pilot: Pilot[int]) -> str:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    return pilot.app.screen.query_one("#export-path", Input).value


async def test_two_stories_from_one_folder_get_two_reports(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    written = []
    for headline, figure in (("Ferry terminal opens", "48"), ("Bridge repairs delayed", "12")):
        app = make_app(_story(folder, headline, figure))
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            target = await _open_export(pilot)
            await pilot.press("enter")
            await pilot.pause()
        written.append(Path(target))
    assert written[0] != written[1]
    assert all(p.parent == folder and p.exists() for p in written)
    assert "48" in written[0].read_text() and "12" in written[1].read_text()


def test_default_names_differ_per_story_and_are_safe() -> None:
    one = compare([TextInput("# A/B ../../etc \x1b[31m title\n\nShares rose 7% on Tuesday.", "x")])
    two = compare([TextInput("# A/B ../../etc \x1b[31m title\n\nShares rose 8% on Tuesday.", "x")])
    names = default_report_name(one), default_report_name(two)
    assert names[0] != names[1]
    for name in names:
        assert all(ch.isalnum() or ch == "-" for ch in name), name


async def test_an_existing_file_is_replaced_only_after_a_second_enter(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "s", 2)
    app = make_app(paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        target = Path(await _open_export(pilot))
        target.write_text("precious", encoding="utf-8")
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "precious"
        assert "already exists" in str(app.screen.query_one("#export-exists").render())
        await pilot.press("enter")
        await pilot.pause()
    assert "precious" not in target.read_text(encoding="utf-8")


async def test_exporting_over_an_article_is_refused(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "s", 2)
    before = Path(paths[0]).read_bytes()
    app = make_app(paths)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await _open_export(pilot)
        app.screen.query_one("#export-path", Input).value = paths[0]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert notices.said("refused")
    assert Path(paths[0]).read_bytes() == before
