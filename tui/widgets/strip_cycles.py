"""Lines drawn on screen freed when the next frame replaces them, not by the cycle collector.

Textual's compositor cuts every line it draws at the edges of the widgets on that line with
``Strip.divide``, which remembers its result inside the strip. A line that needs no cut (a
widget as wide as its part of the screen: the reading grid, the detail view, the facts table,
the headers) divides into ``[itself]``, so the strip then holds a list holding the strip: a
reference cycle. Every line drawn became cyclic garbage with its seven caches and its
segments, about 27 objects, some 1,300 per key that scrolls the grid; only a collection of
the oldest generation freed them once they had aged there, and at 20 articles such a
collection walked 195,000 objects (0.6 s) when it came.

:func:`install` answers that one case before Textual's method runs: the same result (the
strip itself, alone), nothing remembered, so the strip is freed as soon as the screen lets
go of it. Every other division goes to Textual's own code unchanged. Only the memo differs
(the compositor is the only caller and only iterates the list), so what is drawn is the same;
Textual is pinned exactly, and a test checks the division results against Textual's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.strip import Strip

_textual_divide = Strip.divide


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    length = self.cell_length
    kept = [cut for cut in cuts if cut <= length]  # as Textual's method drops them
    if kept == [length]:
        return [self]
    return _textual_divide(self, kept)


def install() -> None:
    """Replace ``Strip.divide`` with the cycle-free one (idempotent, process-wide)."""
    Strip.divide = _divide  # type: ignore[method-assign]


def installed() -> bool:
    return Strip.divide is _divide
