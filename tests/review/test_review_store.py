"""ReviewStore on disk: round trip, locations, corrupt files, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core.models import Article
from tui.review import ReviewState, ReviewStore, default_review_path, open_review
from tui.review.store import DATA_DIR_ENV, read_review_file


def _article(aid: str, sha: str, path: str = "") -> Article:
    return Article(aid, path or f"<text {aid}>", aid.upper(), "", "", (), sha)


def _build_state() -> ReviewState:
    state = ReviewState().with_mark("k1", "verified", "Shares rose 7%.")
    state = state.with_note(
        "k1", 'Matches the SEC filing.\nSecond line, ünïcode, "quotes".', "Shares rose 7%."
    )
    state = state.with_mark("k2", "disputed", "The CEO resigned.")
    return state.with_note("k3", "Call the press office.", "Rain fell.")


_STATE = _build_state()


def _state() -> ReviewState:
    # Built once: each build stamps the current second, so two builds can differ by a
    # second on a slow machine and the comparisons below would depend on its speed.
    return _STATE


def test_round_trip_in_a_fresh_store(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    ReviewStore(path).save(_state())
    loaded = ReviewStore(path).load()
    assert loaded.warning is None
    assert loaded.state == _state()
    document = json.loads(path.read_text("utf-8"))
    assert document["version"] == 1 and document["format"] == "triangulate-review"
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]  # no temp file left behind


def test_missing_file_is_an_empty_review_and_is_not_created_by_loading(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "review.json"
    loaded = ReviewStore(path).load()
    assert loaded.state == ReviewState() and loaded.warning is None
    assert not path.exists()


def test_default_path_is_keyed_by_content_hashes_under_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    a, b, c = _article("a0", "aa" * 32), _article("a1", "bb" * 32), _article("a2", "cc" * 32)
    path = default_review_path([a, b])
    assert path.parent == tmp_path / "reviews"
    assert path.suffix == ".json"
    assert default_review_path([b, a]) == path  # order of the inputs does not matter
    assert default_review_path([a, c]) != path
    # Same content under another name or path is the same review.
    assert default_review_path([_article("x", "aa" * 32, "/elsewhere"), b]) == path


def test_reopening_the_same_articles_restores_the_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    articles = [_article("a0", "aa" * 32), _article("a1", "bb" * 32)]
    store, loaded = open_review(articles)
    assert loaded.state.entries == ()
    store.save(_state())
    again, reloaded = open_review(list(reversed(articles)))
    assert again.path == store.path
    assert reloaded.state == _state()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\xff\xfe garbage",
        b'{"format": "something-else", "version": 1, "reviews": []}',
        b'{"format": "triangulate-review", "version": 99, "reviews": []}',
        b'{"format": "triangulate-review", "version": 1, "reviews": [{"key": "k", "mark": "maybe"}]}',
        b'{"format": "triangulate-review", "version": 1, "reviews": {"k": 1}}',
    ],
)
def test_unreadable_file_is_left_byte_identical_and_a_new_file_is_used(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "review.json"
    path.write_bytes(content)
    store = ReviewStore(path)
    loaded = store.load()
    assert loaded.state == ReviewState()
    assert loaded.warning is not None
    assert str(path) in loaded.warning and "left untouched" in loaded.warning
    assert store.path == tmp_path / "review.1.json"
    assert str(store.path) in loaded.warning
    state = _state()  # once: its timestamps are taken from the clock
    store.save(state)
    assert path.read_bytes() == content
    # The next run meets the same broken file, warns again and finds the marks beside it.
    second = ReviewStore(path)
    reloaded = second.load()
    assert second.path == tmp_path / "review.1.json"
    assert reloaded.state == state
    assert reloaded.warning is not None and "restored" in reloaded.warning
    assert path.read_bytes() == content


def test_several_broken_files_are_skipped_in_turn(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_bytes(b"[1, 2")
    (tmp_path / "review.1.json").write_bytes(b"also broken")
    store = ReviewStore(path)
    loaded = store.load()
    assert store.path == tmp_path / "review.2.json"
    assert loaded.warning is not None
    assert (tmp_path / "review.1.json").read_bytes() == b"also broken"


def test_unreadable_because_it_is_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.mkdir()
    store = ReviewStore(path)
    assert store.load().warning is not None
    store.save(_state())
    assert path.is_dir() and ReviewStore(store.path).load().state == _state()


_SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tui.review import ReviewState, ReviewStore

    store = ReviewStore(Path(sys.argv[1]))
    state = ReviewState()
    for n in range(1, 100000):
        # Each version has n entries whose notes are long enough that a write takes a while.
        state = state.with_note(f"k{n}", "x" * 2000 + str(n), f"excerpt {n}")
        store.save(state)
        print(n, flush=True)
    """
)


