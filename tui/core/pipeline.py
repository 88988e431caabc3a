"""compare(): the one entry point. It only chains the stages, each a module that takes the
previous stage's frozen result and returns its own:
load -> segment -> normalise -> facts -> match (linking) -> classify (claims) -> align."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import InputError
from tui.core.ingest import MAX_ARTICLES, Document, TextInput, expand_inputs, is_local_file, load, read_local
from tui.core.metadata import ManifestLookup, SourceEntry, describe, distinct_names, manifest_lookup
from tui.core.models import Article, Comparison, Row

if TYPE_CHECKING:
    from tui.core.boilerplate import OtherTerms
    from tui.core.facts import Facts
    from tui.core.normalise import NormalisedStory

ENGINE_VERSION = "5"
"""Bump when the analysis changes what it finds; caches and reports key on it."""

Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done, 0..1."""
Preview = Callable[[Comparison], None]
"""Called with the articles segmented so far, laid out by position and with no claims yet,
so a reader can show text long before the analysis of a large story is done."""
PREVIEW_AFTER = 0.3
"""Seconds of segmenting after which the articles done so far are previewed once; all of
them are previewed when segmenting ends."""

QUICK_PREVIEW_FROM = 20
"""From this many articles, a first preview comes before the story-wide word counts."""
QUICK_PREVIEW_ARTICLES = 8
"""At most this many articles in that first preview: more than a screen shows side by side."""

InputLike = str | Path | TextInput

__all__ = [
    "ENGINE_VERSION",
    "InputLike",
    "Preview",
    "Progress",
    "TextInput",
    "compare",
    "compare_documents",
    "preview_comparison",
]


class Cancelled(Exception):
    """Raised inside compare() when the caller's ``cancelled()`` turns true."""


