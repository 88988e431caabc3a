"""Precision and recall of links and conflicts against a synthetic story's ground truth.

Any engine is scored through one neutral form, :class:`Prediction`: clusters of sentence
spans (``(article index, start, end)`` into the article text the story generated) and
pairs of spans said to conflict. Each predicted span is mapped to the planted sentence it
overlaps most, so an engine whose sentence splitting differs a little is still scored.

- A *link* pair is two sentences of different articles in one cluster; it is right when
  both state the same fact.
- A *conflict* pair is two sentences of different articles that one conflict group gives
  different values; it is right when they state the same fact with different figures.

Precision sums pairs over clusters; recall counts each true pair once if any cluster (or
conflict group) contains it, so an engine that puts a sentence in several claims cannot
score a recall above 100%.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bench.synthetic import PlantedSentence, SyntheticArticle, SyntheticStory
from tui.core.models import Comparison

Span = tuple[int, int, int]
"""(article index, start, end) in the generated article's text."""


@dataclass(frozen=True, slots=True)
class Prediction:
    clusters: tuple[tuple[Span, ...], ...]
    conflicts: tuple[tuple[tuple[Span, str], ...], ...] = ()
    """Conflict groups: ``(span, value as the engine read it)``; differing values conflict."""
    detects_conflicts: bool = True


@dataclass(frozen=True, slots=True)
class Score:
    predicted: int
    """Predicted pairs, summed over clusters (a pair in two clusters counts twice)."""
    correct: int
    """Of those, the right ones (same summing)."""
    truth: int
    found: int
    """Distinct true pairs the prediction contains at least once."""

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.truth if self.truth else None


@dataclass(frozen=True, slots=True)
class Accuracy:
    links: Score
    conflicts: Score | None
    """``None`` when the engine does not look for conflicts."""


Key = tuple[int, int]
"""(article index, planted sentence index)."""


