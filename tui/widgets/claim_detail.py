"""The text of the claim detail view: wordings, word-level differences, conflict, evidence."""

from __future__ import annotations

import difflib
import re

from rich.text import Text

from tui.core.models import Claim, Conflict, Sentence
from tui.glyphs import ROUNDING_GLYPH, STATED_GLYPH
from tui.state.evidence import evidence_measures
from tui.state.facts import fact_row
from tui.state.reading_model import GLYPHS, ReadingModel
from tui.state.text import clean

_WORD = re.compile(r"\S+")

LABEL_TITLES = {
    "shared": "Shared claim: the sources agree",
    "unique": "Unique claim: one source only",
    "conflict": "Conflicting claim: the sources disagree",
}


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normalised word)`` for every whitespace-separated word."""
    return [(m.start(), m.end(), m.group().strip(".,;:!?\"'()“”‘’").lower()) for m in _WORD.finditer(text)]


def diff_text(reference: str, other: str) -> Text:
    """``other`` with the words that differ from ``reference`` bold and underlined."""
    ref_words = [w for _, _, w in words(reference)]
    spans = words(other)
    text = Text(other)
    matcher = difflib.SequenceMatcher(a=ref_words, b=[w for _, _, w in spans], autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert") and j1 < j2:
            text.stylize("bold underline", spans[j1][0], spans[j2 - 1][1])
    return text


class _Lines:
    """Text built as a list of lines, which is what the detail view draws.

    Building one Text and splitting it afterwards (``Text.split`` divides every span) was
    the larger part of opening the detail of a fact that 200 sources state.
    """

    def __init__(self) -> None:
        self.lines: list[Text] = [Text()]

    def append(self, text: str, style: str = "") -> None:
        first, *rest = text.split("\n")
        if first:
            self.lines[-1].append(first, style)
        for part in rest:
            line = Text()
            if part:
                line.append(part, style)
            self.lines.append(line)

    def append_text(self, text: Text) -> None:
        """Append a Text without newlines (a sentence, already cleaned)."""
        self.lines[-1].append_text(text)


_OWN_HEADINGS = frozenset({"name", "place", "negation", "reported"})
"""Conflict kinds that say what differs better than the fact's frame would."""


def conflict_heading(claim: Claim, conflict: Conflict) -> str:
    """What a conflict is about, in the words of the Fact line above it: the fact's frame
    ("minute") rather than its values' type ("ordinal"), which read as a second, other fact."""
    if not claim.frame or conflict.kind in _OWN_HEADINGS:
        return conflict.kind
    frame = clean(claim.frame)  # a frame may be an article's own noun
    return f"{frame} (rounding only)" if conflict.kind == "rounding" else frame


def detail_text(model: ReadingModel, claim: Claim, mark: str | None, note: str) -> Text:
    """Everything a reviewer needs to accept or reject one claim, as one text."""
    return Text("\n").join(detail_lines(model, claim, mark, note))


def detail_lines(model: ReadingModel, claim: Claim, mark: str | None, note: str) -> list[Text]:
    """:func:`detail_text` line by line (the lines between its newlines)."""
    comparison = model.comparison
    out = _Lines()
    out.append(f"{GLYPHS[claim.label]} {LABEL_TITLES[claim.label]}\n", style="bold")
    out.append(f"{len(claim.article_ids)} of {len(comparison.articles)} sources", style="dim")
    out.append(f" · salience {claim.salience:.2f}", style="dim")
    out.append(f" · review: {mark or 'not marked'}\n", style="dim")
    if claim.summary and (claim.frame or claim.conflicts):
        out.append("Fact: ", style="bold")
        out.append(clean(claim.summary) + "\n", style="bold")
    if note:
        out.append("Note:\n", style="bold")
        for line in note.splitlines():
            out.append("  " + clean(line) + "\n")
    row = fact_row(comparison, claim)
    values = [(comparison.article_by_id[c.article_id], c.text) for c in row.cells if c.text]
    if any(value != STATED_GLYPH for _, value in values):
        out.append("\nEach source's value", style="bold underline")
        if row.rounding:
            out.append(f"  ({ROUNDING_GLYPH} the values differ only by rounding)", style="dim")
        out.append("\n")
        for article, value in values:
            out.append(f"  {clean(article.source or article.path)}: ")
            out.append(value + "\n", style="bold")
    sentences: list[Sentence] = [
        comparison.sentence_by_id[s] for s in claim.sentence_ids if s in comparison.sentence_by_id
    ]
    reference = clean(sentences[0].text) if sentences else ""
    cites = model.cited_by_sentence
    out.append("\nWording by source", style="bold underline")
    out.append("  (words that differ from the first source are bold and underlined)\n", style="dim")
    for n, sentence in enumerate(sentences):
        article = comparison.article_by_id[sentence.article_id]
        out.append(f"\n{clean(article.source or article.path)}", style="bold")
        out.append(f"  ({sentence.id})", style="dim")
        published = " · ".join(clean(x) for x in (article.date, article.url) if x)
        out.append(f"  {published}\n" if published else "\n", style="dim")
        if cites.get(sentence.id):
            names = dict.fromkeys(clean(name) for name in cites[sentence.id])
            out.append(f"citing {', '.join(names)}\n", style="italic")
        body = clean(sentence.text)
        out.append_text(Text(body) if n == 0 else diff_text(reference, body))
        out.append("\n")
    if claim.conflicts:
        out.append("\nConflict\n", style="bold underline")
        for conflict in claim.conflicts:
            out.append(f"{conflict_heading(claim, conflict)}: ", style="bold")
            out.append(clean(conflict.summary), style="bold reverse")
            out.append("\n")
            for sid, value in conflict.values:
                where = comparison.sentence_by_id.get(sid)
                source = comparison.article_by_id[where.article_id].source if where else sid
                out.append(f"  {clean(source)}: ")
                out.append(clean(value), style="bold")
                out.append("\n")
    out.append("\nWhy these sentences were matched\n", style="bold underline")
    if not claim.evidence:
        out.append("Only one sentence: nothing was matched.\n", style="dim")
    for evidence in claim.evidence:
        a = comparison.sentence_by_id.get(evidence.a)
        b = comparison.sentence_by_id.get(evidence.b)
        name_a = comparison.article_by_id[a.article_id].source if a else evidence.a
        name_b = comparison.article_by_id[b.article_id].source if b else evidence.b
        out.append(f"{clean(name_a)} ↔ {clean(name_b)}: ", style="bold")
        out.append(evidence_measures(evidence) + "\n")
        if evidence.shared_terms:
            out.append("  shared terms: ", style="dim")
            out.append(", ".join(clean(t) for t in evidence.shared_terms))
            out.append("\n")
    return out.lines
