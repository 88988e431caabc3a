"""Alignment and clustering on hand-made links, without the rest of the pipeline."""

from __future__ import annotations

from tui.core.align import align
from tui.core.cluster import cluster
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


def _link(a: int, b: int, score: float, anchors: int = 0) -> Link:
    return Link(a, b, score, score, score, anchors)


def test_chains_of_weak_links_do_not_merge_two_claims() -> None:
    # Items 0-2 (articles 0,1,2) state claim X; items 3-5 state claim Y; one weak link bridges.
    articles = [0, 1, 2, 0, 1, 2]
    links = [
        _link(0, 1, 0.8), _link(1, 2, 0.8), _link(0, 2, 0.8),
        _link(3, 4, 0.8), _link(4, 5, 0.8), _link(3, 5, 0.8),
        _link(2, 3, 0.28),
    ]  # fmt: skip
    groups = sorted(g.members for g in cluster(6, articles, links))
    assert groups == [(0, 1, 2), (3, 4, 5)]


def test_an_outlet_contributes_at_most_two_sentences_to_a_claim() -> None:
    articles = [0, 0, 0, 1]
    links = [_link(0, 3, 0.9), _link(1, 3, 0.85), _link(2, 3, 0.8)]
    (group,) = cluster(4, articles, links)
    assert sum(1 for m in group.members if articles[m] == 0) <= 2
