"""Score sentence pairs across articles and keep the ones that state the same thing.

Two signals are combined. An IDF-weighted cosine of content words and figures makes
rare words (names, numbers) count more than the story's common vocabulary and keeps a
short heading from matching every long sentence that contains its words. rapidfuzz's
token similarities on the normalised text then reward the same wording. Candidates come
from the sparse product of the weight matrix with itself, so only sentences that share
some weighted word are ever scored: the cost follows the number of real candidates, not
the square of the number of sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tui.core.normalise import Normalised

CANDIDATE_MIN = 0.12
"""Cosine or containment below this is not worth a rapidfuzz call."""
LINK_MIN = 0.27
"""Combined score at which two sentences are taken to state the same claim."""
ANCHORED_LINK_MIN = 0.18
"""A lower bar for pairs that share at least two anchors (rare names, figures): conflicting
reports differ in exactly the words that would otherwise make them similar."""
_DENSE_LIMIT = 2500
"""Up to this many sentences a dense product is faster than building a sparse matrix."""
_FIGURE_BOOST = 1.6


@dataclass(frozen=True, slots=True)
class Item:
    """A sentence prepared for matching."""

    article: int
    norm: Normalised


@dataclass(frozen=True, slots=True)
class Link:
    a: int
    b: int
    score: float
    fuzzy: float
    overlap: float
    shared: tuple[str, ...]
    anchors: int
    """Shared rare words plus twice the shared figures (see :func:`_anchors`)."""


def is_figure(token: str) -> bool:
    if token.startswith("<"):
        return False
    return (
        token[:1] in "#$"
        or token[:3] in ("USD", "EUR", "GBP", "JPY")
        or token.endswith("%")
        or token.isdigit()
    )


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


def find_links(items: Sequence[Item], idf: dict[str, float]) -> list[Link]:
    """All pairs from different articles whose combined score reaches :data:`LINK_MIN`."""
    if len(items) < 2:
        return []
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, item in enumerate(items):
        for token in features(item.norm):
            rows.append(i)
            cols.append(vocab.setdefault(token, len(vocab)))
            vals.append(idf[token])
    if not vals:
        return []
    n, v = len(items), len(vocab)
    row_idx = np.asarray(rows, dtype=np.int64)
    col_idx = np.asarray(cols, dtype=np.int64)
    data = np.asarray(vals, dtype=np.float64)
    sq_norm = np.bincount(row_idx, weights=data * data, minlength=n)
    articles = np.asarray([item.article for item in items], dtype=np.int64)
    pairs_a, pairs_b, dots = _gram_pairs(row_idx, col_idx, data, n, v)
    keep = articles[pairs_a] != articles[pairs_b]
    pairs_a, pairs_b, dots = pairs_a[keep], pairs_b[keep], dots[keep]
    na, nb = sq_norm[pairs_a], sq_norm[pairs_b]
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.nan_to_num(dots / np.sqrt(na * nb))
        containment = np.nan_to_num(dots / np.minimum(na, nb))
    keep = (cosine >= CANDIDATE_MIN) | (containment >= 0.5)
    pairs_a, pairs_b, cosine, containment = pairs_a[keep], pairs_b[keep], cosine[keep], containment[keep]
    if len(pairs_a) == 0:
        return []
    from rapidfuzz import fuzz, process

    left = [items[i].norm.text for i in pairs_a.tolist()]
    right = [items[i].norm.text for i in pairs_b.tolist()]
    token_sort = process.cpdist(left, right, scorer=fuzz.token_sort_ratio, workers=1) / 100.0
    token_set = process.cpdist(left, right, scorer=fuzz.token_set_ratio, workers=1) / 100.0
    # token_set alone rewards containment of a short text in a long one; token_sort and the
    # cosine pull such pairs back down, containment keeps multi-fact sentences linkable.
    fuzzy = 0.5 * token_sort + 0.5 * token_set
    # Unrelated news sentences already score about 0.45 on these ratios; only the part
    # above that says anything.
    wording = np.clip((fuzzy - 0.45) / 0.4, 0.0, 1.0)
    short_len = np.minimum(
        np.asarray([len(items[i].norm.tokens) for i in pairs_a.tolist()]),
        np.asarray([len(items[i].norm.tokens) for i in pairs_b.tolist()]),
    )
    contain_term = np.where(short_len >= 4, containment, containment * 0.5)
    score = 0.6 * cosine + 0.15 * contain_term + 0.25 * wording
    anchor_idf = _anchor_idf(n, len(set(articles.tolist())))
    links: list[Link] = []
    for k in np.nonzero(score >= ANCHORED_LINK_MIN)[0].tolist():
        a, b = int(pairs_a[k]), int(pairs_b[k])
        anchors = _anchors(items[a].norm, items[b].norm, idf, anchor_idf)
        if score[k] < LINK_MIN and anchors < 2:
            continue
        links.append(
            Link(
                a,
                b,
                float(score[k]),
                float(fuzzy[k]),
                float(cosine[k]),
                _shared_terms(items[a].norm, items[b].norm, idf),
                anchors,
            )
        )
    return links


def _anchor_idf(n: int, n_articles: int) -> float:
    """The IDF of a word found in about one sentence per article: rarer words are anchors."""
    return math.log(1 + n / max(3, n_articles))


def _anchors(a: Normalised, b: Normalised, idf: dict[str, float], threshold: float) -> int:
    """Shared rare words and figures (names, numbers); figures count double."""
    count = 0
    for token in set(a.tokens) & set(b.tokens):
        if is_figure(token):
            count += 1 if token.isdigit() else 2  # a shared year says less than a shared amount
        elif idf.get(token, 0.0) >= threshold:
            count += 1
    return count


def _gram_pairs(
    rows: np.ndarray[Any, Any], cols: np.ndarray[Any, Any], data: np.ndarray[Any, Any], n: int, v: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Upper-triangle pairs (i < j) with a non-zero dot product, and the products."""
    if n <= _DENSE_LIMIT:
        matrix = np.zeros((n, v))
        matrix[rows, cols] = data
        gram = matrix @ matrix.T
        a, b = np.nonzero(np.triu(gram, k=1))
        return a, b, gram[a, b]
    from scipy import sparse

    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(n, v))
    gram = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    return gram.row.astype(np.int64), gram.col.astype(np.int64), gram.data


def _shared_terms(a: Normalised, b: Normalised, idf: dict[str, float]) -> tuple[str, ...]:
    common = set(a.tokens) & set(b.tokens)
    return tuple(sorted(common, key=lambda t: (-idf.get(t, 0.0), t))[:8])
