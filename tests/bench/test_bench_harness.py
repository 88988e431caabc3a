"""A smoke run of ``python -m bench`` on tiny corpora, and the report renderer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import report
from bench.runner import Measurement, Results

ROOT = Path(__file__).resolve().parents[2]
DURATION = r"\| \d+\.\d+ (ms|s) \|"
"""A duration cell, whatever its size: the report writes 1 decimal for ms and 2 for seconds."""


@pytest.mark.parametrize("seconds", [0.0004, 0.02, 0.9994, 1.0, 1.5, 75.0])
def test_duration_cells_match_the_harness_pattern_at_any_speed(seconds: float) -> None:
    # A slow machine turns "850.0 ms" into "1.25 s"; the smoke test must accept both.
    assert re.search(DURATION, f"| {report.seconds(seconds)} |"), report.seconds(seconds)


def test_quick_bench_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--sizes", "2", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "| Cores |" in text
    engine = re.search(r"^\| seeds \| 5 \| .*$", text, re.MULTILINE)
    assert engine is not None
    assert re.search(DURATION, engine.group(0)), engine.group(0)
    assert re.search(r"^\| synthetic:2 \| 2 \| ", text, re.MULTILINE)
    accuracy_row = re.search(r"^\| synthetic:2 \| \d+ \| \d+\.\d%", text, re.MULTILINE)
    assert accuracy_row is not None, text
    assert "comparison on screen (seeds)" in text
    assert "key: next conflict" in text


def test_report_marks_missed_targets_and_shows_errors() -> None:
    results = Results(corpora=["seeds", "synthetic:50", "synthetic:100"])
    results.engine["seeds"] = Measurement([0.2, 0.1, 0.3], extra={"articles": 5, "chars": 20000})
    results.engine["synthetic:50"] = Measurement([1.0], extra={"articles": 50, "chars": 1})
    results.engine["synthetic:100"] = Measurement(
        [3.0], extra={"articles": 100, "chars": 1, "peak_rss_kib": 1}
    )
    results.baseline["synthetic:100"] = Measurement(note="extrapolated", extra={"estimate": 90.0})
    results.cli["report json (no cache)"] = Measurement(note="exit 2: boom")
    text = report.render(results, [("CPU", "test")], "python -m bench")
    seeds = next(line for line in text.splitlines() if line.startswith("| seeds |"))
    assert "| 200.0 ms | 100.0 ms | 300.0 ms | 3 | ≤ 0.05 s | **no** |" in seeds
    assert "| 50 → 100 articles | 3.00× | ≤ 2.2 × | **no** |" in text
    assert "~90.00 s (extrapolated, not run)" in text and "30.0×" in text
    assert "| report json (no cache) | exit 2: boom |" in text


def test_the_report_writer_never_replaces_a_device_node(tmp_path: Path) -> None:
    import os
    import stat

    from bench.__main__ import _write_report

    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    _write_report(node, "# Benchmarks\n")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    _write_report(tmp_path / "bench.md", "# Benchmarks\n")
    assert (tmp_path / "bench.md").read_text() == "# Benchmarks\n"
