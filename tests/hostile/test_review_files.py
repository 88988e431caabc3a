"""Review files from elsewhere: absurd nesting, huge numbers, FIFOs, and temporaries a
killed writer left. Each is reported, left untouched, and never breaks a comparison."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.hostile.bounded import finishes
from tests.hostile.cli_run import ROOT
from tui.core.models import Article
from tui.review import ReviewStore, open_review
from tui.review.store import DATA_DIR_ENV, find_predecessor

DEEP = b'{"format": "triangulate-review", "version": 1, "reviews": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
LONG_NUMBER = b'{"format": "triangulate-review", "version": ' + b"9" * 5000 + b', "reviews": []}'


def _article(aid: str, sha: str, path: str) -> Article:
    return Article(aid, path, aid.upper(), "", "", (), sha)


@pytest.mark.parametrize("content", [DEEP, LONG_NUMBER], ids=["nested 100000 deep", "5000-digit number"])
def test_an_absurd_review_file_is_reported_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "review.json"
    path.write_bytes(content)
    store, loaded = open_review([_article("a", "1" * 64, "/x/a.txt")], path)
    assert loaded.warning is not None and "left untouched" in loaded.warning
    assert store.path != path
    store.save(loaded.state.with_mark("k", "verified", "x"))
    assert path.read_bytes() == content


@pytest.mark.parametrize("content", [DEEP, LONG_NUMBER], ids=["nested 100000 deep", "5000-digit number"])
def test_an_absurd_file_among_the_reviews_does_not_break_new_comparisons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    (reviews / "0000000000000000.json").write_bytes(content)
    articles = [_article("a", "2" * 64, "/x/a.txt"), _article("b", "3" * 64, "/x/b.txt")]
    _store, loaded = open_review(articles)
    assert loaded.warning is None and not loaded.state.entries
    assert find_predecessor(articles, reviews) is None


def test_a_fifo_review_file_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "review.json"
    os.mkfifo(fifo)
    store, loaded = finishes(lambda: open_review([_article("a", "4" * 64, "/x/a.txt")], fifo))
    assert loaded.warning is not None and "FIFO" in loaded.warning
    assert store.path != fifo


_BLOCKED_SAVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from tui.review import ReviewState, ReviewStore

    real_replace = os.replace
    def stuck(src, dst):
        print("temporary written", flush=True)
        sys.stdin.read()  # wait here, temporary on disk, until killed
        real_replace(src, dst)
    os.replace = stuck
    store = ReviewStore(Path(sys.argv[1]))
    store.save(ReviewState().with_mark("k", "verified", "x"))
    """
)


def _stuck_saver(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _BLOCKED_SAVER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "temporary written"
    return proc


def test_temporaries_of_a_killed_saver_are_cleaned_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    for _ in range(3):
        proc = _stuck_saver(path)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            assert stream is not None
            stream.close()
    stale = [p.name for p in tmp_path.iterdir()]
    assert len(stale) == 3 and all(name.endswith(".tmp") for name in stale), stale
    (tmp_path / ".notes.txt.tmp").write_text("not ours")  # not named like ours: kept
    ReviewStore(path).load()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.tmp"]


def test_a_live_writers_temporary_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    proc = _stuck_saver(path)
    try:
        ReviewStore(path).load()
        assert len([p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]) == 1
    finally:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.close()  # lets it finish its rename
        proc.wait(60)
        proc.stdout.close()
    assert path.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
