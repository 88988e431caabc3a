"""The linking stage's shortcuts give what the plain rules would (issue 13, fourth round)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from scipy import sparse

from bench.synthetic import generate_story
from tests.core.conftest import facts_of
from tui.core import pair_features as pf
from tui.core import value_links as vl
from tui.core.linking import _words
from tui.core.match import Item, weights
from tui.core.normalise import normalise
from tui.core.pair_features import FEATURES, indexed_pair_features, pair_features, wording_similarity
from tui.core.pipeline import TextInput
from tui.core.rows import from_entries
from tui.core.threads import one_blas_thread
from tui.core.value_links import (
    _BLOCK,
    _holder_rules,
    _screen_block,
    _screen_block_fast,
    _screen_tables,
    _Screened,
    holders_compatible,
)
from tui.core.words import WORD, strip_accents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_TEXTS = [
    "Northwind will buy Halcyon Robotics for $880 million, the companies said on Monday.",
    "Halcyon Robotics agreed to be bought by Northwind in an $880 million deal.",
    "The mayor of Leipzig said the plant would stay open through the winter.",
    "Leipzig's plant stays open in winter, its mayor said.",
    "Northwind will buy Halcyon Robotics for $880 million, the companies said on Monday.",
    "Officials put the number of dead at 40 on Tuesday.",
]


@pytest.mark.parametrize("small_batch", [pf.SMALL_BATCH, 0])
def test_indexed_features_score_each_pair_as_alone(monkeypatch: pytest.MonkeyPatch, small_batch: int) -> None:
    """Repeated clauses and repeated pairs of clauses (wire copy) are prepared and scored once:
    every row must still be what that pair scores on its own, on both matrix paths."""
    monkeypatch.setattr(pf, "SMALL_BATCH", small_batch)
    # Clauses 0 and 4 have one text but are two objects; pairs repeat, in both orders.
    clauses = [normalise(t) for t in _TEXTS[:4]] + [replace(normalise(_TEXTS[4])), normalise(_TEXTS[5])]
    assert clauses[4] == clauses[0] and clauses[4] is not clauses[0]
    idf = weights([Item(n, c) for n, c in enumerate(clauses)])
    a = np.asarray([0, 4, 0, 2, 1, 1, 4, 5, 3, 0])
    b = np.asarray([1, 1, 1, 3, 0, 4, 2, 0, 2, 5])
    got = indexed_pair_features(clauses, a, b, idf)
    assert got.shape == (len(a), len(FEATURES))
    for row, i, j in zip(got, a.tolist(), b.tolist(), strict=True):
        alone = pair_features([clauses[i]], [clauses[j]], idf)[0]
        assert np.allclose(row, alone, rtol=1e-12, atol=0.0)
    assert len(np.unique(got, axis=0)) > 3  # the pairs differ: rows of zeros would pass above


def test_a_batch_equals_the_same_pairs_in_another_batch() -> None:
    """Scoring distinct pairs once gives bit-identical rows to scoring the batch as given."""
    clauses = [normalise(t) for t in _TEXTS]
    idf = weights([Item(n, c) for n, c in enumerate(clauses)])
    a, b = np.asarray([0, 2, 4, 1]), np.asarray([1, 3, 1, 5])
    once = indexed_pair_features(clauses, a, b, idf)
    repeated = indexed_pair_features(clauses, np.concatenate((a, a)), np.concatenate((b, b)), idf)
    assert np.array_equal(repeated[: len(a)], once) and np.array_equal(repeated[len(a) :], once)
    left, right = [clauses[i] for i in a.tolist()], [clauses[j] for j in b.tolist()]
    assert np.array_equal(pair_features(left, right, idf), once)


def test_wording_similarity_ignores_word_order_and_is_rapidfuzz_token_sort() -> None:
    """The "fuzzy" the detail view shows beside a link: 1.0 for the same words in another
    order, rapidfuzz's own token_sort_ratio otherwise."""
    assert wording_similarity("the council reopened the bridge", "the bridge the council reopened") == 1.0
    x, y = _TEXTS[0], _TEXTS[1]
    assert wording_similarity(x, y) == fuzz.token_sort_ratio(x, y) / 100.0
    assert 0.0 < wording_similarity(x, y) < 1.0


