"""The header's title: the story's words, not a second count of its sources."""

from __future__ import annotations

from dataclasses import replace

from tui.core.models import Comparison
from tui.widgets.story_header import fitted, header_line, headline


def test_the_sources_lead_is_left_to_the_figures(seeds_comparison: Comparison) -> None:
    count = len(seeds_comparison.articles)
    titled = replace(seeds_comparison, title=f"{count} sources on Meta, AI")
    assert headline(titled) == "Meta, AI"


def test_a_title_of_the_users_own_is_shown_as_given(seeds_comparison: Comparison) -> None:
    count = len(seeds_comparison.articles)
    for title in ("Bridge reopens", f"{count + 1} sources on Meta, AI", f"{count} sources on "):
        assert headline(replace(seeds_comparison, title=title)) == title


def test_a_narrow_header_keeps_the_status_whole_and_cuts_the_title(seeds_comparison: Comparison) -> None:
    # At 80 columns the worded figures left "conflict 1/3 · row 11…" and no title.
    status = "conflict 1/3 · row 11/46 · boilerplate hidden"
    full = header_line(seeds_comparison, status)
    compact = header_line(seeds_comparison, status, compact=True)
    assert fitted(full, compact, full.cell_len) is full, "the worded figures where they fit"
    shown = fitted(full, compact, 78).plain  # 80 columns less the header's padding
    assert shown.startswith("5 sources  =44 +122 !3   " + status)
    assert shown.endswith("…") and len(shown) == 78
    assert fitted(full, compact, 30).plain == "5 sources  =44 +122 !3   conf…"
