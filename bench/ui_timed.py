"""What the reader's worker process times (see :mod:`bench.ui_worker`, which imports this only
once a small story's analysis has been started ahead, as the command line does).

``frame``: :class:`tui.app.TriangulateApp` on the articles in a directory, exiting on the first
frame drawn after the comparison is on screen; the ``time.monotonic()`` of the first frame of
all, of the first with article text on screen (the articles shown while the analysis runs, or
the comparison) and of the first with the comparison (the clock is system-wide, so the bench
subtracts its own spawn time and the figures include interpreter start and imports).

``keys``: waits for the comparison, then times keys: from the key event entering the app's
queue until the app has handled it and drawn the resulting frame (so it includes waiting for
Textual's next refresh tick). The clock stops when that frame has been serialised for the
terminal, in ``_display``, where Textual hands it to the driver: not when this loop's own task
next runs, which comes after whatever else the app runs in between (callbacks after the
refresh, work ahead), up to several milliseconds that are not on screen later.

Headless Textual still lays out and renders every frame; only the write to a terminal is
skipped, so each frame is also serialised to escape sequences here to keep that cost in.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual._compositor import CompositorUpdate
from textual.pilot import Pilot
from textual.screen import Screen

import tui.app
from tui.app import TriangulateApp

if TYPE_CHECKING:
    from tui.core.forking import Beside
    from tui.core.models import Comparison

SIZE = (160, 48)
"""Terminal columns and rows: a common full-screen terminal over SSH."""
KEYS = (
    ("next conflict", "n"),
    ("next mention", "right_parenthesis"),
    ("page down", "pagedown"),
    ("open detail", "enter"),
    ("close detail", "escape"),
    ("open facts table", "t"),
    ("facts table: next fact", "j"),
    ("facts table: page down", "pagedown"),
    ("close facts table", "escape"),
)


class TimedApp(TriangulateApp):
    """Records when frames are drawn, and which is the first with the comparison shown."""

    # Textual resolves a relative CSS_PATH against the subclass's module: point it home.
    CSS_PATH: ClassVar[Any] = str(Path(tui.app.__file__).parent / str(TriangulateApp.CSS_PATH))

    def __init__(
        self, inputs: list[str], *, exit_when_ready: bool, ahead: Beside[Comparison] | None = None
    ) -> None:
        super().__init__(inputs, ahead=ahead)
        self.exit_when_ready = exit_when_ready
        self.first_frame: float | None = None
        self.text_frame: float | None = None
        self.ready_frame: float | None = None
        self.frames = 0
        self.frame_at = 0.0
        """``perf_counter()`` when the first frame since ``frame_drawn`` was cleared was serialised."""
        self.ready = asyncio.Event()
        self.frame_drawn = asyncio.Event()

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is None:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        if not self.frame_drawn.is_set():
            self.frame_at = time.perf_counter()  # the first frame since the clock started
        now = time.monotonic()
        self.frames += 1
        self.frame_drawn.set()
        if self.first_frame is None:
            self.first_frame = now
        if self.text_frame is None and (self.reader.has_class("-preview") or self.reader.has_class("-ready")):
            self.text_frame = now
        if self.ready_frame is None and self.model is not None and self.reader.has_class("-ready"):
            self.ready_frame = now
            self.ready.set()
            if self.exit_when_ready:
                self.exit()


def frame(directory: str, ahead: Beside[Comparison] | None) -> dict[str, Any]:
    """Times to the first frames; ``ahead``, the story's analysis started before Textual's import."""
    app = TimedApp([directory], exit_when_ready=True, ahead=ahead)
    with ahead or contextlib.nullcontext():
        app.run(headless=True, size=SIZE)
    if app.ready_frame is None:
        raise RuntimeError(f"the comparison was never shown (exit status {app.exit_status})")
    return {"first_frame": app.first_frame, "text_frame": app.text_frame, "ready_frame": app.ready_frame}


async def keys(directory: str, repeats: int) -> dict[str, Any]:
    """Each key's times to its frame, ``repeats`` rounds of :data:`KEYS`."""
    app = TimedApp([directory], exit_when_ready=False)
    timings: dict[str, list[float]] = {name: [] for name, _ in KEYS}
    without_frame = 0
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await asyncio.wait_for(app.ready.wait(), timeout=900)  # a cold 200-article story on a busy machine
        for _ in range(repeats):
            for name, key in KEYS:
                if key == "enter" and app.reader.grid.selected is None:
                    # A row without claims only gets a notification (which run_test does
                    # not draw), so step to the next claim first, untimed.
                    await _press(app, pilot, "right_square_bracket")
                elapsed = await _press(app, pilot, key)
                if elapsed is None:
                    without_frame += 1
                else:
                    timings[name].append(elapsed)
    return {"keys": timings, "without_frame": without_frame}


async def _press(app: TimedApp, pilot: Pilot[Any], key: str) -> float | None:
    """Seconds from a key event entering the app's queue to the next frame drawn (serialised).

    Pilot.press() polls for idleness in 20 ms steps, too coarse to time a key, so the
    event is sent the way the terminal driver sends it and the frame hook stops the clock.
    """
    await pilot.pause()  # settle: earlier frames, timers and animations are done
    app.frame_drawn.clear()
    driver = app._driver
    assert driver is not None
    start = time.perf_counter()
    driver.send_message(events.Key(key, key if len(key) == 1 else None))
    try:
        await asyncio.wait_for(app.frame_drawn.wait(), timeout=2)
    except TimeoutError:
        return None  # the key changed nothing on screen (e.g. already at the end)
    return app.frame_at - start