@pytest.mark.parametrize("dense_cells", [vl._DENSE_CELLS, 0])
def test_value_contexts_per_distinct_vector_are_each_members_own(
    monkeypatch: pytest.MonkeyPatch, dense_cells: int
) -> None:
    """Members that share a context vector (restated clauses) have their exact contexts worked
    out once per pair of vectors: the same pairs and floats as with a vector per member, on
    numpy's rows and on scipy's."""
    monkeypatch.setattr(vl, "_DENSE_CELLS", dense_cells)
    story = generate_story(6, paragraphs=12, seed=2)
    facts = facts_of([TextInput(a.text, a.name) for a in story.articles])
    members = [f for f in facts.facts if f.value is not None]  # one bucket of every kind
    idf = weights([Item(f.article, f.norm) for f in members])
    shared: dict[tuple[str, ...], dict[str, float]] = {}
    vectors = [shared.setdefault(f.norm.tokens, {t: idf[t] for t in f.norm.tokens}) for f in members]
    assert len({id(v) for v in vectors}) < len(vectors)  # some members share a vector
    i, j, contexts = vl._possible_pairs(members, vectors, set(), vl._exact_codes(members))
    context = contexts.of(i, j)
    assert len(i) > 200
    # The plain rule: a row per member, every pair's dot product and both norms from those.
    vocab: dict[str, int] = {}
    rows = [r for r, v in enumerate(vectors) for _ in v]
    cols = [vocab.setdefault(t, len(vocab)) for v in vectors for t in v]
    data = [w for v in vectors for w in v.values()]
    shape = (len(members), len(vocab))
    if dense_cells:
        raw: Any = from_entries(data, rows, cols, shape)
    else:
        raw = sparse.csr_matrix((data, (rows, cols)), shape=shape)
    sq_norm = vl._row_dots(raw, np.arange(len(members)), np.arange(len(members)))
    dot = vl._row_dots(raw, i, j)
    plain = np.where(dot != 0, dot / np.sqrt(sq_norm[i] * sq_norm[j]), 0.0)
    assert context.tolist() == plain.tolist()


def test_value_screen_of_members_without_words() -> None:
    """A bucket whose clauses hold no weighted word (an empty screen matrix) is screened on its
    other rules: pairs from different outlets, each with a context of 0."""
    story = generate_story(3, paragraphs=4, seed=5)
    facts = facts_of([TextInput(a.text, a.name) for a in story.articles])
    members = [f for f in facts.facts if f.value is not None]
    i, j, contexts = vl._possible_pairs(members, [{} for _ in members], set(), vl._exact_codes(members))
    assert len(i) > 0
    assert all(members[a].article != members[b].article for a, b in zip(i.tolist(), j.tolist(), strict=True))
    assert not contexts.of(i, j).any()


def test_value_screening_on_one_blas_thread_screens_the_same_pairs() -> None:
    """The screen's products run on one BLAS thread (idle OpenBLAS threads spin between the
    many small products): the pairs it keeps must be the ones any thread count gives."""
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(7)
    m, words = 700, 60
    dense = rng.random((m, words)) * (rng.random((m, words)) < 0.15)
    unit = dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    facts = _random_members(rng, rng.integers(0, 40, m), np.arange(m), frames=5, sure=0.3, exact=(0.2, 9))

    def screen() -> list[np.ndarray[Any, Any]]:
        return [_screen_block(s, min(s + _BLOCK, m), unit, unit.T, facts) for s in range(0, m, _BLOCK)]

    with threadpool_limits(None):
        free = screen()
    with one_blas_thread():
        single = screen()
    assert all(np.array_equal(x, y) for x, y in zip(free, single, strict=True))
    assert sum(len(x) for x in free) > m


