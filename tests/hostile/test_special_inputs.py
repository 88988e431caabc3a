"""Inputs that are not ordinary files, names that are not ordinary names, and directories
we may not enter: each is refused or shown on one line, never a hang or a traceback."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.bounded import finishes
from tests.hostile.cli_run import GOOD, OTHER, ROOT, run_report
from tui.core import ingest
from tui.core.errors import InputError
from tui.core.ingest import load
from tui.core.safe_read import NotRegularFile, TooLarge, read_regular

OSC52 = "\x1b]52;c;ZXZpbA==\x07"
TITLE = "\x1b]0;pwned\x07"


def _pair(folder: Path) -> list[str]:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def test_a_fifo_input_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    # Nobody ever writes to the FIFO: reading it would block until the subprocess timeout.
    result = run_report([str(fifo), *_pair(tmp_path), "--format", "json"])
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "skipped" in stderr and "FIFO" in stderr and "Traceback" not in stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_input_is_refused(tmp_path: Path) -> None:
    zero = tmp_path / "zero.txt"
    try:
        os.mknod(zero, stat.S_IFCHR | 0o666, os.makedev(1, 5))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    with pytest.raises(InputError) as info:
        finishes(lambda: load(str(zero), 0))  # /dev/zero never ends
    assert "character device" in info.value.reason


def test_the_byte_cap_holds_for_a_file_larger_than_its_size_says(monkeypatch: pytest.MonkeyPatch) -> None:
    # /proc files report size 0 and then deliver more, like a file that grows while read.
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    with pytest.raises(TooLarge):
        read_regular(status, 16)
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 16)
    with pytest.raises(InputError) as info:
        load(str(status), 0)
    assert "limit" in info.value.reason


def test_read_regular_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path, 100)


def _no_root_overrides() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 directory does not stop root")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "inside.txt").write_text(GOOD, encoding="utf-8")
    folder.chmod(0)
    yield folder / "inside.txt"
    folder.chmod(0o755)


def test_a_path_in_a_directory_we_may_not_enter(tmp_path: Path, locked: Path) -> None:
    prefix = _no_root_overrides()
    alone = run_report([str(locked), "--format", "json"], prefix=prefix)
    lines = alone.stderr.decode().strip().splitlines()
    assert alone.returncode == 2 and "Traceback" not in alone.stderr.decode()
    assert len(lines) == 1 and "permission denied" in lines[0], lines
    mixed = run_report([str(locked), *_pair(tmp_path), "--format", "json"], prefix=prefix)
    assert mixed.returncode == 0, mixed.stderr.decode()
    assert "skipped" in mixed.stderr.decode() and "permission denied" in mixed.stderr.decode()


def test_the_app_reports_a_path_it_may_not_enter_on_one_line(locked: Path) -> None:
    prefix = _no_root_overrides()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TRIANGULATE_ALLOW_NO_TTY"] = "1"
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "tui", str(locked)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr, stderr
    assert stderr.strip().count("\n") == 0 and "permission denied" in stderr


def _escape_free(data: bytes) -> None:
    for byte in (b"\x1b", b"\x07", b"\x9b", b"\x9d"):
        assert byte not in data, byte


def test_escapes_in_a_skipped_name_are_spelled_out_everywhere(tmp_path: Path) -> None:
    evil = tmp_path / f"clip{OSC52}title{TITLE}.txt"
    evil.write_bytes(b"")  # empty: skipped
    newline = tmp_path / "fake\ntriangulate: error: forged.txt"
    newline.write_bytes(b"")
    result = run_report([str(evil), str(newline), *_pair(tmp_path), "--format", "text"])
    assert result.returncode == 0, result.stderr.decode()
    _escape_free(result.stdout)
    _escape_free(result.stderr)
    assert b"\\x1b]52;c;" in result.stdout and b"\\x1b]52;c;" in result.stderr  # visible, inert
    stderr_lines = result.stderr.decode().splitlines()
    assert len(stderr_lines) == 2 and all(line.startswith("triangulate: skipped ") for line in stderr_lines)
    assert not any(line.startswith("triangulate: error") for line in stderr_lines)


def test_escapes_in_an_error_line_stay_on_one_line(tmp_path: Path) -> None:
    missing = tmp_path / f"gone\n{OSC52}.txt"
    result = run_report([str(missing)])
    assert result.returncode == 2
    _escape_free(result.stderr)
    assert result.stderr.decode().strip().count("\n") == 0


def test_escapes_in_a_review_note_do_not_reach_the_text_report(tmp_path: Path) -> None:
    import json

    import tui
    from tui.review.store import ReviewStore

    paths = _pair(tmp_path)
    comparison = tui.compare(paths)
    review = tmp_path / "review.json"
    store = ReviewStore(review, comparison.articles)
    store.load()
    claim = comparison.claims[0]
    store.save(store.load().state.with_note(claim.key, f"see {OSC52}{TITLE} here", "x"))
    assert OSC52 in json.loads(review.read_text())["reviews"][0]["note"]
    for env in ({}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}):
        result = run_report([*paths, "--format", "text", "--review", str(review)], env)
        assert result.returncode == 0, result.stderr.decode()
        assert "note" in result.stdout.decode()
        assert b"\x07" not in result.stdout and b"\x1b]" not in result.stdout


def test_no_color_report_sends_no_colour_even_when_forced(tmp_path: Path) -> None:
    paths = _pair(tmp_path)
    result = run_report(
        [*paths, "--format", "text"], {"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert result.returncode == 0
    colours = re.findall(rb"\x1b\[([0-9;]*)m", result.stdout)
    for params in colours:
        codes = params.split(b";")
        assert not any(c in (b"38", b"48") or (len(c) == 2 and c[:1] in b"349") for c in codes), params
