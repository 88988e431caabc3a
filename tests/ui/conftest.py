"""Fixtures for the reader's Pilot tests: isolated config/data dirs, stories on disk."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from tui.app import TriangulateApp
from tui.core.models import Comparison

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

OUTLETS = (
    "Reuters",
    "AP",
    "BBC",
    "Guardian",
    "NYT",
    "WaPo",
    "FT",
    "Bloomberg",
    "CNN",
    "NPR",
    "Axios",
    "Politico",
)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Config and review files go to tmp dirs; no NO_COLOR leaking in from the host."""
    monkeypatch.setenv("TRIANGULATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield tmp_path


def write_story(directory: Path, count: int) -> list[str]:
    """``count`` short articles about one story: a shared claim, a 7%/8% conflict, a unique line."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        outlet = OUTLETS[n % len(OUTLETS)]
        rise = "8%" if n % 3 == 1 else "7%"
        body = (
            f"Acme shares jump after earnings report from {outlet}\n\n"
            f"Shares of Acme Corp rose {rise} on Tuesday after the company reported record quarterly "
            f"profit, lifting the stock to its highest level this year.\n\n"
            f"Chief executive Dana Whitfield said demand for the new turbine line remained strong "
            f"across Europe and Asia.\n\n"
            f"{outlet} analyst number {n} noted that the outlook for segment {n * 7 + 3} looked "
            f"unusually bright for the region called Zone{n}.\n\n"
            f"Subscribe to our newsletter for more stories like this.\n"
        )
        path = directory / f"{n:02d}_{outlet.lower()}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    return paths


def make_app(
    inputs: list[str], *, theme: str | None = None, comparison: Comparison | None = None
) -> TriangulateApp:
    app = TriangulateApp(inputs, theme, None, comparison=comparison)
    app.animation_level = "none"
    return app


@pytest.fixture(scope="session")
def seeds_comparison() -> Comparison:
    from tui.core.pipeline import compare

    return compare([str(SEEDS)])


class Notices:
    """A ``message_hook`` that keeps the text of every notification the app posts, so a test
    reads what the user was told from the app's messages, not from its private state."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.texts.append(message.notification.message)

    def said(self, part: str) -> bool:
        return any(part.lower() in text.lower() for text in self.texts)


async def chosen_from_palette(pilot: Pilot[int], query: str, expected: str) -> None:
    """Open the palette, type ``query``, wait for a hit titled ``expected`` and run it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    results = pilot.app.screen.query_one(CommandList)

    def hit() -> int | None:
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        return next((i for i, prompt in enumerate(prompts) if expected in prompt), None)

    deadline = time.monotonic() + 30  # the palette searches in the background: wait for it
    while (index := hit()) is None:
        assert time.monotonic() < deadline, f"no {expected!r} among the palette's hits for {query!r}"
        await pilot.pause(0.01)
    results.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
