"""The linking stage's tenth-round shortcuts give the very floats and links of the plain ones."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.core.conftest import facts_of
from tui.core import pair_features
from tui.core import rows as rows_module
from tui.core.linking import _cited_names, _only_sources_shared
from tui.core.match import Item, weights
from tui.core.normalise import Normalised, normalise
from tui.core.pipeline import TextInput
from tui.core.rows import Rows, from_entries, row_dots
from tui.core.words import is_figure

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _random_rows(rng: np.random.Generator, shape: tuple[int, int], share: float, ones: bool = False) -> Rows:
    dense = np.where(rng.random(shape) < share, 1.0 if ones else rng.random(shape) * 7, 0.0)
    dense[3] = 0.0  # an empty row
    dense[5] = np.where(rng.random(shape[1]) < 0.9, rng.random(shape[1]) * 3, 0.0)  # a long row: 9+ terms
    r, c = np.nonzero(dense)
    order = rng.permutation(len(r))  # rows are built from entries in any order
    return from_entries(dense[r, c][order].tolist(), r[order].tolist(), c[order].tolist(), shape)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_row_dots_read_from_a_dense_copy_are_the_sorted_intersections_floats(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    x = _random_rows(rng, (40, 60), 0.2)
    y = _random_rows(rng, (40, 60), 0.35, ones=seed == 2)
    a = rng.integers(0, 40, size=45_000)  # more than one batch of pairs
    b = rng.integers(0, 40, size=45_000)
    a[:5] = b[:5]  # a row with itself
    a[5], b[6] = 3, 5
    assert rows_module._lookup(x, y) is not None
    fast, fast_self = row_dots(x, y, a, b), row_dots(x, x, a, b)
    monkeypatch.setattr(rows_module, "_LOOKUP_CELLS", 0)
    assert rows_module._lookup(x, y) is None
    assert np.array_equal(fast, row_dots(x, y, a, b))
    assert np.array_equal(fast_self, row_dots(x, x, a, b))
    assert row_dots(x, y, a[:0], b[:0]).shape == (0,)


def test_rows_wider_than_the_other_or_not_finite_take_the_sorted_intersection() -> None:
    x = from_entries([1.0, 2.0], [0, 1], [0, 7], (2, 8))
    y = from_entries([3.0], [1], [0], (2, 4))
    assert rows_module._lookup(x, y) is None
    inf = from_entries([np.inf], [0], [1], (2, 4))
    assert rows_module._lookup(y, inf) is None and rows_module._lookup(inf, y) is None


def _seed_clause_rows() -> tuple[pair_features._ClauseRows, list[Normalised]]:
    """Every sentence of the seeds, once more with words dropped and figures and names added,
    so that pairs share from none to a dozen words (reduceat adds eight or more pairwise)."""
    texts = [s for p in sorted(SEEDS.glob("*.txt")) for s in re.split(r"(?<=[.!?])\s+", p.read_text("utf-8"))]
    texts = [t for t in texts if len(t.split()) >= 4][:400]
    more = [
        " ".join(t.split()[1:]) + " Harbour Times said 42% of 1,200 voters in Leipzig agreed."
        for t in texts[:150]
    ]
    clauses = [normalise(t) for t in texts + more]
    idf = weights([Item(n % 5, c) for n, c in enumerate(clauses)])
    return pair_features._ClauseRows(idf, clauses), clauses


@pytest.mark.parametrize("table_cells", [pair_features._TABLE_CELLS, 0])
def test_overlap_of_a_large_batch_is_the_scipy_products_floats(
    monkeypatch: pytest.MonkeyPatch, table_cells: int
) -> None:
    monkeypatch.setattr(pair_features, "_TABLE_CELLS", table_cells)
    monkeypatch.setattr(pair_features, "_CHUNK", 7_000)  # more than one chunk
    rows, _ = _seed_clause_rows()
    rng = np.random.default_rng(4)
    n = len(rows.length)
    a = rng.integers(0, n, size=20_000)
    b = rng.integers(0, n, size=20_000)
    b[:400] = (a[:400] + 400) % n  # a sentence against its shortened copy: many common words
    a[400:410] = b[400:410]  # a row with itself
    plain = pair_features._overlap_by_matrices(rows, a, b, small=False)
    fast = pair_features._overlap_large(rows, a, b)
    assert max(plain.common) >= 12 and plain.figures.any() and plain.names.any()
    for name, x, y in zip(pair_features._Overlap._fields, plain, fast, strict=True):
        assert np.array_equal(x, y), name


def test_clause_rows_built_at_once_are_the_plain_rows_and_columns() -> None:
    """The rows are built in numpy over all clauses at once: each row holds the terms of the
    plain per-clause rule, and the vocabulary numbers the terms as adding one clause at a time
    would (each clause's new words in the order of its set of words, then figures, then names),
    the order every sum of the set features adds a row's terms in."""
    rows, clauses = _seed_clause_rows()
    assert len(rows.length) == len(clauses) == len(set(rows.row_of))
    top = max(rows.idf.values())
    vocab: dict[str, int] = {}
    for r, norm in enumerate(clauses):
        words = {t for t in norm.tokens if not is_figure(t)}
        ranked = sorted(words, key=lambda t: (-rows.idf.get(t, 1.0), t))
        plain = {
            "words": words,
            "rare": ranked[: max(1, int(len(words) * pair_features._RARE_SHARE))] if words else [],
            "very_rare": [t for t in words if rows.idf.get(t, 1.0) >= 0.6 * top],
            "figures": {t for t in norm.tokens if is_figure(t)},
            "names": {"\0" + w for w in pair_features._name_words(norm)},
        }
        for kind, terms in plain.items():
            got = sorted(c for row, c in zip(*rows.entries[kind], strict=True) if row == r)
            assert got == sorted(vocab.setdefault(t, len(vocab)) for t in terms), kind
    assert list(rows.vocab.items()) == list(vocab.items())


@pytest.mark.parametrize("small_batch", [pair_features.SMALL_BATCH, 0])
def test_clauses_that_read_alike_share_a_row(monkeypatch: pytest.MonkeyPatch, small_batch: int) -> None:
    """Clauses with the same tokens and names (wire copy) are one row of the set features,
    whatever else differs; another name is another row. A pair through a shared row has the
    same set features, bit for bit, as the pair through the other clause, and each pair scores as
    it does alone, on both matrix paths."""
    monkeypatch.setattr(pair_features, "SMALL_BATCH", small_batch)
    x = normalise("Mayor Ana Ruiz said 40 people were moved out of Leipzig on Tuesday.")
    y = normalise("The plant in Leipzig stays open through the winter, its owners said.")
    assert x.names
    retold = replace(x, text=x.text + " ", names=tuple((n, s + 1, e + 1) for n, s, e in x.names))
    renamed = replace(x, names=(("Dana Okafor", 0, 11),))
    rows = pair_features._ClauseRows(weights([Item(0, x), Item(1, y)]), [x, retold, renamed])
    assert rows.row_of[0] == rows.row_of[1] != rows.row_of[2]
    clauses = [x, y, retold, renamed]
    idf = weights([Item(n, c) for n, c in enumerate(clauses)])
    a, b = np.asarray([0, 2, 3, 1, 1, 2]), np.asarray([1, 1, 1, 0, 2, 3])
    got = pair_features.indexed_pair_features(clauses, a, b, idf)
    sets = slice(pair_features.FEATURES.index("cosine"), None)  # the fuzzy scores read the text
    assert np.array_equal(got[0, sets], got[1, sets]) and not np.array_equal(got[0, sets], got[2, sets])
    for row, i, j in zip(got, a.tolist(), b.tolist(), strict=True):
        alone = pair_features.pair_features([clauses[i]], [clauses[j]], idf)[0]
        assert np.allclose(row, alone, rtol=1e-12, atol=0.0)  # columns in another order


def test_a_sentence_cites_someone_exactly_when_its_cited_names_are_not_empty() -> None:
    """The veto's 'cites anyone' mask reads attributions() instead of the normalised names."""
    from tui.core.attribution import attributions
    from tui.core.linking import _cited_names

    texts = [s for p in sorted(SEEDS.glob("*.txt")) for s in re.split(r"(?<=[.!?])\s+", p.read_text("utf-8"))]
    texts += ["It was, he said.", "According to , the toll rose.", "(via ) 40 died.", "Officials said so."]
    assert any(attributions(t) for t in texts) and not all(attributions(t) for t in texts)
    for text in texts:
        assert bool(attributions(text)) == bool(_cited_names(text)), text


def test_pairs_that_only_share_a_cited_source_are_the_plain_rule_pair_by_pair() -> None:
    """The veto's cited-source check reads each fact's cited sources once for all its pairs:
    for every pair of statements, the answer of the plain rule (the sources both sentences
    cite, then whether their shared non-figure tokens are all words of those sources)."""
    a = (
        "Storm\n\nA spokesman put the toll in the port at 5,300, the Associated Press reported.\n\n"
        "Bridges across the valley were gone, the Associated Press reported.\n"
    )
    b = (
        "Storm\n\nSpeaking to The Associated Press, the mayor said the port was shut.\n\n"
        "Bridges across the valley were gone, Reuters reported.\n\n"
        "Bridges across the valley were gone, the Associated Press reported on Tuesday.\n"
    )
    facts = facts_of([TextInput(a, "A"), TextInput(b, "B")])
    statements = [f.index for f in facts.facts if f.kind == "statement"]
    pairs = [(x, y) for x in statements for y in statements if x != y]
    got = _only_sources_shared(facts, [x for x, _ in pairs], [y for _, y in pairs])

    def plain(x: int, y: int) -> bool:
        fx, fy = facts.facts[x], facts.facts[y]
        cited = [_cited_names(facts.sentences[f.sentence].text) for f in (fx, fy)]
        same = cited[0] & cited[1]
        words = [{t for t in f.norm.tokens if not is_figure(t)} for f in (fx, fy)]
        shared = words[0] & words[1]
        return bool(same) and bool(shared) and shared <= {t for name in same for t in name}

    expected = [plain(x, y) for x, y in pairs]
    assert got.tolist() == expected and any(expected) and not all(expected)
