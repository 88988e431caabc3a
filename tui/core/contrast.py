"""Opposite modifiers that set two otherwise alike statements apart."""

from __future__ import annotations

from typing import Any

import numpy as np

_CONTRASTS = (
    ("existing", "new"), ("old", "new"), ("current", "planned"), ("current", "proposed"),
    ("previous", "new"), ("former", "current"), ("last", "next"), ("before", "after"),
    ("domestic", "international"), ("men", "women"), ("male", "female"), ("adults", "children"),
    ("minimum", "maximum"), ("lowest", "highest"), ("first", "second"), ("earlier", "later"),
    ("initial", "final"), ("original", "revised"), ("upper", "lower"), ("north", "south"),
    ("east", "west"),
)  # fmt: skip
"""Modifiers that set two figures of one frame apart ("the existing line carries 22,000 riders"
/ "the new line should carry 18,000"): general English opposites, not any story's words."""


_CONTRAST_WORDS = frozenset(w for pair in _CONTRASTS for w in pair)

_SEQUENCE = frozenset({("before", "after"), ("earlier", "later")})
"""Words that order events. Beside a figure they tell an earlier count from a later one, but
in a statement they join two events in one sentence ("Messi put Argentina 3-2 up before
Mbappe completed his hat-trick" / "... after Dembele fouled Di Maria") and say nothing about
which fact the clause states: they do not keep two statements apart."""
STATEMENT_CONTRASTS = sum(1 << k for k, pair in enumerate(_CONTRASTS) if pair not in _SEQUENCE)
"""The :func:`contrast_bits` of the pairs that keep two statements apart (all but :data:`_SEQUENCE`):
and the bits with this before :func:`contrasted_bits`."""


def contrasted(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether the two facts' sentences use opposite modifiers, each only on its own side."""
    return any(
        (x in words_a and y in words_b and y not in words_a and x not in words_b)
        or (y in words_a and x in words_b and x not in words_a and y not in words_b)
        for x, y in _CONTRASTS
    )


def contrast_bits(words: frozenset[str]) -> tuple[int, int]:
    """Which contrast pairs' first and second words ``words`` holds, one bit per pair, so that
    :func:`contrasted_bits` answers :func:`contrasted` for many pairs of sentences at once."""
    if words.isdisjoint(_CONTRAST_WORDS):
        return 0, 0  # most sentences: no contrast word at all
    first = sum(1 << k for k, (x, _) in enumerate(_CONTRASTS) if x in words)
    second = sum(1 << k for k, (_, y) in enumerate(_CONTRASTS) if y in words)
    return first, second


def contrast_bits_without(words: frozenset[str], own: str) -> tuple[int, int]:
    """:func:`contrast_bits` of ``words - {own}``, without copying ``words`` where ``own`` is no
    contrast word (nearly always: a fact's own ordinal is rarely "first" or "second")."""
    return contrast_bits(words - {own} if own in _CONTRAST_WORDS else words)


def contrasted_pair(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """:func:`contrasted` on the :func:`contrast_bits` of the two sentences."""
    return bool((a[0] & b[1] & ~a[1] & ~b[0]) | (a[1] & b[0] & ~a[0] & ~b[1]))


def contrasted_bits(
    first_a: np.ndarray[Any, Any],
    second_a: np.ndarray[Any, Any],
    first_b: np.ndarray[Any, Any],
    second_b: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """:func:`contrasted` element-wise, on the :func:`contrast_bits` of the two sides."""
    one_way = first_a & second_b & ~second_a & ~first_b
    other_way = second_a & first_b & ~first_a & ~second_b
    return np.asarray((one_way | other_way) != 0)
