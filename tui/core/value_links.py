"""Value linking: two outlets' figures are one fact when they measure the same thing.

Sentence similarity cannot find "officials put the number of dead at 40" and "at least 38
people were killed": the wording differs and the figures, the rarest words, differ by
definition. What they share is the frame (deaths) and the holder (the same event), so value
facts are bucketed by kind and frame and linked inside a bucket, whatever else their
sentences say. Context similarity only ranks candidates, and decides alone where the frame
is a fallback (a counted noun, a date with no cue).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.core.contrast import contrasted
from tui.core.facts import Fact
from tui.core.match import is_figure
from tui.core.values import agreement

AMBIGUOUS_LINK_MIN = 0.35
"""Context similarity (plus the bonus) two value facts need when their frame does not identify
the fact: a fallback frame, or an outlet stating several different values of the frame."""
AGREEING_VALUE_BONUS = 0.25
HOLDER_BONUS = 0.15
FRAME_BONUS = 0.15
_KIND_NAMES = frozenset({"number", "money", "percent", "measure", "date", "time", "weekday", "ordinal"})
CANDIDATES_PER_FACT = 12
"""Best links kept per fact: a fact stated by 200 outlets must not cost 200 x 200 links."""


@dataclass(frozen=True, slots=True)
class ValueLink:
    a: int
    b: int
    """Fact indexes."""
    score: float
    context: float
    """Similarity of the two facts' clauses (rare words weigh most), 0..1."""


def kind_of(fact: Fact) -> str:
    """The bucket a value fact is compared in: values of one kind (counts, money, dates...)."""
    return fact.value.kind if fact.value is not None else ""


def holders_compatible(
    a: frozenset[str], b: frozenset[str], known_a: frozenset[str], known_b: frozenset[str]
) -> bool:
    """Two values are about different things when each names a different holder that the
    other outlet also knows ("Milei's 55.8%" / "Massa's 44.2%", both outlets naming both men):
    had they meant the same holder, they would have named it. A name sharing a word with the
    other ("Milei", "Javier Gerardo Milei") is the same holder; a name the other outlet never
    uses says nothing (a dateline, a wire's name)."""
    if not a or not b or a & b:
        return True
    return not ((a & known_b) and (b & known_a))


def link_values(
    facts: Sequence[Fact],
    idf: Mapping[str, float],
    article_words: Sequence[frozenset[str]],
    sentence_words: Sequence[frozenset[str]],
) -> list[ValueLink]:
    """``article_words[k]`` are the lower-cased words of article ``k`` (for the holder rule),
    ``sentence_words[s]`` those of content sentence ``s`` (for contrasting modifiers)."""
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.value is not None:
            buckets.setdefault(kind_of(fact), []).append(fact)
    vectors: dict[int, dict[str, float]] = {}

    def vector(fact: Fact) -> dict[str, float]:
        if fact.index not in vectors:
            vectors[fact.index] = {t: idf.get(t, 1.0) for t in set(fact.norm.tokens) if not is_figure(t)}
        return vectors[fact.index]

    links: list[ValueLink] = []
    for members in buckets.values():
        if len({f.article for f in members}) < 2:
            continue
        distinct: dict[tuple[int, str], set[float]] = {}
        for f in members:
            if not f.in_title and f.value is not None:
                distinct.setdefault((f.article, f.frame), set()).add(f.value.amount)
        ambiguous = {key for key, amounts in distinct.items() if len(amounts) > 1}
        best: dict[int, list[tuple[float, int]]] = {}
        scored: dict[tuple[int, int], tuple[float, float]] = {}
        for i, fa in enumerate(members):
            for fb in members[i + 1 :]:
                if fa.article == fb.article or not holders_compatible(
                    fa.holder, fb.holder, article_words[fa.article], article_words[fb.article]
                ):
                    continue
                if fa.frame_known and fb.frame_known and fa.frame != fb.frame:
                    continue
                if contrasted(sentence_words[fa.sentence], sentence_words[fb.sentence]):
                    continue
                context = _cosine(vector(fa), vector(fb))
                unclear = (fa.article, fa.frame) in ambiguous or (fb.article, fb.frame) in ambiguous
                score = _score(fa, fb, context, unclear)
                if score is None:
                    continue
                scored[(fa.index, fb.index)] = (score, context)
                best.setdefault(fa.index, []).append((score, fb.index))
                best.setdefault(fb.index, []).append((score, fa.index))
        kept: set[tuple[int, int]] = set()
        for index, options in best.items():
            for _, other in sorted(options, reverse=True)[:CANDIDATES_PER_FACT]:
                kept.add((min(index, other), max(index, other)))
        for a, b in sorted(kept):
            score, context = scored[(a, b)]
            links.append(ValueLink(a, b, score, context))
    return links


def _score(fa: Fact, fb: Fact, context: float, unclear: bool) -> float | None:
    """How surely two value facts of one kind are one fact, or ``None`` when they are not.

    The same frame from the lexicon identifies the fact where each outlet states one value of
    it. Otherwise (a frame missing on one side, a fallback frame such as a counted noun, or an
    outlet stating several different values of the frame: the minutes of five goals) the
    words around the values must, helped by an agreeing value, a shared holder or the same
    counted noun."""
    same = fa.value is not None and fb.value is not None and agreement(fa.value, fb.value) == "equal"
    if fa.frame_known and fb.frame_known and not unclear:
        return 0.6 + 0.4 * context + (0.1 if same else 0.0)
    score = context + (AGREEING_VALUE_BONUS if same else 0.0)
    if fa.holder & fb.holder:
        score += HOLDER_BONUS
    if fa.frame == fb.frame and fa.frame not in _KIND_NAMES:
        score += FRAME_BONUS  # the same counted noun ("bogies"); a bare kind says nothing
    return score if score >= AMBIGUOUS_LINK_MIN else None


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
