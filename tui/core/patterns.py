"""Regular expressions that start quickly, and that compile once per interpreter.

Python's regex engine tries a pattern at every position of a text, and a pattern of many
alternatives (case-insensitive ones above all, whose first letters it cannot check ahead)
costs tenths of a microsecond at each position, even where no match can start. The value
grammar runs a dozen such patterns over every sentence, so :func:`started` puts a look-ahead
for the characters a match can start with in front of a pattern: one character test turns
most positions away, and the matches stay the same.

Compiling the core's patterns (the value grammar's figure pattern alone has 150 units and
every currency) took about 110 ms of every process that analyses a story, a sixth of
``triangulate report`` on the seeds. ``re`` keeps compiled patterns only in memory, so
:func:`compiled` keeps what ``re`` compiles them to (the engine's code, a list of integers)
in a file in the user's cache directory, as Python keeps bytecode, and a later process
builds each pattern from it with ``_sre.compile``, the constructor ``re.compile`` itself ends
in. That is CPython's private interface, so everything about it is checked: the file is
used only by the interpreter build and regex engine (``_sre.MAGIC``) that wrote it, an entry is
stored only when the pattern built from it is equal to ``re.compile``'s (equality compares
the code), ``_sre`` validates code it is given, and anything unreadable, foreign or damaged
is a miss, compiled by ``re`` as before. No library does this (``regex`` has no compiled
form on disk either).
"""

from __future__ import annotations

import importlib
import marshal
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

PREFIX = re.compile(r"\(\?=\[(?P<first>[^\]]*)\]\)\(\?:")
"""How a started pattern begins: the tests take the pattern alone back from it."""

_sre: Any = importlib.import_module("_sre")

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` takes after the pattern: flags, code, groups, group names by name
and by index."""

INTERPRETER = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}|{_sre.MAXGROUPS}"
"""The stored code is valid for this interpreter build only."""
_FORMAT = 1
_MAX_ENTRIES = 2000
"""Above this many stored patterns (the core has about 170), only those used are kept."""

_stored: dict[tuple[str, int], Entry] | None = None
_used: set[tuple[str, int]] = set()
_added = False


def by_first_letter(words: Iterable[str]) -> str:
    """An alternation of ``words`` grouped by first letter ("o(?:ne)|t(?:wo|en)"), longest first
    in each group: where one plain alternation of them tries every word at every position,
    `re` tests the first letter once and goes on with that letter's words only (at a word
    start, two fifths less time than a :func:`started` alternation). It matches what the words
    alternated longest first match."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda word: (-len(word), word)):  # the same text in every process
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(groups.items()))


def started(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for ``first``, the characters (as a character-class
    body, under the pattern's flags) that every match of ``pattern`` starts with.

    ``first`` must be complete, or matches are lost; tests/core/test_text_fast_paths.py
    checks every started pattern of the core against the pattern alone."""
    return compiled(f"(?=[{first}])(?:{pattern})", flags)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the code an earlier process stored if any.

    Call :func:`save_compiled` once the patterns are compiled to store new ones."""
    global _stored, _added
    if _stored is None:
        _stored = _read(store_path())
    key = (pattern, int(flags))
    _used.add(key)
    entry = _stored.get(key)
    if entry is not None:
        try:
            return cast("re.Pattern[str]", _sre.compile(pattern, *entry))
        except Exception:  # a damaged entry (wrong types, code _sre refuses) is only a miss
            del _stored[key]
    plain = re.compile(pattern, flags)
    entry = compiled_form(pattern, int(flags))
    if entry is not None and _same(_built(pattern, entry), plain):
        _stored[key] = entry
        _added = True
    return plain


def compiled_form(pattern: str, flags: int) -> Entry | None:
    """What ``re.compile`` hands ``_sre.compile`` for ``pattern``, or ``None`` if this
    interpreter's ``re`` is not built the way this expects (then nothing is stored)."""
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        parsed = parser.parse(pattern, flags)
        code = compiler._code(parsed, flags)
        state = parsed.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        code_list = [int(c) for c in code]
        return (int(flags | state.flags), code_list, state.groups - 1, dict(state.groupdict), tuple(names))
    except Exception:  # another CPython's internals: compile as re does, store nothing
        return None


def _same(built: re.Pattern[str] | None, plain: re.Pattern[str]) -> bool:
    """Equal patterns (flags, pattern text and code) with the same groups."""
    if built is None or built != plain:
        return False
    return built.groups == plain.groups and built.groupindex == plain.groupindex


def _built(pattern: str, entry: Entry) -> re.Pattern[str] | None:
    try:
        return cast("re.Pattern[str]", _sre.compile(pattern, *entry))
    except Exception:
        return None


def store_path() -> Path:
    """The file of stored patterns: beside the analysis cache (``TRIANGULATE_CACHE_DIR``
    overrides its directory too), one per interpreter."""
    override = os.environ.get("TRIANGULATE_CACHE_DIR")
    if override:
        base = Path(override)
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("triangulate", appauthor=False))
    return base / "patterns" / f"{sys.implementation.cache_tag}.marshal"


def _read(path: Path) -> dict[tuple[str, int], Entry]:
    try:
        data = path.read_bytes()
        stored = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (
        isinstance(stored, dict)
        and stored.get("format") == _FORMAT
        and stored.get("interpreter") == INTERPRETER
        and isinstance(stored.get("patterns"), dict)
    ):
        return {}
    return {key: entry for key, entry in stored["patterns"].items() if _well_formed(key, entry)}


def _well_formed(key: object, entry: object) -> bool:
    """The shape of an entry; the code's integers are checked by ``_sre.compile``."""
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
        and isinstance(entry, tuple)
        and len(entry) == 5
        and isinstance(entry[0], int)
        and isinstance(entry[1], list)
        and isinstance(entry[2], int)
        and isinstance(entry[3], dict)
        and isinstance(entry[4], tuple)
    )


def save_compiled() -> None:
    """Store the patterns compiled in this process that the file did not have yet.

    Called by the command line and the app once the analysis has compiled its patterns (not
    by the library's ``compare``: a library call writes nothing it was not asked to). A
    failure to write only means the next process compiles them again."""
    global _added
    if not _added or _stored is None:
        return
    _added = False
    kept = _stored if len(_stored) <= _MAX_ENTRIES else {k: v for k, v in _stored.items() if k in _used}
    from tui.core.atomic import write_atomic

    data = marshal.dumps({"format": _FORMAT, "interpreter": INTERPRETER, "patterns": kept})
    try:
        write_atomic(store_path(), data, private=True)
    except (OSError, ValueError):
        return
