"""The story list model: order by conflicts, filters by outlet and date."""

from __future__ import annotations

import pytest

from tui.corpus.output import StoryRow
from tui.corpus.story_list import StoryFilter, parse_dates, visible


def row(story_id: str, conflicts: int, sources: tuple[str, ...], dates: tuple[str, ...]) -> StoryRow:
    return StoryRow(story_id, story_id, ("a", "b"), (), sources, dates, 1, 1, conflicts, ())


ROWS = [
    row("calm", 0, ("Herald", "Wire"), ("2026-03-01",)),
    row("hot", 5, ("Herald", "Post"), ("2026-03-03", "2026-03-04")),
    row("warm", 2, ("Wire", "Post", "Times"), ("2026-03-02",)),
    row("warm2", 2, ("Wire", "Post"), ("2026-03-02",)),
]


def test_most_conflicts_first_then_most_outlets() -> None:
    assert [r.id for r in visible(ROWS, StoryFilter())] == ["hot", "warm", "warm2", "calm"]


def test_outlet_filter_matches_any_part_of_a_name_in_any_case() -> None:
    assert [r.id for r in visible(ROWS, StoryFilter(outlet="herald"))] == ["hot", "calm"]
    assert visible(ROWS, StoryFilter(outlet="nobody")) == []


def test_date_filter_keeps_stories_with_an_article_in_range() -> None:
    assert [r.id for r in visible(ROWS, StoryFilter(first="2026-03-02", last="2026-03-03"))] == [
        "hot",
        "warm",
        "warm2",
    ]
    assert [r.id for r in visible(ROWS, StoryFilter(last="2026-03-01"))] == ["calm"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("2026-03-02", ("2026-03-02", "2026-03-02")),
        ("2026-03-01..2026-03-05", ("2026-03-01", "2026-03-05")),
        ("..2026-03-05", (None, "2026-03-05")),
        ("2026-03-01..", ("2026-03-01", None)),
    ],
)
def test_parse_dates(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_dates(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2026-03-05..2026-03-01", "2026-13-01"])
def test_parse_dates_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_dates(text)
