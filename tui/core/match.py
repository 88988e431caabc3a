"""Statement linking: candidate clause pairs and the learned score that decides them.

Candidates come from the sparse product of IDF-weighted word vectors, so only clauses that
share some weighted word are ever scored and the cost follows the real candidates, not the
square of the number of clauses; rare words (names, numbers) weigh most. Each candidate is
then scored by a logistic regression over explainable features (:mod:`tui.core.pair_features`,
coefficients in :mod:`tui.core.pair_model`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np

from tui.core.normalise import Normalised
from tui.core.unique import unique, unique_inverse
from tui.core.words import is_figure

CANDIDATE_MIN = 0.12
"""Cosine or containment below this is not worth scoring as a candidate."""
_DENSE_LIMIT = 2500
"""Up to this many sentences a dense product is faster than building a sparse matrix."""
_BLOCK_ROWS = 2000
"""Rows of the sparse product computed at once, bounding its memory."""
_COMMON_MIN_DF = 50
_COMMON_SHARE = 0.05
"""Words in more sentences than both of these are not used to find candidates."""
_CANDIDATES_PER_SENTENCE = 30
LINKS_PER_SENTENCE = 10
_FIGURE_BOOST = 1.6


@dataclass(frozen=True, slots=True)
class Item:
    """A sentence prepared for matching."""

    article: int
    norm: Normalised


class Link(NamedTuple):
    """A statement link; a named tuple because a large story makes a million of them, and a
    frozen dataclass costs several times more to build."""

    a: int
    b: int
    score: float
    overlap: float


def features(norm: Normalised) -> set[str]:
    """Tokens plus one slot per figure ("<percent>", "<number:hour>"): two sentences that
    give different values for the same kind of figure are still about the same thing,
    and conflicts are exactly those pairs."""
    slots = {f"<{v.kind}:{v.unit}>" if v.kind == "number" else f"<{v.kind}>" for v in norm.values}
    return set(norm.tokens) | slots


def weights(items: Sequence[Item]) -> dict[str, float]:
    """IDF of every token over the sentences, figures boosted: they pin a claim down."""
    df: dict[str, int] = {}
    for item in items:
        for token in features(item.norm):
            df[token] = df.get(token, 0) + 1
    n = max(len(items), 1)
    return {t: math.log(1 + n / d) * (_FIGURE_BOOST if is_figure(t) else 1.0) for t, d in df.items()}


STATEMENT_LINK_MIN = 0.55
"""Probability at which two clauses link. The fitted threshold maximises accuracy on training
pairs with about one positive in three; among a story's candidates most pairs state different
facts, so linking asks for a more probable match (measured on the dev set: precision rises,
recall barely moves). Chosen again when the wording ratios left the score (eighteenth round):
over 0.45, 0.5, 0.55 and 0.6 the dev set's pooled figures peak at 0.55, which links two more
shared facts than the old score did and loses none (docs/performance.md)."""
MUTUAL_LINK_MIN = 0.3
"""A pair that is each clause's best match in the other's article links from this probability:
two outlets telling one story state its facts in their own words, and the best counterpart of a
clause is usually its fact, even when the words differ."""
RESCUE_MIN = 0.1
"""Below the learned threshold, a pair still links at this probability when ``rescue`` says so."""


def find_statement_links(
    items: Sequence[Item],
    idf: dict[str, float],
    rescue: Callable[[int, int], bool] | None = None,
    veto: Callable[[np.ndarray[Any, Any], np.ndarray[Any, Any]], np.ndarray[Any, Any]] | None = None,
    rescuable: np.ndarray[Any, Any] | None = None,
) -> list[Link]:
    """Pairs of clauses from different articles that the learned score
    (:mod:`tui.core.pair_model`) says state the same fact, or that ``rescue`` vouches for:
    two reports of one fact that differ in a name share fewer words than two that agree.
    ``veto(a, b)`` is asked of arrays of pairs at once and answers, pair by pair, whether
    the pair must not link whatever its score. ``rescuable``, a mask of items, says which
    items ``rescue`` can vouch for: it is asked only of pairs of two such items."""
    if len(items) < 2:
        return []
    pairs_a, pairs_b, cosine, _ = _candidates(items, idf)
    if len(pairs_a) == 0:
        return []
    from tui.core.pair_features import FEATURES, indexed_pair_features
    from tui.core.pair_model import THRESHOLD

    features = indexed_pair_features([item.norm for item in items], pairs_a, pairs_b, idf)
    probability = pair_probability(features)
    two_shared = features[:, FEATURES.index("two_shared")] > 0  # one shared word never links
    passes = two_shared & (probability >= max(THRESHOLD, STATEMENT_LINK_MIN))
    mutual = _mutual_best(items, pairs_a, pairs_b, probability)
    passes |= two_shared & (probability >= MUTUAL_LINK_MIN) & mutual
    if rescue is not None:
        askable = (probability >= RESCUE_MIN) & ~passes
        if rescuable is not None:  # a Python call per pair saved where it would say no
            askable &= rescuable[pairs_a] & rescuable[pairs_b]
        for k in np.nonzero(askable)[0].tolist():
            if rescue(int(pairs_a[k]), int(pairs_b[k])):
                passes[k] = True
                probability[k] = STATEMENT_LINK_MIN
    keep = passes & _top_per_item(pairs_a, pairs_b, probability, LINKS_PER_SENTENCE)
    if veto is not None:
        # A veto only refuses a pair (the ranking above is by probability, which it leaves
        # alone), so it is asked of the pairs that would be kept, not of every passing one.
        asked = np.nonzero(keep)[0]
        keep[asked[np.asarray(veto(pairs_a[asked], pairs_b[asked]), dtype=bool)]] = False
    links: list[Link] = []
    kept = np.nonzero(keep)[0]
    for start in range(0, len(kept), _LINKS_AT_ONCE):
        # Python numbers converted a column at a time, in chunks: a large story keeps a
        # million links, and a full column of Python floats per field would double the peak.
        rows = kept[start : start + _LINKS_AT_ONCE]
        columns = (pairs_a[rows], pairs_b[rows], probability[rows], cosine[rows])
        # tuple.__new__ builds each named tuple in C, as Link(*fields) does through a Python
        # __new__ per link (a third of the cost of a million links).
        links.extend(map(tuple.__new__, repeat(Link), zip(*(x.tolist() for x in columns), strict=True)))
    return links


_LINKS_AT_ONCE = 50_000


def _mutual_best(
    items: Sequence[Item],
    pairs_a: np.ndarray[Any, Any],
    pairs_b: np.ndarray[Any, Any],
    score: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """Mask of pairs that are, for both clauses, the best-scoring candidate in the other's article."""
    if len(score) == 0:
        return np.zeros(0, dtype=bool)
    article = np.asarray([item.article for item in items], dtype=np.int64)
    count = int(article.max()) + 1
    # One key per (clause, other clause's article); the best score of each key, both ways.
    # The other article is counted from the clause's own around the ring: a clause's partners
    # are within reach (_may_pair), so a table of clauses x reachable articles holds every key
    # without sorting the keys (0.06 s at 200 articles); max is exact in any order.
    reach = _ring_reach(count)
    shift, width = (0, count) if reach is None else (reach, 2 * reach + 1)
    off_a = (article[pairs_b] - article[pairs_a] + shift) % count
    off_b = (article[pairs_a] - article[pairs_b] + shift) % count
    if len(items) * width <= _MUTUAL_CELLS and max(int(off_a.max()), int(off_b.max())) < width:
        where_a, where_b = pairs_a * width + off_a, pairs_b * width + off_b
        best = np.full(len(items) * width, -1.0)
    else:  # pairs out of reach, or a table too large: the keys' distinct values by a sort
        keys = np.concatenate((pairs_a * count + article[pairs_b], pairs_b * count + article[pairs_a]))
        distinct, where = unique_inverse(keys)
        where_a, where_b = where[: len(score)], where[len(score) :]
        best = np.full(len(distinct), -1.0)
    np.maximum.at(best, where_a, score)
    np.maximum.at(best, where_b, score)
    return np.asarray((score >= best[where_a]) & (score >= best[where_b]))


