"""Sparse rows in plain numpy: the row-wise dot products of a small batch without scipy.

Importing ``scipy.sparse`` takes longer than analysing a handful of articles, so the batches
of a small story (the common case) use these instead; large stories use scipy's matrices.
Each row's entries are kept in column order and every sum adds them in that order, as
scipy's compressed rows do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Rows:
    """Compressed sparse rows: row ``r`` holds ``data[indptr[r]:indptr[r + 1]]`` in the
    columns ``indices[...]``, in increasing column order."""

    indptr: np.ndarray[Any, Any]
    indices: np.ndarray[Any, Any]
    data: np.ndarray[Any, Any]
    shape: tuple[int, int]


def from_entries(
    data: Sequence[float], rows: Sequence[int], cols: Sequence[int], shape: tuple[int, int]
) -> Rows:
    """Rows from ``(row, column, value)`` entries, at most one per row and column."""
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    order = np.lexsort((c, r))
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=shape[0]), out=indptr[1:])
    return Rows(indptr, c[order], np.asarray(data, dtype=np.float64)[order], shape)


def row_sums(x: Rows) -> np.ndarray[Any, Any]:
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    return np.bincount(rows, weights=x.data, minlength=x.shape[0]).astype(np.float64)


def _entries(x: Rows, which: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """For rows ``which[k]``: every entry's position in ``x`` and the ``k`` it belongs to."""
    counts = x.indptr[which + 1] - x.indptr[which]
    owner = np.repeat(np.arange(len(which)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(x.indptr[which], counts) + np.arange(len(owner)) - first, owner


def row_dots(x: Rows, y: Rows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``x[a[k]] . y[b[k]]`` for every ``k``: the products of the columns both rows hold,
    added in column order. Pairs are taken a bounded number at a time (memory)."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    if len(a) > _PAIRS_AT_ONCE:
        return np.concatenate(
            [
                _row_dots(x, y, a[start : start + _PAIRS_AT_ONCE], b[start : start + _PAIRS_AT_ONCE])
                for start in range(0, len(a), _PAIRS_AT_ONCE)
            ]
        )
    return _row_dots(x, y, a, b)


_PAIRS_AT_ONCE = 20_000


def _row_dots(x: Rows, y: Rows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    width = max(x.shape[1], y.shape[1], 1)
    pos_a, pair_a = _entries(x, a)
    pos_b, pair_b = _entries(y, b)
    keys_a = pair_a * width + x.indices[pos_a]
    keys_b = pair_b * width + y.indices[pos_b]
    common, in_a, in_b = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    products = x.data[pos_a[in_a]] * y.data[pos_b[in_b]]
    return np.bincount(common // width, weights=products, minlength=len(a)).astype(np.float64)
