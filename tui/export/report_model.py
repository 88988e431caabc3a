"""What a report says, independent of how it is rendered.

Building the report once keeps Markdown and HTML in agreement and gives one place
where untrusted article text is cleaned of control characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tui import __version__
from tui.core.models import LABELS, Claim, Comparison, Label, Sentence
from tui.core.pipeline import ENGINE_VERSION
from tui.glyphs import LABEL_GLYPHS as _LABEL_GLYPHS
from tui.review.marks import Mark, ReviewState
from tui.state.facts import fact_rows

LABEL_GLYPHS = _LABEL_GLYPHS
"""The reader's gutter glyphs (``tui.glyphs``), so a report and the screen mark claims the same way."""

# ESC/CSI sequences go whole (not just their ESC byte), then any remaining C0/C1 control
# except newline and tab: none of it may reach a terminal or a browser through a report.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # two-byte and nF escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without escape sequences or control characters (``\\n`` and ``\\t`` stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


@dataclass(frozen=True, slots=True)
class ReportSource:
    id: str
    source: str
    title: str
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ReportConflict:
    kind: str
    values: tuple[tuple[str, str], ...]
    """``(source name, value)`` in the order the engine lists them."""


@dataclass(frozen=True, slots=True)
class ReportReview:
    mark: Mark | None
    note: str
    updated: str


@dataclass(frozen=True, slots=True)
class ReportClaim:
    id: str
    """The claim's id, as the JSON and text reports and the reader give it (``c22``)."""
    key: str
    label: Label
    text: str
    """The claim's first sentence."""
    fact: str
    """What the claim states, when its first sentence does not say it alone: a value's frame
    and values ("deaths: Reuters 40 · AP 38"); empty for a statement (its sentence is it).
    Two claims of one sentence are told apart by it."""
    stated_by: tuple[bool, ...]
    """One flag per report source: does that source state the claim?"""
    conflicts: tuple[ReportConflict, ...]
    review: ReportReview | None


@dataclass(frozen=True, slots=True)
class ReportSpan:
    """A sentence of the aligned text, with the strongest label of the claims it belongs to."""

    text: str
    label: Label | None
    claim_id: str | None


@dataclass(frozen=True, slots=True)
class ReportParagraph:
    index: int
    kind: str
    spans: tuple[ReportSpan, ...]


@dataclass(frozen=True, slots=True)
class ReportRow:
    number: int
    cells: tuple[tuple[ReportParagraph, ...], ...]
    """One entry per report source; empty where that source has nothing in the row."""


@dataclass(frozen=True, slots=True)
class ReportOrphan:
    key: str
    mark: Mark | None
    note: str
    updated: str
    excerpt: str
    fact: str = ""
    """The claim's fact when it was marked; tells apart two orphans of one sentence."""


@dataclass(frozen=True, slots=True)
class ReportFact:
    """One row of the facts × sources table, as the reader's table shows it."""

    claim_id: str
    """The fact's claim (:attr:`ReportClaim.id`)."""
    label: Label
    fact: str
    """The fact's frame ("deaths"), or a short summary for a statement."""
    values: tuple[str, ...]
    """One per report source: the value with its bound, ✓ without a value, empty when absent."""
    rounding: bool
    summary: str
    mark: Mark | None


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    generated: str
    tool_version: str
    engine_version: str
    sources: tuple[ReportSource, ...]
    counts: tuple[tuple[Label, int], ...]
    claims: tuple[ReportClaim, ...]
    rows: tuple[ReportRow, ...]
    orphans: tuple[ReportOrphan, ...]
    skipped: tuple[tuple[str, str], ...]
    reviewed: bool
    """Whether a review was given at all (an empty one still says "no marks yet")."""
    facts: tuple[ReportFact, ...] = ()
    """The facts × sources table in the reader's order (conflicts, shared, unique)."""

    @property
    def reviewed_claims(self) -> tuple[ReportClaim, ...]:
        return tuple(c for c in self.claims if c.review is not None)


