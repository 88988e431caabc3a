"""Value links that pair two different events of one frame, dropped before grouping.

A story with several events of one kind (two goals, two earthquakes, two polls) gives each
outlet several values of one frame. A link between outlet A's "23rd minute" and outlet B's
"36th minute" reads as a conflict, but when B also gives "23rd minute" in that frame (or A
gives "36th"), B does not dispute A's figure: it reports both events, and the link joins two
different facts. Whichever link of the two scores higher would otherwise take the outlet's one
place in the claim and turn an agreed fact into a false conflict.

A value the outlet reports as since replaced ("up from 5,300") is not such an echo: an outlet
whose current figure is another outlet's earlier one still disagrees with it. Nor is a quoted
figure an echo of the outlet's own, or the other way round: a speaker's words are a fact apart
from what the outlet itself reports (:attr:`Fact.quoted`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tui.core.facts import Fact
from tui.core.unique import unique
from tui.core.value_links import Figure, ValueColumns, figure_key


def columns_without_echoes(facts: Sequence[Fact], columns: ValueColumns) -> ValueColumns:
    """The value links in ``columns`` (:func:`tui.core.value_links.value_link_columns`) without
    those between two different figures of one frame where either outlet also states, in that
    frame and in the same voice (quoted or its own), the other's figure. In columns: where the
    value links are found in a forked child, the child drops the echoes and the caller builds
    only the links that stay."""
    echoed = _echoed(facts, columns[0], columns[1])
    if len(echoed) == 0:
        return columns
    keep = np.ones(len(columns[0]), dtype=bool)
    keep[echoed] = False
    return columns[0][keep], columns[1][keep], columns[2][keep], columns[3][keep]


def _echoed(facts: Sequence[Fact], a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Positions of the links ``(a[k], b[k])`` that :func:`columns_without_echoes` drops, in order."""
    if len(a) == 0:
        return np.zeros(0, dtype=np.int64)
    # One code per (frame, figure); a frame is part of the code, so equal codes of two facts
    # mean one frame. Every value fact's voice is its outlet and whether it is quoted.
    codes: dict[tuple[str, Figure], int] = {}
    code = np.full(len(facts), -1, dtype=np.int64)
    frame = np.full(len(facts), -1, dtype=np.int64)
    frames: dict[str, int] = {}
    voice = np.asarray([2 * f.article + f.quoted for f in facts], dtype=np.int64)
    for f in facts:
        if f.value is not None:
            code[f.index] = codes.setdefault((f.frame, figure_key(f.value)), len(codes))
            frame[f.index] = frames.setdefault(f.frame, len(frames))
    n = max(len(codes), 1)
    # What each voice states, as voice * n + code: a count the outlet says was since replaced
    # is left out.
    own = np.asarray([f.index for f in facts if f.value is not None and not f.superseded], dtype=np.int64)
    stated = unique(voice[own] * n + code[own])
    asked = np.nonzero((code[a] >= 0) & (code[b] >= 0) & (code[a] != code[b]) & (frame[a] == frame[b]))[0]
    a, b = a[asked], b[asked]
    return np.asarray(asked[_among(voice[b] * n + code[a], stated) | _among(voice[a] * n + code[b], stated)])


def _among(values: np.ndarray[Any, Any], table: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Which ``values`` are in the sorted ``table``, by binary search (``np.isin`` would import
    ``numpy.ma``, see :mod:`tui.core.unique`)."""
    at = np.minimum(np.searchsorted(table, values), max(len(table) - 1, 0))
    return np.asarray(table[at] == values) if len(table) else np.zeros(len(values), dtype=bool)
