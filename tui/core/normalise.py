"""Normalise a sentence for comparison: canonical tokens plus the typed values it states.

Hand-written because no maintained library maps news phrasing ("$14.3bn", "seven per
cent", "more than a thousand", "MuseSpark") onto one canonical form; the stemming
itself is Snowball's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from tui.core.memo import memoised
from tui.core.models import Article, Sentence
from tui.core.patterns import compiled
from tui.core.values import MONTHS, Bound, Value, ValueKind, agreement, compatible, extract_values
from tui.core.words import STOPWORDS, WORD, canonical_stem, stem

__all__ = [
    "STOPWORDS",
    "Bound",
    "Normalised",
    "Value",
    "ValueKind",
    "agreement",
    "canonical",
    "canonical_stem",
    "compatible",
    "extract_values",
    "normalise",
    "stem",
]


@dataclass(frozen=True, slots=True)
class Normalised:
    tokens: tuple[str, ...]
    """Stemmed content words and canonical figures (``$14.3e9``, ``7%``), in order."""
    values: tuple[Value, ...]
    names: tuple[tuple[str, int, int], ...]
    """Capitalised name phrases with their offsets in the display text."""
    negated: frozenset[str]
    """Stems that a negation (not, no, never, non-, un-) applies to."""
    text: str
    """Lower-cased, punctuation-free form, for comparing wordings (rapidfuzz)."""
    words: tuple[str, ...]
    """The surface word behind each token, for explanations."""
    source: str
    """The folded display text that value and name offsets refer to."""

    def word_for(self, token: str) -> str:
        """The surface word of the first occurrence of ``token`` (``token`` itself if absent)."""
        try:
            return self.words[self.tokens.index(token)]  # the search in C, not a zip walked here
        except ValueError:
            return token


_COMPOUND = compiled(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])", re.UNICODE)
_NAME = compiled(
    # A capital that starts a word (no word character before it, which is what "\b" said in
    # front of it) and the rest of the name. Opening with the capital, not with a boundary or
    # a look-ahead, lets `re` scan for capitals in C instead of trying the pattern at every
    # position: a third less time, the same matches (a test holds it to the "\b" form).
    # A name may end in any letter: "Mbappé", "José" (was [A-Za-z0-9], which cut them short).
    # A middle initial joins the words around it: "Hock E. Tan" is one person.
    r"[A-Z](?<!\w[A-Z])(?:[\w’'&.-]*[^\W_])?(?:\s+(?:of\s+|de\s+|[A-Z]\.\s+)?[A-Z][\w’'&.-]*[^\W_])*",
)
_CAMEL = compiled(r"(?<=[a-z])(?=[A-Z][a-z])")
_CAMEL_AT = compiled(r"[A-Z](?<=[a-z][A-Z])[a-z]")
"""Where :data:`_CAMEL` matches, one character on: whether a text has camel case at all, found
by `re`'s scan for a capital, then the small letter before it (a pattern that opens with a
look-behind is tried at every position, and one that opens with a small letter at most of
them: each twice as slow)."""
_NEGATORS = set(
    "not no never none nor without neither cannot isn't wasn't aren't weren't doesn't didn't don't "
    "won't hasn't haven't hadn't".split()
)
_NEG_PREFIX = compiled(r"^non-?(?=[a-z]{4,})")
_PLAIN_STOPWORDS = frozenset(
    w
    for w in STOPWORDS
    if w not in _NEGATORS and not w.endswith("n't") and w not in ("non", "and", "but", "or")
)
"""Stop words that neither negate nor end a negation's reach: the word walk just skips them."""


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], str]:
    from tui.core.lexicon import phrase_map

    return phrase_map(canonical_stem)


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _phrases())