def compare(
    inputs: Sequence[InputLike],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = False,
    names: Mapping[str, str] | None = None,
    preview: Preview | None = None,
    before_analysis: Callable[[], None] | None = None,
    keep_cached: bool = False,
    store_later: Callable[[Callable[[], None]], None] | None = None,
) -> Comparison:
    """Compare articles given as paths, directories, URLs, ``-`` (stdin) or :class:`TextInput`.

    A ``str`` is a path (a missing one is an error), never article text: pass
    ``TextInput(text, source)`` for text. Unreadable inputs among good ones are listed
    in ``Comparison.skipped``; if none is usable, :class:`InputError` is raised.
    With ``use_cache`` a result for the same input contents and engine version is taken
    from the user's cache directory (see :mod:`tui.core.cache`), and stored there.
    ``names`` maps an input path as given to the outlet name the user chose for it.
    ``preview`` is called with the articles before they are analysed (see :data:`Preview`);
    a cached result is returned without one. ``before_analysis`` is called once the inputs
    are read and no cached result was found, before the analysis starts (the reader notes
    there that it analyses; it waits in ``preview`` for the articles' frame). ``keep_cached``
    freezes a cached result out of the collector's scans as it is loaded (see
    :func:`cache.load`). With ``use_cache``, a result analysed now is stored before it is
    returned, or, given ``store_later``, by the function that is handed to it, whenever the
    caller calls it (the reader shows the comparison first: storing pickles all of it, 0.3 s
    at 200 articles).
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
    expanded = _each_file_once(expanded, skipped)
    if len(expanded) > MAX_ARTICLES:
        raise InputError(f"{len(expanded)} articles", f"too many inputs; the limit is {MAX_ARTICLES}")
    if use_cache:
        from tui.core import cache

        use_cache = cache.enabled()  # switched off: no key to work out (it hashes the core's source)
    given = len(skipped)  # inputs skipped before any was read (missing paths, empty directories)
    raws = _read_local(expanded, report, cancelled) if use_cache else None
    key = None
    if raws is not None:
        # Every input is a local file: the key is its bytes, its name and what sources.toml says
        # of it, so a cached story is found without decoding and describing 200 articles.
        manifests = [manifest_lookup(str(item)) for item in expanded]
        key = cache.cache_key(
            [
                (str(item), _raw_identity(raw, (names or {}).get(str(item)), manifest))
                for item, raw, manifest in zip(expanded, raws, manifests, strict=True)
            ],
            f"{_engine_fingerprint()}+{RAW_KEY}",
        )
        cached = cache.load(key, freeze=keep_cached)
        if cached is not None:
            report("cache", 1.0)
            # The entry holds what loading skipped; what was skipped before it is this call's.
            return replace(cached, skipped=(*skipped, *cached.skipped))
    for n, item in enumerate(expanded):
        _check(cancelled)
        try:
            named = (names or {}).get(item) if isinstance(item, str) else None
            if raws is not None:
                document = describe(load(item, n, raws[n]), named, skipped, manifests[n])
            else:
                document = describe(load(item, n), named, skipped)
            documents.append(document)
        except InputError as exc:
            skipped.append((exc.path, exc.reason))
        if raws is None:  # else reported as they were read
            report("load", (n + 1) / len(expanded))
    if not documents:
        if len(skipped) == 1:
            raise InputError(*skipped[0])
        raise InputError("no usable input", _summary(skipped))
    if not use_cache:
        if before_analysis is not None:
            before_analysis()
        return compare_documents(
            documents, skipped=tuple(skipped), progress=report, cancelled=cancelled, preview=preview
        )

    stored_skipped = tuple(skipped[given:]) if key is not None else tuple(skipped)
    if key is None:
        key = cache.cache_key(
            [(d.path, "\0".join((d.sha256, d.source, d.url, d.date)).encode()) for d in documents],
            _engine_fingerprint(),
        )
        cached = cache.load(key, freeze=keep_cached)
        if cached is not None:
            report("cache", 1.0)
            return replace(cached, skipped=tuple(skipped))
    if before_analysis is not None:
        before_analysis()
    result = compare_documents(
        documents, skipped=tuple(skipped), progress=report, cancelled=cancelled, preview=preview
    )
    entry = replace(result, skipped=stored_skipped)
    if store_later is None:
        cache.store(key, entry)
    else:
        store_later(partial(cache.store, key, entry))
    return result


RAW_KEY = "raw1"
"""Marks keys made from the inputs' bytes (:func:`_raw_identity`), so no such key can equal
one made from loaded documents."""


def _read_local(
    items: Sequence[str | TextInput], report: Progress, cancelled: Callable[[], bool] | None
) -> list[bytes] | None:
    """Every input's bytes when all are local files that read cleanly, else ``None`` (then the
    inputs are loaded first and the cache keyed on the documents, as for text and URLs)."""
    raws: list[bytes] = []
    for n, item in enumerate(items):
        _check(cancelled)
        if not isinstance(item, str) or not is_local_file(item):
            return None
        try:
            raws.append(read_local(item))
        except InputError:
            return None
        report("load", (n + 1) / len(items))
    return raws


def _raw_identity(raw: bytes, named: str | None, manifest: ManifestLookup) -> bytes:
    """Everything besides its path that loading and describing a local file reads: its bytes
    (by hash), the outlet name the user gave it, and its sources.toml entry or the manifest's
    problem (the key sees what :func:`describe` is then given)."""
    listed: tuple[str, ...]
    if isinstance(manifest, SourceEntry):
        listed = ("entry", manifest.outlet, manifest.url, manifest.date)
    elif manifest is None:
        listed = ("none",)
    else:
        listed = ("problem", str(manifest))
    # repr() of strings, None and tuples reads back one way only: no two identities share it.
    return repr((hashlib.sha256(raw).hexdigest(), named, listed)).encode("utf-8", "surrogatepass")


def _each_file_once(items: list[str | TextInput], skipped: list[tuple[str, str]]) -> list[str | TextInput]:
    """``items`` with each local file once: a file named twice (``report a.txt a.txt``, or a
    folder and a file in it) was compared with itself, every fact of it "shared". Later
    namings are added to ``skipped``."""
    seen: set[str] = set()
    kept: list[str | TextInput] = []
    for item in items:
        if isinstance(item, str) and is_local_file(item):
            real = os.path.realpath(item)
            if real in seen:
                skipped.append((item, "named more than once; compared once"))
                continue
            seen.add(real)
        kept.append(item)
    return kept


@lru_cache(maxsize=1)
def _engine_fingerprint() -> str:
    """ENGINE_VERSION plus a hash of the core's own source, so a cached analysis is never
    served by an engine that changed without the version being bumped."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{ENGINE_VERSION}+{digest.hexdigest()[:16]}"


def _summary(skipped: Sequence[tuple[str, str]]) -> str:
    # The error's "path" is "no usable input", so each input is named once, here.
    return "; ".join(f"{p}: {r}" for p, r in skipped) if skipped else "no input was given"


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


def preview_comparison(
    articles: tuple[Article, ...], skipped: tuple[tuple[str, str], ...] = ()
) -> Comparison:
    """The articles side by side by position, before any analysis: no claims, one row per
    paragraph index (what alignment gives when nothing links)."""
    longest = max((len(a.paragraphs) for a in articles), default=0)
    rows = tuple(Row(tuple((a.id, (i,)) for a in articles if i < len(a.paragraphs))) for i in range(longest))
    return Comparison(articles=articles, claims=(), rows=rows, engine_version=ENGINE_VERSION, skipped=skipped)


