"""``report -o`` writes where it is told without destroying what is there.

Device nodes are made in the test's own folder (``os.mknod``), never the system's
``/dev/null``: CI runs as root, and a broken build would replace it with a regular file.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.hostile.cli_run import GOOD, OTHER, run_report
from tui.core.atomic import UnsafeTarget, write_atomic, write_output


@pytest.fixture
def story(tmp_path: Path) -> list[str]:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def _null_device(folder: Path) -> Path:
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return node


def _one_line_error(stderr: bytes, *fragments: str) -> None:
    text = stderr.decode()
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("triangulate: error: "), text
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def test_a_character_device_is_written_through_not_replaced(story: list[str], tmp_path: Path) -> None:
    node = _null_device(tmp_path)
    result = run_report([*story, "--format", "json", "-o", str(node)])
    assert result.returncode == 0, result.stderr.decode()
    assert stat.S_ISCHR(os.lstat(node).st_mode), "the device node was replaced by a regular file"
    assert os.major(os.lstat(node).st_rdev) == 1 and os.minor(os.lstat(node).st_rdev) == 3


def test_write_atomic_refuses_a_device_and_leaves_it(tmp_path: Path) -> None:
    node = _null_device(tmp_path)
    with pytest.raises(UnsafeTarget):
        write_atomic(node, b"report")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"], "a temporary file was left behind"


def test_a_fifo_is_written_through_to_its_reader(story: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:  # blocks until the report opens the other end
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = run_report([*story, "--format", "json", "-o", str(fifo)])
    reader.join(60)
    assert result.returncode == 0, result.stderr.decode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert received and b'"articles"' in received[0]


def test_a_symlink_survives_and_its_target_gets_the_report(story: list[str], tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.md"
    real.parent.mkdir()
    real.write_text("old report\n")
    link = tmp_path / "report.md"
    link.symlink_to(real)
    result = run_report([*story, "--format", "markdown", "-o", str(link)])
    assert result.returncode == 0, result.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Triangulate" in real.read_text() and "old report" not in real.read_text()
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.md"]


def test_dev_stdout_goes_to_standard_output(story: list[str]) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout on this system")
    result = run_report([*story, "--format", "json", "-o", "/dev/stdout"])
    assert result.returncode == 0, result.stderr.decode()
    assert b'"articles"' in result.stdout


def test_a_directory_is_refused(story: list[str], tmp_path: Path) -> None:
    result = run_report([*story, "-o", str(tmp_path)])
    assert result.returncode == 2
    _one_line_error(result.stderr, "is a directory")


@pytest.mark.parametrize("which", ["named input", "file of an input folder", "hard link to an input"])
def test_an_input_is_never_overwritten(story: list[str], tmp_path: Path, which: str) -> None:
    target = Path(story[0])
    args = list(story)
    if which == "file of an input folder":
        args = [str(target.parent)]
    elif which == "hard link to an input":
        linked = tmp_path / "linked.txt"
        os.link(target, linked)
        target = linked
    result = run_report([*args, "--format", "markdown", "-o", str(target)])
    assert result.returncode == 2
    _one_line_error(result.stderr, "is one of the inputs")
    assert Path(story[0]).read_text(encoding="utf-8") == GOOD


def test_the_review_file_is_never_overwritten(story: list[str], tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    review.write_text('{"format": "triangulate-review", "version": 1, "inputs": [], "reviews": []}')
    before = review.read_bytes()
    result = run_report([*story, "--review", str(review), "-o", str(review)])
    assert result.returncode == 2
    _one_line_error(result.stderr, "review file")
    assert review.read_bytes() == before


def test_write_output_replaces_a_regular_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    write_output(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_the_readers_own_review_file_is_never_overwritten(
    story: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review the reader keeps for these articles without --review (its data folder): a
    # newcomer's `-o` to it replaced the marks and notes with a markdown report.
    from tui.core.pipeline import compare
    from tui.review.store import default_review_path

    data = tmp_path / "data"
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(data))
    review = default_review_path(compare(story).articles)
    review.parent.mkdir(parents=True)
    review.write_text('{"format": "triangulate-review", "version": 1, "inputs": [], "reviews": []}')
    before = review.read_bytes()
    for target in (review, review.parent / "new.md"):
        result = run_report(
            [*story, "--format", "markdown", "-o", str(target)], {"TRIANGULATE_DATA_DIR": str(data)}
        )
        assert result.returncode == 2
        _one_line_error(result.stderr, "review folder")
    assert review.read_bytes() == before
    assert sorted(p.name for p in review.parent.iterdir()) == [review.name]


def test_a_missing_folder_is_refused_not_made(story: list[str], tmp_path: Path) -> None:
    target = tmp_path / "reprots" / "story.md"  # a typo of an existing folder's name
    result = run_report([*story, "-o", str(target)])
    assert result.returncode == 2
    _one_line_error(result.stderr, "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("story.json", b"{"),
        ("story.md", b"# "),
        ("story.html", b"<!DOCTYPE html>"),
        ("story.txt", b"Triangulate  2 sources"),
    ],
)
def test_without_format_the_output_files_extension_chooses_it(
    story: list[str], tmp_path: Path, name: str, opening: bytes
) -> None:
    target = tmp_path / name
    result = run_report([*story, "-o", str(target)])
    assert result.returncode == 0, result.stderr.decode()
    assert target.read_bytes().startswith(opening), target.read_bytes()[:80]
