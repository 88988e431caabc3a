"""On-disk cache of finished comparisons, keyed by input content and engine version.

Entries live in the user's cache directory (``TRIANGULATE_CACHE_DIR`` overrides it;
``TRIANGULATE_NO_CACHE=1`` turns the cache off). An entry is a short header followed by a
pickled :class:`Comparison`. Pickle is acceptable because we only ever read files we wrote
ourselves into our own directory, and the reader refuses any class or function but the
comparison's own parts, so a planted file runs nothing; anything that does not load cleanly
(a torn write, another version's format, a different class) is treated as a miss, and the
next ``store`` replaces it.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tui.core import models
from tui.core.atomic import clean_stale_temporaries, write_atomic
from tui.core.collector import collector_paused
from tui.core.models import Comparison

FORMAT_VERSION = 3
"""Bump when the entry layout or the pickled classes change incompatibly."""
_MAGIC = b"TRIANGULATE-CACHE"
_HEADER = _MAGIC + b" v%d\n" % FORMAT_VERSION
_SUFFIX = ".cmp"


def _builder(cls: type) -> Callable[..., Any]:
    """A function that builds a slotted model object from its field values, in field order.

    It fills the slots through their descriptors: the frozen dataclass's ``__init__`` goes
    through ``object.__setattr__`` field by field, and a repeat open of 200 articles builds
    85,000 such objects (mentions, evidence, sentences), 40% faster this way. The body is
    generated, as ``dataclasses`` generates ``__init__``: a loop over the slots costs as much
    as the constructor. Only parameter positions go into the source, never a name from data.
    """
    names = [f.name for f in dataclasses.fields(cls)]
    params = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    s{i}(o, v{i})\n" for i in range(len(names)))
    source = f"def build({params}):\n    o = new(cls)\n{body}    return o\n"
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"s{i}": getattr(cls, name).__set__ for i, name in enumerate(names)})
    exec(source, scope)  # our own template: field positions only
    build: Callable[..., Any] = scope["build"]
    build.__module__ = __name__
    build.__qualname__ = build.__name__ = f"_build_{cls.__name__}"
    return build


_FIELDS: dict[type, tuple[str, ...]] = {}
_BUILDERS: dict[type, Callable[..., Any]] = {}
for _cls in vars(models).values():
    if isinstance(_cls, type) and _cls.__module__ == models.__name__ and dataclasses.is_dataclass(_cls):
        _FIELDS[_cls] = tuple(f.name for f in dataclasses.fields(_cls))
        if "__slots__" in _cls.__dict__:
            # Module attributes, so pickle names them (it stores a function by module and name).
            _BUILDERS[_cls] = globals()[f"_build_{_cls.__name__}"] = _builder(_cls)


class _Pickler(pickle.Pickler):
    """Stores each model dataclass as a builder and its field values.

    Slotted dataclasses otherwise unpickle through ``dataclasses``' own ``__setstate__``,
    which looks the class's fields up again for every object: 3 s of a repeat open of 200
    articles (167,000 objects) went there. A slotted class is rebuilt by :func:`_builder`'s
    function, the rest (the one ``Comparison``) by its constructor.
    """

    def reducer_override(self, obj: Any) -> Any:
        names = _FIELDS.get(type(obj))
        if names is None:
            return NotImplemented
        values = tuple(getattr(obj, name) for name in names)
        return _BUILDERS.get(type(obj), type(obj)), values


_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict"})


class _Unpickler(pickle.Unpickler):
    """Rebuilds only what :class:`_Pickler` writes: the models, their builders and plain
    containers. A file in the cache directory that names anything else (another program's
    pickle, a planted one) is refused before any of it runs, and counts as a miss."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = (
            (module == __name__ and name.startswith("_build_") and name in globals())
            or (module == models.__name__ and isinstance(getattr(models, name, None), type))
            or (module == "builtins" and name in _BUILTINS)
        )
        if not allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not a comparison's part")
        return super().find_class(module, name)


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
            value = _Unpickler(io.BytesIO(data[len(_HEADER) :])).load()
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
