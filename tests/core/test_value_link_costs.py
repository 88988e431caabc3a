"""The value links' fifteenth-round shortcuts give the very pairs and floats of the plain ones."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tui.core import value_links as vl
from tui.core.contrast import _CONTRASTS, contrast_bits, contrast_bits_without
from tui.core.rows import from_entries, row_dots
from tui.core.unique import unique, unique_inverse


def _no_integer_argsort(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``np.argsort`` refuse integer arrays (the shortcuts sort them by value instead)."""
    argsort = np.argsort

    def refusing(values: Any, *args: Any, **kwargs: Any) -> Any:
        assert np.asarray(values).dtype.kind not in "iu", "an integer argsort"
        return argsort(values, *args, **kwargs)

    monkeypatch.setattr(np, "argsort", refusing)


@pytest.mark.parametrize(
    "codes",
    [
        np.random.default_rng(1).integers(0, 300, 5_000),  # dense: a flag per code
        np.random.default_rng(2).integers(0, 2**40, 5_000),  # wide: one sort of code and place
        np.random.default_rng(3).integers(0, 200, 900).astype(np.int32),
        np.random.default_rng(4).integers(0, 9, 50).astype(np.uint8),
        np.asarray([7, 7, 0, 3], dtype=np.int64),
    ],
)
def test_non_negative_codes_are_made_distinct_without_an_argsort(
    monkeypatch: pytest.MonkeyPatch, codes: np.ndarray[Any, Any]
) -> None:
    _no_integer_argsort(monkeypatch)
    want, want_inverse = np.unique(codes, return_inverse=True)
    got, inverse = unique_inverse(codes)
    assert got.dtype == codes.dtype and got.tolist() == want.tolist()
    assert inverse.dtype == np.intp and inverse.tolist() == want_inverse.ravel().tolist()
    distinct = unique(codes)
    assert distinct.dtype == codes.dtype and distinct.tolist() == want.tolist()


@pytest.mark.parametrize(("seed", "shuffled"), [(5, False), (6, False), (7, True)])
def test_best_links_per_fact_sorted_by_value_are_lexsorts(
    monkeypatch: pytest.MonkeyPatch, seed: int, shuffled: bool
) -> None:
    """Pairs in (a, b) order are ranked by one sort of packed integers, not an argsort; pairs in
    another order give the same links, still in (a, b) order."""
    rng = np.random.default_rng(seed)
    codes = unique(rng.integers(0, 300 * 300, size=6_000))
    a, b = codes // 300, codes % 300
    keep = a < b
    a, b = a[keep], b[keep]
    score = rng.choice([0.35, 0.5, 0.6, 0.7 + 1e-12, 1.1], size=len(a))  # many exact ties
    if shuffled:
        order = rng.permutation(len(a))
        a, b, score = a[order], b[order], score[order]
    fact, other = np.concatenate((a, b)), np.concatenate((b, a))
    pair = np.concatenate((np.arange(len(a)), np.arange(len(a))))
    order = np.lexsort((-other, -np.concatenate((score, score)), fact))
    grouped = fact[order]
    rank = np.arange(len(order)) - np.searchsorted(grouped, grouped, side="left")
    plain = unique(pair[order[rank < 12]])
    plain = plain[np.lexsort((b[plain], a[plain]))]
    _no_integer_argsort(monkeypatch)
    assert np.array_equal(vl._best_per_fact(a, b, score, 12), plain)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_context_is_the_same_float_either_way_round(seed: int) -> None:
    """Each unordered pair of vectors is asked once: its context must be the float of the pair
    asked as given, on rows long enough (30+ entries) for the order of the sums to show."""
    rng = np.random.default_rng(seed)
    count, width = 60, 80
    dense = np.where(rng.random((count, width)) < 0.5, rng.random((count, width)) * 9, 0.0)
    dense[4] = 0.0  # a vector with no weighted word
    r, c = np.nonzero(dense)
    raw = from_entries(dense[r, c].tolist(), r.tolist(), c.tolist(), (count, width))
    vector_of = rng.integers(0, count, 300)
    contexts = vl._Contexts(raw, vector_of, row_dots(raw, raw, np.arange(count), np.arange(count)))
    i, j = np.triu_indices(len(vector_of), k=1)
    u, v = vector_of[i], vector_of[j]
    dot = row_dots(raw, raw, u, v)
    with np.errstate(divide="ignore", invalid="ignore"):
        plain = np.where(dot != 0, dot / np.sqrt(contexts.sq_norm[u] * contexts.sq_norm[v]), 0.0)
    assert contexts.of(i, j).tolist() == plain.tolist()
    assert contexts.of(j, i).tolist() == plain.tolist()
    assert (plain > 0).any() and (plain == 0).any()


@pytest.mark.parametrize("own", ["", "first", "second", "new", "third", "minute"])
def test_contrast_bits_without_the_facts_own_word(own: str) -> None:
    words = frozenset({"the", "first", "new", "player", "lowest", "third", "minute"})
    assert contrast_bits_without(words, own) == contrast_bits(words - {own})
    assert contrast_bits_without(frozenset({own, "goal"}), own) == contrast_bits(frozenset({"goal"}))
    contrasting = own in words and any(own in pair for pair in _CONTRASTS)
    assert contrasting == (contrast_bits_without(words, own) != contrast_bits(words))


def test_exact_codes_mark_exactly_the_exact_values() -> None:
    """value_link_columns reads whether a value is telling (_telling: a moment or an exact
    figure) off the exact codes: a code >= 0 for every exact value and for no other, on the
    values of a generated story and on crafted ones."""
    from bench.synthetic import generate_story
    from tests.core.conftest import facts_of
    from tui.core.pipeline import TextInput

    story = generate_story(4, paragraphs=10, seed=11)
    facts = facts_of([TextInput(a.text, a.name) for a in story.articles])
    crafted = facts_of(
        [TextInput("Officials put the toll at 11,300 on December 10, up from 5,000 and 36.78%.", "x")]
    )
    members = [f for f in (*facts.facts, *crafted.facts) if f.value is not None]
    codes = vl._exact_codes(members)
    exact = [vl._exact(f.value) for f in members if f.value is not None]
    assert (codes >= 0).tolist() == exact
    assert any(exact) and not all(exact)
    telling = np.asarray([f.value is not None and f.value.kind in vl._MOMENT_KINDS for f in members]) | (
        codes >= 0
    )
    assert telling.tolist() == [f.value is not None and vl._telling(f.value) for f in members]


def test_norms_add_squares_as_pythons_sum_does() -> None:
    """The screen's unit vectors divide by norms that must be Python's left-to-right sum of
    squares to the last bit (the products are ranked, ties included): rows of 0 to 40 weights,
    many longer than numpy's pairwise blocks, and a row of zeros."""
    import math

    rng = np.random.default_rng(3)
    rows = [(rng.random(int(size)) * 9.0).tolist() for size in rng.integers(0, 41, size=300)]
    rows.append([0.0, 0.0])
    flat = np.asarray([w for row in rows for w in row], dtype=np.float64)
    owner = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
    got = vl._norms(flat, owner, len(rows))
    expected = [math.sqrt(sum(w * w for w in row)) or 1.0 for row in rows]
    assert got.tolist() == expected
