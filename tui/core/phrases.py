"""Shared phrases: the small facts inside long clauses ("conceded defeat", "Lusail Stadium").

A clause often carries several facts, and two outlets rarely wrap the same one in the same
clause, so whole-clause similarity misses "Massa conceded defeat" inside two otherwise
different sentences. A phrase (two content words in a row, or a name) that each of several
outlets uses in exactly one clause is a fact those clauses share: an outlet repeats its
topic words ("World Cup", "Milei") everywhere, but says a particular thing once.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.facts import Facts
from tui.core.words import STOPWORDS, canonical_stem

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MIN_PHRASES = 2
"""Phrases the same clauses must share: one shared pair of words is often a coincidence."""


@dataclass(frozen=True, slots=True)
class PhraseGroup:
    """Statement facts of different outlets that share phrases, with each phrase's span."""

    phrases: tuple[str, ...]
    members: tuple[tuple[int, int, int], ...]
    """``(fact index, start, end)``: where in the fact's sentence its shared phrases stand."""


def shared_phrases(facts: Facts, statements: Sequence[int]) -> list[PhraseGroup]:
    """Groups of statement facts (one per outlet, two or more outlets) sharing phrases that
    each of those outlets uses in no other clause."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    for index in statements:
        fact = facts.facts[index]
        text = facts.sentences[fact.sentence].text
        for key, start, end in _phrases(text, fact.start, fact.end, fact.norm.names):
            where.setdefault(key, []).append((index, start, end))
    by_members: dict[tuple[int, ...], list[tuple[str, list[tuple[int, int, int]]]]] = {}
    for key, spots in where.items():
        per_article: dict[int, set[int]] = {}
        for index, _, _ in spots:
            per_article.setdefault(facts.facts[index].article, set()).add(index)
        if len(per_article) < 2 or any(len(v) > 1 for v in per_article.values()):
            continue
        members = tuple(sorted({index for index, _, _ in spots}))
        by_members.setdefault(members, []).append((key, spots))
    groups: list[PhraseGroup] = []
    for members, found in by_members.items():
        if len(found) < MIN_PHRASES:
            continue
        spans: dict[int, tuple[int, int]] = {}
        for _, spots in found:
            for index, start, end in spots:
                lo, hi = spans.get(index, (start, end))
                spans[index] = (min(lo, start), max(hi, end))
        groups.append(PhraseGroup(tuple(sorted(k for k, _ in found)), tuple((i, *spans[i]) for i in members)))
    return groups


def _phrases(
    text: str, lo: int, hi: int, names: Sequence[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` of the bigrams of adjacent content words and of the name words
    in ``text[lo:hi]``."""
    words = [
        (canonical_stem(m.group(0).lower()), m.start(), m.end(), m.group(0)[:1].isupper())
        for m in _WORD.finditer(text, lo, hi)
        if m.group(0).lower() not in STOPWORDS and not m.group(0)[:1].isdigit()
    ]
    # A name alone ("Marcus Thuram") is who, not what happened: a phrase needs a plain word.
    return [
        (f"{a}_{b}", sa, eb)
        for (a, sa, _, cap_a), (b, _, eb, cap_b) in itertools.pairwise(words)
        if not (cap_a and cap_b)
    ]
