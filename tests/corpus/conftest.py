"""Fixtures for corpus mode: a generated multi-story corpus and an in-process Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.corpus.synthetic_corpus import SyntheticCorpus, generate_corpus

CORPUS_SIZE = 160


@pytest.fixture(scope="session")
def corpus() -> SyntheticCorpus:
    return generate_corpus(CORPUS_SIZE, seed=7)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    """Workers as threads of this process; scheduler, workers and dashboard on 127.0.0.1 only."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def write_corpus(corpus: SyntheticCorpus, path: Path, extra_lines: tuple[str, ...] = ()) -> Path:
    corpus.write_jsonl(path)
    with path.open("a", encoding="utf-8") as handle:
        for line in extra_lines:
            handle.write(line + "\n")
    return path
