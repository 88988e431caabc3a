"""The facts × sources table: one row per fact, one cell per source.

Derived only from ``Claim.mentions`` (plus the conflict values the engine lists for a
sentence, when a mention carries no value of its own), so the same table is drawn by
the reader and written by every export, and the JSON export need not carry it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from tui.core.models import Claim, Comparison, Label, Mention
from tui.glyphs import STATED_GLYPH

LabelFilter = Literal["all", "conflict", "shared", "unique"]
LABEL_FILTERS: tuple[LabelFilter, ...] = ("all", "conflict", "shared", "unique")
MarkFilter = Literal["all", "verified", "disputed", "follow-up", "unmarked"]
MARK_FILTERS: tuple[MarkFilter, ...] = ("all", "verified", "disputed", "follow-up", "unmarked")

_T = TypeVar("_T")

VALUE_SEPARATOR = " / "
"""Between the values of a source that states a fact more than once ("7% / 8%")."""

LABEL_WIDTH = 40
"""A statement fact's row label is its summary cut to this many characters."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def _clean(text: str) -> str:
    """One line without control or bidi characters (cells are drawn as plain text)."""
    return _CONTROL.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class FactCell:
    """One source's version of one fact."""

    article_id: str
    text: str
    """The value with its bound ("at least 38"), ``✓`` for a statement without a value,
    empty when the source does not state the fact."""
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact across every source."""

    claim: Claim
    label: str
    """The fact's frame ("deaths"), or a short summary for a statement fact."""
    cells: tuple[FactCell, ...]
    """One per article, in the comparison's article order."""
    rounding: bool
    """The values differ only by rounding (shown softly, never as a conflict)."""

    @property
    def coverage(self) -> int:
        return sum(1 for cell in self.cells if cell.mentions)


def mentions_of(comparison: Comparison, claim: Claim) -> tuple[Mention, ...]:
    """The claim's mentions; whole sentences when the engine gave none (older results)."""
    if claim.mentions:
        return claim.mentions
    found = []
    for sid in claim.sentence_ids:
        sentence = comparison.sentence_by_id.get(sid)
        if sentence is not None:
            found.append(Mention(sid, sentence.article_id, sentence.start, sentence.end))
    return tuple(found)


def _conflict_values(claim: Claim) -> dict[str, str]:
    """Sentence id -> the value a conflict lists for it (first conflict wins)."""
    values: dict[str, str] = {}
    for conflict in claim.conflicts:
        for sid, value in conflict.values:
            values.setdefault(sid, value)
    return values


def mention_value(claim: Claim, mention: Mention, fallback: Mapping[str, str] | None = None) -> str:
    """What a cell shows for one mention: its value, else the conflict's value, else ✓."""
    if mention.value:
        return _clean(mention.value)
    values = fallback if fallback is not None else _conflict_values(claim)
    value = values.get(mention.sentence_id, "")
    return _clean(value) if value else STATED_GLYPH


def row_label(comparison: Comparison, claim: Claim) -> str:
    """The frame and whom it is about ("vote share (Massa)"), else the summary (or first
    sentence) cut to :data:`LABEL_WIDTH`."""
    if claim.frame:
        return _clean(f"{claim.frame} ({claim.holder})" if claim.holder else claim.frame)
    text = claim.summary
    if not text and claim.sentence_ids:
        sentence = comparison.sentence_by_id.get(claim.sentence_ids[0])
        text = sentence.text if sentence else ""
    text = _clean(text or claim.id)
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1].rstrip() + "…"


def fact_row(comparison: Comparison, claim: Claim, empty: Mapping[str, FactCell] | None = None) -> FactRow:
    """One fact across every source; ``empty`` (article id -> its blank cell) lets
    :func:`fact_rows` share the blank cells instead of making one per fact and source."""
    fallback = _conflict_values(claim)
    own: dict[str, list[Mention]] = {}
    for mention in mentions_of(comparison, claim):
        own.setdefault(mention.article_id, []).append(mention)
    cells = []
    for article in comparison.articles:
        theirs = own.get(article.id)
        if not theirs:
            cells.append(empty[article.id] if empty is not None else FactCell(article.id, "", ()))
            continue
        values = list(dict.fromkeys(mention_value(claim, m, fallback) for m in theirs))
        if len(values) > 1 and STATED_GLYPH in values:
            values.remove(STATED_GLYPH)  # a value says more than a bare statement
        cells.append(FactCell(article.id, VALUE_SEPARATOR.join(values), tuple(theirs)))
    rounding = any(c.kind == "rounding" for c in claim.conflicts)
    return FactRow(claim, row_label(comparison, claim), tuple(cells), rounding)


