"""Pilot tests of the facts table (`t`): rows, columns, filters, marks, detail, jump back."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from tests.ui.conftest import SEEDS, Notices, make_app, write_story
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.messages import DetailRequested, FactHighlighted, MarkRequested
from tui.screens.detail import ClaimDetailScreen
from tui.screens.facts import FactsScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.facts_table import plain_lines


async def test_t_opens_the_table_with_conflicts_first_and_values_side_by_side(
    seeds_comparison: Comparison,
) -> None:
    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.table
        assert app.model is not None
        assert len(table.rows) == len(app.model.fact_rows) == len(seeds_comparison.claims)
        labels = [row.claim.label for row in table.rows]
        assert labels == sorted(labels, key=["conflict", "shared", "unique"].index)
        assert any(isinstance(m, FactHighlighted) for m in seen)
        # A conflict's differing values stand side by side, one per source column.
        disputed = [
            row
            for row in table.rows
            if row.claim.label == "conflict"
            and len({c.text for c in row.cells if c.text not in ("", "✓")}) > 1
        ]
        assert disputed, [[c.text for c in row.cells] for row in table.rows[:6]]
        lines = plain_lines(table)
        first = [c.text for c in disputed[0].cells if c.text not in ("", "✓")]
        assert any(all(v[:10] in line for v in first[:2]) for line in lines), lines[:6]
        money = [" ".join(c.text for c in row.cells) for row in table.rows]
        assert any("$14.3 billion" in line for line in money), money
        await pilot.press("t")
        assert isinstance(app.screen, ReaderScreen)


async def test_movement_keys_in_the_table(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("t", "g")
        table = app.screen.query_one("#facts-table")
        assert isinstance(app.screen, FactsScreen)
        table = app.screen.table
        assert table.cursor == 0
        await pilot.press("j", "j", "down")
        assert table.cursor == 3
        await pilot.press("k")
        assert table.cursor == 2
        await pilot.press("G")
        assert table.cursor == len(table.rows) - 1
        await pilot.press("g", "ctrl+d")
        half = table.cursor
        assert 0 < half < table.size.height
        await pilot.press("ctrl+u")
        assert table.cursor == 0
        await pilot.press("pagedown")
        assert table.cursor > half


async def test_filters_by_label_mark_source_and_typed_text(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        await pilot.press("t", "g")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.table
        total = len(table.rows)
        await pilot.press("f")
        assert screen.fact_filter.label == "conflict"
        assert table.rows and all(r.claim.label == "conflict" for r in table.rows)
        await pilot.press("f", "f", "f")
        assert str(screen.fact_filter.label) == "all" and len(table.rows) == total
        await pilot.press("s")
        first = seeds_comparison.articles[0].id
        assert screen.fact_filter.source == first
        assert all(any(c.article_id == first and c.mentions for c in r.cells) for r in table.rows)
        assert len(table.rows) < total
        await pilot.press(*["s"] * len(seeds_comparison.articles))
        assert screen.fact_filter.source is None
        await pilot.press("slash", "7", "%")
        assert screen.fact_filter.text == "7%"
        assert table.rows and all("7%" in " ".join(c.text for c in r.cells) + r.label for r in table.rows)
        await pilot.press("enter")
        assert screen.fact_filter.text == "7%", "Enter keeps the typed filter"
        await pilot.press("slash", "escape")
        assert screen.fact_filter.text == "" and len(table.rows) == total
        await pilot.press("m")
        assert screen.fact_filter.mark == "verified"
        assert not table.rows
        assert notices.said("No facts")


async def test_marks_are_set_and_shown_from_the_table(seeds_comparison: Comparison) -> None:
    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40), notifications=True, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("t", "g")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        claim = screen.table.rows[0].claim
        await pilot.press("v")
        # A bubbling message reaches the hook once per node it visits: count distinct ones.
        requested = {id(m): m for m in seen if isinstance(m, MarkRequested)}
        assert [m.mark for m in requested.values()] == ["verified"]
        assert app.marks() == {claim.key: "verified"}
        assert plain_lines(screen.table)[0].startswith("▌!✓")
        await pilot.press("m")
        assert [r.claim.id for r in screen.table.rows] == [claim.id]
        await pilot.press("x")
        assert app.marks() == {}
        assert not screen.table.rows, "the mark filter drops the fact that lost its mark"


async def test_enter_opens_detail_and_o_shows_the_fact_in_the_articles(seeds_comparison: Comparison) -> None:
    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40), notifications=True, message_hook=seen.append) as pilot:
        grid = await ready(pilot)
        await pilot.press("t", "g", "j", "j")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        claim = screen.table.rows[2].claim
        await pilot.press("enter")
        assert any(isinstance(m, DetailRequested) and m.claim_id == claim.id for m in seen)
        assert isinstance(app.screen, ClaimDetailScreen) and app.screen.claim_id == claim.id
        await pilot.press("escape")
        assert isinstance(app.screen, FactsScreen)
        await pilot.press("o")
        assert isinstance(app.screen, ReaderScreen)
        assert grid.selected is not None and grid.selected.id == claim.id


async def test_many_sources_scroll_sideways(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 12)
    app = make_app(paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.table
        left, right = table.hidden_columns
        assert left == 0 and right > 0
        await pilot.press("l", "l")
        assert table.hidden_columns == (2, right - 2)
        await pilot.press("h")
        assert table.hidden_columns == (1, right - 1)
        header = str(screen.query_one("#facts-header").render())
        assert "‹1" in header


async def test_help_from_the_table_lists_the_tables_keys(seeds_comparison: Comparison) -> None:
    """`?` in the facts table explains the table's keys, not the reader's; where the table
    rebinds an app key (`a`: note on the fact) only the table's meaning is listed."""
    from tui.screens.help import HelpScreen, binding_rows

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        table_screen = app.screen
        assert isinstance(table_screen, FactsScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.source is table_screen
        rows = binding_rows(table_screen)
        assert ("facts", "esc / t", "Close") in rows
        assert ("review", "a", "Note on fact") in rows
        assert not any(desc in ("Note on claim", "Next conflict") for _, _, desc in rows)
        await pilot.press("escape")
        assert app.screen is table_screen


async def test_headings_name_every_source_column_on_the_first_opening(seeds_comparison: Comparison) -> None:
    """The headings above the table are drawn by the screen from the table's width; on the
    first opening they were drawn before the table had one and named a single source."""
    from tests.ui.test_reader import screen_text

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        shown = screen.table.shown_articles
        assert len(shown) == len(seeds_comparison.articles) == 5
        heading = screen_text(app).splitlines()[1]
        for article in shown:
            assert (article.source or article.id)[:10] in heading, heading
        assert "›" not in heading, "no source is hidden at 160 columns"
