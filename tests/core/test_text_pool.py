"""The per-article stages on a process pool give exactly what the serial stages give."""

from __future__ import annotations

import mmap
import multiprocessing
import os
import pickle
import signal
import threading
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from bench.synthetic import generate_story
from tui.core import memo
from tui.core.attribution import attributions
from tui.core.boilerplate import content_terms, other_articles_terms
from tui.core.ingest import Document, TextInput, load
from tui.core.json_format import dumps
from tui.core.metadata import distinct_names
from tui.core.normalise import normalise
from tui.core.pipeline import Cancelled, compare_documents
from tui.core.text_pool import (
    _CALLER,
    _STORIES,
    _WORKER,
    CHUNK_ARTICLES,
    ArticleText,
    _claim,
    _dumps,
    _reducers,
    _run,
    article_text,
    map_articles,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _documents() -> list[Document]:
    """The seeds and synthetic articles: three chunks or more, with furniture and quotes."""
    seeds = [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    story = generate_story(2 * CHUNK_ARTICLES, paragraphs=6, seed=3)
    inputs = seeds + [TextInput(a.text, a.name) for a in story.articles]
    return distinct_names(load(item, n) for n, item in enumerate(inputs))


def _serial(documents: list[Document]) -> list[ArticleText]:
    terms = other_articles_terms([d.text for d in documents])
    return [article_text(d, f"a{n}", terms[n]) for n, d in enumerate(documents)]


def _pooled(documents: list[Document], progress: list[int] | None = None) -> list[ArticleText]:
    terms = other_articles_terms([d.text for d in documents])
    return map_articles(
        documents,
        terms,
        1,
        done=(progress.append if progress is not None else lambda n: None),
        check=lambda: None,
    )


def test_pooled_comparison_is_the_serial_one() -> None:
    documents = _documents()
    memo.clear()
    serial = dumps(compare_documents(documents, workers=0))
    memo.clear()
    assert dumps(compare_documents(documents, workers=1)) == serial


def test_pool_results_equal_serial_ones_and_come_from_a_worker() -> None:
    documents = _documents()
    memo.clear()
    progress: list[int] = []
    pooled = _pooled(documents, progress)
    # The first chunk is always a worker's: its results were unpickled here, so they are
    # not the objects this process's memo would hand out.
    first = pooled[0]
    assert first.norms and first.norms[0] is not normalise(first.sentences[0].text)
    memo.clear()
    assert pooled == _serial(documents)
    assert progress == sorted(progress) and progress[-1] == len(documents)


def test_pool_from_a_thread_gives_the_same_results() -> None:
    """The reader calls the engine from a thread while its own threads run."""
    documents = _documents()
    found: list[list[ArticleText]] = []
    busy = threading.Event()
    other = threading.Thread(target=busy.wait)  # another thread alive while workers fork
    other.start()
    thread = threading.Thread(target=lambda: found.append(_pooled(documents)))
    thread.start()
    thread.join()
    busy.set()
    other.join()
    memo.clear()
    assert found == [_serial(documents)]


def test_a_workers_pickled_results_read_back_as_the_same_objects() -> None:
    """A worker pickles its results through each class's constructor (see _reducers): every
    field must be an argument and come back unchanged."""
    memo.clear()
    texts = _serial(_documents())
    for cls in _reducers():
        if is_dataclass(cls):
            assert all(f.init for f in fields(cls)) and not hasattr(cls, "__post_init__"), cls
    back = pickle.loads(_dumps(texts))
    assert back == texts
    assert any(t.cited and any(found for _, found in t.cited) for t in back)  # attributions crossed too


def test_cancelling_stops_the_pool() -> None:
    documents = _documents()
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1  # the check after the story's word counts passes, the pool's first fails

    with pytest.raises(Cancelled):
        compare_documents(documents, workers=1, cancelled=cancelled)
    assert calls == 2


def test_seeded_memo_serves_the_seeded_result_then_keeps_it() -> None:
    memo.clear()
    text = "The ministry said 40 people died, Reuters reported."
    found = attributions(text)
    memo.clear()
    copy = found  # a result the memo no longer holds
    memo.seed(attributions, [((text,), copy)])
    assert attributions(text) is copy
    assert attributions(text) is copy  # kept by the cache like any other result
    other = "Officials said the bridge would reopen."
    planted = tuple(attributions(other))
    memo.clear()
    memo.seed(attributions, [((other,), planted)])
    memo.clear()  # clearing drops seeds not yet asked for
    assert attributions(other) is not planted


@pytest.mark.parametrize(
    "texts",
    [
        [d.text for d in _documents()],
        # Looked up in the other texts as written: a curly apostrophe, a plural, capitals, a
        # word only one article has, and texts whose lower-casing depends on the word ("İ", "Σ").
        [
            "The minister's aides left.",
            "Minister’s AIDES met Ministers.",
            "İstanbul ΟΔΟΣ.ΑΒ bridges",  # "ΟΔΟΣ" lower-cased on its own is "οδος", in the text "οδοσ"
            "Bridge closes in İstanbul; οδος",
            "",
        ],
    ],
)
def test_other_articles_terms_hold_the_words_of_the_other_articles(texts: list[str]) -> None:
    own = [content_terms(t) for t in texts]
    everything = set().union(*own)
    for n, terms in enumerate(other_articles_terms(texts)):
        others = set().union(*(own[:n] + own[n + 1 :]))
        assert {t for t in everything | {"zzz-none"} if t in terms} == others


def test_a_chunk_is_worked_by_the_side_that_claims_it_first() -> None:
    documents = _documents()
    story = (documents, other_articles_terms([d.text for d in documents]))
    claims = mmap.mmap(-1, 2)
    _STORIES[-1] = (story, claims)
    try:
        # A chunk the caller has claimed (one the pool had queued for a worker) is left to it.
        assert _claim(claims, 1, _CALLER)
        assert _run(-1, CHUNK_ARTICLES, 2 * CHUNK_ARTICLES) == b""
        # A chunk a worker has started is not the caller's to take.
        done = pickle.loads(_run(-1, 0, CHUNK_ARTICLES))
        assert claims[0] == _WORKER
        assert not _claim(claims, 0, _CALLER)
        assert done == _serial(documents)[:CHUNK_ARTICLES]
    finally:
        del _STORIES[-1]


# Python 3.11's pool, once broken, sets an exception on every pending future, cancelled ones
# too, and its manager thread reports the refusal (3.12 ignores it); the pool is gone anyway.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_dead_worker_leaves_its_chunks_to_this_process() -> None:
    documents = _documents()
    terms = other_articles_terms([d.text for d in documents])
    killed: list[int] = []

    def check() -> None:
        if not killed:
            for child in multiprocessing.active_children():
                try:
                    os.kill(child.pid or 0, signal.SIGKILL)
                except ProcessLookupError:
                    continue  # a child (of an earlier pool) that has already exited
                killed.append(child.pid or 0)

    memo.clear()
    texts = map_articles(documents, terms, 1, done=lambda n: None, check=check)
    assert killed
    memo.clear()
    assert texts == _serial(documents)


def test_overlapping_pauses_turn_the_collector_back_on_only_at_the_last_end() -> None:
    """The reader's cache load and an analysis's pool may pause the collector at once."""
    import gc

    from tui.core.collector import collector_paused

    assert gc.isenabled()
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first to pause ends first
    assert not gc.isenabled(), "still paused for the other"
    second.__exit__(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "left off when it was off before"
    finally:
        gc.enable()
