"""The fact stage: from normalised sentences to the facts they state.

A *value fact* is one figure, date or time with its frame (what it measures), its holder
(whom it is about), its bound and the tight span of words that state it. A *statement
fact* is a clause that carries no quantity. Facts, not sentences, are what later stages
link and label, so a sentence that states a shared fact and a unique one is right about
both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.core.clauses import clause_spans
from tui.core.frames import FrameHit, assign_frames
from tui.core.models import Article, Sentence
from tui.core.normalise import Normalised, NormalisedStory, normalise
from tui.core.patterns import compiled
from tui.core.values import NUMBER_WORDS, Value
from tui.core.words import STOPWORDS, holds_any, stem, strip_accents

FactKind = Literal["value", "statement"]

MIN_STATEMENT_TOKENS = 3
"""A clause with fewer content words states nothing checkable on its own."""
_HOLDER_BEFORE = 100
"""Characters before a value within which a name counts as whom it is about."""
_POSSESSIVE_REACH = 12
_BOUNDS = (
    "at least", "more than", "less than", "fewer than", "over", "under", "nearly", "almost", "about",
    "around", "approximately", "roughly", "some", "up to", "at most", "close to", "an estimated",
    "upwards of", "in excess of", "above", "below", "just",
)  # fmt: skip
_BOUND_WORDS = compiled(
    r"(?:\b(?:" + "|".join(bound.replace(" ", r"\s+") for bound in _BOUNDS) + r")\s+)+$", re.IGNORECASE
)
_BOUND_ENDS = tuple(dict.fromkeys(bound.rsplit(" ", 1)[-1] for bound in _BOUNDS))
"""The last word of each bound: a text :data:`_BOUND_WORDS` finds ends with one and white space."""


def _bound_before(text: str) -> re.Match[str] | None:
    """:data:`_BOUND_WORDS` in the text before a value, searched only where the text ends with
    white space (``\\s`` is ``str.isspace``) after a bound's last word: most values have no bound,
    and the search, tried at each of the 40 characters, cost as much as the rest of a value's
    draft. The last word is screened in ASCII text only: elsewhere "ſ" and "K" match "s" and "k"
    case-insensitively."""
    if not text[-1:].isspace():
        return None
    if text.isascii() and not text.rstrip().lower().endswith(_BOUND_ENDS):
        return None
    return _BOUND_WORDS.search(text)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact as one source states it."""

    index: int
    sentence: int
    """Index into :attr:`Facts.sentences`."""
    article: int
    """Position of the article in the comparison."""
    kind: FactKind
    start: int
    end: int
    """Offsets of the fact's words in the sentence's display text."""
    norm: Normalised
    """The normalised words of the fact's clause."""
    value: Value | None
    frame: str
    """Frame name from the lexicon, a counted noun, or the kind for dates and times; "" if none."""
    frame_known: bool
    """Whether ``frame`` came from the lexicon (a sure frame) rather than a fallback."""
    holder: frozenset[str]
    """Words of the name nearest the value in its clause; empty when there is none."""
    in_title: bool
    """The fact is stated in the headline, which restates the body."""
    quoted: bool = False
    """The value stands inside quotation marks: a speaker's words, which outlets quote (and
    misquote) as a fact of its own, apart from the figure each outlet gives itself."""
    superseded: bool = False
    """The value is a count the outlet reports as since replaced ("Before this, authorities had
    given the toll as 5,500", "an earlier figure ... was 5,500", "up from 5,300"): a past
    state of a live tally, a fact apart from the current one."""


