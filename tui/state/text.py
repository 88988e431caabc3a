"""Plain-text helpers shared by the reader's state and its widgets: no Rich, no Textual."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\t\n\r]+")


def clean(text: str) -> str:
    """Remove control and bidi-override characters so none reach the terminal."""
    return _CONTROL.sub("", _SPACE.sub(" ", text))


def find_value(text: str, value: str) -> int:
    """Offset of ``value`` in ``text`` (case-insensitive), or -1."""
    if not value:
        return -1
    return text.lower().find(value.lower())


def find_all(text: str, query: str) -> list[int]:
    """Offsets of every case-insensitive occurrence of ``query`` in ``text``."""
    if not query:
        return []
    lowered, needle = text.lower(), query.lower()
    found: list[int] = []
    start = lowered.find(needle)
    while start != -1:
        found.append(start)
        start = lowered.find(needle, start + len(needle))
    return found


def counted(n: int, noun: str) -> str:
    """ "1 source", "5 sources": a count with its noun, plural where it is not one."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
