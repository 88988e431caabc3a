"""The header's title: the story's words, not a second count of its sources."""

from __future__ import annotations

from dataclasses import replace

from tui.core.models import Comparison
from tui.widgets.story_header import headline


def test_the_sources_lead_is_left_to_the_figures(seeds_comparison: Comparison) -> None:
    count = len(seeds_comparison.articles)
    titled = replace(seeds_comparison, title=f"{count} sources on Meta, AI")
    assert headline(titled) == "Meta, AI"


def test_a_title_of_the_users_own_is_shown_as_given(seeds_comparison: Comparison) -> None:
    count = len(seeds_comparison.articles)
    for title in ("Bridge reopens", f"{count + 1} sources on Meta, AI", f"{count} sources on "):
        assert headline(replace(seeds_comparison, title=title)) == title
