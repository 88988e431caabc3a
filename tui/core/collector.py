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
_frozen_before = False
"""Something was frozen when the pause began. Counted then: ``gc.get_freeze_count()`` walks
the whole frozen list, 10-20 ms once the reader has frozen a 200-article story, and only
a few thousand objects as it starts."""


@contextlib.contextmanager
def collector_paused(*, frozen: bool = False) -> Iterator[None]:
    """``frozen``: the caller knows something is frozen already (the reader, whose comparison
    is), so the frozen list is not walked to find out (5-20 ms at 200 articles)."""
    global _pauses, _was_enabled, _frozen_before
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            _frozen_before = frozen or gc.get_freeze_count() > 0
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                _to_oldest()
                gc.enable()


def _to_oldest() -> None:
    """Move every tracked object to the oldest generation without walking it.

    What a pause built is alive (the analysis's claims, links, rows): left young, the first
    allocation after the pause set off a young collection that walked all of it, and then a
    middle one (0.8 s of the engine's 17 s at 200 articles, after the last stage). Freezing
    and unfreezing splices the young lists onto the oldest, where only a full collection
    looks at them, as it would once they had survived.

    When something is frozen already (the reader freezes its long-lived heap), unfreezing
    would undo that, so what the pause built is frozen with it: the reader keeps the analysis
    for as long as it keeps the rest, and froze it right after anyway, only after a full
    collection over all of it (0.25-0.5 s of CPU at 200 articles, before the comparison could
    be drawn). The stages leave almost no cyclic garbage (see
    :func:`tui.core.pipeline.compare_documents`), and what reference counting frees is freed
    whether frozen or not; what stays is the little cyclic garbage the reader's own frames made
    meanwhile (about 8,000 objects, 1.4 MB, over a 200-article analysis)."""
    kept_apart = _frozen_before or gc.get_freeze_count() > 0
    gc.freeze()
    if not kept_apart:
        gc.unfreeze()
