"""What key presses reuse instead of recomputing stays correct: cached cells, the reused
detail screen, the footer that skips rebuilds, and Enter on every kind of row."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from tests.ui.conftest import SEEDS, Notices, make_app
from tests.ui.test_reader import ready, screen_text
from tui.core.models import Comparison
from tui.screens.detail import ClaimDetailScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.detail_view import DetailView
from tui.widgets.reading_grid import ReadingGrid


def assert_layout_matches_cells(grid: ReadingGrid) -> None:
    """Row positions (from cached heights) agree with the wrapped cells drawn in them."""
    tops = grid._row_top
    for index, row in enumerate(grid.visible_rows):
        end = tops[index + 1] if index + 1 < len(tops) else grid.virtual_size.height
        assert end - tops[index] == grid._block(row).height, f"row {row}"


async def test_cached_heights_match_drawn_cells_across_column_changes(
    seeds_comparison: Comparison,
) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(100, 40)) as pilot:
        grid = await ready(pilot)
        assert_layout_matches_cells(grid)
        await pilot.press("l", "l", "n", "n", "n")
        assert_layout_matches_cells(grid)
        await pilot.press("g", "h", "h", "h", "h")
        assert grid.hidden_columns[0] == 0
        before = [grid.render_line(y).text for y in range(grid.size.height)]
        # Away and back: cells drawn from the caches equal the first drawing of this view.
        await pilot.press("l", "l", "j", "j", "k", "k", "h", "h")
        assert_layout_matches_cells(grid)
        assert [grid.render_line(y).text for y in range(grid.size.height)] == before
        await pilot.press("b")
        assert_layout_matches_cells(grid)
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert_layout_matches_cells(grid)


RESTATING = (
    "Storm hits the valley\n\nThe storm killed 12 people in the valley on Friday, officials said.\n\n"
    "Rescue crews searched the river banks through the night with dogs and boats.\n\n"
    "By the evening 12 people had died.\n\n"
    "The valley road will stay closed until Monday, the council said.\n"
)
OTHER = "Valley storm\n\nAt least 14 people were killed when the storm struck the valley on Friday.\n"


async def test_enter_on_a_row_whose_claims_began_earlier_opens_one(tmp_path: Path) -> None:
    # The local paper restates its toll in a paragraph of its own: that row holds no claim
    # of its own, only the deaths conflict that began two rows up.
    from tui.core.pipeline import compare

    paths = []
    for name, text in (("local.txt", RESTATING), ("wire.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    app = make_app(paths, comparison=compare(paths))
    async with app.run_test(size=(160, 48)) as pilot:
        grid = await ready(pilot)
        model = app.model
        assert model is not None
        row = next(r for r in grid.visible_rows if not model.row_claims[r] and model.row_touching[r])
        grid.move_cursor(grid.visible_rows.index(row))
        assert grid.selected is not None and grid.selected.id == model.row_touching[row][0]
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimDetailScreen)
        assert app.screen.claim_id == model.row_touching[row][0]
        await pilot.press("escape")
        # The next conflict after this row, not after the row where the claim began (or,
        # when none follows, the first one, round the end of the story).
        await pilot.press("n")
        later = [
            place.row
            for cid, place in model.claim_place.items()
            if place.row > row and model.comparison.claim_by_id[cid].label == "conflict"
        ]
        assert grid.cursor_row is not None
        assert grid.cursor_row == min(later) if later else grid.cursor_row < row


async def test_enter_on_a_row_without_claims_says_so(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    notices = Notices()
    async with app.run_test(size=(160, 48), notifications=True, message_hook=notices) as pilot:
        grid = await ready(pilot)
        model = app.model
        assert model is not None
        row = next(r for r in grid.visible_rows if not model.row_touching[r])
        grid.move_cursor(grid.visible_rows.index(row))
        assert grid.selected is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert notices.said("No claim on this row")


async def test_reopened_detail_shows_the_new_claim_from_the_top(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(100, 16)) as pilot:  # short: the detail has to scroll
        grid = await ready(pilot)
        await pilot.press("n", "enter")
        first = app.screen
        assert isinstance(first, ClaimDetailScreen)
        view = first.query_one(DetailView)
        first_text = view.plain_lines
        assert view.max_scroll_y >= 3
        await pilot.press("j", "j", "j")
        assert view.scroll_offset.y == 3
        await pilot.press("escape", "n", "enter")
        reopened = app.screen
        assert isinstance(reopened, ClaimDetailScreen) and reopened is first, "the screen is reused"
        assert grid.selected is not None and reopened.claim_id == grid.selected.id
        assert view.scroll_offset.y == 0
        assert view.plain_lines != first_text
        assert "Conflicting claim" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        keys = {key.description for key in app.screen.query_one(Footer).query("FooterKey")}  # type: ignore[attr-defined]
        assert "Next conflict" in keys and "Verified" not in keys, "footer shows the reader's keys again"


def test_plain_cell_text_matches_the_styled_cell(seeds_comparison: Comparison) -> None:
    """Row heights come from the plain text; it must be exactly what the grid draws."""
    from rich.style import Style

    from tui.state.reading_model import ReadingModel
    from tui.widgets.cell_text import CellStyles, build_cell, cell_plain

    model = ReadingModel(seeds_comparison)
    styles = CellStyles(*(Style() for _ in range(9)))
    selected = next(c for c in seeds_comparison.claims if c.label == "conflict")
    for hide in (False, True):
        for cells in model.row_cells:
            for article_id, paragraphs in cells.items():
                article = model.comparison.article_by_id[article_id]
                styled = build_cell(
                    model, article, paragraphs, styles, selected=selected, hide_boilerplate=hide, query="7%"
                )
                assert cell_plain(article, paragraphs, hide) == styled.plain


async def test_detail_view_lines_are_riches_wrap_of_the_whole_text(seeds_comparison: Comparison) -> None:
    """The detail view wraps one source line at a time as it scrolls; what it shows must be
    the whole text wrapped at once, line for line, and its height the count of those lines."""
    from tui.widgets.claim_detail import detail_text

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(70, 20)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "enter")
        screen = app.screen
        assert isinstance(screen, ClaimDetailScreen) and grid.selected is not None and app.model is not None
        view = screen.query_one(DetailView)
        # The text runs past the view, so its last two columns are the scrollbar's (drawn by the view).
        width = view.scrollable_content_region.width - 2
        text = detail_text(app.model, grid.selected, None, "")
        expected = [line.plain.rstrip() for line in text.wrap(app.console, width, overflow="fold")]
        assert view.plain_lines == expected
        assert view.virtual_size.height == len(expected)


async def test_review_keys_in_the_detail_view_ask_the_app(seeds_comparison: Comparison) -> None:
    """The detail screen posts mark requests (it never calls the app); the mark is stored
    and drawn in the detail text, and `a` (the app's key) opens the note editor for that claim."""
    from textual.message import Message

    from tui.messages import MarkRequested
    from tui.screens.note import NoteScreen

    seen: list[Message] = []
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(100, 30), notifications=True, message_hook=seen.append) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "enter")
        screen = app.screen
        assert isinstance(screen, ClaimDetailScreen) and grid.selected is not None
        claim = grid.selected
        await pilot.press("d")
        requested = {id(m): m for m in seen if isinstance(m, MarkRequested)}
        assert [(m.claim_id, m.mark) for m in requested.values()] == [(claim.id, "disputed")]
        assert app.marks() == {claim.key: "disputed"}
        assert any("review: disputed" in line for line in screen.query_one(DetailView).plain_lines)
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("o", "k", "ctrl+s")
        assert app.screen_stack[-1] is screen  # the editor closed
        assert app.review_of(claim) == ("disputed", "ok")


