"""Value linking: two outlets' figures are one fact when they measure the same thing.

Sentence similarity cannot find "officials put the number of dead at 40" and "at least 38
people were killed": the wording differs and the figures, the rarest words, differ by
definition. What they share is the frame (deaths) and the holder (the same event), so value
facts are bucketed by kind and frame and linked inside a bucket, whatever else their
sentences say. Context similarity only ranks candidates, and decides alone where the frame
is a fallback (a counted noun, a date with no cue).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np

from tui.core.contrast import contrast_bits_without, contrasted_bits
from tui.core.facts import Fact
from tui.core.patterns import compiled
from tui.core.rows import Rows, from_entries, row_dots
from tui.core.unique import unique, unique_inverse
from tui.core.values import RECORD_UNIT, Value, agreement, agreement_codes, is_relative_day, is_vague
from tui.core.words import is_figure, stem

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


class ValueLink(NamedTuple):
    """A value link (a named tuple, cheap to build in the numbers a large story makes)."""

    a: int
    b: int
    """Fact indexes."""
    score: float
    context: float
    """Similarity of the two facts' clauses (rare words weigh most), 0..1."""


def kind_of(fact: Fact) -> str:
    """The bucket a value fact is compared in: values of one kind (counts, money, dates...);
    a record's place ("the first player to ...") only with other records, not with minutes."""
    if fact.value is None:
        return ""
    return RECORD_UNIT if fact.value.kind == "ordinal" and fact.value.unit == RECORD_UNIT else fact.value.kind


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


def one_framed_value(fa: Fact, fb: Fact) -> bool:
    """Whether two outlets give the same value of the same frame from the lexicon ("in the
    23rd minute"): then they state one fact even where :func:`holders_compatible` says their
    holders differ. The holder is the nearest name before the figure, which is often an
    object ("fouled Angel di Maria in the 23rd minute", "a penalty against France ... in the
    23rd minute"), while two facts of one frame with the very same telling value (a moment,
    an exact figure) are rare. A scoreline is the match's moment whoever stands nearest
    ("Messi followed up for 3-2" / "Messi put Argentina 3-2 up")."""
    if _same_score(fa, fb):
        return True
    return (
        fa.frame_known
        and fb.frame_known
        and fa.frame == fb.frame
        and fa.value is not None
        and fb.value is not None
        and _telling(fa.value)
        and agreement(fa.value, fb.value) == "equal"
    )


def _same_score(fa: Fact, fb: Fact) -> bool:
    a, b = fa.value, fb.value
    return a is not None and b is not None and a.kind == b.kind == "score" and a.amount == b.amount


_MOMENT_KINDS = frozenset({"ordinal", "time", "date", "weekday"})


def _telling(value: Value) -> bool:
    """A value that by itself tells one fact from another of its frame: a moment (the 23rd
    minute, 6:04 pm) or an exact figure (:data:`EXACT_DIGITS`), not a round count that two
    places or two teams can both have ("5,000 dead" in two towns)."""
    return value.kind in _MOMENT_KINDS or _exact(value)


ValueColumns = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]
"""The value links as four arrays (``a``, ``b``, ``score``, ``context``): what a forked process
sends back (:mod:`tui.core.linking`), as four arrays pickle in one piece each."""


def link_values(
    facts: Sequence[Fact],
    idf: Mapping[str, float],
    article_words: Sequence[frozenset[str]],
    sentence_words: Sequence[frozenset[str]],
    sentence_tokens: Sequence[Sequence[str]] | None = None,
) -> list[ValueLink]:
    """``article_words[k]`` are the lower-cased words of article ``k`` (for the holder rule),
    ``sentence_words[s]`` those of content sentence ``s`` (for contrasting modifiers)."""
    return links_from_columns(value_link_columns(facts, idf, article_words, sentence_words, sentence_tokens))


def links_from_columns(columns: ValueColumns) -> list[ValueLink]:
    """The links of :func:`value_link_columns`; each named tuple built in C (see
    match.find_statement_links), a Python number per entry as ``tolist`` gives it."""
    return list(map(tuple.__new__, repeat(ValueLink), zip(*(x.tolist() for x in columns), strict=True)))


