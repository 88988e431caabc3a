"""``np.unique`` by sorting (or a table), for integer codes.

``np.unique`` asks ``np.ma.is_masked`` of its input, and its first call imports ``numpy.ma``:
some 40-60 ms of every process that analyses a story, more than the seeds' whole analysis
should take. The engine only ever asks for the distinct values of integer codes, their
first positions or each element's place among them, which a sort gives directly (a stable one
for first positions), or for dense codes a flag per possible code.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _starts(ordered: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    return starts


def _sorted(values: np.ndarray[Any, Any], stable: bool) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    order = np.argsort(values, kind="stable" if stable else "quicksort")
    return order, _starts(values[order])


def unique(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The distinct values, in increasing order (``np.unique(values)``)."""
    values = np.asarray(values).ravel()
    present = _present(values, _UNIQUE_SLOTS)
    if present is not None:
        return np.flatnonzero(present).astype(values.dtype, copy=False)
    # Equal values are interchangeable here, so numpy's default sort (two to four times
    # faster than a stable one on the engine's arrays of pair codes) gives the same result.
    ordered = np.sort(values)
    distinct: np.ndarray[Any, Any] = ordered[_starts(ordered)]
    return distinct


def unique_first(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The distinct values and the index of each one's first occurrence
    (``np.unique(values, return_index=True)``)."""
    values = np.asarray(values).ravel()
    order, starts = _sorted(values, stable=True)  # the first of equal values comes first
    return values[order][starts], order[starts]


def unique_inverse(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The distinct values and, for each element, the index of its value among them
    (``np.unique(values, return_inverse=True)``)."""
    values = np.asarray(values).ravel()
    present = _present(values, _INVERSE_SLOTS)
    if present is not None:
        rank = np.cumsum(present) - 1
        inverse = np.asarray(rank[values], dtype=np.intp)
        return np.flatnonzero(present).astype(values.dtype, copy=False), inverse
    packed = _packed_order(values)
    if packed is not None:
        ordered, order = packed
        starts = _starts(ordered)
        distinct = ordered[starts]
    else:
        # Each element's place depends on its value alone, not on where equal values are sorted.
        order, starts = _sorted(values, stable=False)
        distinct = values[order][starts]
    inverse = np.empty(len(values), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return distinct, inverse


_UNIQUE_SLOTS = 8
_INVERSE_SLOTS = 2
"""Slots per value up to which the distinct values of non-negative integer codes are read off a
flag per possible code (and each value's place off their running count) instead of a sort:
faster where the codes are dense (the pair codes of a few hundred distinct values, a bucket's
pairs), measured on 700,000 codes."""


def _present(values: np.ndarray[Any, Any], slots: int) -> np.ndarray[Any, Any] | None:
    """A flag per possible code ``0..max``, set where ``values`` holds it, for non-negative
    integer codes spanning at most ``slots`` codes per value; ``None`` otherwise."""
    if values.dtype.kind not in "iu" or len(values) == 0:
        return None
    top = int(values.max()) + 1
    if top > slots * len(values) or int(values.min()) < 0:
        return None
    present = np.zeros(top, dtype=bool)
    present[values] = True
    return present


def _packed_order(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None:
    """Non-negative integer codes sorted, and the order that sorts them, from one sort of each
    code with its position in the low bits (numpy sorts values two to five times faster than
    it argsorts them); ``None`` where that does not fit in 63 bits."""
    if values.dtype.kind not in "iu" or len(values) < 2:
        return None
    bits = (len(values) - 1).bit_length()
    if int(values.min()) < 0 or int(values.max()).bit_length() + bits > 63:
        return None
    key = (values.astype(np.int64) << bits) | np.arange(len(values))
    key.sort()
    ordered: np.ndarray[Any, Any] = (key >> bits).astype(values.dtype, copy=False)
    return ordered, key & ((1 << bits) - 1)
