"""The engine's rules for very large stories (docs/performance.md, eighth round), each checked
against the plain rule it bounds."""

from __future__ import annotations

import numpy as np
import pytest

from tui.core import align, match
from tui.core.match import NEIGHBOUR_ARTICLES, _block_may_pair, _blocks, _gram_pairs, _may_pair, _top_k_rows


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


@pytest.mark.parametrize("count", [3, 2 * NEIGHBOUR_ARTICLES + 1, 2 * NEIGHBOUR_ARTICLES + 2, 150])
def test_a_blocks_pairs_in_reach_read_off_its_table_are_may_pairs(count: int) -> None:
    """_block_may_pair (a table of the rows' articles x the block's columns) answers what
    _may_pair answers entry by entry, on blocks' entries with rows of no entry among them."""
    rng = np.random.default_rng(count + 1)
    articles = np.sort(rng.choice(np.arange(count), size=4 * count))
    articles[-1] = count - 1
    n = len(articles)
    for rows, cols in _blocks(articles):
        columns_of = np.arange(n) if cols is None else cols
        counts = rng.integers(0, 6, size=len(rows))
        columns = rng.integers(0, len(columns_of), size=int(counts.sum()))
        got = _block_may_pair(articles[rows], articles[columns_of], counts, columns, count)
        a = np.repeat(rows, counts)
        expected = _may_pair(articles[a], articles[columns_of[columns]], count)
        assert got.tolist() == expected.tolist()


def test_top_k_rows_keeps_each_sides_first_k_of_its_sort() -> None:
    """Each side's first k entries of the one sort (ties as that sort orders them), by the
    rule first written: each entry's place counted from its side's first by a search."""
    rng = np.random.default_rng(5)
    for k in (1, 3, 30):
        side = np.sort(rng.integers(0, 40, size=3000))
        value = rng.integers(0, 6, size=3000) / 4.0  # many ties
        span = float(np.max(value) - np.min(value)) + 1.0
        order = np.argsort(side * span - value, kind="quicksort")
        grouped = side[order]
        rank = np.arange(len(order)) - np.searchsorted(grouped, np.arange(40))[grouped]
        assert _top_k_rows(side, value, k).tolist() == order[rank < k].tolist()


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


def _aligned(
    monkeypatch: pytest.MonkeyPatch, compact: bool, r: int, gains: dict[int, dict[int, float]], m: int
) -> tuple[list[dict[int, list[int]]], float]:
    """Article 1's ``m`` paragraphs added to ``r`` rows of article 0, with the full programme
    or only the linked rows: the new rows and the gain of the matches made."""
    monkeypatch.setattr(align, "COMPACT_FROM_ROWS", -1 if compact else 10**9)
    rows = [{0: [k]} for k in range(r)]
    placed = {(0, k): row for k, row in enumerate(rows)}
    neighbours = {(1, i): {(0, k): g for k, g in cells.items()} for i, cells in gains.items()}
    out, seated = align._add_article(list(rows), 1, m, neighbours, placed)
    total = sum(gains.get(p, {}).get(row[0][0], 0.0) for p, row in seated if 0 in row)
    return out, total


def test_aligning_to_the_linked_rows_only_reaches_the_full_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    differ = 0
    for _ in range(300):
        r, m = int(rng.integers(1, 150)), int(rng.integers(1, 10))
        linked = rng.choice(r, size=min(r, int(rng.integers(1, 12))), replace=False)
        gains = {
            i: {int(k): float(rng.choice([0.5, 1.0, 2.0])) for k in linked if rng.random() < 0.4}
            for i in range(m)
        }
        full, full_gain = _aligned(monkeypatch, False, r, gains, m)
        out, gain = _aligned(monkeypatch, True, r, gains, m)
        assert gain == pytest.approx(full_gain)
        # Every old row once, in its order; the new paragraphs once each, in order.
        assert [k for row in out if 0 in row for k in row[0]] == list(range(r))
        assert [p for row in out for p in row.get(1, [])] == list(range(m))
        differ += [sorted(row) for row in out] != [sorted(row) for row in full]
    assert differ > 0  # unmatched paragraphs are placed differently, as documented
