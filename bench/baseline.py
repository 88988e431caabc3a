"""The obvious engine, as a yardstick: score every sentence pair of every article pair.

Sentences come from a plain regex split; every cross-article pair is scored with
``rapidfuzz.fuzz.token_set_ratio`` (in C, via ``process.cdist``, one thread, so the
baseline is as fast as this approach gets); pairs at or above :data:`THRESHOLD` are
linked and linked sentences are merged into clusters with union-find. It finds no
conflicts. Its cost grows with the square of the sentence count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from bench.accuracy import Prediction, Span

THRESHOLD = 85
_SENTENCE = re.compile(r"[^\s][^\n]*?(?:[.!?](?=\s|$)|(?=\n)|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def run(texts: Sequence[str]) -> Prediction:
    spans: list[Span] = []
    per_article: list[tuple[int, list[str]]] = []  # (first global index, sentence texts)
    for i, text in enumerate(texts):
        first = len(spans)
        bounds = split_sentences(text)
        spans.extend((i, s, e) for s, e in bounds)
        per_article.append((first, [text[s:e].lower() for s, e in bounds]))
    uf = _UnionFind(len(spans))
    for a, (first_a, sents_a) in enumerate(per_article):
        for first_b, sents_b in per_article[a + 1 :]:
            if not sents_a or not sents_b:
                continue
            scores = process.cdist(
                sents_a,
                sents_b,
                scorer=fuzz.token_set_ratio,
                score_cutoff=THRESHOLD,
                dtype=np.uint8,
                workers=1,
            )
            for x, y in zip(*np.nonzero(scores), strict=True):
                uf.union(first_a + int(x), first_b + int(y))
    clusters: dict[int, list[Span]] = {}
    for k, span in enumerate(spans):
        clusters.setdefault(uf.find(k), []).append(span)
    return Prediction(tuple(tuple(c) for c in clusters.values() if len(c) > 1), detects_conflicts=False)
