"""Segment a document into typed paragraphs and sentences with exact offsets."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from tui.core.boilerplate import boilerplate_mask
from tui.core.display import clean
from tui.core.ingest import Block, Document
from tui.core.models import Article, Paragraph, ParagraphKind, Sentence
from tui.core.patterns import compiled

_BULLET = compiled(r"^\s*(?:[-*•·▪‣◦–—]\s+|[-–—•▪‣◦](?=\S)|\(?\d{1,2}[.)]\s+|[a-z][.)]\s+)")
_MAX_SENTENCE = 1200
"""Longer runs without sentence punctuation are cut at a space, so matching stays bounded."""
_TITLE_MAX_WORDS = 24
_INNER_STOP = compiled(r"[.!?…;:](?=.)", re.DOTALL)


def segment(document: Document, article_id: str, story_terms: Container[str] = frozenset()) -> Article:
    text = document.text
    raw_blocks = [text[b.start : b.end] for b in document.blocks]
    junk = boilerplate_mask(raw_blocks, story_terms)
    paragraphs: list[Paragraph] = []
    for index, block in enumerate(document.blocks):
        kind = _kind(block, raw_blocks[index], index, junk[index], document)
        sentences = tuple(
            Sentence(
                id=f"{article_id}.p{index}.s{n}",
                article_id=article_id,
                paragraph_index=index,
                index=n,
                start=start,
                end=end,
                text=clean(text[start:end]),
            )
            for n, (start, end) in enumerate(_sentence_spans(text, block.start, block.end))
        )
        paragraphs.append(Paragraph(index, kind, block.start, block.end, clean(raw_blocks[index]), sentences))
    return Article(
        id=article_id,
        path=document.path,
        source=clean(document.source) or "untitled",
        title=_title(document, paragraphs),
        text=text,
        paragraphs=tuple(paragraphs),
        sha256=document.sha256,
        url=document.url,
        date=document.date,
    )


def _kind(block: Block, raw: str, index: int, junk: bool, document: Document) -> ParagraphKind:
    if junk:
        return "boilerplate"
    if block.kind == "heading":
        return "title" if index == 0 else "heading"
    if block.kind == "list":
        return "list"
    if block.kind == "quote":
        return "quote"
    stripped = raw.strip()
    if _BULLET.match(stripped):
        return "list"
    words = len(stripped.split())
    unpunctuated = not stripped.endswith((".", "!", "?", ":", ";", ",", '"', "”", "'", "’"))
    if index == 0 and words <= _TITLE_MAX_WORDS and (unpunctuated or stripped.endswith(("?", "!"))):
        return "title"
    if unpunctuated and words <= 12:
        return "heading"
    if index == 1 and words <= 14 and stripped.endswith("?") and len(document.blocks) > 2:
        return "heading"  # a standfirst question under the headline
    if stripped[:1] in '"“' and stripped[-1:] in '"”':
        return "quote"
    return "body"


def _title(document: Document, paragraphs: list[Paragraph]) -> str:
    if document.title:
        return clean(document.title)
    for paragraph in paragraphs:
        if paragraph.kind == "title":
            return paragraph.text
        if paragraph.kind in ("body", "list") and paragraph.sentences:
            first = paragraph.sentences[0].text
            return first if len(first) <= 90 else first[:89].rsplit(" ", 1)[0] + "…"
    return document.source


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence ranges inside ``text[start:end]`` from syntok, which keeps token offsets."""
    chunk = text[start:end]
    # syntok reads list bullets as tokens; skip them so the sentence starts at its first word.
    bullet = _BULLET.match(chunk)
    skip = bullet.end() if bullet else 0
    body = chunk[skip:].rstrip()
    if not _INNER_STOP.search(body):
        # No sentence punctuation before the end (headings, short items): one sentence, and
        # syntok, the slowest step of the whole pipeline, is not needed.
        lead = len(body) - len(body.lstrip())
        if body.strip():
            yield from _bounded(text, start + skip + lead, start + skip + len(body))
        return
    plain = _plain_boundaries(chunk[skip:])
    if plain is not None:
        for s, e in plain:
            yield from _bounded(text, start + skip + s, start + skip + e)
        return
    # Imported here, not above: its import (with the `regex` package) costs about 40 ms, and
    # articles whose every break is plain (the seeds) never need it.
    import syntok.segmenter as segmenter

    for paragraph in segmenter.analyze(chunk[skip:]):
        for sentence in paragraph:
            if not sentence:
                continue
            s = start + skip + sentence[0].offset
            e = start + skip + sentence[-1].offset + len(sentence[-1].value)
            yield from _bounded(text, s, e)


# A sentence end: terminal punctuation, closing quotes or brackets, space, then a capital,
# digit or opening quote.
_BOUNDARY = compiled(r"""[.!?]+["'”’)\]]*(?=\s+["“‘(\[]?[A-Z0-9])""")
_ABBREVIATION = compiled(
    r"(?:\b[A-Za-z]\.[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Inc|Ltd|Co"
    r"|Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|Blvd|approx|est|fig)"
    r"|\b[A-Z])$"
)


def _plain_boundaries(body: str) -> list[tuple[int, int]] | None:
    """Sentence ranges of a paragraph whose every break is unambiguous, else ``None``.

    Hand-written because syntok, pure Python, is the slowest step of the engine on large
    stories; it still handles every paragraph with an abbreviation, initial or ellipsis
    before a possible break, so only plain cases take this path."""
    if "..." in body or "…" in body:
        return None
    spans: list[tuple[int, int]] = []
    begin = len(body) - len(body.lstrip())
    for match in _BOUNDARY.finditer(body):
        word = body[max(begin, match.start() - 12) : match.start()]
        if _ABBREVIATION.search(word):
            return None
        spans.append((begin, match.end()))
        begin = match.end()
        while begin < len(body) and body[begin].isspace():
            begin += 1
    tail = body.rstrip()
    if begin < len(tail):
        spans.append((begin, len(tail)))
    return spans


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if end > start:
        yield start, end
