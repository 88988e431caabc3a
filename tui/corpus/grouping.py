"""Group a corpus into stories: articles from several outlets about the same event.

1. Candidates: TF-IDF vectors (scikit-learn), each cut to its strongest terms so names and
   figures dominate and the sparse product stays sparse; cosine similarities are computed
   in blocks of articles sorted by date, each block only against articles within the time
   window (undated articles are compared with everything).
2. Links above ``link`` make a graph; its connected components are candidate stories.
3. Guard against chaining (A~B, B~C, but A and C about different events): each component
   is split by average-linkage clustering (scipy), so a group holds only while its members
   are on average similar, not merely linked by a chain.
4. Near-duplicates (syndicated copies, one outlet's updates) are folded into one
   representative first, and the stories are found among representatives only: a copy
   would make the words only it and its original use look shared. A story needs
   representatives from at least two outlets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from tui.corpus.records import CorpusArticle


@dataclass(frozen=True, slots=True)
class GroupingSettings:
    window_days: int = 3
    """Articles more than this many days apart are never one story."""
    link: float = 0.3
    """Cosine similarity of two articles' top terms that makes them candidates."""
    average: float = 0.3
    """Mean similarity a group must keep when clustering splits a component."""
    duplicate: float = 0.95
    """Similarity above which two outlets' articles count as one text (syndication: folded)."""
    update: float = 0.8
    """The same for two articles of one outlet (an update of its own story: folded)."""
    min_shared: int = 3
    """Top terms two candidates must share: short texts reach a high cosine on one or two words."""
    top_terms: int = 40
    """Terms kept per article: its rarest and most repeated words."""
    block: int = 2048
    """Articles per block: each block is compared with the articles of its time window."""
    product_cells: int = 4_000_000
    """At most this many pairs in one sparse product (bounds memory on a busy window)."""
    max_component: int = 2000
    """A component larger than this is first split by raising the link threshold."""


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    members: tuple[int, ...]
    """Indexes of the compared articles, by date, outlet and id."""
    folded: tuple[tuple[int, int], ...]
    """``(duplicate, the member it was folded into)`` index pairs."""


def group_stories(articles: Sequence[CorpusArticle], settings: GroupingSettings | None = None) -> list[Story]:
    """Stories among ``articles``, largest first; articles in no story are left out."""
    settings = settings or GroupingSettings()
    if len(articles) < 2:
        return []
    texts = [a.text for a in articles]
    vectors = _vectors(texts, settings.top_terms)
    if vectors is None:
        return []
    days = np.array([_day(a.date) for a in articles], dtype=np.int64)
    edges = _candidate_edges(vectors, days, settings)
    keepers, copies = _families(articles, edges, settings)
    if copies:
        # A copy makes the words only it and its original use look shared (min_df), which
        # pulls the original away from the other outlets' articles: group without copies.
        vectors = _vectors([texts[i] for i in keepers], settings.top_terms)
        if vectors is None:
            return []
        edges = _candidate_edges(vectors, days[keepers], settings)
    stories: list[Story] = []
    for component in _components(len(keepers), edges, settings):
        for group in _split(component, vectors, settings.average):
            story = _story(group, keepers, copies, articles)
            if story is not None:
                stories.append(story)
    stories.sort(key=lambda s: (-len(s.members) - len(s.folded), s.id))
    return stories


