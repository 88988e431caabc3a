"""Display text: what a person is shown for a slice of an article.

Cleaning only ever *deletes* characters, so every displayed character still maps
back to an offset in the article text.
"""

from __future__ import annotations

import re

from tui.core.patterns import compiled

# Terminal escape sequences (CSI, OSC, two-character ESC forms), C0/C1 controls except
# tab and newline, and bidirectional overrides that could reorder what a reader sees.
_CONTROL = compiled(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# Citation residue left by scrapers: " , ." or " ." where a reference marker was removed.
_RESIDUE = compiled(r"[ \t]+(?:,[ \t]*)*(?=[.,;:!?](?:\s|$))")
_RESIDUE_START = compiled(r"[ \t][.,;:!?]")
"""What every residue holds: its last space or tab, then a comma or the mark after it. Most
texts have none, and this is found in C, where the residue pattern is tried at every space."""


def strip_controls(text: str) -> str:
    if text.isprintable():
        # Every match of _CONTROL starts with a character that is not printable (a control,
        # ESC, a bidi override or isolate), so there is nothing to delete; the check is one
        # C pass, where the pattern is tried at every position.
        return text
    return _CONTROL.sub("", text)


def clean(text: str) -> str:
    """Delete control sequences and citation residue, collapse newlines inside a paragraph."""
    text = strip_controls(text)
    if _RESIDUE_START.search(text) is not None:
        text = _RESIDUE.sub("", text)
    return text.replace("\t", " ").replace("\n", " ").strip()


# What ``visible`` spells out: every control character (tab and newline included), C1
# controls, bidirectional overrides and isolates, and Unicode line/paragraph separators.
_INVISIBLE = compiled(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with each control character written out as ``\\xNN``/``\\uNNNN``.

    For names, paths and server text that are printed or shown: unlike :func:`strip_controls`,
    nothing disappears (a reader sees that the name holds an escape), and nothing can act on
    the terminal or forge a second line of output.
    """

    def spell(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(spell, text)
