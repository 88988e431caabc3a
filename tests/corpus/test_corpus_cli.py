"""The corpus and stories subcommands as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.corpus.conftest import write_corpus
from tui.corpus.synthetic_corpus import generate_corpus

ROOT = Path(__file__).resolve().parents[2]


def triangulate(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tui"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=300,
        check=False,
    )


def test_without_the_extra_one_line_says_what_to_install(tmp_path: Path) -> None:
    # A None entry in sys.modules is how Python spells "this module cannot be imported".
    code = "import sys; sys.modules['dask'] = None; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    result = triangulate("corpus", "in.jsonl", "-o", str(tmp_path / "out"), code=code)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install 'triangulate[corpus]'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_arguments_give_one_line(tmp_path: Path) -> None:
    source = write_corpus(generate_corpus(20, seed=1), tmp_path / "in.jsonl")
    taken = tmp_path / "file"
    taken.write_text("mine", encoding="utf-8")
    for args, fragment in (
        (["corpus", str(source), "-o", str(taken)], "is not a directory"),
        (["corpus", str(tmp_path / "nothing.jsonl"), "-o", str(tmp_path / "o")], "no such file"),
        (
            ["corpus", str(tmp_path / "o" / "stories.jsonl"), "-o", str(tmp_path / "o"), "--format", "jsonl"],
            "no such file",
        ),
        (["stories", str(tmp_path / "nowhere")], "not a directory"),
        (["stories", str(tmp_path)], "no stories.parquet or stories.jsonl"),
    ):
        result = triangulate(*args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and fragment in result.stderr, result.stderr
    assert taken.read_text(encoding="utf-8") == "mine"


def test_corpus_on_a_local_cluster_of_worker_processes(tmp_path: Path) -> None:
    corpus = generate_corpus(40, seed=2)
    source = write_corpus(corpus, tmp_path / "in.jsonl", ('{"id": "x"}',))
    out = tmp_path / "out"
    result = triangulate("corpus", str(source), "-o", str(out), "--workers", "1", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert f"triangulate: skipped {source}:{len(corpus.items) + 1} (x): no article 'text'" in lines
    assert lines[-1].endswith(f"wrote {out / 'stories.jsonl'}")
    assert (out / "stories.jsonl").read_text(encoding="utf-8").count("\n") >= 2
    assert "Traceback" not in result.stderr
