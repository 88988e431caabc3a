"""Explainable features of a pair of clauses, for the learned statement-link score.

Each feature is one reason a reviewer could give for two sentences saying the same thing
(the same weighted words, the rare words of one found in the other, the same figures),
so the detail view can show why two clauses matched. The weights that combine them are
fitted on labelled pairs by ``python -m tui.evaluation.fit_pair_score`` and live in
:mod:`tui.core.pair_model`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from tui.core.normalise import Normalised
from tui.core.rows import Rows, from_entries, row_dots, row_sums
from tui.core.unique import unique, unique_first, unique_inverse
from tui.core.words import is_figure

FEATURES = (
    "cosine",
    "containment",
    "jaccard",
    "rare_containment",
    "length_gap",
    "figures_agree",
    "figures_differ",
    "names_shared",
    "rare_shared",
    "two_shared",
)
"""Column order of :func:`pair_features`. Wording ratios (rapidfuzz's ``token_sort_ratio``,
``token_set_ratio``, ``partial_ratio``, ``ratio``) were features until the eighteenth round:
refitted without them the score's cross-validated accuracy was the same within 0.003 (0.780
with, 0.779 without, on MRPC and the dev-story pairs), while they were a fifth of a large
story's linking CPU (docs/performance.md, eighteenth round). The detail view still shows
:func:`wording_similarity` of a link's two clauses."""
_RARE_CAP = 3
"""Shared rare words counted up to this many."""
_RARE_SHARE = 0.5
"""A clause's rare words: the top half of its words by IDF."""


def pair_features(
    left: Sequence[Normalised], right: Sequence[Normalised], idf: Mapping[str, float]
) -> np.ndarray[Any, Any]:
    """One row of :data:`FEATURES` per pair ``(left[i], right[i])``, every value in 0..1."""
    n = len(left)
    clauses = [*left, *right]
    return indexed_pair_features(clauses, np.arange(n), np.arange(n, 2 * n), idf)


def indexed_pair_features(
    clauses: Sequence[Normalised],
    a: np.ndarray[Any, Any],
    b: np.ndarray[Any, Any],
    idf: Mapping[str, float],
) -> np.ndarray[Any, Any]:
    """:func:`pair_features` of the pairs ``(clauses[a[k]], clauses[b[k]])``."""
    if len(a) == 0:
        return np.zeros((0, len(FEATURES)))
    return _set_features(clauses, np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64), idf)


def wording_similarity(a: str, b: str) -> float:
    """How alike two clauses are worded, 0..1, whatever the order of their words (rapidfuzz's
    ``token_sort_ratio``): what a reviewer reads as "fuzzy" beside a link's score. Not part of
    the score (see :data:`FEATURES`), so it is worked out only for the links shown."""
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(a, b)) / 100.0


