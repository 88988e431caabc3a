"""Page furniture by structure: each pattern on a hand-made page, and the sentences it must spare."""

from __future__ import annotations

import pytest

from tui.core.boilerplate import boilerplate_mask, furniture_reason, furniture_reasons

HEADLINE = "Harbour bridge reopens after storm repairs"
BODY = [
    "The Glenmoor harbour bridge reopened to traffic on Friday after six weeks of repairs to storm damage, "
    "the county roads office said.",
    "Engineers replaced 14 steel cables and resurfaced the eastern span at a cost of 3.2 million euros, "
    "according to the office.",
    "Ferry operators, who carried an extra 9,000 passengers a day during the closure, will return to "
    "their normal timetable next week.",
]


def page(*extra_head: str, tail: tuple[str, ...] = (), middle: tuple[str, ...] = ()) -> list[str]:
    return [HEADLINE, *extra_head, BODY[0], *middle, BODY[1], BODY[2], *tail]


def furniture_of(blocks: list[str]) -> list[str]:
    return [b for b, junk in zip(blocks, boilerplate_mask(blocks), strict=True) if junk]


@pytest.mark.parametrize(
    "line",
    [
        "By Maria Okonkwo on",
        "By Tom Heller and Ana Ruiz",
        "Updated 14 March 2024, 09:12 GMT",
        "Published on 3rd May 2023, 06:04 PM · Last update 3rd May 2023, 06:27 PM · Text size A+ A A-",
        "Print | Font | Share",
        "Home > News > Regional",
        "NEWS FLASH",
        "-",
    ],
)
def test_head_lines_before_the_body_are_furniture(line: str) -> None:
    blocks = page(line)
    assert furniture_of(blocks) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Credit: Reuters",
        "(Photo: Jan Berg)",
        "File photo of the Glenmoor bridge",
        "(COMBO) Pictures combined here show the mayor (L) and the engineer (R) at the bridge on Friday.",
        "Cars cross the bridge on Friday. (Photo by Jan Berg / AFP)",
    ],
)
def test_captions_and_credits_are_furniture_anywhere(line: str) -> None:
    blocks = page(middle=(line,))
    assert furniture_of(blocks) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "ALSO READ: Minister opens new ferry terminal in Dunmore",
        "(Worth reading: Five bridges that changed the county)",
        "(More: Why storms are getting stronger, in 'four charts')",
        "WATCH: The moment the first car crossed",
        "Related: Rail line closed for a week",
    ],
)
def test_links_to_other_stories_are_furniture(line: str) -> None:
    blocks = page(middle=(line,))
    assert furniture_of(blocks) == [line]


def test_a_bare_link_label_takes_the_sidebar_of_headlines_under_it() -> None:
    sidebar = ("Most read", "Council votes to sell old depot", "Football club names new coach")
    blocks = page(middle=sidebar)
    assert furniture_of(blocks) == list(sidebar)


def test_the_tail_after_the_body_is_furniture() -> None:
    tail = (
        "*Includes agency information",
        "Via: County Wire",
        "Previous articleTen gardens to visit this spring",
        "Next articleSchool meals price rises again",
        "Your comment, please!",
        "Your name, please",
    )
    blocks = page(tail=tail)
    assert furniture_of(blocks) == list(tail)


def test_a_trailing_heading_with_nothing_under_it_is_furniture() -> None:
    blocks = page(tail=("About the Glenmoor bridge:",))
    assert furniture_of(blocks) == ["About the Glenmoor bridge:"]


def test_short_last_sentences_about_the_story_stay() -> None:
    blocks = page(tail=("Ferries resume the normal timetable on Monday.", "This story is developing…"))
    assert furniture_of(blocks) == ["This story is developing…"]


def test_lines_between_headline_and_dateline_are_furniture_but_the_standfirst_stays() -> None:
    standfirst = "The bridge reopened on Friday after six weeks of storm repairs, the roads office said."
    blocks = [
        HEADLINE,
        standfirst,
        "Glenmoor Bridge Reopens",
        "Harbour Times (County) edition",
        "Bloomberg",
        "GLENMOOR, March 4 (Wire) – " + BODY[0],
        BODY[1],
    ]
    assert furniture_of(blocks) == ["Glenmoor Bridge Reopens", "Harbour Times (County) edition", "Bloomberg"]


def test_a_line_repeating_the_headline_is_furniture() -> None:
    blocks = page(tail=(HEADLINE,))
    assert furniture_of(blocks) == [HEADLINE]


def test_subheadings_inside_the_body_stay() -> None:
    blocks = [HEADLINE, BODY[0], "What happens next", BODY[1], "Quick facts:", BODY[2]]
    assert furniture_of(blocks) == []


def test_a_label_that_heads_a_list_is_not_a_dateline() -> None:
    blocks = [
        HEADLINE,
        "The big one: bridge reopens",
        BODY[0],
        "Quick facts:",
        "Cost: the repairs cost 3.2 million euros, the roads office said in a statement.",
        BODY[2],
    ]
    assert furniture_of(blocks) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The company's share on Monday closed 3% higher after the results were published.",
        "Free trial periods for the ferry pass will last 30 days, the operator said.",
        "Read the full report, the minister told councillors, before voting on the budget.",
        "By Friday evening, engineers had replaced 14 of the damaged cables.",
        "Sen. Ann Wells (R) said the repairs should have started a month earlier.",
        "Getty Images agreed to merge with Shutterstock in a deal announced on Tuesday.",
    ],
)
def test_cue_words_inside_real_sentences_are_content(sentence: str) -> None:
    assert furniture_reason(sentence) is None
    assert furniture_of(page(middle=(sentence,))) == []


def test_a_line_crediting_an_outlet_for_what_follows_stays_with_the_story() -> None:
    line = "From Reuters: the bridge was closed on 12 January after a storm damaged 14 cables."
    assert furniture_of(page(middle=(line,))) == []


@pytest.mark.parametrize(
    "line",
    [
        "Share on Facebook | Share on X",
        "Sign up to our free newsletter for the latest news straight to your inbox",
        "Like this post? Buy me a coffee to keep the blog ad-free!",
        "Copyright Harbour Times 2024",
        "Advertisement",
        "(Reporting by Kari Lunde; Editing by Tom Heller)",
        "Topics: Bridges, Storms, Glenmoor",
        "Comments (12)",
        "Posted by admin",
        "Listen to article",
        "5 min read",
    ],
)
def test_whole_line_cues(line: str) -> None:
    assert furniture_reason(line) is not None


def test_story_terms_from_other_articles_keep_a_short_tail_line() -> None:
    blocks = page(tail=("Tolls resume from Easter.",))
    assert furniture_of(blocks) == ["Tolls resume from Easter."]
    reasons = furniture_reasons(blocks, story_terms=frozenset({"toll"}))
    assert reasons[-1] is None
