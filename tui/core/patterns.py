"""Regular expressions that start quickly.

Python's regex engine tries a pattern at every position of a text, and a pattern of many
alternatives (case-insensitive ones above all, whose first letters it cannot check ahead)
costs tenths of a microsecond at each position, even where no match can start. The value
grammar runs a dozen such patterns over every sentence, so :func:`started` puts a look-ahead
for the characters a match can start with in front of a pattern: one character test turns
most positions away, and the matches stay the same.
"""

from __future__ import annotations

import re

PREFIX = re.compile(r"\(\?=\[(?P<first>[^\]]*)\]\)\(\?:")
"""How a started pattern begins: the tests take the pattern alone back from it."""


def started(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for ``first``, the characters (as a character-class
    body, under the pattern's flags) that every match of ``pattern`` starts with.

    ``first`` must be complete, or matches are lost; tests/core/test_text_fast_paths.py
    checks every started pattern of the core against the pattern alone."""
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)