async def test_reopened_views_take_a_theme_chosen_while_they_were_closed(
    seeds_comparison: Comparison,
) -> None:
    """The facts table and the detail view are reused and skip Textual's style pass when
    nothing changed; a theme picked while they were closed must still reach them."""
    from textual.color import Color

    from tui.screens.facts import FactsScreen

    app = make_app([str(SEEDS)], theme="triangulate-dark", comparison=seeds_comparison)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("n", "t")  # the first conflict, the table's first row, under its cursor
        facts = app.screen
        assert isinstance(facts, FactsScreen)
        table = facts.table
        dark_line = table.render_line(0)
        await pilot.press("escape", "enter")
        detail = app.screen
        assert isinstance(detail, ClaimDetailScreen)
        await pilot.press("escape")
        app.theme = "triangulate-light"
        await pilot.pause()
        light_surface = Color.parse(app.current_theme.surface or "")
        await pilot.press("t")
        assert app.screen.id == "facts" and table.screen is facts, "the table is reused"
        assert table.styles.background == light_surface
        line = table.render_line(0)
        assert line.text == dark_line.text
        assert {s.style.bgcolor for s in line if s.style} != {s.style.bgcolor for s in dark_line if s.style}
        view = detail.query_one(DetailView)
        await pilot.press("escape", "enter")
        assert app.screen.id == "detail" and view.screen is detail
        assert view.styles.background == light_surface
        assert view.render_line(0).text.strip(), "the detail text is drawn"


