"""Opposite modifiers that set two otherwise alike statements apart."""

from __future__ import annotations

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


def contrasted(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether the two facts' sentences use opposite modifiers, each only on its own side."""
    return any(
        (x in words_a and y in words_b and y not in words_a and x not in words_b)
        or (y in words_a and x in words_b and x not in words_a and y not in words_b)
        for x, y in _CONTRASTS
    )
