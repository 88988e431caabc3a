"""The value grammar: figures, dates, times and measures as news outlets write them.

``extract_values`` reads money, percentages, counts, measures with units, dates, clock
times, weekdays and ranks from a sentence, each with its span, bound and precision;
``agreement`` says whether two of them can state the same fact.

Hand-written rather than built on a date or number library: every value needs its exact
span in the sentence and the precision it was written with ("March 2024" is a month, not
the 1st of March), which ``dateparser`` does not give (it fills missing parts from today,
and its import alone costs about 0.2 s); number-word libraries (numerizer, text2num) neither
return spans nor know money scales ("$14.3bn"), and no library keeps currencies apart the
way a fact check must (never converted at a rate).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from tui.core.memo import memoised
from tui.core.patterns import by_first_letter, compiled, started
from tui.core.words import STOPWORDS, canonical_stem, holds_any, stem

ValueKind = Literal["money", "percent", "number", "measure", "date", "time", "weekday", "ordinal", "score"]
Bound = Literal["eq", "approx", "ge", "le"]
Agreement = Literal["equal", "rounded", "different", "incomparable"]


@dataclass(frozen=True, slots=True)
class Value:
    """A figure a sentence states, canonicalised so equal facts compare equal."""

    kind: ValueKind
    amount: float
    """Money in units of its currency, percent as the number, measures in the base unit of
    their dimension, dates as yyyy, yyyymm, yyyymmdd, mmdd or mm, times as minutes after
    midnight, weekdays 0 (Monday) to 6; the lower end of a range."""
    unit: str
    """Currency code, the counted noun's stem (``physician``), the base unit of a measure
    (``m``, ``kg``), the date's precision (``year``, ``month``, ``day``, ``monthday``,
    ``monthonly``, ``relative``), a time zone (``GMT``, ``local``, ``""``) or ``weekday``."""
    bound: Bound
    text: str
    """The wording in the sentence (``$14.3 billion``), for explanations; ``text ==
    sentence[start:end]``."""
    start: int
    end: int
    """Offsets of ``text`` in the sentence's display text."""
    context: frozenset[str] = frozenset()
    """Stems of the words around the figure ("revenue", "deal"): what the figure is of."""
    high: float | None = None
    """Upper end of a range ("5 to 10") or a vague quantity ("dozens"); ``amount`` is the lower."""
    precision: float = 0.0
    """The step of the last written digit, in the value's unit ("61.5" 0.1, "15,000" 1000,
    "$14.3bn" 1e8); 0 when unknown."""
    dimension: str = ""
    """What a measure measures: length, mass, speed, temperature, area, duration, …"""
    converted: tuple[tuple[str, float, float], ...] = ()
    """The same amount in other currencies, as the sentence gives it in parentheses:
    ``(currency, amount, precision)``."""


# --- word tables --------------------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000,
    "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
"""Including South Asian scales (a lakh is 100,000, a crore 10 million): Indian English news
writes "Rs 615 crore" where others write "6.15 billion rupees"."""
NUMBER_WORDS = frozenset((*_SMALL, *_SCALE_WORDS))
"""Numbers spelled out: never part of a name, even capitalised ("Five passengers died")."""
_SCALE_ABBR = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "t": 1e12}
_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "RS": "INR", "RS.": "INR",
    "C$": "CAD",
    "A$": "AUD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL",
}  # fmt: skip
_CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD", "HKD", "RUB", "BRL")
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "franc": "CHF", "francs": "CHF",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "chf": "CHF", "jpy": "JPY",
    "cny": "CNY", "inr": "INR", "cad": "CAD", "aud": "AUD",
}  # fmt: skip
_CURRENCY_PREFIXED = {"us": "USD", "canadian": "CAD", "australian": "AUD", "hong kong": "HKD",
                      "new zealand": "NZD", "singapore": "SGD"}  # fmt: skip
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]  # fmt: skip
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_WORDLIKE_MONTHS = frozenset("may mar jan jun jul dec oct sep".split())
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_NUMBER_WORD = "|".join(sorted([*_SMALL, *_SCALE_WORDS], key=len, reverse=True))
# Thousands separators need groups of three; a comma followed by one or two digits is a
# decimal comma ("48,7 percent"), accepted only where a unit or percent follows.
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?|\.\d+)"
_SCALE = (
    r"(?:(?:\s*|-)(?:trillion|billion|crore|million|lakh|thousand|hundred)\b"  # "a $61-billion deal"
    r"|\s?(?:bn|mn|mln|tn|k|m|b|t)\b)"
)
_WORDNUM = rf"(?:(?:a|an|one)\s+)?(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)+"
_PCT = r"\s*(?:%|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b)"

# Small patterns of the helpers below, compiled once: looked up by string in ``re``'s own
# cache they cost a dictionary lookup and a call each time, thousands of times a story.
_WORD_SPLIT = compiled(r"[\s-]+")
_NO_MORE_THAN = compiled(r"no (?:more|fewer|less) than\s*$")
_DECIMAL_COMMA = compiled(r"\d+,\d{1,2}")
_CURRENCY_AFTER = compiled(
    r"\s*(?:of\s+)?(?:(?P<pre>US|Canadian|Australian|Hong Kong|New Zealand|Singapore)\s+)?"
    r"(?P<cur>[A-Za-z]+)\b"
)
_OF_AFTER = compiled(r"\s+of\b")
_AMOUNT_AFTER = compiled(r"\s*(?:%|percent|people|employees|users|staff|units|km|miles|feet|metres|meters)")
_LATIN_WORD = compiled(r"[A-Za-z]+")
_LOCAL_AFTER = compiled(r"\s*\(?\s*(local time|local)\b", re.IGNORECASE)
_SPACES = compiled(r"\s+")
_NON_DIGITS = compiled(r"\D")
_NAMED_ORDINAL = compiled(r"[A-Za-z]+-?\d+(?:st|nd|rd|th)")
_SCORE_AFTER = compiled(r"\s?[-–]\s?\d")
_FROM_BEFORE = compiled(r"\bfrom\s*$")
_WRITTEN_DIGITS = compiled(r"\d+(?:[.,]\d+)*")
_CLOSE_AFTER = compiled(r"\s*\)")
_CONVERSION_GAP = compiled(r"\s*\(\s*(?:about|around|roughly|some|or|approximately|c\.)?\s*")
_NOT_UNIT = compiled(r"[\d.,\s-]+")


# --- units --------------------------------------------------------------------------------

# surface form (lower case) -> (dimension, base unit, factor to the base unit)
_UNITS: dict[str, tuple[str, str, float]] = {}


def _units(dimension: str, base: str, factor: float, names: str) -> None:
    for name in names.split("|"):
        _UNITS[name] = (dimension, base, factor)


_units("length", "m", 1000.0, "km|kms|kilometre|kilometres|kilometer|kilometers")
_units("length", "m", 1.0, "metre|metres|meter|meters")
_units("length", "m", 0.01, "cm|centimetre|centimetres|centimeter|centimeters")
_units("length", "m", 0.001, "mm|millimetre|millimetres|millimeter|millimeters")
_units("length", "m", 1609.344, "mile|miles|mi")
_units("length", "m", 1852.0, "nautical mile|nautical miles")
_units("length", "m", 0.3048, "ft|foot|feet")
_units("length", "m", 0.0254, "inch|inches")
_units("length", "m", 0.9144, "yard|yards")
_units("mass", "kg", 1.0, "kg|kgs|kilogram|kilograms|kilo|kilos")
_units("mass", "kg", 0.001, "gram|grams")
_units("mass", "kg", 1000.0, "tonne|tonnes|metric ton|metric tons|ton|tons")
_units("mass", "kg", 0.45359237, "lb|lbs")
_units("mass", "kg", 0.028349523, "ounce|ounces|oz")
_units("speed", "m/s", 1 / 3.6, "km/h|kmh|kph|kilometres per hour|kilometers per hour|km per hour")
_units("speed", "m/s", 0.44704, "mph|miles per hour|miles an hour")
_units("speed", "m/s", 0.514444, "knot|knots")
_units("speed", "m/s", 1.0, "m/s|metres per second|meters per second")
_units("temperature", "C", 1.0, "°c|ºc|degrees celsius|degrees centigrade|degree celsius|celsius")
_units("temperature", "C", 5 / 9, "°f|ºf|degrees fahrenheit|degree fahrenheit|fahrenheit")
_units("temperature", "deg", 1.0, "degrees|degree")
_units("area", "m2", 1e6, "km2|km²|sq km|square kilometres|square kilometers|square km")
_units("area", "m2", 2.589988e6, "sq mi|square miles|square mile")
_units("area", "m2", 1e4, "hectare|hectares|ha")
_units("area", "m2", 4046.8564, "acre|acres")
_units("area", "m2", 1.0, "m2|m²|sq m|square metres|square meters|square feet|sq ft")
_UNITS["square feet"] = _UNITS["sq ft"] = ("area", "m2", 0.09290304)
_units("duration", "s", 1.0, "second|seconds|sec|secs")
_units("duration", "s", 60.0, "minute|minutes|mins")
_units("duration", "s", 3600.0, "hour|hours|hr|hrs")
_units("duration", "s", 86400.0, "day|days")
_units("duration", "s", 604800.0, "week|weeks")
_units("duration", "s", 2629800.0, "month|months")
_units("duration", "s", 31557600.0, "year|years|yr|yrs")
_units("duration", "s", 315576000.0, "decade|decades")
_units("age", "year", 1.0, "year-old|years-old|years old|year old")
_units("volume", "l", 1.0, "litre|litres|liter|liters")
_units("volume", "l", 3.785411784, "gallon|gallons")
_units("volume", "l", 158.987294928, "barrel|barrels")
_units("volume", "l", 1000.0, "cubic metres|cubic meters|m3|m³")
_units("power", "W", 1e3, "kw|kilowatt|kilowatts")
_units("power", "W", 1e6, "mw|megawatt|megawatts")
_units("power", "W", 1e9, "gw|gigawatt|gigawatts")
_units("energy", "Wh", 1e3, "kwh|kilowatt-hour|kilowatt-hours|kilowatt hours")
_units("energy", "Wh", 1e6, "mwh|megawatt-hour|megawatt-hours|megawatt hours")
_units("energy", "Wh", 1e9, "gwh|gigawatt-hour|gigawatt-hours|gigawatt hours")
_units("data", "B", 1e6, "mb|megabyte|megabytes")
_units("data", "B", 1e9, "gb|gigabyte|gigabytes")
_units("data", "B", 1e12, "tb|terabyte|terabytes")
_units("magnitude", "mag", 1.0, "magnitude")
# Only right after the digits ("30C", "86F", "10m-high"): spaced, these letters are words.
_GLUED_UNITS = {"c": ("temperature", "C", 1.0), "f": ("temperature", "C", 5 / 9)}
_UNIT_ALTERNATIVES = "|".join(
    re.escape(u).replace(r"\ ", r"\s+") for u in sorted(_UNITS, key=len, reverse=True)
)
_LEFT_UNITS = {"magnitude": ("magnitude", "mag"), "category": ("category", "cat"), "level": ("level", "lvl")}