def _families(
    articles: Sequence[CorpusArticle],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    settings: GroupingSettings,
) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Near-duplicates across the corpus: the index of each family's keeper, and its copies."""
    a, b, s = edges
    outlets = np.array([x.outlet for x in articles], dtype=object)
    same = outlets[a] == outlets[b] if len(a) else np.zeros(0, dtype=bool)
    close = s >= np.where(same, settings.update, settings.duplicate)
    n = len(articles)
    graph = sparse.coo_matrix((np.ones(int(close.sum())), (a[close], b[close])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    families: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        families.setdefault(label, []).append(index)
    keepers: list[int] = []
    copies: dict[int, list[int]] = {}
    for family in families.values():
        keeper = _keeper(family, articles)
        keepers.append(keeper)
        if len(family) > 1:
            copies[keeper] = [i for i in family if i != keeper]
    keepers.sort()
    return np.array(keepers, dtype=np.int64), copies


def _keeper(family: Sequence[int], articles: Sequence[CorpusArticle]) -> int:
    """The longest text (an update has more); among equals the earliest, the first read."""
    return min(family, key=lambda i: (-len(articles[i].text), articles[i].date or "9999", i))


_UNDATED = np.iinfo(np.int64).min


def _day(iso: str | None) -> int:
    return date.fromisoformat(iso).toordinal() if iso else int(_UNDATED)


def _vectors(texts: Sequence[str], top_terms: int) -> sparse.csr_matrix | None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    # min_df=2: a word in one article links nothing; max_df drops words most articles use.
    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        min_df=2,
        max_df=0.5 if len(texts) >= 20 else 1.0,
        dtype=np.float32,
    )
    try:
        matrix = sparse.csr_matrix(vectorizer.fit_transform(texts))
    except ValueError:  # no word occurs in two articles: nothing can be grouped
        return None
    return _keep_top(matrix, top_terms)


def _keep_top(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """Each row cut to its ``k`` largest weights, then scaled back to unit length."""
    indptr, data = matrix.indptr, matrix.data
    keep = np.ones(len(data), dtype=bool)
    for row in range(matrix.shape[0]):
        start, end = indptr[row], indptr[row + 1]
        if end - start > k:
            order = np.argpartition(data[start:end], end - start - k)
            keep[start + order[: end - start - k]] = False
    trimmed = matrix.copy()
    trimmed.data = np.where(keep, data, 0).astype(np.float32)
    trimmed.eliminate_zeros()
    norms = np.sqrt(np.asarray(trimmed.multiply(trimmed).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ trimmed, dtype=np.float32)


def _candidate_edges(
    vectors: sparse.csr_matrix, days: np.ndarray, settings: GroupingSettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(days, kind="stable")
    sorted_days = days[order]
    undated = order[sorted_days == _UNDATED]
    rows_a: list[np.ndarray] = []
    rows_b: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    window = settings.window_days
    for start in range(0, len(order), settings.block):
        block = order[start : start + settings.block]
        block_days = days[block]
        if (block_days == _UNDATED).any():
            columns = order
        else:
            lo = np.searchsorted(sorted_days, block_days.min() - window, side="left")
            hi = np.searchsorted(sorted_days, block_days.max() + window, side="right")
            columns = np.concatenate([undated, order[lo:hi]])
        column_vectors = vectors[columns].T.tocsc()
        # Rows at a time so that one product holds at most ``product_cells`` similarities:
        # on a busy day the window has hundreds of thousands of articles.
        step = max(1, settings.product_cells // max(1, len(columns)))
        for first in range(0, len(block), step):
            rows = block[first : first + step]
            a, b, s = _similar_pairs(rows, columns, vectors, vectors[rows] @ column_vectors, days, settings)
            rows_a.append(a)
            rows_b.append(b)
            scores.append(s)
    return np.concatenate(rows_a), np.concatenate(rows_b), np.concatenate(scores)


def _similar_pairs(
    rows: np.ndarray,
    columns: np.ndarray,
    vectors: sparse.csr_matrix,
    similarities: sparse.spmatrix,
    days: np.ndarray,
    settings: GroupingSettings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs among one product's similarities: near in time, similar, sharing terms."""
    product = sparse.coo_matrix(similarities)
    window = settings.window_days
    a, b, s = rows[product.row], columns[product.col], product.data
    dated = (days[a] != _UNDATED) & (days[b] != _UNDATED)
    near = ~dated | (np.abs(days[a] - days[b]) <= window)
    keep = (s >= settings.link) & (a < b) & near
    a, b, s = a[keep], b[keep], s[keep]
    if len(a):
        shared = np.asarray((vectors[a] != 0).multiply(vectors[b] != 0).sum(axis=1)).ravel()
        enough = shared >= settings.min_shared
        a, b, s = a[enough], b[enough], s[enough]
    return a, b, s


def _components(
    n: int, edges: tuple[np.ndarray, np.ndarray, np.ndarray], settings: GroupingSettings
) -> list[np.ndarray]:
    a, b, s = edges
    threshold = settings.link
    pending = [np.arange(n)]
    result: list[np.ndarray] = []
    while pending:
        nodes = pending.pop()
        inside = np.zeros(n, dtype=bool)
        inside[nodes] = True
        keep = inside[a] & inside[b] & (s >= threshold)
        graph = sparse.coo_matrix((np.ones(int(keep.sum())), (a[keep], b[keep])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        labels = labels[nodes]
        for label in np.unique(labels):
            component = nodes[labels == label]
            if len(component) < 2:
                continue
            if len(component) > settings.max_component and threshold < 0.95:
                pending.append(component)
            else:
                result.append(component)
        if pending:
            threshold += 0.05  # only oversized components are revisited, each time stricter
    return result


def _split(component: np.ndarray, vectors: sparse.csr_matrix, average: float) -> list[np.ndarray]:
    if len(component) == 2:
        return [component]
    # n x n similarities from the sparse rows: a dense copy of the rows would be n x vocabulary.
    rows = vectors[component]
    distance = np.clip(1.0 - (rows @ rows.T).toarray(), 0.0, 2.0)
    condensed = distance[np.triu_indices(len(component), k=1)]
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - average, criterion="distance")
    return [component[labels == label] for label in np.unique(labels) if (labels == label).sum() >= 2]


def _story(
    group: np.ndarray, keepers: np.ndarray, copies: dict[int, list[int]], articles: Sequence[CorpusArticle]
) -> Story | None:
    """``group`` indexes ``keepers``; the story indexes ``articles``, its keepers' copies folded."""
    members = [int(keepers[p]) for p in group]
    if len({articles[i].outlet for i in members}) < 2:
        return None
    members.sort(key=lambda i: (articles[i].date or "", articles[i].outlet, articles[i].id))
    folded = sorted((c, keeper) for keeper in members for c in copies.get(keeper, ()))
    return Story(_story_id(articles, [*members, *(i for i, _ in folded)]), tuple(members), tuple(folded))


def _story_id(articles: Sequence[CorpusArticle], indexes: Sequence[int]) -> str:
    """Stable across runs for the same articles with the same texts (so a rerun can reuse it)."""
    digest = hashlib.sha256()
    keys = []
    for i in indexes:
        text_hash = hashlib.sha256(articles[i].text.encode("utf-8", "surrogatepass")).hexdigest()
        keys.append(f"{articles[i].id}\0{articles[i].outlet}\0{text_hash}")
    for key in sorted(keys):
        digest.update(key.encode("utf-8", "surrogatepass") + b"\n")
    return "s" + digest.hexdigest()[:16]
