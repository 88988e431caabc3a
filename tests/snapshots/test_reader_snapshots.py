"""Pictures of the reader on the bundled seeds, in the default and monochrome themes.

Regenerate with ``make snapshots`` and read the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.app import TriangulateApp

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")
SIZES = [(80, 24), (160, 48)]
THEMES = ["triangulate-dark", "triangulate-mono"]


def reader(theme: str) -> TriangulateApp:
    app = TriangulateApp([SEEDS], theme, None)
    app.animation_level = "none"
    return app


async def computed(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_main_view(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """The story header (5 sources, shared/unique/conflict counts: at 80 cells in short
    form, "=44 +122 !3", so "row 1/46" and the story's title fit), the column headings
    with the pivot marked ◆ and a `N›` count of columns off to the right, the headlines
    side by side in the first row (Source A and B, which have none, blank; the columns in
    their order, Source B second with `3›` at 80 cells), then aligned rows with = + ! gutter
    glyphs, the ▌ row cursor on the first row, and the
    footer keys, "? Help" included at 80 cells. Two columns at 80 cells, four at 160.
    Article titles under the outlets, and boilerplate lines, are in the theme's muted
    foreground colour (not the white an `auto` colour gave them)."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=computed)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_conflict_and_claims_panel(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """After `n` the cursor sits on the first conflict in reading order (the header reads
    "conflict 1/3 · row 11/46"; row 11, Source B's
    "... with Meta's stock price rising 7% that day", shown at 160): its lines carry `!` in
    the gutter. `c` opens the claims panel, conflicts listed first with a ●/· coverage mark
    per source and, for the name conflict, its two names, the one more sources give first
    ("Meta Superintelligence Labs vs Meta Intelligence Labs", four sources), or the
    fact's per-source summary ("share price: Source A 7% / 8% · Source B 7%", "funding:
    Source A $14.3 billion / $14 billion · Wired $14.3 billion"), then
    " │ " and the claim's first sentence: at 80 cells it takes the whole screen (two
    readable columns would not fit beside it), at 160 it sits on the right of two reading
    columns, too narrow for more than the start of each summary."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=computed, press=["n", "c"])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_detail_view(snap_compare: Any, theme: str, size: tuple[int, int]) -> None:
    """The detail view of the first shared claim: each source's wording one under
    another with differing words bold+underlined, and the match evidence (score,
    fuzzy, word overlap, shared terms)."""
    assert snap_compare(reader(theme), terminal_size=size, run_before=computed, press=["s", "enter"])