def test_killing_a_saver_leaves_the_old_or_the_new_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    last_seen = 0
    for attempt in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(path)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert proc.stdout is not None
        # Let it complete a varying number of saves, then kill it wherever it is.
        for _ in range(1 + attempt * 3):
            line = proc.stdout.readline()
            assert line, "saver exited early"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        state, _ = read_review_file(path)  # raises if the file is torn or unparseable
        n = len(state.entries)
        assert n >= 1 + attempt * 3
        # Every entry of the version on disk is complete.
        assert all(e.note == "x" * 2000 + e.key[1:] for e in state.entries)
        assert [e.key for e in state.entries] == [f"k{i}" for i in range(1, n + 1)]
        last_seen = n
    assert last_seen > 0


def test_opening_the_same_articles_under_other_paths_keeps_the_recorded_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story list opens a corpus run's copies of the articles (other paths, or made-up
    # ones for JSONL): same bytes, so the same review file. Saving there must not rewrite
    # the inputs, or an edit of the real file would no longer find the review.
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    story = tmp_path / "story"
    real = [_article("a0", "aa" * 32, str(story / "a.txt")), _article("a1", "bb" * 32, str(story / "b.txt"))]
    store, _ = open_review(real)
    store.save(ReviewState().with_mark("k1", "verified", "Shares rose 7%."))
    copies = [_article("a0", "aa" * 32, "/out/corpus/a.txt"), _article("a1", "bb" * 32, "day.jsonl#7")]
    other, loaded = open_review(copies)
    assert other.path == store.path
    other.save(loaded.state.with_mark("k2", "disputed", "The CEO resigned."))
    document = json.loads(store.path.read_text("utf-8"))
    assert [i["path"] for i in document["inputs"]] == [str(story / "a.txt"), str(story / "b.txt")]

    edited = [_article("a0", "cc" * 32, str(story / "a.txt")), real[1]]
    _, carried = open_review(edited)
    assert carried.notice is not None and str(store.path) in carried.notice
    assert [e.key for e in carried.state.entries] == ["k1", "k2"]


def test_the_fact_is_kept_and_a_file_written_before_it_was_kept_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    state = ReviewState().with_mark("k1", "follow-up", "But Mbappe then scored.", "record (Mbappe)")
    ReviewStore(path).save(state.with_mark("k2", "verified", "But Mbappe then scored.", "But Mbappe scored"))
    loaded = ReviewStore(path).load().state
    assert [(e.key, e.fact) for e in loaded.entries] == [
        ("k1", "record (Mbappe)"),
        ("k2", "But Mbappe scored"),
    ]
    older = {
        "format": "triangulate-review",
        "version": 1,
        "inputs": [],
        "reviews": [{"key": "k1", "mark": "verified", "note": "", "updated": "t", "excerpt": "x"}],
    }
    path.write_text(json.dumps(older), "utf-8")
    entry = ReviewStore(path).load().state.get("k1")
    assert entry is not None and entry.mark == "verified" and entry.fact == ""
