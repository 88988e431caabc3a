"""compare(): the one entry point that runs load -> segment -> match -> classify -> align."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from tui.core.align import align, to_rows
from tui.core.attribution import cited_sources
from tui.core.boilerplate import other_articles_terms
from tui.core.classify import find_conflicts, reported_discrepancy, squash
from tui.core.cluster import cluster
from tui.core.errors import InputError
from tui.core.ingest import MAX_ARTICLES, Document, TextInput, expand_inputs, load
from tui.core.match import Item, find_links, is_figure, shared_terms, weights
from tui.core.metadata import describe, distinct_names
from tui.core.models import Article, Claim, Comparison, Conflict, Evidence, Label, Sentence
from tui.core.normalise import normalise
from tui.core.segment import segment
from tui.core.story_title import story_title

ENGINE_VERSION = "1"
"""Bump when the analysis changes what it finds; caches and reports key on it."""

Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done, 0..1."""

InputLike = str | Path | TextInput

__all__ = ["ENGINE_VERSION", "InputLike", "Progress", "TextInput", "compare", "compare_documents"]

_CLAIM_KINDS = ("body", "list", "quote", "title")
_EVIDENCE_PER_CLAIM = 12
"""Strongest links kept as a claim's evidence; a claim of 200 sources has thousands."""
_MIN_TOKENS = 3
"""Sentences with fewer content words ("Yes, really.") state no checkable claim."""


class Cancelled(Exception):
    """Raised inside compare() when the caller's ``cancelled()`` turns true."""


