"""compare(): the one entry point that runs load -> segment -> match -> classify -> align."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from tui.core.align import align, to_rows
from tui.core.claims import Draft, finish, reported_claims, statement_claim, value_claim
from tui.core.classify import squash
from tui.core.grouping import greedy_groups
from tui.core.facts import extract_facts
from tui.core.errors import InputError
from tui.core.ingest import MAX_ARTICLES, Document, TextInput, expand_inputs, load
from tui.core.match import Item, find_statement_links, weights
from tui.core.models import Comparison, Sentence
from tui.core.normalise import Normalised, normalise
from tui.core.segment import segment
from tui.core.value_links import link_values

ENGINE_VERSION = "2"
"""Bump when the analysis changes what it finds; caches and reports key on it."""

Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done, 0..1."""

InputLike = str | Path | TextInput

__all__ = ["ENGINE_VERSION", "InputLike", "Progress", "TextInput", "compare", "compare_documents"]

CLAIM_KINDS = ("body", "list", "quote", "title")
MIN_TOKENS = 3
"""Sentences with fewer content words ("Yes, really.") state no checkable claim."""


STATEMENT_COHERENCE = float(__import__("os").environ.get("TRI_C", "0.3"))
"""Least average link probability between two groups of clauses that merge into one claim."""


class Cancelled(Exception):
    """Raised inside compare() when the caller's ``cancelled()`` turns true."""


def compare(
    inputs: Sequence[InputLike],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = False,
) -> Comparison:
    """Compare articles given as paths, directories, URLs, ``-`` (stdin) or :class:`TextInput`.

    A ``str`` is a path (a missing one is an error), never article text: pass
    ``TextInput(text, source)`` for text. Unreadable inputs among good ones are listed
    in ``Comparison.skipped``; if none is usable, :class:`InputError` is raised.
    With ``use_cache`` a result for the same input contents and engine version is taken
    from the user's cache directory (see :mod:`tui.core.cache`), and stored there.
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
            documents.append(load(item, n))
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

    key = cache.cache_key([(d.path, d.sha256.encode()) for d in documents], _engine_fingerprint())
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
    articles = [segment(doc, f"a{n}") for n, doc in enumerate(documents)]
    report("segment", 1.0)
    _check(cancelled)

    sentences: list[Sentence] = []
    norms: list[Normalised] = []
    for article in articles:
        for paragraph in article.paragraphs:
            if paragraph.kind not in CLAIM_KINDS:
                continue
            for sentence in paragraph.sentences:
                norm = normalise(sentence.text)
                if len(norm.tokens) < MIN_TOKENS:
                    continue
                sentences.append(sentence)
                norms.append(norm)
    report("normalise", 1.0)
    _check(cancelled)

    facts = extract_facts(articles, sentences, norms)
    report("facts", 1.0)
    _check(cancelled)

    idf = weights([Item(a, n) for a, n in zip(facts.sentence_articles, norms, strict=True)])
    statements = [f for f in facts.facts if f.kind == "statement"]
    items = [Item(f.article, f.norm) for f in statements]
    statement_idf = weights(items)
    statement_links = find_statement_links(items, statement_idf)
    value_links = link_values(facts.facts, idf)
    report("match", 1.0)
    _check(cancelled)

    drafts: list[Draft] = []
    claimed: set[int] = set()
    in_title = [f.in_title for f in facts.facts]
    for members, links in greedy_groups([f.article for f in facts.facts], in_title, value_links):
        drafts.append(value_claim(facts, members, links))
        claimed.update(members)
    squashed = [squash(a.text) for a in articles]
    statement_titles = [f.in_title for f in statements]
    for group, links in greedy_groups([it.article for it in items], statement_titles, statement_links, STATEMENT_COHERENCE):
        members = [statements[m].index for m in group]
        position = {m: k for k, m in enumerate(group)}
        drafts.append(statement_claim(facts, members, links, position, statement_idf, lambda a: squashed[a]))
        claimed.update(members)
    for fact in facts.facts:
        if fact.index not in claimed and not fact.in_title:
            drafts.append(Draft((fact.index,), (), ()))
    claims = finish(facts, reported_claims(facts, drafts))
    report("classify", 1.0)
    _check(cancelled)

    paragraph_weights: dict[tuple[tuple[int, int], tuple[int, int]], float] = {}
    fact_pairs = [(statements[k.a].index, statements[k.b].index, k.score) for k in statement_links]
    fact_pairs += [(k.a, k.b, k.score) for k in value_links]
    for a, b, score in fact_pairs:
        if a not in claimed or b not in claimed:
            continue
        fa, fb = facts.facts[a], facts.facts[b]
        sa, sb = facts.sentences[fa.sentence], facts.sentences[fb.sentence]
        key = ((fa.article, sa.paragraph_index), (fb.article, sb.paragraph_index))
        paragraph_weights[key] = paragraph_weights.get(key, 0.0) + score
    rows = align([len(a.paragraphs) for a in articles], paragraph_weights)
    report("align", 1.0)
    return Comparison(
        articles=tuple(articles),
        claims=claims,
        rows=to_rows(rows, [a.id for a in articles]),
        engine_version=ENGINE_VERSION,
        skipped=skipped,
    )