def build_report(
    comparison: Comparison, review: ReviewState | None, generated: datetime | None = None
) -> Report:
    articles = comparison.articles
    sources = tuple(
        ReportSource(a.id, clean(a.source), clean(a.title), clean(a.path), clean(a.sha256)) for a in articles
    )
    position = _sentence_positions(comparison)
    ordered = sorted(comparison.claims, key=lambda c: (_label_rank(c.label), _first_position(c, position)))
    # Claims keep the engine's ids, so a report names a claim as the JSON, the text report and
    # the reader do; ``place`` is the report's order, which picks a sentence's strongest claim.
    place = {claim.id: n for n, claim in enumerate(ordered)}
    claims = tuple(_report_claim(comparison, claim, review) for claim in ordered)
    rows = tuple(
        ReportRow(
            number,
            tuple(
                tuple(_report_paragraph(comparison, a.id, i, place) for i in row.cells().get(a.id, ()))
                for a in articles
            ),
        )
        for number, row in enumerate(comparison.rows, start=1)
    )
    orphans = tuple(
        ReportOrphan(clean(o.key), o.mark, clean(o.note), clean(o.updated), clean(o.excerpt), clean(o.fact))
        for o in (review.orphans(comparison) if review is not None else ())
    )
    when = (generated or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    title = clean(comparison.title) or next((s.title for s in sources if s.title.strip()), "")
    return Report(
        title=title,
        generated=when.isoformat().replace("+00:00", "Z"),
        tool_version=__version__,
        engine_version=comparison.engine_version or ENGINE_VERSION,
        sources=sources,
        counts=tuple((label, comparison.counts[label]) for label in LABELS),
        claims=claims,
        rows=rows,
        orphans=orphans,
        skipped=tuple((clean(path), clean(reason)) for path, reason in comparison.skipped),
        reviewed=review is not None,
        facts=_report_facts(comparison, review),
    )


def _report_facts(comparison: Comparison, review: ReviewState | None) -> tuple[ReportFact, ...]:
    facts = []
    for row in fact_rows(comparison):
        entry = review.get(row.claim.key) if review is not None else None
        facts.append(
            ReportFact(
                claim_id=clean(row.claim.id),
                label=row.claim.label,
                fact=clean(row.label),
                values=tuple(clean(cell.text) for cell in row.cells),
                rounding=row.rounding,
                summary=clean(row.claim.summary),
                mark=entry.mark if entry is not None else None,
            )
        )
    return tuple(facts)


def _label_rank(label: Label) -> int:
    return LABELS.index(label)


def _sentence_positions(comparison: Comparison) -> dict[str, tuple[int, int, int]]:
    order = {a.id: n for n, a in enumerate(comparison.articles)}
    return {
        s.id: (order[s.article_id], s.paragraph_index, s.index)
        for s in comparison.sentence_by_id.values()
        if s.article_id in order
    }


def _first_position(claim: Claim, position: dict[str, tuple[int, int, int]]) -> tuple[int, int, int]:
    return min((position[sid] for sid in claim.sentence_ids if sid in position), default=(0, 0, 0))


def _claim_sentences(comparison: Comparison, claim: Claim) -> list[Sentence]:
    return [comparison.sentence_by_id[sid] for sid in claim.sentence_ids if sid in comparison.sentence_by_id]


def _report_claim(comparison: Comparison, claim: Claim, review: ReviewState | None) -> ReportClaim:
    sentences = _claim_sentences(comparison, claim)
    order = {a.id: n for n, a in enumerate(comparison.articles)}
    sentences.sort(key=lambda s: (order.get(s.article_id, 0), s.paragraph_index, s.index))
    stating = set(claim.article_ids) | {s.article_id for s in sentences}
    conflicts = tuple(
        ReportConflict(
            conflict.kind,
            tuple((_source_of(comparison, sid), clean(value)) for sid, value in conflict.values),
        )
        for conflict in claim.conflicts
    )
    entry = review.get(claim.key) if review is not None else None
    return ReportClaim(
        id=clean(claim.id),
        key=clean(claim.key),
        label=claim.label,
        text=clean(sentences[0].text) if sentences else "",
        fact=clean(claim.summary) if claim.frame else "",
        stated_by=tuple(a.id in stating for a in comparison.articles),
        conflicts=conflicts,
        review=None if entry is None else ReportReview(entry.mark, clean(entry.note), clean(entry.updated)),
    )


def _source_of(comparison: Comparison, sentence_id: str) -> str:
    sentence = comparison.sentence_by_id.get(sentence_id)
    article = comparison.article_by_id.get(sentence.article_id) if sentence else None
    return clean(article.source) if article else "?"


def _report_paragraph(
    comparison: Comparison, article_id: str, index: int, place: dict[str, int]
) -> ReportParagraph:
    article = comparison.article_by_id[article_id]
    paragraph = next((p for p in article.paragraphs if p.index == index), None)
    if paragraph is None:
        return ReportParagraph(index, "body", ())
    if not paragraph.sentences:
        return ReportParagraph(index, paragraph.kind, (ReportSpan(clean(paragraph.text), None, None),))
    spans = tuple(_report_span(comparison, s, place) for s in paragraph.sentences)
    return ReportParagraph(index, paragraph.kind, spans)


def _report_span(comparison: Comparison, sentence: Sentence, place: dict[str, int]) -> ReportSpan:
    claims: Sequence[Claim] = comparison.claims_by_sentence.get(sentence.id, ())
    if not claims:
        return ReportSpan(clean(sentence.text), None, None)
    strongest = min(claims, key=lambda c: (_label_rank(c.label), place.get(c.id, 0)))
    claim_id = clean(strongest.id) if strongest.id in place else None
    return ReportSpan(clean(sentence.text), strongest.label, claim_id)
