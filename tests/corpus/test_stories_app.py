"""The story list in the reader, driven as a person would: filter, open, come back, quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import DataTable, Static

from tests.corpus.conftest import write_corpus
from tui.corpus.output import StoryRow, read_table, story_path
from tui.corpus.run import CorpusOptions, run_corpus
from tui.corpus.story_list import StoryFilter, visible
from tui.corpus.synthetic_corpus import generate_corpus
from tui.screens.help import binding_rows
from tui.screens.reader import ReaderScreen
from tui.screens.stories import StoryListScreen
from tui.stories_app import StoriesApp


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("stories")
    source = write_corpus(generate_corpus(60, seed=3), base / "in.jsonl")
    run_corpus([source], base / "out", CorpusOptions(workers=0))
    return base / "out"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path / "data"))


def shown_ids(app: StoriesApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, StoryListScreen)
    table = screen.query_one(DataTable)
    return [str(table.coordinate_to_cell_key(Coordinate(n, 0)).row_key.value) for n in range(table.row_count)]


async def test_filter_open_return_and_quit(outdir: Path) -> None:
    rows = read_table(outdir)
    assert len(rows) >= 3
    app = StoriesApp(outdir, rows)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        assert shown_ids(app) == [r.id for r in visible(rows, StoryFilter())]

        outlet = rows[-1].sources[0]
        await pilot.press("o")
        await pilot.press(*outlet.lower())
        await pilot.press("enter")
        await pilot.pause()
        assert shown_ids(app) == [r.id for r in visible(rows, StoryFilter(outlet=outlet))]
        assert len(shown_ids(app)) < len(rows)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_ids(app)) == len(rows)

        first, second = shown_ids(app)[:2]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.comparison is not None
        by_id: dict[str, StoryRow] = {r.id: r for r in rows}
        assert [a.path for a in app.comparison.articles] == list(by_id[first].articles)
        assert app.screen.has_class("-ready")

        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, StoryListScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [a.path for a in app.comparison.articles] == list(by_id[second].articles)

        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_damaged_saved_story_is_reported_and_the_list_stays(outdir: Path, tmp_path: Path) -> None:
    rows = read_table(outdir)
    copy = tmp_path / "out"
    (copy / "stories").mkdir(parents=True)
    for r in rows:
        story_path(copy, r.id).write_bytes(story_path(outdir, r.id).read_bytes())
    top = visible(rows, StoryFilter())[0]
    story_path(copy, top.id).write_text("{torn", encoding="utf-8")
    notes: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notes.append(message.notification.message)

    app = StoriesApp(copy, rows)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoryListScreen)
        assert app.comparison is None
    assert any("not JSON" in note and top.id in note for note in notes)


async def test_titles_from_the_corpus_are_shown_as_plain_text(tmp_path: Path) -> None:
    hostile = StoryRow(
        "s1", "[bold red]Boom[/] \x1b[31mred\x1b[0m", ("a", "b"), (), ("X", "Y"), ("2026-03-01",), 1, 0, 0, ()
    )
    app = StoriesApp(tmp_path, [hostile])
    async with app.run_test(size=(120, 20), notifications=True) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cell = table.get_cell_at(Coordinate(0, 5))
        assert cell.plain == "[bold red]Boom[/] red"


def cursor_id(app: StoriesApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, StoryListScreen)
    return screen.selected_id()


async def test_reader_keys_move_between_stories_and_nothing_scrolls_sideways(outdir: Path) -> None:
    rows = read_table(outdir)
    order = [r.id for r in visible(rows, StoryFilter())]
    app = StoriesApp(outdir, rows)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_x == 0  # every column, the counts too, fits in 80 columns
        await pilot.press("j", "j")
        assert cursor_id(app) == order[2]
        await pilot.press("k")
        assert cursor_id(app) == order[1]
        await pilot.press("G")
        assert cursor_id(app) == order[-1]
        await pilot.press("g")
        assert cursor_id(app) == order[0]
        await pilot.press("end")
        assert cursor_id(app) == order[-1]
        assert table.scroll_x == 0
        await pilot.press("home")
        assert cursor_id(app) == order[0]


async def test_help_on_the_list_offers_only_keys_that_work_there(outdir: Path) -> None:
    app = StoriesApp(outdir, read_table(outdir))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        listed = {keys: description for _, keys, description in binding_rows(app.screen)}
        assert {"j", "k", "g", "G", "o", "d"} <= set(listed)
        assert not {"v", "r", "x", "a", "e"} & set(listed), listed
        before = cursor_id(app)
        await pilot.press("v", "r", "x", "a", "e")
        await pilot.pause()
        assert isinstance(app.screen, StoryListScreen) and cursor_id(app) == before


async def test_an_empty_run_says_why_and_what_to_do(tmp_path: Path) -> None:
    app = StoriesApp(tmp_path, [])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#story-summary", Static).render())
        assert shown.startswith("No stories in this run")
        assert "run.json" in shown


async def test_the_filters_say_what_they_take_at_80_columns(outdir: Path) -> None:
    """The date filter's example was cut to "Dates: 2026-03-01 or" in an 80-column terminal."""
    from textual.widgets import Input

    app = StoriesApp(outdir, read_table(outdir))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        for box in app.screen.query(Input):
            inner = box.content_region.width
            assert len(box.placeholder) <= inner, f"{box.placeholder!r} is cut to {inner} columns"
