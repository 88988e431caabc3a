"""Who published each article, when, and where: outlet names, dates and URLs.

In order of precedence an outlet's name comes from the user (``--source NAME``), a
``sources.toml`` manifest in the article's directory, the page itself (HTML ``og:site_name``
and publisher fields, the site of its canonical URL, a "Source: Wired" line), and last a
readable name made from the file name ("tnp-straitstimes.txt" -> "Tnp Straitstimes").
Names are never taken from a file name that is only numbers and hashes: those articles
are called "Source A", "Source B", ... in input order.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable, Mapping, MutableSequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from tui.core.display import clean
from tui.core.patterns import compiled

if TYPE_CHECKING:
    from tui.core.ingest import Document
    from tui.core.models import Comparison

MANIFEST = "sources.toml"
_MAX_NAME = 80

# "(Source: Wired)" on a line of its own declares whose article this is. "Via: X" only credits
# where material came from, so it is a cited source, not the outlet.
_SOURCE_LINE = compiled(r"^\s*\(?\s*source\s*:\s*([^()\n]{2,40}?)\s*\)?\s*$", re.IGNORECASE | re.MULTILINE)
_HASHLIKE = compiled(r"^(?:[0-9a-f]{8,}|\d+|[0-9a-f-]{20,}|v\d+)$", re.IGNORECASE)
_NOISE = frozenset({"www", "html", "htm", "amp", "index", "article", "story", "copy", "final", "txt"})
_TLDS = frozenset({"com", "org", "net", "co", "uk", "in", "ng", "az", "ph", "tv", "info", "io", "de"})


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One file's line in a ``sources.toml`` manifest."""

    outlet: str = ""
    url: str = ""
    date: str = ""


