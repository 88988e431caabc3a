"""The fast paths of drafting facts and segmenting (screens in front of a pattern, work done
once per sentence instead of once per value or clause) give what the plain rules give, on
article text and on crafted and random text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_text_fast_paths import CRAFTED, corpus_lines
from tui.core import boilerplate, clauses, display, facts, frames
from tui.core.clauses import clause_spans
from tui.core.normalise import Normalised, normalise
from tui.core.values import Value
from tui.core.words import stem

_BOUND_PIECES = st.sampled_from(
    [
        *"abcst ,.()\t\n",
        *"ſKİı",
        *"at least|more than|up to|close to|in excess of|an estimated|just|Nearly|ABOUT|some|to|of".split(
            "|"
        ),
        "  ",
        "upwards  of",
        "SOME",
        "almoſt",
        "earlier",
        "Previously",
        "up from",
        "before this",
        "initially",
        "fromage",
    ]
)
_PIECED = st.lists(_BOUND_PIECES, max_size=12).map("".join)


def _texts() -> list[str]:
    lines = corpus_lines()
    return [*lines, *(line[:cut] for line in lines[:400] for cut in range(0, len(line), 7))]


def test_bound_words_are_searched_wherever_they_can_match() -> None:
    found = 0
    for text in _texts():
        plain = facts._BOUND_WORDS.search(text)
        fast = facts._bound_before(text)
        assert (fast and fast.span()) == (plain and plain.span()), text
        found += plain is not None
    assert found > 20  # the texts exercise the pattern


@settings(max_examples=400, deadline=None)
@given(text=_PIECED)
def test_bound_words_are_searched_wherever_they_can_match_on_any_text(text: str) -> None:
    plain = facts._BOUND_WORDS.search(text)
    fast = facts._bound_before(text)
    assert (fast and fast.span()) == (plain and plain.span()), text


def test_a_sentence_without_a_superseded_cue_is_not_searched() -> None:
    found = 0
    for text in (*_texts(), *CRAFTED):
        if facts._SUPERSEDED_CUE.search(text):
            found += 1
            assert facts._may_supersede(text), text
    assert found > 5


@settings(max_examples=400, deadline=None)
@given(text=_PIECED)
def test_a_sentence_without_a_superseded_cue_is_not_searched_on_any_text(text: str) -> None:
    assert facts._may_supersede(text) or facts._SUPERSEDED_CUE.search(text) is None, text


def _plain_holder(norm: Normalised, value: Value, lo: int, hi: int, start: int, end: int) -> frozenset[str]:
    """:func:`facts._holder` as it was written: every name asked again for every value."""
    if facts._POSSESSIVE_PRONOUN.search(norm.source, max(lo, value.start - 8), value.start):
        return frozenset()
    before: tuple[int, str] | None = None
    for name, s, e in norm.names:
        if not (lo <= s and e <= hi) or (start <= s and e <= end and value.kind != "percent"):
            continue
        if facts._ATTRIBUTED_AFTER.match(norm.source, e) or facts._ATTRIBUTED_BEFORE.search(
            norm.source, 0, s
        ):
            continue
        if not facts.name_words(name) or facts._OPPONENT.search(norm.source, max(lo, s - 9), s):
            continue
        if value.kind == "ordinal" and stem(name.split()[0].lower()) == value.unit:
            continue
        if e <= value.start:
            distance = value.start - e
            possessive = name.endswith(("'s", "’s")) or norm.source[e : e + 2] in ("'s", "’s")
            near = distance <= facts._HOLDER_BEFORE and not (
                possessive and distance > facts._POSSESSIVE_REACH
            )
            if near and (before is None or distance < before[0]):
                before = (distance, name)
        elif s >= value.end and facts._FOR_HOLDER.fullmatch(norm.source, value.end, s):
            return facts.name_words(name)
    if before is not None:
        return facts.name_words(before[1])
    if facts._RELATIVE.match(norm.source, lo):
        earlier = [name for name, s, e in norm.names if e <= lo and lo - e <= facts._HOLDER_BEFORE]
        return facts.name_words(earlier[-1]) if earlier else frozenset()
    return frozenset()


HOLDERS = (
    "Javier Milei carried the runoff with 55.95%, beating Sergio Massa, who adds 44.04%.",
    "The Times of India reported 7% growth, according to Reuters 5 more.",
    "Argentina won the World Cup three times, against France in 2022 with 4 goals for Messi.",
    "Sergio Massa's 44.2% for Sergio Massa trailed, said Ana Lopez, citing Reuters 12 times.",
)


def test_holders_from_the_names_screened_once_per_sentence_are_the_plain_rule() -> None:
    asked = 0
    for text in (*HOLDERS, *corpus_lines()):
        norm = normalise(text)
        if not norm.values or not norm.names:
            continue
        names = facts._holder_names(norm)
        for lo, hi in clause_spans(text):
            for value in norm.values:
                for start, end in ((value.start, value.end), (lo, hi)):
                    got = facts._holder(norm, value, lo, hi, start, end, names)
                    assert got == _plain_holder(norm, value, lo, hi, start, end), text
                    asked += bool(got)
    assert asked > 50


def test_a_source_is_screened_out_of_the_holders() -> None:
    norm = normalise("The Times of India reported 7% growth for Sergio Massa")
    assert [name for name, *_ in facts._holder_names(norm)] == ["Sergio Massa"]


def test_frame_cues_of_a_clause_are_those_of_its_slice() -> None:
    for text in corpus_lines():
        for lo, hi in clause_spans(text):
            sliced = [
                frames.FrameHit(h.frame, h.start + lo, h.end + lo) for h in frames.frame_cues(text[lo:hi])
            ]
            assert frames.frame_cues(text, lo, hi) == sliced, (text, lo, hi)


def test_enough_words_is_three_words_or_more() -> None:
    plain = re.compile(r"[^\W_]+")
    for text in (*corpus_lines(), "a b", "a_b c", "a, b; c", "’a’", "x.y.z", "", " - "):
        for start in range(0, min(len(text), 40), 3):
            end = min(len(text), start + 25)
            enough = len(plain.findall(text, start, end)) >= clauses.MIN_WORDS
            assert (clauses._ENOUGH_WORDS.search(text, start, end) is not None) == enough, text


def test_residue_is_only_skipped_where_there_is_none() -> None:
    cleaned = 0
    for text in (*corpus_lines(), "Hello , world .", "a\t, b", "x ,, . y", "end !"):
        if display._RESIDUE.search(text):
            cleaned += 1
            assert display._RESIDUE_START.search(text), text
    assert cleaned >= 4


@settings(max_examples=400)
@given(text=st.text(alphabet=" \t,.;:!?ab\n", max_size=20))
def test_residue_is_only_skipped_where_there_is_none_on_any_text(text: str) -> None:
    assert display._RESIDUE_START.search(text) or not display._RESIDUE.search(text), text


@settings(max_examples=400)
@given(text=st.text(alphabet=st.sampled_from("a 1 9 ² ٣ ½ x\u0660"), max_size=8) | st.text(max_size=8))
def test_a_digit_is_what_str_isdigit_says(text: str) -> None:
    assert boilerplate._has_digit(text) == any(ch.isdigit() for ch in text)
