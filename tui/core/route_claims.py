"""Route claims: where the vehicle of a story came from and where it was going.

A train collision, an air crash or a ferry sinking is reported with the vehicle's route, and
outlets get it wrong in ways a fact-checker looks for ("coming from Agartala" against "runs
from Silchar"). The places are names in a role, not values, and the clauses around them say
other things too, so neither the value nor the statement channel compares them. Here a route
phrase counts only in a sentence that names a vehicle, and only in the words news uses for
routes: the origin after "from" following a word of movement or the vehicle ("set out from",
"coming from", "runs ... from", "the flight from"), the destination after "bound for",
"headed for", "en route to" or before "-bound", both in "from A to B", and both ends,
direction unknown, in "between A and B".
Hand-written because the roles are a handful of fixed phrasings; a parser would find the
same prepositions at far greater cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.core.facts import Fact, Facts
from tui.core.name_claims import fact_at, plain_word
from tui.core.patterns import compiled
from tui.core.values import MONTHS, WEEKDAYS

Role = Literal["origin", "destination"]

_VEHICLE = compiled(
    r"\b(?:trains?|express|flights?|planes?|aircraft|airliners?|jets?|helicopters?|ships?|ferry|ferries"
    r"|vessels?|boats?|buses|bus|coach|liners?|tankers?)\b",
    re.IGNORECASE,
)
_PLACE = r"(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
_MOVING = (
    r"(?:coming|came|travell?(?:ing|ed)|set(?:ting)?\s+out|depart(?:ed|ing|s)?|fl(?:ying|ew|ies)"
    r"|sail(?:ing|ed|s)?|run(?:s|ning)?|ran|operat(?:es|ed|ing)|originat(?:ed|ing|es)|en\s+route"
    r"|journey(?:ing|ed)?|bound|headed|heading)"
)
_FROM_TO = compiled(rf"\bfrom\s+(?P<a>{_PLACE})\s+to\s+(?P<b>{_PLACE})", re.IGNORECASE)
_BETWEEN = compiled(
    rf"\b(?:{_MOVING}|plies|plying|service|services)\s+between\s+(?P<a>{_PLACE})(?:\s+in\s+{_PLACE})?"
    rf"\s+and\s+(?P<b>{_PLACE})",
    re.IGNORECASE,
)
_ORIGIN = compiled(
    rf"\b(?:{_MOVING}\b[^.;:!?]{{0,40}}?|{_VEHICLE.pattern}\s+)\bfrom\s+(?P<place>{_PLACE})"
    rf"|\b(?:departed|departing|leaving|left)\s+(?P<left>{_PLACE})",
    re.IGNORECASE,
)
_DESTINATION = compiled(
    rf"(?P<bound>{_PLACE})-bound\b"
    rf"|\b(?:bound|headed|heading|destined|en\s+route|on\s+(?:its|her|their)\s+way)\s+(?:for|to)\s+"
    rf"(?P<place>{_PLACE})"
    rf"|\b(?:run(?:s|ning)?|ran|travell?(?:ing|ed)|fl(?:ying|ew|ies)|sail(?:ing|ed|s)?)\s+to\s+"
    rf"(?P<to>{_PLACE})",
    re.IGNORECASE,
)
_NOT_PLACES = frozenset(("the", "a", "an", "its", "his", "her", "their", "this", "that", *WEEKDAYS, *MONTHS))
"""Capitalised words that are no place ("from Monday to Friday", "from March")."""


@dataclass(frozen=True, slots=True)
class RouteMention:
    fact: int
    """The clause fact the phrase is in."""
    role: Role | None
    """None for both ends of a route whose direction the phrase does not give."""
    places: tuple[str, ...]
    start: int
    end: int
    """The phrase's offsets in the sentence's display text."""


@dataclass(frozen=True, slots=True)
class RouteGroup:
    role: Role
    mentions: tuple[RouteMention, ...]
    disputed: bool
    """Two outlets name different places for the role."""


def route_groups(facts: Facts) -> list[RouteGroup]:
    """One group per role that two or more outlets give."""
    found = [m for s in range(len(facts.sentences)) for m in _mentions(facts, s)]
    by_article: dict[int, list[RouteMention]] = {}
    for m in found:
        by_article.setdefault(facts.facts[m.fact].article, []).append(m)
    groups = []
    for role in ("origin", "destination"):
        said: dict[int, list[RouteMention]] = {}
        for article, mentions in by_article.items():
            own = [m for m in mentions if m.role == role]
            places = {_key(m.places[0]) for m in own}
            if len(places) > 1:
                return []  # one outlet gives two: two vehicles' routes, not one fact
            # Both ends of a route join the role where they add something: the outlet names no
            # place for it, or names one that is neither end (it contradicts itself).
            ends = [
                m
                for m in mentions
                if m.role is None and (not places or not places <= {_key(p) for p in m.places})
            ]
            if own or ends:
                said[article] = own + ends
        if len(said) < 2 or not any(m.role == role for ms in said.values() for m in ms):
            continue
        groups.append(RouteGroup(role, tuple(m for ms in said.values() for m in ms), _disputed(said, role)))
    return groups


def route_words(groups: Sequence[RouteGroup]) -> set[str]:
    """The words of the route's places, as name claims key their names (:func:`plain_word`)."""
    return {plain_word(w) for g in groups for m in g.mentions for p in m.places for w in p.split()}


