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
    start = x.indptr[which]
    counts = x.indptr[which + 1] - start
    owner = np.repeat(np.arange(len(which)), counts)
    # Entry n of the output is entry n - (entries before its row's) of the row: one repeat.
    return np.arange(len(owner)) + np.repeat(start - (np.cumsum(counts) - counts), counts), owner


def row_dots(x: Rows, y: Rows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``x[a[k]] . y[b[k]]`` for every ``k``: the products of the columns both rows hold,
    added in column order. Pairs are taken a bounded number at a time (memory)."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    lookup = _lookup(x, y)
    if len(a) > _PAIRS_AT_ONCE:
        return np.concatenate(
            [
                _row_dots(x, y, a[start : start + _PAIRS_AT_ONCE], b[start : start + _PAIRS_AT_ONCE], lookup)
                for start in range(0, len(a), _PAIRS_AT_ONCE)
            ]
        )
    return _row_dots(x, y, a, b, lookup)


_PAIRS_AT_ONCE = 20_000
_LOOKUP_CELLS = 2_000_000
"""Cells of ``y`` up to which its rows are read from a dense copy (16 MB at most)."""


def _lookup(x: Rows, y: Rows) -> np.ndarray[Any, Any] | None:
    """``y`` as a dense array, where that is small and every value finite, else ``None``.

    With it, each entry of ``x[a[k]]`` reads its partner in ``y[b[k]]`` directly (0.0 where
    ``y`` has none) instead of both rows' entries being sorted together to find the common
    columns: the value screen of a large story asks for half a million dot products. Adding
    the 0.0 products leaves every sum as it was (a sum of finite products starting from 0.0
    is never -0.0, and ``s + 0.0 == s`` for every other ``s``), so the sums are the same floats
    added in the same column order."""
    if y.shape[0] * y.shape[1] > _LOOKUP_CELLS or x.shape[1] > y.shape[1]:
        return None
    if not (np.isfinite(x.data).all() and np.isfinite(y.data).all()):
        return None
    dense = np.zeros(y.shape)
    dense[np.repeat(np.arange(y.shape[0]), np.diff(y.indptr)), y.indices] = y.data
    return dense


def _row_dots(
    x: Rows, y: Rows, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], lookup: np.ndarray[Any, Any] | None
) -> np.ndarray[Any, Any]:
    pos_a, pair_a = _entries(x, a)
    if lookup is not None:
        # One flat index is a cheaper gather than numpy's index of two arrays.
        products = x.data[pos_a] * lookup.ravel()[b[pair_a] * lookup.shape[1] + x.indices[pos_a]]
        return np.bincount(pair_a, weights=products, minlength=len(a)).astype(np.float64)
    width = max(x.shape[1], y.shape[1], 1)
    pos_b, pair_b = _entries(y, b)
    keys_a = pair_a * width + x.indices[pos_a]
    keys_b = pair_b * width + y.indices[pos_b]
    common, in_a, in_b = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    products = x.data[pos_a[in_a]] * y.data[pos_b[in_b]]
    return np.bincount(common // width, weights=products, minlength=len(a)).astype(np.float64)
