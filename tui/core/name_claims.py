"""Claims about named things: a name that several outlets each mention once.

Who and where are facts of a story as much as figures are ("at Lusail Stadium", "Storm
Daniel", "bound for Sealdah"), but the clauses that carry them say other things too, so
their wording rarely matches across outlets and the statement score misses them. A name
that an outlet uses in one sentence only is, in that outlet, one fact; the same name in one
sentence of each of several outlets is that fact, shared. Names an outlet uses again and
again (the protagonists, the country) are the subject of many facts and are left to the
clauses. Two full names that share the distinctive word but each add a different one
("Randal Kolo Muani" / "Roland Kolo Muani") disagree about the name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.attribution import attributions
from tui.core.facts import DATE_WORDS, Fact, Facts
from tui.core.patterns import compiled
from tui.core.words import STOPWORDS, strip_accents

_LOWER_WORD = compiled(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")
_BEFORE_NOUN = compiled(r" [a-z]")
_PROTAGONIST = 1.5
"""Sentences per outlet naming it above which a name is what the story is about."""
_MIN_WORD = 3
"""Shorter name words ("UN", "St") are initials and abbreviations, too ambiguous to carry a fact."""


@dataclass(frozen=True, slots=True)
class NameMention:
    fact: int
    """The clause fact the name is in (its mention's sentence and article)."""
    start: int
    end: int
    """The name's offsets in the sentence's display text."""
    words: tuple[str, ...]
    """The name's words, lower case, possessives dropped."""
    text: str


@dataclass(frozen=True, slots=True)
class NameGroup:
    key: str
    """The shared word that makes the group ("lusail")."""
    mentions: tuple[NameMention, ...]
    conflict: tuple[tuple[int, str], ...]
    """``(fact, full name)`` for every mention when two full names differ, else empty."""
    misnamed: bool = False
    """A protagonist given another first name once: the clauses need not say the same thing."""


def name_groups(facts: Facts) -> list[NameGroup]:
    """Groups of name mentions, one per outlet, from two or more outlets."""
    # A word the articles also write in lower case is a common noun inside a name ("Space",
    # "Railway"): it names a kind of thing, not the thing.
    common = {plain_word(w) for w in {w for a in facts.articles for w in _LOWER_WORD.findall(a.text)}}
    found: dict[str, dict[int, list[NameMention]]] = {}
    # Single-word names always written before a noun ("British cell maker", "Mediterranean
    # storm") describe something rather than name it.
    described: dict[str, bool] = {}
    for s, norm in enumerate(facts.sentence_norms):
        holding = facts.by_sentence.get(s, ())
        if not holding or holding[0].in_title:
            continue
        cited = attributions(norm.source)
        for name, start, end in norm.names:
            if any(a.start < end and start < a.end for a in cited):
                continue  # a source of the report, not a thing the report is about
            if " " not in name:
                described[plain_word(name)] = described.get(plain_word(name), True) and bool(
                    _BEFORE_NOUN.match(norm.source, end)
                )
            fact = fact_at(holding, start, end)
            if fact is None:
                continue
            words = tuple(
                w
                for w in (plain_word(_unqualified(w)) for w in name.split() if not w.endswith(("'s", "’s")))
                if len(w) >= _MIN_WORD and w not in DATE_WORDS and w not in STOPWORDS
            )
            mention = NameMention(fact.index, start, end, words, name)
            for word in set(words) - common:
                found.setdefault(word, {}).setdefault(fact.article, []).append(mention)
    # Sentences an outlet repeats (a lede restated under its dateline) count once.
    said = [frozenset(n.tokens) for n in facts.sentence_norms]
    uses = {
        word: [len({said[facts.facts[m.fact].sentence] for m in ms}) for ms in by_article.values()]
        for word, by_article in found.items()
    }
    # Outlets that come back to a name make it a protagonist, the subject of many facts; so
    # is any longer name holding it ("Halden Dynamics" when Halden is the buyer).
    protagonists = {w for w, n in uses.items() if sum(n) > _PROTAGONIST * len(n)}
    groups: dict[tuple[int, ...], NameGroup] = {}
    for word, by_article in sorted(found.items()):
        if word in protagonists or described.get(word, False):
            continue
        once = [
            ms[0]
            for ms, n in zip(by_article.values(), uses[word], strict=True)
            if n == 1 and not protagonists.intersection(ms[0].words)
        ]
        if len(once) < 2:
            continue
        members = _same_head(tuple(sorted(once, key=lambda m: m.fact)))
        if len(members) < 2:
            continue
        key = tuple(m.fact for m in members)
        if key not in groups:
            groups[key] = NameGroup(word, members, _disagreement(members))
    misnamed = [g for w in sorted(protagonists) if (g := _misnamed(facts, w, found[w], common)) is not None]
    return list(groups.values()) + misnamed


_USUAL_NAME = 3
"""Mentions of a protagonist's usual first name from which a first name used once stands out."""


def _misnamed(
    facts: Facts, word: str, by_article: dict[int, list[NameMention]], common: set[str]
) -> NameGroup | None:
    """A protagonist whose usual first name one sentence replaces ("Javier Massa" once, where
    every other full mention says "Sergio Massa"): a misnaming, the kind of slip a
    fact-checker looks for. Two people who share a surname are named together or often, so
    the odd name must occur once, in a sentence that does not also use the usual one."""
    given: dict[str, list[NameMention]] = {}
    for ms in by_article.values():
        for m in ms:
            at = m.words.index(word)
            if at > 0 and m.words[-1] == word and m.words[at - 1] not in common:
                given.setdefault(m.words[at - 1], []).append(m)
    if len(given) < 2:
        return None
    usual, usual_mentions = max(given.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if len(usual_mentions) < _USUAL_NAME:
        return None
    for first, ms in sorted(given.items()):
        if first == usual or len(ms) != 1:
            continue
        odd = ms[0]
        if usual in odd.words:
            continue  # a middle name: "Javier Gerardo Milei"
        sentence = facts.facts[odd.fact].sentence
        if any(facts.facts[m.fact].sentence == sentence for m in usual_mentions):
            continue
        seen = {facts.facts[odd.fact].article}
        members = [odd]
        for m in sorted(usual_mentions, key=lambda m: m.fact):
            if facts.facts[m.fact].article not in seen:
                seen.add(facts.facts[m.fact].article)
                members.append(m)
        if len(members) < 2:
            continue
        ordered = tuple(sorted(members, key=lambda m: m.fact))
        # Given name and surname only: "Economy Minister Sergio Massa" and "Sergio Massa" do
        # not disagree, "Javier Massa" does.
        named = tuple((m.fact, " ".join(m.text.split()[-2:])) for m in ordered)
        return NameGroup(word, ordered, named, misnamed=True)
    return None


def _same_head(members: tuple[NameMention, ...]) -> tuple[NameMention, ...]:
    """The mentions whose last word (the head: the surname, "Stadium") every mention shares:
    "International Committee" and "International Federation" are two bodies."""
    common = set(members[0].words).intersection(*(m.words for m in members[1:]))
    return tuple(m for m in members if m.words and m.words[-1] in common)


def fact_at(holding: Sequence[Fact], start: int, end: int) -> Fact | None:
    """The clause fact of a sentence whose words hold ``start:end``, statements first."""
    inside = [f for f in holding if f.start <= start and end <= f.end]
    return next((f for f in inside if f.kind == "statement"), inside[0] if inside else None)


_QUALIFIER = compiled(r"-[a-z]+$")


def _unqualified(word: str) -> str:
    """The name in a compound modifier ("Sealdah-bound", "Paris-based", "US-led"): the outlet
    that writes it names that place or body as much as one that writes it alone."""
    return _QUALIFIER.sub("", word)


def plain_word(word: str) -> str:
    """Lower case, without a possessive, quotes or accents ("Mbappé's" -> "mbappe")."""
    word = word.lower().removesuffix("'s").removesuffix("’s").strip(".,;:()'\"“”")
    return strip_accents(word)


def _disagreement(members: Sequence[NameMention]) -> tuple[tuple[int, str], ...]:
    """Every mention's full name, when two mentions each have a word the other lacks
    ("Randal Kolo Muani" / "Roland Kolo Muani", "Meta Superintelligence Labs" / "Meta
    Intelligence Labs"); a title or a first name on one side only ("Minister Sergio Massa" /
    "Sergio Massa") or one word in two forms ("India" / "Indian") is no disagreement."""
    for k, a in enumerate(members):
        for b in members[k + 1 :]:
            only_a, only_b = set(a.words) - set(b.words), set(b.words) - set(a.words)
            if only_a and only_b and not _variants(only_a | only_b):
                return tuple((m.fact, m.text) for m in members)
    return ()


def _variants(words: set[str]) -> bool:
    """One word in two forms ("India" / "Indian", "Qatar" / "Qatari"), not two names."""
    return len(words) == 2 and len({w[:4] for w in words}) == 1
