"""The unit of distributed work: compare a batch of stories (runs on a Dask worker).

A task gets its articles' text with it, so workers need no shared filesystem, and returns
each story's comparison as JSON text for the client to write. One bad article is skipped
inside its story; one failing story is reported and the rest of the batch goes on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from tui.core.errors import InputError
from tui.core.ingest import Document, TextInput, load
from tui.core.pipeline import compare_documents
from tui.corpus.records import CorpusArticle

_ENGINE_LOCK = threading.Lock()
"""One comparison at a time per process: the engine shares a stemmer instance that is not
thread-safe, and a Dask worker may run several tasks in threads (``--nthreads``). Processes
(``--nworkers``) are what parallelise comparisons; the GIL would serialise threads anyway."""


@dataclass(frozen=True, slots=True)
class StoryJob:
    id: str
    articles: tuple[CorpusArticle, ...]


@dataclass(frozen=True, slots=True)
class StoryOutcome:
    id: str
    json: str | None
    """The comparison in the JSON contract, or ``None`` when the story failed."""
    error: str | None
    skipped: tuple[tuple[str, str], ...]
    """Articles of the story the engine could not read: ``(article id, reason)``."""


def compare_batch(jobs: list[StoryJob]) -> list[StoryOutcome]:
    return [compare_story(job) for job in jobs]


def compare_story(job: StoryJob) -> StoryOutcome:
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for n, article in enumerate(job.articles):
        try:
            document = article.document or load(TextInput(article.text, article.outlet), n)
        except InputError as exc:
            skipped.append((article.id, exc.reason))
            continue
        # The comparison names each article by its corpus id, so a reader can trace it back.
        documents.append(
            replace(
                document,
                path=article.id,
                source=article.outlet,
                title=article.title,
                url=article.url or document.url,
                date=article.date or document.date,
            )
        )
    if len(documents) < 2:
        return StoryOutcome(job.id, None, "fewer than two readable articles", tuple(skipped))
    try:
        with _ENGINE_LOCK:
            comparison = compare_documents(documents, skipped=tuple(skipped))
    except Exception as exc:  # one story's engine failure must not stop the others
        return StoryOutcome(job.id, None, f"{type(exc).__name__}: {exc}", tuple(skipped))
    return StoryOutcome(job.id, comparison.to_json(indent=None), None, tuple(skipped))
