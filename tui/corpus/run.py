"""Drive corpus mode: read, group into stories, compare each story on Dask, write outputs.

Grouping runs in the client (it needs every article's vector at once and costs about a
millisecond an article); comparisons, the expensive part, run as Dask tasks of batches of
stories (partitions of articles, not one task per story or pair). A story whose
``stories/<id>.json`` a previous run wrote with the same engine version is reused as is.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.pipeline import ENGINE_VERSION
from tui.corpus.grouping import GroupingSettings, Story, group_stories
from tui.corpus.output import (
    OutputError,
    StoryRow,
    TableFormat,
    counts_and_conflicts,
    story_path,
    write_run_log,
    write_story,
    write_table,
)
from tui.corpus.records import CorpusArticle, read_corpus, tree_articles, tree_layout
from tui.corpus.story_list import story_order
from tui.corpus.work import StoryJob, StoryOutcome, compare_batch

if TYPE_CHECKING:
    from distributed import Client

Log = Callable[[str], None]
Progress = Callable[[int, int], None]
"""Called with stories done and stories to do."""


@dataclass(frozen=True, slots=True)
class CorpusOptions:
    fmt: TableFormat = "parquet"
    workers: int | None = None
    """Local Dask workers (default: one per core); 0 compares in this process, without Dask."""
    scheduler: str | None = None
    """``tcp://HOST:PORT`` of an existing Dask scheduler instead of a local cluster."""
    grouping: GroupingSettings = field(default_factory=GroupingSettings)
    batch_articles: int = 120
    """Articles per task, at most: big enough to hide scheduling cost, small enough to balance."""


@dataclass(frozen=True, slots=True)
class CorpusResult:
    articles: int
    stories: tuple[StoryRow, ...]
    reused: int
    compared: int
    failed: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    table: Path
    seconds: dict[str, float]
    notes: tuple[str, ...] = ()
    """Why a run found no story: how its inputs were read."""


def run_corpus(
    inputs: Sequence[str | Path],
    outdir: Path,
    options: CorpusOptions | None = None,
    *,
    client: Client | None = None,
    log: Log | None = None,
    progress: Progress | None = None,
) -> CorpusResult:
    """Run corpus mode; ``client`` overrides ``options.scheduler``/``workers`` (tests pass one)."""
    options = options or CorpusOptions()
    say = log or (lambda message: None)
    tick = progress or (lambda done, total: None)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    read = read_corpus(inputs)
    seconds["read"] = time.perf_counter() - started
    articles = read.articles
    say(f"read {len(articles)} articles" + (f", skipped {len(read.skipped)} inputs" if read.skipped else ""))
    mark = time.perf_counter()
    stories = group_stories(articles, options.grouping)
    seconds["group"] = time.perf_counter() - mark
    say(f"found {len(stories)} stories")

    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot create ({exc.strerror or exc})") from None
    rows: dict[str, StoryRow] = {}
    todo: list[Story] = []
    for story in stories:
        saved = _reusable(outdir, story.id)
        if saved is None:
            todo.append(story)
        else:
            rows[story.id] = _row(story, articles, saved)
    reused = len(rows)
    if reused:
        say(f"reusing {reused} stories a previous run finished")

    mark = time.perf_counter()
    failed: list[tuple[str, str]] = []
    skipped = list(read.skipped)
    by_id = {s.id: s for s in stories}
    tick(0, len(todo))
    outcomes = _execute(_batches(todo, articles, options), options, client, say, seconds)
    for done, outcome in enumerate(outcomes, 1):
        skipped.extend(outcome.skipped)
        if outcome.json is None:
            failed.append((outcome.id, outcome.error or "failed"))
        else:
            write_story(outdir, outcome.id, outcome.json)
            rows[outcome.id] = _row(by_id[outcome.id], articles, json.loads(outcome.json))
        tick(done, len(todo))
    seconds["compare"] = time.perf_counter() - mark

    notes = () if stories else _no_story_notes(inputs, articles, options.grouping)
    ordered = sorted(rows.values(), key=story_order)
    table = write_table(outdir, ordered, options.fmt)
    seconds["total"] = time.perf_counter() - started
    write_run_log(
        outdir,
        {
            "articles": len(articles),
            # Articles read but in no story (one outlet's coverage, off-topic) are the difference.
            "articles_in_stories": sum(len(s.members) + len(s.folded) for s in stories),
            "stories": len(ordered),
            "reused": reused,
            "compared": len(todo) - len(failed),
            "failed": [{"story": s, "reason": r} for s, r in failed],
            "skipped": [{"input": w, "reason": r} for w, r in skipped],
            "seconds": {k: round(v, 3) for k, v in seconds.items()},
            "notes": list(notes),
        },
    )
    return CorpusResult(
        len(articles),
        tuple(ordered),
        reused,
        len(todo) - len(failed),
        tuple(failed),
        tuple(skipped),
        table,
        seconds,
        notes,
    )


