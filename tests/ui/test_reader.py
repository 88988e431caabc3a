"""Pilot tests of the reading screen: every binding changes real state."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Static

from tests.ui.conftest import SEEDS, Notices, chosen_from_palette, make_app, write_story
from tui.app import TriangulateApp
from tui.core.models import Comparison
from tui.export import default_report_name
from tui.screens.detail import ClaimDetailScreen
from tui.screens.facts import FactsScreen
from tui.screens.help import HelpScreen, binding_rows
from tui.screens.reader import ReaderScreen
from tui.widgets.claims_panel import ClaimsPanel
from tui.widgets.reading_grid import ReadingGrid, plain_lines
from tui.widgets.story_header import StoryHeader


async def ready(pilot: Pilot[int]) -> ReadingGrid:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen_stack[0].query_one(ReadingGrid)


def screen_text(app: TriangulateApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_row_movement_keys(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        total = len(grid.visible_rows)
        assert grid.cursor == 0
        await pilot.press("j", "j", "down")
        assert grid.cursor == 3
        await pilot.press("k", "up")
        assert grid.cursor == 1
        await pilot.press("G")
        assert grid.cursor == total - 1
        await pilot.press("g")
        assert grid.cursor == 0
        await pilot.press("end")
        assert grid.cursor == total - 1
        await pilot.press("home")
        assert grid.cursor == 0
        await pilot.press("pagedown")
        paged = grid.cursor
        assert paged > 1
        await pilot.press("pageup")
        assert grid.cursor < paged
        await pilot.press("k")
        assert grid.cursor == 0, "cursor never leaves the first row"


async def test_claim_navigation_keys(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n")
        assert grid.selected is not None and grid.selected.label == "conflict"
        first = grid.selected.id
        assert grid.cursor_row in app.model.claim_rows(grid.selected)  # type: ignore[union-attr]
        await pilot.press("n")
        second = grid.selected.id
        assert second != first
        await pilot.press("N")
        assert grid.selected.id == first
        await pilot.press("u")
        assert grid.selected.label == "unique"  # type: ignore[comparison-overlap]
        await pilot.press("s")
        assert grid.selected.label == "shared"
        shared = grid.selected.id
        await pilot.press("S", "s")
        assert grid.selected.id == shared
        await pilot.press("U")
        assert grid.selected.label == "unique"
        before = grid.selected.id
        await pilot.press("right_square_bracket")
        assert grid.selected.id != before
        await pilot.press("left_square_bracket")
        assert grid.selected.id == before


async def test_conflict_value_is_marked_in_the_sentence(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n")
        assert grid.selected is not None and grid.selected.label == "conflict"
        # The conflict's lines carry the "!" gutter glyph, so it reads without colour.
        assert any(line.lstrip("▌ ").startswith("! ") for line in screen_text(app).splitlines())
        # The differing value is reversed in its sentence: find it in the rendered strips.
        styled = [
            (seg.text, seg.style)
            for y in range(grid.size.height)
            for seg in grid.render_line(y)
            if seg.style is not None and seg.style.reverse
        ]
        values = {t.strip() for t, _ in styled}
        assert {"7%", "8%"} & values, styled


async def test_detail_view_shows_wordings_conflict_and_evidence(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 3)
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimDetailScreen)
        text = screen_text(app)
        assert "Conflicting claim" in text
        assert "7% vs 8%" in text
        # Sources by their readable names ("00_reuters.txt" -> "Reuters", "01_ap.txt" -> "Ap").
        assert "Reuters" in text and re.search(r"\bAp\b", text)
        assert "score" in text and "shared terms" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert grid.selected is not None


async def test_claims_panel_order_and_selection(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48)) as pilot:
        grid = await ready(pilot)
        panel = app.screen.query_one(ClaimsPanel)
        assert not panel.display
        await pilot.press("c")
        assert panel.display and panel.has_focus
        labels = [seeds_comparison.claim_by_id[cid].label for cid in panel.claim_ids]
        ranks = [("conflict", "shared", "unique").index(label) for label in labels]
        assert ranks == sorted(ranks), "conflicts, then shared, then unique"
        assert len(labels) == len(seeds_comparison.claims)
        target = panel.claim_ids[-1]
        panel.highlighted = len(panel.claim_ids) - 1
        await pilot.press("enter")
        assert grid.selected is not None and grid.selected.id == target
        assert app.model is not None
        assert grid.cursor_row == app.model.claim_place[target].row
        await pilot.press("c")
        assert not panel.display


async def test_row_filter_cycles(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        model = app.model
        assert model is not None
        everything = len(grid.visible_rows)
        for expected in ("conflict", "unique", "shared"):
            await pilot.press("f")
            assert grid.row_filter == expected
            assert "filter: " in screen_text(app)
            assert 0 < len(grid.visible_rows) < everything
            assert all(expected in model.row_labels[r] for r in grid.visible_rows)
            assert grid.cursor_row in grid.visible_rows
        await pilot.press("f")
        assert grid.row_filter == "all" and len(grid.visible_rows) == everything
        assert f"row {grid.cursor + 1}/{everything}" in screen_text(app)


def write_agreeing_story(directory: Path) -> list[str]:
    """Two outlets stating the same three facts: every row is shared, none conflicts or is
    unique, so the conflict and unique filters leave the same (no) rows, and so do the
    shared filter and none."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for outlet in ("reuters", "ap"):
        path = directory / f"{outlet}.txt"
        path.write_text(
            "Acme shares jump after earnings report\n\n"
            "Shares of Acme Corp rose 7% on Tuesday after the company reported record quarterly profit.\n\n"
            "Chief executive Dana Whitfield said demand for the new turbine line remained strong.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


async def test_the_header_names_each_filter_even_one_that_hides_no_row(tmp_path: Path) -> None:
    """The header said "filter: shared" after "f" went from shared back to all rows, and
    "filter: conflicts" on the unique filter, when the rows did not change: it was redrawn when
    the cursor or the columns changed, not when what it says did."""
    app = make_app(write_agreeing_story(tmp_path / "story"))
    async with app.run_test(size=(120, 30)) as pilot:
        grid = await ready(pilot)
        header = app.screen.query_one(StoryHeader)
        rows = len(grid.visible_rows)
        assert rows > 0 and "filter" not in header.render().plain
        for filter_name, shown in (("conflicts", 0), ("unique", 0), ("shared", rows)):
            await pilot.press("f")
            assert len(grid.visible_rows) == shown
            assert f"/{shown} · filter: {filter_name}" in header.render().plain
        await pilot.press("f")
        assert grid.row_filter == "all" and len(grid.visible_rows) == rows
        assert "filter" not in header.render().plain
        assert f"row 1/{rows}" in header.render().plain
        # Nothing here is boilerplate: hiding it leaves the rows, and the header says so.
        await pilot.press("b")
        assert len(grid.visible_rows) == rows and "boilerplate hidden" in header.render().plain
        await pilot.press("b")
        assert "boilerplate" not in header.render().plain
        # The facts table's filters, likewise: its status line names each one.
        await pilot.press("t")
        status = app.screen.query_one("#facts-status", Static)
        for described in ("label: conflict", "label: shared", "label: unique", "all facts"):
            await pilot.press("f")
            assert described in str(status.content), status.content


async def test_search_across_articles_and_next_match(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press(*"Wang", "enter")
        assert grid.search_query == "Wang" and grid.matches
        first = grid.cursor_row
        assert first == grid.matches[0].row
        cells = seeds_comparison.rows[first].cells()
        assert any(
            "wang" in seeds_comparison.article_by_id[aid].paragraphs[p].text.lower()
            for aid, paras in cells.items()
            for p in paras
        )
        await pilot.press("full_stop")
        assert grid.match_index == 1
        await pilot.press("comma")
        assert grid.match_index == 0
        assert "Wang" in "\n".join(plain_lines(grid))
        assert len(grid.matches) == 2 and len({m.row for m in grid.matches}) == 1
        # Three hits (one article names Wang twice) in two cells of one row: not "rows".
        assert re.search(r"/Wang: 3 hits in 1 row\b", screen_text(app))


async def test_search_header_counts_one_hit_in_the_singular(seeds_comparison: Comparison) -> None:
    """A word the seeds use once: the header reads "1 hit in 1 row", not "1 hits in 1 rows"."""
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        await pilot.press("slash", *"Contemplating", "enter")
        assert len(grid.matches) == 1
        assert re.search(r"/Contemplating: 1 hit in 1 row\b", screen_text(app))


async def test_pivot_and_sideways_scroll_with_twelve_articles(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "twelve", 12)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await ready(pilot)
        assert len(app.comparison.articles) == 12  # type: ignore[union-attr]
        assert len(grid.columns) == 2, "two ~40-cell columns fit in 80 cells"
        pivot = grid.columns[0].article.id
        assert grid.columns[0].pivot
        second = grid.columns[1].article.id
        await pilot.press("l")
        assert grid.columns[0].article.id == pivot, "the pivot stays pinned left"
        assert grid.columns[1].article.id != second
        await pilot.press("h")
        assert grid.columns[1].article.id == second
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert grid.pivot == app.comparison.articles[2].id  # type: ignore[union-attr]
        assert grid.columns[0].article.id == grid.pivot


async def test_boilerplate_hide_and_theme_cycle_persist(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await ready(pilot)
        assert app.model is not None
        boiler_rows = [r for r, b in enumerate(app.model.row_boilerplate) if b]
        assert boiler_rows, "the story ends in a newsletter line"
        assert set(boiler_rows) <= set(grid.visible_rows)
        await pilot.press("b")
        assert grid.hide_boilerplate
        assert not set(boiler_rows) & set(grid.visible_rows)
        start = app.theme
        await pilot.press("T")
        assert app.theme != start
    config = (tmp_path / "config" / "config.toml").read_text()
    assert f'theme = "{app.theme}"' in config
    assert "hide_boilerplate = true" in config


async def test_opening_a_story_leaves_the_settings_file_alone(tmp_path: Path) -> None:
    """Only a choice the user makes is saved: an open writes no config file, and one a person
    wrote keeps its bytes (saving at every start also cost a repeat open 40 ms)."""
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
    assert not (tmp_path / "config" / "config.toml").exists()
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(exist_ok=True)
    written = '# mine\ntheme   =   "triangulate-light"\n'
    config.write_text(written)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.theme == "triangulate-light"
    assert config.read_text() == written


async def test_theme_and_boilerplate_choice_restored(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('theme = "triangulate-light"\nhide_boilerplate = true\n')
    paths = write_story(tmp_path / "story", 1)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await ready(pilot)
        assert app.theme == "triangulate-light"
        assert grid.hide_boilerplate


async def test_help_screen_lists_every_binding(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 100)) as pilot:  # tall enough for every key at once
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for binding in ReaderScreen.BINDINGS:
            assert binding.description in text  # type: ignore[union-attr]
        assert "Mark verified" in text and "Export report" in text
        rows = binding_rows(app.screen_stack[0])
        assert any(keys == "n" and desc == "Next conflict" for _, keys, desc in rows)
        # Declaration order, and each binding's keys in its own order: the reader's first
        # movement key leads, and tab shows only as the ctrl-i it stands for (vim's jump).
        assert rows[0] == ("move", "j / ↓", "Next row")
        assert ("move", "^i / tab", "Forward again") in rows
        assert not any("Focus Next" in desc or desc == "palette" for _, _, desc in rows)
        assert [desc for _, _, desc in rows].count("Quit") == 1
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_help_says_what_ctrl_c_does_in_the_reader_and_the_facts_table(
    seeds_comparison: Comparison,
) -> None:
    """The help listed Textual's "Copy selected text" for ctrl+c, yet with nothing selected (the
    usual case) the key says how to quit. It copies text dragged over with the mouse (here the
    header, or the table's status line) and otherwise says how to quit: the help says both, in
    the reader and in the facts table, and the key does both there."""
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        for screen_class in (ReaderScreen, FactsScreen):
            screen = app.screen
            assert isinstance(screen, screen_class)
            listed = {keys: description for _, keys, description in binding_rows(screen)}
            assert listed["^c / super+c"] == "Copy text selected with the mouse; with none, say how to quit"
            assert "Copy selected text" not in listed.values()
            notices.texts.clear()
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert notices.said("to quit") and app.screen is screen
            notices.texts.clear()
            await pilot.mouse_down(offset=(2, 0))
            await pilot.hover(offset=(30, 0))
            await pilot.mouse_up(offset=(30, 0))
            selected = screen.get_selected_text()
            assert selected
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.clipboard == selected and not notices.said("to quit")
            await pilot.press("t")


async def test_palette_offers_binding_commands(seeds_comparison: Comparison) -> None:
    from tui.commands import BindingCommands

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        provider = BindingCommands(app.screen)
        titles = [title for title, *_ in provider._commands()]
        assert "claims: Next conflict" in titles
        assert "review: Mark verified" in titles
        await pilot.press("g")
        await chosen_from_palette(pilot, "next conflict", "Next conflict")
        grid = app.screen_stack[0].query_one(ReadingGrid)
        assert grid.selected is not None and grid.selected.label == "conflict"


async def test_quit_returns_zero(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_review_marks_notes_persist_and_restore(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 3)
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "v")
        claim = grid.selected
        assert claim is not None
        assert app.marks() == {claim.key: "verified"}
        assert "✓" in "\n".join(plain_lines(grid))
        await pilot.press("a")
        await pilot.pause()
        # The note is a text area: Enter starts a new line, ctrl+s saves.
        await pilot.press(*"check the filing", "enter", *"page 4", "ctrl+s")
        await pilot.pause()
        assert app.review_of(claim) == ("verified", "check the filing\npage 4")
        await pilot.press("d")
        assert app.marks() == {claim.key: "disputed"}
        await pilot.press("c", "m")
        panel = app.screen.query_one(ClaimsPanel)
        assert panel.mark_filter == "verified" and panel.claim_ids == []
        await pilot.press("m")
        assert str(panel.mark_filter) == "disputed" and panel.claim_ids == [claim.id]
        store = app.store
        assert store is not None
        saved = json.loads(store.path.read_text())
        assert saved["reviews"][0]["mark"] == "disputed"
        assert saved["reviews"][0]["note"] == "check the filing\npage 4"
    again = make_app(paths)
    async with again.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        assert again.marks() == {claim.key: "disputed"}
        await pilot.press("n")
        await pilot.press("x")
        assert again.marks() == {}
        assert again.review_of(claim) == (None, "check the filing\npage 4")


async def test_marking_from_the_detail_view(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "enter", "r")
        await pilot.pause()
        assert grid.selected is not None
        assert app.marks() == {grid.selected.key: "follow-up"}
        assert "review: follow-up" in screen_text(app)


async def test_corrupt_review_file_warns_and_is_left_alone(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    review = tmp_path / "review.json"
    review.write_text("{not json")
    app = TriangulateApp(paths, None, review)
    notices = Notices()
    async with app.run_test(size=(100, 30), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        assert notices.said("review")
        await pilot.press("n", "v")
    assert review.read_text() == "{not json"


async def test_export_writes_report_and_notifies(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        await pilot.press("n", "v", "e")
        await pilot.pause()
        assert app.comparison is not None
        target = tmp_path / "story" / f"{default_report_name(app.comparison)}.md"
        assert app.screen.query_one(Input).value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.exists()
        assert notices.said("Report written")
    assert "7%" in target.read_text()


async def test_one_article_and_input_error() -> None:
    app = make_app([str(SEEDS / "004_022bc5cb3c9ed4bb.txt")])
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await ready(pilot)
        assert len(grid.columns) == 1
        assert app.comparison is not None and app.comparison.counts["conflict"] == 0
        await pilot.press("n")
        assert grid.selected is None or grid.selected.label != "conflict"
    bad = make_app(["/nonexistent/article.txt"])
    async with bad.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(bad)
        assert "Could not compare" in text and "Traceback" not in text
        await pilot.press("q")
    assert bad.return_code == 2


async def test_untrusted_text_is_shown_literally(tmp_path: Path) -> None:
    story = tmp_path / "evil"
    story.mkdir()
    (story / "a.txt").write_text("Title [bold red]x[/]\n\nThe mayor said [@click=app.quit]go[/] today.\n")
    (story / "b.txt").write_text("Other title\n\nThe mayor said nothing today.\n")
    app = make_app([str(story)])
    async with app.run_test(size=(100, 24)) as pilot:
        grid = await ready(pilot)
        text = "\n".join(plain_lines(grid))
        assert "[bold red]x[/]" in text
        assert "[@click=app.quit]go[/]" in text
        await pilot.click(ReadingGrid, offset=(10, 3))
        assert app.is_running


async def test_tiny_terminal_shows_message(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(20, 6)) as pilot:
        await ready(pilot)
        assert "too small" in screen_text(app)
        await pilot.press("j", "n", "c", "l")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "too small" not in screen_text(app)


async def test_the_footer_gets_its_keys_back_after_a_resize_to_tiny_and_back(
    seeds_comparison: Comparison,
) -> None:
    """Too small, the reader disables every key; back at 80x24 the footer kept showing only
    the app's "q Quit ? Help" until another screen was opened and closed."""

    def footer_keys() -> list[str]:
        footer = app.screen.query_one(Footer)
        return [str(key.description) for key in footer.query("FooterKey")]  # type: ignore[attr-defined]

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        before = footer_keys()
        assert "Next conflict" in before and "Claims" in before
        await pilot.resize_terminal(25, 7)
        await pilot.pause()
        assert "too small" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "too small" not in screen_text(app)
        assert footer_keys() == before


async def test_a_cached_comparison_replaces_the_loading_panel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a warm cache the result can arrive before the screen has mounted; the loading
    panel must still give way to the comparison."""
    from tui.core.pipeline import compare

    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)
    paths = write_story(tmp_path / "story", 3)
    compare(paths, use_cache=True)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        reader = app.screen_stack[0]
        assert not reader.has_class("-loading")
        assert not reader.query_one("#loading").display
        assert "Comparing articles" not in screen_text(app)


async def test_the_reader_stores_its_analysis_once_the_comparison_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader shows a fresh analysis before storing it in the cache (pickling a large
    story's comparison took 0.3 s before the first frame); stored it must still be, so the
    next open is served from the cache."""
    from tui.core.pipeline import compare

    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)
    paths = write_story(tmp_path / "story", 3)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        assert len(list(cache_dir.glob("*.cmp"))) == 1
    stages: list[str] = []
    compare(paths, use_cache=True, progress=lambda stage, fraction: stages.append(stage))
    assert stages[-1] == "cache" and "match" not in stages


async def test_opening_the_claims_panel_keeps_the_selected_claim_in_view(
    seeds_comparison: Comparison,
) -> None:
    """At 80 columns the panel leaves room for one column: it must show the selected
    conflict's sentence, not the pivot's empty cell."""
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "c")
        await pilot.pause()
        assert grid.selected is not None and grid.selected.label == "conflict"
        row = grid.cursor_row
        assert row is not None
        shown = {column.article.id for column in grid.columns}
        cells = dict(seeds_comparison.rows[row].paragraphs)
        in_row = {
            sentence.article_id
            for sentence in (seeds_comparison.sentence_by_id[s] for s in grid.selected.sentence_ids)
            if sentence.paragraph_index in cells.get(sentence.article_id, ())
        }
        assert shown & in_row


async def test_one_column_at_a_time_when_only_one_fits(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(60, 20)) as pilot:
        grid = await ready(pilot)
        order = grid.column_order
        # On the headline row the pivot (which has no headline) is blank, so the one column
        # shown is a source with text there; `l` goes on from it in column order.
        (first,) = [c.article.id for c in grid.columns]
        at = order.index(first)
        await pilot.press("l")
        assert [c.article.id for c in grid.columns] == order[at + 1 : at + 2]
        await pilot.press("l", "l", "l", "l", "l")
        assert [c.article.id for c in grid.columns] == order[-1:]
        await pilot.press("h")
        assert [c.article.id for c in grid.columns] == order[-2:-1]


async def test_changing_state_styles_every_part_as_restyling_the_whole_screen_would() -> None:
    """The reader restyles only the parts its state rules name when it moves between loading,
    preview, comparison and failure (a full restyle was 40-60 ms of each move): after each
    move, every widget's styles equal those a restyle of the whole screen then gives."""
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        reader = app.reader
        model = app.model
        assert model is not None

        def styles() -> dict[int, str]:
            return {id(node): node.styles.css for node in reader.walk_children(with_self=True)}

        moves: list[Callable[[], None]] = [
            lambda: reader.show_failure("gone"),
            lambda: reader.show_preview(model, hide_boilerplate=False),
            lambda: reader.show_comparison(model, pivot=None, hide_boilerplate=False),
        ]
        for move in moves:
            move()
            await pilot.pause()
            ours = styles()
            app.update_styles(reader)
            assert ours == styles()
        assert reader.query_one("#grid").display and not reader.query_one("#failure").display


def test_only_the_state_parts_are_styled_by_the_screen_state() -> None:
    """The rules naming a state class end at the screen or at a part in ``STATE_PARTS``."""
    from tui.screens import reader

    css = (Path(reader.__file__).parents[1] / "app.tcss").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    named = 0
    for selectors in re.findall(r"([^{}]+)\{", css):
        for selector in selectors.split(","):
            if any(state in selector for state in reader.STATES):
                named += 1
                last = selector.split()[-1]
                assert last.startswith("ReaderScreen") or last.lstrip("#") in reader.STATE_PARTS, selector
    assert named >= 7


async def test_start_up_takes_what_is_imported_out_of_the_collector_until_the_app_ends() -> None:
    """Full collections during start-up no longer walk the imported modules (frozen as the
    app starts running); once the app has ended nothing of it stays frozen, and an app that
    was made but never run froze nothing."""
    import gc

    gc.unfreeze()
    make_app([str(SEEDS)])
    assert gc.get_freeze_count() == 0
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(80, 24)) as pilot:
        assert gc.get_freeze_count() > 10_000
        await ready(pilot)
    assert gc.get_freeze_count() == 0


def test_the_shown_model_is_frozen_as_it_is_built(seeds_comparison: Comparison) -> None:
    """The reading model of the shown comparison lives as long as it: built with the collector
    paused and frozen at once (no young collection walks its objects), the same model."""
    import gc

    from tui.app import _lasting_model
    from tui.state.reading_model import ReadingModel

    gc.unfreeze()
    try:
        model = _lasting_model(seeds_comparison)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert gc.get_count()[0] < 50, "nothing of it is left for the next young collection"
        plain = ReadingModel(seeds_comparison)
        names = ("sentence_claim", "sentence_order", "row_labels", "row_claims", "row_touching")
        for name in names:
            assert getattr(model, name) == getattr(plain, name), name
        assert model.claim_place == plain.claim_place and model.nav_order == plain.nav_order
        assert model.panel_order == plain.panel_order
    finally:
        gc.unfreeze()


@contextlib.asynccontextmanager
async def opened_story(tmp_path: Path) -> AsyncIterator[tuple[TriangulateApp, Pilot[int]]]:
    """A three-article story open at 120x40, its comparison on screen."""
    app = make_app(write_story(tmp_path / "story", 3))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        yield app, pilot


def send_burst(app: TriangulateApp, keys: str) -> None:
    """Post the keys at once, as a paste or a laggy SSH link delivers them: no key waits for
    the one before it to be handled (``pilot.press`` waits for idle after each key)."""
    from textual import events

    names = {"/": "slash", " ": "space"}
    for key in keys:
        app.post_message(events.Key(names.get(key, key), key))


async def test_keys_typed_in_one_burst_after_slash_go_to_the_search_box(tmp_path: Path) -> None:
    """ "/vote" arriving in one burst searched for "vote"; before, "v" marked the selected
    claim verified and "o" opened the article, because the box took focus only later."""
    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("n")
        send_burst(app, "/vote")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one("#search", Input).value == "vote"
        assert app.marks() == {}
        await pilot.press("slash", "2")  # in the box, "/" is text ("1/2")
        assert app.screen.query_one("#search", Input).value == "vote/2"


async def test_keys_typed_in_one_burst_after_slash_go_to_the_facts_filter(tmp_path: Path) -> None:
    from tui.screens.facts import FactsScreen

    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("t")
        assert isinstance(app.screen, FactsScreen)
        send_burst(app, "/vade")
        await pilot.pause()
        assert isinstance(app.screen, FactsScreen)
        assert app.screen.query_one("#facts-filter", Input).value == "vade"
        assert app.marks() == {}


@pytest.mark.parametrize("width", [120, 140])
async def test_the_claims_panel_leaves_two_reading_columns(seeds_comparison: Comparison, width: int) -> None:
    """At 120 cells the panel took 43 and left the grid one column: the rule forgot the grid's
    scrollbar."""
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(width, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(ClaimsPanel).display
        assert len(grid.columns) == 2


async def test_a_narrow_header_ends_the_cut_title_with_an_ellipsis(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        header = screen_text(app).splitlines()[0].strip()
        assert header.startswith("5 sources") and header.endswith("…")


@pytest.mark.parametrize(("size", "hidden"), [((120, 40), (0, 2)), ((80, 24), (0, 3))])
async def test_the_story_opens_with_its_columns_in_order(
    size: tuple[int, int], hidden: tuple[int, int]
) -> None:
    """The seeds' first row holds no text of the first two sources; the first layout (and at
    80 cells the height the loading line gives back) scrolled the columns to its claim
    ("◆ Source A  ‹1 Wired"), hiding Source B before any key."""
    app = make_app([str(SEEDS)])  # analysed in the app: articles first, then the comparison
    async with app.run_test(size=size) as pilot:
        grid = await ready(pilot)
        assert grid.hidden_columns == hidden


def shown_sources(app: TriangulateApp) -> tuple[list[str], str]:
    """The grid's columns (outlets, left to right) and the column headings' first line."""
    from tui.widgets.column_header import ColumnHeader

    reader = app.screen_stack[0]
    columns = [column.article.source for column in reader.query_one(ReadingGrid).columns]
    return columns, reader.query_one(ColumnHeader).render_line(0).text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("close", ["c", "escape"])
async def test_opening_and_closing_the_claims_panel_leaves_the_columns_where_they_were(
    size: tuple[int, int], close: str
) -> None:
    """The seeds open on a row whose selected claim only Source C and Source D (off to the
    right) state. Opening the claims panel scrolled the grid to it ("◆ Source A  ‹2 Source
    C"), and closing it left Source B and Wired off screen; at 80x24, where the panel takes
    the screen, the grid came back on "‹3 Source D". The selection was hidden before the
    panel opened, so nothing is to be revealed: the columns stay as the reader left them."""
    app = make_app([str(SEEDS)])  # analysed in the app, as a user's open does
    async with app.run_test(size=size, notifications=True) as pilot:
        grid = await ready(pilot)
        columns, heading = shown_sources(app)
        assert columns[:2] == ["Source A", "Source B"] and "‹" not in heading
        await pilot.press("c")
        assert app.screen.query_one(ClaimsPanel).display
        if size[0] == 120:  # beside the panel: the first two columns, as they were
            assert shown_sources(app)[0] == columns[:2] and grid.hidden_columns[0] == 0
        await pilot.press(close)
        assert not app.screen.query_one(ClaimsPanel).display
        assert shown_sources(app) == (columns, heading)


async def test_the_claims_panel_keeps_the_selected_claim_on_screen_and_closing_it_undoes_that() -> None:
    """At 160 cells the seeds open with four columns, the selected claim in the fourth (Source
    C's headline). The panel leaves room for two: the grid scrolls to keep the claim in view,
    and closing the panel puts the columns back where the reader left them (before, Source B
    stayed scrolled off)."""
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        grid = await ready(pilot)
        columns, heading = shown_sources(app)
        assert columns == ["Source A", "Source B", "Wired", "Source C"] and "‹" not in heading
        selected = grid.selected
        await pilot.press("c")
        assert shown_sources(app)[0] == ["Source A", "Source C"]
        assert grid.selected is selected
        await pilot.press("c")
        assert shown_sources(app) == (columns, heading)


async def test_a_note_typed_in_one_burst_with_a_reaches_the_editor(tmp_path: Path) -> None:
    """ "a" and a pasted note: the note's letters went to the grid ("e" opened the export,
    "o" the article) while the editor opened; now they are the note's text, and "a" and "e"
    typed in the note or the search box are text too."""
    from tui.screens.note import NoteScreen

    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("n")
        send_burst(app, "ahello")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteScreen) and editor.text == "hello"
        await pilot.press("space", "a", "e")
        assert app.screen is editor
        assert isinstance(editor, NoteScreen) and editor.text == "hello ae"
        await pilot.press("escape", "slash", "a", "e")
        assert app.screen.query_one("#search", Input).value == "ae"


# Every letter but "e" and "u" is a key on the detail view or the facts table: "v" and "r"
# mark, "q" and "t" close, "f" and "s" filter, "o" leaves for the articles, space pages.
NOTE = "verify the quote first"


@pytest.mark.parametrize("opened_by", ["enter", "t"])
async def test_a_note_typed_in_one_burst_with_a_in_the_detail_view_or_facts_table_is_saved_whole(
    tmp_path: Path, opened_by: str
) -> None:
    """On the detail view and the facts table, "a" and a pasted note lost the note's first
    letters or ran them as commands ("v" marked the claim verified, "q" closed the view),
    because the screen asked the app for the editor with a message that arrived after the
    keys. The note saved is exactly what was typed, on the claim the view showed, and no
    mark changes."""
    from tui.screens.note import NoteScreen

    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("n", opened_by)
        view = app.screen
        claim_id = getattr(view, "target_claim_id", None)
        assert view is not app.screen_stack[0] and isinstance(claim_id, str) and app.comparison is not None
        send_burst(app, "a" + NOTE)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteScreen) and editor.text == NOTE
        await pilot.press("ctrl+s")
        assert app.screen is view
        assert app.review_of(app.comparison.claim_by_id[claim_id]) == (None, NOTE)
        assert app.marks() == {}


async def test_an_export_path_typed_in_one_burst_with_e_reaches_the_dialog(tmp_path: Path) -> None:
    from tui.screens.export import ExportScreen

    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("e", "x")  # one key at a time: the prefilled path is selected, "x" replaces it
        typed = app.screen.query_one("#export-path", Input).value
        await pilot.press("escape")
        send_burst(app, "ex")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one("#export-path", Input).value == typed == "x"


async def test_the_chosen_export_format_shows_by_shape_not_only_colour(tmp_path: Path) -> None:
    """Both radio buttons drew "●"; in the mono theme only a shade told them apart."""
    from textual.widgets import RadioButton

    async with opened_story(tmp_path) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        markdown = app.screen.query_one("#fmt-markdown", RadioButton)
        html = app.screen.query_one("#fmt-html", RadioButton)

        def drawn(button: RadioButton) -> str:
            return button.render().plain

        assert "●" in drawn(markdown) and "○" in drawn(html)
        html.value = True  # what choosing HTML does (the set then clears the other)
        await pilot.pause()
        assert "●" in drawn(html) and "○" in drawn(markdown)
