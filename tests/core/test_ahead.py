"""A small story's analysis started ahead in a forked child (tui.core.ahead): which stories
qualify, that the child's comparison is the one compare() gives, and that the child keeps off
the terminal the reader draws on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import forking
from tui.core.ahead import MAX_BYTES, input_bytes, start_analysis
from tui.core.json_format import dumps
from tui.core.pipeline import compare

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

needs_fork = pytest.mark.skipif(forking.spare_cores() < 1, reason="needs fork and two cores")


def test_input_bytes_counts_files_and_the_files_of_directories(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 10)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(b"y" * 7)
    (tmp_path / "sub" / "deeper").mkdir()
    assert input_bytes([str(tmp_path / "a.txt"), str(tmp_path / "sub")]) == 17


@pytest.mark.parametrize("given", ["-", "https://example.com/story", "missing.txt", "bad\0name"])
def test_what_is_not_a_local_file_is_never_small(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "-").write_text("a file named like standard input")
    monkeypatch.chdir(tmp_path)
    assert input_bytes([given]) == float("inf")
    assert start_analysis([given]) is None


def test_a_fifo_is_never_small(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert input_bytes([str(fifo)]) == float("inf")  # reading it ahead would take its data


def test_a_large_story_is_left_to_the_reader(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Shares rose 7% on Tuesday.\n\n" * (MAX_BYTES // 20))
    assert start_analysis([str(tmp_path)]) is None


@needs_fork
def test_the_seeds_are_analysed_in_a_child_as_compare_analyses_them() -> None:
    with start_analysis([str(SEEDS)]) as job:  # type: ignore[union-attr]
        assert job.forked
        ahead = job.result()
    assert not job.forked  # taken and reaped
    assert dumps(ahead) == dumps(compare([str(SEEDS)]))


@needs_fork
def test_the_child_writes_nothing_to_the_terminal() -> None:
    """Whatever the stages or their libraries might print lands on the reader's screen."""
    script = f"""
import sys
import tui.core.pipeline as pipeline
real = pipeline.compare
def noisy(*args, **kwargs):
    print("out from the analysis"); print("err from the analysis", file=sys.stderr)
    return real(*args, **kwargs)
pipeline.compare = noisy
from tui.core.ahead import start_analysis
job = start_analysis([{str(SEEDS)!r}])
assert job is not None and job.forked
print(len(job.result().articles))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout == "5\n"
    assert "from the analysis" not in done.stderr
