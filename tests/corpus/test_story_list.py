"""The story list model: order by conflicts, filters by outlet and date."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.corpus.output import StoryRow
from tui.corpus.story_list import (
    EMPTY_RUN,
    StoryFilter,
    parse_dates,
    shown_title,
    story_order,
    summary,
    visible,
)


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


def test_ties_in_conflicts_and_outlets_go_to_more_shared_facts() -> None:
    few = replace(row("a-few", 2, ("Wire", "Post"), ("2026-03-02",)), shared=1)
    many = replace(row("b-many", 2, ("Wire", "Post"), ("2026-03-02",)), shared=9)
    assert [r.id for r in visible([few, many], StoryFilter())] == ["b-many", "a-few"]
    assert sorted([few, many], key=story_order) == [many, few]


def test_the_summary_explains_an_empty_run_and_an_empty_filter() -> None:
    assert summary(0, 0, StoryFilter()) == EMPTY_RUN
    assert summary(0, 4, StoryFilter(outlet="nobody")) == (
        "None of the 4 stories match · outlet: nobody · Esc clears the filters"
    )
    assert summary(2, 4, StoryFilter(outlet="post")) == "2 of 4 stories, most conflicts first · outlet: post"


def test_the_list_shows_a_title_without_the_source_count_it_has_a_column_for() -> None:
    titled = replace(row("s1", 0, ("A", "B"), ()), title="2 sources on Meta, AI")
    assert shown_title(titled) == "Meta, AI"
    assert shown_title(replace(titled, title="One headline")) == "One headline"
    assert shown_title(replace(titled, title="")) == "s1"