def _disputed(said: dict[int, list[RouteMention]], role: Role) -> bool:
    """Whether two outlets' places for ``role`` cannot both be true: a stated origin no other
    outlet's stated origin matches, or outside both ends of another's route."""
    stated = {a: {_key(m.places[0]) for m in ms if m.role == role} for a, ms in said.items()}
    ends = {a: {_key(p) for m in ms if m.role is None for p in m.places} for a, ms in said.items()}
    for a, places in stated.items():
        for b in said:
            if a == b:
                continue
            other = stated[b] or ends[b]
            if places and other and not places & other:
                return True
    return False


def _key(place: str) -> str:
    """The place's last word, lower case: "New Jalpaiguri" is "Jalpaiguri" as a route end."""
    return place.split()[-1].lower().strip("'’.")


def _mentions(facts: Facts, s: int) -> Iterator[RouteMention]:
    holding = facts.by_sentence.get(s, ())
    if not holding or holding[0].in_title:
        return
    text = facts.sentences[s].text
    if not names_vehicle(text):
        return
    taken: list[tuple[int, int]] = []
    for match in _BETWEEN.finditer(text):
        if _placed(match.group("a"), match.group("b")):
            yield from _mention(holding, None, (match.group("a"), match.group("b")), match.span(), taken)
    for match in _FROM_TO.finditer(text):
        if _placed(match.group("a"), match.group("b")):
            yield from _mention(holding, "origin", (match.group("a"),), match.span("a"), taken)
            yield from _mention(holding, "destination", (match.group("b"),), match.span("b"), taken)
    roles: tuple[tuple[re.Pattern[str], Role], ...] = ((_ORIGIN, "origin"), (_DESTINATION, "destination"))
    for pattern, role in roles:
        for match in pattern.finditer(text):
            name = next(
                g for g in ("place", "left", "bound", "to") if g in match.re.groupindex and match.group(g)
            )
            if _placed(match.group(name)):
                yield from _mention(holding, role, (match.group(name),), match.span(name), taken)


_VEHICLE_PARTS = (
    "train", "express", "flight", "plane", "aircraft", "airliner", "jet", "helicopter", "ship", "ferr",
    "vessel", "boat", "bus", "coach", "liner", "tanker",
)  # fmt: skip
"""A piece of every word of :data:`_VEHICLE` as an ASCII text writes it in lower case."""


def names_vehicle(text: str) -> bool:
    """Whether ``text`` names a vehicle (:data:`_VEHICLE`). Every sentence of the story is
    asked and few name one: an ASCII text holding none of the words' pieces in lower case
    cannot match, and a few substring searches are cheaper than the pattern at every word.
    Only ASCII: case-insensitive matching lets "ſ" and "K" (Kelvin) match "s" and "k"."""
    if text.isascii():
        lower = text.lower()
        if not any(part in lower for part in _VEHICLE_PARTS):
            return False
    return _VEHICLE.search(text) is not None


def _placed(*places: str) -> bool:
    return all(p.split()[0].lower() not in _NOT_PLACES for p in places)


def _mention(
    holding: Sequence[Fact],
    role: Role | None,
    places: tuple[str, ...],
    span: tuple[int, int],
    taken: list[tuple[int, int]],
) -> Iterator[RouteMention]:
    start, end = span
    if any(start < b and a < end for a, b in taken):
        return  # read already, in a longer phrase ("from A to B" inside "between ...")
    fact = fact_at(holding, start, end)
    if fact is not None:
        taken.append(span)
        yield RouteMention(fact.index, role, places, start, end)
