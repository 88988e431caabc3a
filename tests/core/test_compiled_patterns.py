"""Patterns built from stored code (tui/core/patterns.py) are the patterns ``re`` compiles,
and a missing, foreign or damaged store only costs a compile."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import attribution, boilerplate, normalise, patterns, segment, values

ROOT = Path(__file__).resolve().parents[2]


def _module_patterns() -> list[re.Pattern[str]]:
    found = []
    for module in (values, attribution, boilerplate, normalise, segment):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(v for v in value if isinstance(v, re.Pattern))
    return found


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store of this test's own, read afresh."""
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_added", False)
    return patterns.store_path()


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> bool:
    return a == b and a.groups == b.groups and a.groupindex == b.groupindex


def test_the_core_patterns_are_what_re_compiles() -> None:
    found = _module_patterns()
    assert len(found) > 60
    for pattern in found:
        assert _same(pattern, re.compile(pattern.pattern, pattern.flags)), pattern.pattern


def test_stored_patterns_build_equal_patterns(store: Path) -> None:
    texts = [(p.pattern, p.flags & ~re.UNICODE) for p in _module_patterns()]
    first = [patterns.compiled(text, flags) for text, flags in texts]
    patterns.save_compiled()
    assert store.is_file()
    patterns._stored = None  # a new process: everything comes from the file
    again = [patterns.compiled(text, flags) for text, flags in texts]
    for (text, flags), a, b in zip(texts, first, again, strict=True):
        assert _same(a, re.compile(text, flags)) and _same(b, a), text
    figure = patterns.compiled(values._FIGURE.pattern, re.IGNORECASE | re.VERBOSE)
    found = figure.search("paid $5 million")
    assert found is not None and found.group("camount") == "5"


def test_a_second_process_finds_every_pattern_stored(tmp_path: Path) -> None:
    """The first report stores the core's patterns; the next one adds none, so it does not
    write the file again, and its report is the same."""
    env = dict(os.environ, TRIANGULATE_CACHE_DIR=str(tmp_path), TRIANGULATE_NO_CACHE="1")
    command = [sys.executable, "-m", "tui", "report", str(ROOT / "seeds"), "--format", "json"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True).stdout
    path = tmp_path / "patterns" / f"{sys.implementation.cache_tag}.marshal"
    written = path.stat()
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True).stdout
    assert second == first
    assert path.stat().st_ino == written.st_ino and path.stat().st_mtime_ns == written.st_mtime_ns


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps([1, 2, 3]),
        marshal.dumps({"format": 1, "interpreter": "another python", "patterns": {}}),
    ],
    ids=["garbage", "wrong shape", "another interpreter"],
)
def test_an_unusable_store_is_ignored(store: Path, content: bytes) -> None:
    store.parent.mkdir(parents=True)
    store.write_bytes(content)
    built = patterns.compiled(r"\b(?P<n>\d+) (?:km|miles)\b", re.IGNORECASE)
    assert _same(built, re.compile(r"\b(?P<n>\d+) (?:km|miles)\b", re.IGNORECASE))


def test_a_damaged_entry_is_compiled_again_and_replaced(store: Path) -> None:
    text = r"(?P<a>\d+)-(?P<b>\d+)"
    entry = patterns.compiled_form(text, 0)
    assert entry is not None
    flags, _code, groups, names, by_index = entry
    damaged = {(text, 0): (flags, [999_999, 1, 2], groups, names, by_index)}
    store.parent.mkdir(parents=True)
    store.write_bytes(
        marshal.dumps({"format": patterns._FORMAT, "interpreter": patterns.INTERPRETER, "patterns": damaged})
    )
    built = patterns.compiled(text)
    assert _same(built, re.compile(text))
    patterns.save_compiled()
    stored = marshal.loads(store.read_bytes())["patterns"][(text, 0)]
    assert stored == entry


def test_a_store_that_cannot_be_written_is_only_a_compile(store: Path) -> None:
    store.mkdir(parents=True)  # a directory where the file would go
    built = patterns.compiled(r"x(?=y)")
    patterns.save_compiled()  # must not raise
    assert store.is_dir() and _same(built, re.compile(r"x(?=y)"))
