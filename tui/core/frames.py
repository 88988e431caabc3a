"""What a value measures: the frame lexicon and the search for a value's frame.

A figure means nothing on its own; "40" is a death toll in one clause and a distance in
the next. News names the quantities it reports in a small, stable vocabulary, so frames
come from a hand-written lexicon of those wordings (written from general knowledge of
news English, not from any one story), looked up in the words on either side of a figure.
A lemmatiser would not help much here: the groups join different words (killed, dead,
fatalities, toll), which only a lexicon knows belong together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.core.patterns import compiled
from tui.core.values import Value
from tui.core.words import WORD, stem

# One frame per line: its name, a colon, then the words (any inflection listed is stemmed).
# Multi-word cues ("lost their lives") are written with underscores between the words; a cue
# written "=word" counts only in that exact form ("=bodies": "500 bodies" are dead, "6,000
# body bags" are not).
_FRAMES = """
deaths: died dead death deaths kill killed killing fatalities fatality toll lives_lost lost_their_lives \
 =bodies perished perish drowned dying lives_claimed claimed_lives
injured: injured injuries injury hurt wounded wounding hospitalised hospitalized hospital injuring
missing: missing unaccounted disappeared
displaced: displaced homeless evacuated evacuation evacuees fled refugees uprooted
rescued: rescued saved survivors survived pulled_alive
arrested: arrested arrests detained detention custody =charged
affected: affected
casualties: casualties
vote share: vote votes ballots_cast share_of_the_vote voted
turnout: turnout participation cast_their_ballots
seats: seats seat
ballots counted: counted tables_counted votes_counted of_votes_counted ballots_counted \
 polling_stations_reporting of_the_vote_counted
population: population residents inhabitants home_to town_of city_of village_of
passengers: passengers aboard on_board carrying
deal value: deal valued worth acquisition takeover buy bought offer bid transaction merger pay paid paying
price per share: per_share a_share each_share
premium: premium
cost: cost costs budget spent spending price_tag cheap
debt: debt liabilities
revenue: revenue revenues sales turnover
profit: profit profits earnings net_income loss losses
stake: stake ownership holding owns
funding: funding raised investment invested grant aid appeal
fine: fine fined penalty_of damages
salary: salary salaries wage wages
share price: shares stock closed_at traded
magnitude: magnitude richter
depth: depth deep
distance: away distance kilometres_from miles_from
height: height tall high altitude
speed: speed mph km/h per_hour knots
temperature: temperature degrees
area: area square hectares acres
duration: journey took_days took_hours long duration
age: aged age year-old years_old
employees: employees staff workers workforce jobs job_cuts layoffs
users: users customers subscribers
minute: minute minutes
attempt: attempt attempts try =time
time of event: happened happen occurred occur took_place
"""

_KIND_FRAMES = {
    "money": {
        "deal value", "price per share", "cost", "debt", "revenue", "profit", "funding", "fine", "salary",
        "share price", "premium",
    },
    "percent": {
        "vote share", "turnout", "ballots counted", "premium", "share price", "stake", "profit", "revenue",
    },
}  # fmt: skip
_KIND_FRAMES.update({kind: set() for kind in ("date", "weekday")})
_KIND_FRAMES["time"] = {"time of event"}
_KIND_FRAMES["ordinal"] = {"minute", "attempt"}
_KIND_FRAMES["score"] = set()
"""Frames a kind of value can have; a count never measures a cost, money never a toll, and a
date or a clock time is when something happened, which the words around it say, not a frame.
An order in a series counts the noun after it ("third World Cup"), which is its frame, unless
that noun is a cue ("80th minute", "second attempt", "third time lucky"). A scoreline is the
score, whatever words stand near it ("3-3 after extra time", "3-3 over 120 minutes")."""
_MEASURED = frozenset({"distance", "depth", "height", "speed", "temperature", "area"})
"""Frames only a figure with a unit of measurement can have ("11 km away", not "13174 ... not far")."""
_UNIT_FRAMES = _MEASURED | {"duration", "age"}
"""The frames a figure with a unit can have: "5 to 10 hours a week participating in coding" is
a duration, whatever cue of a count or a share stands near it."""
_UNITS = frozenset(
    "km kilometr kilometer mile metr meter m ft feet foot inch cm mm mph kph knot degre c f kg kilogram "
    "pound lb tonn ton hectar acr sq squar".split()
)
PARTING = compiled(r"[,;]|\b(?:and|but|while|or)\b", re.IGNORECASE)
"""A comma, semicolon or conjunction: what parts a frame's cue from a value (and, in a
mention, the words of one fact from another's)."""
_COORDINATOR = compiled(r"\b(?:and|or|to|vs|versus|against|compared\s+with|while)\b|,", re.IGNORECASE)
_COORDINATION_GAP = 40
"""Characters between two coordinated figures ("55.8% and economy minister Sergio Massa 44.2%")."""
_CROSSING = 40
"""Added to the distance of a cue that a conjunction or comma separates from the value: in
"five are dead and 30 hurt", "dead" belongs to five, "hurt" to 30."""

