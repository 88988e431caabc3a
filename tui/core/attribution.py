"""Who a sentence says its information comes from: "according to the Financial Times",
"TechCrunch reported", "the ministry said", "people familiar with the matter".

:func:`attributions` is a pure function from a sentence's text to the sources it cites,
with character offsets, so facts can carry them; :func:`cited_sources` builds the story's
"cited sources" list from every article's sentences, which shows when two outlets rest on
the same wire, report or official (they are then not independent confirmations).

Hand-written patterns: attribution in news English is a small closed set of constructions
(reporting verbs, "according to", "a report from", "via", "told"), and a named-entity model
would be a large dependency that still could not say *which* name is the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.core.memo import memoised
from tui.core.models import Article, CitedSource, SourceKind
from tui.core.patterns import compiled, started
from tui.core.words import holds_any

_CAP = r"[A-Z][\w&'’.\-]*"
# "of the" and "for the" stay inside a name: "the International Committee of the Red Cross",
# "the UN Office for the Coordination of Humanitarian Affairs" (cut there, the organisation
# was listed as "Red Cross"); "and the" still parts two names.
_NAME = (
    rf"(?:{_CAP}(?:\s+(?:(?:of|for)\s+(?:the\s+)?|(?:and|&|de|du|del|la|al|von|van)\s+){_CAP}"
    rf"|\s+{_CAP}){{0,5}})"
)
_THE_NAME = rf"(?:[Tt]he\s+)?{_NAME}"
_AFTER_PLACE = compiled(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nside|[Oo]utside)\s+"
    r"(?:(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w'’&.\-]*\s+)*$"
)
"""Text ending in a place's preposition: the capitalised words after it are where, not who
("a senior doctor in Derna told reporters" cites no "Derna"); a month or a day is when ("in
April Elon Musk announced")."""
_VERB_WORDS = (
    "reported", "reports", "said", "says", "noted", "notes", "told", "wrote", "writes", "estimated",
    "estimates", "found", "finds", "announced", "confirmed", "stated", "states", "revealed", "reveals",
    "cited", "added", "claimed", "claims", "suggests", "suggested", "disclosed", "quoted", "posted",
    "tweeted",
)  # fmt: skip
_ALSO_ACTIONS = ("added", "found", "finds", "claimed", "claims")
"""Verbs of saying that also name an action with an object ("Di Maria added the second",
"found the net", "claimed the title"): they cite someone only when speech
follows them ("that", a quote, punctuation, the clause's end)."""
_VERB = (
    rf"(?:has\s+|had\s+|have\s+)?(?:(?:{'|'.join(w for w in _VERB_WORDS if w not in _ALSO_ACTIONS)})\b"
    rf"|(?:{'|'.join(_ALSO_ACTIONS)})\b(?=\s*(?:that\b|[,.:;!?\"“”'‘’—–-]|$)))"
)

# NAME reported / The Financial Times noted / Abhishek Roy told / Narendra Modi (@handle) posted
# (started: a match opens with "the" or a capital, and most positions hold neither)
_SPEAKER = started("A-Zt", rf"(?P<name>{_THE_NAME})(?:,[^,]{{2,60}},|\s*\([^()]{{2,40}}\))?\s+{_VERB}")
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # according to [a (March) report by|from|in] NAME / according to NAME estimates
    compiled(
        rf"\b[Aa]ccording\s+to\s+(?:(?:a|an|the|one|another|its|their|new|recent|latest|[a-z]+'s)\s+){{0,2}}"
        rf"(?:(?:{_CAP}\s+)?(?:report|reports|estimates?|data|figures|analysis|survey|statement|post|story"
        rf"|article|research|study|filing|count|tally)\s+(?:by|from|in|of|on)\s+)?(?P<name>{_THE_NAME})"
    ),
    _SPEAKER,  # a name after a place's preposition is skipped (see _AFTER_PLACE)
    # said NAME ("... injured," said Abhishek Roy)
    compiled(rf"\b(?:said|says|told|according to)\s+(?P<name>{_NAME})"),
    # a report from The Wall Street Journal / reported by Reuters / an interview with Bloomberg
    compiled(
        rf"\b(?:report|reports|reported|story|article|analysis|data|estimates|interview|post|statement"
        rf"|figures|research)\s+(?:by|from|in|with|to)\s+(?P<name>{_THE_NAME})"
    ),
    # (via Ars Technica), told ANI, speaking to The Associated Press
    compiled(rf"\(\s*via\s+(?P<name>{_THE_NAME})\s*\)|\bvia\s+(?P<name2>{_THE_NAME})"),
    compiled(rf"\b(?i:told|speaking\s+to|in\s+an\s+interview\s+with)\s+(?P<name>{_THE_NAME})"),
    # the agency in a dateline: "OSLO, March 4 (Reuters) - ..."
    compiled(rf"^[^()]{{2,60}}\((?P<name>{_NAME})\)\s*[–—-]\s"),
)
# A credit line in the page furniture: "Via: Exame", "Credit: Reuters".
_CREDIT = compiled(rf"^\W*(?:via|credits?|source)\s*:\s*(?P<name>{_THE_NAME})\W*$", re.IGNORECASE)