@dataclass(frozen=True)
class Facts:
    """The fact stage's result: the content sentences and the facts they state."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    sentence_articles: tuple[int, ...]
    sentence_norms: tuple[Normalised, ...]
    facts: tuple[Fact, ...]
    by_sentence: Mapping[int, tuple[Fact, ...]] = field(init=False, repr=False, compare=False)
    """The facts of each content sentence, in order. Built once here rather than by
    ``cached_property``, which needs an instance ``__dict__`` (mypyc compiles it as a plain
    property, so linking would rebuild the index per sentence and go quadratic)."""

    def __post_init__(self) -> None:
        index: dict[int, list[Fact]] = {}
        for fact in self.facts:
            index.setdefault(fact.sentence, []).append(fact)
        object.__setattr__(self, "by_sentence", {s: tuple(v) for s, v in index.items()})


def extract_facts(story: NormalisedStory) -> Facts:
    """Value and statement facts of every content sentence."""
    return facts_from_drafts(
        story, [draft_facts(s.text, n) for s, n in zip(story.sentences, story.norms, strict=True)]
    )


def facts_from_drafts(story: NormalisedStory, drafts: Sequence[Sequence[Draft]]) -> Facts:
    """The stage's result from each content sentence's :func:`draft_facts`, numbered story-wide.

    Drafting is a function of one sentence alone, so it can run anywhere (a worker process,
    see :mod:`tui.core.text_pool`); numbering needs the whole story and runs here."""
    articles, sentences, norms = story.articles, story.sentences, story.norms
    position = {a.id: n for n, a in enumerate(articles)}
    facts: list[Fact] = []
    for s, (sentence, drafted) in enumerate(zip(sentences, drafts, strict=True)):
        article = position[sentence.article_id]
        in_title = articles[article].paragraphs[sentence.paragraph_index].kind == "title"
        for kind, start, end, clause, value, frame, known, holder, quoted, superseded in drafted:
            facts.append(
                Fact(
                    len(facts),
                    s,
                    article,
                    kind,
                    start,
                    end,
                    clause,
                    value,
                    frame,
                    known,
                    holder,
                    in_title,
                    quoted,
                    superseded,
                )
            )
    return Facts(
        tuple(articles),
        tuple(sentences),
        tuple(position[s.article_id] for s in sentences),
        tuple(norms),
        tuple(facts),
    )


Draft = tuple[FactKind, int, int, Normalised, Value | None, str, bool, frozenset[str], bool, bool]
"""One fact of a sentence before story-wide numbering: kind, start, end, clause, value, frame,
whether the frame is sure, holder, whether the value is quoted and whether it is superseded
(the last two worked out with the drafting, which may run in a worker process, rather than
while numbering, which runs after it in the caller: 0.05 s of the 0.11 s at 200 articles)."""


_SUPERSEDED_CUE = compiled(
    r"\b(?:earlier(?!\s+(?:this|that|in|on|today|yesterday)\b)|previous(?:ly)?|initial(?:ly)?"
    r"|before\s+(?:this|that)|(?:up|down)\s+from)\b",
    re.IGNORECASE,
)
_SUPERSEDED_WORDS = ("earlier", "previous", "initial", "before", "from")
"""A word of each branch of :data:`_SUPERSEDED_CUE`, lower-cased: a sentence with none of them
(most) has no earlier figure, and each of its counts is not searched."""
_SUPERSEDED_REACH = 80
"""Characters before a count within which a cue marks it as an earlier figure."""
_COUNT_KINDS = frozenset({"number", "money", "percent", "measure"})


def _superseded(norm: Normalised, value: Value) -> bool:
    """Whether a cue before the count, in its sentence and not past a semicolon, says the
    count is an earlier one ("earlier", "previously", "before this", "up from"; not "earlier
    this year", which says when). Times, dates and orders are left alone: "earlier" beside
    them is when, not which figure."""
    if value.kind not in _COUNT_KINDS:
        return False
    lo = max(0, value.start - _SUPERSEDED_REACH, norm.source.rfind(";", 0, value.start) + 1)
    return _SUPERSEDED_CUE.search(norm.source, lo, value.start) is not None


def _may_supersede(source: str) -> bool:
    """Whether :func:`_superseded` may find a cue in the sentence ``source``. An ASCII text only
    is screened: elsewhere "ſ" matches "s" case-insensitively."""
    if not source.isascii():
        return True
    return holds_any(source.lower(), _SUPERSEDED_WORDS)


def _in_quotation(norm: Normalised, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation opened earlier in the same sentence (an
    odd number of quote marks before it). A quotation running on from an earlier sentence is
    not seen: its later sentences count as the outlet's own words. The folded text writes
    every kind of double quote ("“”„) as '"'."""
    return norm.source.count('"', 0, at) % 2 == 1


def draft_facts(text: str, norm: Normalised) -> tuple[Draft, ...]:
    """The facts one sentence states, from its display text and its :func:`normalise`."""
    out: list[Draft] = []
    clauses = clause_spans(text)
    values = list(norm.values)
    value_clauses = [
        next(((lo, hi) for lo, hi in clauses if lo <= v.start < hi), clauses[-1]) for v in values
    ]
    frames = assign_frames(text, values, value_clauses)
    names = _holder_names(norm) if values else []
    supersedable = bool(values) and _may_supersede(norm.source)
    for lo, hi in clauses:
        clause_norm = normalise(text[lo:hi]) if (lo, hi) != (0, len(text)) else norm
        spans: list[tuple[int, int]] = []
        for k, value in enumerate(values):
            if value_clauses[k] != (lo, hi):
                continue
            right = values[k + 1].start if k + 1 < len(values) and value_clauses[k + 1] == (lo, hi) else hi
            draft = _value_fact(text, norm, value, lo, hi, right, frames[k], clause_norm, names)
            superseded = supersedable and _superseded(norm, value)
            out.append((*draft, _in_quotation(norm, value.start), superseded))
            spans.append((draft[1], draft[2]))
        statement = _statement(text, lo, hi, spans, clause_norm)
        if statement is not None:
            out.append(statement)
    return tuple(out)


def _statement(text: str, lo: int, hi: int, spans: list[tuple[int, int]], clause: Normalised) -> Draft | None:
    """What the clause says besides its values: "Mbappe scored a hat-trick in the 118th minute"
    states that he scored a hat-trick, whichever minute each outlet gives. The value words are
    blanked (offsets kept) so that two outlets' differing figures do not pull the statements
    apart, nor agreeing ones push them together."""
    if spans:
        chars = list(text[lo:hi])
        for start, end in spans:
            chars[max(start, lo) - lo : min(end, hi) - lo] = " " * (min(end, hi) - max(start, lo))
        rest = "".join(chars)
        clause = normalise(rest)
        if len(clause.tokens) < MIN_STATEMENT_TOKENS:
            return None
        inner = len(rest) - len(rest.lstrip())
        start, end = _trim(text, lo + inner, lo + len(rest.rstrip()))
    else:
        if len(clause.tokens) < MIN_STATEMENT_TOKENS:
            return None
        start, end = _trim(text, lo, hi)
    return ("statement", start, end, clause, None, "", False, frozenset(), False, False)


def _value_fact(
    text: str,
    norm: Normalised,
    value: Value,
    lo: int,
    hi: int,
    right: int,
    hit: FrameHit | None,
    clause: Normalised,
    names: Sequence[_Named],
) -> tuple[FactKind, int, int, Normalised, Value, str, bool, frozenset[str]]:
    """A value's draft, short of its quotation and superseded marks."""
    if hit is not None:
        frame, known = hit.frame, True
        start, end = min(value.start, hit.start), max(value.end, hit.end)
    elif value.kind in ("date", "time", "weekday"):
        frame, known = value.kind, False
        start, end = value.start, value.end
    elif value.kind == "ordinal" and value.unit:
        # "a third World Cup", "the 80th minute": the order counts the noun after it.
        frame, known = value.unit, False
        start, end = value.start, value.end
    elif value.kind == "measure" and value.dimension:
        # A measure says what it measures by its unit: magnitude, distance, duration.
        frame, known = value.dimension, False
        start, end = value.start, value.end
    else:
        frame, known = value.kind, False
        start, end = value.start, value.end
        noun = _COUNTED.match(text, end, right) if value.kind == "number" else None
        if noun and noun.group("noun") not in STOPWORDS:
            # The counted noun is the first plain word after the figure: "two Kanchanjunga
            # Express bogies" counts bogies; a name between is what they belong to.
            frame, end = stem(noun.group("noun").lower()), noun.end()
    bound = _bound_before(text[max(lo, start - 40) : start])
    if bound:
        start -= len(bound.group(0))
    start, end = _trim(text, start, end)
    return ("value", start, end, clause, value, frame, known, _holder(norm, value, lo, hi, start, end, names))


_ATTRIBUTED_AFTER = compiled(
    r"['’]?s?\s+(?:reported|reports|said|says|told|announced|estimated|noted|wrote|added|cited|put|puts)\b"
)
_ATTRIBUTED_BEFORE = compiled(r"\b(?:according\s+to|citing|reported\s+by|said\s+by)\s+(?:the\s+)?$", re.I)
_RELATIVE = compiled(r"\s*(?:who|which|he|she)\b", re.I)
_FOR_HOLDER = compiled(r"\s+(?:of\s+(?:the\s+)?[a-z]+\s+)?for\s+(?:the\s+)?")
_COUNTED = compiled(r"(?:\s+(?:[A-Z][\w'’.-]*|of|the))*\s+(?P<noun>[a-z][a-z-]{2,})")
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


_OPPONENT = compiled(r"\b(?:against|versus|vs\.?)\s+(?:the\s+)?$", re.IGNORECASE)
"""A name after "against" is the other side ("a penalty against France in the 23rd minute",
"voted 55% against the bill"), never whose the value is."""
_POSSESSIVE_PRONOUN = compiled(r"\b(?:their|its|his|her)\s+$", re.IGNORECASE)


_Named = tuple[str, int, int, frozenset[str]]
"""A name of a sentence, its offsets and :func:`name_words`."""


def _holder_names(norm: Normalised) -> list[_Named]:
    """The names of a sentence that may hold one of its values: not one that a verb of saying
    follows or "according to" precedes (the source: "The Times of India reported 7%"), nor
    one without a holder's word. What :func:`_holder` asked of each name for each value, once
    per sentence."""
    named: list[_Named] = []
    for name, s, e in norm.names:
        if _ATTRIBUTED_AFTER.match(norm.source, e) or _ATTRIBUTED_BEFORE.search(norm.source, 0, s):
            continue
        words = name_words(name)
        if words:
            named.append((name, s, e, words))
    return named


def _holder(
    norm: Normalised, value: Value, lo: int, hi: int, start: int, end: int, names: Sequence[_Named]
) -> frozenset[str]:
    """The words of the name the value is about: the name it is "for" ("44.2% for Sergio
    Massa"), else the nearest name before it in its clause (the subject: "Javier Milei carried
    the runoff with 55.95%"), else, in a relative clause, the name the clause hangs on
    ("beating Sergio Massa, who adds 44.04%"). Any other name after the value is an object,
    not the holder ("55.95%, beating Sergio Massa"). A possessive far from the value modifies
    some other noun ("Argentina's presidential elections"). ``names`` are the sentence's
    :func:`_holder_names`."""
    if _POSSESSIVE_PRONOUN.search(norm.source, max(lo, value.start - 8), value.start):
        return frozenset()  # "claimed their third title": whose, only the subject says
    before: tuple[int, frozenset[str]] | None = None
    for name, s, e, words in names:
        if not (lo <= s and e <= hi) or (start <= s and e <= end and value.kind != "percent"):
            continue
        if _OPPONENT.search(norm.source, max(lo, s - 9), s):
            continue
        if value.kind == "ordinal" and stem(name.split()[0].lower()) == value.unit:
            continue  # "won the World Cup three times": the thing counted, not whose count
        if e <= value.start:
            distance = value.start - e
            possessive = name.endswith(("'s", "’s")) or norm.source[e : e + 2] in ("'s", "’s")
            near = distance <= _HOLDER_BEFORE and not (possessive and distance > _POSSESSIVE_REACH)
            if near and (before is None or distance < before[0]):
                before = (distance, words)
        elif s >= value.end and _FOR_HOLDER.fullmatch(norm.source, value.end, s):
            return words
    if before is not None:
        return before[1]
    if _RELATIVE.match(norm.source, lo):
        earlier = [name for name, s, e in norm.names if e <= lo and lo - e <= _HOLDER_BEFORE]
        return name_words(earlier[-1]) if earlier else frozenset()
    return frozenset()


def name_words(name: str) -> frozenset[str]:
    """The words of a name as a holder's key: lower-cased, accents and a possessive dropped, and
    no month, day or spelled number (a capitalised "Five passengers died" names nobody)."""
    # Accents dropped: outlets spell one player "Mbappé" and "Mbappe".
    words = (strip_accents(w.lower().removesuffix("'s").removesuffix("’s")) for w in name.split())
    return frozenset(w for w in words if len(w) > 1 and w not in DATE_WORDS and w not in NUMBER_WORDS)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum() and text[start] not in '$€£¥"“':
        start += 1
    while end > start and text[end - 1] in " ,;:—–-":
        end -= 1
    return start, end
