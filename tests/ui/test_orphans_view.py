"""The reader's orphaned marks: the notice on opening, the O list, and marking from it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.conftest import Notices, make_app, write_story
from tests.ui.test_reader import ready, screen_text
from tui.app import TriangulateApp
from tui.core.models import Claim, Comparison
from tui.screens.orphans import OrphansScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.reading_grid import ReadingGrid

NOTE = "Check the minute"


def _reword(paths: list[str]) -> None:
    """An outlet's update: one sentence in every article is reworded."""
    for path in map(Path, paths):
        path.write_text(
            path.read_text("utf-8").replace("Shares of Acme Corp rose", "Acme Corp stock rose"), "utf-8"
        )


async def _mark_the_conflict(paths: list[str]) -> str:
    """Opens the story, marks the first conflict disputed with a note; its excerpt."""
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        await pilot.press("n", "d", "a")
        await pilot.pause()
        await pilot.press(*NOTE, "ctrl+s")
        await pilot.pause()
        assert app.review is not None and len(app.review.entries) == 1
        return app.review.entries[0].excerpt if grid.selected else ""


async def test_opening_says_how_many_marks_are_orphaned_and_o_lists_them(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 3)
    excerpt = await _mark_the_conflict(paths)
    assert "Shares of Acme Corp rose" in excerpt
    _reword(paths)

    app = make_app(paths)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        assert notices.said("1 of 1 marks and notes no longer match a claim"), notices.texts
        assert notices.said("press O to list them")
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OrphansScreen)
        text = screen_text(app)
        assert "✗ disputed" in text and NOTE in text and "Shares of Acme Corp rose" in text
        assert "now reads:" in text and "Acme Corp stock rose" in text  # the edited sentence, found again
        # The claims that hold the sentence now are listed under it; j reaches the first.
        await pilot.press("j")
        claim_id = app.screen.target_claim_id
        assert claim_id is not None and claim_id in app.comparison.claim_by_id  # type: ignore[union-attr]
        await pilot.press("v")
        await pilot.pause()
        claim = app.comparison.claim_by_id[claim_id]  # type: ignore[union-attr]
        assert app.marks().get(claim.key) == "verified"
        assert "✓" in screen_text(app)
        # The orphan is still there, in the list and in the file: nothing was moved.
        assert "✗ disputed" in screen_text(app)
        assert app.store is not None
        saved = json.loads(app.store.path.read_text("utf-8"))
        assert {r["mark"] for r in saved["reviews"]} == {"disputed", "verified"}
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(ReadingGrid).selected is not None
        assert app.screen.query_one(ReadingGrid).selected.id == claim_id  # type: ignore[union-attr]

    # Every later opening says it again (the orphan stays until the reviewer deals with it).
    again = make_app(paths)
    notices = Notices()
    async with again.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        assert notices.said("1 of 2 marks and notes no longer match a claim")


async def test_o_without_orphans_says_so(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 2)
    app = make_app(paths)
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        await pilot.press("n", "v", "O")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert notices.said("No orphaned marks")
        assert not notices.said("no longer match")


async def test_mark_filters_help_and_palette_point_to_the_orphans(tmp_path: Path) -> None:
    from tui.commands import BindingCommands
    from tui.screens.facts import FactsScreen
    from tui.screens.help import binding_rows
    from tui.widgets.claims_panel import ClaimsPanel

    paths = write_story(tmp_path / "story", 3)
    await _mark_the_conflict(paths)
    _reword(paths)
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        reader = app.screen
        assert ("review", "O", "Orphaned marks") in binding_rows(reader)
        assert "review: Orphaned marks" in [title for title, *_ in BindingCommands(reader)._commands()]
        await pilot.press("c", "m", "m")
        panel = reader.query_one(ClaimsPanel)
        assert panel.mark_filter == "disputed" and panel.claim_ids == []
        assert [str(o.prompt) for o in panel.options] == ["1 orphaned mark: O lists it"]
        await pilot.press("m")  # follow-up: the orphan is disputed, so none to point to
        assert not panel.options
        await pilot.press("c", "t", "m", "m")
        await pilot.pause()
        assert isinstance(app.screen, FactsScreen) and app.screen.fact_filter.mark == "disputed"
        assert "1 orphaned mark: O lists it" in screen_text(app)


async def test_an_orphan_from_a_review_file_is_shown_as_written(tmp_path: Path) -> None:
    # A review file is outside input: its text is never markup and its control characters
    # never reach the terminal.
    paths = write_story(tmp_path / "story", 2)
    review = tmp_path / "review.json"
    entry = {
        "key": "no-such-claim",
        "mark": "disputed",
        "note": "see [link=http://x]here[/link]\x1b]0;title\x07",
        "updated": "2025-01-02T03:04:05Z",
        "excerpt": "[bold red]Loud[/] claim\x1b[31m",
        "fact": "[i]minute[/i]",
    }
    document = {"format": "triangulate-review", "version": 1, "inputs": [], "reviews": [entry]}
    review.write_text(json.dumps(document), "utf-8")
    app = TriangulateApp(paths, None, review)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("O")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]Loud[/] claim" in text and "[i]minute[/i]" in text
        assert "[link=http://x]here[/link]" in text and "no claim holds this sentence now" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_opening_says_how_many_marks_moved_to_a_regrouped_claim(tmp_path: Path) -> None:
    from tests.review.test_orphans import THREE_OUTLETS, write_articles

    paths = [str(p) for p in write_articles(tmp_path / "story", THREE_OUTLETS)]
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await ready(pilot)
        assert app.comparison is not None
        dana = _claim_of(app.comparison, "Dana Whitfield")
        grid.select_claim(dana.id)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert app.marks() == {dana.key: "verified"}

    # Another outlet drops its Dana Whitfield paragraph: the claim regroups with a new key.
    herald = THREE_OUTLETS["herald"]
    write_articles(tmp_path / "story", {**THREE_OUTLETS, "herald": (*herald[:2], herald[3])})
    again = make_app(paths)
    notices = Notices()
    async with again.run_test(size=(120, 40), notifications=True, message_hook=notices) as pilot:
        await ready(pilot)
        assert again.comparison is not None
        now = _claim_of(again.comparison, "Dana Whitfield")
        assert now.key != dana.key
        assert notices.said("1 mark or note was carried over to a regrouped claim"), notices.texts
        assert not notices.said("no longer match")
        assert again.marks() == {now.key: "verified"}


def _claim_of(comparison: Comparison, words: str) -> Claim:
    (claim,) = [
        c
        for c in comparison.claims
        if any(words in comparison.sentence_by_id[s].text for s in c.sentence_ids)
    ]
    return claim
