"""On-disk cache of finished comparisons, keyed by input content and engine version.

Entries live in the user's cache directory (``TRIANGULATE_CACHE_DIR`` overrides it;
``TRIANGULATE_NO_CACHE=1`` turns the cache off). An entry is a short header followed by a
pickled :class:`Comparison`, stored as a table per model class (see :func:`_encode`). Pickle
is acceptable because we only ever read files we wrote ourselves into our own directory, and
an entry holds only containers, strings and numbers: the reader refuses every class and
function, so a planted file runs nothing; anything that does not load cleanly (a torn write,
another version's format, a different shape) is treated as a miss, and the
next ``store`` replaces it.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import os
import pickle
import re
from array import array
from collections import deque
from collections.abc import Mapping, Sequence
from itertools import islice, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from tui.core import models
from tui.core.atomic import clean_stale_temporaries, write_atomic
from tui.core.collector import collector_paused
from tui.core.models import Comparison

FORMAT_VERSION = 4
"""Bump when the entry layout or the stored classes change incompatibly."""
_MAGIC = b"TRIANGULATE-CACHE"
_HEADER = _MAGIC + b" v%d\n" % FORMAT_VERSION
_SUFFIX = ".cmp"

_TUPLE_OF = re.compile(r"tuple\[(\w+), \.\.\.\]")
_CLASSES: dict[str, type] = {
    c.__name__: c
    for c in vars(models).values()
    if isinstance(c, type) and c.__module__ == models.__name__ and dataclasses.is_dataclass(c)
}
_SLOTTED: dict[str, type] = {n: c for n, c in _CLASSES.items() if "__slots__" in c.__dict__}


def _fields(cls: type) -> tuple[tuple[str, type | None], ...]:
    """Each field's name, and the slotted model class of its items when it holds a tuple of them."""
    out: list[tuple[str, type | None]] = []
    for f in dataclasses.fields(cls):
        child = _TUPLE_OF.fullmatch(str(f.type))
        out.append((f.name, _SLOTTED.get(child.group(1)) if child else None))
    return tuple(out)


_SPECS: dict[type, tuple[tuple[str, type | None], ...]] = {c: _fields(c) for c in _CLASSES.values()}


def _dependency_order() -> tuple[type, ...]:
    order: list[type] = []

    def visit(cls: type) -> None:
        if cls not in order:
            for _, child in _SPECS[cls]:
                if child is not None:
                    visit(child)
            order.append(cls)

    for cls in _SLOTTED.values():
        visit(cls)
    return tuple(order)


_ORDER = _dependency_order()
"""Slotted model classes, each after the classes its tuples hold (entries are built in it)."""

# An entry is a table per slotted model class, one column per field, and the comparison's own
# fields. Each object used to be stored as a call of a generated builder with its values:
# unpickling a 200-article story built 93,000 objects one call at a time. A column is set on
# all of a class's objects by one ``map`` of the slot's descriptor, floats and ints travel as
# arrays, and a field holding model objects is stored as their row numbers.
_Column = tuple[Any, ...]
"""A column's kind (``rows``, ``f8``, ``i8``, ``list``) and its data."""


def _encode_column(values: list[Any], interned: dict[Any, Any]) -> _Column:
    kinds = set(map(type, values))
    if kinds == {float}:
        return ("f8", array("d", values).tobytes())
    if kinds == {int}:
        try:
            return ("i8", array("q", values).tobytes())
        except OverflowError:
            pass
    # Equal strings stored once (pickle writes a repeat as a reference): article ids, frames.
    if kinds == {str}:
        values = list(map(interned.setdefault, values, values))
    elif str in kinds:
        values = [interned.setdefault(v, v) if type(v) is str else v for v in values]
    return ("list", values)