async def test_reopened_table_follows_the_readers_fact_and_new_marks(seeds_comparison: Comparison) -> None:
    """Reopening keeps the table's rows when nothing changed, but the cursor still goes to
    the reader's selected fact, and a mark set in the reader shows."""
    from tui.screens.facts import FactsScreen

    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 30)) as pilot:
        grid = await ready(pilot)
        await pilot.press("t", "escape", "n", "n")
        selected = grid.selected
        assert selected is not None
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        assert screen.table.selected is not None and screen.table.selected.claim.id == selected.id
        await pilot.press("escape", "d", "t")
        assert screen.table.marks == {selected.key: "disputed"}
        assert "✗" in screen.table.render_line(screen.table.cursor - int(screen.table.scroll_offset.y)).text


def test_detail_evidence_never_shows_an_unmeasured_fuzzy(seeds_comparison: Comparison) -> None:
    """Every claim of the seeds: a value claim's evidence says no "fuzzy 0.00" (its wording
    similarity is not measured), a statement claim's still gives its fuzzy similarity."""
    from tui.state.reading_model import ReadingModel
    from tui.widgets.claim_detail import detail_text

    model = ReadingModel(seeds_comparison)
    texts = {c.id: detail_text(model, c, None, "").plain for c in seeds_comparison.claims if c.evidence}
    values = [cid for cid in texts if seeds_comparison.claim_by_id[cid].mentions[0].value]
    statements = [cid for cid in texts if not seeds_comparison.claim_by_id[cid].mentions[0].value]
    assert values and statements
    assert not [cid for cid, text in texts.items() if "fuzzy 0.00" in text]
    assert all("word overlap" in texts[cid] and "fuzzy" not in texts[cid] for cid in values)
    assert all("fuzzy" in texts[cid] for cid in statements)


def test_a_claims_panel_row_separates_the_conflict_summary_from_the_sentence(
    seeds_comparison: Comparison,
) -> None:
    """ "…Securitywatch about 125,000 The port city of Derna…" ran the two together: a
    conflict's row reads summary, " │ ", then its first sentence; other rows start with the
    sentence. The name conflict's summary is its sentence, so its row gives the conflict's
    names instead of the sentence twice."""
    from tui.state.reading_model import ReadingModel
    from tui.widgets.claims_panel import claim_line

    model = ReadingModel(seeds_comparison)
    conflicts = [c for c in seeds_comparison.claims if c.label == "conflict"]
    summaries = []
    for claim in conflicts:
        first = seeds_comparison.sentence_by_id[claim.sentence_ids[0]].text
        line = claim_line(model, claim, None).plain
        summary, rest = line.split("   ", 1)[1].split(" │ ")
        assert rest == first
        summaries.append(summary)
    assert summaries == [
        "Meta Superintelligence Labs vs Meta Intelligence Labs",
        "funding: Source A $14.3 billion / $14 billion · Wired $14.3 billion",
        "share price: Source A 7% / 8% · Source B 7%",
    ]
    shared = next(c for c in seeds_comparison.claims if c.label == "shared" and not c.conflicts)
    assert "│" not in claim_line(model, shared, None).plain


def test_a_conflict_is_headed_by_its_facts_frame_not_its_values_type(seeds_comparison: Comparison) -> None:
    """The detail view's Fact line says "deaths"; the conflict under it said "number", which
    read as a second fact. A name conflict keeps its own heading."""
    from dataclasses import replace

    from tui import compare
    from tui.core.models import Conflict
    from tui.core.pipeline import TextInput
    from tui.state.reading_model import ReadingModel
    from tui.widgets.claim_detail import detail_text

    story = compare(
        [
            TextInput("The earthquake killed 40 people in the northern province on Monday.", "Courier"),
            TextInput("The earthquake killed 38 people in the northern province on Monday.", "Herald"),
        ]
    )
    model = ReadingModel(story)
    framed = next(c for c in story.claims if c.frame and c.conflicts)
    text = detail_text(model, framed, None, "").plain
    conflict_part = text.split("\nConflict\n", 1)[1]
    assert conflict_part.startswith(f"{framed.frame}: "), conflict_part[:80]
    assert framed.conflicts[0].kind != framed.frame
    rounding = replace(framed, conflicts=(Conflict("rounding", framed.conflicts[0].values),))
    assert f"\nConflict\n{framed.frame} (rounding only): " in detail_text(model, rounding, None, "").plain
    seeds = ReadingModel(seeds_comparison)
    named = next(c for c in seeds_comparison.claims if any(k.kind == "name" for k in c.conflicts))
    assert "\nConflict\nname: " in detail_text(seeds, named, None, "").plain
