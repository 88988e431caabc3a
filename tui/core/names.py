"""Changed names between two wordings of one fact ("talks in Geneva" / "talks in Vienna").

The two texts are aligned word by word with rapidfuzz's Levenshtein opcodes on token lists;
a capitalised word or phrase replaced by another, in otherwise matching context, is a
name change. Variants of one name are not: spacing and case ("MuseSpark" = "Muse Spark"),
diacritics ("Erdoğan" = "Erdogan"), initials and titles ("J. Smith" = "John Smith" =
"Mr Smith"), possessives, and common short forms ("U.S." = "US" = "United States").
The variant table is hand-written: it is a handful of everyday news forms, not a gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein, Opcode

from tui.core.memo import memoised
from tui.core.patterns import compiled
from tui.core.values import MONTHS, WEEKDAYS
from tui.core.words import STOPWORDS

# Two or more initials ("U.S.") are one word, written as one initial and then one or more:
# ``(?:[A-Za-z]\.){2,}`` entered `re`'s repeat machinery at every position before failing
# there, a quarter of the time of the glance's ``findall``; the same matches.
_TOKEN = compiled(r"[A-Za-z]\.(?:[A-Za-z]\.)+|[^\W_]+(?:['’&-][^\W_]+)*", re.UNICODE)
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary senator sen "
    "rep representative congressman congresswoman gov governor mayor chancellor king queen prince "
    "princess general gen col lt capt captain sgt judge justice chief officer chairman chairwoman "
    "ceo director spokesman spokeswoman pope cardinal rev father sheikh".split()
)
# Two-word forms first, folded onto one token before alignment.
_PHRASES = {
    ("united", "states"): "us", ("united", "kingdom"): "uk", ("great", "britain"): "uk",
    ("united", "nations"): "un", ("european", "union"): "eu",
}  # fmt: skip
_PHRASE_HEADS = frozenset(first for first, _ in _PHRASES)
_SHORT_FORMS = {
    "usa": "us", "america": "us", "american": "us", "americans": "us", "britain": "uk", "british": "uk",
    "gb": "uk", "england": "uk",
}  # fmt: skip
_ABBREVIATION = compiled(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*)\.$")
_CAMEL = compiled(r"(?<=[a-z])(?=[A-Z][a-z])")
_OPENERS = "\"'“‘([:.!?—-"
"""What a sentence or a quotation starts after."""


class _Token(NamedTuple):
    """One word; a named tuple because every clause compared makes dozens of them."""

    surface: str
    key: str
    capitalised: bool
    initial: bool
    """The first word of the sentence or of a quotation, capitalised whatever it is; worked out
    for capitalised words only (False for the others), the only ones whose start is read."""


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.casefold().replace("’", "'")
    plain = re.sub(r"'s$", "", plain).replace(".", "")
    return _SHORT_FORMS.get(plain, plain)


def _raw_tokens(text: str) -> list[_Token]:
    """Every word of ``text``, before titles are dropped and two-word forms folded."""
    text = _CAMEL.sub(" ", text)  # "MuseSpark" reads as "Muse Spark"
    raw: list[_Token] = []
    make = tuple.__new__  # the named tuple's own __new__ is a Python function: one call a word
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[:1].isupper():
            # Nine words in ten at 400 synthetic articles: a word that is not capitalised is
            # never a name word (:func:`_name_words`), so where it stands is not looked at.
            raw.append(make(_Token, (word, _fold(word), False, False)))
            continue
        start = m.start()
        # The last character before the word other than white space decides; most words
        # follow one space after a letter or a comma, and then that character is read
        # directly instead of from a stripped slice of the 16 characters before the word.
        last = text[start - 1] if start > 1 else " "
        if last == " ":
            last = text[start - 2] if start > 1 else " "
        if not last.isspace():
            initial = last in _OPENERS
            if initial:
                before = text[start - 16 if start > 16 else 0 : start].rstrip()
                if not before.endswith("..") and _ABBREVIATION.search(before):
                    initial = False
        else:
            before = text[start - 16 if start > 16 else 0 : start].rstrip()
            initial = not before or before[-1] in _OPENERS
            # An abbreviation needs a letter and a full stop before the word.
            if initial and before and not before.endswith("..") and _ABBREVIATION.search(before):
                initial = False  # "Mr. Tyrer", "J. Smith", "Dec. 27": not a sentence start
        raw.append(make(_Token, (word, _fold(word), True, initial)))
    return raw


@memoised
def _tokens(text: str) -> tuple[_Token, ...]:
    """The words of ``text`` with their comparison keys; cached, as one sentence is compared
    with each sentence it links to."""
    raw = _raw_tokens(text)
    keys = [t[1] for t in raw]
    if _PHRASE_HEADS.isdisjoint(keys) and _TITLES.isdisjoint(keys):
        return tuple(raw)  # most sentences: no two-word form to fold, no title to drop
    out: list[_Token] = []
    i = 0
    while i < len(raw):
        if i + 1 < len(raw) and (raw[i].key, raw[i + 1].key) in _PHRASES:
            first, second = raw[i], raw[i + 1]
            key = _PHRASES[(first.key, second.key)]
            out.append(_Token(f"{first.surface} {second.surface}", key, first.capitalised, first.initial))
            i += 2
            continue
        if raw[i].key not in _TITLES or not raw[i].capitalised:
            out.append(raw[i])
        i += 1
    return tuple(out)


class _Read(NamedTuple):
    """What :func:`name_change` needs of one text, worked out once per text."""

    tokens: tuple[_Token, ...]
    keys: tuple[str, ...]
    key_set: frozenset[str]
    capital_keys: frozenset[str]
    """The keys of the words that can be part of a name."""


@memoised
def _read(text: str) -> _Read:
    tokens = _tokens(text)
    keys = tuple(t.key for t in tokens)
    return _Read(tokens, keys, frozenset(keys), frozenset(t.key for t in _name_words(tokens)))


def _name_words(tokens: Sequence[_Token]) -> list[_Token]:
    """The capitalised words of a replaced stretch that can be part of a name."""
    return [
        t
        for t in tokens
        if t.capitalised
        and t.key not in STOPWORDS
        and t.key not in MONTHS
        and t.key not in WEEKDAYS
        and not (t.initial and not _name_shaped(t.surface))
    ]


_NAME_JOINERS = frozenset("of the de del la le al el bin ibn von van da di and &".split())


def _several_names(stretch: Sequence[_Token], names: Sequence[_Token]) -> bool:
    """Whether the name words of ``stretch`` are apart, other words between them ("The
    Associated Press news agency, Marie el-Drese, Libya"): one name ("Bank of England")
    runs on, joined at most by a particle."""
    inside = {id(t) for t in names}
    at = [k for k, t in enumerate(stretch) if id(t) in inside]
    return any(
        any(id(t) not in inside and t.key not in _NAME_JOINERS for t in stretch[i + 1 : j])
        for i, j in pairwise(at)
    )


def _name_shaped(word: str) -> bool:
    """A sentence-initial word that is a name whatever its position: "FBI", "McDonald", "U.S."."""
    return sum(ch.isupper() for ch in word) >= 2


def _variant(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    squash_a = "".join(t.key for t in a).replace("-", "")
    squash_b = "".join(t.key for t in b).replace("-", "")
    if squash_a == squash_b:
        return True
    if _acronym(a, b) or _acronym(b, a):
        return True  # "DNC" and "(Democratic) National Committee"
    if a and b and len(a) != len(b) and (a[-1].key == b[-1].key) and min(len(a), len(b)) == 1:
        return True  # "Smith" for "John Smith": the surname alone
    # "J. Smith" and "John Smith": an initial stands for any name it starts; "Tim" is short
    # for "Timothy".
    return len(a) == len(b) and all(
        x.key == y.key
        or (min(len(x.key), len(y.key)) == 1 and x.key[:1] == y.key[:1])
        or (min(len(x.key), len(y.key)) >= 3 and (x.key.startswith(y.key) or y.key.startswith(x.key)))
        for x, y in zip(a, b, strict=True)
    )


def _acronym(short: Sequence[_Token], long: Sequence[_Token]) -> bool:
    if len(short) != 1 or not short[0].surface.replace(".", "").isupper() or len(long) < 2:
        return False
    initials = "".join(t.key[:1] for t in long)
    return initials in short[0].key


def name_change(a_text: str, b_text: str) -> tuple[str, str] | None:
    """The name in ``a_text`` that ``b_text`` replaces by another, as each writes it, or None.

    Only a replacement inside matching context counts: the words around it agree, and the
    other text does not use the first name anywhere (a reordered sentence is not a change).
    """
    # Most linked pairs stop here (nine in ten at 100 synthetic articles): every name word of
    # one text is in the other, or they share little. Subset tests, no sets built, and no
    # memo entry for a pair that never repeats. The glance's name words may be too many (its
    # sentence-initial words are kept), so a pair it lets through is tested again on the read.
    # The second text is not glanced at when the first has no name word.
    a = _glance(a_text)
    if a is None:
        return None
    b = _glance(b_text)
    if b is None:
        return None
    common = len(a.key_set & b.key_set)
    if a.capital_keys <= b.key_set or b.capital_keys <= a.key_set or common < 3:
        return None
    if not _may_align(a, b, common):
        return None
    ra, rb = _read(a_text), _read(b_text)
    if ra.capital_keys <= rb.key_set or rb.capital_keys <= ra.key_set:
        return None
    return _aligned_change(a_text, b_text)


def has_name_words(text: str) -> bool:
    """Whether ``text`` may hold a name word: :func:`name_change` finds nothing with a text
    that has none, on either side."""
    return _glance(text) is not None


class _Glance(NamedTuple):
    """:class:`_Read`'s word keys, and its name words' keys or more."""

    key_set: frozenset[str]
    capital_keys: frozenset[str]
    """The keys of the capitalised words that may be part of a name: :attr:`_Read.capital_keys`,
    and those of sentence-initial words after the first, which only :func:`_raw_tokens` tells
    apart."""
    words: int
    """How many words :func:`_read` gives (``len(_Read.keys)``)."""


def _may_align(a: _Glance, b: _Glance, common: int) -> bool:
    """Whether :func:`_aligned_change` can get past its first test (at least half the shorter
    text's words aligned as equal), from two glances with ``common`` keys in common; False
    spares both texts' full readings and the alignment (1,012 of 2,752 alignments and 285 of
    2,965 readings at 200 synthetic articles). The words aligned equal are at most, per key,
    the fewer of its two counts, and those sum to at most ``common`` plus either text's
    repeated words (its words less its distinct keys)."""
    repeated = min(a.words - len(a.key_set), b.words - len(b.key_set))
    return common + repeated >= 0.5 * min(a.words, b.words)


@memoised
def _glance(text: str) -> _Glance | None:
    """What :func:`name_change`'s first tests need of ``text``, or None when it has no name word.

    Half the clauses of a synthetic story have no capital letter after their first character,
    so no name word: their first word is sentence-initial and has one capital at most (not
    :func:`_name_shaped`), and no camel-case word is split. The rest are tokenised by one
    ``findall`` without a token object per word (9 words in 10 are lower case); only a pair
    whose glances pass is read in full (:func:`_read`). 14,000 clauses at 200 articles:
    tokenising all of them in full was 0.8 s of CPU.
    """
    if not any(map(str.isupper, text[1:])):
        return None
    spaced = _CAMEL.sub(" ", text)
    words = _TOKEN.findall(spaced)
    keys = list(map(_fold, words))
    if not (_PHRASE_HEADS.isdisjoint(keys) and _TITLES.isdisjoint(keys)):
        read = _read(text)  # two-word forms and titles: the full reading
        return _Glance(read.key_set, read.capital_keys, len(read.keys))
    # The text's first word, where it opens the text, is sentence-initial (:func:`_raw_tokens`).
    skip = 1 if words and spaced.startswith(words[0]) and not _name_shaped(words[0]) else 0
    capital = frozenset(
        key
        for word, key in zip(words[skip:], keys[skip:], strict=True)
        if word[:1].isupper() and key not in STOPWORDS and key not in MONTHS and key not in WEEKDAYS
    )
    return _Glance(frozenset(keys), capital, len(keys))  # the reading's words, as nothing is folded


@memoised
def _aligned_change(a_text: str, b_text: str) -> tuple[str, str] | None:
    """:func:`name_change` for texts that pass its first tests: the word alignment."""
    a, b = _read(a_text), _read(b_text)
    ta, tb = a.tokens, b.tokens
    all_a, all_b = a.key_set, b.key_set
    ops = Levenshtein.opcodes(a.keys, b.keys)
    equal = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if equal < 3 or equal < 0.5 * min(len(ta), len(tb)):
        return None
    for a_start, a_end, b_start, b_end in _changed_blocks(ops):
        flanked = a_start > 0 or a_end < len(ta) or b_start > 0 or b_end < len(tb)
        names_a = _name_words(ta[a_start:a_end])
        names_b = _name_words(tb[b_start:b_end])
        if not flanked or not names_a or not names_b or len(names_a) > 4 or len(names_b) > 4:
            continue
        if _several_names(ta[a_start:a_end], names_a) or _several_names(tb[b_start:b_end], names_b):
            continue  # a reworded stretch naming several things, not one name for another
        if _variant(names_a, names_b):
            continue
        if any(t.key in all_b for t in names_a) or any(t.key in all_a for t in names_b):
            continue  # the same names, moved
        return " ".join(t.surface for t in names_a), " ".join(t.surface for t in names_b)
    return None


def _changed_blocks(ops: Iterable[Opcode]) -> list[tuple[int, int, int, int]]:
    """Runs of replaced, inserted and deleted words between two equal stretches, as one
    replacement each ("DNC" against "Democratic National Committee")."""
    blocks: list[tuple[int, int, int, int]] = []
    current: list[int] | None = None
    for op in ops:
        if op.tag == "equal":
            if current is not None:
                blocks.append((current[0], current[1], current[2], current[3]))
                current = None
            continue
        if current is None:
            current = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            current[1], current[3] = op.src_end, op.dest_end
    if current is not None:
        blocks.append((current[0], current[1], current[2], current[3]))
    return blocks


def same_name(a: str, b: str) -> bool:
    """Whether two spellings are variants of one name ("Erdoğan" / "Erdogan", "U.S." / "US")."""
    return _variant(_tokens(a), _tokens(b))