class _ClauseRows:
    """Every distinct clause of a batch of pairs as rows of sparse 0/1 matrices over one
    vocabulary (its words, rare words, very rare words, figures, name words), so that what
    two clauses share is a row-wise product for all pairs at once instead of Python set
    operations per pair (a large story scores millions of pairs).

    ``clauses`` become rows in their order; :attr:`row_of` gives each one's row. A row holds
    what the set features read of a clause, its tokens and its names: wire copy repeats
    those (a fifth of the statements at 200 articles), and clauses that repeat them share one
    row, so their pairs are one pair of rows."""

    def __init__(self, idf: Mapping[str, float], clauses: Sequence[Normalised]) -> None:
        self.idf = idf
        self.top = max(idf.values(), default=1.0)
        keys = [(norm.tokens, tuple(name for name, _, _ in norm.names)) for norm in clauses]
        self.row: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self.row_of = [self.row.setdefault(key, len(self.row)) for key in keys]
        distinct = [clauses[k] for k in unique_first(np.asarray(self.row_of, dtype=np.int64))[1].tolist()]
        self.length = [len(norm.tokens) for norm in distinct]
        self.vocab: dict[str, int] = {}
        self.entries: dict[str, tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]] = {}
        self._build(distinct)

    def _build(self, distinct: Sequence[Normalised]) -> None:
        """The entries of every kind, in numpy over all rows at once: the Python of a
        clause's own sets per row cost 0.3 s at 200 articles (docs/performance.md, fifteenth
        round). The vocabulary's columns are numbered as a row at a time would: each row's
        new words in the order of its set of words, then its new figures, then its new name
        words; every sum of the set features adds a row's terms in column order, so this
        order is part of the floats."""
        # Each distinct token once: whether it is a figure, its IDF, and its place in the
        # order rare words are picked in (by IDF, ties by the word).
        token_id: dict[str, int] = {}
        flat = [token_id.setdefault(t, len(token_id)) for norm in distinct for t in norm.tokens]
        tokens = list(token_id)
        figure = np.asarray(list(map(is_figure, tokens)), dtype=bool)
        weight = [self.idf.get(t, 1.0) for t in tokens]
        rank = np.empty(len(tokens), dtype=np.int64)
        rank[sorted(range(len(tokens)), key=lambda i: (-weight[i], tokens[i]))] = np.arange(len(tokens))
        very_rare = np.asarray(weight, dtype=np.float64) >= 0.6 * self.top
        width = max(len(tokens), 1)
        # Each row's distinct tokens, as (row, token) in increasing order.
        owner = np.repeat(np.arange(len(distinct), dtype=np.int64), self.length)
        pairs = unique(owner * width + np.asarray(flat, dtype=np.int64))
        row, token = pairs // width, pairs % width
        # The vocabulary, row by row where a row brings a token not seen before.
        firsts = np.zeros(len(distinct), dtype=bool)
        if len(flat):
            firsts[owner[unique_first(np.asarray(flat, dtype=np.int64))[1]]] = True
        vocab, is_figure_of = self.vocab, dict(zip(tokens, figure.tolist(), strict=True))
        name_rows: list[int] = []
        name_terms: list[str] = []
        names_of: dict[tuple[str, ...], set[str]] = {}  # by the clause's names
        for r, norm in enumerate(distinct):
            if firsts[r]:
                for t in {t for t in norm.tokens if not is_figure_of[t]}:
                    vocab.setdefault(t, len(vocab))
                for t in {t for t in norm.tokens if is_figure_of[t]}:
                    vocab.setdefault(t, len(vocab))
            key = tuple(name for name, _, _ in norm.names)
            names = names_of.get(key)
            if names is None:
                names = names_of[key] = {"\0" + w for w in _name_words(norm)}  # words' own namespace
            for t in names:
                vocab.setdefault(t, len(vocab))
            name_rows.extend([r] * len(names))
            name_terms.extend(names)
        column = np.asarray([vocab[t] for t in tokens], dtype=np.int64)[token]
        words = ~figure[token]
        word_row, word_token = row[words], token[words]
        # A row's rare words: the top share of its words by IDF, ties broken by the word so
        # the choice does not depend on set order.
        count = np.bincount(word_row, minlength=len(distinct))
        by_rank = np.argsort(word_row * width + rank[word_token], kind="stable")
        place = np.arange(len(by_rank)) - (np.cumsum(count) - count)[word_row[by_rank]]
        share = np.maximum(1, np.floor(count * _RARE_SHARE).astype(np.int64))
        rare = by_rank[place < share[word_row[by_rank]]]
        col_of_word = column[words]
        self.entries = {
            "words": (word_row, col_of_word),
            "rare": (word_row[rare], col_of_word[rare]),
            "very_rare": (word_row[very_rare[word_token]], col_of_word[very_rare[word_token]]),
            "figures": (row[~words], column[~words]),
            "names": (
                np.asarray(name_rows, dtype=np.int64),
                np.asarray([vocab[t] for t in name_terms], dtype=np.int64),
            ),
        }

    def matrix(self, kind: str, weighted: bool = False, small: bool = False) -> Any:
        rows, cols = self.entries[kind]
        data = self.column_weights()[cols] if weighted else np.ones(len(cols))
        shape = (len(self.length), max(len(self.vocab), 1))
        if small:  # a small batch's few entries, as the lists from_entries takes
            return from_entries(data.tolist(), rows.tolist(), cols.tolist(), shape)
        from scipy import sparse

        return sparse.csr_matrix((data, (rows, cols)), shape=shape)

    def column_weights(self) -> np.ndarray[Any, Any]:
        """Each column's squared IDF (1.0 for a term without one)."""
        out = np.zeros(max(len(self.vocab), 1))
        for term, c in self.vocab.items():
            out[c] = self.idf.get(term, 1.0) ** 2
        return out


