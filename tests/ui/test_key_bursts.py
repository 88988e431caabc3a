"""Keys that arrive at once (one ``tmux send-keys``, a paste, SSH, a practised typist) do what
the same keys typed one by one do: each key is handled, in order, where the keys before it
left the focus, and a key that saves or submits sees every key typed before it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import ClassVar

import pytest
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from tests.ui.conftest import SEEDS, make_app, write_story
from tests.ui.test_reader import ready, screen_text
from tui.app import TriangulateApp
from tui.core.models import Comparison
from tui.key_order import KeySettled
from tui.screens.detail import ClaimDetailScreen
from tui.screens.export import ExportScreen
from tui.screens.facts import FactsScreen
from tui.screens.note import NoteScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.detail_view import DetailView
from tui.widgets.facts_table import FactsTable

KEY_NAMES = {" ": "space", "/": "slash", ".": "full_stop", ",": "comma", "-": "minus"}


def typed(text: str) -> list[str]:
    """The keys that type ``text``."""
    return list(text)


def burst(app: TriangulateApp, *keys: str) -> None:
    """Post every key at once, as the terminal driver does when they arrive together: none
    waits for the one before it to be handled (``pilot.press`` waits for idle after each).
    A key is a single character or a key name ("enter", "ctrl+s")."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(KEY_NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


async def settle(pilot: Pilot[int]) -> None:
    """Wait until every key sent has been handled (a burst can outlast one idle pause)."""
    app = pilot.app
    assert isinstance(app, TriangulateApp)
    await pilot.pause()
    for _ in range(500):
        if not app.keys_waiting:
            break
        await pilot.pause()
    assert not app.keys_waiting
    await pilot.pause()


@contextlib.asynccontextmanager
async def opened(
    tmp_path: Path, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[TriangulateApp, Pilot[int]]]:
    """A three-article story, its comparison on screen, notifications on, a claim selected."""
    app = make_app(write_story(tmp_path / "story", 3))
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("n")
        yield app, pilot


def note_on_selected(app: TriangulateApp) -> str:
    reader = app.screen_stack[0]
    assert isinstance(reader, ReaderScreen) and app.comparison is not None
    claim_id = reader.target_claim_id
    assert claim_id is not None
    return app.review_of(app.comparison.claim_by_id[claim_id])[1]


# ----- 1. the note: ctrl+s saves every key typed before it ---------------------------------


NOTE = "Straits Times says Randal"