@pytest.mark.parametrize(("m", "seed"), [(700, 1), (700, 2), (300, 3), (60, 4), (2, 5)])
def test_fast_value_screen_keeps_the_plain_rules_pairs(m: int, seed: int) -> None:
    """The screen by class of member gives, block by block, the plain rule's pairs, also where
    most rows tie at the cut (wire copy repeats clauses word for word, and which of the tied
    pairs ``argpartition`` keeps decides links): rows repeat a few vectors, many members share
    an exact figure, frames are known and unknown, articles hold several members."""
    rng = np.random.default_rng(seed)
    words = 30
    distinct = rng.random((max(m // 6, 1), words)) * (rng.random((max(m // 6, 1), words)) < 0.2)
    distinct[0] = 0.0  # clauses with no weighted word: context 0 with everything
    unit = (distinct / np.maximum(np.linalg.norm(distinct, axis=1, keepdims=True), 1e-12)).astype(np.float32)
    facts = _random_members(
        rng,
        np.sort(rng.integers(0, max(m // 15, 2), m)),
        rng.integers(0, len(distinct), m),
        frames=4,
        sure=0.4,
        exact=(0.3, 5),
    )
    tables = _screen_tables(facts)
    assert tables is not None
    rows = sparse.csr_matrix(unit)
    kept = 0
    for start in range(0, m, _BLOCK):
        stop = min(start + _BLOCK, m)
        plain = _screen_block(start, stop, unit, unit.T, facts)
        fast = _screen_block_fast(np.arange(start, stop), unit, unit.T, facts, tables)
        assert np.array_equal(np.sort(plain), np.sort(fast))
        # The sparse matrices of a large bucket.
        plain = _screen_block(start, stop, rows, rows.T.tocsr(), facts)
        fast = _screen_block_fast(np.arange(start, stop), rows, rows.T.tocsr(), facts, tables)
        assert np.array_equal(np.sort(plain), np.sort(fast))
        kept += len(plain)
    assert m < 100 or kept > m


def _random_members(
    rng: np.random.Generator,
    article: np.ndarray[Any, Any],
    vector: np.ndarray[Any, Any],
    frames: int,
    sure: float,
    exact: tuple[float, int],
) -> _Screened:
    """A bucket's members with random classes: ``sure`` and ``exact[0]`` are shares of the
    members, ``exact[1]`` how many exact figures they share."""
    m = len(article)
    share, figures = exact
    return _Screened(
        vector=vector,
        article=article,
        frame=rng.integers(0, frames, m),
        known=rng.random(m) < 0.5,
        sure=rng.random(m) < sure,
        has_holder=rng.random(m) < 0.4,
        noun=rng.random(m) < 0.5,
        exact=np.where(rng.random(m) < share, rng.integers(0, figures, m), -1),
    )


@pytest.mark.parametrize(("m", "seed"), [(700, 6), (300, 7)])
def test_value_screen_by_distinct_vector_keeps_each_members_pairs(m: int, seed: int) -> None:
    """Screening a row per distinct vector, blocks of rows taken by class and vector, keeps the
    pairs of a screen with a row per member in member order. The vectors hold four words of
    weight 0.5, so every product is a multiple of 0.25 in any order and shape, and rows tie."""
    rng = np.random.default_rng(seed)
    distinct = np.zeros((m // 5, 16), dtype=np.float32)
    for row in distinct[1:]:  # the first has no weighted word
        row[rng.choice(16, 4, replace=False)] = 0.5
    vector = rng.integers(0, len(distinct), m)
    articles = np.sort(rng.integers(0, m // 12, m))
    facts = _random_members(rng, articles, vector, frames=3, sure=0.4, exact=(0.3, 5))
    tables = _screen_tables(facts)
    assert tables is not None
    by_vector = np.lexsort((vector, tables.code))
    fast = np.concatenate(
        [
            _screen_block_fast(by_vector[s : s + _BLOCK], distinct, distinct.T, facts, tables)
            for s in range(0, m, _BLOCK)
        ]
    )
    each = facts._replace(vector=np.arange(m))
    members = distinct[vector]
    plain = np.concatenate(
        [_screen_block(s, min(s + _BLOCK, m), members, members.T, each) for s in range(0, m, _BLOCK)]
    )
    assert np.array_equal(np.unique(fast), np.unique(plain))
    assert len(np.unique(plain)) > m


def test_a_bucket_of_many_classes_takes_the_plain_screen() -> None:
    m = 300
    facts = _Screened(
        vector=np.arange(m),
        article=np.arange(m) // 3,
        frame=np.arange(m),
        known=np.ones(m, dtype=bool),
        sure=np.ones(m, dtype=bool),
        has_holder=np.zeros(m, dtype=bool),
        noun=np.ones(m, dtype=bool),
        exact=np.full(m, -1),
    )
    assert _screen_tables(facts) is None
    assert _screen_tables(facts._replace(frame=np.arange(m) % 8)) is not None


def test_holder_rules_per_distinct_holder_equal_the_rule_per_pair() -> None:
    """The holder rule looked up per distinct holder and (holder, outlet) gives, for every pair
    asked, what :func:`holders_compatible` and a shared holder give pair by pair."""
    facts = facts_of([TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))])
    members = [f for f in facts.facts if f.value is not None]
    article_words = [_words(a.text) for a in facts.articles]
    i, j = np.triu_indices(len(members), k=1)
    asked = np.random.default_rng(3).random(len(i)) < 0.8
    compatible, shared = _holder_rules(members, i, j, asked, article_words)
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        fa, fb = members[a], members[b]
        held = asked[k] and bool(fa.holder) and bool(fb.holder)
        plain = holders_compatible(fa.holder, fb.holder, article_words[fa.article], article_words[fb.article])
        assert compatible[k] == (plain if held else True)
        assert shared[k] == (held and bool(fa.holder & fb.holder))
    assert not compatible.all() and shared.any()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abS's’ .Ü1_-")), max_size=30))
def test_sentence_words_skip_the_possessive_strip_only_when_there_is_none(text: str) -> None:
    words = WORD.findall(strip_accents(text.lower()))
    plain = frozenset(w.removesuffix("'s").removesuffix("’s") for w in words)
    assert _words.__wrapped__(text) == plain  # type: ignore[attr-defined]


def test_one_blas_thread_holds_for_the_whole_block_and_is_lifted_after() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads() -> set[int]:
        return {int(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"}

    with threadpool_limits(2, user_api="blas"):
        if not blas_threads():
            pytest.skip("numpy has no BLAS that threadpoolctl can see")
        before = blas_threads()
        with one_blas_thread():
            assert blas_threads() == {1}
            with one_blas_thread():
                assert blas_threads() == {1}
            assert blas_threads() == {1}, "a nested block lifted the limit"
        assert blas_threads() == before
