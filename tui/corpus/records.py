"""Read a corpus: a directory tree of article files, JSON Lines, or Parquet, into records.

Every input is untrusted: a line or row without a usable ``id`` and ``text``, a duplicate
id, an unreadable file, is reported as ``(where, reason)`` and skipped; the rest are read.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tui.core.errors import InputError
from tui.core.ingest import (
    JSONL_SUFFIXES,
    MAX_FILE_BYTES,
    PARQUET_SUFFIXES,
    SUPPORTED_SUFFIXES,
    Document,
    load,
)
from tui.core.metadata import readable_name, site_name

MAX_TEXT_CHARS = MAX_FILE_BYTES
"""Longer texts are refused like an oversized file: no news article is this long."""
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_FIELDS = ("id", "text", "outlet", "url", "date", "title")


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One article of a corpus, as read; ``document`` keeps a file's structure for the engine."""

    id: str
    """The input's ``id``, or the file's path."""
    text: str
    outlet: str
    date: str | None
    """ISO ``YYYY-MM-DD`` when known."""
    title: str
    url: str | None = None
    document: Document | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ReadResult:
    articles: tuple[CorpusArticle, ...]
    skipped: tuple[tuple[str, str], ...]
    """``(where, reason)`` for every input, line or row that was not read."""


def read_corpus(inputs: Sequence[str | Path]) -> ReadResult:
    """Read every input; ids must be unique across all of them (later duplicates are skipped)."""
    articles: list[CorpusArticle] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        try:
            if path.is_dir():
                found: Iterable[CorpusArticle | tuple[str, str]] = _read_tree(path)
            elif path.suffix.lower() in PARQUET_SUFFIXES:
                found = _read_parquet(path)
            elif path.suffix.lower() in JSONL_SUFFIXES:
                found = _read_jsonl(path)
            elif path.exists():
                found = _read_tree_file(path, None)
            else:
                raise InputError(str(path), "no such file or directory")
            for entry in found:
                if isinstance(entry, tuple):
                    skipped.append(entry)
                elif entry.id in seen:
                    skipped.append((entry.id, "duplicate id; the first one is kept"))
                else:
                    seen.add(entry.id)
                    articles.append(entry)
        except InputError as exc:
            skipped.append((exc.path, exc.reason))
    return ReadResult(tuple(articles), tuple(skipped))


# --- files ---------------------------------------------------------------------------------


def _read_tree(root: Path) -> Iterator[CorpusArticle | tuple[str, str]]:
    try:
        files = sorted(
            p
            for p in root.rglob("*")
            if p.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
            and p.is_file()
        )
    except OSError as exc:
        raise InputError(str(root), f"cannot list directory ({exc.strerror or exc})") from None
    if not files:
        raise InputError(str(root), "directory has no .txt, .md or .html files")
    for path in files:
        yield from _read_tree_file(path, root)


def _read_tree_file(path: Path, root: Path | None) -> Iterator[CorpusArticle | tuple[str, str]]:
    """A file under ``root``: its first folder names the outlet, an ISO date in its path dates it."""
    try:
        document = load(str(path), 0)
    except InputError as exc:
        yield (exc.path, exc.reason)
        return
    relative = path.relative_to(root).parts if root is not None else (path.name,)
    folders = [part for part in relative[:-1] if not _ISO_DATE.fullmatch(part)]
    # Named as the reader names a file's outlet: "tnp-straitstimes" -> "Tnp Straitstimes".
    outlet = (readable_name(folders[0]) or folders[0]) if folders else document.source
    title = document.title or _first_line(document.text)
    yield CorpusArticle(str(path), document.text, outlet, _date_in(str(path)), title, None, document)


def tree_articles(root: Path, articles: Sequence[CorpusArticle]) -> list[CorpusArticle]:
    """The articles read from files under the directory ``root``."""
    return [a for a in articles if a.document is not None and Path(a.id).is_relative_to(root)]


def tree_layout(root: Path, under: Sequence[CorpusArticle], by_file_name: int) -> str:
    """How the directory ``root`` was read, for a run that found no story in it; ``by_file_name``
    is how many stories its files would give with their names as outlets (STORY/OUTLET)."""
    outlets = Counter(a.outlet for a in under)
    names = sorted(outlets, key=lambda o: (-outlets[o], o))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    note = (
        f"{root} was read as OUTLET/ARTICLE files (the first folder under it names the outlet): "
        f"{len(under)} articles from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({shown})"
    )
    if by_file_name:
        nested = (Path(a.id) for a in under if len(Path(a.id).relative_to(root).parts) > 1)
        example = next(nested, Path(under[0].id))
        note += (
            f"; with file names as outlets (STORY/OUTLET files) they would make {by_file_name} "
            f"stor{'ies' if by_file_name != 1 else 'y'}: lay them out as OUTLET/ARTICLE "
            f"({example.stem}/{example.parent.name}{example.suffix}) or list them in JSON Lines "
            "with an 'outlet' field"
        )
    return note


# --- records -------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterator[CorpusArticle | tuple[str, str]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                yield (where, "not a JSON object")
                continue
            if not isinstance(value, dict):
                yield (where, "not a JSON object")
                continue
            yield _from_record(value, where)


def _read_parquet(path: Path) -> Iterator[CorpusArticle | tuple[str, str]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(str(path), f"not a readable Parquet file ({exc})") from None
    names = set(parquet.schema_arrow.names)
    missing = [name for name in ("id", "text") if name not in names]
    if missing:
        raise InputError(str(path), f"no {' or '.join(missing)} column")
    columns = [name for name in _FIELDS if name in names]
    row = 0
    for batch in parquet.iter_batches(batch_size=4096, columns=columns):
        for record in batch.to_pylist():
            row += 1
            yield _from_record(record, f"{path}:row {row}")


def _from_record(record: Mapping[str, object], where: str) -> CorpusArticle | tuple[str, str]:
    raw_id, text = record.get("id"), record.get("text")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        return (where, "no string 'id'")
    if not isinstance(text, str) or not any(ch.isalnum() for ch in text):
        return (f"{where} ({raw_id})", "no article 'text'")
    if len(text) > MAX_TEXT_CHARS:
        return (f"{where} ({raw_id})", "text too long for a news article")
    url = _string(record.get("url"))
    outlet = _string(record.get("outlet")) or _site(url) or raw_id
    title = _string(record.get("title")) or _first_line(text)
    return CorpusArticle(raw_id, text, outlet, _as_date(record.get("date")), title, url)


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _site(url: str | None) -> str | None:
    """The reader's name for a URL's site ("https://www.wired.com/x" -> "Wired")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    name = site_name(url)
    return name if name and not name.isdigit() else host  # an IP address names no site


def _as_date(value: object) -> str | None:
    """An ISO date from a date, a datetime or a string that starts with one; else unknown."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _date_in(value[:10])
    return None


def _date_in(text: str) -> str | None:
    for match in _ISO_DATE.finditer(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            continue
    return None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
