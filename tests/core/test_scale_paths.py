"""The engine's rules for very large stories (docs/performance.md, eighth round), each checked
against the plain rule it bounds."""

from __future__ import annotations

import numpy as np
import pytest

from tui.core import match
from tui.core.match import NEIGHBOUR_ARTICLES, _blocks, _gram_pairs, _may_pair


def _in_reach(x: int, y: int, count: int) -> bool:
    if x == y:
        return False
    if count <= 2 * NEIGHBOUR_ARTICLES + 1:
        return True
    apart = abs(x - y)
    return min(apart, count - apart) <= NEIGHBOUR_ARTICLES


@pytest.mark.parametrize("count", [3, 2 * NEIGHBOUR_ARTICLES + 1, 2 * NEIGHBOUR_ARTICLES + 2, 150])
def test_candidate_blocks_hold_every_pair_in_reach_once_per_row(count: int) -> None:
    rng = np.random.default_rng(count)
    # Clauses of articles in input order, a few articles without any.
    articles = np.sort(rng.choice(np.arange(count), size=4 * count))
    articles[-1] = count - 1
    n = len(articles)
    seen_rows: list[int] = []
    pairs: set[tuple[int, int]] = set()
    for rows, cols in _blocks(articles):
        seen_rows.extend(rows.tolist())
        columns = np.arange(n) if cols is None else cols
        a = np.repeat(rows, len(columns))
        b = np.tile(columns, len(rows))
        keep = _may_pair(articles[a], articles[b], count)
        pairs.update(zip(a[keep].tolist(), b[keep].tolist(), strict=True))
    assert sorted(seen_rows) == list(range(n))
    expected = {
        (i, j) for i in range(n) for j in range(n) if _in_reach(int(articles[i]), int(articles[j]), count)
    }
    assert pairs == expected


def test_sparse_candidates_are_the_full_products_best_pairs_in_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """The neighbourhood's blocked products give the pairs (and dots) that a plain dense
    product over every pair in reach gives: each clause's best few by the rare-word rank."""
    monkeypatch.setattr(match, "_DENSE_LIMIT", 0)  # the sparse path, at a size a test can check
    rng = np.random.default_rng(7)
    count, n, v = 90, 720, 400
    articles = np.sort(rng.integers(0, count, size=n))
    articles[-1] = count - 1
    dense = np.where(rng.random((n, v)) < 0.02, rng.random((n, v)) + 0.5, 0.0)
    figure_cols = np.zeros(v, dtype=bool)
    figure_cols[:20] = True
    rows, cols = np.nonzero(dense)
    data = dense[rows, cols]
    sq_norm = (dense * dense).sum(axis=1)
    got_a, got_b, got_dots = _gram_pairs(rows, cols, data, n, v, articles, figure_cols, sq_norm)

    words = dense.copy()
    df = np.count_nonzero(dense, axis=0)
    words[:, figure_cols | (df > max(match._COMMON_MIN_DF, int(n * match._COMMON_SHARE)))] = 0.0
    word_dots = words @ words.T
    chosen: set[tuple[int, int]] = set()
    for i in range(n):
        ranked = []
        for j in range(n):
            if word_dots[i, j] > 0 and _in_reach(int(articles[i]), int(articles[j]), count):
                dot = word_dots[i, j]
                rank = dot / np.sqrt(sq_norm[i] * sq_norm[j]) + 0.25 * dot / min(sq_norm[i], sq_norm[j])
                ranked.append((-rank, j))
        for _, j in sorted(ranked)[: match._CANDIDATES_PER_SENTENCE]:
            chosen.add((min(i, j), max(i, j)))
    assert len(chosen) > 1000
    assert list(zip(got_a.tolist(), got_b.tolist(), strict=True)) == sorted(chosen)
    full = dense @ dense.T
    assert np.allclose(got_dots, full[got_a, got_b])
