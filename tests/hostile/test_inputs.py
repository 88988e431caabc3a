"""Hostile and odd inputs through the real ``report`` command, one subprocess per case.

Every case checks the exit status, that errors are one line naming the file and the
reason (never a traceback), and that no input file was modified.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.cli_run import GOOD, OTHER, run_report


def digest_tree(paths: list[Path]) -> dict[str, str]:
    """sha256 of every file at or under ``paths`` (to prove inputs are never written)."""
    out: dict[str, str] = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            try:
                out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
            except PermissionError:
                out[str(f)] = f"mode {f.stat().st_mode:o}"
    return out


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[Path]]
    """Create the inputs under the temp dir; return the paths to pass on the command line."""
    exit_code: int
    error: tuple[str, ...] = ()
    """Substrings the one-line error (exit 2) or the skip messages (exit 0) must contain."""
    check: Callable[[dict[str, Any]], None] | None = None
    """Assertions on the parsed JSON report when the run succeeds."""
    skipped: int = 0
    """How many ``skipped PATH: reason`` lines stderr must carry on success."""


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def texts(report: dict[str, Any]) -> list[str]:
    return [a["text"] for a in report["articles"]]


def sentences(report: dict[str, Any]) -> list[str]:
    return [s["text"] for a in report["articles"] for p in a["paragraphs"] for s in p["sentences"]]


# --- builders -------------------------------------------------------------------------------


def missing(tmp: Path) -> list[Path]:
    return [tmp / "nope.txt"]


def empty_dir(tmp: Path) -> list[Path]:
    folder = tmp / "folder"
    folder.mkdir()
    write(folder, "picture.jpg", b"\xff\xd8\xff\xe0 not text")
    write(folder, "notes.csv", "a,b\n1,2\n")
    return [folder]


def png_as_txt(tmp: Path) -> list[Path]:
    rng = random.Random(6)
    return [write(tmp, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(4096)))]


def huge(tmp: Path) -> list[Path]:
    path = tmp / "huge.txt"
    line = b"The council met again on Tuesday and discussed the budget at length.\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as handle:
        for _ in range(21):
            handle.write(block)
    return [path]


def one_mb_paragraph(tmp: Path) -> list[Path]:
    words = "the council discussed the harbour budget and the ferry timetable again "
    body = (words * (1024 * 1024 // len(words) + 1))[: 1024 * 1024]
    return [write(tmp, "long.txt", body + "\n"), write(tmp, "other.txt", OTHER)]


def check_long_sentences(report: dict[str, Any]) -> None:
    article = report["articles"][0]
    spans = [s for p in article["paragraphs"] for s in p["sentences"]]
    assert len(spans) > 100, "a 1 MB paragraph must be cut into bounded sentences"
    assert max(s["end"] - s["start"] for s in spans) <= 1200


def invalid_utf8(tmp: Path) -> list[Path]:
    data = GOOD.encode("utf-8").replace(b"ferry", b"f\xff\xfery") + "Zoë said café.\n".encode()
    return [write(tmp, "broken.txt", data), write(tmp, "other.txt", OTHER)]


def utf16(tmp: Path) -> list[Path]:
    return [
        write(tmp, "utf16.txt", ("Le café du port ouvre. " + GOOD).encode("utf-16")),
        write(tmp, "other.txt", OTHER),
    ]


def cp1252(tmp: Path) -> list[Path]:
    text = "Le café du port a rouvert ses portes, a déclaré le maire – enfin, très fier. " + GOOD
    return [write(tmp, "cp1252.txt", text.encode("cp1252")), write(tmp, "other.txt", OTHER)]


def newlines(tmp: Path) -> list[Path]:
    return [
        write(tmp, "crlf.txt", GOOD.replace("\n", "\r\n")),
        write(tmp, "cr.txt", OTHER.replace("\n", "\r")),
    ]


def nul_bytes(tmp: Path) -> list[Path]:
    return [write(tmp, "nul.txt", GOOD.replace("ferry", "fer\x00ry")), write(tmp, "other.txt", OTHER)]


def scripts(tmp: Path) -> list[Path]:
    return [
        write(
            tmp,
            "zh.txt",
            "新的渡轮码头将于3月4日开放。港务局表示，该项目耗资4800万欧元。\n\n"
            "市长称这是岛屿经济的转折点。\n",
        ),
        write(
            tmp,
            "ar.txt",
            "سيفتتح محطة العبارات الجديدة في 4 مارس. قالت سلطة الميناء إن المشروع كلف 48 مليون يورو.\n",
        ),
        write(
            tmp,
            "emoji.txt",
            "The ferry 🚢 terminal opens on 4 March 🎉. Ｆｕｌｌｗｉｄｔｈ text costs 48 million euros.\n",
        ),
    ]


def no_punctuation(tmp: Path) -> list[Path]:
    words = " ".join(["harbour officials met the ferry operators again"] * 60)
    return [write(tmp, "nopunct.txt", words + "\n"), write(tmp, "other.txt", OTHER)]


def copies(n: int) -> Callable[[Path], list[Path]]:
    def build(tmp: Path) -> list[Path]:
        return [write(tmp, f"copy{i:02d}.txt", GOOD) for i in range(n)]

    return build


def all_shared(report: dict[str, Any]) -> None:
    n = len(report["articles"])
    assert report["claims"], "identical articles still make claims"
    for claim in report["claims"]:
        assert claim["label"] == "shared", claim
        assert len(claim["articles"]) == n


def mixed(tmp: Path) -> list[Path]:
    return [
        write(tmp, "good.txt", GOOD),
        tmp / "missing.txt",
        write(tmp, "empty.txt", b""),
        write(tmp, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        write(tmp, "other.txt", OTHER),
    ]


def two_sources(report: dict[str, Any]) -> None:
    assert [Path(a["path"]).name for a in report["articles"]] == ["good.txt", "other.txt"]
    assert {Path(s["path"]).name for s in report["skipped"]} == {"missing.txt", "empty.txt", "photo.txt"}


def with_data_files(tmp: Path) -> list[Path]:
    return [
        write(tmp, "good.txt", GOOD),
        write(tmp, "gold.json", b'{\n  "groups": [\n    {"label": "shared"}\n  ]\n}\n'),
        write(tmp, "sources.toml", b'["good.txt"]\noutlet = "Harbour Times"\n'),
        write(tmp, "other.txt", OTHER),
    ]


def data_left_out(report: dict[str, Any]) -> None:
    assert [Path(a["path"]).name for a in report["articles"]] == ["good.txt", "other.txt"]
    assert {Path(s["path"]).name for s in report["skipped"]} == {"gold.json", "sources.toml"}


def named_twice(tmp: Path) -> list[Path]:
    good = write(tmp, "good.txt", GOOD)
    return [good, write(tmp, "other.txt", OTHER), good]


def two_sources_once(report: dict[str, Any]) -> None:
    # Compared with itself it made every fact of good.txt "shared" by "Good" and "Good (2)".
    assert [Path(a["path"]).name for a in report["articles"]] == ["good.txt", "other.txt"]


CASES = [
    Case("missing path", missing, 2, ("nope.txt", "no such file")),
    Case("directory without supported files", empty_dir, 2, ("folder", "no .txt")),
    Case("empty file", lambda t: [write(t, "empty.txt", b"")], 2, ("empty.txt", "empty")),
    Case("whitespace only", lambda t: [write(t, "blank.txt", " \n\t\r\n  \n")], 2, ("blank.txt", "empty")),
    Case("png renamed .txt", png_as_txt, 2, ("photo.txt", "binary")),
    Case("file over 20 MB", huge, 2, ("huge.txt", "limit is 20 MB")),
    Case("1 MB paragraph", one_mb_paragraph, 0, check=check_long_sentences),
    Case(
        "invalid utf-8",
        invalid_utf8,
        0,
        check=lambda r: _contains(texts(r)[0], "café", "Zoë", "Harbour", "\x00"),
    ),
    Case("utf-16 with BOM", utf16, 0, check=lambda r: _contains(texts(r)[0], "Le café du port", "\ufeff")),
    Case("cp1252", cp1252, 0, check=lambda r: _contains(texts(r)[0], "café", "déclaré", "très", "–", "\x00")),
    Case("crlf and lone cr", newlines, 0, check=lambda r: _no_cr(r)),
    Case("nul bytes", nul_bytes, 0, check=lambda r: _contains(texts(r)[0], "ferry", "\x00")),
    Case("chinese arabic emoji", scripts, 0, check=lambda r: _contains(texts(r)[2], "🚢", "\x00")),
    Case("one article", lambda t: [write(t, "only.txt", GOOD)], 0, check=lambda r: _count(r, 1)),
    Case("two identical", copies(2), 0, check=all_shared),
    Case("thirty copies", copies(30), 0, check=all_shared),
    Case("no sentence punctuation", no_punctuation, 0, check=lambda r: _count(r, 2)),
    Case("bad files among good", mixed, 0, ("skipped",), check=two_sources, skipped=3),
    # `triangulate report story/*` brings in the folder's data files too (a gold.json, a
    # sources.toml): a JSON file was compared as an article of "{" lines.
    Case("data files among articles", with_data_files, 0, ("data file",), check=data_left_out, skipped=2),
    Case("a file named twice", named_twice, 0, ("more than once",), check=two_sources_once, skipped=1),
    Case("a data file alone", lambda t: [write(t, "notes.json", b'{"a": 1}')], 2, ("notes.json", "data")),
    Case(
        "html page of menus only",
        lambda t: [write(t, "menu.html", b"<html><body><nav>Home</nav></body></html>")],
        2,
        ("menu.html", "no article text found"),
    ),
]


def _contains(text: str, *wanted_then_forbidden: str) -> None:
    *wanted, forbidden = wanted_then_forbidden
    for w in wanted:
        assert w in text, (w, text[:200])
    assert forbidden not in text


def _no_cr(report: dict[str, Any]) -> None:
    for text in texts(report):
        assert "\r" not in text
    assert all(len(a["paragraphs"]) == 3 for a in report["articles"])


def _count(report: dict[str, Any], n: int) -> None:
    assert len(report["articles"]) == n
    assert sentences(report)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    paths = case.build(tmp_path)
    before = digest_tree([p for p in paths if p.exists()])
    result = run_report([*map(str, paths), "--format", "json"])
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert result.returncode == case.exit_code, stderr
    assert digest_tree([p for p in paths if p.exists()]) == before, "an input file was modified"
    if case.exit_code != 0:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith("triangulate: error: ")
        for fragment in case.error:
            assert fragment in lines[0], (fragment, lines[0])
        assert result.stdout == b""
        return
    skip_lines = [line for line in stderr.splitlines() if line.startswith("triangulate: skipped ")]
    assert len(skip_lines) == case.skipped, stderr
    for line in skip_lines:
        assert line.count(": ") >= 2, line  # "skipped PATH: reason"
    report = json.loads(result.stdout)
    if case.check is not None:
        case.check(report)


def _without_root_file_access() -> list[str]:
    """A command prefix under which file permissions apply even to root: CI runs as root,
    and root reads a chmod-000 file unless it gives up its DAC override capabilities."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: chmod 000 does not stop root from reading")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file(tmp_path: Path) -> None:
    prefix = _without_root_file_access()
    secret = write(tmp_path, "secret.txt", GOOD)
    secret.chmod(0)
    try:
        result = run_report([str(secret), "--format", "json"], prefix=prefix)
    finally:
        secret.chmod(0o644)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in stderr
    assert stderr.strip().count("\n") == 0
    assert "secret.txt" in stderr and "permission denied" in stderr
    assert secret.read_text() == GOOD


def test_more_articles_than_the_limit_is_refused_clearly(tmp_path: Path) -> None:
    from tui.core.ingest import MAX_ARTICLES

    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(MAX_ARTICLES + 1):
        (folder / f"{n:04d}.txt").write_text(f"Story number {n} says something.\n", encoding="utf-8")
    result = run_report([str(folder), "--format", "json"])
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in stderr and stderr.strip().count("\n") == 0
    assert f"the limit is {MAX_ARTICLES}" in stderr
