"""How ``triangulate report`` runs as a program: the collector paused, no interpreter shutdown."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]

_PROGRAM = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('shutdown ran', file=sys.stderr))\n"
    "sys.argv = ['triangulate', 'report', 'seeds', '--format', 'json']\n"
    "from tui.cli import main\n"
    "raise SystemExit(main())\n"
)


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TRIANGULATE_NO_CACHE", "1")


def _report_here() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["report", "seeds", "--format", "json"]) == 0
    return out.getvalue()


def test_the_program_writes_its_whole_report_and_skips_the_shutdown() -> None:
    """The program ends as soon as its output is flushed (``os._exit``): exit handlers and the
    freeing of every object do not run, and the pipe still gets every byte of the report."""
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["schema"] == "triangulate/2"
    assert done.stdout == _report_here()


def test_a_report_runs_without_a_collection_and_turns_the_collector_back_on() -> None:
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        _report_here()
    finally:
        gc.callbacks.remove(count)
    assert started == []
    assert gc.isenabled()