def compare(
    inputs: Sequence[InputLike],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = False,
    names: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare articles given as paths, directories, URLs, ``-`` (stdin) or :class:`TextInput`.

    A ``str`` is a path (a missing one is an error), never article text: pass
    ``TextInput(text, source)`` for text. Unreadable inputs among good ones are listed
    in ``Comparison.skipped``; if none is usable, :class:`InputError` is raised.
    With ``use_cache`` a result for the same input contents and engine version is taken
    from the user's cache directory (see :mod:`tui.core.cache`), and stored there.
    ``names`` maps an input path as given to the outlet name the user chose for it.
    """
    report = progress or (lambda stage, fraction: None)
    items = [i if isinstance(i, TextInput) else str(i) for i in inputs]
    if not items:
        raise InputError("(no input)", "give at least one file, directory, URL or '-'")
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    expanded: list[str | TextInput] = []
    for item in items:
        try:
            expanded.extend(expand_inputs([item]))
        except InputError as exc:
            skipped.append((exc.path, exc.reason))
    if len(expanded) > MAX_ARTICLES:
        raise InputError(f"{len(expanded)} articles", f"too many inputs; the limit is {MAX_ARTICLES}")
    for n, item in enumerate(expanded):
        _check(cancelled)
        try:
            named = (names or {}).get(item) if isinstance(item, str) else None
            documents.append(describe(load(item, n), named, skipped))
        except InputError as exc:
            skipped.append((exc.path, exc.reason))
        report("load", (n + 1) / len(expanded))
    if not documents:
        if len(skipped) == 1:
            raise InputError(*skipped[0])
        raise InputError(skipped[0][0] if skipped else "(no input)", _summary(skipped))
    if not use_cache:
        return compare_documents(documents, skipped=tuple(skipped), progress=report, cancelled=cancelled)
    from tui.core import cache

    key = cache.cache_key(
        [(d.path, "\0".join((d.sha256, d.source, d.url, d.date)).encode()) for d in documents],
        _engine_fingerprint(),
    )
    cached = cache.load(key)
    if cached is not None:
        report("cache", 1.0)
        return replace(cached, skipped=tuple(skipped))
    result = compare_documents(documents, skipped=tuple(skipped), progress=report, cancelled=cancelled)
    cache.store(key, result)
    return result


@lru_cache(maxsize=1)
def _engine_fingerprint() -> str:
    """ENGINE_VERSION plus a hash of the core's own source, so a cached analysis is never
    served by an engine that changed without the version being bumped."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{ENGINE_VERSION}+{digest.hexdigest()[:16]}"


def _summary(skipped: Sequence[tuple[str, str]]) -> str:
    return "no usable input: " + "; ".join(f"{p}: {r}" for p, r in skipped) if skipped else "no input"


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


def compare_documents(
    documents: Sequence[Document],
    *,
    skipped: tuple[tuple[str, str], ...] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    report = progress or (lambda stage, fraction: None)
    named = distinct_names(documents)
    story = other_articles_terms([d.text for d in named])
    articles = [segment(doc, f"a{n}", story[n]) for n, doc in enumerate(named)]
    report("segment", 1.0)
    _check(cancelled)

    sentences: list[Sentence] = []
    items: list[Item] = []
    position_of_article = {a.id: n for n, a in enumerate(articles)}
    for article in articles:
        for paragraph in article.paragraphs:
            if paragraph.kind not in _CLAIM_KINDS:
                continue
            for sentence in paragraph.sentences:
                norm = normalise(sentence.text)
                if len(norm.tokens) < _MIN_TOKENS:
                    continue
                sentences.append(sentence)
                items.append(Item(position_of_article[article.id], norm))
    report("normalise", 1.0)
    _check(cancelled)

    idf = weights(items)
    links = find_links(items, idf)
    report("match", 1.0)
    _check(cancelled)

    groups = cluster(len(items), [it.article for it in items], links)
    squashed = [squash(a.text) for a in articles]
    claimed: set[int] = set()
    drafts: list[tuple[list[int], tuple[Conflict, ...], list[Evidence]]] = []
    for group in groups:
        members = list(group.members)
        claimed.update(members)
        position = {m: k for k, m in enumerate(members)}
        conflicts = find_conflicts(
            [sentences[m].id for m in members],
            [items[m].norm for m in members],
            [items[m].article for m in members],
            group.links,
            position,
            lambda a: squashed[a],
        )
        evidence = [
            Evidence(
                sentences[k.a].id,
                sentences[k.b].id,
                k.score,
                k.fuzzy,
                k.overlap,
                shared_terms(items[k.a].norm, items[k.b].norm, idf),
            )
            for k in sorted(group.links, key=lambda k: (-k.score, k.a, k.b))[:_EVIDENCE_PER_CLAIM]
        ]
        drafts.append((members, conflicts, evidence))
    for index, item in enumerate(items):
        if index in claimed or _is_title(articles[item.article], sentences[index]):
            continue
        reported = reported_discrepancy(item.norm)
        conflicts = (Conflict("reported", ((sentences[index].id, reported),)),) if reported else ()
        drafts.append(([index], conflicts, []))
    report("classify", 1.0)
    _check(cancelled)

    drafts.sort(key=lambda d: min(d[0]))
    claims: list[Claim] = []
    for number, (members, conflicts, evidence) in enumerate(drafts, start=1):
        article_positions = sorted({items[m].article for m in members})
        label: Label = "conflict" if conflicts else "shared" if len(article_positions) > 1 else "unique"
        norms = [items[m].norm for m in members]
        figures = sum(1 for norm in norms for t in norm.tokens if is_figure(t))
        names = sum(len(norm.names) for norm in norms)
        salience = 3.0 * len(article_positions) + min(figures, 6) + 0.5 * min(names, 6)
        key_source = "\n".join(sorted({norm.text for norm in norms}))
        claims.append(
            Claim(
                id=f"c{number}",
                label=label,
                sentence_ids=_conflicting_first([sentences[m].id for m in members], conflicts),
                conflicts=conflicts,
                evidence=tuple(evidence),
                key=hashlib.sha256(key_source.encode("utf-8")).hexdigest()[:20],
                salience=round(salience, 3),
                article_ids=tuple(articles[a].id for a in article_positions),
            )
        )

    paragraph_weights: dict[tuple[tuple[int, int], tuple[int, int]], float] = {}
    for link in links:
        if link.a not in claimed or link.b not in claimed:
            continue
        sa, sb = sentences[link.a], sentences[link.b]
        key = ((items[link.a].article, sa.paragraph_index), (items[link.b].article, sb.paragraph_index))
        paragraph_weights[key] = paragraph_weights.get(key, 0.0) + link.score
    rows = align([len(a.paragraphs) for a in articles], paragraph_weights)
    report("align", 1.0)
    return Comparison(
        articles=tuple(articles),
        claims=tuple(claims),
        rows=to_rows(rows, [a.id for a in articles]),
        engine_version=ENGINE_VERSION,
        skipped=skipped,
        title=story_title(articles),
        cited_sources=cited_sources(articles),
    )


def _conflicting_first(sentence_ids: list[str], conflicts: tuple[Conflict, ...]) -> tuple[str, ...]:
    """Document order, except that sentences stating a disputed value lead: whatever shows a
    claim by its first sentence then shows the disagreement, not a bystander."""
    disputed = {sid for conflict in conflicts for sid, _ in conflict.values}
    return tuple(sorted(sentence_ids, key=lambda sid: sid not in disputed))


def _is_title(article: Article, sentence: Sentence) -> bool:
    return article.paragraphs[sentence.paragraph_index].kind == "title"
