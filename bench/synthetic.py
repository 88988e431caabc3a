"""Deterministic synthetic stories with ground truth, for benchmarks, tests and the evaluation.

A story is N articles about one fictional acquisition. Each article states a subset of a
shared pool of facts (every fact carries one figure: money, percent, count, date or name),
reworded and reordered, mixed with unique filler sentences and boilerplate lines. Some
facts are "contested": some articles state them with an altered figure, which is a
conflict. Every planted sentence records which fact it states and whether its figure is
altered, so an evaluator can score any engine that reports sentence offsets:

- truth link pairs: sentences of different articles with the same ``fact_id``;
- truth conflict pairs: such pairs whose ``value`` differs.

The output depends only on the arguments (one ``random.Random(seed)`` drives everything).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

FactKind = Literal["money", "percent", "count", "date", "name"]
SentenceRole = Literal["title", "fact", "filler", "boilerplate"]

POOL_SIZE = 400
"""Facts in a story's pool; articles draw subsets with popularity weights."""
CORE_FACTS = 50
"""The most popular facts: most articles state many of them."""
CORE_WEIGHT = 20.0
"""How much likelier a core fact is to be drawn than a tail fact."""
CONTESTED_SHARE = 0.25
"""Share of facts that some articles get wrong."""
ALTER_PROBABILITY = 0.4
"""Chance that an article states a contested fact with the altered figure."""
FACT_SHARE = 0.6
"""Share of body sentences that state a fact; the rest are filler."""
BOILERPLATE_SHARE = 0.06
"""Share of paragraphs that are boilerplate lines."""


@dataclass(frozen=True, slots=True)
class SyntheticFact:
    id: str
    kind: FactKind
    topic: str
    value: str
    """The figure as most sources state it, normalised (``7%``, ``$14.3 billion``)."""
    altered_value: str | None
    """The wrong figure some sources state; ``None`` when no source alters this fact."""


@dataclass(frozen=True, slots=True)
class PlantedSentence:
    """One sentence as written into an article, with what it means."""

    start: int
    end: int
    """``text[start:end]`` of the article is exactly :attr:`text`."""
    text: str
    role: SentenceRole
    fact_id: str | None
    """The fact stated, or ``None`` for filler and boilerplate."""
    value: str | None
    """The normalised figure stated (differs from the fact's value when altered)."""
    altered: bool


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    name: str
    text: str
    sentences: tuple[PlantedSentence, ...]

    @property
    def facts(self) -> tuple[PlantedSentence, ...]:
        return tuple(s for s in self.sentences if s.fact_id is not None)