_ANONYMOUS = compiled(
    r"\b(?:(?:people|persons?|sources?|officials?|someone|insiders?)\s+(?:familiar\s+with|close\s+to"
    r"|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on)\s+(?:the\s+)?(?:matter|situation|plans?|talks"
    r"|discussions|negotiations|deal|decision|thinking|project|company|process))",
    re.IGNORECASE,
)
_OFFICIAL = compiled(
    r"\b(?P<name>(?:the|a|an|one|two|three|several|senior|local|state|government|company|police|railway"
    r"|military|health|hospital|\s)*\s*(?:ministry|government|police|officials?|authorities|spokes(?:wo)?man"
    r"|spokesperson|regulator|prosecutors?|investigators?))\s+(?:has\s+|have\s+|had\s+)?(?:said|says|told"
    r"|confirmed|announced|estimated|reported|stated)\b",
    re.IGNORECASE,
)

# Words without which a pattern cannot match, one tuple per pattern (of _PATTERNS, then
# _ANONYMOUS and _OFFICIAL), looked for with `in` before the pattern runs: most sentences
# cite no one, and the patterns (the official one above all) cost tens of microseconds a
# sentence while a substring test costs a fraction of one. "any" means: run the pattern
# if one of the words is in the text; the case-insensitive patterns are tested against
# the lower-cased text. tests/core/test_text_fast_paths.py holds them to the patterns.
_HINTS: tuple[tuple[bool, tuple[str, ...], tuple[str, ...]], ...] = (
    # (match the lower-cased text, any of these words, and then any of these too)
    (False, ("ccording",), ()),
    (False, _VERB_WORDS, ()),
    (False, ("said", "says", "told", "according"), ()),
    (False, ("report", "story", "article", "analysis", "data", "estimates", "interview", "post",
             "statement", "figures", "research"), ()),
    (False, ("via",), ()),
    (True, ("told", "speaking", "interview"), ()),
    (False, ("(",), ()),
    (True, ("familiar", "close", "knowledge", "briefed"), ()),
    (True, ("ministry", "government", "police", "official", "authorities", "spokes", "regulator",
            "prosecutor", "investigator"),
           ("said", "says", "told", "confirmed", "announced", "estimated", "reported", "stated")),
)  # fmt: skip


_CASE_ODDITIES = frozenset("İıſ")
"""The characters a case-insensitive pattern matches to an ASCII letter that ``str.lower``
does not turn into that letter; a text with one skips the lower-cased hints."""


def _may_match(hint: tuple[bool, tuple[str, ...], tuple[str, ...]], text: str, lower: str) -> bool:
    lowered, words, more = hint
    if lowered and not text.isascii() and not _CASE_ODDITIES.isdisjoint(text):
        return True
    haystack = lower if lowered else text
    return holds_any(haystack, words) and (not more or holds_any(haystack, more))


_NOT_NAMES = frozenset(
    """he she it they we i you this that these those there here his her its their our my your
    but and or so yet if when while as after before then also however meanwhile earlier later
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday on in at for by from with of
    last next this what who which where why how one some many most all both each other another
    the a an mr mrs ms dr no not news report reports""".split()
)
_ROLES = frozenset(
    """minister president secretary chairman chairwoman chair chief officer director governor mayor
    senator sen spokesman spokeswoman spokesperson ceo commissioner judge general captain inspector
    superintendent sp dm mp prime premier chancellor king queen prince pope ambassador envoy
    analyst economist professor dr mr mrs ms coach manager founder""".split()
)
_LEADING = frozenset(
    """on in at for by from with of after before when while as but and or so yet if last this that
    earlier later meanwhile however also then monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december""".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """One source a sentence cites: its name as written and where it stands in the text."""

    name: str
    kind: SourceKind
    start: int
    end: int


@memoised
def attributions(text: str) -> tuple[Attribution, ...]:
    """The sources ``text`` attributes its information to, in order of position.

    Offsets index into ``text``. Pronouns and bare function words are never names;
    "The Financial Times" and "the Financial Times" are both found as written."""
    found: dict[tuple[int, int], Attribution] = {}
    lower = text.lower()
    for hint, pattern in zip(_HINTS[: len(_PATTERNS)], _PATTERNS, strict=True):
        if not _may_match(hint, text, lower):
            continue
        for match in pattern.finditer(text):
            group = "name" if match.group("name") else "name2" if "name2" in pattern.groupindex else "name"
            if not match.group(group):
                continue
            span = _trim(text, match.start(group), match.end(group))
            if span is not None and pattern is _SPEAKER and _AFTER_PLACE.search(text, 0, span[0]):
                continue
            if span is not None:
                found.setdefault(span, Attribution(text[span[0] : span[1]], "named", *span))
    for match in _ANONYMOUS.finditer(text) if _may_match(_HINTS[-2], text, lower) else ():
        found.setdefault(match.span(), Attribution(match.group(0), "anonymous", *match.span()))
    for match in _OFFICIAL.finditer(text) if _may_match(_HINTS[-1], text, lower) else ():
        start, end = match.span("name")
        while start < end and text[start].isspace():
            start += 1
        found.setdefault((start, end), Attribution(text[start:end], "official", start, end))
    return tuple(_outermost(sorted(found.values(), key=lambda a: (a.start, -a.end))))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading sentence words ("On Thursday Broadcom" -> "Broadcom"), a possessive and
    trailing punctuation; ``None`` when no name is left."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while words and _bare(text[words[0][0] : words[0][1]]) in _LEADING:
        words.pop(0)
    if not words:
        return None
    # A title before a person's name is not part of the name: "Economy Minister Sergio Massa".
    titled = [n for n, (s, e) in enumerate(words) if _bare(text[s:e]) in _ROLES]
    if titled and titled[-1] + 1 < len(words) and text[words[titled[-1] + 1][0]].isupper():
        words = words[titled[-1] + 1 :]
    start, end = words[0][0], words[-1][1]
    while end > start and text[end - 1] in ".,;:'’-":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    name = text[start:end]
    bare = re.sub(r"^[Tt]he\s+", "", name)
    if not bare or bare.lower() in _NOT_NAMES or not bare[0].isupper():
        return None
    return start, end


def _bare(word: str) -> str:
    return word.strip(".,;:'’\"“”()").lower()


def _outermost(items: Sequence[Attribution]) -> Iterable[Attribution]:
    """Of overlapping finds keep the longest ("The Wall Street Journal" over "Wall Street")."""
    kept: list[Attribution] = []
    for item in items:
        if any(k.start <= item.start and item.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (item.start <= k.start and k.end <= item.end)]
        kept.append(item)
    return kept


def source_key(name: str) -> str:
    """One key for the spellings of a name: "The Financial Times" = "the Financial Times"."""
    text = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).casefold()