def _decode_column(column: _Column, n: int, built: Mapping[type, list[Any]], child: type | None) -> list[Any]:
    kind = column[0]
    if child is not None:
        if kind != "rows":
            raise ValueError("a column of model objects is stored as row numbers")
        lengths, flat = array("I"), array("I")
        lengths.frombytes(column[1])
        flat.frombytes(column[2])
        if sum(lengths) != len(flat):
            raise ValueError("row numbers do not add up")
        items = map(built[child].__getitem__, flat.tolist())  # IndexError on a bad row
        return _sized([tuple(islice(items, k)) for k in lengths.tolist()], n)
    if kind in ("f8", "i8"):
        numbers = array("d" if kind == "f8" else "q")
        numbers.frombytes(column[1])
        return _sized(numbers.tolist(), n)
    if kind == "list" and type(column[1]) is list:
        return _sized(column[1], n)
    raise ValueError(f"unknown column kind {kind!r}")


def _sized(values: list[Any], n: int) -> list[Any]:
    if len(values) != n:
        raise ValueError("a column is not as long as its table")
    return values


def _encode(comparison: Comparison) -> tuple[list[tuple[str, int, list[_Column]]], list[Any]]:
    # Class by class, parents first (the reverse of _ORDER), a column at a time with one
    # ``map`` of the field's getter: walking object by object and field by field in Python was
    # 0.5 s of CPU for a 200-article story, the whole of storing it but the pickling.
    objects: dict[type, list[Any]] = {cls: [] for cls in _ORDER}
    numbers: dict[type, dict[int, int]] = {cls: {} for cls in _ORDER}

    def numbered(value_tuples: list[tuple[Any, ...]], cls: type) -> tuple[list[int], list[int]]:
        """Each tuple's length and the row numbers of the ``cls`` objects in them, in order; an
        object not seen before (by identity) gets the next row."""
        flat = [item for value in value_tuples for item in value]
        if set(map(type, flat)) - {cls}:
            wrong = next(item for item in flat if type(item) is not cls)
            raise pickle.PicklingError(f"{type(wrong).__name__} where {cls.__name__} was expected")
        lengths = list(map(len, value_tuples))
        seen, kept = numbers[cls], objects[cls]
        if not seen:  # the usual case: each object held once, by one parent class's tuples
            seen.update(zip(map(id, flat), range(len(flat)), strict=True))
            if len(seen) == len(flat):
                kept.extend(flat)
                return lengths, list(range(len(flat)))
            seen.clear()
        for item in flat:
            if id(item) not in seen:
                seen[id(item)] = len(kept)
                kept.append(item)
        return lengths, list(map(seen.__getitem__, map(id, flat)))

    top = [
        tuple(numbered([getattr(comparison, name)], child)[1]) if child else getattr(comparison, name)
        for name, child in _SPECS[Comparison]
    ]
    interned: dict[Any, Any] = {}
    encoded: dict[type, list[_Column]] = {}
    for cls in reversed(_ORDER):  # a class's objects are all known once its parents are done
        kept = objects[cls]
        columns: list[_Column] = []
        for name, child in _SPECS[cls]:
            values = list(map(attrgetter(name), kept))
            if child is None:
                columns.append(_encode_column(values, interned))
            else:
                lengths, rows = numbered(values, child)
                columns.append(("rows", array("I", lengths).tobytes(), array("I", rows).tobytes()))
        encoded[cls] = columns
    return [(cls.__name__, len(objects[cls]), encoded[cls]) for cls in _ORDER], top


def _decode(payload: Any) -> Comparison:
    tables, top = payload
    built: dict[type, list[Any]] = {}
    new = object.__new__
    for (name, n, columns), cls in zip(tables, _ORDER, strict=True):
        if name != cls.__name__ or type(n) is not int or len(columns) != len(_SPECS[cls]):
            raise ValueError(f"table {name!r} is not {cls.__name__}'s")
        spec = _SPECS[cls]
        decoded = [_decode_column(c, n, built, child) for c, (_, child) in zip(columns, spec, strict=True)]
        objects: list[Any] = list(map(new, repeat(cls, n)))
        for values, (field, _) in zip(decoded, spec, strict=True):
            # The slot's own descriptor, as the class's __init__ ends up setting it (frozen).
            deque(map(getattr(cls, field).__set__, objects, values), maxlen=0)
        built[cls] = objects
    fields: list[Any] = [
        tuple(map(built[child].__getitem__, value)) if child is not None else value
        for value, (_, child) in zip(top, _SPECS[Comparison], strict=True)
    ]
    return Comparison(*fields)