def value_link_columns(
    facts: Sequence[Fact],
    idf: Mapping[str, float],
    article_words: Sequence[frozenset[str]],
    sentence_words: Sequence[frozenset[str]],
    sentence_tokens: Sequence[Sequence[str]] | None = None,
) -> ValueColumns:
    """:func:`link_values` as columns, bucket after bucket."""
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.value is not None:
            buckets.setdefault(kind_of(fact), []).append(fact)
    # One vector per distinct token sequence (a clause restated by many outlets), the same
    # dict whichever fact asks: built from the same set, it iterates in the same order.
    by_tokens: dict[tuple[str, ...], dict[str, float]] = {}
    figures: dict[str, bool] = {}  # is_figure once per distinct token

    def weighted(tokens: tuple[str, ...]) -> dict[str, float]:
        found = by_tokens.get(tokens)
        if found is None:
            for t in tokens:
                if t not in figures:
                    figures[t] = is_figure(t)
            words = {t for t in tokens if not figures[t]}
            found = by_tokens[tokens] = {t: idf.get(t, 1.0) for t in words}
        return found

    # Facts of one clause share its normalised words (and a short clause's facts their
    # sentence): each looked up once, not once per fact.
    by_clause: dict[int, dict[str, float] | None] = {}
    by_sentence: dict[int, dict[str, float]] = {}

    def vector(fact: Fact) -> dict[str, float]:
        clause = id(fact.norm)
        if clause not in by_clause:
            found = weighted(fact.norm.tokens)
            # "..., who adds 44.04% of votes": too few words to say what the figure is
            # about; its sentence says it.
            by_clause[clause] = None if len(found) < SHORT_CLAUSE and sentence_tokens is not None else found
        own = by_clause[clause]
        if own is not None:
            return own
        assert sentence_tokens is not None
        if fact.sentence not in by_sentence:
            by_sentence[fact.sentence] = weighted(tuple(sentence_tokens[fact.sentence]))
        return by_sentence[fact.sentence]

    bits: dict[tuple[int, str], tuple[int, int]] = {}
    found: list[ValueColumns] = []
    for members in buckets.values():
        if len({f.article for f in members}) < 2:
            continue
        distinct: dict[tuple[int, str], set[float]] = {}
        for f in members:
            # A headline restates the body; a superseded count is a past state, not a second
            # value of the frame (its own links need it to be apart anyway).
            if not f.in_title and not f.superseded and f.value is not None:
                distinct.setdefault((f.article, f.frame), set()).add(f.value.amount)
        ambiguous = {key for key, amounts in distinct.items() if len(amounts) > 1}
        exact = _exact_codes(members)
        i, j, contexts = _possible_pairs(members, [vector(f) for f in members], ambiguous, exact)
        keys = [_contrast_key(f) for f in members]
        for key in keys:
            if key not in bits:
                # The value's own word is what agreement compares: "the first player to ..."
                # and "the second man to ..." are one record in two places, not two records.
                bits[key] = contrast_bits_without(sentence_words[key[0]], key[1])
        # The rules of _score for every screened pair at once; only holder sets and value
        # agreement are looked at per pair, and only where they can matter.
        first = np.asarray([bits[key][0] for key in keys], dtype=np.int64)
        second = np.asarray([bits[key][1] for key in keys], dtype=np.int64)
        keep = ~contrasted_bits(first[i], second[i], first[j], second[j])
        compatible, shared_holder = _holder_rules(members, i, j, keep, article_words)
        # Agreement matters only for pairs still kept: it is the costliest rule to ask.
        same = np.zeros(len(i), dtype=bool)
        same[keep] = _equal_values(members, i[keep], j[keep])
        frames: dict[str, int] = {}
        frame = np.asarray([frames.setdefault(f.frame, len(frames)) for f in members])
        known = np.asarray([f.frame_known for f in members])
        # _telling read off the exact codes above (a code is given to exactly the exact values):
        # a moment, or an exact figure.
        moment = np.asarray([f.value is not None and f.value.kind in _MOMENT_KINDS for f in members])
        telling = moment | (exact >= 0)
        scoreline = np.asarray([f.value is not None and f.value.kind == "score" for f in members])
        keep &= (
            compatible
            | (same & known[i] & known[j] & (frame[i] == frame[j]) & telling[i])
            | (same & scoreline[i] & scoreline[j])
        )
        keep &= ~_apart_pairs(members, i, j)
        # The rules that read the context, for the pairs the others keep: the exact contexts
        # are worked out for those only.
        i, j, same, shared_holder = i[keep], j[keep], same[keep], shared_holder[keep]
        context = contexts.of(i, j)
        number = np.asarray([_bare(f) for f in members])
        noun = np.asarray([f.frame not in _KIND_NAMES for f in members])
        unsure = np.asarray([(f.article, f.frame) in ambiguous for f in members])
        keep = same | ~(number[i] | number[j]) | (context >= BARE_NUMBER_CONTEXT)
        sure = (known[i] & known[j] & ~(unsure[i] | unsure[j])) | ((exact[i] == exact[j]) & (exact[i] >= 0))
        sure_score = 0.6 + 0.4 * context + np.where(same, 0.1, 0.0)
        # Two outlets' "today" agree whatever each is about: no evidence of one fact.
        relative = np.asarray([f.value is not None and is_relative_day(f.value) for f in members])
        loose_score = context + np.where(same & ~relative[i], AGREEING_VALUE_BONUS, 0.0)
        loose_score = loose_score + np.where(shared_holder, HOLDER_BONUS, 0.0)
        loose_score = loose_score + np.where((frame[i] == frame[j]) & noun[i], FRAME_BONUS, 0.0)
        keep &= sure | (loose_score >= AMBIGUOUS_LINK_MIN)
        score = np.where(sure, np.maximum(sure_score, loose_score), loose_score)
        index = np.asarray([f.index for f in members], dtype=np.int64)
        a, b, score, context = index[i[keep]], index[j[keep]], score[keep], context[keep]
        chosen = _best_per_fact(a, b, score, CANDIDATES_PER_FACT)
        found.append((a[chosen], b[chosen], score[chosen], context[chosen]))
    if not found:
        return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    a_all, b_all, score_all, context_all = (np.concatenate(column) for column in zip(*found, strict=True))
    return a_all, b_all, score_all, context_all


def _contrast_key(fact: Fact) -> tuple[int, str]:
    """The fact's sentence and, for an ordinal word ("first", "second"), that word."""
    value = fact.value
    own = value.text.lower() if value is not None and value.kind == "ordinal" else ""
    return fact.sentence, own


