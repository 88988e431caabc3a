"""Two real reader processes on one review file, as two people (or two terminals) would
have them: each marks a different claim, both quit, and both marks are in the file."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.terminal.pty_session import LiveSession
from tests.ui.conftest import write_story

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(
        TERM="xterm-256color",
        TRIANGULATE_CONFIG_DIR=str(tmp_path / "config"),
        TRIANGULATE_DATA_DIR=str(tmp_path / "data"),
        TRIANGULATE_NO_CACHE="1",
    )
    return env


def _marks(review_dir: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in review_dir.glob("*.json"):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # mid-replace on another filesystem, or not ours: look again
        found.update({r["key"]: r["mark"] for r in document.get("reviews", []) if r.get("mark")})
    return found


def _wait_until(condition: Callable[[], bool], sessions: list[LiveSession], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the expected state never appeared"
        for session in sessions:  # keep their terminals drained while waiting
            session.pump(0.02)


def test_two_readers_marking_different_claims_keep_both_marks(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "story", 3)
    argv = [sys.executable, "-m", "tui", *paths]
    reviews = tmp_path / "data" / "reviews"
    first = LiveSession(argv, _env(tmp_path))
    second = LiveSession(argv, _env(tmp_path))
    sessions = [first, second]
    try:
        # Both have loaded the (empty) review before either saves.
        first.wait_for_output(b"sources")
        second.wait_for_output(b"sources")
        first.type(b"n")  # next conflict
        first.type(b"v")  # verified
        _wait_until(lambda: "verified" in _marks(reviews).values(), sessions)
        second.type(b"s")  # next shared claim: a different claim
        second.type(b"d")  # disputed
        _wait_until(lambda: "disputed" in _marks(reviews).values(), sessions)
        for session in sessions:
            session.type(b"q")
        assert [session.wait_exit() for session in sessions] == [0, 0]
    finally:
        for session in sessions:
            session.kill()
    marks = _marks(reviews)
    assert sorted(marks.values()) == ["disputed", "verified"], marks
    assert len(list(reviews.glob("*.json"))) == 1
    assert not [p for p in reviews.iterdir() if p.name.endswith(".tmp")]
