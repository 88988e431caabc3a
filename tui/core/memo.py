"""Memoisation of pure per-text functions, with one switch to forget everything.

A story of hundreds of articles repeats the same sentences, lines and names thousands of
times (wire copy, shared quotes, furniture), and normalising or tokenising a text is a
function of the text alone, so each distinct text is worked out once. The caches are
bounded :func:`functools.lru_cache` instances; :func:`clear` empties all of them, which the
benchmark does before every timed run so that a repeat never measures a warm cache.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAXSIZE = 1 << 17
"""Entries per cache: above the distinct sentences of a 400-article story."""

_CACHES: list[Any] = []


def memoised(function: F) -> F:
    """``function`` with its results kept per distinct (hashable) arguments."""
    cached = lru_cache(maxsize=MAXSIZE)(function)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear() -> None:
    """Forget every memoised result (for honest repeated timings, and to free memory)."""
    for cached in _CACHES:
        cached.cache_clear()