def readable_name(path: str) -> str:
    """A name a person can read, made from a file name; ``""`` when it holds none.

    "tnp-straitstimes.txt" -> "Tnp Straitstimes", "www.wired.com_story.html" -> "Wired Story",
    "000_10dcf7a3d8a5b89a.txt" -> "" (numbers and hashes name nothing).
    """
    stem = Path(path).name
    for suffix in (".html", ".htm", ".txt", ".text", ".md", ".markdown"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    words = [w for w in re.split(r"[\s_.\-+]+", stem) if w]
    kept = [w for w in words if not _HASHLIKE.match(w) and w.lower() not in _NOISE]
    if len(kept) > 1:
        kept = [w for w in kept if w.lower() not in _TLDS] or kept
    return " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in kept)[:_MAX_NAME]


def site_name(url: str) -> str:
    """A readable outlet name from a URL's host: "https://www.wired.com/x" -> "Wired"."""
    host = (urlsplit(url).hostname or "").lower()
    labels = [p for p in host.split(".") if p and p != "www"]
    while len(labels) > 1 and labels[-1] in _TLDS:
        labels.pop()
    return labels[-1].capitalize() if labels else ""


def declared_outlet(text: str) -> str | None:
    """The outlet a plain-text article names as its source ("(Source: Wired)"), if any."""
    found = _SOURCE_LINE.search(text)
    return found.group(1).strip() if found else None


def iso_date(value: object) -> str:
    """``YYYY-MM-DD`` for a date or an ISO date(-time) string; ``""`` for anything else."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            return _dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return ""
    return ""


def web_url(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return text if text.startswith(("http://", "https://")) and len(text) < 2000 else ""


class ManifestError(ValueError):
    pass


@lru_cache(maxsize=64)
def _manifest(directory: str, mtime_ns: int) -> Mapping[str, SourceEntry]:
    import tomllib  # only a directory with a sources.toml pays for its import (a few ms)

    path = Path(directory) / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"not valid TOML ({exc})") from None
    entries: dict[str, SourceEntry] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ManifestError(f"'{name}' should be a table: [\"{name}\"] with outlet, url, date")
        outlet = table.get("outlet", "")
        date = table.get("date", "")
        entries[name] = SourceEntry(
            outlet=clean(outlet)[:_MAX_NAME] if isinstance(outlet, str) else "",
            url=web_url(table.get("url")),
            date=iso_date(date),
        )
    return entries


def manifest_entry(path: str) -> SourceEntry | None:
    """The ``sources.toml`` entry for a file, from the manifest in its directory, if any.

    Raises :class:`ManifestError` when the manifest exists but cannot be used."""
    file = Path(path)
    manifest = file.parent / MANIFEST
    try:
        mtime = manifest.stat().st_mtime_ns
    except OSError:
        return None
    return _manifest(str(file.parent), mtime).get(file.name)


ManifestLookup = SourceEntry | ManifestError | None
"""What :func:`manifest_lookup` found for a file: its entry, the manifest's problem, or nothing."""


def manifest_lookup(path: str) -> ManifestLookup:
    """:func:`manifest_entry` for an input path as :func:`describe` reads it: ``None`` for a
    path that is not a local file (``<text N>``, ``-``, a URL), the error instead of raising."""
    if path.startswith(("<", "-")) or "://" in path:
        return None
    try:
        return manifest_entry(path)
    except ManifestError as exc:
        return exc


def describe(
    document: Document,
    name: str | None = None,
    problems: MutableSequence[tuple[str, str]] | None = None,
    manifest: ManifestLookup | Literal[True] = True,
) -> Document:
    """The document with its outlet, URL and date settled (see the module doc for precedence).

    A manifest that cannot be used is reported once in ``problems`` and otherwise ignored.
    ``manifest`` is :func:`manifest_lookup`'s answer for the document when the caller already
    has it (the analysis cache keys on it), ``True`` to look it up here."""
    source, url, date = document.source, document.url, document.date
    entry = manifest_lookup(document.path) if manifest is True else manifest
    if isinstance(entry, ManifestError):
        problem = (str(Path(document.path).parent / MANIFEST), str(entry))
        if problems is not None and problem not in problems:
            problems.append(problem)
    elif isinstance(entry, SourceEntry):
        source = entry.outlet or source
        url = entry.url or url
        date = entry.date or date
    if name:
        source = clean(name)[:_MAX_NAME]
    return replace(document, source=source, url=url, date=date)


def distinct_names(documents: Iterable[Document]) -> list[Document]:
    """Every document with a non-empty name no other document has: unnamed ones become
    "Source A", "Source B", ...; a repeated name gets " (2)", " (3)"."""
    docs = list(documents)
    letters = iter(_letters())
    named = [d if d.source.strip() else replace(d, source=f"Source {next(letters)}") for d in docs]
    seen: dict[str, int] = {}
    out: list[Document] = []
    for doc in named:
        count = seen.get(doc.source.casefold(), 0) + 1
        seen[doc.source.casefold()] = count
        out.append(doc if count == 1 else replace(doc, source=f"{doc.source} ({count})"))
    return out


def _letters() -> Iterable[str]:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    yield from alphabet
    n = 1
    while True:
        n += 1
        yield from (f"{c}{n}" for c in alphabet)


def shareable_path(path: str, *, absolute: bool = False, cwd: Path | None = None) -> str:
    """How a report names an input: relative to the current directory, or by file name when
    it lies elsewhere, so a shared report does not reveal the sender's folders. URLs, ``-`` and
    ``<text N>`` are kept; ``absolute`` gives the full path instead."""
    if path == "-" or path.startswith("<") or "://" in path:
        return path
    full = Path(os.path.abspath(path))
    if absolute:
        return str(full)
    base = Path(os.path.abspath(cwd or Path.cwd()))
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return full.name


def for_sharing(comparison: Comparison, *, absolute: bool = False) -> Comparison:
    """The comparison with every input named by :func:`shareable_path` (content hashes stay)."""
    articles = comparison.articles
    return replace(
        comparison,
        articles=tuple(replace(a, path=shareable_path(a.path, absolute=absolute)) for a in articles),
        skipped=tuple((shareable_path(p, absolute=absolute), r) for p, r in comparison.skipped),
    )