_WHO_FRAMES = frozenset({"passengers"})
"""Frames that say who was counted rather than what happened to them: in "five passengers
have died" the count is of deaths, so a cue of another frame in the clause wins; "carrying
300 passengers" keeps it."""


@dataclass(frozen=True, slots=True)
class FrameHit:
    frame: str
    start: int
    end: int
    """Offsets of the cue words in the text searched."""


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[tuple[str, ...], str], dict[str, str]]:
    single: dict[str, str] = {}
    multi: dict[tuple[str, ...], str] = {}
    exact: dict[str, str] = {}
    for line in _FRAMES.replace("\\\n", " ").strip().splitlines():
        name, _, words = line.partition(":")
        for word in words.split():
            if word.startswith("="):
                exact[word[1:]] = name.strip()
                continue
            parts = tuple(stem(w) for w in word.lower().split("_"))
            if len(parts) == 1:
                single.setdefault(parts[0], name.strip())
            else:
                multi.setdefault(parts, name.strip())
    return single, multi, exact


@lru_cache(maxsize=1)
def _multi_heads() -> frozenset[str]:
    return frozenset(key[0] for key in _lexicon()[1])


@lru_cache(maxsize=1)
def _multi_openings() -> frozenset[tuple[str, ...]]:
    """The first two stems of each multi-word cue."""
    return frozenset(key[:2] for key in _lexicon()[1])


def frames_of_kind(kind: str) -> set[str] | None:
    """The frames a value of ``kind`` may have, or ``None`` when any frame fits."""
    return _KIND_FRAMES.get(kind)


def frame_cues(text: str, lo: int = 0, hi: int | None = None) -> list[FrameHit]:
    """Every frame cue in ``text[lo:hi]`` (offsets in ``text``), in order, multi-word cues
    first where they overlap."""
    multi = _lexicon()[1]
    openings = _multi_openings()
    # The words as strings: a match object per word cost more than the rest of the search, and
    # only a cue's words need their offsets (see _Starts). WORD has no look-behind, anchor or
    # boundary, so its matches in the window are those of the slice.
    words = WORD.findall(text, lo, len(text) if hi is None else hi)
    cues = list(map(_word_cue, words))
    starts = _Starts(text, words, lo)
    hits: list[FrameHit] = []
    after = 0  # words before this index belong to a multi-word cue already found
    for i, (_, frame, head) in enumerate(cues):
        if i < after:
            continue
        # A multi-word cue starts with its first word and goes on with one of a few (a head is
        # a word in 14: "of", "a", "on"...), so most words need no span of three built.
        if head and (pair := _cue_words(words, i, 2)) and (cues[i][0], cues[pair[1]][0]) in openings:
            for size in (3, 2):
                span = _cue_words(words, i, size)
                key = tuple(cues[k][0] for k in span)
                if len(key) == size and key in multi:
                    hits.append(FrameHit(multi[key], starts[i], starts[span[-1]] + len(words[span[-1]])))
                    after = span[-1] + 1
                    break
            if after > i:
                continue
        if frame is not None:
            hits.append(FrameHit(frame, starts[i], starts[i] + len(words[i])))
    return hits


class _Starts:
    """The offsets in ``text`` of the words :data:`WORD` finds from ``lo`` on, each found the
    first time it is asked for, from the end of the word before: what lies between two words
    holds no letter or digit, and a word starts with one, so the next occurrence of the word's
    text there is where it starts."""

    __slots__ = ("_found", "_pos", "_text", "_words")

    def __init__(self, text: str, words: Sequence[str], lo: int) -> None:
        self._text = text
        self._words = words
        self._found: list[int] = []
        self._pos = lo

    def __getitem__(self, k: int) -> int:
        found = self._found
        while len(found) <= k:
            word = self._words[len(found)]
            start = self._text.find(word, self._pos)
            found.append(start)
            self._pos = start + len(word)
        return found[k]