def _holder_rules(
    members: Sequence[Fact],
    i: np.ndarray[Any, Any],
    j: np.ndarray[Any, Any],
    asked: np.ndarray[Any, Any],
    article_words: Sequence[frozenset[str]],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """:func:`holders_compatible` and whether the two share a holder, for the pairs ``asked``
    (the others are compatible and share none).

    A story has few distinct holders, and the rule reads only whether each holder meets the
    other's holder and the other outlet's words, so those are looked up per distinct holder,
    per distinct (holder, article) and per distinct pair of holders instead of per fact pair
    (hundreds of thousands at 200 articles)."""
    ids: dict[frozenset[str], int] = {frozenset(): 0}
    holder = np.asarray([ids.setdefault(f.holder, len(ids)) for f in members], dtype=np.int64)
    article = np.asarray([f.article for f in members], dtype=np.int64)
    compatible = np.ones(len(i), dtype=bool)
    shared = np.zeros(len(i), dtype=bool)
    both = np.nonzero(asked & (holder[i] > 0) & (holder[j] > 0))[0]
    if len(both) == 0:
        return compatible, shared
    ha, hb = holder[i[both]], holder[j[both]]
    sets = list(ids)
    # Whether each pair of holders meets, once per distinct pair.
    h = len(sets)
    pair_codes, where = unique_inverse(ha * h + hb)
    meets = np.asarray([bool(sets[c // h] & sets[c % h]) for c in pair_codes.tolist()], dtype=bool)[where]
    # Whether a holder is among an outlet's words, once per distinct (holder, article).
    span = int(article.max()) + 1
    known_codes, known_where = unique_inverse(
        np.concatenate((ha * span + article[j[both]], hb * span + article[i[both]]))
    )
    known = np.asarray(
        [bool(sets[c // span] & article_words[c % span]) for c in known_codes.tolist()], dtype=bool
    )[known_where]
    a_known_to_b, b_known_to_a = known[: len(both)], known[len(both) :]
    compatible[both] = meets | ~(a_known_to_b & b_known_to_a)
    shared[both] = meets
    return compatible, shared


MAGNITUDE_GAP = 20.0
"""Two sums of money or measures in one unit this many times apart are two facts, not a
disagreement: "$61 billion" and "$138.23 per share" both near "stock" measure different things.
Counts are left alone: early and late tolls may differ tenfold and that is the news.
Two different scorelines are two facts too: a match's score changes as it goes (2-0 at
half-time, 2-2 after 90 minutes, 4-2 on penalties), so a different score is a later moment,
not a disagreement. A vague quantity ("thousands feared dead") links to nothing: it fits
nearly every tally of its size (an early estimate, a forecast, the missing), so it would tie
them all together, and two of them are as likely a forecast and a count; the words around it
still link as a statement."""
_MAGNITUDE_KINDS = frozenset({"money", "measure"})


_SERIES_UNITS = frozenset(stem(w) for w in "minute hour day week month year lap round stage innings".split())
"""Units of an order in a series ("the 80th minute", "the third day"): a moment, not a count."""


def _apart(a: Value, b: Value) -> bool:
    if is_vague(a) or is_vague(b):
        return True
    if a.kind == b.kind == "score":
        return a.amount != b.amount
    if a.kind == b.kind == "ordinal" and a.unit != b.unit and (_SERIES_UNITS & {a.unit, b.unit}):
        # "His second penalty" is a count, "the 118th minute" a moment: never one fact. Two
        # counts with different nouns may be ("second attempt" / "third time lucky").
        return True
    if a.kind not in _MAGNITUDE_KINDS or a.unit != b.unit or a.amount <= 0 or b.amount <= 0:
        return False
    return max(a.amount, b.amount) > MAGNITUDE_GAP * min(a.amount, b.amount)


def _apart_pairs(
    members: Sequence[Fact], i: np.ndarray[Any, Any], j: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """:func:`_apart` for every pair, in numpy, and :func:`_score`'s rule that a quoted
    figure and an outlet's own are apart."""
    kinds = np.asarray([f.value is not None and f.value.kind in _MAGNITUDE_KINDS for f in members])
    units: dict[str, int] = {}
    unit = np.asarray([units.setdefault(f.value.unit if f.value else "", len(units)) for f in members])
    amount = np.asarray([f.value.amount if f.value else 0.0 for f in members], dtype=np.float64)
    low, high = np.minimum(amount[i], amount[j]), np.maximum(amount[i], amount[j])
    apart: np.ndarray[Any, Any] = kinds[i] & (unit[i] == unit[j]) & (low > 0) & (high > MAGNITUDE_GAP * low)
    scores = np.asarray([f.value is not None and f.value.kind == "score" for f in members])
    apart |= scores[i] & scores[j] & (amount[i] != amount[j])
    ordinals = np.asarray([f.value is not None and f.value.kind == "ordinal" for f in members])
    series = np.asarray([f.value is not None and f.value.unit in _SERIES_UNITS for f in members])
    apart |= ordinals[i] & ordinals[j] & (unit[i] != unit[j]) & (series[i] | series[j])
    vague = np.asarray([f.value is not None and is_vague(f.value) for f in members])
    apart |= vague[i] | vague[j]
    quoted = np.asarray([f.quoted for f in members])
    apart |= quoted[i] != quoted[j]
    superseded = np.asarray([f.superseded for f in members])
    apart |= superseded[i] != superseded[j]
    return apart


def _bare(fact: Fact) -> bool:
    """A bare number, neither counted nor framed, is as often an identifier ("the 13174
    Express"); a year after "since" is where a record starts ("the biggest crowd since 1994",
    "the first hat-trick since 1966"), a point in the story's history, not the fact. Two
    different ones are one fact only in clauses that say the same thing around them."""
    value = fact.value
    if fact.frame == "number":
        return True
    return (
        value is not None
        and value.kind == "date"
        and value.unit == "year"
        and _since_year(fact.norm.source, value.text)
    )


def _since_year(source: str, year: str) -> bool:
    """Whether ``source`` writes ``year`` right after "since" ("since 1994", "since the 1994")."""
    at = source.find(year)
    while at >= 0:
        if _SINCE_BEFORE.search(source, max(0, at - 12), at):
            return True
        at = source.find(year, at + 1)
    return False


_SINCE_BEFORE = compiled(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def _equal_values(
    members: Sequence[Fact], i: np.ndarray[Any, Any], j: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Whether ``agreement`` says ``equal`` for each pair, asked once per pair of distinct
    :func:`agreement_key` (a fact stated by many outlets repeats its value many times)."""
    vid, values = agreement_codes([f.value for f in members if f.value is not None])
    value_id = np.asarray(vid)
    d = max(len(values), 1)
    codes, where = unique_inverse(value_id[i] * d + value_id[j])
    equal = np.asarray(
        [agreement(values[code // d], values[code % d]) == "equal" for code in codes.tolist()], dtype=bool
    )
    return np.asarray(equal[where]) if len(i) else np.zeros(0, dtype=bool)


def _best_per_fact(
    a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], score: np.ndarray[Any, Any], k: int
) -> np.ndarray[Any, Any]:
    """Indexes of the pairs ``(a, b)``, ``a < b``, that are among the ``k`` best of either fact,
    by score and then by the other fact's index, highest first; in ``(a, b)`` order."""
    if len(a) == 0:
        return np.zeros(0, dtype=np.int64)
    n = len(a)
    in_order = np.lexsort((b, a)) if _unordered(a, b) else None
    if in_order is not None:
        a, b, score = a[in_order], b[in_order], score[in_order]
    # Each pair once per fact, b's side first: then, pairs being in (a, b) order, an entry's
    # place among one fact's entries grows with the other fact's index and stands for it.
    fact = np.concatenate((b, a))
    # Each score's rank among the distinct scores, from the scores once (both ways round they
    # are the same scores): half the sort.
    values, score_rank = unique_inverse(score)
    order, grouped = _by_fact_best_first(fact, np.concatenate((score_rank, score_rank)), len(values))
    starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
    rank = np.arange(2 * n) - np.repeat(starts, np.diff(np.append(starts, 2 * n)))
    taken = order[rank < k]
    chosen = unique(np.where(taken >= n, taken - n, taken))  # in (a, b) order
    return chosen if in_order is None else in_order[chosen]


def _unordered(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> bool:
    """Whether the pairs ``(a, b)`` are not in strictly increasing ``(a, b)`` order."""
    return not bool(np.all((a[1:] > a[:-1]) | ((a[1:] == a[:-1]) & (b[1:] > b[:-1]))))


def _by_fact_best_first(
    fact: np.ndarray[Any, Any], rank: np.ndarray[Any, Any], ranks: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``np.lexsort((-place, -rank, fact))`` (by fact, then score rank and place highest
    first) and the facts in that order. Places are distinct, so the order is total and any
    sort gives it: the three packed in one integer are sorted by value (numpy sorts values
    several times faster than it argsorts them) and the place read back from each."""
    place_bits = (len(fact) - 1).bit_length()
    rank_bits = (ranks - 1).bit_length()
    if int(fact.max()).bit_length() + rank_bits + place_bits > 62:
        order = np.lexsort((-np.arange(len(fact)), -rank, fact))
        return order, fact[order]
    last = len(fact) - 1
    key = (fact << (rank_bits + place_bits)) | ((ranks - 1 - rank) << place_bits)
    key |= last - np.arange(len(fact))
    key.sort()
    return last - (key & ((1 << place_bits) - 1)), key >> (rank_bits + place_bits)


_BLOCK = 256
"""Facts of a bucket whose pairs are screened at once: the block's row of the context
matrix is dense, so this bounds memory whatever the bucket size."""
_SLACK = 1e-6
"""Screening works on single-precision products (half the memory traffic and twice the
products per instruction of doubles; they only rank pairs) summed in another order than the
exact context: a bound this close to the cut passes it."""


def _possible_pairs(
    members: Sequence[Fact],
    vectors: Sequence[Mapping[str, float]],
    ambiguous: set[tuple[int, str]],
    exact: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], _Contexts]:
    """Pairs ``(i, j)``, ``i < j``, of a bucket worth scoring with :func:`_score`, in order,
    and the cosines of the members' context vectors (asked only for the pairs that pass the
    rules that do not read them); ``exact`` are the members' exact-figure codes
    (:func:`_exact_codes`).

    Scoring every pair of a bucket in Python is quadratic in the facts of a kind: at 400
    articles that is tens of millions of pairs. Here whole blocks of pairs are screened with
    numpy: the rules that refuse a pair whatever its holders (same outlet, two different
    sure frames, a context too weak even with every bonus) drop it, and of the rest each fact
    keeps its :data:`SCREENED_PER_FACT` best by the most the pair could score. Links are the
    same as from all pairs except where a fact has more than that many candidates and one
    ranked low by its best case would have made its top :data:`CANDIDATES_PER_FACT`."""
    m = len(members)
    vocab: dict[str, int] = {}
    # A vector's entries once per distinct vector (facts of one clause share one), with its
    # columns numbered at its first member as member by member; its raw weights are a row of
    # their own: the exact contexts below are asked per distinct pair of vectors (their rows
    # hold the same entries in the same order as the members' would).
    seen: dict[int, int] = {}
    vector_list: list[int] = []
    weights: list[float] = []
    weight_rows: list[int] = []
    weight_cols: list[int] = []
    for vec in vectors:
        d = seen.get(id(vec))
        if d is None:
            d = seen[id(vec)] = len(seen)
            weight_rows.extend([d] * len(vec))
            weight_cols.extend([vocab.setdefault(token, len(vocab)) for token in vec])
            weights.extend(vec.values())
        vector_list.append(d)
    raw_weights = np.asarray(weights, dtype=np.float64)
    vector_rows = np.asarray(weight_rows, dtype=np.int64)
    unit_values = raw_weights / _norms(raw_weights, vector_rows, len(seen))[vector_rows]
    vector_of = np.asarray(vector_list, dtype=np.int64)
    shape = (m, max(len(vocab), 1))
    # The screen's products are of distinct vectors (a member's contexts are its vector's; at
    # 400 articles a bucket's 6,834 members hold 4,219), in single precision (see _SLACK).
    unit = _matrix(
        unit_values.astype(np.float32),
        vector_rows,
        np.asarray(weight_cols, dtype=np.int64),
        (len(seen), shape[1]),
    )
    unit_t = unit.T if isinstance(unit, np.ndarray) else unit.T.tocsr()
    article = np.asarray([f.article for f in members])
    frames: dict[str, int] = {}
    frame = np.asarray([frames.setdefault(f.frame, len(frames)) for f in members])
    known = np.asarray([f.frame_known for f in members])
    sure = known & np.asarray([(f.article, f.frame) not in ambiguous for f in members])
    has_holder = np.asarray([bool(f.holder) for f in members])
    noun = np.asarray([f.frame not in _KIND_NAMES for f in members])
    facts = _Screened(vector_of, article, frame, known, sure, has_holder, noun, exact)
    # The fast screen pays from a few blocks on (its tables cost more than a small bucket's
    # screen) and relies on contexts >= 0 (idf weights are positive); else the plain rule.
    tables = _screen_tables(facts) if m > 2 * _BLOCK and min(weights, default=0.0) >= 0.0 else None
    codes: list[np.ndarray[Any, Any]] = []
    if tables is None:
        for start in range(0, m, _BLOCK):
            codes.append(_screen_block(start, min(start + _BLOCK, m), unit, unit_t, facts))
    else:
        # Rows by class and vector: a block's rows then hold few vectors, and its products,
        # bounds and cut are worked out once per vector (each row's pairs are its own).
        by_vector = np.lexsort((vector_of, tables.code))
        for start in range(0, m, _BLOCK):
            codes.append(_screen_block_fast(by_vector[start : start + _BLOCK], unit, unit_t, facts, tables))
    pairs = unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)
    # Sparse rows in numpy where the screen's matrix was dense, else scipy's, as for every member.
    count = len(seen)
    raw_shape = (count, shape[1])
    if _dense(shape):
        raw: Any = from_entries(weights, weight_rows, weight_cols, raw_shape)
    else:
        raw = _csr(weights, weight_rows, weight_cols, raw_shape)
    # Squared norms summed the way the dots are, so that two clauses with the same words have
    # a context of exactly 1 and equal pairs tie exactly, as they did with a per-pair sum.
    sq_norm = _row_dots(raw, np.arange(count), np.arange(count))
    return pairs // m, pairs % m, _Contexts(raw, vector_of, sq_norm)


def _norms(weights: np.ndarray[Any, Any], rows: np.ndarray[Any, Any], count: int) -> np.ndarray[Any, Any]:
    """Each of ``count`` rows' norm (1.0 for an empty or zero row), its squared ``weights``
    (grouped by row, in order) added one after the other as Python's ``sum`` adds them: a
    reduce over the outer axis of a zero-padded table adds row after row of it element-wise
    (numpy sums pairwise only along an array's inner axis), and adding 0.0 changes no sum."""
    sizes = np.bincount(rows, minlength=count)
    table = np.zeros((int(sizes.max(initial=0)), count))
    table[np.arange(len(rows)) - np.repeat(np.cumsum(sizes) - sizes, sizes), rows] = weights * weights
    norms = np.sqrt(np.add.reduce(table, axis=0))
    return np.where(norms == 0.0, 1.0, norms)


@dataclass(frozen=True)
class _Contexts:
    """The exact contexts of a bucket's members: the dot product of two members' raw weights over
    their norms, once per distinct pair of vectors (a row's sums do not depend on the other
    rows)."""

    raw: Any
    """The distinct vectors' raw weights, a row each (:class:`Rows` or scipy's)."""
    vector_of: np.ndarray[Any, Any]
    sq_norm: np.ndarray[Any, Any]
    """Each vector's squared norm."""

    def of(self, i: np.ndarray[Any, Any], j: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The context of members ``i[k]`` and ``j[k]`` for every ``k``."""
        u, v = self.vector_of[i], self.vector_of[j]
        # A dot product is the same float either way round (the products of the columns both
        # rows hold, added in column order; the 0.0 of a column only one holds changes no
        # sum, see rows._lookup), so each distinct pair of vectors is asked once.
        count = len(self.sq_norm)
        pairs, where = unique_inverse(np.minimum(u, v) * count + np.maximum(u, v))
        dot = _row_dots(self.raw, pairs // count, pairs % count)[where]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(np.where(dot != 0, dot / np.sqrt(self.sq_norm[u] * self.sq_norm[v]), 0.0))


class _Screened(NamedTuple):
    """What screening reads of each member of a bucket, as arrays."""

    vector: np.ndarray[Any, Any]
    """Each member's row of the screen's matrix (members of one clause share one)."""
    article: np.ndarray[Any, Any]
    frame: np.ndarray[Any, Any]
    known: np.ndarray[Any, Any]
    sure: np.ndarray[Any, Any]
    has_holder: np.ndarray[Any, Any]
    noun: np.ndarray[Any, Any]
    exact: np.ndarray[Any, Any]


def _screen_block(start: int, stop: int, unit: Any, unit_t: Any, facts: _Screened) -> np.ndarray[Any, Any]:
    """Pair codes ``a * m + b`` (``a < b``) that members ``start:stop`` keep after screening."""
    m = len(facts.article)
    products, row = _block_products(np.arange(start, stop), unit, unit_t, facts.vector)
    context = np.take(products[row], facts.vector, axis=1)
    i = np.arange(start, stop)[:, None]
    j = np.arange(m)[None, :]
    same_frame = facts.frame[i] == facts.frame[j]
    # The most that holders, agreeing values and a counted noun could add (see _score).
    bonus = (
        AGREEING_VALUE_BONUS
        + HOLDER_BONUS * (facts.has_holder[i] & facts.has_holder[j])
        + FRAME_BONUS * (same_frame & facts.noun[i])
    ).astype(np.float32)
    exact_pair = (facts.exact[i] == facts.exact[j]) & (facts.exact[i] >= 0)
    sure_pair = (facts.sure[i] & facts.sure[j]) | exact_pair
    best = np.where(sure_pair, 0.7 + 0.4 * context, context + bonus)
    possible = (
        (facts.article[i] != facts.article[j])
        & ~(facts.known[i] & facts.known[j] & ~same_frame)
        & (sure_pair | (best >= AMBIGUOUS_LINK_MIN - _SLACK))
    )
    best = np.where(possible, best, -np.inf)
    # Each fact's best few by that upper bound: a fact keeps CANDIDATES_PER_FACT links
    # in the end, and a pair ranked this far down by its best case rarely makes it.
    k = min(SCREENED_PER_FACT, m - 1)
    top = np.argpartition(-best, k - 1, axis=1)[:, :k] if k < m else np.tile(np.arange(m), (stop - start, 1))
    rows_top = np.repeat(np.arange(start, stop), top.shape[1])
    cols_top = top.ravel()
    chosen = np.isfinite(best[rows_top - start, cols_top])
    a, b = rows_top[chosen], cols_top[chosen]
    return np.asarray(np.minimum(a, b) * m + np.maximum(a, b))


def _block_products(
    members: np.ndarray[Any, Any], unit: Any, unit_t: Any, vector: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The contexts of ``members``' distinct vectors with every vector (``unit`` has a row per
    vector) and each member's row of them. The products' floats are the screen's only (the
    exact contexts are summed apart), so a product of another shape only moves ties."""
    vectors, row = unique_inverse(vector[members])
    product = unit[vectors] @ unit_t
    return (product if isinstance(product, np.ndarray) else np.asarray(product.todense())), row


class _Tables(NamedTuple):
    """:func:`_screen_block`'s rules by class of member (see :func:`_screen_tables`)."""

    code: np.ndarray[Any, Any]
    """Each member's class: what the rules read of it besides its article and exact figure."""
    mult: np.ndarray[Any, Any]
    add: np.ndarray[Any, Any]
    """Per pair of classes: ``mult * context + add`` is the pair's bound (``add`` is ``-inf``
    where two known frames differ)."""
    same_article: _Groups
    """Per member, the members of its article."""
    same_exact: _Groups
    """Per member, the members giving its exact figure (itself included; none without one)."""
    kind: np.ndarray[Any, Any]
    """Each member's kind of column: its vector and class, which decide its bound in a row but
    for the exceptions (its article, its exact figure)."""
    kind_vector: np.ndarray[Any, Any]
    kind_code: np.ndarray[Any, Any]


class _Groups(NamedTuple):
    """Each member's group (its article, its exact figure) as a slice of one array: the group
    of member ``n`` is ``order[start[n] : start[n] + size[n]]``, in increasing order."""

    order: np.ndarray[Any, Any]
    start: np.ndarray[Any, Any]
    size: np.ndarray[Any, Any]


def _groups(key: np.ndarray[Any, Any]) -> _Groups:
    """The members of equal ``key`` (none for a negative key)."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    start = np.searchsorted(ordered, key, side="left")
    size = np.where(key >= 0, np.searchsorted(ordered, key, side="right") - start, 0)
    return _Groups(order, start, size)


_MAX_CLASSES = 64
"""Classes of member up to which a bucket takes the fast screen: its tables are classes²
and each class is a pass of its own over a block."""


def _screen_tables(facts: _Screened) -> _Tables | None:
    """What :func:`_screen_block_fast` reads: the frame, sure, holder and noun rules depend only
    on the two members' classes (1 to 26 per bucket at 400 synthetic articles); ``None`` for a
    bucket of more than :data:`_MAX_CLASSES` (many counted nouns), which the plain rule screens."""
    columns = (facts.frame, facts.known, facts.sure, facts.has_holder, facts.noun)
    keys = np.stack(columns, axis=1).astype(np.int64)
    classes, code = np.unique(keys, axis=0, return_inverse=True)
    if len(classes) > _MAX_CLASSES:
        return None
    frame = classes[:, 0]
    known, sure, holder, noun = (classes[:, n].astype(bool) for n in range(1, 5))
    same_frame = frame[:, None] == frame[None, :]
    # The same expressions as _screen_block's, so that every bound is the same float.
    bonus = (
        AGREEING_VALUE_BONUS
        + HOLDER_BONUS * (holder[:, None] & holder[None, :])
        + FRAME_BONUS * (same_frame & noun[:, None])
    )
    both_sure = sure[:, None] & sure[None, :]
    blocked = known[:, None] & known[None, :] & ~same_frame
    code = code.ravel()
    kinds, kind = unique_inverse(facts.vector * len(classes) + code)
    return _Tables(
        code,
        np.where(both_sure, 0.4, 1.0).astype(np.float32),
        np.where(blocked, -np.inf, np.where(both_sure, 0.7, bonus)).astype(np.float32),
        _groups(np.asarray(facts.article, dtype=np.int64)),
        _groups(np.asarray(facts.exact, dtype=np.int64)),
        kind,
        kinds // len(classes),
        kinds % len(classes),
    )


def _screen_block_fast(
    members: np.ndarray[Any, Any], unit: Any, unit_t: Any, facts: _Screened, tables: _Tables
) -> np.ndarray[Any, Any]:
    """:func:`_screen_block`'s rule for the rows ``members`` (any of the bucket's), in fewer
    passes over the block.

    The plain rule builds a dozen arrays of the block's size (masks, bonuses, both bounds) for
    every row. Here the rows of one class share one column of multipliers and one of addends
    (``0.4 * context + 0.7`` or ``1.0 * context + bonus``: the plain rule's roundings), so a
    bound is two passes and the weak-bound cut one more, each over the rows' distinct vectors
    and the kinds of column; the exceptions (an exact figure both give, the row's own article)
    are set by one index per class. Contexts are >= 0, so a sure pair's bound (>= 0.7) passes
    the cut as the plain rule lets it. From the same products each row's values are then bit
    for bit the plain rule's, and ``argpartition`` picks among ties by the row alone, so the
    pairs are the same (a test holds the two equal on rows full of ties)."""
    m = len(facts.article)
    products, row = _block_products(members, unit, unit_t, facts.vector)
    k = min(SCREENED_PER_FACT, m - 1)
    block_code = tables.code[members]
    out: list[np.ndarray[Any, Any]] = []
    for c in unique(block_code).tolist():
        local = np.nonzero(block_code == c)[0]
        rows = members[local]
        # Pairs that give one exact figure are sure whatever their classes: their bounds from
        # the context.
        exact_row, exact_col = _row_members(tables.same_exact, rows)
        exact_bound = np.where(
            np.isinf(tables.add[c, tables.code[exact_col]]),
            -np.inf,
            0.7 + 0.4 * products[row[local[exact_row]], facts.vector[exact_col]],
        )
        # The bound negated, as the plain rule partitions it: context * -mult - add is exactly
        # -(context * mult + add) (rounding is symmetric in sign), and a bound below the cut
        # is a negated bound above its negation. A dropped pair is +inf.
        vectors, of_row = unique_inverse(row[local])
        bound = np.take(products[vectors], tables.kind_vector, axis=1)
        bound *= -tables.mult[c, tables.kind_code]
        bound -= tables.add[c, tables.kind_code]
        np.putmask(bound, bound > -(AMBIGUOUS_LINK_MIN - _SLACK), np.inf)
        best = np.take(bound[of_row], tables.kind, axis=1)
        best[exact_row, exact_col] = -exact_bound
        best[_row_members(tables.same_article, rows)] = np.inf
        top = np.argpartition(best, k - 1, axis=1)[:, :k]
        rows_top = np.repeat(np.arange(len(local)), top.shape[1])
        cols_top = top.ravel()
        chosen = np.isfinite(best[rows_top, cols_top])
        a, b = rows[rows_top[chosen]], cols_top[chosen]
        out.append(np.minimum(a, b) * m + np.maximum(a, b))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _row_members(
    members: _Groups, rows: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``(n, j)`` for every ``j`` in the group of member ``rows[n]``, row by row and each group
    in increasing order: one index for all the rows' members."""
    size = members.size[rows]
    owner = np.repeat(np.arange(len(rows)), size)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(size) - size, size)
    return owner, members.order[np.repeat(members.start[rows], size) + offset]


_Entries = Sequence[float] | np.ndarray[Any, Any]
"""A matrix's values, rows or columns, entry by entry."""

_DENSE_CELLS = 2_000_000
"""Facts x vocabulary up to which a bucket's context vectors are a dense array: importing scipy
takes longer than a handful of articles' buckets, and only large stories need sparse ones."""


def _dense(shape: tuple[int, int]) -> bool:
    return shape[0] * shape[1] <= _DENSE_CELLS


def _matrix(
    data: np.ndarray[Any, Any], rows: np.ndarray[Any, Any], cols: np.ndarray[Any, Any], shape: tuple[int, int]
) -> Any:
    if _dense(shape):
        dense = np.zeros(shape, dtype=data.dtype)
        dense[rows, cols] = data
        return dense
    return _csr(data, rows, cols, shape)


def _csr(data: _Entries, rows: _Entries, cols: _Entries, shape: tuple[int, int]) -> Any:
    from scipy import sparse

    return sparse.csr_matrix((data, (rows, cols)), shape=shape)


def _row_dots(matrix: Any, i: np.ndarray[Any, Any], j: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Dot products of rows ``i[k]`` and ``j[k]``."""
    if isinstance(matrix, Rows):
        return row_dots(matrix, matrix, i, j)
    out = np.zeros(len(i))
    for start in range(0, len(i), 200_000):
        a, b = i[start : start + 200_000], j[start : start + 200_000]
        out[start : start + 200_000] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return out


EXACT_DIGITS = 3
"""Significant digits from which one figure identifies a fact: two outlets writing "$142.50",
"36.78%" or "11,300" report one number, whatever words they put around it (frames and
holders still keep apart what they tell apart); "5,500" or "$61 billion" recur for different
things too often to say so. A date to the day counts as exact ("sworn in on December 10" /
"taking office on December 10"); a year or a month does not."""


def _exact(value: Value) -> bool:
    if value.kind == "date":
        # "December 10", not "2023"; nor "today": every outlet writing on the day says it of
        # whatever happened that day, so resolved to a date it still tells no fact apart.
        return value.unit in ("day", "monthday") and not is_relative_day(value)
    if value.kind not in ("money", "percent", "measure", "number") or value.high is not None:
        return False
    # Leading and trailing zeros are no significant digits: "11,300" has three, "142.50" four.
    digits = "".join(c for c in value.text if c.isdigit()).strip("0")
    return len(digits) >= EXACT_DIGITS


def exact_figure(value: Value) -> Figure | None:
    """What identifies an exact sum, share, measure or count (not a date: one outlet gives a
    day to several events), or ``None`` for a figure that is not exact."""
    if value.kind == "date" or not _exact(value):
        return None
    return figure_key(value)


def _one_exact_figure(fa: Fact, fb: Fact) -> bool:
    """Whether the two facts give one exact figure (see :data:`EXACT_DIGITS`)."""
    a, b = fa.value, fb.value
    return a is not None and b is not None and _exact(a) and _exact(b) and figure_key(a) == figure_key(b)


Figure = tuple[str, float, float | None, str]


def figure_key(value: Value) -> Figure:
    """The figure a value gives, whatever its wording or bound: "11300" and "11,300", "five"
    and "at least 5", "6.15 billion rupees" and "Rs 615 crore" are one figure. A count's unit
    is the noun after it ("11,340 claimants" / "11,340 people"): not part of the figure; money
    and measures keep theirs ("$142.50" is not "142.50 km")."""
    return (value.kind, value.amount, value.high, "" if value.kind == "number" else value.unit)


def _exact_codes(members: Sequence[Fact]) -> np.ndarray[Any, Any]:
    """:func:`_one_exact_figure` as codes: facts with equal codes >= 0 give one exact figure."""
    ids: dict[Figure, int] = {}
    return np.asarray(
        [
            ids.setdefault(figure_key(f.value), len(ids)) if f.value is not None and _exact(f.value) else -1
            for f in members
        ],
        dtype=np.int64,
    )


def _score(fa: Fact, fb: Fact, context: float, unclear: bool) -> float | None:
    """How surely two value facts of one kind are one fact, or ``None`` when they are not.

    The rule for one pair, as written; :func:`link_values` applies it to all screened pairs of
    a bucket at once in numpy, and a test holds the two equal. Change both together.

    The same frame from the lexicon identifies the fact where each outlet states one value of
    it. Otherwise (a frame missing on one side, a fallback frame such as a counted noun, or an
    outlet stating several different values of the frame: the minutes of five goals) the
    words around the values must, helped by an agreeing value, a shared holder or the same
    counted noun."""
    same = fa.value is not None and fb.value is not None and agreement(fa.value, fb.value) == "equal"
    if fa.value is not None and fb.value is not None and _apart(fa.value, fb.value):
        return None
    if fa.quoted != fb.quoted:
        return None  # a speaker's quoted figure and an outlet's own are two facts
    if fa.superseded != fb.superseded:
        return None  # an earlier count and a current one are two states of a tally
    if not same and (_bare(fa) or _bare(fb)) and context < BARE_NUMBER_CONTEXT:
        return None
    relative = fa.value is not None and is_relative_day(fa.value)
    score = context + (AGREEING_VALUE_BONUS if same and not relative else 0.0)
    if fa.holder & fb.holder:
        score += HOLDER_BONUS
    if fa.frame == fb.frame and fa.frame not in _KIND_NAMES:
        score += FRAME_BONUS  # the same counted noun ("bogies"); a bare kind says nothing
    if (fa.frame_known and fb.frame_known and not unclear) or _one_exact_figure(fa, fb):
        # A sure pair is never weaker than the same pair judged by its words: an outlet's
        # verbatim copy of "about 884,000 people across five provinces" paired its 884,000
        # with the other's "five" (words, holder: 1.15) over the same exact figure (1.1).
        return max(0.6 + 0.4 * context + (0.1 if same else 0.0), score)
    return score if score >= AMBIGUOUS_LINK_MIN else None
