"""Normalise a sentence for comparison: canonical tokens plus the typed values it states.

Hand-written because no maintained library maps news phrasing ("$14.3bn", "seven per
cent", "more than a thousand", "MuseSpark") onto one canonical form; the stemming
itself is Snowball's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

ValueKind = Literal["money", "percent", "number", "date"]
Bound = Literal["eq", "approx", "ge", "le"]


@dataclass(frozen=True, slots=True)
class Value:
    """A figure a sentence states, canonicalised so equal facts compare equal."""

    kind: ValueKind
    amount: float
    """Money in units of its currency, percent as the number, dates as yyyy or yyyymm."""
    unit: str
    """Currency code, the counted noun's stem (``physician``), or ``year``/``month``."""
    bound: Bound
    text: str
    """The wording in the sentence (``$14.3 billion``), for explanations."""
    start: int
    end: int
    """Offsets of ``text`` in the sentence's display text."""
    context: frozenset[str] = frozenset()
    """Stems of the words around the figure ("revenue", "deal"): what the figure is of."""


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
    """Lower-cased, punctuation-free form for rapidfuzz."""
    words: tuple[str, ...]
    """The surface word behind each token, for explanations."""
    source: str
    """The folded display text that value and name offsets refer to."""

    def word_for(self, token: str) -> str:
        for t, w in zip(self.tokens, self.words, strict=True):
            if t == token:
                return w
        return token


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBR = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "t": 1e12}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
                   "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "yen": "JPY"}  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_APPROX = re.compile(r"(?:about|around|approximately|roughly|nearly|almost|some|close to|an estimated|~)\s*$")
_GE = re.compile(r"(?:more than|over|at least|upwards of|in excess of|above)\s*$")
_LE = re.compile(r"(?:less than|under|up to|at most|fewer than|below)\s*$")

