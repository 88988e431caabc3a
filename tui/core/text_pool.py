"""The per-article text stages on every core, for stories large enough to pay for it.

Segmenting, normalising, drafting facts and finding cited sources are functions of one
article (given the story's word counts, worked out beforehand in the parent): a process pool
runs them on chunks of articles and the parent puts the story together (numbering sentences
and facts, which needs all of them). Threads would not help: this is pure Python under the
interpreter lock. The workers inherit the documents by the fork and pickle their results back
(see :func:`_dumps`), which costs under a tenth of the work they save; still, small stories
stay serial (see :func:`workers_for`).

Workers are forked from this process, also when other threads run (the reader calls the
engine from one): :mod:`tui.core.forking` says why fork and what that asks of a worker (here,
to run the text stages on its own queues, made by this thread before the fork). Where there
is no ``fork`` (Windows) the stages stay serial.
"""

from __future__ import annotations

import copyreg
import io
import itertools
import mmap
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from tui.core import memo
from tui.core.boilerplate import OtherTerms
from tui.core.collector import collector_paused
from tui.core.forking import fork_pool, spare_cores
from tui.core.ingest import Document
from tui.core.models import Article, Sentence

if TYPE_CHECKING:
    from concurrent.futures import Future

    from tui.core.attribution import Attribution
    from tui.core.facts import Draft
    from tui.core.normalise import Normalised

# The stages themselves are imported where they run: compare() asks workers_for() before it
# segments, and a small story's articles should be on screen before the value grammar and
# numpy (which the later stages bring) are loaded.

POOL_FROM_CHARS = 300_000
"""Stories with fewer characters (about 40 articles of 40 paragraphs) are analysed in one
process: measured on two cores (docs/performance.md), the second core saves a few tenths of
a second at 25 articles, and pickling the worker's results back costs a tenth to a fifth of it."""
CHUNK_ARTICLES = 3
"""Articles per task: small, so that this process and the workers meet closely at the end (see
:func:`map_articles`); a task carries no text (see :data:`_STORIES`), and pickling results
costs the same per article in any size of chunk."""
MAX_WORKERS = 8
WAIT = 0.1
"""Seconds between checks of the caller's ``cancelled()`` while the workers run."""


@dataclass(frozen=True, slots=True)
class ArticleText:
    """One article through the per-article stages."""

    article: Article
    sentences: tuple[Sentence, ...]
    """Its content sentences (those :func:`normalise_article` keeps)."""
    norms: tuple[Normalised, ...]
    drafts: tuple[tuple[Draft, ...], ...]
    """The facts each content sentence states, before story-wide numbering."""
    cited: tuple[tuple[str, tuple[Attribution, ...]], ...]
    """:func:`attributions` of each distinct sentence text outside page furniture, which the
    later stages ask for: handed to the parent's memo so it is not worked out again there."""


def article_text(document: Document, article_id: str, terms: OtherTerms) -> ArticleText:
    """What the per-article stages make of one document."""
    from tui.core.attribution import attributions
    from tui.core.facts import draft_facts
    from tui.core.normalise import normalise_article
    from tui.core.segment import segment

    article = segment(document, article_id, terms)
    sentences, norms = normalise_article(article)
    drafts = tuple(draft_facts(s.text, n) for s, n in zip(sentences, norms, strict=True))
    texts = dict.fromkeys(s.text for p in article.paragraphs if p.kind != "boilerplate" for s in p.sentences)
    cited = tuple((text, attributions(text)) for text in texts)
    return ArticleText(article, sentences, norms, drafts, cited)


