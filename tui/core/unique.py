"""``np.unique`` by sorting, for integer codes.

``np.unique`` asks ``np.ma.is_masked`` of its input, and its first call imports ``numpy.ma``:
some 40-60 ms of every process that analyses a story, more than the seeds' whole analysis
should take. The engine only ever asks for the distinct values of integer codes, their
first positions or each element's place among them, which a stable sort gives directly.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _sorted(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    return order, starts


def unique(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The distinct values, in increasing order (``np.unique(values)``)."""
    values = np.asarray(values).ravel()
    order, starts = _sorted(values)
    distinct: np.ndarray[Any, Any] = values[order][starts]
    return distinct


def unique_first(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The distinct values and the index of each one's first occurrence
    (``np.unique(values, return_index=True)``)."""
    values = np.asarray(values).ravel()
    order, starts = _sorted(values)
    return values[order][starts], order[starts]


def unique_inverse(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The distinct values and, for each element, the index of its value among them
    (``np.unique(values, return_inverse=True)``)."""
    values = np.asarray(values).ravel()
    order, starts = _sorted(values)
    inverse = np.empty(len(values), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return values[order][starts], inverse
