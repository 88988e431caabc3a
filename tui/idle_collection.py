"""Full garbage collections while the reader is idle instead of on a key press.

CPython runs a full collection after about ten collections of the younger generations, on
whatever allocation happens to come next. With a story open, that walks every live object
the screens keep (cached lines, table rows: tens of thousands) and took 30 to 90 ms, landing
on roughly one key press in ten. Here the automatic full collection is put off to
:data:`CAP` young collections instead of ten, and the reader runs the full collection
itself once no key has come for :data:`IDLE_AFTER` seconds. Nothing is frozen and no
garbage is kept: a reader that pauses gets the usual collections, only moved off the keys;
one that never pauses (a key held down for minutes) still gets CPython's own past the cap,
so memory stays bounded either way.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_AFTER = 1.0
"""Seconds without input after which a due full collection runs."""
CHECK_EVERY = 0.25
"""Seconds between looks at whether the reader is idle."""
DUE = 10
"""Young-generation collections since the last full one from which a full one is due:
CPython's own default threshold for the oldest generation."""
CAP = 100
"""Young-generation collections after which CPython collects in full by itself, idle or not."""


class IdleCollection:
    """The collection policy of one running app: :meth:`start` once a story is shown,
    :meth:`input_seen` on every key, :meth:`tick` every :data:`CHECK_EVERY` seconds,
    :meth:`stop` when the app ends (the thresholds are the process's, shared with tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()
        self._saved: tuple[int, ...] | None = None

    @property
    def active(self) -> bool:
        return self._saved is not None

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle = self._saved[0], self._saved[1]
            gc.set_threshold(young, middle, CAP)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Collect in full if a collection is due and the reader is idle; whether it did."""
        if self._saved is None or self._clock() - self._last_input < IDLE_AFTER:
            return False
        if gc.get_count()[2] < DUE or not gc.isenabled():
            return False  # not due yet, or an analysis has paused the collector on purpose
        gc.collect()
        return True
