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

import numpy as np

from tui.core.contrast import contrasted
from tui.core.facts import Fact
from tui.core.values import agreement
from tui.core.words import is_figure

AMBIGUOUS_LINK_MIN = 0.35
"""Context similarity (plus the bonus) two value facts need when their frame does not identify
the fact: a fallback frame, or an outlet stating several different values of the frame."""
AGREEING_VALUE_BONUS = 0.25
HOLDER_BONUS = 0.15
BARE_NUMBER_CONTEXT = 0.6
FRAME_BONUS = 0.15
_KIND_NAMES = frozenset({"number", "money", "percent", "measure", "date", "time", "weekday", "ordinal"})
SHORT_CLAUSE = 4
"""A value's clause with fewer plain words than this is compared by its whole sentence."""
CANDIDATES_PER_FACT = 12
"""Best links kept per fact: a fact stated by 200 outlets must not cost 200 x 200 links."""
SCREENED_PER_FACT = 8 * CANDIDATES_PER_FACT
"""Pairs per fact scored exactly: its best by the most each pair could score."""


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
    sentence_tokens: Sequence[Sequence[str]] | None = None,
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
            words = {t for t in fact.norm.tokens if not is_figure(t)}
            if len(words) < SHORT_CLAUSE and sentence_tokens is not None:
                # "..., who adds 44.04% of votes": too few words to say what the figure is
                # about; its sentence says it.
                words = {t for t in sentence_tokens[fact.sentence] if not is_figure(t)}
            vectors[fact.index] = {t: idf.get(t, 1.0) for t in words}
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
        for i, j in _possible_pairs(members, [vector(f) for f in members], ambiguous):
            fa, fb = members[i], members[j]
            if not holders_compatible(
                fa.holder, fb.holder, article_words[fa.article], article_words[fb.article]
            ):
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


_BLOCK = 256
"""Facts of a bucket whose pairs are screened at once: the block's row of the context
matrix is dense, so this bounds memory whatever the bucket size."""
_SLACK = 1e-9
"""Screening works on float products summed in another order than :func:`_cosine`."""


def _possible_pairs(
    members: Sequence[Fact], vectors: Sequence[Mapping[str, float]], ambiguous: set[tuple[int, str]]
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of a bucket worth scoring with :func:`_score`.

    Scoring every pair of a bucket in Python is quadratic in the facts of a kind: at 400
    articles that is tens of millions of pairs. Here whole blocks of pairs are screened with
    numpy: the rules that refuse a pair whatever its holders (same outlet, two different
    sure frames, a context too weak even with every bonus) drop it, and of the rest each fact
    keeps its :data:`SCREENED_PER_FACT` best by the most the pair could score. Links are the
    same as from all pairs except where a fact has more than that many candidates and one
    ranked low by its best case would have made its top :data:`CANDIDATES_PER_FACT`."""
    from scipy import sparse

    m = len(members)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, vec in enumerate(vectors):
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        for token, w in vec.items():
            rows.append(r)
            cols.append(vocab.setdefault(token, len(vocab)))
            vals.append(w / norm)
    unit = sparse.csr_matrix((vals, (rows, cols)), shape=(m, max(len(vocab), 1)))
    unit_t = unit.T.tocsr()
    article = np.asarray([f.article for f in members])
    frames: dict[str, int] = {}
    frame = np.asarray([frames.setdefault(f.frame, len(frames)) for f in members])
    known = np.asarray([f.frame_known for f in members])
    sure = known & np.asarray([(f.article, f.frame) not in ambiguous for f in members])
    has_holder = np.asarray([bool(f.holder) for f in members])
    noun = np.asarray([f.frame not in _KIND_NAMES for f in members])
    out: set[tuple[int, int]] = set()
    for start in range(0, m, _BLOCK):
        stop = min(start + _BLOCK, m)
        context = np.asarray((unit[start:stop] @ unit_t).todense())
        i = np.arange(start, stop)[:, None]
        j = np.arange(m)[None, :]
        same_frame = frame[i] == frame[j]
        # The most that holders, agreeing values and a counted noun could add (see _score).
        bonus = (
            AGREEING_VALUE_BONUS
            + HOLDER_BONUS * (has_holder[i] & has_holder[j])
            + FRAME_BONUS * (same_frame & noun[i])
        )
        sure_pair = sure[i] & sure[j]
        best = np.where(sure_pair, 0.7 + 0.4 * context, context + bonus)
        possible = (
            (article[i] != article[j])
            & ~(known[i] & known[j] & ~same_frame)
            & (sure_pair | (best >= AMBIGUOUS_LINK_MIN - _SLACK))
        )
        best = np.where(possible, best, -np.inf)
        # Each fact's best few by that upper bound: a fact keeps CANDIDATES_PER_FACT links
        # in the end, and a pair ranked this far down by its best case rarely makes it.
        k = min(SCREENED_PER_FACT, m - 1)
        top = (
            np.argpartition(-best, k - 1, axis=1)[:, :k]
            if k < m
            else np.tile(np.arange(m), (stop - start, 1))
        )
        rows_top = np.repeat(np.arange(start, stop), top.shape[1])
        cols_top = top.ravel()
        chosen = np.isfinite(best[rows_top - start, cols_top])
        for a, b in zip(rows_top[chosen].tolist(), cols_top[chosen].tolist(), strict=True):
            out.add((a, b) if a < b else (b, a))
    return sorted(out)


def _score(fa: Fact, fb: Fact, context: float, unclear: bool) -> float | None:
    """How surely two value facts of one kind are one fact, or ``None`` when they are not.

    The same frame from the lexicon identifies the fact where each outlet states one value of
    it. Otherwise (a frame missing on one side, a fallback frame such as a counted noun, or an
    outlet stating several different values of the frame: the minutes of five goals) the
    words around the values must, helped by an agreeing value, a shared holder or the same
    counted noun."""
    same = fa.value is not None and fb.value is not None and agreement(fa.value, fb.value) == "equal"
    if not same and "number" in (fa.frame, fb.frame) and context < BARE_NUMBER_CONTEXT:
        # A bare number, neither counted nor framed, is as often an identifier ("the 13174 Express"):
        # two different ones are one fact only in clauses that say the same thing around them.
        return None
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