_NUMBER_WORD = "|".join(sorted([*_SMALL, *_SCALE_WORDS], key=len, reverse=True))
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s*(?:trillion|billion|million|thousand|hundred)\b|\s?(?:bn|mn|mln|tn|k|m|b|t)\b)"
_WORDNUM = rf"(?:(?:a|an|one)\s+)?(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)+"
_FIGURE = re.compile(
    rf"""
    (?P<cur>US\$|[$€£¥])\s?(?P<camount>{_NUM}|{_WORDNUM})(?P<cscale>{_SCALE})?
    | (?P<amount>{_NUM})(?P<scale>{_SCALE})?(?P<pct>\s*(?:%|percent\b|per\s?cent\b|pct\b))?(?![A-Za-z])
    | (?P<words>\b{_WORDNUM}\b)(?P<wpct>\s*(?:percent\b|per\s?cent\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?"
    r"\s+(?P<year>(?:19|20)\d{2})\b|\b(?P<yonly>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])", re.UNICODE)
_NAME = re.compile(
    r"\b(?:[A-Z][\w’'&.-]*[A-Za-z0-9]|[A-Z])(?:\s+(?:of\s+|de\s+)?[A-Z][\w’'&.-]*[A-Za-z0-9])*"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_NEGATORS = set(
    "not no never none nor without neither cannot isn't wasn't aren't weren't doesn't didn't don't "
    "won't hasn't haven't hadn't".split()
)
_NEG_PREFIX = re.compile(r"^non-?(?=[a-z]{4,})")

STOPWORDS = frozenset(
    (
        "a about above after again against all also am an and any are as at be because been before "
        "being below between both but by can could did do does doing down during each few for from "
        "further had has have having he her here hers herself him himself his how i if in into is "
        "it its itself just me more most my myself no nor not of off on once only or other our ours "
        "ourselves out over own same she should so some such than that the their theirs them "
        "themselves then there these they this those through to too under until up very was we were "
        "what when where which while who whom why will with would you your yours yourself "
        "yourselves said says according reported reportedly report reports told also now new one ’s "
        # Attribution is how a claim is sourced, not what it says.
        "familiar matter person people briefed plans spokesperson spokeswoman spokesman statement "
        "citing cited noted confirmed sources source added "
        "'s s per cent percent dollar dollars "
    ).split()
)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    from tui.core.lexicon import synonym_map

    return synonym_map(stem)


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], str]:
    from tui.core.lexicon import phrase_map

    return phrase_map(canonical_stem)


def _fold_phrases(tokens: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Replace stemmed phrases ("artifici intellig") by their short form ("ai")."""
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


def canonical_stem(word: str) -> str:
    """The stem, with interchangeable news words folded together ("acquired" = "bought") and
    accents dropped ("Mbappé" = "Mbappe": outlets differ in whether they keep them)."""
    if not word.isascii():
        word = _strip_accents(word)
    stemmed = stem(word)
    return _synonyms().get(stemmed, stemmed)


_FOLD = str.maketrans(
    {**dict.fromkeys("‘’ʼ′`", "'"), **dict.fromkeys("“”„″", '"'), **dict.fromkeys("‐‑‒–—―", "-")}
)


def _fold(text: str) -> str:
    """Unify quotes, dashes and compatibility characters without changing the length."""
    text = text.translate(_FOLD)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        else:
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words_to_number(phrase: str) -> float | None:
    total = current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word in ("a", "an", "and", ""):
            if word in ("a", "an"):
                current = max(current, 1)
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _SCALE_WORDS:
            scale = _SCALE_WORDS[word]
            current = max(current, 1) * scale
            seen = True
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
    return total + current if seen else None


def _scale(raw: str | None) -> float:
    if not raw:
        return 1.0
    key = raw.strip().lower()
    return float(_SCALE_WORDS.get(key, _SCALE_ABBR.get(key, 1.0)))


def _bound(before: str) -> Bound:
    tail = before[-24:].lower()
    if _GE.search(tail):
        return "ge"
    if _LE.search(tail):
        return "le"
    if _APPROX.search(tail):
        return "approx"
    return "eq"


def _next_word(text: str, pos: int) -> str:
    match = _WORD.search(text, pos)
    while (
        match
        and match.group(0).lower() in STOPWORDS | {"of"}
        and match.group(0).lower() not in _CURRENCY_WORDS
    ):
        match = _WORD.search(text, match.end())
    if not match or match.start() - pos > 30:
        return ""
    return stem(match.group(0).lower())


def extract_values(text: str) -> tuple[Value, ...]:
    """Money, percentages, counts and dates stated in ``text`` (already folded)."""
    values: list[Value] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        if match.group("month"):
            month = _month(match.group("month"))
            values.append(Value("date", float(match.group("year")) * 100 + month, "month", "eq",
                                match.group(0), match.start(), match.end()))  # fmt: skip
        else:
            if _looks_like_amount_context(text, match.start(), match.end()):
                continue
            values.append(Value("date", float(match.group("yonly")), "year", "eq",
                                match.group(0), match.start(), match.end()))  # fmt: skip
        taken.append((match.start(), match.end()))
    for match in _FIGURE.finditer(text):
        start, end = match.span()
        if any(s <= start < e or s < end <= e for s, e in taken) or not match.group(0).strip():
            continue
        bound = _bound(text[:start])
        if match.group("cur"):
            amount = _parse_amount(match.group("camount"))
            if amount is None:
                continue
            amount *= _scale(match.group("cscale"))
            values.append(Value("money", amount, _CURRENCY_SIGNS[match.group("cur").upper()], bound,
                                match.group(0).strip(), start, end))  # fmt: skip
            continue
        raw_amount = match.group("amount") or match.group("words")
        amount = _parse_amount(raw_amount)
        if amount is None:
            continue
        if match.group("words") and amount in (1, 0) and not match.group("wpct"):
            continue  # "one of the", "a" are not figures
        amount *= _scale(match.group("scale"))
        if match.group("pct") or match.group("wpct"):
            values.append(Value("percent", amount, "%", bound, match.group(0).strip(), start, end))
            continue
        following = _next_word(text, end)
        if following in _CURRENCY_WORDS or following in {"dollar", "euro", "pound"}:
            values.append(Value("money", amount, _CURRENCY_WORDS.get(following, "USD"), bound,
                                text[start:end].strip() + " " + following, start, end))  # fmt: skip
            continue
        unit = "people" if following in _PEOPLE else following
        values.append(Value("number", amount, unit, bound, match.group(0).strip(), start, end))
    values.sort(key=lambda v: v.start)
    values = [
        replace(v, context=_context(text, v.start, v.end)) if v.kind in ("money", "percent") else v
        for v in values
    ]
    # In a range ("five to ten hours") the first figure counts the same thing as the second.
    for i in range(len(values) - 1):
        first, second = values[i], values[i + 1]
        if first.kind == second.kind == "number" and _RANGE_GAP.fullmatch(text[first.end : second.start]):
            values[i] = replace(first, unit=second.unit)
    return tuple(values)


# Head counts are worded many ways ("1,200 people", "1,500 staff", "2,000 workers").
_PEOPLE = {"peopl", "person", "staff", "employe", "employ", "worker", "personnel", "job"}
_RANGE_GAP = re.compile(r"\s*(?:to|-|and|or)\s*", re.IGNORECASE)


def _context(text: str, start: int, end: int) -> frozenset[str]:
    """Content words just before and after a figure: "annual revenue at $620 million" gives
    {annual, revenue}, "$620 million deal" gives {deal}."""
    before = _WORD.findall(text[max(0, start - 40) : start])[-3:]
    after = _WORD.findall(text[end : end + 30])[:2]
    words = (w.lower() for w in (*before, *after))
    return frozenset(
        canonical_stem(w)
        for w in words
        if w not in STOPWORDS and not w[:1].isdigit() and w not in _SCALE_WORDS and w not in _CURRENCY_WORDS
    )


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key, _MONTHS.get(key[:3], 1))