_MUTUAL_CELLS = 8_000_000
"""Clauses x reachable articles up to which :func:`_mutual_best` keeps a table (64 MB at most)."""


def pair_probability(features: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    from tui.core.pair_features import FEATURES
    from tui.core.pair_model import INTERCEPT, WEIGHTS

    coef = np.asarray([WEIGHTS[name] for name in FEATURES])
    return np.asarray(1.0 / (1.0 + np.exp(-(features @ coef + INTERCEPT))))


def _candidates(
    items: Sequence[Item], idf: dict[str, float]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Pairs from different articles that share weighted words, each item's best few."""
    vocab, row_idx, col_idx, data = _weighted_rows(items, idf)
    empty = np.zeros(0, dtype=np.int64)
    if not len(data):
        return empty, empty, np.zeros(0), np.zeros(0)
    n, v = len(items), len(vocab)
    sq_norm = np.bincount(row_idx, weights=data * data, minlength=n)
    articles = np.asarray([item.article for item in items], dtype=np.int64)
    figure_cols = np.zeros(v, dtype=bool)
    for token, col in vocab.items():
        figure_cols[col] = token.startswith("<") or is_figure(token)
    pairs_a, pairs_b, dots = _gram_pairs(row_idx, col_idx, data, n, v, articles, figure_cols, sq_norm)
    na, nb = sq_norm[pairs_a], sq_norm[pairs_b]
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.nan_to_num(dots / np.sqrt(na * nb))
        containment = np.nan_to_num(dots / np.minimum(na, nb))
    keep = (cosine >= CANDIDATE_MIN) | (containment >= 0.5)
    pairs_a, pairs_b, cosine, containment = pairs_a[keep], pairs_b[keep], cosine[keep], containment[keep]
    keep = _top_per_item(pairs_a, pairs_b, cosine + 0.25 * containment, _CANDIDATES_PER_SENTENCE)
    return pairs_a[keep], pairs_b[keep], cosine[keep], containment[keep]


def _weighted_rows(
    items: Sequence[Item], idf: dict[str, float]
) -> tuple[dict[str, int], np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The candidate product's entries (rows, columns, weights): per item, its
    :func:`features` in sorted order (a fixed column order, so ties break alike every run) with
    their IDF; columns numbered as words first appear. A row's columns and weights are worked
    out once per distinct content (wire copy repeats a fifth of a large story's clauses): a
    repeat adds no word, so the columns are numbered alike. The rows of repeats are gathered in
    numpy (per item in Python they cost 0.15 s at 200 articles)."""
    vocab: dict[str, int] = {}
    cols: list[int] = []
    vals: list[float] = []
    starts: list[int] = []
    done: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], int] = {}
    content: list[int] = []
    for item in items:
        norm = item.norm
        key = (norm.tokens, tuple((v.kind, v.unit) for v in norm.values))
        found = done.get(key)
        if found is None:
            found = done[key] = len(starts)
            starts.append(len(cols))
            tokens = sorted(features(norm))
            cols.extend([vocab.setdefault(token, len(vocab)) for token in tokens])
            vals.extend(map(idf.__getitem__, tokens))
        content.append(found)
    starts.append(len(cols))
    bounds = np.asarray(starts, dtype=np.int64)
    which = np.asarray(content, dtype=np.int64)
    counts = (bounds[1:] - bounds[:-1])[which]
    rows = np.repeat(np.arange(len(items), dtype=np.int64), counts)
    # Each item's entries: its content's span of the distinct entries, in order.
    at = np.repeat(bounds[which] - (np.cumsum(counts) - counts), counts) + np.arange(len(rows))
    return vocab, rows, np.asarray(cols, dtype=np.int64)[at], np.asarray(vals, dtype=np.float64)[at]


def _gram_pairs(
    rows: np.ndarray[Any, Any],
    cols: np.ndarray[Any, Any],
    data: np.ndarray[Any, Any],
    n: int,
    v: int,
    articles: np.ndarray[Any, Any],
    figure_cols: np.ndarray[Any, Any],
    sq_norm: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Pairs (i < j, different articles) that share a word, with their dot products.

    Candidates come from words only: sentences whose only common ground is a figure
    ("rose 19%") are not about the same thing. Figures are added back to the products."""
    if n <= _DENSE_LIMIT:
        matrix = np.zeros((n, v))
        matrix[rows, cols] = data
        words = matrix.copy()
        words[:, figure_cols] = 0.0
        word_gram = np.triu(words @ words.T, k=1)
        word_gram[articles[:, None] == articles[None, :]] = 0.0
        a, b = np.nonzero(word_gram)
        figures = matrix[:, figure_cols]
        figure_gram = figures @ figures.T  # n*n stays small here; per-pair rows would not
        return a, b, word_gram[a, b] + figure_gram[a, b]
    from scipy import sparse

    # Words in a large share of sentences (the story's own vocabulary) would pair nearly
    # everything with everything: like figures, they are left out of candidate generation
    # and added back exactly for the pairs that remain.
    df = np.bincount(cols, minlength=v)
    common = df > max(_COMMON_MIN_DF, int(n * _COMMON_SHARE))
    left_out = common | figure_cols
    candidate_entry = ~left_out[cols]
    matrix = sparse.csr_matrix(
        (data[candidate_entry], (rows[candidate_entry], cols[candidate_entry])), shape=(n, v)
    )
    matrix_t = None
    count = int(articles.max()) + 1
    out: list[np.ndarray[Any, Any]] = []
    for rows_of, cols_of in _blocks(articles):
        if cols_of is None:
            matrix_t = matrix.T.tocsr() if matrix_t is None else matrix_t
            block = matrix[rows_of] @ matrix_t
        else:
            block = matrix[rows_of] @ matrix[cols_of].T.tocsr()
        # The block's entries row by row, as its COO form would list them, read straight
        # from the compressed rows; each row's own values are repeated rather than gathered.
        counts = np.diff(block.indptr)
        columns = block.indices.astype(np.int64)
        keep = _block_may_pair(
            articles[rows_of], articles if cols_of is None else articles[cols_of], counts, columns, count
        )
        a = np.repeat(rows_of, counts)[keep]
        b = columns[keep] if cols_of is None else cols_of[columns[keep]]
        dot = block.data[keep]
        # Each sentence keeps only its best candidates (by the rare-word part of the
        # similarity), so the pairs that go on grow with sentences, not with their square.
        norm_a, norm_b = sq_norm[a], sq_norm[b]
        rank = dot / np.sqrt(norm_a * norm_b) + 0.25 * dot / np.minimum(norm_a, norm_b)
        best = _top_k_rows(a, rank, _CANDIDATES_PER_SENTENCE)
        a, b = a[best], b[best]
        out.append(np.minimum(a, b) * n + np.maximum(a, b))
    codes = unique(np.concatenate(out)) if out else np.zeros(0, dtype=np.int64)
    pairs_a, pairs_b = codes // n, codes % n
    # The full products (rare words, story-wide words and figures) for the chosen pairs only.
    full = sparse.csr_matrix((data, (rows, cols)), shape=(n, v))
    dots = np.zeros(len(pairs_a))
    for start in range(0, len(pairs_a), 200_000):
        chunk = slice(start, start + 200_000)
        dots[chunk] = np.asarray(full[pairs_a[chunk]].multiply(full[pairs_b[chunk]]).sum(axis=1)).ravel()
    return pairs_a, pairs_b, dots


NEIGHBOUR_ARTICLES = 32
"""In a story of more than ``2 * NEIGHBOUR_ARTICLES + 1`` articles, a clause's statement
candidates come from the articles within this many places of its own, either way around the
ring of articles in input order, not from every article. A fact that a fixed share of outlets
states has words in a number of clauses that grows with the story, so the candidate product
over all articles grew with the square of the articles (its pairs 4x per doubling: 6.9M at 100
synthetic articles, 28M at 200); over a bounded neighbourhood it grows with the articles.
Grouping still joins a fact's clauses across the whole story through chains of links. No real
multi-outlet story comes near 65 articles (the dev set and the seeds have 4-5), so only very
large stories are affected; on synthetic:200 it raised link precision and recall and cost 0.4
points of conflict recall (docs/performance.md, eighth round)."""
_ARTICLES_PER_BLOCK = NEIGHBOUR_ARTICLES // 4
"""Articles whose clauses' products are computed at once under the neighbourhood: fewer make
each block's neighbourhood tighter, more make fewer (and larger) sparse products."""


def _ring_reach(count: int) -> int | None:
    """How far around the ring of ``count`` articles a clause looks for candidates, or None
    where that is every article."""
    return None if count <= 2 * NEIGHBOUR_ARTICLES + 1 else NEIGHBOUR_ARTICLES


def _may_pair(
    article_a: np.ndarray[Any, Any], article_b: np.ndarray[Any, Any], count: int
) -> np.ndarray[Any, Any]:
    """Mask of clause pairs from two different articles within each other's neighbourhood."""
    keep = article_a != article_b
    reach = _ring_reach(count)
    if reach is not None:
        apart = np.abs(article_a - article_b)
        keep &= np.minimum(apart, count - apart) <= reach
    return np.asarray(keep)


def _block_may_pair(
    row_articles: np.ndarray[Any, Any],
    column_articles: np.ndarray[Any, Any],
    counts: np.ndarray[Any, Any],
    columns: np.ndarray[Any, Any],
    count: int,
) -> np.ndarray[Any, Any]:
    """:func:`_may_pair` of a block's entries (``counts[r]`` of row ``r``, in ``columns``), read
    off a table of the rows' distinct articles x the block's columns: one gather per entry
    instead of two gathers and half a dozen passes (a block at 200 articles has 240,000)."""
    distinct, local = unique_inverse(row_articles)
    table = _may_pair(distinct[:, None], column_articles[None, :], count).ravel()
    return np.asarray(table[np.repeat(local * len(column_articles), counts) + columns])


def _blocks(
    articles: np.ndarray[Any, Any],
) -> Iterator[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any] | None]]:
    """Blocks of the candidate product: rows (clause indexes) and the columns they are
    multiplied with, None for every clause. Without a neighbourhood, blocks of
    :data:`_BLOCK_ROWS` clauses against all; with one, the clauses of a few articles against
    those of the articles in reach of any of them (:data:`NEIGHBOUR_ARTICLES`)."""
    n = len(articles)
    count = int(articles.max()) + 1 if n else 0
    reach = _ring_reach(count)
    if reach is None:
        for start in range(0, n, _BLOCK_ROWS):
            yield np.arange(start, min(start + _BLOCK_ROWS, n), dtype=np.int64), None
        return
    order = np.argsort(articles, kind="stable")
    bounds = np.searchsorted(articles[order], np.arange(count + 1))

    def clauses_of(first: int, last: int) -> np.ndarray[Any, Any]:
        """Clauses of articles ``first..last`` (inclusive, taken around the ring)."""
        picked = [order[bounds[x % count] : bounds[x % count + 1]] for x in range(first, last + 1)]
        return np.sort(np.concatenate(picked)) if picked else np.zeros(0, dtype=np.int64)

    for first in range(0, count, _ARTICLES_PER_BLOCK):
        last = min(first + _ARTICLES_PER_BLOCK, count) - 1
        rows = clauses_of(first, last)
        if len(rows):
            span = last - first + 1 + 2 * reach
            yield rows, clauses_of(first - reach, first - reach + min(span, count) - 1)


def _top_per_item(
    pairs_a: np.ndarray[Any, Any], pairs_b: np.ndarray[Any, Any], value: np.ndarray[Any, Any], k: int
) -> np.ndarray[Any, Any]:
    """Mask of pairs that are among the ``k`` highest ``value`` of either of their two items."""
    keep = np.zeros(len(value), dtype=bool)
    for side in (pairs_a, pairs_b):
        keep[_top_k_rows(side, value, k)] = True
    return keep


def _top_k_rows(side: np.ndarray[Any, Any], value: np.ndarray[Any, Any], k: int) -> np.ndarray[Any, Any]:
    """Indexes of the ``k`` highest ``value`` per distinct ``side``.

    One float sort on ``side * span - value`` groups by side, best first, several times
    faster than a two-key lexsort on the millions of pairs a large story has."""
    if len(value) == 0:
        return np.zeros(0, dtype=np.int64)
    span = float(np.max(value) - np.min(value)) + 1.0
    order = np.argsort(side * span - value, kind="quicksort")
    grouped = side[order]
    # An entry is among its side's first k when the entry k places before it (in this order,
    # sides ascending) is of another side.
    first = np.ones(len(order), dtype=bool)
    first[k:] = grouped[k:] != grouped[:-k]
    return np.asarray(order[first])


def shared_terms(a: Normalised, b: Normalised, idf: dict[str, float]) -> tuple[str, ...]:
    """The rarest words and figures two sentences have in common, rarest first, as the first
    sentence words them (a reviewer reads "physicians", not the stem "physician")."""
    common = set(a.tokens) & set(b.tokens)
    ranked = sorted(common, key=lambda t: (-idf.get(t, 0.0), t))[:8]
    return tuple(dict.fromkeys(a.word_for(t) for t in ranked))
