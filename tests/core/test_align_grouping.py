"""Alignment and grouping on hand-made links, without the rest of the pipeline."""

from __future__ import annotations

from tui.core.align import align
from tui.core.grouping import greedy_groups
from tui.core.match import Link


def _placed(rows: list[dict[int, list[int]]], article: int) -> list[int]:
    return [p for row in rows for p in row.get(article, [])]


def test_linked_paragraphs_share_a_row_and_order_is_kept() -> None:
    weights = {((0, 0), (1, 1)): 1.0, ((0, 2), (1, 3)): 1.0}
    rows = align([3, 4], weights)
    assert _placed(rows, 0) == [0, 1, 2]
    assert _placed(rows, 1) == [0, 1, 2, 3]
    assert {0: [0], 1: [1]} in rows
    assert {0: [2], 1: [3]} in rows


def test_a_crossing_link_cannot_break_order() -> None:
    # A's paragraph 0 matches B's 1 and A's 1 matches B's 0: only one can share a row.
    weights = {((0, 0), (1, 1)): 1.0, ((0, 1), (1, 0)): 0.5}
    rows = align([2, 2], weights)
    assert _placed(rows, 0) == [0, 1] and _placed(rows, 1) == [0, 1]
    assert {0: [0], 1: [1]} in rows


def test_one_paragraph_may_face_two() -> None:
    weights = {((0, 0), (1, 0)): 1.0, ((0, 0), (1, 1)): 1.0}
    rows = align([1, 2], weights)
    assert {0: [0], 1: [0, 1]} in rows


def _link(a: int, b: int, score: float) -> Link:
    return Link(a, b, score, score)


def test_a_weak_bridge_does_not_merge_two_coherent_claims() -> None:
    # Items 0-2 (articles 0,1,2) state fact X; items 3-5 (articles 3,4,5) state fact Y; one
    # weak link bridges them. Without a coherence bar they would become one claim.
    articles = [0, 1, 2, 3, 4, 5]
    titles = [False] * 6
    links = [
        _link(0, 1, 0.8), _link(1, 2, 0.8), _link(0, 2, 0.8),
        _link(3, 4, 0.8), _link(4, 5, 0.8), _link(3, 5, 0.8),
        _link(2, 3, 0.4),
    ]  # fmt: skip
    groups = sorted(tuple(m) for m, _ in greedy_groups(articles, titles, links, coherence=0.3))
    assert groups == [(0, 1, 2), (3, 4, 5)]
    merged = greedy_groups(articles, titles, links)
    assert [sorted(m) for m, _ in merged] == [[0, 1, 2, 3, 4, 5]]


def test_a_clause_joins_one_other_claim_through_its_strongest_refused_link() -> None:
    # Three claims of two outlets each: (0, 1), (2, 3), (4, 5). Item 6 (a fourth outlet)
    # states claim (0, 1)'s fact and is strongly linked to the other two claims as well; the
    # coherence bar keeps it out of them as a member, so it may join one as an extra member:
    # the one its strongest refused link reaches.
    articles = [0, 1, 0, 1, 0, 1, 2]
    titles = [False] * 7
    links = [
        _link(0, 1, 0.9), _link(2, 3, 0.9), _link(4, 5, 0.9),
        _link(6, 0, 0.85), _link(6, 1, 0.85),
        _link(6, 2, 0.7), _link(6, 4, 0.6),
    ]  # fmt: skip
    groups = greedy_groups(articles, titles, links, coherence=0.6, extra_min=0.5)
    assert sorted(sorted(m) for m, _ in groups) == [[0, 1, 6], [2, 3, 6], [4, 5]]


def test_an_outlet_states_a_fact_once_plus_its_headline() -> None:
    # Items 0-2 are article 0's body sentences, 3 its headline, 4 another outlet.
    articles = [0, 0, 0, 0, 1]
    titles = [False, False, False, True, False]
    links = [_link(0, 4, 0.9), _link(1, 4, 0.85), _link(2, 4, 0.8), _link(3, 4, 0.7)]
    ((members, _),) = greedy_groups(articles, titles, links)
    assert sorted(members) == [0, 3, 4]


def test_a_fact_its_outlet_restates_keeps_both_mentions_in_one_claim() -> None:
    # Items 0 and 1 are article 0 stating one figure twice; 2 and 3 other outlets, each
    # linked to a different one of the two mentions.
    articles = [0, 0, 1, 2]
    titles = [False] * 4
    links = [_link(0, 2, 0.9), _link(1, 3, 0.8)]
    assert sorted(sorted(m) for m, _ in greedy_groups(articles, titles, links)) == [[0, 2], [1, 3]]
    ((members, _),) = greedy_groups(articles, titles, links, restated=[(0, 1)])
    assert sorted(members) == [0, 1, 2, 3]


def test_the_headlines_share_the_first_row_whatever_the_links_say() -> None:
    from tests.core.conftest import body_weights
    from tui import compare
    from tui.core.align import _leading_titles, _with_headlines, align
    from tui.core.pipeline import TextInput

    a = "Storm closes port\n\nThe storm closed the harbour on Monday.\n\nFerries stopped.\n"
    b = "Harbour shut as storm hits\n\nWind reached 120 km/h.\n\nFerries stopped.\n"
    articles = compare([TextInput(a, "A"), TextInput(b, "B")]).articles
    assert (
        [p.kind for p in articles[0].paragraphs][:1]
        == [p.kind for p in articles[1].paragraphs][:1]
        == ["title"]
    )
    # B's headline restates A's lead: left to the link it would sit beside A's lead.
    weights = {((0, 1), (1, 0)): 1.0, ((0, 2), (1, 2)): 1.0}
    lead = [_leading_titles(a) for a in articles]
    counts = [len(a.paragraphs) - k for a, k in zip(articles, lead, strict=True)]
    rows = _with_headlines(lead, align(counts, body_weights(weights, lead)))
    assert rows[0] == {0: [0], 1: [0]}
    assert {0: [2], 1: [2]} in rows