SMALL_BATCH = 100_000
"""Pairs up to which the clause matrices are plain numpy rows (:mod:`tui.core.rows`): importing
scipy takes longer than a small story's whole analysis; large batches use scipy's matrices."""


_CHUNK = 100_000
"""Pairs multiplied at once, bounding the memory of the row-wise products."""


def _shared(x: Any, y: Any, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Row-wise dot products ``x[a[k]] . y[b[k]]``: how much the pair's two rows share."""
    if isinstance(x, Rows):
        return row_dots(x, y, a, b)
    out = np.zeros(len(a))
    for start in range(0, len(a), _CHUNK):
        chunk = slice(start, start + _CHUNK)
        out[chunk] = np.asarray(x[a[chunk]].multiply(y[b[chunk]]).sum(axis=1)).ravel()
    return out


def _set_features(
    clauses: Sequence[Normalised], a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], idf: Mapping[str, float]
) -> np.ndarray[Any, Any]:
    """The :data:`FEATURES` of every pair ``(a[k], b[k])``: what the two clauses' sets of
    words, figures and names share. A story's candidate pairs name each clause dozens of
    times and wire copy repeats clauses, so each distinct clause is a row once and each
    distinct pair of rows is scored once; a pair's features depend on its two clauses alone,
    so the result is the same as scoring every pair."""
    # Clauses are added in the order the pairs first name them, left sides first: the order
    # that fixes the vocabulary's columns, and with them the order every product is summed in.
    named = [values[np.argsort(first, kind="stable")] for values, first in map(unique_first, (a, b))]
    order = unique_first(np.concatenate(named))[1]
    added = np.concatenate(named)[np.sort(order)]
    rows = _ClauseRows(idf, [clauses[k] for k in added.tolist()])
    row_of = np.full(len(clauses), -1, dtype=np.int64)
    row_of[added] = rows.row_of
    small = len(a) <= SMALL_BATCH  # decided on every pair, as before: the same path, the same sums
    # Each distinct pair of rows once (repeated pairs of rows have the same features).
    pair_codes, where = unique_inverse(row_of[a] * len(rows.length) + row_of[b])
    out = _row_features(rows, pair_codes // len(rows.length), pair_codes % len(rows.length), small)
    return np.asarray(out[where])


class _Overlap(NamedTuple):
    """What the set features read: per row, its words' summed squared IDF and its counts of
    words, rare words, figures and name words; per pair, the squared IDF its rows' common
    words sum to and its counts of common words, rare words of either row among the other's
    words, common figures, common name words and very rare words of the first row among the
    second's."""

    weight: np.ndarray[Any, Any]
    word_count: np.ndarray[Any, Any]
    rare_count: np.ndarray[Any, Any]
    figure_count: np.ndarray[Any, Any]
    name_count: np.ndarray[Any, Any]
    dot: np.ndarray[Any, Any]
    common: np.ndarray[Any, Any]
    rare_a: np.ndarray[Any, Any]
    rare_b: np.ndarray[Any, Any]
    figures: np.ndarray[Any, Any]
    names: np.ndarray[Any, Any]
    very_rare: np.ndarray[Any, Any]


def _overlap_by_matrices(
    clauses: _ClauseRows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], small: bool
) -> _Overlap:
    """:class:`_Overlap` as row-wise products of one matrix per kind of term: the plain rule."""
    words = clauses.matrix("words", small=small)
    weighted = clauses.matrix("words", weighted=True, small=small)
    rare = clauses.matrix("rare", small=small)
    figures = clauses.matrix("figures", small=small)
    names = clauses.matrix("names", small=small)

    def per_row(matrix: Any) -> np.ndarray[Any, Any]:
        return row_sums(matrix) if isinstance(matrix, Rows) else np.asarray(matrix.sum(axis=1)).ravel()

    return _Overlap(
        per_row(weighted),
        per_row(words),
        per_row(rare),
        per_row(figures),
        per_row(names),
        _shared(weighted, words, a, b),
        _shared(words, words, a, b),
        _shared(rare, words, a, b),
        _shared(rare, words, b, a),
        _shared(figures, figures, a, b),
        _shared(names, names, a, b),
        _shared(clauses.matrix("very_rare", small=small), words, a, b),
    )


