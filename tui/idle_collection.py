"""Full garbage collections while the reader is idle, or just after a frame, never on a key.

CPython runs a full collection after about ten collections of the younger generations, on
whatever allocation happens to come next. With a story open, that walks every live object
the screens keep (cached lines, table rows: tens of thousands) and took 30 to 90 ms (far
more while drawn lines were cyclic garbage, see :mod:`tui.widgets.strip_cycles`), landing
on roughly one key press in ten. So while a story is shown the app runs the full
collections itself and CPython runs none (its oldest-generation threshold is set out of
reach):

- once one is due (:data:`DUE` young collections since the last) and no key or mouse event
  has come for :data:`IDLE_AFTER` seconds (checked every :data:`CHECK_EVERY`);
- once one is overdue (:data:`CAP` young collections) at the next input event, right after
  the frame that answers it is drawn. A reader who never pauses (a key held down) gets it
  between two keys instead of inside one, and memory stays bounded either way.

A raised threshold alone did not do this: Python 3.11 also skips a full collection until
the objects promoted since the last one are a quarter of those it left, and after the
comparison is frozen (``gc.freeze``) that count is still the whole comparison's, so CPython's
own collection came much later than the cap, on a key, over far more garbage. Nothing is
frozen here and no garbage is kept.
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
"""Young-generation collections after which a full one runs after the next input's frame."""
NEVER = 1 << 30
"""The oldest generation's threshold while the app collects it: CPython's own never comes."""


class IdleCollection:
    """The collection policy of one running app: :meth:`start` once a story is shown,
    :meth:`input_seen` on every input event (and :meth:`collect_overdue` after its frame when
    it says so), :meth:`tick` every :data:`CHECK_EVERY` seconds, :meth:`stop` when the app
    ends (the thresholds are the process's, shared with tests)."""

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
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> bool:
        """Note an input event; whether a full collection is overdue (to run after its frame)."""
        self._last_input = self._clock()
        return self._saved is not None and gc.get_count()[2] >= CAP

    def collect_overdue(self) -> bool:
        """Collect in full if overdue (whatever the input); whether it did."""
        if self._saved is None or gc.get_count()[2] < CAP or not gc.isenabled():
            return False
        gc.collect()
        return True

    def tick(self) -> bool:
        """Collect in full if a collection is due and the reader is idle; whether it did."""
        if self._saved is None or self._clock() - self._last_input < IDLE_AFTER:
            return False
        if gc.get_count()[2] < DUE or not gc.isenabled():
            return False  # not due yet, or an analysis has paused the collector on purpose
        gc.collect()
        return True