# The currency signs of the table, longest first ("US$" before "$"); "Rs" needs a digit after
# it, so it has a branch of its own below.
_SIGN_RE = "|".join(
    [re.escape(s) for s in _CURRENCY_SIGNS if len(s) > 1 and s.endswith("$")]
    + ["[" + "".join(s for s in _CURRENCY_SIGNS if len(s) == 1) + "]"]
)


def _first_letters(*words: str) -> str:
    """The characters ``words`` start with, as a character-class body for :func:`started`
    under ``re.IGNORECASE``. Derived from the tables, so a word added to a table can never be
    turned away by a screen that lacks its first letter."""
    return "".join(re.escape(c) for c in sorted({w[0].lower() for w in words}))


_UNIT_RE = f"(?=[{_first_letters(*_UNITS)}])(?:{_UNIT_ALTERNATIVES})"
"""The units behind a look-ahead for their first characters: the figure pattern tries them after
every number, once for each way of reading the space or hyphen before, and each of the 150
case-insensitive alternatives failed on its own ("5 people")."""

# Besides a digit or ".", a figure starts with a currency sign or code, or, written in words,
# with "a", "an", "one" or a number word.
_CURRENCY_STARTS = (*_CURRENCY_SIGNS, *_CURRENCY_CODES)
_NUMBER_WORD_STARTS = ("a", "an", "one", *_SMALL, *_SCALE_WORDS)

_CURRENCY_BRANCH = rf"""
    (?:(?P<cur>{_SIGN_RE}|\bRs\.?\s?(?=\d))|\b(?P<code>{"|".join(_CURRENCY_CODES)})\s?)
        (?P<camount>{_NUM}|{_WORDNUM})(?P<cscale>{_SCALE})?
"""
_AMOUNT_BRANCH = rf"""
    | (?P<amount>{_NUM})(?P<scale>{_SCALE})?
        (?:(?P<pct>{_PCT})|(?:\s?-?\s?(?P<unit>{_UNIT_RE})|(?P<gunit>[cf]))(?![A-Za-z²³]))?(?![A-Za-z])
"""
_FIGURE_BRANCHES = _CURRENCY_BRANCH + _AMOUNT_BRANCH
_WORD_BRANCH = rf"""
    | (?P<words>\b{_WORDNUM}\b)(?:(?P<wpct>{_PCT})|[\s-]?(?P<wunit>{_UNIT_RE})(?![A-Za-z]))?
"""
_FIGURE = started(
    r"\d." + _first_letters(*_CURRENCY_STARTS, *_NUMBER_WORD_STARTS),
    _FIGURE_BRANCHES + _WORD_BRANCH,
    re.IGNORECASE | re.VERBOSE,
)
_FIGURE_DIGITS = started(
    r"\d." + _first_letters(*_CURRENCY_STARTS),
    _FIGURE_BRANCHES + r"| (?P<words>(?!))(?P<wpct>(?!))(?P<wunit>(?!))",
    re.IGNORECASE | re.VERBOSE,
)
"""The same without number words, for the many sentences that have none (a quarter of the time)."""
_NO_CURRENCY = r"(?P<cur>(?!))(?P<code>(?!))(?P<camount>(?!))(?P<cscale>(?!))"
_FIGURE_PLAIN = started(
    r"\d.",
    _NO_CURRENCY + _AMOUNT_BRANCH + r"| (?P<words>(?!))(?P<wpct>(?!))(?P<wunit>(?!))",
    re.IGNORECASE | re.VERBOSE,
)
""":data:`_FIGURE_DIGITS` for a sentence that names no currency (see :func:`_no_currency`): tried only
at digits, where the currency letters cost a failed match at every word that starts with one."""
_FIGURE_WORDS_PLAIN = started(
    r"\d." + _first_letters(*_NUMBER_WORD_STARTS),
    _NO_CURRENCY + _AMOUNT_BRANCH + _WORD_BRANCH,
    re.IGNORECASE | re.VERBOSE,
)
""":data:`_FIGURE` for a sentence with number words that names no currency."""
_CODE_WORDS = tuple(code.lower() for code in _CURRENCY_CODES)
_RUPEES = compiled(r"rs\.?\s?\d")


def _no_currency(text: str, lower: str) -> bool:
    """Whether the currency branch of the figure pattern cannot match anywhere in ``text``: an
    ASCII text (where matching case-insensitively is matching its lower case: "ſ" and "K" match
    "s" and "k" too, so any other text is read in full) with no "$" (every sign but "$" is
    non-ASCII), no currency code and no "Rs" before a digit."""
    return (
        text.isascii()
        and "$" not in text
        and not holds_any(lower, _CODE_WORDS)
        and _RUPEES.search(lower) is None
    )