def _looks_like_amount_context(text: str, start: int, end: int) -> bool:
    """A four-digit number followed by a counted noun ("2000 employees") is not a year."""
    after = text[end : end + 20].lower()
    before = text[max(0, start - 2) : start]
    return "$" in before or bool(re.match(r"\s*(?:%|percent|people|employees|users|staff|units)", after))


def _parse_amount(raw: str | None) -> float | None:
    if raw is None:
        return None
    raw = raw.strip()
    if raw[:1].isdigit():
        try:
            return float(raw.replace(",", ""))
        except ValueError:
            return None
    return _words_to_number(raw)


def canonical(value: Value) -> str:
    """The token that stands for ``value`` in :attr:`Normalised.tokens`."""
    if value.kind == "money":
        return f"{value.unit}{value.amount:g}"
    if value.kind == "percent":
        return f"{value.amount:g}%"
    if value.kind == "date":
        return f"{int(value.amount)}"[:4]
    return f"#{value.amount:g}"


def normalise(display: str) -> Normalised:
    """Tokens, values, names and negations of one sentence's display text."""
    folded = _fold(display)
    values = extract_values(folded)
    spans = [(v.start, v.end) for v in values]
    split = _CAMEL.sub(" ", folded)  # "MuseSpark" reads as "Muse Spark"
    tokens: list[str] = []
    words: list[str] = []
    negated: set[str] = set()
    negate_next = 0
    value_iter = iter(sorted(values, key=lambda v: v.start))
    pending = next(value_iter, None)
    # Walk words of the folded text; figures are replaced by their canonical token once.
    offset_map = _camel_offsets(folded)
    compounds = {m.end(): m.group(0) for m in _COMPOUND.finditer(split)}
    for match in _WORD.finditer(split):
        pos = offset_map[match.start()]
        while pending is not None and pending.end <= pos:
            tokens.append(canonical(pending))
            words.append(pending.text)
            pending = next(value_iter, None)
        if pending is not None and pending.start <= pos < pending.end:
            continue
        if any(s <= pos < e for s, e in spans):
            continue
        word = match.group(0).lower().replace("’", "'")
        if word in _NEGATORS or word.endswith("n't"):
            negate_next = 2
            continue
        if word == "non":
            negate_next = 1
            continue
        if word in ("and", "but", "or"):
            negate_next = 0
        prefix = _NEG_PREFIX.match(word)
        if word in STOPWORDS:
            continue
        stemmed = canonical_stem(word.replace("'", ""))
        if negate_next:
            negated.add(stemmed)
            negate_next -= 1
        if prefix:
            negated.add(stem(word[prefix.end() :].lstrip("-")))
        tokens.append(stemmed)
        words.append(match.group(0))
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
    tokens, words = _fold_phrases(tokens, words)
    names = _names(folded)
    plain = " ".join(tokens)
    return Normalised(tuple(tokens), values, names, frozenset(negated), plain, tuple(words), folded)


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


def _names(folded: str) -> tuple[tuple[str, int, int], ...]:
    """Capitalised phrases, less leading function words and months ("In September", "The")."""
    found: list[tuple[str, int, int]] = []
    for match in _NAME.finditer(folded):
        start, phrase = match.start(), match.group(0)
        while True:
            head, _, rest = phrase.partition(" ")
            if rest and (head.lower() in STOPWORDS or head.lower() in _MONTHS):
                start += len(head) + 1
                phrase = rest.lstrip()
                continue
            break
        words = phrase.split()
        if (start == 0 and len(words) == 1) or phrase.lower() in STOPWORDS or phrase.lower() in _MONTHS:
            continue  # a capitalised first word is usually just the start of the sentence
        found.append((phrase, start, start + len(phrase)))
    return tuple(found)
