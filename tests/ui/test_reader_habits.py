"""Pilot tests of the habits the reader borrows from vim and less: jump list, half pages,
wrap notice, copy with citation, opening the article, lists and views that take j/k/g/G."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import OptionList

from tests.ui.conftest import SEEDS, make_app, write_story
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.screens.detail import ClaimDetailScreen
from tui.screens.help import HelpScreen
from tui.screens.note import NoteScreen
from tui.screens.pivot import PivotScreen
from tui.screens.reader import ReaderScreen, progress_line
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.detail_view import DetailView


def notes(seen: list[Message]) -> list[str]:
    return [m.notification.message for m in seen if isinstance(m, Notify)]


async def test_half_pages_and_jump_list(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        grid = await ready(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("ctrl+d")
        half = grid.cursor
        assert half > 0
        await pilot.press("ctrl+d")
        assert grid.cursor > half
        await pilot.press("ctrl+u", "ctrl+u")
        assert grid.cursor == 0
        await pilot.press("j", "j")
        start = grid.cursor_row
        await pilot.press("n")
        first = grid.selected
        assert first is not None and first.label == "conflict"
        await pilot.press("n")
        second = grid.selected
        assert second is not None and second.id != first.id
        await pilot.press("ctrl+o")
        assert grid.selected is not None and grid.selected.id == first.id
        await pilot.press("ctrl+o")
        assert grid.cursor_row == start
        await pilot.press("ctrl+i")
        assert grid.selected is not None and grid.selected.id == first.id
        await pilot.press("tab")
        assert grid.selected is not None and grid.selected.id == second.id
        assert grid.state is not None and not grid.state.jumps.can_forward


async def test_next_conflict_says_when_it_wraps(seeds_comparison: Comparison) -> None:
    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        grid = await ready(pilot)
        await pilot.press("n")
        first = grid.selected
        assert not any("Passed" in n for n in notes(seen))
        await pilot.press("N")
        assert any("Passed the start of the story: back to the last conflict" in n for n in notes(seen))
        await pilot.press("n")
        assert grid.selected == first
        assert any("Passed the end of the story: back to the first conflict" in n for n in notes(seen))


async def test_filter_keeps_the_cursor_near_where_it_was(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        grid = await ready(pilot)
        assert app.model is not None
        target = len(grid.visible_rows) // 2
        grid.move_cursor(target)
        start = grid.cursor_row
        assert start is not None

        def nearest_to(row: int) -> int:
            return min(grid.visible_rows, key=lambda r: (abs(r - row), r))

        await pilot.press("f")  # conflict rows
        conflict_row = nearest_to(start)
        assert grid.cursor_row == conflict_row
        await pilot.press("f")  # unique rows
        assert grid.row_filter == "unique"
        assert grid.cursor_row == nearest_to(conflict_row)


async def test_y_copies_the_sentence_with_its_citation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    seen: list[Message] = []
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "y")
        sentence = grid.current_sentence()
        assert sentence is not None and "rose" in sentence.text
        article = app.comparison.article_by_id[sentence.article_id]  # type: ignore[union-attr]
        assert app.clipboard.startswith(f"“{sentence.text}” — {article.source}")
        assert app.clipboard.endswith(article.path)
        assert any(n.startswith("Copied “Shares of Acme") for n in notes(seen))
        assert not any("tmux" in n for n in notes(seen))


async def test_inside_tmux_y_says_how_to_let_the_copy_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tmux drops the terminal clipboard request unless set-clipboard is on: the note says so.
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,4242,0")
    seen: list[Message] = []
    app = make_app(write_story(tmp_path / "story", 2))
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("n", "y")
        assert any("set -g set-clipboard on" in n for n in notes(seen))


async def test_o_opens_the_file_in_the_pager_or_says_why_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Message] = []
    paths = write_story(tmp_path / "story", 2)
    monkeypatch.setenv("PAGER", "true")
    app = make_app(paths)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("o")
        # A headless test driver cannot hand the terminal over: the reader says so.
        assert any("cannot hand over the screen" in n for n in notes(seen)), notes(seen)
        assert isinstance(app.screen, ReaderScreen)


async def test_o_opens_a_url_in_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser
    from dataclasses import replace

    from tui.core.pipeline import TextInput, compare

    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    comparison = compare([TextInput("Shares rose 7% on Tuesday.\n\nMore text here.", "Wire")])
    url = "https://example.com/story"
    article = comparison.articles[0]
    comparison = replace(comparison, articles=(replace(article, path=url),))
    seen: list[Message] = []
    app = make_app([url], comparison=comparison)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert opened == [url]
        assert any("in the browser" in n for n in notes(seen))


async def test_multi_line_note_cancel_keeps_the_old_note(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "a", *"one", "enter", *"two", "ctrl+s")
        claim = grid.selected
        assert claim is not None and app.review_of(claim) == (None, "one\ntwo")
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen) and app.screen.text == "one\ntwo"
        await pilot.press(*"three", "escape")
        assert app.review_of(claim) == (None, "one\ntwo")


async def test_g_and_j_in_detail_help_pivot_and_panel(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("n", "enter")
        assert isinstance(app.screen, ClaimDetailScreen)
        view = app.screen.query_one(DetailView)
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_offset.y == 0
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y > 0
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.body
        await pilot.press("G")
        assert body.scroll_offset.y == body.max_scroll_y > 0
        await pilot.press("k", "g")
        assert body.scroll_offset.y == 0
        await pilot.press("escape", "p")
        assert isinstance(app.screen, PivotScreen)
        pivots = app.screen.query_one(OptionList)
        await pilot.press("G")
        assert pivots.highlighted == pivots.option_count - 1
        await pilot.press("g", "j")
        assert pivots.highlighted == 1
        await pilot.press("escape", "c")
        panel = app.screen.query_one(ClaimsPanel)
        await pilot.press("g", "j", "j")
        assert panel.highlighted == 2
        await pilot.press("k")
        assert panel.highlighted == 1


async def test_type_to_filter_in_the_claims_panel(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("c")
        panel = app.screen.query_one(ClaimsPanel)
        total = len(panel.claim_ids)
        await pilot.press("slash", *"billion")
        assert panel.text_filter == "billion"
        assert 0 < len(panel.claim_ids) < total
        await pilot.press("enter")
        assert panel.has_focus and panel.text_filter == "billion"
        await pilot.press("slash", "escape")
        assert panel.text_filter == "" and len(panel.claim_ids) == total


def test_progress_names_the_stage_that_is_running() -> None:
    line, overall = progress_line("segment", 1.0)
    assert "normalising" in line and "100%" not in line and "step 3 of 7" in line
    assert overall == pytest.approx(2 / 7)
    line, overall = progress_line("load", 0.5)
    assert overall == pytest.approx(0.5 / 7)
    assert "reading the articles… (step 1 of 7, 7%)" in line, "the bar's percentage, not the step's"
    line, _ = progress_line("facts", 1.0)
    assert "linking facts" in line and "step 5 of 7" in line


def test_progress_knows_every_stage_the_engine_reports() -> None:
    """A stage the reader does not know would be shown by its bare name, and its end would
    not move the line on to the stage that is running."""
    from tui.core.pipeline import TextInput, compare
    from tui.screens.reader import STAGES

    reported: list[str] = []
    compare(
        [TextInput("Shares rose 7% on Monday.", "A"), TextInput("Shares rose 8% on Monday.", "B")],
        progress=lambda stage, fraction: reported.append(stage),
        use_cache=False,
    )
    assert reported and set(reported) <= set(STAGES)
    assert list(dict.fromkeys(reported)) == [s for s in STAGES if s in reported], "in the engine's order"


async def test_parentheses_step_through_the_mentions_of_the_selected_fact(
    seeds_comparison: Comparison,
) -> None:
    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        grid = await ready(pilot)
        assert app.model is not None
        # A fact whose mentions sit in more than one row of the reading view.
        claim = next(
            c for c in app.model.panel_order if len({p.row for p in app.model.mention_places(c)}) > 1
        )
        places = app.model.mention_places(claim)
        grid.select_claim(claim.id)
        visited: list[int] = []
        for _ in places:
            await pilot.press("right_parenthesis")
            assert grid.selected is not None and grid.selected.id == claim.id, "the fact stays selected"
            assert grid.cursor_row is not None
            visited.append(grid.cursor_row)
        assert sorted(set(visited)) == sorted({p.row for p in places})
        assert any(n.startswith(f"Mention {len(places)} of {len(places)}") for n in notes(seen))
        # The steps went round to the first mention; one back is the last.
        await pilot.press("left_parenthesis")
        assert grid.cursor_row == places[-1].row


async def test_the_selected_facts_words_are_highlighted(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("s")
        assert grid.selected is not None and grid.selected.label == "shared"
        # Shared sentences are not bold: bold + underline is the mention style alone.
        styled = [
            seg.text
            for y in range(grid.size.height)
            for seg in grid.render_line(y)
            if seg.style is not None and seg.style.bold and seg.style.underline
        ]
        assert "".join(styled).strip(), "no highlighted mention words on screen"


async def test_screenshot_is_saved_beside_the_inputs(tmp_path: Path) -> None:
    seen: list[Message] = []
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(80, 24), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await app.run_action("screenshot")
        await pilot.pause()  # let the notification message be delivered
        shots = list(tmp_path.rglob("triangulate-*.svg"))
        assert len(shots) == 1 and shots[0].read_text().startswith("<svg")
        assert any(n.startswith("Screenshot saved to ") and shots[0].name in n for n in notes(seen))


async def test_articles_of_two_stories_are_flagged_when_the_comparison_arrives(tmp_path: Path) -> None:
    from tests.core.test_story_groups import OTHER_STORY

    paths = write_story(tmp_path / "s", 4)
    other = tmp_path / "s" / "valley.txt"
    other.write_text(OTHER_STORY)
    seen: list[Message] = []
    app = make_app([*paths, str(other)])
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        (warning,) = [n for n in notes(seen) if "separate stories" in n]
        assert "5 articles look like 2 separate stories" in warning and "Valley" in warning


async def test_one_article_alone_is_said_to_have_nothing_to_compare(tmp_path: Path) -> None:
    # Every claim of it is "unique", which would otherwise read as a finding about the story.
    seen: list[Message] = []
    app = make_app(write_story(tmp_path / "story", 1))
    async with app.run_test(size=(120, 30), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        assert any(n.startswith("Only one article: nothing to compare it with") for n in notes(seen))
    two: list[Message] = []
    app = make_app(write_story(tmp_path / "pair", 2))
    async with app.run_test(size=(120, 30), notifications=True, message_hook=two.append) as pilot:
        await ready(pilot)
        assert not any("Only one article" in n for n in notes(two))