_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATE = started(
    r"\djfmasond",  # a digit or a month
    rf"""
    \b(?P<iso>(?:19|20)\d{{2}})-(?P<isom>0[1-9]|1[0-2])-(?P<isod>0[1-9]|[12]\d|3[01])\b
    | \b(?P<d1>{_DAY_RE})(?:\s+of)?\s+(?P<m1>{_MONTH_RE})(?:,?\s+(?P<y1>(?:19|20)\d{{2}}))?(?![\w-])
    | \b(?P<m2>{_MONTH_RE})\s+(?P<d2>{_DAY_RE})(?![\d:]|\.\d)(?:,?\s+(?P<y2>(?:19|20)\d{{2}}))?(?![\w-])
    | \b(?P<m3>{_MONTH_RE}),?\s+(?P<y3>(?:19|20)\d{{2}})\b
    | \b(?P<yonly>(?:19|20)\d{{2}})\b(?![.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATE_DIGITS = started(
    r"\d",
    r"""
    \b(?P<iso>(?:19|20)\d{2})-(?P<isom>0[1-9]|1[0-2])-(?P<isod>0[1-9]|[12]\d|3[01])\b
    | (?P<d1>(?!))(?P<m1>(?!))(?P<y1>(?!))(?P<m2>(?!))(?P<d2>(?!))(?P<y2>(?!))(?P<m3>(?!))(?P<y3>(?!))
    | \b(?P<yonly>(?:19|20)\d{2})\b(?![.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
""":data:`_DATE` for a sentence that names no month (see :func:`_absent`): every branch but the ISO
date and the bare year needs one, and the month letters cost a failed match at each word."""
_MONTH_STARTS = tuple(sorted({m[:3] for m in MONTHS}))
"""Every month's name starts with one of these (``_MONTH_RE``)."""


_WORD_DIGIT = compiled(r"\d(?<!\w\d)")
"""A digit that starts a word: where a date that opens with a number can start."""


def _date_matches(text: str, lower: str) -> Iterator[re.Match[str]]:
    """``finditer`` of :data:`_DATE` (of :data:`_DATE_DIGITS` in a text with no month), tried only
    where a date can start. Every branch opens with ``\b`` and a digit or a month, so in an ASCII
    text (where the lower case shows every month) a match starts at a digit that starts a word
    or at a month's first three letters that start one: 2-5 positions a sentence, where the
    pattern's look-ahead let it try at every digit and every "j f m a s o n d" of the text (21 µs
    on a sentence with figures and a month-like word, most of which state no date)."""
    if not text.isascii():
        yield from (_DATE_DIGITS if _absent(text, lower, _MONTH_STARTS) else _DATE).finditer(text)
        return
    starts = [m.start() for m in _WORD_DIGIT.finditer(text)]
    pattern = _DATE_DIGITS
    for month in _MONTH_STARTS:
        at = lower.find(month)
        while at >= 0:
            pattern = _DATE
            if _word_start(lower, at):
                starts.append(at)
            at = lower.find(month, at + 3)
    starts.sort()
    yield from _matches_at(pattern, text, starts)


def _matches_at(pattern: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` where every match starts at one of ``starts`` (in order): the
    pattern tried there only. Its matches are never empty, so going on from each match's end is
    what ``finditer`` does."""
    pos = 0
    for at in starts:
        if at >= pos:
            found = pattern.match(text, at)
            if found is not None:
                yield found
                pos = found.end()


def _absent(text: str, lower: str, words: Sequence[str]) -> bool:
    """Whether no word of ``words`` (lower case ASCII) occurs in ``text`` under
    ``re.IGNORECASE``: tested on the lower case, so only for an ASCII text (elsewhere "ſ",
    "ı" and "K" match "s", "i" and "k" as well). Substring tests: faster here than a search
    for the words' alternation."""
    if not text.isascii():
        return False
    return not holds_any(lower, words)


_BARE_MONTH = started(
    "isutbflnemISUTBFLNEM",  # the cue words, in lower case or starting a sentence
    r"\b(?P<cue>(?i:in|since|until|till|by|from|through|last|next|this|early|late|mid|mid-|end of|"
    r"beginning of|start of))(?:\s+|-)(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b(?!\s+\d)",
)
_BARE_MONTH_CUES = (
    "in", "since", "until", "till", "by", "from", "through", "last", "next", "this", "early", "late", "mid",
    "end of", "beginning of", "start of",
)  # fmt: skip
"""The cues of :data:`_BARE_MONTH`, less the "-" of "mid-"."""


def _may_have_bare_month(text: str) -> bool:
    """Whether :data:`_BARE_MONTH` can match: a capitalised month with one of its cues just before
    (spaces and dashes between). Most months in news follow no cue ("March 4", "on March 4"), and
    the pattern, tried at each of its cues' first letters, cost 16 µs a sentence with a month.
    Case is read from the lower case, so only in an ASCII text."""
    if not text.isascii():
        return _CAPITAL_MONTH.search(text) is not None
    for month in _CAPITAL_MONTH.finditer(text):
        before = text[: month.start()].rstrip().rstrip("-").rstrip()
        if before[-12:].lower().endswith(_BARE_MONTH_CUES):
            return True
    return False


_WEEKDAY = started(
    "lntpcMTWFS",
    r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)(?:'s)?\b",
)
_RELATIVE_DAY = started("yt", r"\b(?P<rd>yesterday|today|tomorrow)\b", re.IGNORECASE)
_RELATIVE_WORDS = ("yesterday", "today", "tomorrow")
_ZONES = {
    "gmt": "GMT", "utc": "GMT", "z": "GMT", "bst": "BST", "et": "ET", "est": "ET", "edt": "ET",
    "ct": "CT", "cst": "CT", "cdt": "CT", "mt": "MT", "mst": "MT", "mdt": "MT", "pt": "PT", "pst": "PT",
    "pdt": "PT", "cet": "CET", "cest": "CET", "ist": "IST", "jst": "JST", "aest": "AET", "aedt": "AET",
    "local time": "local", "local": "local",
}  # fmt: skip
_ZONE_RE = (
    r"(?:local\s+time|GMT|UTC|BST|EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|CEST|CET|IST|JST|AEST|AEDT)"
)
# "a.m." keeps its last dot; "am." at a sentence's end does not take the full stop.
_TIME = started(
    r"\dnm",  # a digit, noon, midday or midnight
    rf"""
    \b(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])(?:\.\s?m\b\.?|\s?m\b)
        (?:\s*(?P<z12>{_ZONE_RE})\b)?
    | \b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s*(?:hrs|h)\b)?(?:\s*(?P<z24>{_ZONE_RE})\b)?
    | \b(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<zhhmm>GMT|UTC|ET|EST|EDT|BST|CET|IST|JST)\b
    | \b(?P<noon>noon|midday|midnight)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TIME_DIGITS = started(
    r"\d",
    rf"""
    \b(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])(?:\.\s?m\b\.?|\s?m\b)
        (?:\s*(?P<z12>{_ZONE_RE})\b)?
    | \b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s*(?:hrs|h)\b)?(?:\s*(?P<z24>{_ZONE_RE})\b)?
    | \b(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<zhhmm>GMT|UTC|ET|EST|EDT|BST|CET|IST|JST)\b
    | (?P<noon>(?!))
    """,
    re.VERBOSE | re.IGNORECASE,
)
""":data:`_TIME` for a sentence without "noon", "midday" or "midnight": tried only at digits."""
_NOON_WORDS = ("noon", "midday", "midnight")
_TIME_MARK = compiled(
    r"\d\s*(?:[ap](?:\.\s?m\b|\s?m\b)|(?:GMT|UTC|ET|EST|EDT|BST|CET|IST|JST)\b)", re.IGNORECASE
)
"""What every match of :data:`_TIME_DIGITS` without a ":" holds: a digit, then "a.m."/"pm" or a zone
(its last two branches). Opens with the digit, which `re` scans for in C: 1 µs where the pattern
took 8 µs on a sentence with figures, most of which state no time."""
_LEFT_UNIT = started(
    "mcl",
    r"\b(?P<lu>magnitude|category|level)[\s-]+(?P<lamount>\d+(?:\.\d+)?)(?![\d.,]*\d)(?!\s*(?:%|percent))",
    re.IGNORECASE,
)
_LEFT_UNIT_WORDS = tuple(_LEFT_UNITS)
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL_WORD_LIST = tuple(_ORDINAL_WORDS)
_ORDINAL = started(
    r"\dfsten",  # a digit or an ordinal word
    r"\b(?:(?P<num>\d+)(?:st|nd|rd|th)|(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth|tenth))(?P<sep>[\s-]+)(?P<what>[A-Za-z]+)",
    re.IGNORECASE,
)
_ORDINAL_SUFFIX = compiled(r"\d(?:st|nd|rd|th)")
"""In lower case: where :data:`_ORDINAL` can match with a number (see :func:`_may_have_ordinal`)."""


def _may_have_ordinal(text: str, lower: str) -> bool:
    """Whether :data:`_ORDINAL` can match in ``text``: it needs an ordinal word or a number with
    an ordinal suffix, which an ASCII text shows in its lower case."""
    return not _absent(text, lower, _ORDINAL_WORD_LIST) or _ORDINAL_SUFFIX.search(lower) is not None


_RECORD = compiled(r"\s*(?:(?:in\s+history|ever|of\s+all\s+time)\s+)?to\s+[a-z]", re.IGNORECASE)
_BECOME = compiled(r"\bbec(?:ome|omes|ame|oming)\s+the\s+$", re.IGNORECASE)
""""to become the fourth country": an order of achievement, as "the fourth country to land" is."""
RECORD_UNIT = "record"
"""The unit of an order of achievement ("the first country to land"), what it counts."""
_PERIODS = frozenset("half halves quarter period leg set innings round day week month year season".split())
_SERIES_NOUN = compiled(r"(?:and|or|to)\s+\d+(?:st|nd|rd|th)[\s-]+(?P<noun>[A-Za-z]+)", re.IGNORECASE)
_SAME_RANK = {"biggest": "largest"}
"""Superlatives news uses for one ranking ("second-biggest deal" is "second-largest deal")."""
_RANK_WORDS = compiled(r"[a-z]{2,}est|most|least|place|best|worst", re.IGNORECASE)
_NOT_RANKS = frozenset("interest test protest contest request forest arrest suggest harvest conquest".split())
_FRACTION = started(
    "aotfhq",
    r"\b(?:(?P<pre>a|one|two|three|four)[\s-]+)?(?P<frac>half|halves|thirds?|quarters?|fifths?|tenths?)"
    r"\s+of\b",
    re.IGNORECASE,
)
_NOT_A_SHARE = compiled(r"(?:first|second|latter|other|back|front|the)\s+$")
_FRACTION_PARTS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_HALF_SCALE = compiled(r"\bhalf\s+an?\s+(?P<hs>million|billion|trillion|thousand|dozen)\b", re.IGNORECASE)
_VAGUE = started(
    "thdsmb",
    r"\b(?:(?P<mult>tens|hundreds)\s+of\s+)?(?P<vague>dozens|scores|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)
_VAGUE_RANGES = {
    "dozens": (24.0, 199.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0), "millions": (2e6, 999e6), "billions": (2e9, 999e9),
}  # fmt: skip
_VAGUE_MULTIPLES = {
    ("tens", "thousands"): (2e4, 99999.0), ("hundreds", "thousands"): (2e5, 999999.0),
    ("tens", "millions"): (2e7, 99e6), ("hundreds", "millions"): (2e8, 999e6),
}  # fmt: skip
_APPROX = compiled(
    r"(?:about|around|approximately|roughly|nearly|almost|some|close to|an estimated|estimated|an"
    r" approximate|~)\s*$"
)
_GE = compiled(
    r"(?:more than|over|at least|upwards of|upward of|in excess of|above|no fewer than|no less than"
    # A tally passing a mark says it is at least that ("the death toll passes 10k").
    r"|exceed|exceeds|exceeding|exceeded|pass|passes|passing|passed|tops|topped|topping"
    r"|surpass|surpasses|surpassing|surpassed)\s*$"
)
_LE = compiled(
    r"(?:less than|under|up to|at most|fewer than|below|no more than|as many as|as much as"
    r"|as high as|a maximum of)\s*$"
)
_WORD = compiled(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Numbers that belong to a name: "G7", "F-35", "COVID-19", "MH370", and a capitalised word
# followed by a bare number: "Falcon 9", "Windows 11", "Llama 4", "Chapter 11".
_GLUED_NAME = compiled(
    r"S&P\s?500|Poor's\s500|\b(?:[A-Z][A-Za-z]{0,15}-?\d{1,4}[A-Za-z]?|[a-z]+[A-Z][A-Za-z]*-?\d{1,4})\b"
)
_NAME_NUMBER = compiled(
    r"\b(?P<word>[a-z]?[A-Z][A-Za-z]+)\s(?P<num>\d{1,4})\b(?![.,]\d)(?!\s*(?:%|percent|per cent|\w+ion\b))"
)
_LETTER_DIGIT = compiled(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))")
"""A digit right after a letter (or a letter and "-"): every match of :data:`_GLUED_NAME` but "S&P 500"
and "Poor's 500" has one. Tried only at digits, as :data:`_GLUED_NAME` is tried everywhere."""
_LETTER_SPACE_DIGIT = compiled(r"\d(?<=[A-Za-z]\s\d)")
"""A letter, one space and a digit: every match of :data:`_NAME_NUMBER` has one."""
_NOT_NAME_WORDS = frozenset(
    "rs about around approximately roughly nearly almost some over under only just another all "
    "exactly fully barely perhaps more less fewer than at least up to no page top killed "
    "and the in on of for by with from since until".split()
)
_RANGE_GAP = compiled(r"\s*(?:to|-|and)\s*", re.IGNORECASE)
_METRES_AFTER = compiled(r"[\s-]*(?:high|tall|long|deep|wide|away|above|below)\b")
_PEOPLE = {"peopl", "person", "staff", "employe", "employ", "worker", "personnel", "job"}
"""Head counts are worded many ways ("1,200 people", "1,500 staff", "2,000 workers")."""


# --- parsing helpers ----------------------------------------------------------------------


def words_to_number(phrase: str) -> float | None:
    """ "twenty-four" -> 24, "a thousand" -> 1000, "one hundred and five" -> 105."""
    total = current = 0.0
    seen = False
    for word in _WORD_SPLIT.split(phrase.lower()):
        if word in ("a", "an", "and", ""):
            continue  # "a thousand": a scale word alone already counts one of it
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _SCALE_WORDS:
            scale = _SCALE_WORDS[word]
            current = max(current, 1) * scale
            seen = True
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            return None
    return total + current if seen else None


def _scale(raw: str | None) -> float:
    if not raw:
        return 1.0
    key = raw.strip().lstrip("-").lower()
    return float(_SCALE_WORDS.get(key, _SCALE_ABBR.get(key, 1.0)))


_BOUND_ENDS = (
    "than", "over", "least", "of", "above", "exceed", "exceeds", "exceeding", "exceeded", "pass", "passes",
    "passing", "passed", "tops", "topped", "topping", "surpass", "surpasses", "surpassing", "surpassed",
    "under", "to", "most", "below", "as", "about", "around", "approximately", "roughly", "nearly", "almost",
    "some", "estimated", "an", "approximate", "~",
)  # fmt: skip
"""What every phrase of :data:`_NO_MORE_THAN`, :data:`_GE`, :data:`_LE` and :data:`_APPROX` ends with:
a tail that ends (before its spaces) with none of them is "eq" without the four searches (most
figures; a test holds the list to the patterns)."""


def _bound(text: str, start: int) -> Bound:
    """How the words just before ``start`` bound the figure there ("more than", "about")."""
    tail = text[max(0, start - 24) : start].lower()
    if not tail.rstrip().endswith(_BOUND_ENDS):
        return "eq"
    if _NO_MORE_THAN.search(tail):
        return "le" if "more" in tail[-16:] else "ge"
    if _GE.search(tail):
        return "ge"
    if _LE.search(tail):
        return "le"
    if _APPROX.search(tail):
        return "approx"
    return "eq"


def _parse_amount(raw: str | None) -> tuple[float, float] | None:
    """The amount and the step of its last written digit."""
    if raw is None:
        return None
    raw = raw.strip()
    if raw[:1].isdigit() or raw[:1] == ".":
        if _DECIMAL_COMMA.fullmatch(raw):
            raw = raw.replace(",", ".")
        digits = raw.replace(",", "")
        try:
            amount = float(digits)
        except ValueError:
            return None
        return amount, _digit_step(digits)
    amount_words = words_to_number(raw)
    if amount_words is None:
        return None
    return amount_words, _digit_step(str(int(amount_words))) if amount_words == int(amount_words) else 0.0


def _digit_step(digits: str) -> float:
    """The step of the last written digit: "61.5" 0.1, "15000" 1000, "140" 1 (a single
    trailing zero is as often exact as rounded, so only two or more count as rounding, and
    only from the thousands up: "100%" and "200 people" are exact)."""
    if "." in digits:
        return 10.0 ** -len(digits.partition(".")[2])
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    return 10.0**zeros if zeros >= 2 and stripped and len(digits) >= 4 else 1.0


_STOPWORDS_AND_OF = STOPWORDS | {"of"}


def _next_word(text: str, pos: int) -> str:
    match = _WORD.search(text, pos)
    while (
        match
        and match.group(0).lower() in _STOPWORDS_AND_OF
        and match.group(0).lower() not in _CURRENCY_WORDS
        and match.group(0).lower() not in ("people", "person")
    ):
        match = _WORD.search(text, match.end())
    if not match or match.start() - pos > 30:
        return ""
    return stem(match.group(0).lower())


def _currency_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency named after an amount ("5 million dollars", "50 US dollars", "20 cents")."""
    after = _CURRENCY_AFTER.match(text[end : end + 40])
    if not after:
        return None
    word = after.group("cur").lower()
    if word in ("pounds", "pound") and _OF_AFTER.match(text, end + after.end()):
        return None  # "ten pounds of cocaine" is a weight
    if word in ("cent", "cents"):
        return "USc", end + after.end()
    if after.group("pre") and word in ("dollar", "dollars"):
        return _CURRENCY_PREFIXED[after.group("pre").lower()], end + after.end()
    if word in _CURRENCY_WORDS and (after.group("pre") is None):
        return _CURRENCY_WORDS[word], end + after.end()
    return None


def _context(text: str, start: int, end: int) -> frozenset[str]:
    """Content words just before and after a figure: "annual revenue at $620 million" gives
    {annual, revenue}, "$620 million deal" gives {deal}."""
    before = _WORD.findall(text[max(0, start - 40) : start])[-3:]
    after = _WORD.findall(text[end : end + 30])[:2]
    stems = [_context_stem(w) for w in (*before, *after)]
    return frozenset([s for s in stems if s is not None])


@memoised
def _context_stem(word: str) -> str | None:
    """What a word around a figure adds to its context, worked out once per distinct word: its
    stem, or ``None`` for stop words, numbers, scale and currency words."""
    word = word.lower()
    if word in STOPWORDS or word[:1].isdigit() or word in _SCALE_WORDS or word in _CURRENCY_WORDS:
        return None
    return canonical_stem(word)


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key, MONTHS.get(key[:3], 1))


def _looks_like_amount_context(text: str, start: int, end: int) -> bool:
    """A four-digit number followed by a counted noun ("2000 employees") is not a year."""
    after = text[end : end + 20].lower()
    before = text[max(0, start - 2) : start]
    return "$" in before or bool(_AMOUNT_AFTER.match(after))


_LOWER_LONG_WORD = compiled(r"[a-z](?<![A-Za-z][a-z])[A-Za-z]{3}")
"""A run of four or more Latin letters that starts in lower case: a long word of
:func:`_is_headline` that is not capitalised. Opens with its letter, which `re` scans for in C."""


def _is_headline(text: str) -> bool:
    """Title case ("Quake Kills 31 People"): capitals say nothing about names there."""
    if _LOWER_LONG_WORD.search(text) is not None:
        return False  # most sentences: found within a few words, without listing every word
    long_words = [w for w in _LATIN_WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


# --- extraction -----------------------------------------------------------------------------


_DIGIT = compiled(r"\d")
_NUMBER_WORD_RE = compiled(rf"\b(?:{by_first_letter((*_SMALL, *_SCALE_WORDS))})")
_DAY_WORDS = (
    *"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    *"Yesterday yesterday Today today Tomorrow tomorrow".split(),
)
_DAY_END = compiled(r"day\b")
"""With :data:`_DAY_WORDS`, what the date pass needs in a text without a digit (see
:func:`_may_name_a_day`)."""
_CAPITAL_MONTH = compiled(
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_SPECIAL_WORDS = (
    *"dozens scores hundreds thousands millions billions half third quarter fifth tenth".split(),
    *"first second fourth sixth seventh eighth ninth".split(),
)
"""What vague quantities, fractions and ranks need in a text without a digit or number word."""
_DURATION_STEMS = ("year", "month", "week", "day", "hour")


def _may_name_a_day(text: str) -> bool:
    """Whether a month's abbreviation, "yesterday", "today", "tomorrow" (capitalised or not) or
    a word ending in "day" is in ``text``. Substring tests, which run in C, and one pattern
    that opens with a literal, which `re` finds by a fast scan: the one alternation of all of
    them cost twice as much, tried at every position that a look-ahead let through."""
    return holds_any(text, _DAY_WORDS) or _DAY_END.search(text) is not None


@dataclass(slots=True)
class _Found:
    value: Value
    scaled: bool = False
    """Whether a scale word was written ("10 million"), which a range's first figure inherits."""
    factor: float = 1.0
    """The unit factor applied, so a range's bare first figure can take the second's unit."""


_DURATION_HINT = started("ymwdh", r"\b(?:years?|months?|weeks?|days?|hours?)\b")
_COUNT_WORD = r"(?:a|an|one|\d+|" + "|".join(_SMALL) + r")"
_DURATION_WORD = r"(?:year|month|week|day|hour)s?"
_COMPOUND_DURATION = started(
    r"\d" + _first_letters("a", "an", "one", *_SMALL),  # as _COUNT_WORD
    rf"\b(?P<n1>{_COUNT_WORD})[\s-]+(?P<u1>{_DURATION_WORD})(?:,\s*|\s+and\s+)"
    rf"(?P<n2>{_COUNT_WORD})[\s-]+(?P<u2>{_DURATION_WORD})\b",
    re.IGNORECASE,
)
_BOUNDED_ONE = compiled(
    r"\b(?:more|less|fewer)\s+than\s+|\b(?:over|under|about|nearly|almost|around)\s+", re.IGNORECASE
)
_ONE_UNIT = started("ao", rf"\b(?:a|an|one)\s+(?P<u>{_DURATION_WORD})\b", re.IGNORECASE)


def _durations_in_words(text: str, spans: _Spans, found: list[_Found]) -> None:
    """Durations news writes in words: "one month and nine days" (one figure, not two) and "more
    than a month" ("a month" alone is too often a rate, "twice a month", to count)."""

    def count(word: str) -> float:
        word = word.lower()
        return 1.0 if word in ("a", "an") else float(word) if word.isdigit() else float(_SMALL[word])

    for m in _COMPOUND_DURATION.finditer(text):
        big = _UNITS[m.group("u1").lower()][2]
        small = _UNITS[m.group("u2").lower()][2]
        if small >= big or not spans.free(m.start(), m.end()):
            continue
        amount = count(m.group("n1")) * big + count(m.group("n2")) * small
        bound = _bound(text, m.start())
        value = Value(
            "measure",
            amount,
            "s",
            bound,
            m.group(0),
            m.start(),
            m.end(),
            precision=small,
            dimension="duration",
        )
        found.append(_Found(value))
        spans.take(m.start(), m.end())
    for m in _ONE_UNIT.finditer(text):
        before = _BOUNDED_ONE.search(text, max(0, m.start() - 12), m.start())
        if before is None or before.end() != m.start() or not spans.free(m.start(), m.end()):
            continue
        unit = _UNITS[m.group("u").lower()][2]
        value = Value(
            "measure", unit, "s", _bound(text, m.start()), m.group(0), m.start(), m.end(),
            precision=unit, dimension="duration",
        )  # fmt: skip
        found.append(_Found(value))
        spans.take(m.start(), m.end())


class _Spans:
    def __init__(self) -> None:
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        for s, e in self.taken:  # noqa: SIM110 (a loop, not a generator started per call)
            if s < end and start < e:
                return False
        return True

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))


def extract_values(text: str, reference: date | None = None) -> tuple[Value, ...]:
    """Every value ``text`` (already folded) states, in order of position.

    ``reference`` is the article's date: with it, "yesterday" and "last Tuesday" become
    days; without it they stay relative.
    """
    spans = _Spans()
    found: list[_Found] = []
    # Most sentences state no value: cheap searches decide which passes can find anything.
    digits = _DIGIT.search(text) is not None
    lower = text.lower()
    first_word = _NUMBER_WORD_RE.search(lower)
    words = first_word is not None
    if digits or "noon" in lower or "midday" in lower or "midnight" in lower:
        if not _absent(text, lower, _NOON_WORDS):
            _times(text, spans, found, _TIME)
        elif ":" in text or _TIME_MARK.search(text) is not None:
            _times(text, spans, found, _TIME_DIGITS)
    if digits or _may_name_a_day(text):
        _dates(text, spans, found, reference, lower)
    if digits:
        if not _absent(text, lower, _LEFT_UNIT_WORDS):
            _left_units(text, spans, found)
        _name_numbers(text, spans)
    if digits or words or holds_any(lower, _SPECIAL_WORDS):
        _special_quantities(text, spans, found, lower)
    if digits and ("-" in text or "–" in text):  # a scoreline needs its dash
        _scores(text, spans, found)
    if (digits or words or " a " in lower or " an " in lower) and (
        holds_any(lower, _DURATION_STEMS) and _DURATION_HINT.search(lower)
    ):
        _durations_in_words(text, spans, found)
    if digits or words:
        # Without a currency the figure pattern is tried at digits (and number words) only.
        plain = _no_currency(text, lower)
        if not words:
            matches = (_FIGURE_PLAIN if plain else _FIGURE_DIGITS).finditer(text)
        elif text.isascii() and first_word is not None:
            number_words = [m.start() for m in _NUMBER_WORD_RE.finditer(lower, first_word.start())]
            starts = _figure_word_starts(lower, number_words, not plain)
            matches = _figure_matches(_FIGURE_WORDS_PLAIN if plain else _FIGURE, text, starts)
        else:
            matches = _FIGURE.finditer(text)  # letters beyond ASCII: read in full
        _figures(text, spans, found, matches)
    if not found:
        return ()  # most texts: the joins and the context below have nothing to read
    found.sort(key=lambda f: f.value.start)
    found = _join_ranges(text, found)
    values = [_tally(text, _moment(text, v)) for v in _join_conversions(text, [f.value for f in found])]
    return tuple(
        _with_context(v, _context(text, v.start, v.end)) if v.kind not in ("date", "time", "weekday") else v
        for v in values
    )


def _with_context(v: Value, context: frozenset[str]) -> Value:
    """``replace(v, context=context)`` without ``dataclasses.replace``'s look at every field."""
    return Value(
        v.kind, v.amount, v.unit, v.bound, v.text, v.start, v.end, context, v.high, v.precision, v.dimension,
        v.converted,
    )  # fmt: skip


_AT_BEFORE = compiled(r"\bat\s+$", re.IGNORECASE)
_MINUTES = compiled(r"(?P<n>\d{1,3})\s+minutes?", re.IGNORECASE)
_NOT_A_MOMENT = compiled(r"\s+(?:past|to|before|late|early|ahead|behind|from|of|the\s+end)\b", re.IGNORECASE)


def _moment(text: str, value: Value) -> Value:
    """ "At 23 minutes" is the moment of a match, the 23rd minute, not a duration ("delayed by
    23 minutes"); "at ten minutes past six" and "at 23 minutes from the end" stay as they were."""
    if value.kind != "measure" or value.dimension != "duration":
        return value
    minutes = _MINUTES.fullmatch(value.text)
    if (
        minutes is None
        or _AT_BEFORE.search(text, max(0, value.start - 4), value.start) is None
        or _NOT_A_MOMENT.match(text, value.end) is not None
    ):
        return value
    return Value(
        "ordinal",
        float(minutes.group("n")),
        stem("minute"),
        "eq",
        value.text,
        value.start,
        value.end,
        precision=1.0,
    )


_WON_BEFORE = compiled(
    r"\b(?:won|claimed|lifted|clinched|captured|secured)\s+(?:the\s+)?(?P<what>[A-Za-z]+)(?:\s+[A-Za-z]+){0,2}\s+$",
    re.IGNORECASE,
)
_TIMES_AFTER = compiled(r"\s+times\b", re.IGNORECASE)


def _tally(text: str, value: Value) -> Value:
    """ "Have won the World Cup three times" is "a third World Cup": a count of wins is the
    order of the latest, counting the thing won, as an ordinal of it does. Not a multiplier
    ("rose three times faster"), which no verb of winning comes before."""
    if value.kind != "number" or value.high is not None or _TIMES_AFTER.match(text, value.end) is None:
        return value
    won = _WON_BEFORE.search(text, max(0, value.start - 60), value.start)
    if won is None:
        return value
    what = stem(won.group("what").lower())
    return Value("ordinal", value.amount, what, "eq", value.text, value.start, value.end, precision=1.0)


_AFTERNOON_REACH = 6 * 60
"""Minutes after an afternoon time within which a bare "6:04" that follows it is afternoon too."""


def _times(text: str, spans: _Spans, found: list[_Found], pattern: re.Pattern[str]) -> None:
    afternoon: tuple[float, str] | None = None
    for m in pattern.finditer(text):
        if m.group("noon"):
            minutes, step, zone = (0 if m.group("noon").lower() == "midnight" else 720), 1.0, ""
        elif m.group("h12"):
            hour = int(m.group("h12")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            minutes = hour * 60 + int(m.group("m12") or 0)
            step = 1.0 if m.group("m12") else 60.0
            zone = m.group("z12") or ""
        elif m.group("h24"):
            minutes, step, zone = int(m.group("h24")) * 60 + int(m.group("m24")), 1.0, m.group("z24") or ""
        else:
            raw = m.group("hhmm")
            minutes, step, zone = int(raw[:2]) * 60 + int(raw[2:]), 1.0, m.group("zhhmm")
        end = m.end()
        if not zone:
            after = _LOCAL_AFTER.match(text, end)
            if after and after.group(1).lower() == "local time":
                end = after.end()  # matched from ``end``: an absolute offset
                zone = "local time"
        found_text = text[m.start() : end].rstrip()
        end = m.start() + len(found_text)
        unit = _ZONES.get(_SPACES.sub(" ", zone.lower()), zone.upper())
        if m.group("h24") and not zone and afternoon is not None and minutes < 720:
            # "began its descent at 5:20 pm IST and touched down at 6:04": the bare time
            # carries on the afternoon (and the zone) of the time before it.
            later = minutes + 720 - afternoon[0]
            if 0 <= later <= _AFTERNOON_REACH:
                minutes, unit = minutes + 720, afternoon[1]
        if m.group("h12") and m.group("ampm").lower() == "p":
            afternoon = (float(minutes), unit)
        found.append(
            _Found(
                Value(
                    "time",
                    float(minutes),
                    unit,
                    _bound(text, m.start()),
                    found_text,
                    m.start(),
                    end,
                    precision=step,
                )
            )
        )
        spans.take(m.start(), end)


def _dates(text: str, spans: _Spans, found: list[_Found], reference: date | None, lower: str) -> None:
    def add(amount: float, unit: str, start: int, end: int) -> None:
        if spans.free(start, end):
            found.append(
                _Found(
                    Value(
                        "date", amount, unit, _bound(text, start), text[start:end], start, end, precision=1.0
                    )
                )
            )
            spans.take(start, end)

    for m in _date_matches(text, lower):
        start, end = m.span()
        if m.group("iso"):
            add(float(m.group("iso") + m.group("isom") + m.group("isod")), "day", start, end)
            continue
        month_word = m.group("m1") or m.group("m2") or m.group("m3")
        if month_word:
            if month_word[0].islower() and month_word.lower().rstrip(".") in _WORDLIKE_MONTHS:
                continue  # "may", "mar" in lower case are words
            month = month_number(month_word)
            day_raw = m.group("d1") or m.group("d2")
            year = m.group("y1") or m.group("y2") or m.group("y3")
            if day_raw:
                day_of_month = int(_NON_DIGITS.sub("", day_raw))
                if year:
                    add(float(f"{year}{month:02d}{day_of_month:02d}"), "day", start, end)
                else:
                    add(float(month * 100 + day_of_month), "monthday", start, end)
            else:
                add(float(int(year or 0) * 100 + month), "month", start, end)
            continue
        if _looks_like_amount_context(text, start, end):
            continue
        add(float(m.group("yonly")), "year", start, end)
    for m in _BARE_MONTH.finditer(text) if _may_have_bare_month(text) else ():
        add(float(MONTHS[m.group("m").lower()]), "monthonly", m.start("m"), m.end("m"))
    for m in _WEEKDAY.finditer(text) if "day" in text else ():
        weekday = WEEKDAYS.index(m.group("wd").lower())
        rel = (m.group("rel") or "").lower()
        if reference is not None and rel in ("last", "past"):
            back = (reference.weekday() - weekday) % 7 or 7
            day = reference - timedelta(days=back)
            add(float(day.strftime("%Y%m%d")), "day", m.start(), m.end("wd"))
        else:
            if spans.free(m.start("wd"), m.end("wd")):
                found.append(
                    _Found(
                        Value(
                            "weekday",
                            float(weekday),
                            "weekday",
                            "eq",
                            m.group("wd"),
                            m.start("wd"),
                            m.end("wd"),
                            precision=1.0,
                        )
                    )
                )
                spans.take(m.start("wd"), m.end("wd"))
    for m in () if _absent(text, lower, _RELATIVE_WORDS) else _RELATIVE_DAY.finditer(text):
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group("rd").lower()]
        if reference is not None:
            day = reference + timedelta(days=offset)
            add(float(day.strftime("%Y%m%d")), "day", m.start(), m.end())
        else:
            add(float(offset), "relative", m.start(), m.end())


def _left_units(text: str, spans: _Spans, found: list[_Found]) -> None:
    """A unit named before its figure: "magnitude 6.4", "Category 4"."""
    for m in _LEFT_UNIT.finditer(text):
        if not spans.free(m.start(), m.end()):
            continue
        dimension, base = _LEFT_UNITS[m.group("lu").lower()]
        amount = float(m.group("lamount"))
        found.append(
            _Found(
                Value(
                    "measure",
                    amount,
                    base,
                    _bound(text, m.start()),
                    m.group(0),
                    m.start(),
                    m.end(),
                    precision=_digit_step(m.group("lamount")),
                    dimension=dimension,
                )
            )
        )
        spans.take(m.start(), m.end())


_LATIN_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _name_number_starts(text: str) -> list[int]:
    """Where :data:`_NAME_NUMBER` can match: at the first letter of the run of Latin letters
    before each letter, space and digit (:data:`_LETTER_SPACE_DIGIT`). Its word opens with
    ``\b`` and runs in those letters to the space, so it can start nowhere else; the pattern,
    which opens with ``\b``, was tried at every position (8 µs a sentence with a figure)."""
    starts = []
    for m in _LETTER_SPACE_DIGIT.finditer(text):
        at = m.start() - 2
        while at > 0 and text[at - 1] in _LATIN_LETTERS:
            at -= 1
        starts.append(at)
    return starts


def _name_numbers(text: str, spans: _Spans) -> None:
    """Mask numbers that are part of a name, so they are never counted."""
    glued = "500" in text or _LETTER_DIGIT.search(text) is not None
    for m in _GLUED_NAME.finditer(text) if glued else ():
        if spans.free(m.start(), m.end()) and not _NAMED_ORDINAL.fullmatch(m.group(0)):
            token = m.group(0)
            if token.lower().rstrip("0123456789-") in _UNITS or token.lower() in _UNITS:
                continue
            spans.take(m.start(), m.end())
    starts = _name_number_starts(text)
    if not starts or _is_headline(text):
        return
    for m in _matches_at(_NAME_NUMBER, text, starts):
        word = m.group("word")
        num = m.group("num")
        if (
            word.lower() in _NOT_NAME_WORDS
            or word.lower() in STOPWORDS
            or word.lower().rstrip(".") in MONTHS
            or word.lower() in WEEKDAYS
            or (len(num) == 4 and num[:2] in ("19", "20"))
            or _SCORE_AFTER.match(text, m.end("num"))  # "France 4-2": a score, not a name
        ):
            continue
        if spans.free(m.start("num"), m.end("num")):
            spans.take(m.start("num"), m.end("num"))


_VAGUE_WORDS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions")
_FRACTION_WORDS = ("third", "quarter", "fifth", "tenth")


def _special_quantities(text: str, spans: _Spans, found: list[_Found], lower: str) -> None:
    """Vague quantities as ranges, fractions as percentages, "half a million", ranks."""
    has_vague = holds_any(lower, _VAGUE_WORDS)
    for m in _VAGUE.finditer(text) if has_vague else ():
        vague = m.group("vague").lower()
        if m.group("mult"):
            low, high = _VAGUE_MULTIPLES.get((m.group("mult").lower(), vague), _VAGUE_RANGES[vague])
        else:
            low, high = _VAGUE_RANGES[vague]
        _emit_number(text, m.start(), m.end(), low, 0.0, spans, found, high=high, bound="approx")
    has_half = "half" in lower
    for m in _HALF_SCALE.finditer(text) if has_half else ():
        amount = 0.5 * (12.0 if m.group("hs").lower() == "dozen" else _SCALE_WORDS[m.group("hs").lower()])
        _emit_number(text, m.start(), m.end(), amount, amount / 5, spans, found)
    fraction = has_half or holds_any(lower, _FRACTION_WORDS)
    for m in _FRACTION.finditer(text) if fraction else ():
        before = text[max(0, m.start() - 12) : m.start()].lower()
        pre = (m.group("pre") or "").lower()
        frac = m.group("frac").lower().rstrip("s")
        if _NOT_A_SHARE.search(before) or (frac != "half" and not pre):
            continue  # "the first half of the year" is a period; "the third of" needs a count
        if not spans.free(m.start(), m.end()):
            continue
        count = 1 if pre in ("", "a", "one") else _SMALL[pre]
        amount = 100.0 * count / _FRACTION_PARTS[frac]
        span_end = m.end() - 3  # without " of"
        found.append(
            _Found(
                Value(
                    "percent",
                    amount,
                    "%",
                    "approx",
                    text[m.start() : span_end].rstrip(),
                    m.start(),
                    span_end,
                    precision=1.0,
                )
            )
        )
        spans.take(m.start(), span_end)
    for m in _ORDINAL.finditer(text) if _may_have_ordinal(text, lower) else ():
        what = m.group("what")
        if not _RANK_WORDS.fullmatch(what) or what.lower() in _NOT_RANKS:
            word = (m.group("word") or "").lower()
            record = bool(word) and (
                _RECORD.match(text, m.start("what") if what.lower() == "to" else m.end("what")) is not None
                or _BECOME.search(text, max(0, m.start() - 16), m.start()) is not None
            )
            # "his second of the match": a word like "of" after it is no noun it counts.
            a_noun = what.lower() not in _PERIODS and what.lower() not in STOPWORDS
            counted = word and (word != "first" or record) and (record or a_noun)
            if counted and spans.free(m.start(), m.end("word")):
                # "their third World Cup", "a second term": how many times the thing has
                # happened, which outlets state and can disagree on. "first" is left out
                # ("the first time" is a phrase, rarely a count), and so are the parts of a
                # period ("the second half"): when something happened, not how often.
                start, end = m.start(), m.end("word")
                rank = float(_ORDINAL_WORDS[word])
                # "the first player to score", "the fourth country to land", "the second to do
                # it": a record's place, whatever noun each outlet puts between.
                unit = RECORD_UNIT if record else stem(what.lower())
                value = Value("ordinal", rank, unit, "eq", text[start:end], start, end, precision=1.0)
                found.append(_Found(value))
                spans.take(start, end)
            elif m.group("num") and spans.free(m.start(), m.end("num") + 2):
                # "the 80th minute", "the 23rd day": an order in a series, a value of its own
                # (the minute of a goal), never the count 8 that "80th" would otherwise give.
                start, end = m.start(), m.end("num") + 2
                order = float(m.group("num"))
                # "the 80th and 81st minutes": both count minutes, not "and".
                series = _SERIES_NOUN.match(text, m.start("what"))
                noun = series.group("noun") if series else what
                value = Value(
                    "ordinal", order, stem(noun.lower()), "eq", text[start:end], start, end, precision=1.0
                )
                found.append(_Found(value))
                spans.take(start, end)
            continue  # "the first time": an order, not a reported rank
        start, end = m.start(), m.end("what")  # "third-largest", "3rd largest"
        if not spans.free(start, end):
            continue
        rank = float(m.group("num") or _ORDINAL_WORDS[m.group("word").lower()])
        found.append(
            _Found(
                Value(
                    "ordinal",
                    rank,
                    stem(_SAME_RANK.get(what.lower(), what.lower())),
                    "eq",
                    text[start:end],
                    start,
                    end,
                    precision=1.0,
                )
            )
        )
        spans.take(start, end)
    if "world" in lower:
        for m in _WORLD_FIRST.finditer(text):
            # "the landing is a world first": first in the world, the record "the first
            # country to land" states, with no noun or verb after "first" to mark it.
            start, end = m.start("it"), m.end("it")
            if spans.free(start, end):
                found.append(
                    _Found(
                        Value("ordinal", 1.0, RECORD_UNIT, "eq", text[start:end], start, end, precision=1.0)
                    )
                )
                spans.take(start, end)


_WORLD_FIRST = compiled(r"\ba\s+(?P<it>world[\s-]first)\b(?![\s-]+class)", re.IGNORECASE)


_SCORE = started(
    r"\d",
    r"(?<![\w$€£¥.,])(?P<a>\d{1,2})\s?[-–]\s?(?P<b>\d{1,2})(?![\w%]|[.,]\d|\s*(?:%|per\s?cent|percent|years?|months?"
    r"|weeks?|days?|hours?|minutes?|seconds?|km|miles?|metres?|meters?|kg|people|injured|dead|killed)\b)",
    re.IGNORECASE,
)


def _scores(text: str, spans: _Spans, found: list[_Found]) -> None:
    """Scorelines ("4-2", "3-3", "2-0"): a pair of small numbers whose first is not below the
    second, which a range ("5-10") never is. One value, so "4-2" is never a count of 4 and 2."""
    for m in _SCORE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b or not spans.free(m.start(), m.end()):
            continue
        found.append(
            _Found(
                Value("score", a * 100.0 + b, "score", "eq", m.group(0), m.start(), m.end(), precision=1.0)
            )
        )
        spans.take(m.start(), m.end())


_FIGURE_MARK = compiled(r"[\d.$]")
"""Where a figure in an ASCII text can start other than at a word: a digit, "." or "$" (or up to
two letters before "$": "US$", "HK$")."""
_CURRENCY_WORD_STARTS = (*_CODE_WORDS, "rs")
_ARTICLES = ("a", "an", "one")


def _word_start(lower: str, at: int) -> bool:
    """Whether ``at`` starts a word (``\b`` before a letter) in an ASCII text."""
    return at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_")


def _figure_word_starts(lower: str, number_words: Sequence[int], currency: bool) -> list[int]:
    """Where a figure can start with a letter in an ASCII text's lower case, given where its
    number words start (:data:`_NUMBER_WORD_RE`): at a number word, at "a", "an" or "one" and
    spaces before one ("a hundred"), and, with ``currency``, at a currency code or "Rs". In
    order, ending with ``len(lower)``."""
    starts = list(number_words)
    for at in number_words:
        gap = at
        while gap > 0 and lower[gap - 1].isspace():
            gap -= 1
        if gap < at:
            for article in _ARTICLES:
                before = gap - len(article)
                if before >= 0 and lower.startswith(article, before) and _word_start(lower, before):
                    starts.append(before)
    if currency:
        for code in _CURRENCY_WORD_STARTS:
            at = lower.find(code)
            while at >= 0:
                if _word_start(lower, at):
                    starts.append(at)
                at = lower.find(code, at + 1)
    starts.sort()
    starts.append(len(lower))
    return starts


def _figure_matches(pattern: re.Pattern[str], text: str, words: Sequence[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a figure pattern with number words, in an ASCII text, with
    the pattern tried only where a figure can start: at a digit, ".", "$" and ``words``
    (:func:`_figure_word_starts`). ``finditer`` tries it at every word, where each of its many
    case-insensitive alternatives (currency codes, number words) fails on its own: 90 µs a
    sentence with both. Matches are never empty, so trying the start positions in order and
    going on from each match's end finds what ``finditer`` finds."""
    w = 0
    pos = 0
    mark = _FIGURE_MARK.search(text)
    last = len(words) - 1
    while True:
        while words[w] < pos:
            w += 1
        while mark is not None and mark.start() < pos:
            mark = _FIGURE_MARK.search(text, pos)
        if mark is None:
            if w == last:
                return
            at = words[w]
        else:
            at = min(words[w], mark.start())
        found = None
        if mark is not None and at == mark.start() and text[at] == "$":
            # "US$5", "HK$5": the sign's prefix starts up to two letters before it.
            for before in range(max(pos, at - 2), at):
                found = pattern.match(text, before)
                if found is not None:
                    break
        if found is None:
            found = pattern.match(text, at)
        if found is None:
            pos = at + 1
            continue
        yield found
        pos = found.end()


def _figures(text: str, spans: _Spans, found: list[_Found], matches: Iterable[re.Match[str]]) -> None:
    for m in matches:
        start, end = m.span()
        while end > start and (text[end - 1].isspace() or text[end - 1] == "-"):
            end -= 1
        if not text[start:end].strip() or not spans.free(start, end):
            # A figure overlapping a date, time or name may still hold a free number later on.
            continue
        bound = _bound(text, start)
        if m.group("cur") or m.group("code"):
            parsed = _parse_amount(m.group("camount"))
            if parsed is None:
                continue
            scale = _scale(m.group("cscale"))
            currency = (
                _CURRENCY_SIGNS[m.group("cur").upper().strip()] if m.group("cur") else m.group("code").upper()
            )
            found.append(
                _Found(
                    Value(
                        "money",
                        parsed[0] * scale,
                        currency,
                        bound,
                        text[start:end],
                        start,
                        end,
                        precision=parsed[1] * scale,
                    ),
                    scaled=bool(m.group("cscale")),
                )
            )
            spans.take(start, end)
            continue
        raw = m.group("amount") or m.group("words")
        unit_word = m.group("unit") or m.group("wunit") or ""
        if (
            m.group("amount")
            and _DECIMAL_COMMA.fullmatch(raw)
            and not (m.group("pct") or unit_word or m.group("gunit"))
        ):
            continue  # "3,4" with nothing after it: a list, not a decimal
        parsed = _parse_amount(raw)
        if parsed is None:
            continue
        amount, step = parsed
        if m.group("words") and amount in (1, 0) and not m.group("wpct"):
            continue  # "one of the", "a", "one day" are not figures
        scale = _scale(m.group("scale"))
        if (
            m.group("scale")
            and m.group("scale").strip().lower() == "m"
            and _METRES_AFTER.match(text[end : end + 10])
        ):  # "10m-high wall", "6m tall": metres, not millions.
            metres = Value(
                "measure", amount, "m", bound, text[start:end], start, end, precision=step, dimension="length"
            )
            found.append(_Found(metres))
            spans.take(start, end)
            continue
        _emit_number(
            text,
            start,
            end,
            amount * scale,
            step * scale,
            spans,
            found,
            bound=bound,
            percent=bool(m.group("pct") or m.group("wpct")),
            unit_word=unit_word,
            glued=m.group("gunit") or "",
            scaled=bool(m.group("scale")),
            pct_text=m.group("pct") or m.group("wpct") or "",
        )


def _emit_number(
    text: str,
    start: int,
    end: int,
    amount: float,
    step: float,
    spans: _Spans,
    found: list[_Found],
    *,
    high: float | None = None,
    bound: Bound | None = None,
    percent: bool = False,
    unit_word: str = "",
    glued: str = "",
    scaled: bool = False,
    pct_text: str = "",
) -> None:
    """Decide what a bare amount is from what follows it: a percentage, a measure, money or a count."""
    if not spans.free(start, end):
        return
    bound = bound or _bound(text, start)
    if bound == "eq" and high is not None:
        bound = "approx"
    if percent:
        unit = "pp" if "point" in pct_text.lower() else "%"
        value = Value("percent", amount, unit, bound, text[start:end], start, end, high=high, precision=step)
        found.append(_Found(value, scaled=scaled))
        spans.take(start, end)
        return
    unit_key = _SPACES.sub(" ", unit_word.lower())
    if unit_key or glued:
        dimension, base, factor = _UNITS[unit_key] if unit_key else _GLUED_UNITS[glued.lower()]
        converted = _to_base(amount, unit_key or glued.lower(), factor)
        value = Value(
            "measure",
            converted,
            base,
            bound,
            text[start:end],
            start,
            end,
            high=None if high is None else _to_base(high, unit_key, factor),
            precision=step * factor,
            dimension=dimension,
        )
        found.append(_Found(value, scaled=scaled, factor=factor))
        spans.take(start, end)
        return
    currency = _currency_after(text, end)
    if currency is not None:
        code, new_end = currency
        if code == "USc":
            code, amount, step = "USD", amount / 100, step / 100
            high = None if high is None else high / 100
        value = Value(
            "money", amount, code, bound, text[start:new_end], start, new_end, high=high, precision=step
        )
        found.append(_Found(value, scaled=scaled))
        spans.take(start, new_end)
        return
    following = _next_word(text, end)
    unit = "people" if following in _PEOPLE else following
    found.append(
        _Found(
            Value("number", amount, unit, bound, text[start:end], start, end, high=high, precision=step),
            scaled=scaled,
        )
    )
    spans.take(start, end)


def _to_base(amount: float, unit: str, factor: float) -> float:
    if unit in ("°f", "ºf", "f", "degrees fahrenheit", "degree fahrenheit", "fahrenheit"):
        return (amount - 32) * 5 / 9
    return amount * factor


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """ "5 to 10 km", "$5-10 million", "between 20 and 30 people": one value with a high end.
    "From 5% to 7%" is a change, not a range, and stays two values."""
    out: list[_Found] = []
    i = 0
    numeric = ("number", "money", "percent", "measure")
    while i < len(found):
        first = found[i]
        if i + 1 < len(found):
            second = found[i + 1]
            a, b = first.value, second.value
            gap = text[a.end : b.start]
            before = text[max(0, a.start - 9) : a.start].lower()
            joins = (
                a.kind in numeric
                and b.kind in numeric
                and a.high is None
                and b.high is None
                and _RANGE_GAP.fullmatch(gap) is not None
                and ("and" not in gap.lower() or before.rstrip().endswith("between"))
                and not _FROM_BEFORE.search(before)
                and (a.kind == b.kind or a.kind == "number" or (a.kind == "money" and b.kind == "number"))
                and (a.kind != "money" or a.unit == b.unit or b.kind == "number")
                and b.bound == "eq"
                and a.amount < b.amount * (1 if a.kind == b.kind or b.kind == "number" else 1e18)
            )
            if joins:
                low = a.amount
                if a.kind == "number" and b.kind == "measure":
                    low = a.amount * second.factor
                if second.scaled and not first.scaled and b.amount > 0:
                    scale = b.amount / max(_scaled_raw(b), 1e-12)
                    low *= scale if low * scale <= b.amount else 1
                kind_from = a if a.kind == "money" else b
                lo, hi = sorted((low, b.amount))
                joined = replace(
                    b,
                    kind=kind_from.kind,
                    unit=kind_from.unit,
                    amount=lo,
                    high=hi,
                    bound=a.bound,
                    text=text[a.start : b.end],
                    start=a.start,
                    precision=max(a.precision, b.precision),
                )
                out.append(_Found(joined, scaled=True, factor=second.factor))
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def _scaled_raw(v: Value) -> float:
    """The written figure of a scaled amount: "10 million" -> 10."""
    digits = _WRITTEN_DIGITS.search(v.text)
    if digits:
        parsed = _parse_amount(digits.group(0))
        if parsed:
            return parsed[0]
    return v.amount


def _join_conversions(text: str, values: list[Value]) -> list[Value]:
    """ "$20 billion (£15.8 billion)", "10 km (6 miles)": one amount written two ways."""
    out: list[Value] = []
    i = 0
    while i < len(values):
        v = values[i]
        if i + 1 < len(values):
            w = values[i + 1]
            gap = text[v.end : w.start]
            close = _CLOSE_AFTER.match(text, w.end)
            if _CONVERSION_GAP.fullmatch(gap) and close:
                end = close.end()  # matched from ``w.end``: an absolute offset
                if v.kind == w.kind == "money" and v.unit != w.unit:
                    out.append(
                        replace(
                            v, end=end, text=text[v.start : end], converted=((w.unit, w.amount, w.precision),)
                        )
                    )
                    i += 2
                    continue
                if v.kind == w.kind == "measure" and v.dimension == w.dimension:
                    out.append(replace(v, end=end, text=text[v.start : end]))
                    i += 2
                    continue
        out.append(v)
        i += 1
    return out


# --- agreement ------------------------------------------------------------------------------

_EQUAL_WITHIN = 0.005
"""Two figures closer than 0.5% read as the same figure (a typo-level difference)."""
_ROUNDED_WITHIN = 0.05
"""Rounding hides at most 5%: "1%" against "1.4%" is two figures, not one rounded."""
_APPROX_WITHIN = 0.05
""""About", "around", "nearly" allow 5% either way: "about 44%" does not admit "over 48%"."""


def agreement(a: Value, b: Value) -> Agreement:
    """Whether two values can state the same fact.

    - ``incomparable``: different kinds, dimensions, currencies (never converted at a rate,
      unless the sentence itself gives the conversion) or time zones; a weekday against a
      date without a day; relative days ("yesterday") against anything but the same word.
    - ``equal``: they agree at the precision of the less precise one and differ by less than
      0.5% (or are different units of one measure converted, which are rounded by nature);
      a value inside the other's range or bound ("more than 15,000" vs "15,300"); within
      10% of an approximation ("about 40" vs "38"); dates at their common precision
      ("March 2024" vs "12 March 2024").
    - ``rounded``: the less precise one is the other rounded, by more than 0.5% and at most
      5% ("12%" vs "12.3%", "$14bn" vs "$14.3bn"): the same figure reported less exactly, or
      two figures; the reader is told which.
    - ``different``: otherwise. Two different lower bounds of one count are different
      figures ("at least 38" vs "at least 40"); a lower bound admits only figures within the
      step it was written to ("more than 15,000" admits 15,300, "at least 38" does not admit
      40: differing tallies conflict even under "at least").
    """
    if a.kind == "weekday" or b.kind == "weekday":
        return _weekday_agreement(a, b)
    if a.kind != b.kind:
        return "incomparable"
    if a.kind == "date":
        return _date_agreement(a, b)
    if a.kind == "time":
        if a.unit and b.unit and a.unit != b.unit:
            return "incomparable"
        if max(a.precision, b.precision) >= 60:
            return "equal" if a.amount // 60 == b.amount // 60 else "different"
        return "equal" if a.amount == b.amount else "different"
    if a.kind in ("ordinal", "score"):
        return "equal" if a.amount == b.amount else "different"
    if a.kind == "money" and a.unit != b.unit:
        a, b = _in_one_currency(a, b)
        if a.unit != b.unit:
            return "incomparable"
    if a.kind in ("measure", "percent") and (a.unit != b.unit or a.dimension != b.dimension):
        return "incomparable"
    return _numeric(a, b)


def is_relative_day(value: Value) -> bool:
    """Whether the value is a day named relative to the article's own ("today", "yesterday")."""
    return value.kind == "date" and _RELATIVE_DAY.fullmatch(value.text) is not None


AgreementKey = tuple[
    str, float, str, str, float | None, float, str, tuple[tuple[str, float, float], ...], str
]


def agreement_key(value: Value) -> AgreementKey:
    """What :func:`agreement` reads of a value: two values with one key agree with every other
    value alike. Callers ask once per distinct pair of keys, not per pair of values: the same
    figure in hundreds of sentences is hundreds of values (offsets, context) but one key, which
    cut the questions at 100 articles from 276,000 to 10,500. The wording counts only for
    measures (converted units, see :func:`_points`)."""
    wording = _unit_words(value.text) if value.kind == "measure" else ""
    return (
        value.kind,
        value.amount,
        value.unit,
        value.bound,
        value.high,
        value.precision,
        value.dimension,
        value.converted,
        wording,
    )


def agreement_codes(values: Sequence[Value | None]) -> tuple[list[int], list[Value]]:
    """Each value's code by :func:`agreement_key` (-1 for ``None``), and one value standing for
    each code: callers compare the codes' values once per pair of codes."""
    ids: dict[AgreementKey, int] = {}
    standing: list[Value] = []
    codes: list[int] = []
    for value in values:
        code = -1
        if value is not None:
            code = ids.setdefault(agreement_key(value), len(ids))
            if code == len(standing):
                standing.append(value)
        codes.append(code)
    return codes, standing


def is_vague(value: Value) -> bool:
    """Whether the value is a vague quantity ("thousands", "tens of billions"): true of almost
    any tally of its size, so it says too little to tie two sentences into one fact."""
    return (
        value.high is not None
        and not any(c.isdigit() for c in value.text)
        and bool(_VAGUE.search(value.text))
    )


def compatible(a: Value, b: Value) -> bool:
    """Whether two values can both be true of one fact (rounding counts as a difference)."""
    return agreement(a, b) in ("equal", "incomparable")


def _in_one_currency(a: Value, b: Value) -> tuple[Value, Value]:
    for cur, amount, step in a.converted:
        if cur == b.unit:
            return replace(a, amount=amount, unit=cur, precision=step, converted=()), b
    for cur, amount, step in b.converted:
        if cur == a.unit:
            return a, replace(b, amount=amount, unit=cur, precision=step, converted=())
    return a, b


def _weekday_agreement(a: Value, b: Value) -> Agreement:
    if a.kind == b.kind == "weekday":
        return "equal" if a.amount == b.amount else "different"
    weekday, other = (a, b) if a.kind == "weekday" else (b, a)
    if other.kind != "date" or other.unit != "day":
        return "incomparable"
    try:
        day = date(int(other.amount) // 10000, int(other.amount) // 100 % 100, int(other.amount) % 100)
    except ValueError:
        return "incomparable"
    return "equal" if day.weekday() == weekday.amount else "different"


def _date_parts(v: Value) -> dict[str, int] | None:
    n = int(v.amount)
    if v.unit == "year":
        return {"y": n}
    if v.unit == "month":
        return {"y": n // 100, "m": n % 100} if n >= 10000 else {"m": n % 100}
    if v.unit == "day":
        return {"y": n // 10000, "m": n // 100 % 100, "d": n % 100}
    if v.unit == "monthday":
        return {"m": n // 100, "d": n % 100}
    if v.unit == "monthonly":
        return {"m": n}
    return None


def _date_agreement(a: Value, b: Value) -> Agreement:
    if a.unit == "relative" or b.unit == "relative":
        # Outlets publish on different days: "yesterday" in one is "today" in another.
        return "equal" if a.unit == b.unit and a.amount == b.amount else "incomparable"
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return "incomparable"
    common = pa.keys() & pb.keys()
    if not common or common == {"d"}:
        return "incomparable"
    return "equal" if all(pa[k] == pb[k] for k in common) else "different"


def _interval(v: Value) -> tuple[float, float]:
    low = v.amount
    high = v.high if v.high is not None else v.amount
    if v.bound == "ge":
        # "More than 15,000" admits 15,300 but "more than 20" does not admit 30: a lower bound
        # written as a round figure reaches up to the next step of that figure.
        high = v.amount + v.precision * 0.999 if v.precision >= 1 and v.kind != "percent" else math.inf
    elif v.bound == "le":
        low = -math.inf if v.kind != "number" else 0.0
    elif v.bound == "approx":
        low -= abs(low) * _APPROX_WITHIN
        high += abs(high) * _APPROX_WITHIN
    return low - v.precision / 2, high + v.precision / 2


def _numeric(a: Value, b: Value) -> Agreement:
    ranged_a = a.high is not None or a.bound != "eq"
    ranged_b = b.high is not None or b.bound != "eq"
    if not ranged_a and not ranged_b:
        return _points(a, b)
    if a.bound == b.bound and a.bound in ("ge", "le") and a.high is None and b.high is None:
        return _points(a, b)  # two bounds of one figure: the bounds themselves must agree
    if a.bound == b.bound == "approx" and a.high is None and b.high is None:
        return "equal" if _relative(a.amount, b.amount) <= _APPROX_WITHIN else "different"
    (la, ha), (lb, hb) = _interval(a), _interval(b)
    if not ranged_a:
        return "equal" if lb <= a.amount <= hb else "different"
    if not ranged_b:
        return "equal" if la <= b.amount <= ha else "different"
    if a.high is not None and b.high is not None and a.bound == b.bound == "approx":
        # Two written ranges: the same range, or one inside the other.
        inside = (la <= lb and hb <= ha) or (lb <= la and ha <= hb)
        return "equal" if inside else "different"
    return "equal" if la <= hb and lb <= ha else "different"


def _relative(x: float, y: float) -> float:
    top = max(abs(x), abs(y))
    return abs(x - y) / top if top else 0.0


def _points(a: Value, b: Value) -> Agreement:
    d = abs(a.amount - b.amount)
    if d <= 1e-9 * max(abs(a.amount), abs(b.amount), 1.0):
        return "equal"
    step = max(a.precision, b.precision)
    if step and d <= step / 2 * (1 + 1e-9):
        converted = a.kind == "measure" and _unit_words(a.text) != _unit_words(b.text)
        if converted or _relative(a.amount, b.amount) <= _EQUAL_WITHIN:
            return "equal"
        if _relative(a.amount, b.amount) <= _ROUNDED_WITHIN:
            return "rounded"
    if not step and _relative(a.amount, b.amount) <= _EQUAL_WITHIN:
        return "equal"  # precision unknown: a typo-level difference
    # Both written to a known precision and apart by more than half a step: two figures
    # ("55.69%" vs "55.8%", "44.2%" vs "44.30%"), however close.
    return "different"


def _unit_words(text: str) -> str:
    return _NOT_UNIT.sub("", text).lower()