def workers_for(documents: Sequence[Document]) -> int:
    """How many worker processes to use for these documents besides this one (0: none)."""
    if sum(len(d.text) for d in documents) < POOL_FROM_CHARS:
        return 0
    return min(spare_cores(), MAX_WORKERS, len(documents) // CHUNK_ARTICLES)


_Story = tuple[Sequence[Document], Sequence[OtherTerms]]
_STORIES: dict[int, tuple[_Story, mmap.mmap]] = {}
"""The documents and word sets of each :func:`map_articles` call in progress, by a number of
its own, with its chunks' claims (see :func:`_claim`). Its workers are forked while the call
runs, so they hold them already: a task is the call's number and a range of articles, not the
articles (and the story's word set) pickled."""
_WORKER, _CALLER = 1, 2
"""Who claimed a chunk, one byte per chunk in memory shared with the workers (0: no one)."""
_NUMBERS = itertools.count()


def _texts(story: _Story, start: int, end: int, check: Callable[[], None] | None = None) -> list[ArticleText]:
    """Articles ``start`` to ``end`` of the story; ``check`` runs before each (in this process),
    so a cancel is prompt."""
    documents, terms = story
    done: list[ArticleText] = []
    for n in range(start, end):
        if check is not None:
            check()
        done.append(article_text(documents[n], f"a{n}", terms[n]))
    return done


def _run(number: int, start: int, end: int) -> bytes:
    """One chunk in a worker, pickled here (see :func:`_dumps`); nothing (``b""``) when the
    caller has claimed it."""
    story, claims = _STORIES[number]
    if not _claim(claims, start // CHUNK_ARTICLES, _WORKER):
        return b""
    return _dumps(_texts(story, start, end))


def _claim(claims: mmap.mmap, chunk: int, who: int) -> bool:
    """Claim a chunk for ``who`` unless the other side has. The pool moves a task to its
    workers' queue before a worker starts it, and from then on the caller cannot cancel it:
    where the two sides met, the caller waited for up to three chunks queued for the worker
    (0.17-0.2 s of the 2.9 s at 200 articles, measured). A claim lets the caller take those
    too. A worker and the caller reading 0 at the same moment both do the chunk: the same
    result twice, and the caller keeps its own."""
    if claims[chunk]:
        return False
    claims[chunk] = who
    return True


@lru_cache(maxsize=1)
def _reducers() -> dict[type, Callable[[Any], Any]]:
    """Pickle the frozen dataclasses of a chunk's results as a call of their constructor.

    By default a frozen dataclass with slots pickles its fields as a list and unpickles through
    ``dataclasses``' ``__setstate__``, which asks ``fields()`` again for every object: half of
    the time of taking a worker's results in (some 2,000 objects a chunk). Every field of these
    classes is an argument of ``__init__`` and none has a ``__post_init__``, so the constructor
    rebuilds the same object (a test holds them to that)."""
    from tui.core.attribution import Attribution
    from tui.core.models import Article, Paragraph, Sentence
    from tui.core.normalise import Normalised
    from tui.core.values import Value

    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for cls in (ArticleText, Article, Paragraph, Sentence, Normalised, Value, Attribution):
        table[cls] = _constructor_call(cls)
    return table


def _constructor_call(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    values = attrgetter(*(f.name for f in fields(cls)))
    return lambda obj: (cls, values(obj))


def _dumps(texts: list[ArticleText]) -> bytes:
    """A worker's results, pickled with :func:`_reducers` (``pickle.loads`` reads them back). The
    worker hands the pool these bytes, which it sends on as they are, and this process unpickles
    them in its own thread, not in the pool's result thread, which would contend with it."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(texts)
    return buffer.getvalue()


def map_articles(
    documents: Sequence[Document],
    terms: Sequence[OtherTerms],
    workers: int,
    *,
    done: Callable[[int], None],
    check: Callable[[], None],
) -> list[ArticleText]:
    """:func:`article_text` of every document (as ``a0``, ``a1``, …), in order, on ``workers``
    processes and this one. ``done`` is told how many articles are finished as chunks finish;
    ``check`` is called between chunks and every :data:`WAIT` seconds while waiting, and may
    raise to cancel: the chunks not started are dropped and the exception passes on. If no
    worker can be started, or one dies, this process does the chunks left. What a worker
    found of the cited sources goes into this process's memo, for the later stages."""
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    # Loaded before the fork, so every worker inherits them rather than loading its own.
    import tui.core.attribution
    import tui.core.facts
    import tui.core.normalise
    import tui.core.segment  # noqa: F401

    no_pool = (OSError, ImportError, ValueError, NotImplementedError, BrokenProcessPool)
    story = (documents, terms)
    number = next(_NUMBERS)
    tasks = [
        (start, min(start + CHUNK_ARTICLES, len(documents)))
        for start in range(0, len(documents), CHUNK_ARTICLES)
    ]
    # Anonymous memory that stays shared across the fork (MAP_SHARED where there is fork).
    claims = mmap.mmap(-1, max(1, len(tasks)))
    _STORIES[number] = (story, claims)  # before the pool forks its workers (at the first submit)
    results: list[list[ArticleText] | None] = [None] * len(tasks)
    futures: list[Future[bytes]] = []
    # Unpickling the workers' results makes hundreds of thousands of objects; with the
    # collector on, each batch of them sets off a collection that walks all the earlier ones
    # (it doubled the cost of taking them in).
    with collector_paused():
        executor = None
        try:
            executor = fork_pool(workers)
            futures = [executor.submit(_run, number, start, end) for start, end in tasks]

            def collect() -> None:
                for n, future in enumerate(futures):
                    if results[n] is None and future.done() and not future.cancelled():
                        results[n] = chunk = pickle.loads(future.result())
                        _seed_memos(chunk)  # a chunk done here left its answers in the memo itself
                done(sum(len(r) for r in results if r is not None))

            # This process works too, on chunks from the end that no worker has started (a
            # chunk taken here is never pickled): those the pool has not handed on it cancels,
            # those queued for a worker it claims (see _claim). The workers take them from the
            # front, and the first is always theirs. Where the two meet, this process waits for
            # the chunks the workers have in hand: hence small chunks.
            last = len(tasks) - 1
            while last > 0 and (futures[last].cancel() or _claim(claims, last, _CALLER)):
                results[last] = _texts(story, *tasks[last], check)
                last -= 1
                collect()
            waiting = set(futures[: last + 1])
            while waiting:
                check()
                _, waiting = concurrent.futures.wait(waiting, timeout=WAIT, return_when="FIRST_COMPLETED")
                collect()
        except no_pool:
            pass  # no processes here (no fork, no sem_open, a process limit) or a worker died: see below
        finally:
            if executor is not None:
                executor.shutdown(wait=all(f.done() for f in futures), cancel_futures=True)
            del _STORIES[number]
            claims.close()
    for n, (start, end) in enumerate(tasks):
        if results[n] is None:  # what the pool could not do is done here, the same way
            results[n] = _texts(story, start, end, check)
            done(sum(len(r) for r in results if r is not None))
    return [text for chunk in results if chunk is not None for text in chunk]


def _seed_memos(texts: Sequence[ArticleText]) -> None:
    """Hand this process's memos what a worker worked out and the later stages ask for."""
    from tui.core.attribution import attributions

    memo.seed(attributions, (((text,), found) for t in texts for text, found in t.cited))