class _Mapper:
    """Maps spans to planted sentences by largest character overlap."""

    def __init__(self, story: SyntheticStory) -> None:
        self._articles = story.articles
        self._starts = [[s.start for s in a.sentences] for a in story.articles]

    def planted(self, span: Span) -> tuple[int, int] | None:
        """``(article index, planted sentence index)`` or ``None`` if the span overlaps nothing."""
        article, start, end = span
        if not 0 <= article < len(self._articles):
            return None
        sentences = self._articles[article].sentences
        i = max(0, bisect.bisect_right(self._starts[article], start) - 1)
        best, best_overlap = None, 0
        while i < len(sentences) and sentences[i].start < max(end, start + 1):
            overlap = min(end, sentences[i].end) - max(start, sentences[i].start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
            i += 1
        return None if best is None else (article, best)

    def sentence(self, key: tuple[int, int]) -> PlantedSentence:
        return self._articles[key[0]].sentences[key[1]]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _same(items: Iterable[object]) -> int:
    """Pairs of equal items."""
    return sum(_pairs(c) for c in Counter(items).values())


def _pairs_in_cluster(keys: set[Key], mapper: _Mapper) -> tuple[int, int]:
    """(cross-article pairs, of which same-fact) in one cluster of planted sentences."""
    facts = [(a, mapper.sentence((a, i)).fact_id) for a, i in keys]
    predicted = _pairs(len(keys)) - _same(a for a, _ in keys)
    stated = [(a, f) for a, f in facts if f is not None]
    same = _same(f for _, f in stated) - _same(stated)
    return predicted, same


def _conflicts_in_group(values: dict[Key, str], mapper: _Mapper) -> tuple[int, int]:
    """(cross-article pairs with different engine values, of which true conflicts).

    Counted by inclusion-exclusion over "same article", "same engine value" and, for the
    right ones, "same true value" within each fact, so huge groups cost linear time.
    """
    rows = [(a, v) for (a, _), v in values.items()]
    predicted = _pairs(len(rows)) - _same(a for a, _ in rows) - _same(v for _, v in rows) + _same(rows)
    by_fact: dict[str, list[tuple[int, str, str | None]]] = {}
    for (a, i), v in values.items():
        planted = mapper.sentence((a, i))
        if planted.fact_id is not None:
            by_fact.setdefault(planted.fact_id, []).append((a, v, planted.value))
    correct = 0
    for members in by_fact.values():
        n = _pairs(len(members))
        arts, engine, truth = ([m[0] for m in members], [m[1] for m in members], [m[2] for m in members])
        correct += n - _same(arts) - _same(engine) - _same(truth)
        correct += _same(zip(arts, engine, strict=True)) + _same(zip(arts, truth, strict=True))
        correct += _same(zip(engine, truth, strict=True)) - _same(members)
    return predicted, correct


def _true_pairs(story: SyntheticStory, conflicting: bool) -> Iterator[tuple[Key, Key]]:
    by_fact: dict[str, list[tuple[Key, str | None]]] = {}
    for a, article in enumerate(story.articles):
        for i, s in enumerate(article.sentences):
            if s.fact_id is not None:
                by_fact.setdefault(s.fact_id, []).append(((a, i), s.value))
    for members in by_fact.values():
        for x, (ka, va) in enumerate(members):
            for kb, vb in members[x + 1 :]:
                if not conflicting or va != vb:
                    yield ka, kb


def score(story: SyntheticStory, prediction: Prediction) -> Accuracy:
    mapper = _Mapper(story)
    predicted = correct = 0
    clusters_of: dict[Key, set[int]] = {}
    for c, cluster in enumerate(prediction.clusters):
        keys = {k for k in map(mapper.planted, cluster) if k is not None}
        for k in keys:
            clusters_of.setdefault(k, set()).add(c)
        p, ok = _pairs_in_cluster(keys, mapper)
        predicted += p
        correct += ok
    empty: set[int] = set()
    found = sum(
        1
        for a, b in _true_pairs(story, False)
        if not clusters_of.get(a, empty).isdisjoint(clusters_of.get(b, empty))
    )
    links = Score(predicted, correct, story.truth_link_pairs(), found)
    if not prediction.detects_conflicts:
        return Accuracy(links, None)
    predicted = correct = 0
    values_of: dict[Key, dict[int, str]] = {}
    for g, group in enumerate(prediction.conflicts):
        values: dict[Key, str] = {}
        for span, value in group:
            planted = mapper.planted(span)
            if planted is not None:
                values.setdefault(planted, value)
                values_of.setdefault(planted, {})[g] = value
        p, ok = _conflicts_in_group(values, mapper)
        predicted += p
        correct += ok
    none: dict[int, str] = {}
    found = 0
    for a, b in _true_pairs(story, True):
        va, vb = values_of.get(a, none), values_of.get(b, none)
        found += any(g in vb and vb[g] != value for g, value in va.items())
    return Accuracy(links, Score(predicted, correct, story.truth_conflict_pairs(), found))


def truth_prediction(story: SyntheticStory) -> Prediction:
    """The perfect answer, for testing the scorer."""
    clusters: dict[str, list[Span]] = {}
    for i, article in enumerate(story.articles):
        for s in article.facts:
            assert s.fact_id is not None
            clusters.setdefault(s.fact_id, []).append((i, s.start, s.end))
    groups = [
        tuple((span, _planted_at(story.articles[span[0]], span).value or "") for span in spans)
        for spans in clusters.values()
    ]
    return Prediction(tuple(tuple(c) for c in clusters.values()), tuple(groups))


def _planted_at(article: SyntheticArticle, span: Span) -> PlantedSentence:
    return next(s for s in article.sentences if s.start == span[1])


def _offset_map(original: str, article_text: str, planted: Sequence[PlantedSentence]) -> list[int] | None:
    """Engine offsets -> generator offsets when the engine normalised the text, else None."""
    if article_text == original:
        return None
    # Locate each planted sentence in the engine's text; characters in between map linearly.
    mapping = [0] * (len(article_text) + 1)
    cursor = 0
    anchors: list[tuple[int, int]] = [(0, 0)]
    for s in planted:
        found = article_text.find(s.text, cursor)
        if found < 0:
            continue
        anchors.append((found, s.start))
        anchors.append((found + len(s.text), s.end))
        cursor = found + len(s.text)
    anchors.append((len(article_text), len(original)))
    for (e0, o0), (e1, o1) in itertools.pairwise(anchors):
        linear = e1 - e0 == o1 - o0
        for e in range(e0, min(e1, len(article_text)) + 1):
            mapping[e] = o0 + (e - e0) if linear else o0
    return mapping


def from_comparison(story: SyntheticStory, comparison: Comparison) -> Prediction:
    """The engine's claims and conflicts as spans of the generated texts."""
    if len(comparison.articles) != len(story.articles):
        raise ValueError(f"engine returned {len(comparison.articles)} articles for {len(story.articles)}")
    index = {a.id: i for i, a in enumerate(comparison.articles)}
    maps = [
        _offset_map(story.articles[i].text, a.text, story.articles[i].sentences)
        for i, a in enumerate(comparison.articles)
    ]

    def span(sentence_id: str) -> Span:
        s = comparison.sentence_by_id[sentence_id]
        i = index[s.article_id]
        m = maps[i]
        if m is None:
            return (i, s.start, s.end)
        return (i, m[min(s.start, len(m) - 1)], m[min(s.end, len(m) - 1)])

    clusters = tuple(tuple(span(sid) for sid in c.sentence_ids) for c in comparison.claims)
    conflicts = tuple(
        tuple((span(sid), value) for sid, value in conflict.values)
        for claim in comparison.claims
        for conflict in claim.conflicts
    )
    return Prediction(clusters, conflicts)
