"""The reader on a story whose analysis the command line started ahead, in a forked child
(tui.core.ahead): it shows that comparison, and a child that fails leaves the reader's own
analysis to report what is wrong."""

from __future__ import annotations

import os
import select
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message

from tests.ui.conftest import write_story
from tui import app as app_module
from tui.app import TriangulateApp
from tui.core import forking
from tui.core.ahead import start_analysis
from tui.core.forking import Beside
from tui.core.json_format import dumps
from tui.core.models import Comparison
from tui.core.pipeline import compare
from tui.messages import ComparisonFailed, ComparisonPreview, ComparisonReady

pytestmark = pytest.mark.skipif(forking.spare_cores() < 1, reason="needs fork and two cores")


async def _messages(
    inputs: list[str],
    ahead: Beside[Comparison] | None = None,
    on_preview: Callable[[], object] = lambda: None,
) -> list[Message]:
    """What the app posted about the analysis, run with the analysis started ahead (by
    ``start_analysis`` unless ``ahead`` is given); ``on_preview`` runs as a preview is posted."""
    ahead = ahead or start_analysis(inputs)
    assert ahead is not None and ahead.forked
    app = TriangulateApp(inputs, ahead=ahead)
    app.animation_level = "none"
    seen: list[Message] = []

    def hook(message: Message) -> None:
        if isinstance(message, ComparisonPreview | ComparisonReady | ComparisonFailed):
            seen.append(message)
        if isinstance(message, ComparisonPreview):
            on_preview()

    with ahead:
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert not ahead.forked  # the child was reaped
    return seen


async def test_the_reader_shows_the_comparison_analysed_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "AHEAD_PREVIEW_AFTER", 1e9)  # the child is never late here
    write_story(tmp_path / "story", 3)
    seen = await _messages([str(tmp_path / "story")])
    assert [type(m) for m in seen] == [ComparisonReady]  # no preview: the comparison at once
    ready = seen[0]
    assert isinstance(ready, ComparisonReady)
    assert dumps(ready.comparison) == dumps(compare([str(tmp_path / "story")]))


async def test_a_failed_child_leaves_the_error_to_the_reader(tmp_path: Path) -> None:
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "empty.txt").write_text("")
    seen = await _messages([str(tmp_path / "story")])
    assert [type(m) for m in seen] == [ComparisonFailed]
    failed = seen[0]
    assert isinstance(failed, ComparisonFailed)
    assert failed.reason.endswith("empty.txt: file is empty")


async def test_a_late_child_leaves_the_articles_shown_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a busy machine the child is late: the reader segments and shows the articles itself,
    as its own analysis would have, then the child's comparison replaces them."""
    monkeypatch.setattr(app_module, "AHEAD_PREVIEW_AFTER", 0.0)
    story = str(tmp_path / "story")
    write_story(tmp_path / "story", 3)
    gate, release = os.pipe()

    def late() -> Comparison:  # in the child: held until the reader has posted its preview
        select.select([gate], [], [], 60)  # (bounded: a reader that never previews fails, not hangs)
        return compare([story])

    try:
        seen = await _messages([story], forking.beside(late), on_preview=lambda: os.write(release, b"x"))
    finally:
        os.close(gate)
        os.close(release)
    assert [type(m) for m in seen] == [ComparisonPreview, ComparisonReady]
    preview, ready = seen
    assert isinstance(preview, ComparisonPreview) and isinstance(ready, ComparisonReady)
    assert [a.id for a in preview.comparison.articles] == [a.id for a in ready.comparison.articles]
    assert not preview.comparison.claims
    assert dumps(ready.comparison) == dumps(compare([story]))
