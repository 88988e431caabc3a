"""Conflict checks that look inside one sentence or one pair of them: a sentence that reports
two figures for one thing, and a name replaced between two linked clauses."""

from __future__ import annotations

import re

from tui.core.memo import memoised
from tui.core.models import REPORTED_JOIN
from tui.core.names import has_name_words, name_change, same_name
from tui.core.normalise import Normalised, Value
from tui.core.patterns import compiled
from tui.core.values import compatible

_STRONG_LINK = 0.5
"""Names and polarity are compared only across sentences this clearly about one thing."""
_REPORT_CUE = compiled(
    r"\b(?:while|whereas|but|however|compared with|versus|vs\.?|other reports?|contradict\w*|conflicting|"
    r"differ\w*|disput\w*)\b",
    re.IGNORECASE,
)
_REPORT_VERB = compiled(
    r"\b(?:report\w*|said|says|puts?|estimat\w*|claim\w*|according to|cite[sd]?|lists?|listed|gives?|gave"
    r"|quoted?|pegged|figures?|numbers?)\b",
    re.IGNORECASE,
)


def reported_discrepancy(norm: Normalised) -> str | None:
    """A sentence that itself reports two different figures for one thing ("X said 7%, Y 8%")."""
    values = reported_values(norm)
    return REPORTED_JOIN.join(v.text for v in values) if values else None


def reported_values(norm: Normalised) -> list[Value]:
    """The different figures a sentence reports for one thing, or none."""
    kind = _reported_kind(norm)
    return _distinct(norm, kind) if kind is not None else []


def _distinct(norm: Normalised, kind: str) -> list[Value]:
    distinct: list[Value] = []
    for v in norm.values:
        if v.kind != kind:
            continue
        if all(not compatible(v, d) for d in distinct) and all(v.unit == d.unit for d in distinct):
            distinct.append(v)
    return distinct


def _reported_kind(norm: Normalised) -> str | None:
    for kind in ("money", "percent", "number"):
        distinct = _distinct(norm, kind)
        if len(distinct) < 2:
            continue
        # The second figure must be attributed after the contrast ("..., while Business
        # Insider reported $14 billion"), which "but profit fell to $1 billion" is not.
        between = norm.source[distinct[0].end : distinct[-1].start]
        cue = _REPORT_CUE.search(between)
        if cue and _REPORT_VERB.search(between[cue.end() :]) and _REPORT_VERB.search(norm.source):
            return kind
    return None


@memoised
def squash(name: str) -> str:
    """Lower case, letters and digits only: "MuseSpark" and "Muse Spark" compare equal.

    Memoised: names recur across thousands of sentence pairs, and linking and classify both
    squash every article's text (80 ms at 200 articles), which the second does not redo."""
    return _NOT_ALNUM.sub("", name.lower().removesuffix("'s").removesuffix("’s"))


_NOT_ALNUM = compiled(r"[^a-z0-9]")


@memoised
def _uses(squashed_article: str, name: str) -> bool:
    """Whether an article (its :func:`squash`-ed text) uses ``name`` anywhere: one search of
    the whole text per article and name, not one per pair of sentences that mention it."""
    return squash(name) in squashed_article


def may_rename(norm: Normalised) -> bool:
    """Whether a clause can be either side of a :func:`name_conflict`. One with no name and no
    name word never is, whatever the other clause (each test needs a name on both sides), so
    a caller checking many pairs reads this once per clause and skips the pair: 24,377 of
    the 60,337 pairs checked at 200 synthetic articles."""
    return bool(norm.names) or has_name_words(norm.source)


def may_respell(norm: Normalised) -> bool:
    """Whether a clause can be either side of :func:`name_conflict`'s respelling test, the only
    one it makes below :data:`_STRONG_LINK`: that test needs a name of two or more distinct
    words on both sides. Linking's rescue asks for renamed pairs at score 0.0, and skips the
    pairs of clauses that cannot (23,168 of its 27,567 calls at 200 synthetic articles)."""
    return any(_respellable(name) for name, _, _ in norm.names)


def _respellable(name: str) -> bool:
    """A name of two or more distinct words: one of them respelled, the others in place."""
    return len(set(name.lower().split())) >= 2


def name_conflict(
    a: Normalised, b: Normalised, squashed_a: str, squashed_b: str, score: float
) -> tuple[str, str] | None:
    """A name one sentence replaces by another in matching context (:func:`names.name_change`),
    or two different spellings of what is clearly one name: "Meta Superintelligence Labs" vs
    "Meta Intelligence Labs". A name the other article uses anywhere (``squashed_*`` are the
    articles' :func:`squash`-ed texts) is never a conflict."""
    changed = name_change(a.source, b.source) if score >= _STRONG_LINK else None
    if changed and not _uses(squashed_b, changed[0]) and not _uses(squashed_a, changed[1]):
        return changed

    only_a = [n for n, _, _ in a.names if not _uses(squashed_b, n)]
    if not only_a:
        return None  # both tests below need a name of each side that the other never uses
    only_b = [n for n, _, _ in b.names if not _uses(squashed_a, n)]
    for x in only_a:
        for y in only_b:
            wx, wy = set(x.lower().split()), set(y.lower().split())
            if not _respellable(x) or len(wx) != len(wy) or wx == wy:
                continue
            differing = [(u, v) for u, v in zip(x.lower().split(), y.lower().split(), strict=False) if u != v]
            if len(differing) != 1:
                continue  # one word of a name respelled, the others in place
            from rapidfuzz import fuzz  # only for the few pairs that get this far

            if wx & wy and fuzz.ratio(squash(x), squash(y)) >= 70 and not same_name(x, y):
                return x, y
    # Otherwise one full name in place of another ("Priya Raman will run" / "Lars Eide will run"),
    # when it is the only name each sentence has that the other article never mentions.
    people_a = [n for n in only_a if _person_like(n)]
    people_b = [n for n in only_b if _person_like(n)]
    if (
        score >= _STRONG_LINK
        and len(people_a) == len(people_b) == len(only_a) == len(only_b) == 1
        and not same_name(people_a[0], people_b[0])
        and not {squash(w) for w in people_a[0].split()} & {squash(w) for w in people_b[0].split()}
        # "Javier Gerardo Milei" is no stand-in when the other sentence names "Javier Milei".
        and not any(_one_surname(people_b[0], n) for n, _, _ in a.names)
        and not any(_one_surname(people_a[0], n) for n, _, _ in b.names)
    ):
        return people_a[0], people_b[0]
    return None


def _one_surname(x: str, y: str) -> bool:
    """Whether two names end in the same word: one person with or without a middle name."""
    return squash(x.split()[-1]) == squash(y.split()[-1])


def _person_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
