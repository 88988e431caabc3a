"""A deterministic synthetic news corpus of many stories with known membership.

Corpus mode needs ground truth at scale: which articles report the same event. Each event
has invented names (a company, a person, a place: unique per event, so membership is
unambiguous to a person) and a handful of facts with figures; each outlet that covers it
states a subset of those facts in its own wording, sometimes with an altered figure (a
conflict), mixed with stock filler sentences that every event shares. Around them:

- off-topic articles (one outlet, one event of their own), which belong to no story;
- events only one outlet covered, which are not stories either;
- syndicated copies (one text under another outlet's name) and same-outlet updates
  (the text again with a paragraph added), which a grouping should fold.

The output depends only on the arguments: one ``random.Random(seed)`` drives everything.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

OFF_TOPIC_SHARE = 0.08
SYNDICATED_SHARE = 0.04
UPDATE_SHARE = 0.03
SINGLE_OUTLET_SHARE = 0.1
"""Share of events that only one outlet covers."""
ARTICLES_PER_DAY = 300
START = date(2026, 3, 1)


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One article of the corpus and the truth about it."""

    id: str
    outlet: str
    date: str
    """ISO date, ``YYYY-MM-DD``."""
    title: str
    text: str
    event: str | None
    """The event it reports; ``None`` for an off-topic article."""
    copy_of: str | None
    """For a syndicated copy or an update, the article it repeats."""

    def record(self) -> dict[str, str]:
        """The article as a corpus input line (no truth fields)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "date": self.date,
            "title": self.title,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class SyntheticCorpus:
    seed: int
    items: tuple[CorpusItem, ...]

    def stories(self) -> dict[str, frozenset[str]]:
        """Event -> its article ids, for the events that at least two outlets cover."""
        members: dict[str, set[str]] = {}
        outlets: dict[str, set[str]] = {}
        for item in self.items:
            if item.event is None:
                continue
            members.setdefault(item.event, set()).add(item.id)
            if item.copy_of is None:
                outlets.setdefault(item.event, set()).add(item.outlet)
        return {e: frozenset(ids) for e, ids in members.items() if len(outlets.get(e, ())) >= 2}

    def score(self, found: Sequence[Sequence[str]]) -> tuple[float, float]:
        """Purity and completeness of ``found`` stories (lists of article ids) against the truth.

        Purity: the share of grouped articles that belong to their group's majority event (an
        off-topic majority counts nothing). Completeness: the share of every true story's
        articles found in the one group that holds most of them.
        """
        event_of = self.event_of()
        group_of: dict[str, int] = {}
        pure = total = 0
        for number, members in enumerate(found):
            event, count = Counter(event_of.get(m) for m in members).most_common(1)[0]
            pure += count if event is not None else 0
            total += len(members)
            group_of.update((m, number) for m in members)
        held = expected = 0
        for ids in self.stories().values():
            hits = Counter(group_of[m] for m in ids if m in group_of)
            held += max(hits.values(), default=0)
            expected += len(ids)
        return (pure / total if total else 1.0), (held / expected if expected else 1.0)

    def event_of(self) -> dict[str, str | None]:
        return {item.id: item.event for item in self.items}

    def write_jsonl(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as handle:
            for item in self.items:
                handle.write(json.dumps(item.record(), ensure_ascii=False) + "\n")


# --- vocabulary ---------------------------------------------------------------------------

_SYLLABLES = (
    "ka",
    "lo",
    "ven",
    "dra",
    "mir",
    "tho",
    "sel",
    "bar",
    "quin",
    "rus",
    "tal",
    "neb",
    "or",
    "vik",
    "zan",
    "pel",
    "gor",
    "ith",
    "mun",
    "shaw",
    "bel",
    "cor",
    "dun",
    "fal",
    "hes",
    "jor",
    "lum",
    "ost",
)
_COMPANY_KINDS = ("Mining", "Bank", "Airlines", "Pharma", "Motors", "Foods", "Energy", "Telecom", "Steel")
_FIRST = ("Ana", "Bruno", "Chloe", "Dmitri", "Esther", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko")
_OUTLET_KINDS = ("Herald", "Gazette", "Courier", "Tribune", "Post", "Observer", "Ledger", "Wire", "Times")

_FILLER = (
    "Officials said more details would be released in the coming days.",
    "The announcement drew mixed reactions from residents and analysts.",
    "Observers expect the matter to remain in the headlines for some time.",
    "Several people familiar with the matter spoke on condition of anonymity.",
    "The full statement was published on the organisation's website on the same afternoon.",
    "Critics questioned whether the decision had been properly explained to the public.",
    "Supporters welcomed the move as long overdue.",
    "It was not immediately clear how the change would affect ordinary people.",
    "Analysts had expected a move of this kind for several months.",
    "A spokesperson declined to comment further when reached by phone.",
    "The news comes at a difficult moment for the wider industry.",
    "Investors will be watching closely for any sign of a change in strategy.",
    "Regulators have not yet said whether they will look into the matter.",
    "Local politicians were quick to demand guarantees for workers.",
)
_VERBS = ("talks about", "remembers", "reviews", "visits", "writes on", "photographs", "restores")
_WORDS = (
    "garden",
    "river",
    "council",
    "festival",
    "museum",
    "bridge",
    "school",
    "library",
    "harbour",
    "orchestra",
    "bakery",
    "tram",
    "cyclists",
    "volunteers",
    "parade",
    "exhibition",
    "marathon",
    "lighthouse",
    "vineyard",
    "choir",
    "market",
    "theatre",
    "allotment",
    "ferry",
    "hospital",
    "playground",
    "bookshop",
    "stadium",
    "reservoir",
    "carnival",
    "chess",
    "quilt",
    "pottery",
)


@dataclass(frozen=True, slots=True)
class _Fact:
    templates: tuple[str, ...]
    value: str
    altered: str


@dataclass(frozen=True, slots=True)
class _Event:
    id: str
    day: int
    titles: tuple[str, ...]
    facts: tuple[_Fact, ...]


def _name(rng: random.Random, used: set[str], parts: int = 2) -> str:
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(parts + rng.randint(0, 1))).capitalize()
        if word not in used and len(word) > 4:
            used.add(word)
            return word


def _event(rng: random.Random, number: int, day: int, used: set[str]) -> _Event:
    company = f"{_name(rng, used)} {rng.choice(_COMPANY_KINDS)}"
    person = f"{rng.choice(_FIRST)} {_name(rng, used)}"
    place = _name(rng, used, 3)
    rival = f"{_name(rng, used)} Group"
    money = rng.randint(12, 950)
    jobs = rng.randint(3, 90) * 10
    share = rng.randint(3, 40)
    plants = rng.randint(2, 19)
    year = rng.randint(2027, 2031)

    def fact(value: str, altered: str, *templates: str) -> _Fact:
        return _Fact(tuple(t.replace("{v}", "{0}") for t in templates), value, altered)

    facts = (
        fact(
            f"${money} million",
            f"${money + rng.randint(5, 40)} million",
            f"{company} agreed to buy {rival} for {{v}}, the companies said.",
            f"In a statement, {company} said it had offered {{v}} for {rival}.",
            f"The deal values {rival} at {{v}}, according to {company}.",
            f"{company} will pay {{v}} for {rival}.",
        ),
        fact(
            str(jobs),
            str(jobs + 10 * rng.randint(2, 9)),
            f"About {{v}} jobs at the {place} site are expected to go.",
            f"The {place} plant will shed roughly {{v}} jobs.",
            f"Unions in {place} fear that {{v}} positions will be cut.",
        ),
        fact(
            f"{share}%",
            f"{share + rng.randint(2, 6)}%",
            f"Shares of {company} rose {{v}} after the announcement.",
            f"{company} stock jumped {{v}} in early trading.",
            f"Investors sent {company} up {{v}} by the close.",
        ),
        fact(
            person,
            f"{rng.choice(_FIRST)} {_name(rng, used)}",
            f"Chief executive {{v}} said the purchase would make {company} stronger in {place}.",
            f"{{v}}, who runs {company}, called the takeover of {rival} a turning point.",
        ),
        fact(
            str(plants),
            str(plants + rng.randint(1, 4)),
            f"{rival} operates {{v}} factories, including the one in {place}.",
            f"The {rival} network spans {{v}} plants around {place}.",
        ),
        fact(
            str(year),
            str(year + 1),
            f"The takeover of {rival} should be completed by {{v}}.",
            f"{company} expects regulators in {place} to approve the deal before {{v}}.",
        ),
    )
    titles = (
        f"{company} to buy {rival} in {place} deal",
        f"{rival} agrees takeover by {company}",
        f"What the {company} deal means for {place}",
    )
    return _Event(f"e{number}", day, titles, facts)


def _article_text(rng: random.Random, event: _Event) -> str:
    chosen = rng.sample(event.facts, rng.randint(3, len(event.facts)))
    sentences: list[str] = []
    for fact in chosen:
        value = fact.altered if rng.random() < 0.2 else fact.value
        sentences.append(rng.choice(fact.templates).format(value))
    for _ in range(rng.randint(1, 3)):
        sentences.insert(rng.randint(1, len(sentences)), rng.choice(_FILLER))
    paragraphs: list[str] = []
    while sentences:
        take = rng.randint(1, 2)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return "\n\n".join(paragraphs)


def _coverage(rng: random.Random) -> int:
    return 1 if rng.random() < SINGLE_OUTLET_SHARE else min(2 + int(rng.expovariate(1 / 3)), 14)


def generate_corpus(n_articles: int, seed: int = 0) -> SyntheticCorpus:
    """About ``n_articles`` articles (the last event may overshoot) over ``n_articles / 300`` days."""
    rng = random.Random(seed)
    used: set[str] = set()
    outlets = [
        f"The {_name(rng, used)} {rng.choice(_OUTLET_KINDS)}" for _ in range(max(12, n_articles // 40))
    ]
    days = max(1, n_articles // ARTICLES_PER_DAY)
    items: list[CorpusItem] = []
    counter = iter(range(10**9))

    def new_id() -> str:
        return f"n{next(counter):06d}"

    # Everyday words for off-topic articles: many, so two such articles rarely share several.
    everyday = [*_WORDS, *(_name(rng, used).lower() for _ in range(300))]
    n_copies = int(n_articles * (SYNDICATED_SHARE + UPDATE_SHARE))
    n_off = int(n_articles * OFF_TOPIC_SHARE)
    n_events = 0
    while len(items) < n_articles - n_copies - n_off:
        event = _event(rng, n_events, rng.randrange(days), used)
        n_events += 1
        for outlet in rng.sample(outlets, min(_coverage(rng), len(outlets))):
            day = START + timedelta(days=event.day + rng.choice((0, 0, 0, 1, 2)))
            title = rng.choice(event.titles)
            text = f"{title}\n\n{_article_text(rng, event)}"
            items.append(CorpusItem(new_id(), outlet, day.isoformat(), title, text, event.id, None))
    for _ in range(n_off):
        # Off-topic: an invented subject and a few everyday words; nothing else writes about it.
        subject = f"{_name(rng, used)} {_name(rng, used)}"
        words = rng.sample(everyday, 7)
        line = f"{subject} and the {words[0]} of {_name(rng, used, 3)}"
        body = (
            f"{line}\n\n{subject} {rng.choice(_VERBS)} the {words[1]}, the {words[2]} and the {words[3]}."
            f" Next: {words[4]}, {words[5]} and {words[6]} in {_name(rng, used, 3)}."
        )
        day = START + timedelta(days=rng.randrange(days))
        items.append(CorpusItem(new_id(), rng.choice(outlets), day.isoformat(), line, body, None, None))
    originals = [i for i in items if i.event is not None]
    for n in range(n_articles - len(items)):
        source = rng.choice(originals)
        if n % 7 < 4:  # syndication: the same text under another outlet's name
            outlet = rng.choice([o for o in outlets if o != source.outlet])
            text = source.text
        else:  # an update from the same outlet
            outlet = source.outlet
            text = f"{source.text}\n\nUpdate: {rng.choice(_FILLER)}"
        items.append(CorpusItem(new_id(), outlet, source.date, source.title, text, source.event, source.id))
    order = list(range(len(items)))
    rng.shuffle(order)
    return SyntheticCorpus(seed, tuple(items[i] for i in order))
