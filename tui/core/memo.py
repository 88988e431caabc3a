"""Memoisation of pure per-text functions, with one switch to forget everything.

A story of hundreds of articles repeats the same sentences, lines and names thousands of
times (wire copy, shared quotes, furniture), and normalising or tokenising a text is a
function of the text alone, so each distinct text is worked out once. The caches are
bounded :func:`functools.lru_cache` instances; :func:`clear` empties all of them, which the
benchmark does before every timed run so that a repeat never measures a warm cache.
:func:`seed` hands a cache results worked out elsewhere (in a worker process): each is served
once, the first time it is asked for, and then kept like any other result.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache, wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

MAXSIZE = 1 << 17
"""Entries per cache: above the distinct sentences of a 400-article story."""

_CACHES: list[Any] = []
_SEEDS: dict[int, dict[tuple[Hashable, ...], Any]] = {}
"""Per memoised function (by id), results handed in by :func:`seed` and not yet asked for."""
_MISSING = object()


def memoised(function: F) -> F:
    """``function`` with its results kept per distinct (hashable) arguments."""
    seeded: dict[tuple[Hashable, ...], Any] = {}

    @wraps(function)
    def compute(*args: Hashable, **keywords: Any) -> Any:
        # Only reached when the cache misses, so a hit costs what a plain lru_cache costs.
        if seeded and not keywords:
            found = seeded.pop(args, _MISSING)
            if found is not _MISSING:
                return found
        return function(*args, **keywords)

    cached = lru_cache(maxsize=MAXSIZE)(compute)
    _CACHES.append(cached)
    _SEEDS[id(cached)] = seeded
    return cached  # type: ignore[return-value]


def seed(function: Callable[..., T], results: Iterable[tuple[tuple[Hashable, ...], T]]) -> None:
    """Hand ``function`` (a :func:`memoised` one) results worked out elsewhere, as pairs of
    positional arguments and result. They must be what ``function`` returns for them."""
    seeded = _SEEDS[id(function)]
    for args, result in results:
        seeded.setdefault(args, result)


def clear() -> None:
    """Forget every memoised result (for honest repeated timings, and to free memory)."""
    for cached in _CACHES:
        cached.cache_clear()
    for seeded in _SEEDS.values():
        seeded.clear()
