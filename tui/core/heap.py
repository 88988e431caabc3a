"""glibc's ``malloc`` told to keep the memory an analysis frees, for its next allocations.

By default glibc hands large freed blocks back to the kernel (``munmap``) and trims the top of
its heap, and the engine's stages free and ask again for the same memory all the time (numpy's
temporaries, the text stages' strings): each page handed back and asked for again is a page
fault and a zeroed page. At 400 articles that was 4.5 s of the analysing process's system
time, 2.2 s with the memory kept (docs/performance.md, sixteenth round). ``mallopt`` is
process-wide and turns glibc's adaptive thresholds off for good, so a library call sets it
for the analysis only (:func:`heap_kept`), and a forked child, which lives for one
computation, for its whole life (:func:`keep_freed_memory`). Nothing happens without glibc.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
"""``mallopt`` options (``malloc.h``)."""
_KEEP_BELOW = 1 << 30
"""Blocks up to 1 GiB from the heap; a free top of the heap kept up to 1 GiB."""
_GLIBC_START = 128 * 1024
"""glibc's starting mmap and trim thresholds, set back after an analysis."""


def _libc() -> Any | None:
    import ctypes  # here: its import is a few ms of a small report's start, spent only when asked

    try:
        libc = ctypes.CDLL(None)
        libc.mallopt  # noqa: B018 - raises AttributeError without glibc's malloc
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def keep_freed_memory() -> bool:
    """Keep freed memory on the heap from now on; whether glibc took it."""
    libc = _libc()
    # Both or neither: a heap kept whole while large blocks are still mapped and unmapped
    # faulted more than glibc's defaults (1.17M faults against 0.44M at 200 articles, and
    # 0.59M for the other way round). Older glibc refuses an mmap threshold above 32 MiB.
    if libc is None or not libc.mallopt(_M_MMAP_THRESHOLD, _KEEP_BELOW):
        return False
    libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_BELOW)
    return True


@contextmanager
def heap_kept() -> Iterator[None]:
    """Freed memory kept on the heap inside the block; after it, glibc's starting thresholds
    (fixed now, not adaptive) and what the heap holds free given back (``malloc_trim``), so
    the process does not stay at the analysis's peak."""
    if not keep_freed_memory():
        yield
        return
    try:
        yield
    finally:
        libc = _libc()
        assert libc is not None  # it was there a moment ago
        libc.mallopt(_M_MMAP_THRESHOLD, _GLIBC_START)
        libc.mallopt(_M_TRIM_THRESHOLD, _GLIBC_START)
        libc.malloc_trim(0)
