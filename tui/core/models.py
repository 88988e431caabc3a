"""Frozen data types that cross module boundaries in the analysis core.

Everything here is immutable: the UI and the exporters receive a finished
:class:`Comparison` and can never change what the engine found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

ParagraphKind = Literal["title", "heading", "body", "list", "quote", "boilerplate"]
"""How a paragraph functions in its article; boilerplate is shown but never a claim."""

Label = Literal["shared", "unique", "conflict"]
"""What the sources do with a claim: agree on it, state it alone, or disagree."""

ConflictKind = Literal[
    "number", "money", "percent", "measure", "date", "time", "weekday", "ordinal", "score",
    "name", "place", "negation", "reported", "rounding",
]  # fmt: skip
"""Which kind of value differs; ``place`` is a route's origin or destination (where a
vehicle set out from or was bound for); ``reported`` is a sentence that itself reports a discrepancy;
``rounding`` is a soft difference (12% vs 12.3%) that does not make the claim a conflict."""

HARD_CONFLICT_KINDS: frozenset[ConflictKind] = frozenset(
    (
        "number",
        "money",
        "percent",
        "measure",
        "date",
        "time",
        "weekday",
        "ordinal",
        "name",
        "place",
        "negation",
        "reported",
    )
)
"""Conflict kinds that make a claim's label ``conflict``; ``rounding`` only annotates it."""

LABELS: tuple[Label, ...] = ("conflict", "shared", "unique")

SourceKind = Literal["named", "official", "anonymous"]
"""A cited source: a named outlet, agency, firm or person; an unnamed official body ("the
ministry"); or anonymous sources ("people familiar with the matter")."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: the unit a claim is made of."""

    id: str
    """Unique across the comparison, e.g. ``a2.p7.s1``."""
    article_id: str
    paragraph_index: int
    index: int
    """Position within its paragraph."""
    start: int
    """Offset into ``Article.text`` where the sentence starts."""
    end: int
    """Offset one past its last character in ``Article.text``."""
    text: str
    """Display text: the source slice with citation residue and control characters deleted."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of an article: a heading, a body paragraph, a list item, ..."""

    index: int
    kind: ParagraphKind
    start: int
    end: int
    text: str
    """Display text (see :attr:`Sentence.text`)."""
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, decoded and segmented."""

    id: str
    """Short id unique in the comparison (``a0``, ``a1``, ...)."""
    path: str
    """Where it came from: a file path, a URL, ``-`` for stdin or ``<text N>``."""
    source: str
    """Outlet or file name shown as the column heading."""
    title: str
    text: str
    """The decoded plain text that every offset indexes into."""
    paragraphs: tuple[Paragraph, ...]
    sha256: str
    """Hash of the raw input bytes, for reports and caches."""
    url: str = ""
    """Where it was published, when known (page metadata, ``sources.toml``, the fetched URL)."""
    date: str = ""
    """Publication date ``YYYY-MM-DD``, when known."""

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)


REPORTED_JOIN = " vs "
"""How a sentence that itself reports two figures ("X said 7%, Y 8%") gives them in
:attr:`Conflict.values`: as one value, "7% vs 8%"."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One way the sentences of a claim disagree."""

    kind: ConflictKind
    values: tuple[tuple[str, str], ...]
    """``(sentence id, value as that sentence states it)`` pairs."""
    agreeing: tuple[int, ...] = ()
    """For each of :attr:`values`, the number of the figure it gives: two wordings of one
    figure ("6.15 billion rupees" and "Rs 615 crore") share a number. Empty: every distinct
    wording is a value of its own."""

    @property
    def summary(self) -> str:
        """Distinct values, the most stated first (ties in order of first appearance), e.g.
        ``8% vs 7%`` when three sources say 8% and one 7%; wordings of one value together:
        ``6.15 billion rupees / Rs 615 crore vs Rs 600-crore``. The figure most outlets give
        leads, so the line reads as the account against the outlier."""
        groups: dict[int, list[str]] = {}
        stated: dict[int, int] = {}
        home: dict[str, int] = {}  # the group each wording was filed under
        for k, (_, value) in enumerate(self.values):
            for part in self.figures(value):
                key = home.get(part)
                if key is None:
                    key = home[part] = self.agreeing[k] if self.agreeing else len(groups)
                    groups.setdefault(key, []).append(part)
                stated[key] = stated.get(key, 0) + 1
        ranked = sorted(groups, key=lambda key: -stated[key])  # stable: ties keep their order
        return " vs ".join(" / ".join(groups[key]) for key in ranked)

    @staticmethod
    def figures(value: str) -> list[str]:
        """The figures one of :attr:`values` gives as its sentence words them: two or more for
        a sentence that reports them itself (see :data:`REPORTED_JOIN`), else the one."""
        return value.split(REPORTED_JOIN)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where one source states a fact: the fact's own words, not the whole sentence."""

    sentence_id: str
    article_id: str
    start: int
    """Offset into ``Article.text`` of the fact's words (the value and its frame, at most a clause)."""
    end: int
    value: str = ""
    """The value as the source states it, with its bound ("at least 38", "about $4 billion");
    empty for a statement fact."""
    frame: str = ""
    """What the value measures ("deaths", "vote share"); empty for a statement fact."""
    attribution: str = ""
    """Whom the source credits for the fact ("the USGS", "Reuters"), when it says."""
    key: str = ""
    """Content hash of this mention alone: its frame and its clause's words, normalised. Unlike
    :attr:`Claim.key` it stays when the claim's other members change or the claim regroups, so
    a review mark can find its claim again (:mod:`tui.review.reattach`). Empty when unknown (a
    comparison saved before it was kept)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two sentences were put in one claim."""

    a: str
    b: str
    score: float
    """The link's strength: a statement pair's probability of one meaning (0..1), a value
    pair's score (0.6 + 0.4 × context, plus 0.1 for an agreeing value, so up to 1.1, where
    the frame identifies the fact; the context and bonuses otherwise)."""
    fuzzy: float
    """rapidfuzz token-sort similarity of the normalised texts, 0..1, shown beside the score
    (not part of it, see :data:`tui.core.pair_features.FEATURES`); 0 for a value pair, which is
    not compared that way."""
    overlap: float
    """IDF-weighted cosine of their content words (a value pair: of their clauses), 0..1."""
    shared_terms: tuple[str, ...]
    """The rarest words and figures both sentences contain, rarest first (a value pair: its
    frame)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact across sources: every source's mention of it, its label and why."""

    id: str
    label: Label
    sentence_ids: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    evidence: tuple[Evidence, ...]
    key: str
    """Content hash of the claim's frame and its members' clauses, normalised; stable across
    re-runs, but it changes with any member (see :attr:`Mention.key` for one member's)."""
    salience: float
    """Higher is more worth a reviewer's attention (figures, names, sources)."""
    article_ids: tuple[str, ...]
    """Sources that state the claim, in article order."""
    mentions: tuple[Mention, ...] = ()
    """Every source's statement of the fact, in article order."""
    frame: str = ""
    """What the fact measures ("deaths"), empty for a statement fact."""
    summary: str = ""
    """One line per fact: "deaths: Reuters 40 · AP 38" for a value, the words for a statement."""
    holder: str = ""
    """Whom a value fact is about, as the sources name them ("Massa"); empty when they name
    nobody or do not agree."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the side-by-side view."""

    paragraphs: tuple[tuple[str, tuple[int, ...]], ...]
    """``(article id, paragraph indexes)`` for every article with a cell in the row."""

    def cells(self) -> dict[str, tuple[int, ...]]:
        return dict(self.paragraphs)


