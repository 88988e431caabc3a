"""The HTML report of the seed story, opened in headless Chromium (skipped where it is absent)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import tui
from tui.core.models import Comparison
from tui.export import render
from tui.review import ReviewState

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")


def _seed_comparison() -> Comparison:
    return tui.compare([SEEDS])


def _chromium(tmp_path: Path, *args: str) -> None:
    profile = tmp_path / "profile"
    shutil.rmtree(profile, ignore_errors=True)
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat = b""
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_seed_report_renders_in_chromium_and_prints(tmp_path: Path) -> None:
    comparison = _seed_comparison()
    review = ReviewState()
    for claim in comparison.claims[:3]:
        review = review.with_mark(claim.key, "verified", "").with_note(claim.key, "Checked.", "")
    page = tmp_path / "report.html"
    page.write_text(render(comparison, review, "html"), "utf-8")

    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    # A rendered page has text and rules, so many distinct byte values; a blank one has a handful.
    assert len(set(pixels)) > 50

    pdf = tmp_path / "report.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