@lru_cache(maxsize=65536)
def _word_cue(word: str) -> tuple[str, str | None, bool]:
    """What :func:`frame_cues` needs of one word, worked out once per distinct word (it stemmed
    and looked up every word of every clause with a value): its stem, the frame it cues alone,
    and whether a multi-word cue can begin with it."""
    single, _, exact = _lexicon()
    stemmed = stem(word.lower().replace("’", "'"))
    return stemmed, single.get(stemmed) or exact.get(word.lower()), stemmed in _multi_heads()


_NAMES_INSIDE_CUE = 2
"""Capitalised words a multi-word cue may enclose: "per VMware share", "each Tesla share"."""


def _cue_words(words: Sequence[str], i: int, size: int) -> list[int]:
    """Indexes of ``size`` words from ``i`` on, skipping up to two capitalised words after the
    first: a name inside a cue ("per VMware share") does not change what it says."""
    chosen = [i]
    skipped = 0
    k = i + 1
    while len(chosen) < size and k < len(words):
        if words[k][0].isupper() and skipped < _NAMES_INSIDE_CUE:
            skipped += 1
        else:
            chosen.append(k)
        k += 1
    return chosen if len(chosen) == size else []


def assign_frames(
    text: str, values: Sequence[Value], clauses: Sequence[tuple[int, int]]
) -> list[FrameHit | None]:
    """The frame of each value of a sentence; ``clauses[k]`` is the clause value ``k`` is in.

    A cue belongs to one value: all (value, cue) pairs of a clause are taken nearest first,
    so in "97.6% of votes counted, Milei had 55.8%" the cue "votes counted" goes to 97.6%.
    A value left without a cue takes the frame of the same-kind value next to it in its
    clause ("Milei had 55.8% and Massa 44.2% of the vote"): coordinated figures share a
    frame. Cues after the value win ties: news puts the measured noun after a count."""
    options: list[tuple[int, int, int, FrameHit]] = []
    cues_of: dict[tuple[int, int], list[FrameHit]] = {}
    for k, value in enumerate(values):
        lo, hi = clauses[k]
        if (lo, hi) not in cues_of:
            cues_of[(lo, hi)] = frame_cues(text, lo, hi)
        for n, hit in enumerate(cues_of[(lo, hi)]):
            distance = _distance(text, value, hit)
            if distance is not None:
                options.append((distance, k, n, hit))
    chosen: list[FrameHit | None] = [None] * len(values)
    taken: set[tuple[int, int]] = set()
    for _, k, _, hit in sorted(options, key=lambda o: (o[0], o[1], o[2])):
        if chosen[k] is None and (hit.start, hit.end) not in taken:
            chosen[k] = hit
            taken.add((hit.start, hit.end))
    for k, value in enumerate(values):
        if chosen[k] is not None:
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(values) and clauses[j] == clauses[k] and values[j].kind == value.kind:
                neighbour = chosen[j]
                first, second = sorted((values[j], value), key=lambda v: v.start)
                gap = text[first.end : second.start]
                coordinated = len(gap) <= _COORDINATION_GAP and _COORDINATOR.search(gap) is not None
                if neighbour is not None and coordinated and _allowed(neighbour.frame, value):
                    chosen[k] = FrameHit(neighbour.frame, value.start, value.start)
                    break
    return chosen


def _allowed(frame: str, value: Value) -> bool:
    kinds = frames_of_kind(value.kind)
    if kinds is not None and frame not in kinds:
        return False
    if value.kind not in ("money", "percent") and frame in _KIND_FRAMES["money"] - {"premium"}:
        # A count near "deal" is a count of something else ("the deal's 3 parts"); near
        # "shares" it is a number of shares ("0.2520 shares of its stock"), not their price.
        return False
    if value.kind == "measure" and frame not in _UNIT_FRAMES:
        return False
    if frame in _KIND_FRAMES["time"] and value.kind != "time":
        return False  # when something happened is a clock time, never a count near "occurred"
    return not (frame in _MEASURED and value.kind != "measure" and value.unit not in _UNITS)


def _distance(text: str, value: Value, hit: FrameHit) -> int | None:
    if value.start <= hit.start < value.end or not _allowed(hit.frame, value):
        return None
    if hit.start >= value.end:
        between, distance = text[value.end : hit.start], hit.start - value.end
    else:
        between, distance = text[hit.end : value.start], value.start - hit.end + 1
    if PARTING.search(between):
        distance += _CROSSING
    if hit.frame in _WHO_FRAMES:
        distance += _CROSSING
    return distance