class _Pickler(pickle.Pickler):
    """Refuses a model object where only plain values belong (the entry is then not stored)."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in _SPECS:
            raise pickle.PicklingError(f"a {type(obj).__name__} inside a plain field")
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """An entry is plain containers, strings and numbers: a file in the cache directory that
    names any class or function (another program's pickle, a planted one) is refused before
    any of it runs, and counts as a miss."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a cache entry")


def _dumps(comparison: Comparison) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(_encode(comparison))
    return buffer.getvalue()


def _loads(data: bytes) -> Comparison:
    return _decode(_Unpickler(io.BytesIO(data)).load())


def enabled() -> bool:
    return os.environ.get("TRIANGULATE_NO_CACHE", "").strip() not in {"1", "true", "yes"}


def cache_dir() -> Path:
    override = os.environ.get("TRIANGULATE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("triangulate", appauthor=False)) / "comparisons"


def cache_key(raw_inputs: Sequence[tuple[str, bytes]], engine_version: str) -> str:
    """A hex digest of the engine version and every ``(source name, raw bytes)`` input, in order.

    Lengths are hashed before contents so no two different input lists share a byte stream.
    """
    h = hashlib.sha256()
    version = engine_version.encode()
    h.update(b"%d:%s" % (len(version), version))
    for name, data in raw_inputs:
        encoded = name.encode("utf-8", "surrogatepass")
        h.update(b"%d:%s%d:" % (len(encoded), encoded, len(data)))
        h.update(data)
    return h.hexdigest()


def _path(key: str) -> Path | None:
    # Keys are our own hex digests; refuse anything else so a key can never name a path.
    if not key or any(c not in "0123456789abcdef" for c in key):
        return None
    return cache_dir() / f"{key}{_SUFFIX}"


def load(key: str, *, freeze: bool = False) -> Comparison | None:
    """The stored comparison for ``key``, or ``None`` on a miss or any unreadable entry.

    ``freeze`` is for a caller that keeps the comparison for the life of the process (the
    reader): it is moved out of the collector's generations (``gc.freeze``) before the
    collector runs again. Otherwise the first allocation after loading sets off a collection
    walking every object just loaded (0.2 s at 200 articles), and later ones walk them again
    until they are frozen anyway. Everything else the process holds at that moment is frozen
    too (the app's own start-up objects: no analysis has run yet on a repeat open).
    """
    path = _path(key)
    if path is None or not enabled():
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_HEADER):
        return None
    # Unpickling 200 articles builds ~170,000 objects, and each batch of allocations sets
    # off a collection that walks every object built so far: with the collector paused
    # (it can find no garbage in objects still being built) loading takes half the time.
    try:
        with collector_paused():
            value = _loads(data[len(_HEADER) :])
            del data
            if freeze and isinstance(value, Comparison):
                gc.freeze()
    except Exception:  # a torn or foreign entry can fail in any way; it is only a miss
        return None
    return value if isinstance(value, Comparison) else None


def store(key: str, comparison: Comparison) -> None:
    """Write the entry atomically; a failure to write never fails the analysis."""
    path = _path(key)
    if path is None or not enabled():
        return
    clean_stale_temporaries(path.parent)  # left by a run killed while storing
    try:
        write_atomic(path, _HEADER + _dumps(comparison), private=True)
    except (OSError, pickle.PicklingError, ValueError):
        return