def _no_story_notes(
    inputs: Sequence[str | Path], articles: Sequence[CorpusArticle], settings: GroupingSettings
) -> tuple[str, ...]:
    notes = []
    for root in (Path(i) for i in inputs if Path(i).is_dir()):
        under = tree_articles(root, articles)
        if under:
            # A folder per story (devset/story/outlet.txt) reads as one outlet per story.
            renamed = [replace(a, outlet=Path(a.id).stem) for a in under]
            notes.append(tree_layout(root, under, len(group_stories(renamed, settings))))
    outlets = len({a.outlet for a in articles})
    notes.append(
        f"a story needs similar articles from at least two outlets; {len(articles)} articles came "
        f"from {outlets} outlet{'s' if outlets != 1 else ''} (docs/corpus.md: Inputs, How stories are found)"
    )
    return tuple(notes)


def _reusable(outdir: Path, story_id: str) -> dict[str, Any] | None:
    path = story_path(outdir, story_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = (
        isinstance(data, dict)
        and str(data.get("schema", "")).startswith("triangulate/")
        and data.get("engine_version") == ENGINE_VERSION
    )
    return data if ok else None


def _row(story: Story, articles: Sequence[CorpusArticle], data: dict[str, Any]) -> StoryRow:
    members = [articles[i] for i in story.members]
    everyone = members + [articles[i] for i, _ in story.folded]
    shared, unique, conflicts, top = counts_and_conflicts(data)
    # The comparison's own title: what most headlines share, as the reader names a story
    # (one outlet's headline would take its side of a conflict). Older files may lack it.
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        titles = Counter(a.title for a in members if a.title)
        title = titles.most_common(1)[0][0] if titles else ""
    return StoryRow(
        id=story.id,
        title=title,
        articles=tuple(a.id for a in members),
        folded=tuple(articles[i].id for i, _ in story.folded),
        sources=tuple(dict.fromkeys(a.outlet for a in members)),
        dates=tuple(sorted({a.date for a in everyone if a.date})),
        shared=shared,
        unique=unique,
        conflicts=conflicts,
        top_conflicts=top,
    )


def _batches(
    todo: Sequence[Story], articles: Sequence[CorpusArticle], options: CorpusOptions
) -> list[list[StoryJob]]:
    """Stories packed largest first into tasks of at most ``batch_articles`` articles."""
    batches: list[list[StoryJob]] = []
    current: list[StoryJob] = []
    size = 0
    for story in sorted(todo, key=lambda s: -len(s.members)):
        if current and size + len(story.members) > options.batch_articles:
            batches.append(current)
            current, size = [], 0
        current.append(StoryJob(story.id, tuple(articles[i] for i in story.members)))
        size += len(story.members)
    if current:
        batches.append(current)
    return batches


def _execute(
    batches: list[list[StoryJob]],
    options: CorpusOptions,
    client: Client | None,
    say: Log,
    seconds: dict[str, float],
) -> Iterator[StoryOutcome]:
    if not batches:
        return
    if client is None and options.scheduler is None and options.workers == 0:
        for batch in batches:
            yield from compare_batch(batch)
        return
    from distributed import Client, LocalCluster, as_completed

    # distributed's constructors carry no annotations; mypy --strict would refuse each call.
    own_cluster: LocalCluster | None = None
    own_client: Client | None = None
    mark = time.perf_counter()
    if client is None:
        if options.scheduler is not None:
            own_client = Client(options.scheduler)  # type: ignore[no-untyped-call]
        else:
            own_cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=options.workers,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            )
            own_client = Client(own_cluster)  # type: ignore[no-untyped-call]
        client = own_client
    seconds["cluster_start"] = time.perf_counter() - mark
    try:
        dashboard = _dashboard(client)
        if dashboard:
            say(f"Dask dashboard: {dashboard}")
        futures = client.map(compare_batch, batches, pure=False)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            try:
                outcomes: list[StoryOutcome] = future.result()
            except Exception as exc:  # a lost worker or a task that could not run at all
                reason = f"task failed: {type(exc).__name__}: {exc}"
                outcomes = [StoryOutcome(job.id, None, reason, ()) for job in batches[futures.index(future)]]
            yield from outcomes
            future.release()
    finally:
        if own_client is not None:
            own_client.close()  # type: ignore[no-untyped-call]
        if own_cluster is not None:
            own_cluster.close()


def _dashboard(client: Client) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
        return str(client.dashboard_link) if "dashboard" in services else None
    except (KeyError, OSError):
        return None


__all__ = ["CorpusOptions", "CorpusResult", "OutputError", "run_corpus"]
