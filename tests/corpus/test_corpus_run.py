"""Corpus mode end to end on a LocalCluster: stories, outputs, bad input, reruns."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from tests.corpus.conftest import write_corpus
from tui.corpus.output import read_table, story_path
from tui.corpus.run import CorpusOptions, CorpusResult, run_corpus
from tui.corpus.synthetic_corpus import SyntheticCorpus, generate_corpus

ROOT = Path(__file__).resolve().parents[2]
BAD_LINES = (
    "{not json",
    json.dumps({"id": "empty-one", "text": "   ", "outlet": "Nobody"}),
    json.dumps({"text": "An article without an id."}),
)


def purity_and_completeness(result: CorpusResult, corpus: SyntheticCorpus) -> tuple[float, float]:
    event_of = corpus.event_of()
    story_of: dict[str, str] = {}
    pure = total = 0
    for row in result.stories:
        members = [*row.articles, *row.folded]
        event, count = Counter(event_of[m] for m in members).most_common(1)[0]
        pure += count if event is not None else 0
        total += len(members)
        story_of.update((m, row.id) for m in members)
    found = expected = 0
    for event_members in corpus.stories().values():
        hits = Counter(story_of[m] for m in event_members if m in story_of)
        found += max(hits.values(), default=0)
        expected += len(event_members)
    return pure / total, found / expected


@pytest.fixture(scope="module")
def first_run(
    corpus: SyntheticCorpus, dask_client: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, CorpusResult]:
    base = tmp_path_factory.mktemp("corpus")
    source = write_corpus(corpus, base / "articles.jsonl", BAD_LINES)
    outdir = base / "out"
    return source, outdir, run_corpus([source], outdir, client=dask_client)


def test_stories_match_the_known_events(
    first_run: tuple[Path, Path, CorpusResult], corpus: SyntheticCorpus
) -> None:
    _, _, result = first_run
    purity, completeness = purity_and_completeness(result, corpus)
    assert purity >= 0.95
    assert completeness >= 0.95
    assert len(result.stories) >= 0.8 * len(corpus.stories())
    for row in result.stories:
        assert len(set(row.sources)) >= 2


def test_syndicated_copies_are_folded(
    first_run: tuple[Path, Path, CorpusResult], corpus: SyntheticCorpus
) -> None:
    _, _, result = first_run
    copies = {i.id for i in corpus.items if i.copy_of is not None and i.event in corpus.stories()}
    folded = {f for row in result.stories for f in row.folded}
    compared = {a for row in result.stories for a in row.articles}
    assert copies, "the generated corpus has syndicated copies and updates"
    # A copy and its original never both reach the engine: one is folded into the other.
    originals = {i.copy_of for i in corpus.items if i.id in copies}
    assert not any(i.id in compared and i.copy_of in compared for i in corpus.items if i.id in copies)
    assert folded & (copies | originals)


def test_bad_lines_are_reported_and_the_rest_read(
    first_run: tuple[Path, Path, CorpusResult], corpus: SyntheticCorpus
) -> None:
    source, _, result = first_run
    assert result.articles == len(corpus.items)
    reasons = dict(result.skipped)
    n = len(corpus.items)
    assert reasons[f"{source}:{n + 1}"] == "not a JSON object"
    assert reasons[f"{source}:{n + 2} (empty-one)"] == "no article 'text'"
    assert reasons[f"{source}:{n + 3}"] == "no string 'id'"
    assert result.failed == ()


def test_outputs_follow_the_documented_schemas(first_run: tuple[Path, Path, CorpusResult]) -> None:
    _, outdir, result = first_run
    table = pq.read_table(outdir / "stories.parquet")
    assert table.column_names == [
        "id",
        "title",
        "articles",
        "folded",
        "sources",
        "dates",
        "shared",
        "unique",
        "conflicts",
        "top_conflicts",
    ]
    assert table.num_rows == len(result.stories)
    assert read_table(outdir) == list(result.stories)
    validator = Draft202012Validator(json.loads((ROOT / "docs" / "json-schema.json").read_text()))
    for row in result.stories:
        data = json.loads(story_path(outdir, row.id).read_text(encoding="utf-8"))
        validator.validate(data)
        assert [a["path"] for a in data["articles"]] == list(row.articles)
        labels = Counter(c["label"] for c in data["claims"])
        assert (row.shared, row.unique, row.conflicts) == (
            labels["shared"],
            labels["unique"],
            labels["conflict"],
        )
        assert len(row.top_conflicts) == min(3, row.conflicts)
    conflicts = [r.conflicts for r in result.stories]
    assert conflicts == sorted(conflicts, reverse=True)
    assert any(conflicts), "the generated corpus plants altered figures"


def test_a_rerun_reuses_finished_stories_and_redoes_a_damaged_one(
    first_run: tuple[Path, Path, CorpusResult], dask_client: Any
) -> None:
    source, outdir, first = first_run
    damaged = story_path(outdir, first.stories[0].id)
    damaged.write_text("{torn", encoding="utf-8")
    kept = story_path(outdir, first.stories[1].id)
    before = kept.read_bytes()
    second = run_corpus([source], outdir, CorpusOptions(fmt="jsonl"), client=dask_client)
    assert second.reused == len(first.stories) - 1
    assert second.compared == 1
    assert kept.read_bytes() == before
    assert json.loads(damaged.read_text(encoding="utf-8"))["schema"].startswith("triangulate/")
    assert sorted(second.stories, key=lambda r: r.id) == sorted(first.stories, key=lambda r: r.id)
    assert second.table == outdir / "stories.jsonl"


def test_single_process_mode_gives_the_same_stories(
    first_run: tuple[Path, Path, CorpusResult], tmp_path: Path
) -> None:
    source, _, first = first_run
    again = run_corpus([source], tmp_path / "serial", CorpusOptions(workers=0))
    assert again.stories == first.stories


def test_a_story_per_folder_layout_is_explained_when_no_story_is_found(tmp_path: Path) -> None:
    """devset/STORY/OUTLET.txt reads each story folder as one outlet: the run says so and how to fix it."""
    root = tmp_path / "devset"
    for item in generate_corpus(40, seed=2).items:
        path = root / str(item.event) / f"{item.outlet}.txt"
        if item.event is not None and item.copy_of is None and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(item.text, encoding="utf-8")
    folders = len(list(root.iterdir()))
    result = run_corpus([root], tmp_path / "out", CorpusOptions(workers=0))
    assert result.stories == ()
    layout, why = result.notes
    assert layout.startswith(f"{root} was read as OUTLET/ARTICLE files (the first folder under it names")
    assert f"from {folders} outlets" in layout
    assert "with file names as outlets (STORY/OUTLET files) they would make" in layout
    assert why.startswith("a story needs similar articles from at least two outlets")
    saved = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert saved["notes"] == [layout, why]


def test_story_titles_are_the_comparisons_neutral_titles(tmp_path: Path) -> None:
    """Not one outlet's headline, which takes its side of a conflict: what most headlines share."""
    source = write_corpus(generate_corpus(40, seed=2), tmp_path / "in.jsonl")
    result = run_corpus([source], tmp_path / "out", CorpusOptions(workers=0))
    assert result.stories
    for row in result.stories:
        saved = json.loads(story_path(tmp_path / "out", row.id).read_text(encoding="utf-8"))
        assert row.title == saved["title"]
        assert row.title.startswith(f"{len(row.articles)} sources")