@dataclass(frozen=True, slots=True)
class CitedSource:
    """Someone the articles cite for their information, and where they do."""

    name: str
    """As the articles write it, e.g. ``Financial Times``."""
    kind: SourceKind
    key: str
    """Case- and article-folded name that groups spellings (``financial times``)."""
    mentions: tuple[tuple[str, str, int, int], ...]
    """``(article id, sentence id, start, end)``; offsets index the sentence's display text."""
    article_ids: tuple[str, ...]
    """Articles that cite it, in article order."""


@dataclass(frozen=True)
class Comparison:
    """The engine's finished result: articles, claims and aligned rows."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    rows: tuple[Row, ...]
    engine_version: str
    skipped: tuple[tuple[str, str], ...] = field(default=())
    """Inputs that could not be read: ``(path, reason)``."""
    title: str = ""
    """A neutral name for the story, built from what the sources share (or given by the user)."""
    cited_sources: tuple[CitedSource, ...] = ()
    """Who the articles cite, most widely cited first (see :mod:`tui.core.attribution`)."""

    @cached_property
    def sentence_by_id(self) -> Mapping[str, Sentence]:
        return {s.id: s for a in self.articles for p in a.paragraphs for s in p.sentences}

    @cached_property
    def article_by_id(self) -> Mapping[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def claims_by_sentence(self) -> Mapping[str, tuple[Claim, ...]]:
        index: dict[str, list[Claim]] = {}
        for claim in self.claims:
            for sid in claim.sentence_ids:
                index.setdefault(sid, []).append(claim)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def claim_by_id(self) -> Mapping[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def counts(self) -> Mapping[Label, int]:
        result: dict[Label, int] = {label: 0 for label in LABELS}
        for claim in self.claims:
            result[claim.label] += 1
        return result

    def row_of_paragraph(self, article_id: str, paragraph_index: int) -> int | None:
        return self._row_index.get((article_id, paragraph_index))

    @cached_property
    def _row_index(self) -> Mapping[tuple[str, int], int]:
        index: dict[tuple[str, int], int] = {}
        for i, row in enumerate(self.rows):
            for aid, paras in row.paragraphs:
                for p in paras:
                    index.setdefault((aid, p), i)
        return index

    def to_json(self, indent: int | None = 2) -> str:
        from tui.core.json_format import dumps

        return dumps(self, indent=indent)