def _fold_phrases(tokens: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Replace stemmed phrases ("artifici intellig") by their short form ("ai")."""
    if _phrase_heads().isdisjoint(tokens):
        return tokens, words  # most sentences: no phrase can start anywhere
    return _fold_phrases_walk(tokens, words)


def _fold_phrases_walk(tokens: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """:func:`_fold_phrases` word by word, without its early exit."""
    table = _phrases()
    out_tokens: list[str] = []
    out_words: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2):
            phrase = tuple(tokens[i : i + size])
            if len(phrase) == size and phrase in table:
                out_tokens.append(table[phrase])
                out_words.append(" ".join(words[i : i + size]))
                i += size
                break
        else:
            out_tokens.append(tokens[i])
            out_words.append(words[i])
            i += 1
    return out_tokens, out_words


_FOLD = str.maketrans(
    {**dict.fromkeys("‘’ʼ′`", "'"), **dict.fromkeys("“”„″", '"'), **dict.fromkeys("‐‑‒–—―", "-")}
)


class _FoldTable(dict[int, str]):
    """:data:`_FOLD`, and every other character as its NFKC form where that is one character
    (itself otherwise), worked out the first time :meth:`str.translate` meets it: the text is
    then folded in one pass in C, not character by character here."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        self[code] = found = folded if len(folded) == 1 else char
        return found


_FOLD_TABLE = _FoldTable(_FOLD)


def _fold(text: str) -> str:
    """Unify quotes, dashes and compatibility characters without changing the length."""
    if text.isascii():
        # "`" is the one ASCII character folded: a replace in C, where `translate` looks every
        # character up in the table.
        return text.replace("`", "'")
    return text.translate(_FOLD_TABLE)


def canonical(value: Value) -> str:
    """The token that stands for ``value`` in :attr:`Normalised.tokens`."""
    if value.kind == "money":
        return f"{value.unit}{value.amount:g}"
    if value.kind == "percent":
        return f"{value.amount:g}%"
    if value.kind == "date":
        if value.unit in ("year", "month", "day"):
            return f"{int(value.amount)}"[:4]
        return f"{value.unit}{int(value.amount)}"
    if value.kind == "weekday":
        return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[
            int(value.amount)
        ]
    if value.kind == "time":
        return f"t{int(value.amount)}"
    if value.kind == "measure":
        return f"{value.unit}{value.amount:.2g}"
    if value.kind == "ordinal":
        return f"#{value.amount:g}th"
    return f"#{value.amount:g}"


@memoised
def normalise(display: str) -> Normalised:
    """Tokens, values, names and negations of one sentence's display text."""
    folded = _fold(display)
    values = extract_values(folded)
    camel = _CAMEL_AT.search(folded) is not None
    split = _CAMEL.sub(" ", folded) if camel else folded  # "MuseSpark" reads as "Muse Spark"
    compounds = {m.end(): m.group(0) for m in _COMPOUND.finditer(split)} if "-" in split else {}
    if camel or compounds or (values and not _apart(folded, values)):
        tokens, words, negated = _walk(folded, split, values, camel, compounds)
    else:
        # Most sentences, clauses and blanked statements (two in three on the seeds) have no
        # value, camel case or compound: nothing in the walk needs a word's offsets, so the
        # words are read as strings, without a match object each (tests: the same as _walk).
        # Values apart from the words around them are read the same way, between them.
        tokens, words, negated = _walk_plain(split, values)
    tokens, words = _fold_phrases(tokens, words)
    names = _names(folded)
    plain = " ".join(tokens)
    return Normalised(tuple(tokens), values, names, frozenset(negated), plain, tuple(words), folded)


def _walk(
    folded: str, split: str, values: tuple[Value, ...], camel: bool, compounds: dict[int, str]
) -> tuple[list[str], list[str], set[str]]:
    """Tokens, their surface words and the negated stems of the words of ``split`` (``folded``
    with camel case split), each value's words replaced by its canonical token once."""
    # Offsets inside a value's span: its words are replaced by the value's token. A set of
    # offsets rather than a test against every span per word.
    in_value = {pos for v in values for pos in range(v.start, v.end)}
    reading = _Reading()
    tokens, words, take = reading.tokens, reading.words, reading.take
    value_iter = iter(sorted(values, key=lambda v: v.start))
    pending = next(value_iter, None)
    # Walk words of the folded text; figures are replaced by their canonical token once.
    offset_map = _camel_offsets(folded) if camel else None  # None: offsets are unchanged
    for match in WORD.finditer(split):
        pos = match.start() if offset_map is None else offset_map[match.start()]
        while pending is not None and pending.end <= pos:
            tokens.append(canonical(pending))
            words.append(pending.text)
            pending = next(value_iter, None)
        if pos in in_value or not take(match.group(0)):
            continue
        compound = compounds.get(match.end())
        if compound is not None:
            # The last part of "photo-realistic": add the joined word too, which matches
            # "photorealistic", while the parts still match "photo realistic".
            joined = compound.lower().replace("-", "")
            if len(joined) >= 6 and not joined.startswith("non"):
                tokens.append(canonical_stem(joined))
                words.append(compound)
    while pending is not None:
        tokens.append(canonical(pending))
        words.append(pending.text)
        pending = next(value_iter, None)
    return tokens, words, reading.negated


def _walk_plain(split: str, values: tuple[Value, ...] = ()) -> tuple[list[str], list[str], set[str]]:
    """:func:`_walk` of a text with no camel case or compound word, whose values (if any) are
    :func:`_apart`: the words between two values are those of the text between them, read as
    strings, and each value's token comes where its span was."""
    reading = _Reading()
    take = reading.take
    at = 0
    for value in (*values, None):
        for word in WORD.findall(split, at, len(split) if value is None else value.start):
            take(word)
        if value is not None:
            reading.tokens.append(canonical(value))
            reading.words.append(value.text)
            at = value.end
    return reading.tokens, reading.words, reading.negated


class _Reading:
    """What both walks build from the words, one word at a time: the tokens, their surface
    words and the negated stems (a negation cue negates the next few content words)."""

    __slots__ = ("negate_next", "negated", "tokens", "words")

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.words: list[str] = []
        self.negated: set[str] = set()
        self.negate_next = 0

    def take(self, word: str) -> bool:
        """Read ``word``; whether it became a token (a stop word or a cue does not)."""
        role = _word_role(word)
        if role is None:
            return False  # a plain stop word (two words in five)
        sets, resets, stemmed, unprefixed = role
        if sets:
            self.negate_next = sets
            return False
        if resets:
            self.negate_next = 0
        if stemmed is None:
            return False
        if self.negate_next:
            self.negated.add(stemmed)
            self.negate_next -= 1
        if unprefixed is not None:
            self.negated.add(unprefixed)
        self.tokens.append(stemmed)
        self.words.append(word)
        return True


def _apart(text: str, values: tuple[Value, ...]) -> bool:
    """Whether the values follow one another without overlapping and no word of ``text``
    (:data:`WORD`: letters, digits and inner apostrophes) runs across either end of one: then
    the words :func:`_walk` keeps are those ``WORD`` finds between the values, and a value's
    token comes after the words before it and before those after it, as in :func:`_walk_plain`."""
    end = 0
    for value in values:
        start = value.start
        if start < end or not (_open(text, start) and _open(text, value.end)):
            return False
        end = value.end
    return True


def _open(text: str, at: int) -> bool:
    """Whether no word can run across offset ``at`` (``[^\\W_]`` is ``str.isalnum``)."""
    if at == 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    return not ((before.isalnum() or before in "'’") and (after.isalnum() or after in "'’"))


_WordRole = tuple[int, bool, str | None, str | None]


@memoised
def _word_role(word: str) -> _WordRole | None:
    """What the word walk of :func:`normalise` does with one word, worked out once per distinct
    word (the walk asked it again for every occurrence): ``None`` to skip a plain stop word,
    else how many next words it negates (0: none), whether it ends a negation's reach ("and",
    "but", "or"), its token (``None`` for a stop word) and the stem a "non-" prefix negates."""
    word = word.lower().replace("’", "'")
    if word in _PLAIN_STOPWORDS:
        return None
    if word in _NEGATORS or word.endswith("n't"):
        return (2, False, None, None)
    if word == "non":
        return (1, False, None, None)
    resets = word in ("and", "but", "or")
    if word in STOPWORDS:
        return (0, resets, None, None)
    prefix = _NEG_PREFIX.match(word) if word.startswith("non") else None
    unprefixed = stem(word[prefix.end() :].lstrip("-")) if prefix else None
    return (0, resets, canonical_stem(word.replace("'", "")), unprefixed)


def _camel_offsets(folded: str) -> list[int]:
    """Map offsets in the camel-split text back to offsets in ``folded``."""
    mapping: list[int] = []
    previous = 0
    for cut in (m.start() for m in _CAMEL.finditer(folded)):
        mapping.extend(range(previous, cut))
        mapping.append(cut)  # the inserted space
        previous = cut
    mapping.extend(range(previous, len(folded) + 1))
    return mapping


_NOT_A_NAME = STOPWORDS.union(MONTHS)
"""Words that open no name ("In September", "The") and are none alone."""


def _names(folded: str) -> tuple[tuple[str, int, int], ...]:
    """Capitalised phrases, less leading function words and months ("In September", "The")."""
    found: list[tuple[str, int, int]] = []
    for match in _NAME.finditer(folded):
        start, phrase = match.start(), match.group(0)
        head, _, rest = phrase.partition(" ")
        while rest and head.lower() in _NOT_A_NAME:
            start += len(head) + 1
            phrase = rest.lstrip()
            head, _, rest = phrase.partition(" ")
        if phrase.lower() in _NOT_A_NAME or (start == 0 and len(phrase.split()) == 1):
            continue  # a capitalised first word is usually just the start of the sentence
        found.append((phrase, start, start + len(phrase)))
    return tuple(found)


CLAIM_KINDS = ("body", "list", "quote", "title")
"""Paragraph kinds whose sentences can state facts; headings and boilerplate never do."""
MIN_TOKENS = 3
"""Sentences with fewer content words ("Yes, really.") state no checkable fact."""


@dataclass(frozen=True)
class NormalisedStory:
    """The normalise stage's result: the content sentences of every article, normalised."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    norms: tuple[Normalised, ...]


def normalise_story(articles: tuple[Article, ...]) -> NormalisedStory:
    sentences: list[Sentence] = []
    norms: list[Normalised] = []
    for article in articles:
        found, normalised = normalise_article(article)
        sentences.extend(found)
        norms.extend(normalised)
    return NormalisedStory(articles, tuple(sentences), tuple(norms))


def normalise_article(article: Article) -> tuple[tuple[Sentence, ...], tuple[Normalised, ...]]:
    """The content sentences of one article, and their normalised forms."""
    sentences: list[Sentence] = []
    norms: list[Normalised] = []
    for paragraph in article.paragraphs:
        if paragraph.kind not in CLAIM_KINDS:
            continue
        for sentence in paragraph.sentences:
            norm = normalise(sentence.text)
            if len(norm.tokens) >= MIN_TOKENS:
                sentences.append(sentence)
                norms.append(norm)
    return tuple(sentences), tuple(norms)