def compare_documents(
    documents: Sequence[Document],
    *,
    skipped: tuple[tuple[str, str], ...] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    preview: Preview | None = None,
    workers: int | None = None,
) -> Comparison:
    """The analysis of loaded documents (see :func:`compare`). ``workers`` is how many
    processes help this one with the per-article stages; ``None`` lets
    :func:`tui.core.text_pool.workers_for` choose by the story's size and the cores (and the
    linking and claims stages choose their forked child the same way), 0 keeps everything in
    this process."""
    # The stages are imported here, not with the module: a repeat open served from the cache
    # (see compare) then never loads them, nor numpy, which they import. Those after
    # segmenting are imported after the preview, so the articles are on screen first.
    from tui.core.boilerplate import other_articles_terms
    from tui.core.segment import segment
    from tui.core.text_pool import workers_for

    report = progress or (lambda stage, fraction: None)
    named = distinct_names(documents)
    started = time.monotonic()
    early = preview is None
    if preview is not None and len(named) >= QUICK_PREVIEW_FROM:
        # A first look that does not wait for the story-wide word counts below (seconds at
        # 200 articles): what PREVIEW_AFTER allows of the articles, segmented without them.
        first: list[Article] = []
        while len(first) < QUICK_PREVIEW_ARTICLES and (
            not first or time.monotonic() - started < PREVIEW_AFTER
        ):
            first.append(segment(named[len(first)], f"a{len(first)}"))
        preview(preview_comparison(tuple(first), skipped))
        early = True
    terms = other_articles_terms([d.text for d in named])
    _check(cancelled)
    fork_ok = None if workers != 0 else False  # linking and classify decide, unless told 0
    if workers is None:
        workers = workers_for(named)
    if workers > 0:
        articles, story, facts = _text_stages_pooled(named, terms, workers, report, cancelled)
    else:
        segmented: list[Article] = []
        for n, doc in enumerate(named):
            segmented.append(segment(doc, f"a{n}", terms[n]))
            report("segment", (n + 1) / len(named))
            if not early and n + 1 < len(named) and time.monotonic() - started >= PREVIEW_AFTER:
                early = True
                assert preview is not None
                preview(preview_comparison(tuple(segmented), skipped))
            _check(cancelled)
        articles = tuple(segmented)
    if preview is not None:
        preview(preview_comparison(articles, skipped))
    _check(cancelled)
    from tui.core.align import align_claims
    from tui.core.attribution import cited_sources
    from tui.core.claims import classify
    from tui.core.collector import collector_paused
    from tui.core.facts import extract_facts
    from tui.core.linking import link_facts
    from tui.core.normalise import normalise_story
    from tui.core.story_title import story_title

    # The stages from here build hundreds of thousands of objects that live to the end (links,
    # drafts, claims) and leave almost no cyclic garbage (363 objects at 200 articles), while
    # each of CPython's full collections walks all of them: 7 of them took 2.5 s of CPU at 200
    # articles (docs/performance.md, seventh round). The text pool pauses it the same way.
    with collector_paused():
        if workers == 0:
            story = normalise_story(articles)
            report("normalise", 1.0)
            _check(cancelled)
            facts = extract_facts(story)
        report("facts", 1.0)
        _check(cancelled)
        links = link_facts(facts, check=lambda: _check(cancelled), beside_ok=fork_ok)
        report("match", 1.0)
        _check(cancelled)
        claims = classify(links, check=lambda: _check(cancelled), beside_ok=fork_ok)
        report("classify", 1.0)
        _check(cancelled)
        rows = align_claims(claims)
        report("align", 1.0)
    return Comparison(
        articles=articles,
        claims=claims.claims,
        rows=rows,
        engine_version=ENGINE_VERSION,
        skipped=skipped,
        title=story_title(articles),
        cited_sources=cited_sources(articles),
    )


def _text_stages_pooled(
    documents: Sequence[Document],
    terms: Sequence[OtherTerms],
    workers: int,
    report: Progress,
    cancelled: Callable[[], bool] | None,
) -> tuple[tuple[Article, ...], NormalisedStory, Facts]:
    """Segment, normalise and draft facts on ``workers`` processes, then number the story here:
    the same result as the serial stages (a test compares them)."""
    from tui.core.collector import collector_paused
    from tui.core.facts import facts_from_drafts
    from tui.core.normalise import NormalisedStory
    from tui.core.text_pool import map_articles

    texts = map_articles(
        documents,
        terms,
        workers,
        done=lambda n: report("segment", n / len(documents)),
        check=lambda: _check(cancelled),
    )
    articles = tuple(t.article for t in texts)
    story = NormalisedStory(
        articles,
        tuple(s for t in texts for s in t.sentences),
        tuple(n for t in texts for n in t.norms),
    )
    report("normalise", 1.0)
    with collector_paused():  # as for the later stages (see compare_documents)
        return articles, story, facts_from_drafts(story, [d for t in texts for d in t.drafts])