def cited_sources(articles: Sequence[Article]) -> tuple[CitedSource, ...]:
    """The story's cited sources: who is cited, by which articles, in which sentences.

    Page furniture counts only as a credit line ("Via: Exame"); an article citing itself ("(Source: Wired)" in
    Wired's own article). Most widely cited first."""
    names: dict[str, dict[str, int]] = {}
    kinds: dict[str, SourceKind] = {}
    mentions: dict[str, list[tuple[str, str, int, int]]] = {}
    for article in articles:
        own = source_key(article.source)
        for paragraph in article.paragraphs:
            for sentence in paragraph.sentences:
                found_here = (
                    attributions(sentence.text) if paragraph.kind != "boilerplate" else _credit(sentence.text)
                )
                for found in found_here:
                    key = source_key(found.name)
                    if not key or key == own:
                        continue
                    display = found.name if found.kind != "named" else _display(found.name, found.start)
                    names.setdefault(key, {})
                    names[key][display] = names[key].get(display, 0) + 1
                    kinds.setdefault(key, found.kind)
                    mentions.setdefault(key, []).append((article.id, sentence.id, found.start, found.end))
    _merge_surnames(names, kinds, mentions)
    order = {a.id: n for n, a in enumerate(articles)}
    result = [
        CitedSource(
            name=max(names[key].items(), key=lambda kv: (kv[1], kv[0]))[0],
            kind=kinds[key],
            key=key,
            mentions=tuple(mentions[key]),
            article_ids=tuple(sorted({m[0] for m in mentions[key]}, key=order.__getitem__)),
        )
        for key in mentions
    ]
    result.sort(key=lambda c: (-len(c.article_ids), -len(c.mentions), c.key))
    return tuple(result)


def _merge_surnames(
    names: dict[str, dict[str, int]],
    kinds: dict[str, SourceKind],
    mentions: dict[str, list[tuple[str, str, int, int]]],
) -> None:
    """A second mention by surname ("Roy said") is the person named in full elsewhere
    ("Abhishek Roy told ANI"), when exactly one full name ends with it."""
    for key in [k for k in mentions if " " not in k]:
        fuller = [k for k in mentions if " " in k and k.endswith(" " + key)]
        if len(fuller) != 1:
            continue
        target = fuller[0]
        mentions[target].extend(mentions.pop(key))
        mentions[target].sort(key=lambda m: (m[0], m[1], m[2]))
        names.pop(key)  # the heading keeps the full name
        kinds.pop(key, None)


def _credit(text: str) -> tuple[Attribution, ...]:
    match = _CREDIT.match(text)
    if match is None:
        return ()
    return (Attribution(match.group("name"), "named", *match.span("name")),)


def _display(name: str, start: int) -> str:
    """The name as a heading: a sentence-initial "The" is only capitalised by position, so
    "The Financial Times noted" shows as "Financial Times" unless "The" is part of the name
    elsewhere; a lower-case "the" is dropped."""
    if name.startswith("the "):
        return name[4:]
    if name.startswith("The ") and start == 0:
        return name[4:]
    return name