def _figures(claim: Claim) -> dict[str, Hashable]:
    """Each value a conflict lists, as written (cleaned as cells are) -> the figure it gives:
    the engine numbers a conflict's values by figure (:attr:`Conflict.agreeing`), so "11300"
    and "11,300", or "five" and "at least 5", are one figure here as in its summary."""
    figures: dict[str, Hashable] = {}
    for n, conflict in enumerate(claim.conflicts):
        for k, (_, value) in enumerate(conflict.values if conflict.agreeing else ()):
            figures.setdefault(_clean(value), (n, conflict.agreeing[k]))
    return figures


def odd_values(row: FactRow) -> frozenset[str]:
    """The cell values (as written) that differ from the most common value of a conflict row,
    compared as the figures they give (:func:`_figures`), so one figure written two ways is
    one value; wording that gives no figure is compared as text, case and spacing aside.

    A source counts once for each distinct value it gives: beside a source saying "7%" it is
    the 8% of a source saying "7% / 8%" that stands out, not the other source's 7%.
    """
    if row.claim.label != "conflict":
        return frozenset()
    figures = _figures(row.claim)
    written: dict[str, Hashable] = {}
    counts: Counter[Hashable] = Counter()
    for cell in row.cells:
        if not cell.text or cell.text == STATED_GLYPH:
            continue
        # In order, once each: a tie goes to the value met first, as it always has.
        keys = (
            written.setdefault(v, figures.get(v) or " ".join(v.casefold().split()))
            for v in cell.text.split(VALUE_SEPARATOR)
        )
        counts.update(list(dict.fromkeys(keys)))
    if len(counts) < 2:
        return frozenset()
    (common, _), *_ = counts.most_common()
    return frozenset(text for text, key in written.items() if key != common)


_LABEL_ORDER: dict[Label, int] = {"conflict": 0, "shared": 1, "unique": 2}


def table_order(claims: Iterable[Claim]) -> list[Claim]:
    """Conflicts by salience, then shared facts by coverage, then unique facts by salience."""

    def key(claim: Claim) -> tuple[int, int, float, int]:
        coverage = len(claim.article_ids) if claim.label == "shared" else 0
        number = int(claim.id[1:]) if claim.id[1:].isdigit() else 0
        return (_LABEL_ORDER[claim.label], -coverage, -claim.salience, number)

    return sorted(claims, key=key)


def fact_rows(comparison: Comparison) -> tuple[FactRow, ...]:
    """Every fact of the comparison in table order."""
    empty = {a.id: FactCell(a.id, "", ()) for a in comparison.articles}
    return tuple(fact_row(comparison, claim, empty) for claim in table_order(comparison.claims))


@dataclass(frozen=True, slots=True)
class FactFilter:
    """What the table shows: by label, review mark, source and typed text."""

    label: LabelFilter = "all"
    mark: MarkFilter = "all"
    source: str | None = None
    """Only facts this article states."""
    text: str = ""

    @property
    def active(self) -> bool:
        return self != FactFilter()

    def passes(self, row: FactRow, marks: Mapping[str, str]) -> bool:
        if self.label != "all" and row.claim.label != self.label:
            return False
        mark = marks.get(row.claim.key)
        if self.mark == "unmarked" and mark is not None:
            return False
        if self.mark not in ("all", "unmarked") and mark != self.mark:
            return False
        if self.source is not None and not any(c.article_id == self.source and c.mentions for c in row.cells):
            return False
        if self.text:
            needle = self.text.lower()
            haystack = " ".join((row.label, row.claim.summary, *(c.text for c in row.cells))).lower()
            if needle not in haystack:
                return False
        return True

    def describe(self, source_name: str | None = None) -> str:
        parts = []
        if self.label != "all":
            parts.append(f"label: {self.label}")
        if self.mark != "all":
            parts.append(f"mark: {self.mark}")
        if self.source is not None:
            parts.append(f"source: {source_name or self.source}")
        if self.text:
            parts.append(f"text: {self.text}")
        return " · ".join(parts) if parts else "all facts"


def filtered(rows: Iterable[FactRow], fact_filter: FactFilter, marks: Mapping[str, str]) -> list[FactRow]:
    return [row for row in rows if fact_filter.passes(row, marks)]


def next_in_cycle(values: tuple[_T, ...], current: _T) -> _T:
    return values[(values.index(current) + 1) % len(values)]
