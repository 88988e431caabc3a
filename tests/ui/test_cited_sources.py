"""The cited-sources view and the outlet names in the column header, driven as a person would."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import SEEDS, chosen_from_palette, make_app
from tui.app import TriangulateApp
from tui.core.models import Comparison
from tui.screens.cited import CitedSourcesScreen, cited_sources_text
from tui.widgets.column_header import ColumnHeader


def screen_text(app: TriangulateApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def ready(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_w_opens_the_cited_sources_and_escape_closes_them(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, CitedSourcesScreen)
        shown = screen_text(app)
        assert "Cited sources" in shown and "Financial Times" in shown
        shown = str(app.screen.query_one("#cited-text", Static).render())
        for name in (
            "Financial Times",
            "The Wall Street Journal",
            "TechCrunch",
            "Business Insider",
            "Sensor Tower",
        ):
            assert name in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, CitedSourcesScreen)


async def test_the_palette_finds_the_cited_sources(seeds_comparison: Comparison) -> None:
    app = make_app([str(SEEDS)], comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await chosen_from_palette(pilot, "cited sources", "Cited sources")
        assert isinstance(app.screen, CitedSourcesScreen)


def test_cited_sources_text_names_the_citing_articles(seeds_comparison: Comparison) -> None:
    text = cited_sources_text(seeds_comparison).plain
    ft = text.split("\n\n")[0]
    assert ft.startswith("Financial Times")
    citing = {seeds_comparison.article_by_id[a].source for a in seeds_comparison.cited_sources[0].article_ids}
    assert all(name in ft for name in citing) and len(citing) == 2


async def test_column_header_shows_outlet_and_date(tmp_path: Path) -> None:
    body = (
        "The Glenmoor harbour bridge reopened to traffic on Friday after six weeks of repairs, the county "
        "roads office said.\n\nEngineers replaced 14 steel cables at a cost of 3.2 million euros.\n"
    )
    (tmp_path / "one.txt").write_text("Bridge reopens\n\n" + body)
    (tmp_path / "two.txt").write_text("Bridge open again\n\n" + body)
    (tmp_path / "sources.toml").write_text('["one.txt"]\noutlet = "Harbour Times"\ndate = "2024-03-08"\n')
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        header = app.screen.query_one(ColumnHeader)
        first_line = "".join(s.text for s in header.render_line(0))
        assert "Harbour Times · 2024-03-08" in first_line
        assert "Two" in first_line