def _overlap_large(clauses: _ClauseRows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> _Overlap:
    """:func:`_overlap_by_matrices` of a large batch, the same floats in one pass over each
    pair's common terms instead of seven scipy products.

    The plain rule multiplies rows of scipy matrices (``x[a].multiply(y[b]).sum(axis=1)``),
    each of which copies every pair's two rows and merges them; here every term of a pair's
    first row is looked up once among the second row's (one sorted array of all rows' terms)
    and each count read off what it found. Counts are whole numbers, exact in any order. The
    two sums (a row's squared IDF, a pair's common words' squared IDF) are added as scipy adds
    a row of its product: the nonzero terms in column order by ``np.add.reduceat``."""
    n_rows, width = len(clauses.length), max(len(clauses.vocab), 1)
    words, rare = clauses.entries["words"], clauses.entries["rare"]
    figures, names = clauses.entries["figures"], clauses.entries["names"]
    # Every row's terms in one sorted array of keys row * width + column (a column is one
    # kind of term), with what each term is.
    row = np.concatenate((words[0], figures[0], names[0]))
    col = np.concatenate((words[1], figures[1], names[1]))
    kind = np.repeat(np.arange(3, dtype=np.int8), [len(words[0]), len(figures[0]), len(names[0])])
    keys = row * width + col
    order = np.argsort(keys, kind="stable")
    keys, row, col, kind = keys[order], row[order], col[order], kind[order]
    is_rare = np.isin(keys, rare[0] * width + rare[1])
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
    weight_of = clauses.column_weights()
    very_rare_col = np.zeros(width, dtype=bool)
    very_rare_col[clauses.entries["very_rare"][1]] = True
    is_word = kind == 0
    weight = _sums_in_order(weight_of[col[is_word]], row[is_word], n_rows)
    count = np.bincount(row[is_word], minlength=n_rows).astype(np.float64)
    rare_count = np.bincount(row[is_rare], minlength=n_rows).astype(np.float64)
    figure_count = np.bincount(row[kind == 1], minlength=n_rows).astype(np.float64)
    name_count = np.bincount(row[kind == 2], minlength=n_rows).astype(np.float64)
    table = None
    if n_rows * width <= _TABLE_CELLS:
        table = np.zeros((n_rows, width), dtype=np.uint8)
        table[row, col] = np.where(is_rare, 2, 1)
    parts: list[tuple[np.ndarray[Any, Any], ...]] = []
    for start in range(0, len(a), _CHUNK):
        pa, pb = a[start : start + _CHUNK], b[start : start + _CHUNK]
        # Each term of the first row, and where the second row holds it.
        counts = indptr[pa + 1] - indptr[pa]
        pair = np.repeat(np.arange(len(pa)), counts)
        at = np.repeat(indptr[pa] - np.cumsum(counts) + counts, counts) + np.arange(len(pair))
        if table is not None:
            # A table of what each row holds (1: the term, 2: a rare word of the row) where it is small.
            # One flat index is a cheaper gather than two arrays', and the hits found once
            # (few terms are shared) rather than one mask per array.
            held = table.ravel()[pb[pair] * width + col[at]]
            hit = np.flatnonzero(held)
            pair, at, rare_b_term = pair[hit], at[hit], held[hit] > 1
        else:
            wanted = pb[pair] * width + col[at]
            found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            hit = keys[found] == wanted
            pair, at, rare_b_term = pair[hit], at[hit], is_rare[found[hit]]
        word = kind[at] == 0
        k = len(pa)
        parts.append(
            (
                _sums_in_order(weight_of[col[at[word]]], pair[word], k),
                np.bincount(pair[word], minlength=k).astype(np.float64),
                np.bincount(pair[word & is_rare[at]], minlength=k).astype(np.float64),
                np.bincount(pair[word & rare_b_term], minlength=k).astype(np.float64),
                np.bincount(pair[kind[at] == 1], minlength=k).astype(np.float64),
                np.bincount(pair[kind[at] == 2], minlength=k).astype(np.float64),
                np.bincount(pair[word & very_rare_col[col[at]]], minlength=k).astype(np.float64),
            )
        )
    dot, common, rare_a, rare_b, shared_figures, shared_names, very_rare = (
        np.concatenate([p[n] for p in parts]) if parts else np.zeros(0) for n in range(7)
    )
    return _Overlap(
        weight,
        count,
        rare_count,
        figure_count,
        name_count,
        dot,
        common,
        rare_a,
        rare_b,
        shared_figures,
        shared_names,
        very_rare,
    )


_TABLE_CELLS = 32_000_000
"""Rows x vocabulary up to which :func:`_overlap_large` looks terms up in a byte per cell
(32 MB at most) rather than by binary search."""


def _sums_in_order(values: np.ndarray[Any, Any], owner: np.ndarray[Any, Any], n: int) -> np.ndarray[Any, Any]:
    """The sum of each owner's nonzero ``values`` (grouped by owner, in order) as scipy's
    ``sum(axis=1)`` adds a row of its compressed rows: ``np.add.reduceat`` over each nonempty
    row (pairwise from eight terms, so not the same float as adding them one by one)."""
    out = np.zeros(n)
    nonzero = values != 0
    values, owner = values[nonzero], owner[nonzero]
    if len(values):
        starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        out[owner[starts]] = np.add.reduceat(values, starts)
    return out


def _row_features(
    clauses: _ClauseRows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], small: bool
) -> np.ndarray[Any, Any]:
    """The set features of the pairs of rows ``(a[k], b[k])``."""
    o = _overlap_by_matrices(clauses, a, b, small) if small else _overlap_large(clauses, a, b)
    weight, count, rare_count, figure_count, name_count = (
        o.weight,
        o.word_count,
        o.rare_count,
        o.figure_count,
        o.name_count,
    )
    dot, common = o.dot, o.common
    wa, wb = weight[a], weight[b]
    both = (wa > 0) & (wb > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.where(both, dot / np.sqrt(wa * wb), 0.0)
        containment = np.where(both, dot / np.minimum(wa, wb), 0.0)
        union = count[a] + count[b] - common
        jaccard = np.where(union > 0, common / union, 0.0)
        rare_a = np.where(rare_count[a] > 0, o.rare_a / rare_count[a], 0.0)
        rare_b = np.where(rare_count[b] > 0, o.rare_b / rare_count[b], 0.0)
        length = np.asarray(clauses.length, dtype=np.float64)
        gap = np.abs(length[a] - length[b]) / np.maximum(np.maximum(length[a], length[b]), 1.0)
        shared_figures = o.figures > 0
        has_figures = (figure_count[a] > 0) & (figure_count[b] > 0)
        shared_names = o.names
        smaller = np.minimum(name_count[a], name_count[b])
        name_share = np.where(smaller > 0, shared_names / smaller, 0.0)
    very_rare = o.very_rare
    return np.column_stack(
        (
            cosine,
            np.minimum(containment, 1.0),
            jaccard,
            np.minimum(rare_a, rare_b),
            gap,
            shared_figures.astype(np.float64),
            (has_figures & ~shared_figures).astype(np.float64),
            name_share,
            np.minimum(very_rare, _RARE_CAP) / _RARE_CAP,
            ((common >= 2) | (shared_names > 0)).astype(np.float64),
        )
    )


def _name_words(norm: Normalised) -> set[str]:
    """Name words of a clause as tokens ("Ousmane Dembélé" -> dembel, ousman): names are the
    most identifying words a statement has."""
    from tui.core.normalise import canonical_stem

    return {canonical_stem(w.lower()) for name, _, _ in norm.names for w in name.split() if len(w) > 1}
