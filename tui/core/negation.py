"""Polarity conflicts: one wording affirms what the other negates, clause by clause.

A negation cue (not, never, no, neither…nor, without, denied, refused to, failed to, is yet
to, …) negates the predicate of its clause, not the next two words. Two clauses are the
same predicate when most of their content words agree; a conflict needs such a pair with
one side negated and the other not. "Little or no rain" is an amount, not a negation.

Hand-written: negation-scope models (NegBio, spaCy's negspaCy) need a parser and a model
download, and what is wanted here is only the polarity of a clause in a news sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.memo import memoised
from tui.core.patterns import compiled
from tui.core.words import STOPWORDS, stem

_CLAUSE_BREAK = compiled(
    r"[;:()\[\]]|,(?!\d)|\s[-—]\s|\b(?:but|while|whereas|although|though|however|because|since|after|"
    r"before|when|which|who|that)\b"
    # "without" negates only what follows it ("make decisions without navigating layers of
    # staff" affirms the decisions), so it opens a clause of its own.
    r"|(?=\bwithout\b)",
    re.IGNORECASE,
)
_CUE_WORDS_PATTERN = (
    r"\b(?:not|never|no|none|neither|nobody|nothing|nowhere|without|cannot|no longer|"
    r"den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing) to|fail(?:s|ed|ing)? to|declin(?:e|es|ed|ing) to|"
    r"(?:is|are|was|were|has|have|had) yet to)\b|n['’]t\b"
)
_CUE = compiled(_CUE_WORDS_PATTERN, re.IGNORECASE)
_LOWER_CUE = compiled(_CUE_WORDS_PATTERN)
""":data:`_CUE` for an ASCII text's lower case (its pattern is lower case): the same matches
without case-insensitive matching, which costs the engine about twice as much."""
_NOT_A_NEGATION = compiled(
    r"\b(?:little|few|limited|minimal|scant) or no\b"
    r"|\bno (?:doubt|longer than|more than|fewer than|less than)\b|\bnot only\b|\bnor\b",
    re.IGNORECASE,
)
_WORD = compiled(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CUE_WORDS = frozenset(
    "not never no none neither nor nobody nothing nowhere without cannot deny denies denied denying "
    "refuse refuses refused refusing fail fails failed failing decline declines declined declining yet "
    "longer".split()
)


@dataclass(frozen=True, slots=True)
class _Clause:
    text: str
    start: int
    negated: bool
    cue_start: int
    cue_end: int
    """Offsets in ``text`` of the (last) cue, for the explanation."""
    stems: tuple[str, ...]
    words: tuple[str, ...]
    offsets: tuple[int, ...]


_CUE_PARTS = ("no", "never", "neither", "without", "den", "refus", "fail", "declin", "yet to", "n't")
"""A piece of every cue of :data:`_CUE` as an ASCII text writes it in lower case."""


@memoised
def has_cue(text: str) -> bool:
    """Whether ``text`` holds a negation cue: the clauses of most linked pairs hold none."""
    # An ASCII text holding none of the cues' pieces cannot match, and testing them is a few
    # substring searches instead of the pattern's alternatives at every word. Only ASCII:
    # case-insensitive matching lets "ſ" and "K" (Kelvin) match "s" and "k".
    if text.isascii():
        lower = text.lower()
        if not any(part in lower for part in _CUE_PARTS):
            return False
        return _LOWER_CUE.search(lower) is not None
    return _CUE.search(text) is not None


@memoised
def _clauses(text: str) -> tuple[_Clause, ...]:
    """Clauses with their polarity and content stems; cached, as one sentence is compared with
    each sentence it links to."""
    out: list[_Clause] = []
    edges = [0]
    for cut in _CLAUSE_BREAK.finditer(text):
        edges.extend((cut.start(), cut.end()))
    edges.append(len(text))
    bounds = list(zip(edges[::2], edges[1::2], strict=True))
    for s, e in bounds:
        piece = text[s:e]
        masked = _NOT_A_NEGATION.sub(lambda m: " " * len(m.group(0)), piece)
        cues = list(_CUE.finditer(masked))
        # "Neither admitted nor denied": everything after "neither" is negated, whatever else
        # it holds; a clause that opens with "nor" continues a negation.
        negated = bool(re.search(r"\bneither\b", piece, re.IGNORECASE)) or bool(
            re.match(r"\s*nor\b", piece, re.IGNORECASE)
        )
        stems: list[str] = []
        words: list[str] = []
        offsets: list[int] = []
        for w in _WORD.finditer(piece):
            lower = w.group(0).lower()
            if lower in STOPWORDS or lower in _CUE_WORDS or lower.endswith(("n't", "n’t")):
                continue
            stems.append(stem(lower.replace("’", "'").removesuffix("'s")))
            words.append(w.group(0))
            offsets.append(w.start())
        out.append(
            _Clause(
                piece,
                s,
                negated or len(cues) % 2 == 1,
                cues[-1].start() if cues else 0,
                cues[-1].end() if cues else 0,
                tuple(stems),
                tuple(words),
                tuple(offsets),
            )
        )
    return tuple(c for c in out if c.stems)


def _same_predicate(x: _Clause, y: _Clause) -> bool:
    sx, sy = set(x.stems), set(y.stems)
    shared = sx & sy
    if sx == sy:
        return True  # "It is not mandatory" / "It is mandatory"
    # Most of the words of both clauses: an attribution ("Mr Truss said") is not the predicate.
    return len(shared) >= 2 and len(shared) > 0.5 * len(sx | sy)


def _phrase(negated: _Clause, affirmed: _Clause) -> tuple[str, str]:
    """ "not approve" / "approved": the cue up to the first shared word after it, and that word."""
    shared = set(affirmed.stems)
    cue_start = negated.cue_start
    if negated.text[cue_start : cue_start + 1] in ("n", "’", "'"):  # "didn't": from the word's start
        cue_start = negated.text.rfind(" ", 0, cue_start) + 1
    for st, word, offset in zip(negated.stems, negated.words, negated.offsets, strict=True):
        if offset >= negated.cue_end and st in shared:
            positive = affirmed.words[affirmed.stems.index(st)]
            return negated.text[cue_start : offset + len(word)].strip(), positive
    return negated.text.strip(), affirmed.text.strip()


def negation_conflict(a_text: str, b_text: str) -> tuple[str, str] | None:
    """The phrase of ``a_text`` and of ``b_text`` where one negates what the other affirms.

    Not memoised per pair: a pair of clauses is asked once per story, so a cache only kept
    every pair alive; the per-text readings it needs are memoised."""
    if not (has_cue(a_text) or has_cue(b_text)):
        return None  # neither negates anything: most pairs, and the cheapest answer
    clauses_a, clauses_b = _clauses(a_text), _clauses(b_text)
    for x in clauses_a:
        for y in clauses_b:
            if x.negated == y.negated or not _same_predicate(x, y):
                continue
            if x.negated:
                return _phrase(x, y)
            negative, positive = _phrase(y, x)
            return positive, negative
    return None
