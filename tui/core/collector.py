"""Pausing Python's cycle collector while many long-lived objects are built at once.

Unpickling or taking in hundreds of thousands of objects sets off a collection every few
hundred allocations, each walking every object built so far; none of them is garbage yet.
The pause is counted, so two threads pausing at once (the reader loading the cache while an
analysis takes in its workers' results) turn it back on only when the last one is done, and
only if it was on before the first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