async def test_a_note_and_ctrl_s_in_one_burst_save_the_whole_note(tmp_path: Path) -> None:
    """Saved "" and closed as if saved: ctrl+s, a priority key, ran at the app before the text
    area had taken the letters queued before it."""
    async with opened(tmp_path) as (app, pilot):
        burst(app, "a", *typed(NOTE), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert note_on_selected(app) == NOTE


@pytest.mark.parametrize("before", ["", "open"])
async def test_text_and_ctrl_s_in_one_burst_in_the_open_editor_save_it_all(
    tmp_path: Path, before: str
) -> None:
    """With the editor open, "the quick brown fox jumps" and ctrl+s kept the old note, and
    "open" typed first then "-then-burst" and ctrl+s at once saved "open"."""
    async with opened(tmp_path) as (app, pilot):
        await pilot.press("a", *before)
        assert isinstance(app.screen, NoteScreen)
        rest = "-then-burst" if before else "the quick brown fox jumps"
        burst(app, *typed(rest), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert note_on_selected(app) == before + rest


# ----- 2. search: the keys after Enter are commands again -----------------------------------


async def search_result(
    tmp_path: Path, send: Callable[[TriangulateApp, Pilot[int]], object]
) -> tuple[object, ...]:
    async with opened(tmp_path) as (app, pilot):
        result = send(app, pilot)
        if result is not None:
            await result  # type: ignore[misc]
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        grid = reader.grid
        state = grid.state
        assert state is not None
        header = screen_text(app).splitlines()[0]
        return grid.search_query, state.search.index, grid.cursor, reader.query_one("#search").display, header


@pytest.mark.parametrize("opened_first", [False, True])
async def test_keys_after_enter_in_the_search_box_step_through_the_matches(
    tmp_path: Path, opened_first: bool
) -> None:
    """ "/Acme", Enter, ". ." in one burst searched for "Acme.." (header "/Acme..: 0 hits"): the
    dots after Enter went into the box, which took the grid's focus back only later."""

    async def slowly(app: TriangulateApp, pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"Acme", "enter", "full_stop", "full_stop")

    async def at_once(app: TriangulateApp, pilot: Pilot[int]) -> None:
        if opened_first:
            await pilot.press("slash")
            burst(app, *"Acme", "enter", ".", ".")
        else:
            burst(app, "/", *"Acme", "enter", ".", ".")

    expected = await search_result(tmp_path / "slow", slowly)
    assert expected[0] == "Acme" and expected[3] is False
    assert await search_result(tmp_path / "burst", at_once) == expected


# ----- 3. export: editing keys in the path field ---------------------------------------------


async def test_an_export_path_replaced_with_ctrl_u_in_one_burst_is_written(tmp_path: Path) -> None:
    """ "e", ctrl+u, "/tmp/x.md", Enter left an empty path and wrote nothing."""
    target = tmp_path / "out" / "x.md"
    target.parent.mkdir()
    async with opened(tmp_path) as (app, pilot):
        burst(app, "e", "ctrl+u", *typed(str(target)), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert target.read_text(encoding="utf-8").startswith("#")


async def test_ctrl_u_then_text_in_one_burst_in_the_open_export_dialog(tmp_path: Path) -> None:
    async with opened(tmp_path) as (app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        burst(app, "ctrl+u", "a", "b", "c")
        await settle(pilot)
        assert app.screen.query_one("#export-path", Input).value == "abc"


# ----- 4. keys after the key that opens a view go to that view -------------------------------


@pytest.mark.parametrize("opener", ["enter", "t"])
async def test_keys_after_the_key_that_opens_a_view_go_to_that_view(tmp_path: Path, opener: str) -> None:
    """ "n", Enter, "j j" moved the grid under the detail view two rows: the detail view was
    asked for by a message that arrived after the j's had gone to the grid."""

    def where(app: TriangulateApp) -> int:
        """How far the opened view is scrolled (detail) or where its cursor is (facts table)."""
        view = app.screen
        if opener == "enter":
            assert isinstance(view, ClaimDetailScreen)
            return int(view.query_one(DetailView).scroll_offset.y)
        assert isinstance(view, FactsScreen)
        return view.query_one(FactsTable).cursor

    async def run(send: str) -> tuple[int, int, str, int]:
        app = make_app([str(SEEDS)])
        async with app.run_test(size=(100, 16), notifications=True) as pilot:  # short: the detail scrolls
            grid = await ready(pilot)
            await pilot.press("n")
            opened_at = -1
            if send == "slowly":
                await pilot.press(opener)
                await settle(pilot)
                opened_at = where(app)
                await pilot.press("j", "j")
            else:
                burst(app, opener, "j", "j")
            await settle(pilot)
            return grid.cursor, where(app), type(app.screen).__name__, opened_at

    slow = await run("slowly")
    assert slow[1] == slow[3] + 2  # the view opened, then moved two rows
    assert (await run("at once"))[:3] == slow[:3]


# ----- 5. search counts what it says it counts ----------------------------------------------


async def test_the_search_header_counts_every_hit_and_the_rows_holding_them(tmp_path: Path) -> None:
    """Two hits in one sentence were counted as one ("2 hits in 2 rows" for three hits)."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(
        "Final goes to penalties\n\nThuram crossed and Thuram nearly scored again before the break.\n",
        encoding="utf-8",
    )
    (story / "b.txt").write_text(
        "Penalties decide the final\n\nA late chance for Thuram came to nothing before the break.\n",
        encoding="utf-8",
    )
    app = make_app([str(story / "a.txt"), str(story / "b.txt")])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Thuram", "enter")
        header = screen_text(app).splitlines()[0]
        assert "/Thuram: 3 hits in 1 row" in header or "/Thuram: 3 hits in 2 rows" in header


# ----- 6. ctrl+c says how to quit, in plain text ------------------------------------------------


async def test_ctrl_c_names_the_quit_key_in_plain_text(tmp_path: Path) -> None:
    async with opened(tmp_path) as (app, pilot):
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]" not in text and "[/b]" not in text
        assert "Press q or ctrl+q to quit." in text
        assert isinstance(app.screen, ReaderScreen)


# ----- 7. Enter in the claims panel when it fills the screen ---------------------------------


async def test_enter_in_the_full_screen_claims_panel_closes_it_on_the_claim(tmp_path: Path) -> None:
    """At 80x24 the panel covers the grid, so Enter seemed to do nothing until it was closed."""
    async with opened(tmp_path, size=(80, 24)) as (app, pilot):
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("c")
        panel = reader.query_one(ClaimsPanel)
        assert panel.display and panel.has_class("-full")
        await pilot.press("j")
        chosen = panel.claim_ids[panel.highlighted or 0]
        await pilot.press("enter")
        assert not panel.display
        assert reader.grid.has_focus
        assert reader.target_claim_id == chosen


# ----- the keys that go straight on ------------------------------------------------------------


MOVES = {"cursor", "page", "half_page", "jump_back", "jump_forward", "top", "bottom", "columns"}
MOVES |= {"scroll", "scroll_edge", "edge", "move"}


def test_only_keys_that_move_go_straight_on() -> None:
    """The fast path (tui.key_order.is_steady) against the plain rule: a key goes straight on
    only if its binding moves a cursor, scrolls or reorders in place; never one that opens,
    closes, marks, filters or searches."""
    from textual.binding import Binding

    from tui.key_order import is_steady
    from tui.screens.cited import CitedSourcesScreen
    from tui.screens.help import HelpScreen
    from tui.screens.sources import SourcesScreen

    screens: tuple[type[object], ...] = (TriangulateApp, ReaderScreen, FactsScreen, ClaimDetailScreen)
    screens += (HelpScreen, CitedSourcesScreen, SourcesScreen, NoteScreen, ExportScreen)
    steady = 0
    for screen in screens:
        for binding in getattr(screen, "BINDINGS", ()):
            assert isinstance(binding, Binding)
            action = binding.action.split("(")[0]
            assert is_steady(binding.id) == (action in MOVES), (screen.__name__, binding.id, action)
            steady += is_steady(binding.id)
    assert steady >= 20


async def test_moves_and_commands_at_once_end_where_they_do_typed_one_by_one() -> None:
    keys = ["j", "j", "n", "l", "enter", "j", "escape", "k", "t", "j", "j", "escape"]
    keys += ["G", "/", "W", "a", "n", "g", "enter", ".", "g", "c", "j", "escape", "ctrl+u"]

    async def run(slowly: bool) -> tuple[object, ...]:
        app = make_app([str(SEEDS)])
        async with app.run_test(size=(100, 16), notifications=True) as pilot:
            grid = await ready(pilot)
            if slowly:
                await pilot.press(*(KEY_NAMES.get(key, key) for key in keys))
            else:
                burst(app, *keys)
            await settle(pilot)
            state = grid.state
            assert state is not None
            return (
                type(app.screen).__name__,
                grid.cursor,
                grid.hidden_columns,
                state.search.query,
                state.search.index,
            )

    slow = await run(True)
    assert slow[0] == "ReaderScreen" and slow[3] == "Wang"
    assert await run(False) == slow


async def test_a_key_that_never_reports_back_holds_the_next_ones_only_for_a_while(
    seeds_comparison: Comparison,
) -> None:
    """The net in tui.key_order: a key whose KeySettled is lost on its way up (here a screen
    that swallows it) must not hold the keys after it for ever; they are handed on after
    LOST_AFTER idle turns of the app with no report."""

    class Swallowing(Screen[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

        def compose(self) -> ComposeResult:
            yield Static("swallows every key's report")

        def on_key_settled(self, message: KeySettled) -> None:
            message.stop()

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await app.push_screen(Swallowing())
        await pilot.pause()
        burst(app, "x", "escape")  # "x" has no binding there: forwarded, its report swallowed
        await pilot.pause()
        assert app.keys_waiting, "escape waits for x, whose report never comes"
        for _ in range(1000):
            if not app.keys_waiting:
                break
            await pilot.pause()
        assert not app.keys_waiting
        assert isinstance(app.screen, ReaderScreen), "escape was handed on in the end"