@dataclass(frozen=True, slots=True)
class SyntheticStory:
    seed: int
    facts: tuple[SyntheticFact, ...]
    articles: tuple[SyntheticArticle, ...]

    def truth_link_pairs(self) -> int:
        """How many cross-article sentence pairs state the same fact."""
        counts = self._fact_counts()
        return sum(n * (n - 1) // 2 for n, _ in counts.values())

    def truth_conflict_pairs(self) -> int:
        """How many cross-article sentence pairs state the same fact with different figures."""
        counts = self._fact_counts()
        return sum(altered * (n - altered) for n, altered in counts.values())

    def _fact_counts(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = {}
        for article in self.articles:
            for s in article.facts:
                assert s.fact_id is not None
                n, altered = counts.get(s.fact_id, (0, 0))
                counts[s.fact_id] = (n + 1, altered + int(s.altered))
        return counts


# --- vocabulary --------------------------------------------------------------------------
# The story: Northwind Systems buys Halcyon Robotics. Topics combine an owner with a
# head noun so that hundreds of facts stay distinct yet plausibly related.

_OWNERS = (
    "Northwind's cloud unit",
    "Halcyon's warehouse robotics business",
    "the combined company",
    "Northwind's European arm",
    "Halcyon's drone division",
    "the Leipzig plant",
    "the Osaka research lab",
    "Northwind's logistics software group",
    "Halcyon's service contracts business",
    "the Texas assembly site",
    "Northwind's consumer devices unit",
    "Halcyon's Canadian subsidiary",
    "the joint venture in Chile",
    "Northwind's payments platform",
    "Halcyon's sensor factory in Penang",
    "the Rotterdam distribution hub",
)

_MONEY_HEADS = (
    "annual revenue",
    "operating profit",
    "research budget",
    "severance costs",
    "capital spending",
    "licensing income",
    "outstanding debt",
    "cash reserves",
    "marketing spend",
    "pension liabilities",
    "tax bill",
    "order backlog",
)
_PERCENT_HEADS = (
    ("share price", "rose"),
    ("headcount", "fell"),
    ("gross margin", "rose"),
    ("unit sales", "rose"),
    ("energy use", "fell"),
    ("customer churn", "fell"),
    ("delivery times", "fell"),
    ("market share", "rose"),
    ("wage bill", "rose"),
    ("inventory", "fell"),
)
_COUNT_HEADS = (
    ("engineers", "employs"),
    ("warehouses", "operates"),
    ("patents", "holds"),
    ("enterprise customers", "serves"),
    ("robots", "shipped"),
    ("contract workers", "employs"),
    ("delivery vans", "operates"),
    ("support tickets a month", "handles"),
)
_DATE_EVENTS = (
    "shareholder vote",
    "regulatory review deadline",
    "closing of the deal",
    "first joint product launch",
    "union consultation",
    "board meeting on the merger",
    "start of job cuts",
    "rebranding",
)
_NAME_ROLES = (
    "chief financial officer",
    "head of integration",
    "chief technology officer",
    "general counsel",
    "head of research",
    "chief operating officer",
    "head of sales",
)
_WHEN = (
    "in the third quarter",
    "last year",
    "in fiscal 2024",
    "over the past six months",
    "in the first half",
    "since January",
    "in the year to March",
    "last quarter",
)
_SOURCES = (
    "the company",
    "a regulatory filing",
    "two people familiar with the matter",
    "an analyst note from Barlow Securities",
    "the companies' joint statement",
    "a person briefed on the plans",
    "internal documents",
    "a Northwind spokesperson",
)
_FIRST = (
    "Priya", "Tomas", "Helen", "Kwame", "Ingrid", "Rafael", "Mei", "Dmitri", "Aisha", "Lucas",
    "Sofia", "Kenji", "Fatima", "Oskar", "Lena", "Mateo", "Chloe", "Arjun", "Greta", "Yusuf",
)  # fmt: skip
_LAST = (
    "Raman", "Lindqvist", "Okafor", "Brandt", "Moreau", "Castillo", "Tanaka", "Novak", "Haddad",
    "Fischer", "Kowalski", "Mensah", "Larsen", "Duarte", "Nakamura", "Petrov", "Quinn", "Varga",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_OUTLETS = (
    "Daily Ledger", "Morning Courier", "Harbor Times", "Tech Dispatch", "Market Wire", "Valley Post",
    "Capital Review", "Northern Herald", "Signal Weekly", "Metro Tribune", "Index Journal",
    "Coastal Gazette",
)  # fmt: skip

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "reached": ("reached", "came to", "totalled", "amounted to", "stood at"),
    "rose": ("rose", "climbed", "increased", "grew", "jumped"),
    "fell": ("fell", "dropped", "declined", "slid", "decreased"),
    "said": ("said", "reported", "noted", "stated", "confirmed"),
    "according to": ("according to", "as reported by", "citing"),
    "scheduled": ("scheduled", "set", "planned", "expected"),
    "led": ("led", "run", "headed", "overseen"),
}

# Filler: five slots from large pools so two random fillers rarely share much wording.
_F_OPEN = (
    "Meanwhile,", "Separately,", "Elsewhere,", "At the same time,", "For now,", "Still,",
    "In recent weeks,", "By most accounts,", "Behind the scenes,", "On Tuesday,", "Earlier,",
    "In a brief interview,", "Privately,", "Publicly,", "For its part,",
)  # fmt: skip
_F_SUBJECT = (
    "local officials", "a union representative", "several longtime customers", "industry veterans",
    "a former board member", "rival executives", "some investors", "city planners", "warehouse staff",
    "independent consultants", "a spokesperson for the regulator", "economists at a local university",
    "supplier representatives", "a group of shareholders", "software developers", "competition lawyers",
    "the mayor's office", "trade association leaders", "retail partners", "academic researchers",
    "longtime critics of the firm", "transport planners", "privacy advocates", "factory managers",
    "procurement officers", "venture capitalists", "regional lawmakers", "freight operators",
    "pension fund managers", "design engineers", "market strategists", "consumer groups",
    "logistics startups", "cybersecurity specialists", "environmental campaigners", "former employees",
    "hospital administrators", "port authorities", "school district leaders", "farm cooperatives",
)  # fmt: skip
_F_VERB = (
    "questioned", "welcomed", "shrugged off", "raised doubts about", "praised", "criticised",
    "quietly discussed", "asked for details on", "warned about", "played down", "defended",
    "were divided over", "expressed cautious optimism about", "remained sceptical of",
    "sought assurances about", "lobbied against", "reflected on", "speculated about",
    "pushed back on", "called for a review of", "expressed surprise at", "made light of",
    "kept a close eye on", "hinted at concerns over", "offered support for", "debated",
    "wrote letters about", "held meetings about", "published a memo on", "filed comments about",
    "organised a forum about", "posted online about", "circulated a petition about",
    "drafted proposals on", "shared anecdotes about", "voiced frustration with",
    "were briefed on", "commissioned research into", "declined to discuss", "joked about",
)  # fmt: skip
_F_OBJECT = (
    "the pace of automation", "parking near the old depot", "the new uniforms", "the cafeteria menu",
    "commuting patterns", "the brand's colour scheme", "the future of the pilot programme",
    "training schedules", "noise from the test track", "the rollout of badge readers",
    "recycling targets", "the office relocation", "night-shift arrangements", "the mentoring scheme",
    "the legacy code base", "open-plan seating", "the annual picnic", "vendor onboarding",
    "the charity partnership", "software licences", "the visitor centre", "a rooftop solar project",
    "holiday rotas", "the apprenticeship intake", "the customer helpline", "the museum sponsorship",
    "the bicycle scheme", "data retention rules", "the internal newsletter", "meeting-free Fridays",
    "the spare parts depot", "the wellness budget", "loading bay safety", "the intranet redesign",
    "travel policies", "remote-work guidelines", "the language courses", "the sports sponsorship",
    "the recruitment fair", "heating costs at the annex", "the archive digitisation",
    "the robotics museum exhibit", "the courier contracts", "hardware refresh cycles",
    "the suggestion box", "the signage overhaul", "the employee choir", "the lab's open day",
    "the river clean-up", "coffee machine upgrades", "the drone demonstration", "staff lockers",
    "the alumni network", "the innovation prize", "the shuttle bus", "flood defences at the site",
    "the emergency drills", "the podcast series", "the hackathon", "the chess club",
)  # fmt: skip
_F_TAIL = (
    "according to attendees", "without giving specifics", "in a series of posts", "at a crowded meeting",
    "over several months", "in a private session", "with some impatience", "at length",
    "in unusually blunt terms", "during a site visit", "over coffee", "in a written submission",
    "on a conference call", "at a town hall", "in a short statement", "before the holidays",
    "at an industry dinner", "in local newspapers", "on the sidelines of a trade fair",
    "in an open letter", "during a lunch break", "with visible enthusiasm", "in hushed tones",
    "well into the evening", "in front of reporters", "at a community hall", "via video link",
    "in a lengthy email", "on a factory tour", "after the morning shift",
)  # fmt: skip
_BOILERPLATE = (
    "Advertisement",
    "Sign up for our newsletter",
    "Follow us for the latest updates.",
    "This article has been updated.",
    "Share this article",
)
_READ_MORE = (
    "Read more: How warehouse robots changed retail",
    "Read more: The quiet rise of logistics software",
    "Read more: Five deals that reshaped automation",
    "Read more: Inside Northwind's Leipzig plant",
    "Read more: What mergers mean for workers",
)


# --- facts -------------------------------------------------------------------------------


def _money(rng: random.Random) -> tuple[float, str]:
    if rng.random() < 0.5:
        return round(rng.uniform(1.1, 48.0), 1), "billion"
    return float(rng.randrange(120, 990, 10)), "million"


def _format_money(amount: float, scale: str) -> str:
    number = f"{amount:.1f}" if scale == "billion" else f"{amount:.0f}"
    return f"${number} {scale}"


def _different(value: str, make: list[str]) -> str:
    for candidate in make:
        if candidate != value:
            return candidate
    raise AssertionError("no distinct altered value")  # the candidates always differ


def _fact_values(rng: random.Random, kind: FactKind) -> tuple[str, list[str]]:
    """A canonical value and candidate altered values (first distinct one wins)."""
    if kind == "money":
        amount, scale = _money(rng)
        alts = [_format_money(amount * rng.choice((0.8, 0.9, 1.1, 1.25)), scale) for _ in range(4)]
        return _format_money(amount, scale), [*alts, _format_money(amount + 1, scale)]
    if kind == "percent":
        pct = rng.randrange(2, 40)
        return f"{pct}%", [f"{pct + rng.choice((-1, 1, 2, 3))}%", f"{pct + 5}%"]
    if kind == "count":
        n = rng.randrange(12, 9000)
        delta = max(1, n // rng.choice((5, 8, 10)))
        return f"{n:,}", [f"{n + delta:,}", f"{n + 1:,}"]
    if kind == "date":
        month, day = rng.choice(_MONTHS), rng.randrange(1, 27)
        return f"{month} {day}", [f"{month} {day + rng.choice((1, 2, 7))}"]
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return name, [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(6)] + [name + " Jr."]


def _build_facts(rng: random.Random) -> tuple[SyntheticFact, ...]:
    topics: list[tuple[FactKind, str]] = []
    for owner in _OWNERS:
        topics += [("money", f"{owner}'s {head}") for head in _MONEY_HEADS]
        topics += [("percent", f"{owner}'s {head}|{verb}") for head, verb in _PERCENT_HEADS]
        topics += [("count", f"{owner}|{head}|{verb}") for head, verb in _COUNT_HEADS]
        topics += [("date", f"the {event} at {owner}") for event in _DATE_EVENTS]
        topics += [("name", f"{role}|{owner}") for role in _NAME_ROLES]
    rng.shuffle(topics)
    # The headline fact comes first so every article can put it in its title.
    topics.insert(0, ("money", "the purchase price"))
    facts = []
    for i, (kind, topic) in enumerate(topics[:POOL_SIZE]):
        value, alts = _fact_values(rng, kind)
        contested = i > 0 and rng.random() < CONTESTED_SHARE
        altered = _different(value, alts) if contested else None
        facts.append(SyntheticFact(f"f{i:03d}", kind, topic, value, altered))
    return tuple(facts)


# --- sentences ---------------------------------------------------------------------------


def _syn(rng: random.Random, word: str) -> str:
    return rng.choice(_SYNONYMS[word])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render_value(rng: random.Random, kind: FactKind, value: str) -> str:
    # Same figure, different spelling: not a conflict.
    if kind == "percent" and rng.random() < 0.4:
        return value[:-1] + " percent"
    return value


def _fact_sentence(rng: random.Random, fact: SyntheticFact, value: str, when: str) -> str:
    v = _render_value(rng, fact.kind, value)
    src = rng.choice(_SOURCES)
    pick = rng.randrange(4)
    if fact.kind == "money":
        topic = fact.topic
        forms = (
            f"{_cap(topic)} {_syn(rng, 'reached')} {v} {when}, {src} {_syn(rng, 'said')}.",
            f"{_cap(when)}, {topic} {_syn(rng, 'reached')} {v}, {_syn(rng, 'according to')} {src}.",
            f"{_cap(_syn(rng, 'according to'))} {src}, {topic} {_syn(rng, 'reached')} {v} {when}.",
            f"{_cap(src)} put {topic} at {v} {when}.",
        )
    elif fact.kind == "percent":
        topic, direction = fact.topic.split("|")
        verb = _syn(rng, direction)
        forms = (
            f"{_cap(topic)} {verb} {v} {when}, {src} {_syn(rng, 'said')}.",
            f"{_cap(when)}, {topic} {verb} by {v}, {_syn(rng, 'according to')} {src}.",
            f"{_cap(_syn(rng, 'according to'))} {src}, {topic} {verb} {v} {when}.",
            f"{_cap(src)} {_syn(rng, 'said')} that {topic} {verb} {v} {when}.",
        )
    elif fact.kind == "count":
        owner, head, verb = fact.topic.split("|")
        forms = (
            f"{_cap(owner)} {verb} {v} {head}, {src} {_syn(rng, 'said')}.",
            f"{_cap(_syn(rng, 'according to'))} {src}, {owner} {verb} {v} {head}.",
            f"With {v} {head}, {owner} is larger than many rivals, {src} {_syn(rng, 'said')}.",
            f"{_cap(src)} {_syn(rng, 'said')} that {owner} {verb} {v} {head}.",
        )
    elif fact.kind == "date":
        sched = _syn(rng, "scheduled")
        forms = (
            f"{_cap(fact.topic)} is {sched} for {v}, {src} {_syn(rng, 'said')}.",
            f"{_cap(_syn(rng, 'according to'))} {src}, {fact.topic} is {sched} for {v}.",
            f"On {v}, {fact.topic} is {sched} to take place, {_syn(rng, 'according to')} {src}.",
            f"{_cap(src)} {_syn(rng, 'said')} that {fact.topic} was {sched} for {v}.",
        )
    else:
        role, owner = fact.topic.split("|")
        led = _syn(rng, "led")
        forms = (
            f"{v} will become {role} at {owner}, {src} {_syn(rng, 'said')}.",
            f"{_cap(_syn(rng, 'according to'))} {src}, {owner} will be {led} by {v} as {role}.",
            f"The {role} post at {owner} goes to {v}, {_syn(rng, 'according to')} {src}.",
            f"{_cap(src)} {_syn(rng, 'said')} that {v} had been named {role} at {owner}.",
        )
    return forms[pick]


def _filler(rng: random.Random, used: set[str]) -> str:
    while True:
        text = (
            f"{rng.choice(_F_OPEN)} {rng.choice(_F_SUBJECT)} {rng.choice(_F_VERB)} "
            f"{rng.choice(_F_OBJECT)} {rng.choice(_F_TAIL)}."
        )
        if text not in used:
            used.add(text)
            return text


def _title(rng: random.Random, value: str) -> str:
    forms = (
        f"Northwind to buy Halcyon Robotics for {value}",
        f"Northwind agrees {value} deal for Halcyon Robotics",
        f"Halcyon Robotics sold to Northwind in {value} takeover",
        f"Northwind Systems strikes {value} deal to acquire Halcyon",
    )
    return rng.choice(forms)


def _weighted_sample(rng: random.Random, weights: Sequence[float], k: int) -> list[int]:
    """k distinct indexes, each drawn with probability proportional to its weight."""
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [i for _, i in keys[:k]]


# --- articles ----------------------------------------------------------------------------


_Planned = tuple[str, SentenceRole, SyntheticFact | None, str | None]
"""Sentence text, role, the fact it states and the value it gives."""


class _Writer:
    """Appends paragraphs to an article while recording sentence offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.sentences: list[PlantedSentence] = []

    def paragraph(
        self, sentences: Sequence[tuple[str, SentenceRole, SyntheticFact | None, str | None]]
    ) -> None:
        if self.parts:
            self._append("\n\n")
        for i, (text, role, fact, value) in enumerate(sentences):
            if i:
                self._append(" ")
            start = self.length
            self._append(text)
            altered = fact is not None and value != fact.value
            fact_id = fact.id if fact is not None else None
            self.sentences.append(PlantedSentence(start, self.length, text, role, fact_id, value, altered))

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


def _article(
    rng: random.Random, index: int, facts: Sequence[SyntheticFact], paragraphs: int, used: set[str]
) -> SyntheticArticle:
    n_paragraphs = rng.randint(max(1, round(paragraphs * 0.75)), max(1, round(paragraphs * 1.25)))
    plan: list[int] = []  # sentences per paragraph; 0 marks a boilerplate line
    for _ in range(n_paragraphs):
        plan.append(0 if rng.random() < BOILERPLATE_SHARE else rng.randint(1, 3))
    n_sentences = sum(plan)
    n_facts = min(len(facts) - 1, round(n_sentences * FACT_SHARE))
    # A core of the story is in most articles; the long tail is spread thinly.
    weights = [CORE_WEIGHT if rank < CORE_FACTS else 1.0 for rank in range(1, len(facts))]
    chosen = [facts[i + 1] for i in _weighted_sample(rng, weights, n_facts)]
    kinds: list[bool] = [True] * len(chosen) + [False] * (n_sentences - len(chosen))
    rng.shuffle(kinds)
    fact_iter = iter(chosen)
    when = {f.id: rng.choice(_WHEN) for f in chosen}

    def value_of(fact: SyntheticFact) -> str:
        if fact.altered_value is not None and rng.random() < ALTER_PROBABILITY:
            return fact.altered_value
        return fact.value

    writer = _Writer()
    headline = facts[0]
    headline_value = value_of(headline)
    writer.paragraph([(_title(rng, headline_value), "title", headline, headline_value)])
    slot = 0
    for count in plan:
        if count == 0:
            line = rng.choice(_READ_MORE) if rng.random() < 0.4 else rng.choice(_BOILERPLATE)
            writer.paragraph([(line, "boilerplate", None, None)])
            continue
        sentences: list[_Planned] = []
        for is_fact in kinds[slot : slot + count]:
            if is_fact:
                fact = next(fact_iter)
                value = value_of(fact)
                sentences.append((_fact_sentence(rng, fact, value, when[fact.id]), "fact", fact, value))
            else:
                sentences.append((_filler(rng, used), "filler", None, None))
        slot += count
        writer.paragraph(sentences)
    name = f"{rng.choice(_OUTLETS)} {index + 1:03d}"
    return SyntheticArticle(name, "".join(writer.parts) + "\n", tuple(writer.sentences))


def generate_story(n_articles: int, paragraphs: int = 40, seed: int = 0) -> SyntheticStory:
    """N articles about one story; each has ``paragraphs`` ±25% paragraphs of 1–3 sentences."""
    if n_articles < 1 or paragraphs < 1:
        raise ValueError("need at least one article and one paragraph")
    rng = random.Random(seed)
    facts = _build_facts(rng)
    used: set[str] = set()
    articles = tuple(_article(rng, i, facts, paragraphs, used) for i in range(n_articles))
    return SyntheticStory(seed, facts, articles)
