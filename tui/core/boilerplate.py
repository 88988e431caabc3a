"""Recognise page furniture by the shape of the page, not by words inside sentences.

Articles arrive as saved pages and database exports with the page still attached:
bylines, timestamps, captions, "Read more" links, sidebars of other stories, page
tools, comment forms. Hand-written because article extractors work on HTML structure,
which plain-text inputs no longer have; these rules look at each line's shape (length,
punctuation, separators), its position (between the headline and the dateline, after
the body has ended) and whether it shares any content word with the story.

Keyword cues only ever match a whole short line or a line's opening words, never a
phrase inside a real sentence ("its share on Monday" is news, "Share on X" is a tool).
A line that credits another outlet for what follows ("From Reuters:") is attribution and
stays content.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from tui.core.memo import memoised
from tui.core.patterns import compiled
from tui.core.words import STOPWORDS, holds_any

_MAX_FURNITURE_CHARS = 400
"""A longer block is always content: no caption or page tool runs this long."""
_SHORT_WORDS = 12
_PROSE_WORDS = 12
"""A body paragraph: at least this many words and a sentence ending."""
_HEAD_LINES = 8
"""The dateline, when there is one, opens the story within the first few blocks."""

_SENTENCE_END = compiled(r"""[.!?…]["'”’)\]]*$""")
_WORD = compiled(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

# Whole-line cues: the line *is* one of these.
_WHOLE = compiled(
    r"""^\W*(?:
        advertisement | sponsored(?:\ content)? | ad | share | print | comments?
        | (?:this\ (?:is\ a\ )?)?(?:story|article|report)\ (?:is\ )?(?:developing|will\ be\ updated)
        | (?:more\ )?(?:updates?|details)\ to\ follow | developing\ story | breaking(?:\ news)?
        | all\ rights\ reserved | terms\ of\ (?:use|service) | privacy\ policy | cookie\ policy
        | \d+\s*min(?:ute)?s?\ read | skip\ to\ (?:main\ )?content | top\ of\ page | back\ to\ top
        | (?:source|via|credit|credits|photo|image|picture|video|illustration|graphic)s?\s*:\s*[^.!?]{1,60}
        | (?:photo|image|picture)\ (?:credit|courtesy)\b.{0,60}
        | file\ (?:photo|picture|image)\b.{0,60}
        | (?:copyright|©|\(c\))\s.{0,80} | .{0,60}©.{0,60}
        | \(?\s*(?:reporting|writing|editing|additional\ reporting|compiled)\ by\b.{0,160}
        | (?:previous|next|older|newer)\ (?:article|post|story).{0,120}
        | .{0,40}\bedition
        | (?:tags?|topics?|filed\ under|categories|category|keywords|more\ on|posted\ in)\s*:.{0,150}
        | (?:\d+\s+)?comments?\s*\(?\d*\)? | (?:posted|published|written)\ by\ [^.!?]{1,60}
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Opening cues: reader-facing imperatives that start a line or one of its sentences.
_OPENING = compiled(
    r"""^\W*(?:
        subscribe\b | unsubscribe\b | sign\ (?:up|in)\b | log\ in\b | register\ (?:now|today|for)\b
        | follow\ us\b | share\ (?:this|on|via)\b | click\ here\b | tap\ here\b
        | read\ (?:more|next|also|the\ full)\b | see\ all\b | view\ (?:all|more|in\ browser)\b
        | download\ (?:the|our)\b.{0,40}\bapp\b | buy\ me\ a\ coffee\b | support\ (?:our|independent)\b
        | become\ a\ (?:member|subscriber|patron)\b | forward\ this\b | like\ this\ (?:post|article|story)\b
        | you\ are\ receiving\ this\b | get\ (?:the\ )?(?:latest|best)\b.*\b(?:inbox|email)\b
        | (?:use|enter)\ (?:the\ )?(?:promo\ )?code\b | start\ your\ free\ trial\b
        | listen\ to\ (?:this|the)?\s*(?:article|story)\b
        | leave\ a\ (?:comment|reply)\b | your\ email\ address\ will\ not\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A label introducing a link to another page: "Also read:", "(More: ...)", "WATCH |".
_LINK_LABEL = compiled(
    r"""^\W*(?:
        (?:also\ )?(?:read|see|watch|listen)(?:\ (?:more|also|too|next|this|here|now))?
        | more(?:\ (?:on\ this|stories|news|from\ [\w .&-]{1,30}))?
        | related(?:\ (?:stories|articles|news|coverage))?
        | see\ also | recommended | trending | worth\ reading | don'?t\ miss | must\ read | top\ stories
        | most\ (?:read|popular|viewed) | latest(?:\ (?:news|stories))? | you\ (?:may|might)\ also\ like
        | in\ (?:pictures|photos|video) | video | photos | gallery | podcast
    )\s*(?:[:|»›>–—-]\s*(?P<rest>.*)|\W*)$""",
    re.IGNORECASE | re.VERBOSE,
)

_OPENING_WORDS = (
    "subscribe", "sign up", "sign in", "log in", "register now", "register today", "register for",
    "follow us", "share this", "share on", "share via", "click here", "tap here", "read more",
    "read next", "read also", "read the full", "see all", "view all", "view more", "view in browser",
    "download the", "download our", "buy me a coffee", "support our", "support independent",
    "become a ", "forward this", "like this ", "you are receiving this", "get the latest",
    "get latest", "get the best", "get best", "code", "start your free trial", "listen to",
    "leave a comment", "leave a reply", "your email address will not",
)  # fmt: skip
"""What a line must hold, lower-cased, for :data:`_OPENING` to match it or any part of it: each
branch's words up to where it allows only one spelling."""


def _may_prompt(line: str) -> bool:
    """Whether :data:`_OPENING` may match ``line`` or a part of it (see :func:`_opening_parts`).
    Only an ASCII line is screened: elsewhere "ſ" and "K" match "s" and "k" case-insensitively."""
    if not line.isascii():
        return True
    return holds_any(line.lower(), _OPENING_WORDS)


# Captions: wire-photo conventions.
_CAPTION = compiled(
    r"""^\W*\((?:combo|file|files|photo|illustration|inset)\)
        | \(\s*(?:photo|image|picture|pic)\s*(?:by|credit|courtesy)?\s*:?[^()]{0,60}\)\W*$
        | [/|]\s*(?:getty\ images|shutterstock|afp|ap|reuters|epa|bloomberg|anadolu)
          (?:\ via\ getty\ images)?\W*$
        | \b(?:afp|ap|reuters|epa)\ photo\b""",
    re.IGNORECASE | re.VERBOSE,
)

_BYLINE = compiled(
    r"^\W*(?i:by|written\s+by|words\s+by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|and|&|,))*"
    r"(?:\s+(?:on|in|at|for|\||,|–|-|—)\b.{0,60})?\W*$",
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_TOKEN = compiled(
    rf"\b(?:{_MONTH}|\d{{1,4}}(?:st|nd|rd|th)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday"
    r"|[ap]\.?m\.?|ist|gmt|utc|[ecmp][sd]t|bst|cet|hrs?|updated?|published|posted|last|on|at|first|modified"
    r"|ago|mins?|minutes?|hours?|days?|out)\b",
    re.IGNORECASE,
)

# "LUSAIL, Qatar –", "NEW DELHI:", "OSLO, March 4 (Nordwire) -": where the story proper begins.
_DATELINE = compiled(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}\s*[:–—-]"
    r"|[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w .,'’-]{1,40}?(?:\s*\([A-Za-z][\w .&-]{0,30}\))?|\s*\([A-Za-z][\w .&-]{0,30}\))?\s*[–—-]"
    r"|[A-Z][A-Za-z.'’-]+(?:,\s*[A-Z][\w .,'’-]{1,40}?)?(?:\s*\([A-Za-z][\w .&-]{0,30}\))\s*[:–—-])\s+\S"
)
_SHORT_DATELINE = compiled(r"^[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?:\s+[A-Z]")
""""Kolkata: At least ...": a dateline only where the story opens, since "Premium: ..." looks the same."""

# Position marks of wire-photo captions, "Sergio Massa (L) ... shows", with a caption verb.
_POSITION = compiled(r"\((?:l|r|c|l-r|r-l|centre|center|left|right|front|back|top)\)[ ,]", re.IGNORECASE)
_CAPTION_VERB = compiled(
    r"\b(?:shows?|pictured|poses?|seen|gestures?|waves?|reacts?|looks\ on|arrives?|attends?|celebrates?"
    r"|casting|speaks)\b",
    re.IGNORECASE,
)

# Section labels and breadcrumbs: "NEWS FLASH", "Home > World > Asia", "Business / Markets".
_SECTION_WORDS = frozenset(
    """news world business sport sports politics opinion analysis technology tech science health
    entertainment lifestyle market markets economy latest top live exclusive breaking national
    international local asia europe africa americas culture feature features editorial education
    environment climate travel money finance flash update updates home video videos photos gallery
    trending headlines stories region regional nation metro city states""".split()
)
_CRUMB = compiled(r"\s*(?:[>»›/|·]|::)\s*")

_SEPARATORS = compiled(r"\s+[|·•]\s+|\s*[|·•]\s*(?=[A-Z0-9])")
_SEPARATOR_MARKS = "|·•"
"""Every separator holds one of these."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    words: int
    sentence: bool
    """Ends like a sentence."""

    @property
    def short(self) -> bool:
        return self.words <= _SHORT_WORDS

    @property
    def prose(self) -> bool:
        return self.words >= _PROSE_WORDS and self.sentence


def content_terms(text: str) -> frozenset[str]:
    """Lower-case content words with a crude plural fold: what "shares words with the story" counts."""
    if "İ" in text or "Σ" in text:
        # Lower-casing these depends on the word around them ("İ" becomes two characters, a
        # final "Σ" another letter), so they are lower-cased word by word.
        words = [w.lower() for w in _WORD.findall(text)]
    else:
        words = _WORD.findall(text.lower())  # the same words, lower-cased in one call
    # Each distinct word once, and what it gives worked out once per word of the story (the
    # loop over a text's words that this replaces was a fifth of the story's word counts).
    return frozenset(filter(None, map(_content_term, set(words))))


@memoised
def _content_term(word: str) -> str | None:
    """The term a lower-cased word counts as in :func:`content_terms` (``None``: it counts as none)."""
    word = word.replace("’", "'")
    if len(word) < 3 or word in STOPWORDS or word[0].isdigit():
        return None
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


class _StoryWords:
    """The texts of a story's articles, each one's :func:`content_terms` worked out the first
    time a question needs it. Only the head and tail rules ask, for a few short lines a story
    (6 lines in 200 articles): tokenising every article up front, before any was segmented,
    was 0.1 s of a 200-article story with the second core idle."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._screens: list[str | None] = [None] * len(texts)
        self._terms: list[frozenset[str] | None] = [None] * len(texts)

    def in_any_but(self, n: int, term: str) -> bool:
        """Whether an article other than the ``n``-th has ``term`` among its content terms."""
        return any(
            m != n and self._may_hold(m, term) and term in self._terms_of(m) for m in range(len(self.texts))
        )

    def _may_hold(self, m: int, term: str) -> bool:
        # A term is a word of the lower-cased text (its "’" written "'"), or that word less a
        # final "s": a substring of it, found in C. Texts whose lower-casing depends on the
        # word around a letter (see content_terms) are read in full.
        screen = self._screens[m]
        if screen is None:
            text = self.texts[m]
            special = "İ" in text or "Σ" in text
            screen = self._screens[m] = "" if special else text.lower().replace("’", "'")
            if special:
                return True
        return not screen or term in screen

    def _terms_of(self, m: int) -> frozenset[str]:
        terms = self._terms[m]
        if terms is None:
            terms = self._terms[m] = content_terms(self.texts[m])
        return terms


@dataclass(frozen=True, slots=True)
class OtherTerms:
    """The content words of the articles other than one (a term is in it when another
    article has it), asked of the story's texts only when a rule needs them (see
    :class:`_StoryWords`), shared by all the articles of a story."""

    story: _StoryWords
    article: int

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.story.in_any_but(self.article, term)


def other_articles_terms(texts: Sequence[str]) -> list[OtherTerms]:
    """For each article, the content words of the *other* articles: a line that shares a word
    with them is about the story even when its own article mentions it only once."""
    story = _StoryWords(tuple(texts))
    return [OtherTerms(story, n) for n in range(len(texts))]


@memoised
def _line(text: str) -> _Line:
    stripped = text.strip()
    return _Line(stripped, len(stripped.split()), bool(_SENTENCE_END.search(stripped)))


@memoised
def _terms(text: str) -> frozenset[str]:
    """:func:`content_terms` of a line, asked only for the few lines that the head and tail
    rules look at (and the article's own words, when one of them does): counting every
    paragraph's words up front was a tenth of segmenting."""
    return content_terms(text)


@memoised
def furniture_reason(text: str) -> str | None:
    """Why one line, on its own, is page furniture (``None``: it may be content)."""
    stripped = text.strip()
    if len(stripped) > _MAX_FURNITURE_CHARS:
        return None
    if not any(ch.isalnum() for ch in stripped):
        return "separator"
    if _WHOLE.match(stripped):
        return "label"
    if _is_caption(stripped):
        return "caption"
    if _is_section_label(stripped):
        return "section"
    if _BYLINE.match(stripped) and len(stripped.split()) <= 10:
        return "byline"
    link = _LINK_LABEL.match(stripped)
    if link and _is_link(stripped, link.group("rest")):
        return "link"
    if _is_timestamp(stripped):
        return "timestamp"
    if _is_tool_row(stripped):
        return "tools"
    # In a real sentence a cue is someone's words ("Read the full report, the minister said").
    line = _line(stripped)
    # A line of more words has no parts to look at (see _opening_parts): not screened either.
    if (
        line.words <= _PROMPT_MAX_WORDS
        and _may_prompt(stripped)
        and any(
            _OPENING.match(p) and (not line.prose or len(p.split()) <= 10) for p in _opening_parts(stripped)
        )
    ):
        return "prompt"
    return None


def _is_link(line: str, rest: str | None) -> bool:
    """A link label with nothing after it, or with a headline (not a sentence) after it."""
    if rest is None or not rest.strip():
        return len(line.split()) <= 5
    rest = rest.strip().rstrip(")]").strip()
    return len(rest.split()) <= 25 and not re.search(r"[.!?]$", rest)


def _is_caption(line: str) -> bool:
    # Every branch of the two patterns needs a bracket, a slash, a bar or "photo"; in an ASCII
    # line "photo" matches case-insensitively only as its lower case (elsewhere "ſ" or "K"
    # match "s" and "k", so the patterns run). Most lines have none of them.
    if line.isascii() and not any(mark in line for mark in "(/|") and "photo" not in line.lower():
        return False
    return bool(_CAPTION.search(line) or (_POSITION.search(line) and _CAPTION_VERB.search(line)))


_SECTION_MAX_WORDS = 6


def _is_section_label(line: str) -> bool:
    # Most lines are sentences: their ending is asked first. Then the first words only: a line
    # of more words is no label.
    if _SENTENCE_END.search(line):
        return False
    found = [m.group(0) for m in islice(_WORD.finditer(line), _SECTION_MAX_WORDS + 1)]
    if not found or len(found) > _SECTION_MAX_WORDS:
        return False
    parts = [p for p in _CRUMB.split(line) if p.strip()]
    words = [w.lower() for w in found]
    if all(w in _SECTION_WORDS for w in words):
        return True
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


_TIMESTAMP_WORDS = 24
"""A longer line is no timestamp (split no further than that to know)."""
_ASCII_DIGIT = compiled("[0-9]")


def _is_timestamp(line: str) -> bool:
    """A line made of dates, times and words like "Updated": nothing a claim could rest on."""
    if not _has_digit(line) or len(line.split(None, _TIMESTAMP_WORDS)) > _TIMESTAMP_WORDS:
        return False  # a dated part needs a digit (_date_like); most lines have none
    parts = [p for p in _SEPARATORS.split(line) if p.strip()]
    if not parts:
        return False
    dated = [p for p in parts if _date_like(p)]
    return bool(dated) and len(dated) * 2 >= len(parts)


def _has_digit(text: str) -> bool:
    """Whether a character of ``text`` is a digit (``str.isdigit``), found in C for ASCII text,
    where the digits are 0-9 (elsewhere "²" is one, which ``\\d`` does not match)."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _date_like(part: str) -> bool:
    if not _has_digit(part):
        return False
    words = _WORD.findall(part)
    if not words:
        return False
    # Two words in three must be date words (dated * 3 >= len(words) * 2): stop at the first
    # word past the misses that allows, as most parts with a digit are sentences.
    misses = len(words) - (2 * len(words) + 2) // 3
    for word in words:
        if not _date_token(word):
            misses -= 1
            if misses < 0:
                return False
    return True


@memoised
def _date_token(word: str) -> bool:
    """Whether one word is a date, time or timestamp word (asked per distinct word)."""
    return _DATE_TOKEN.fullmatch(word) is not None


def _is_tool_row(line: str) -> bool:
    """ "Print | Font | Share", "250 free problems · No credit card": short items between separators."""
    if not any(mark in line for mark in _SEPARATOR_MARKS):
        return False  # one part only
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    return len(parts) >= 2 and all(len(p.split()) <= 6 and not _SENTENCE_END.search(p) for p in parts)


_PROMPT_MAX_WORDS = 40
"""A longer line is not a reader prompt, nor are its parts."""


def _opening_parts(line: str) -> Iterable[str]:
    """The line and each of its sentences or separated items, for opening cues."""
    if len(line.split()) > _PROMPT_MAX_WORDS:
        return ()
    # Flattened pages glue a link's label to the next element ("See all problemsStep-by-step").
    return [line, *re.split(r"(?<=[.!?])\s+|\s+[|·•]\s+|(?<=[a-z]{4})(?=[A-Z][a-z])", line)]


def boilerplate_mask(blocks: Sequence[str], story_terms: Container[str] = frozenset()) -> list[bool]:
    """For each block, whether it is page furniture.

    ``story_terms`` are content words of the other articles about the story, if known; the
    article's own headline and body paragraphs always count.
    """
    return [reason is not None for reason in furniture_reasons(blocks, story_terms)]


def furniture_reasons(blocks: Sequence[str], story_terms: Container[str] = frozenset()) -> list[str | None]:
    """For each block, why it is page furniture, or ``None`` for content. Block 0 is the headline."""
    lines = [_line(b) for b in blocks]
    reasons: list[str | None] = [None if i == 0 else furniture_reason(b) for i, b in enumerate(blocks)]
    n = len(lines)
    if n == 0:
        return reasons
    # The article's own story words (its headline's and body's, as they stand before the rules
    # below), gathered when a rule first asks; the other articles' are asked word by word rather
    # than copied into one set per article (the story's whole vocabulary, every article again).
    own = [lines[0], *(line for i, line in enumerate(lines) if i and line.prose and reasons[i] is None)]
    local: set[str] = set()

    def off_topic(line: _Line) -> bool:
        terms = _terms(line.text)
        if not terms:
            return False
        if own:
            local.update(*(_terms(own_line.text) for own_line in own))
            own.clear()
        return local.isdisjoint(terms) and not any(term in story_terms for term in terms)

    title = _key(lines[0].text)
    for i in range(1, n):
        if reasons[i] is None and lines[i].short and title and _key(lines[i].text) == title:
            reasons[i] = "repeated headline"

    # The head: between the headline and the dateline (or the first body paragraph) come
    # bylines, kickers, captions and edition labels, never short content.
    first_body = next((i for i in range(1, n) if lines[i].prose and reasons[i] is None), n)
    dateline = next((i for i in range(1, min(n, _HEAD_LINES)) if _opens_story(lines, i)), None)
    for i in range(1, dateline if dateline is not None else first_body):
        line = lines[i]
        if reasons[i] is not None or line.words > 8 or line.sentence:
            continue
        if dateline is not None or off_topic(line):
            reasons[i] = "page head"

    # Sidebars: a link label with nothing after it heads a run of headline-like lines.
    for i in range(1, n):
        bare = _LINK_LABEL.match(lines[i].text.strip())
        if reasons[i] != "link" or bare is None or (bare.group("rest") or "").strip():
            continue
        j = i + 1
        while j < n and reasons[j] is None and lines[j].words <= 20 and not lines[j].sentence:
            reasons[j] = "sidebar"
            j += 1

    # The tail: after the last body paragraph, headline-like lines are a sidebar or promo,
    # sentences that share no word with the story are widgets, and once one piece of
    # furniture appears, nothing short after it is article text.
    last_body = max((i for i in range(1, n) if lines[i].prose and reasons[i] is None), default=0)
    seen_furniture = False
    for i in range(last_body + 1, n):
        line = lines[i]
        if reasons[i] is not None:
            seen_furniture = True
            continue
        if line.words > 20 or (not line.short and line.sentence):
            continue
        # A short sentence after the body is a widget ("Your comment, please!") only when it is
        # very short as well; a closing fact ("Boats should start sailing in 2027.") stays.
        widget = line.words <= 6 and (off_topic(line) or seen_furniture)
        if not line.sentence or widget or not _terms(line.text):
            reasons[i] = "page tail"
            seen_furniture = True
    return reasons


def _opens_story(lines: Sequence[_Line], i: int) -> bool:
    """Whether block ``i`` is the dateline paragraph that opens the story.

    A bare "Place:" opening counts only as the first body paragraph, or when the body
    paragraphs before it are a standfirst that it repeats (pages often print the summary
    above the dateline and again under it)."""
    line = lines[i]
    if not line.prose:
        return False
    if _DATELINE.match(line.text):
        return True
    if not _SHORT_DATELINE.match(line.text):
        return False
    body = _key(line.text)
    return all(_key(lines[k].text)[:40] in body for k in range(1, i) if lines[k].prose)


def _key(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def is_junk_line(text: str) -> bool:
    """Whether one line on its own is page furniture (kept for callers that see single lines)."""
    return furniture_reason(text) is not None
