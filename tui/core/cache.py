"""On-disk cache of finished comparisons, keyed by input content and engine version.

Entries live in the user's cache directory (``TRIANGULATE_CACHE_DIR`` overrides it;
``TRIANGULATE_NO_CACHE=1`` turns the cache off). An entry is a short header followed by a
pickled :class:`Comparison`. Pickle is acceptable because we only ever read files we wrote
ourselves into our own directory; even so, anything that does not load cleanly (a torn
write, another version's format, a different class) is treated as a miss, and the next
``store`` replaces it.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.core import models
from tui.core.atomic import clean_stale_temporaries, write_atomic
from tui.core.collector import collector_paused
from tui.core.models import Comparison

FORMAT_VERSION = 2
"""Bump when the entry layout or the pickled classes change incompatibly."""
_MAGIC = b"TRIANGULATE-CACHE"
_HEADER = _MAGIC + b" v%d\n" % FORMAT_VERSION
_SUFFIX = ".cmp"


_FIELDS: dict[type, tuple[str, ...]] = {}


class _Pickler(pickle.Pickler):
    """Stores each model dataclass as its class and field values, rebuilt by its constructor.

    Slotted dataclasses otherwise unpickle through ``dataclasses``' own ``__setstate__``,
    which looks the class's fields up again for every object: 3 s of a repeat open of 200
    articles (167,000 objects) went there.
    """

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls.__module__ != models.__name__ or not dataclasses.is_dataclass(cls):
            return NotImplemented
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
        return cls, tuple(getattr(obj, name) for name in names)


def _dumps(comparison: Comparison) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(comparison)
    return buffer.getvalue()


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
            value = pickle.loads(data[len(_HEADER) :])
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
    except (OSError, pickle.PicklingError):
        return
