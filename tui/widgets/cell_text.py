"""Turn one article's paragraphs in one aligned row into styled Rich text.

Article text is untrusted: it only ever becomes a ``rich.text.Text`` built from
plain strings (never markup), with control characters removed first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.style import Style
from rich.text import Text

from tui.core.models import Article, Claim, Conflict, Label
from tui.state.facts import mentions_of
from tui.state.reading_model import ReadingModel
from tui.state.text import clean, find_all, find_value


@dataclass(frozen=True, slots=True)
class CellStyles:
    """Rich styles resolved from the grid's component classes (theme aware)."""

    shared: Style
    unique: Style
    conflict: Style
    conflict_value: Style
    boilerplate: Style
    heading: Style
    selected: Style
    match: Style
    mention: Style
    """The selected fact's own words (its mention) inside a sentence."""

    def for_label(self, label: Label) -> Style:
        return {"shared": self.shared, "unique": self.unique, "conflict": self.conflict}[label]


def build_cell(
    model: ReadingModel,
    article: Article,
    paragraph_indexes: tuple[int, ...],
    styles: CellStyles,
    *,
    selected: Claim | None,
    hide_boilerplate: bool,
    query: str,
) -> Text:
    """Styled text for one grid cell; each sentence span carries ``{"sid": id}`` meta."""
    text = Text(no_wrap=False, end="")
    selected_sids = frozenset(selected.sentence_ids) if selected is not None else frozenset()
    spans = mention_spans(model, selected, article) if selected is not None else {}
    first = True
    for index in paragraph_indexes:
        if index >= len(article.paragraphs):
            continue
        paragraph = article.paragraphs[index]
        if hide_boilerplate and paragraph.kind == "boilerplate":
            continue
        if not first:
            text.append("\n\n")
        first = False
        para_start = len(text)
        prefix = "• " if paragraph.kind == "list" else ""
        text.append(prefix)
        if not paragraph.sentences:
            text.append(clean(paragraph.text))
        for position, sentence in enumerate(paragraph.sentences):
            if position:
                text.append(" ")
            body = clean(sentence.text)
            start = len(text)
            text.append(body)
            end = len(text)
            text.stylize(Style(meta={"sid": sentence.id}), start, end)
            claim = model.sentence_claim.get(sentence.id)
            if claim is not None and paragraph.kind != "boilerplate":
                text.stylize(styles.for_label(claim.label), start, end)
                for owner in model.comparison.claims_by_sentence.get(sentence.id, ()):
                    for conflict in owner.conflicts:
                        for sid, value in conflict.values:
                            if sid != sentence.id:
                                continue
                            for figure in Conflict.figures(value):  # both, where it reports two
                                at = find_value(body, clean(figure))
                                if at >= 0:
                                    text.stylize(styles.conflict_value, start + at, start + at + len(figure))
            if sentence.id in selected_sids:
                text.stylize(styles.selected, start, end)
                for at, length in spans.get(sentence.id, ()):
                    text.stylize(styles.mention, start + at, start + at + length)
        if paragraph.kind == "boilerplate":
            text.stylize(styles.boilerplate, para_start, len(text))
        elif paragraph.kind in ("title", "heading"):
            text.stylize(styles.heading, para_start, len(text))
    if query:
        plain = text.plain
        for at in find_all(plain, query):
            text.stylize(styles.match, at, at + len(query))
    return text


def mention_spans(model: ReadingModel, claim: Claim, article: Article) -> dict[str, list[tuple[int, int]]]:
    """Sentence id -> ``(offset, length)`` in its display text of each of ``claim``'s mentions.

    Mentions are offsets into ``Article.text``; display text may have lost characters
    (citation residue, controls), so the words are looked up in the sentence first and the
    offset arithmetic is only the fallback.
    """
    found: dict[str, list[tuple[int, int]]] = {}
    sentences = model.comparison.sentence_by_id
    for mention in mentions_of(model.comparison, claim):
        if mention.article_id != article.id:
            continue
        sentence = sentences.get(mention.sentence_id)
        if sentence is None or mention.end <= mention.start:
            continue
        body = clean(sentence.text)
        words = clean(article.text[mention.start : mention.end]).strip()
        at = find_value(body, words)
        if at < 0:
            at = max(0, mention.start - sentence.start)
            words = body[at : at + mention.end - mention.start]
        if words and at < len(body):
            found.setdefault(sentence.id, []).append((at, min(len(words), len(body) - at)))
    return found


def cell_plain(article: Article, paragraph_indexes: tuple[int, ...], hide_boilerplate: bool) -> str:
    """The plain text :func:`build_cell` produces, without styling it (for row heights)."""
    parts: list[str] = []
    for index in paragraph_indexes:
        if index >= len(article.paragraphs):
            continue
        paragraph = article.paragraphs[index]
        if hide_boilerplate and paragraph.kind == "boilerplate":
            continue
        prefix = "• " if paragraph.kind == "list" else ""
        if not paragraph.sentences:
            parts.append(prefix + clean(paragraph.text))
        else:
            parts.append(prefix + " ".join(clean(s.text) for s in paragraph.sentences))
    return "\n\n".join(parts)


_WORD = re.compile(r"\s*\S+\s*")
"""A word with the spaces around it, as Rich's word wrap splits a line."""


def _cells(text: str) -> int:
    # Cleaned ASCII is all printable, one cell per character: skip Rich's per-character lookup.
    return len(text) if text.isascii() else cell_len(text)


def wrapped_height(plain: str, width: int) -> int:
    """How many lines ``Text(plain).wrap(console, width, overflow="fold")`` makes.

    Row heights need only this count, for every cell of every article shown, so it is
    counted here on the plain string instead of building and dividing Rich ``Text``
    objects; it follows Rich's greedy word wrap rule for rule (a word goes on the next
    line when it does not fit, a word wider than the line is folded), and a property
    test holds it to Rich's own result.
    """
    width = max(1, width)
    total = 0
    for line in plain.split("\n"):
        total += 1
        offset = 0
        for match in _WORD.finditer(line):
            start, word = match.start(), match.group()
            length = _cells(word.rstrip())
            if width - offset >= length:
                offset += _cells(word)
            elif length > width:
                pieces = chop_cells(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        total += 1
                    if n == len(pieces) - 1:
                        offset = _cells(piece)
                    else:
                        start += len(piece)
            elif offset and start:
                total += 1
                offset = _cells(word)
    return total


def line_sentences(line: Text) -> list[str]:
    """Sentence ids present on one wrapped line, in order."""
    found: list[str] = []
    for span in line.spans:
        style = span.style
        if isinstance(style, Style) and style.meta:
            sid = style.meta.get("sid")
            if isinstance(sid, str) and sid not in found:
                found.append(sid)
    return found


def strongest(labels: Mapping[str, Label], sids: list[str]) -> Label | None:
    """The strongest label among ``sids`` (conflict > shared > unique)."""
    best: Label | None = None
    order = {"conflict": 0, "shared": 1, "unique": 2}
    for sid in sids:
        label = labels.get(sid)
        if label is not None and (best is None or order[label] < order[best]):
            best = label
    return best
