"""Load inputs (files, directories, stdin, URLs, texts) into plain-text documents with blocks.

Each format is reduced to one plain text plus the character ranges of its blocks, so
every later offset indexes into ``Document.text`` whatever the input looked like.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from tui.core.decode import decode_bytes
from tui.core.errors import InputError
from tui.core.metadata import declared_outlet, iso_date, readable_name, site_name, web_url

BlockKind = Literal["text", "heading", "list", "quote"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
"""Files of many articles, which corpus mode reads (:mod:`tui.corpus.records`)."""
DATA_SUFFIXES = (*JSONL_SUFFIXES, *PARQUET_SUFFIXES, ".csv", ".tsv", ".toml", ".yaml", ".yml")
"""Data files, never an article's text, that a shell glob (``story/*``) brings in with the
articles (a ``sources.toml``, someone's notes as JSON): named on the command line, each is
skipped with its reason, as a directory leaves them out."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger inputs are refused with a clear message: no news article is this long."""
MAX_ARTICLES = 500


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level range of ``Document.text`` and what the source format said it is."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    blocks: tuple[Block, ...]
    source: str
    title: str | None
    """A title the format declared (HTML metadata, Markdown front heading), if any."""
    sha256: str
    url: str = ""
    """Where the article was published, when known (page metadata, manifest, fetched URL)."""
    date: str = ""
    """Publication date ``YYYY-MM-DD``, when known."""


@dataclass(frozen=True, slots=True)
class TextInput:
    """An article supplied as text (library use and tests)."""

    text: str
    source: str = ""


def expand_inputs(inputs: Sequence[str | Path | TextInput]) -> Iterator[str | TextInput]:
    """Yield one item per article: directories become their supported files, sorted."""
    for item in inputs:
        if isinstance(item, TextInput):
            yield item
            continue
        name = str(item)
        if name == "-" or _is_url(name):
            yield name
            continue
        path = Path(name)
        if _is_dir(name):
            try:
                children = sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
                )
            except OSError as exc:
                raise InputError(name, f"cannot list directory ({exc.strerror or exc})") from None
            if not children:
                raise InputError(name, "directory has no .txt, .md or .html files")
            yield from (str(p) for p in children)
        else:
            yield name


def _is_dir(name: str) -> bool:
    # Path.is_dir() raises PermissionError under a directory we may not enter.
    try:
        return stat.S_ISDIR(os.stat(name).st_mode)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except (OSError, ValueError):
        return False  # missing (or a NUL in the name): load() says why


def is_local_file(item: str | TextInput) -> bool:
    """The input names a file on this machine (not text, ``-`` or a URL)."""
    return isinstance(item, str) and item != "-" and not _is_url(item)


def read_local(item: str) -> bytes:
    """The bytes of a local file input, read as :func:`load` reads them (same refusals)."""
    return _read_file(Path(item))


def load(item: str | TextInput, index: int, raw: bytes | None = None) -> Document:
    """Read and convert one input; raise :class:`InputError` with a reason a person can act on.

    ``raw`` is a local file's bytes when the caller has read them (:func:`read_local`)."""
    if isinstance(item, TextInput):
        # A str may hold lone surrogates (e.g. from JSON); they become U+FFFD, not a crash.
        raw = item.text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")
        return _from_plain(f"<text {index + 1}>", decode_bytes(raw, "<text>"), raw, item.source)
    if item == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        _check_size("-", len(raw), streamed=True)
        return _from_bytes("-", raw, "stdin", _sniff_html(raw))
    if _is_url(item):
        from tui.core.fetch import fetch_url

        raw, content_type = fetch_url(item)
        is_html = _sniff_html(raw) or "html" in (content_type or "")
        fetched = _from_bytes(item, raw, site_name(item) or _host(item), is_html)
        return fetched if fetched.url else replace(fetched, url=item)
    path = Path(item)
    suffix = path.suffix.lower()
    if suffix in DATA_SUFFIXES:
        corpus_file = suffix in JSONL_SUFFIXES or suffix in PARQUET_SUFFIXES
        corpus = "; a corpus of articles is read by 'triangulate corpus'" if corpus_file else ""
        raise InputError(item, f"a {suffix} data file, not an article (.txt, .md or .html){corpus}")
    if raw is None:
        raw = _read_file(path)
    if suffix in (".md", ".markdown"):
        text = decode_bytes(raw, item)
        return _from_markdown(item, text, raw, _source_from_name(path))
    return _from_bytes(item, raw, _source_from_name(path), suffix in (".html", ".htm") or _sniff_html(raw))


def _read_file(path: Path) -> bytes:
    from tui.core.safe_read import NotRegularFile, TooLarge, read_regular

    name = str(path)
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except NotRegularFile as exc:
        # A FIFO would block forever and a device never ends; only '-' reads a stream.
        reason = "is a directory" if exc.kind == "a directory" else f"{exc.strerror}; use '-' for a stream"
        raise InputError(name, reason) from None
    except TooLarge as exc:
        _check_size(name, exc.size, streamed=exc.size == exc.cap + 1)
        raise
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def _check_size(name: str, size: int, *, streamed: bool = False) -> None:
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        if streamed:  # reading stopped at the cap, so the true size is unknown
            raise InputError(name, f"input is over the {limit} MB limit")
        raise InputError(name, f"file is {size / 1024 / 1024:.1f} MB; the limit is {limit} MB")


def _from_bytes(path: str, raw: bytes, source: str, is_html: bool) -> Document:
    text = decode_bytes(raw, path)
    if is_html:
        return _from_html(path, text, raw, source)
    return _from_plain(path, text, raw, source)


def _from_plain(path: str, text: str, raw: bytes, source: str) -> Document:
    _require_text(path, text)
    _refuse_own_report(path, text)
    source = declared_outlet(text) or source
    return Document(path, text, tuple(_plain_blocks(text)), source, None, _sha256(raw))


def _plain_blocks(text: str) -> Iterator[Block]:
    """Paragraphs are separated by blank lines or single newlines.

    A line that does not end a sentence and is followed by one starting in lower
    case is a hard wrap (e-mail, plain-text archives), so the two are joined.
    """
    start: int | None = None
    end = 0
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            if start is not None:
                yield Block(start, end, "text")
                start = None
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        trail = line_start + len(line.rstrip())
        if start is not None and _continues(text[start:end], stripped):
            end = trail
            continue
        if start is not None:
            yield Block(start, end, "text")
        start, end = lead, trail
    if start is not None:
        yield Block(start, end, "text")


def _continues(previous: str, line: str) -> bool:
    return (
        len(previous) >= 40
        and previous[-1] not in ".!?:;\"'”’)"
        and line[0].islower()
        and not line.startswith(("- ", "* "))
    )


def _from_markdown(path: str, source_text: str, raw: bytes, source: str) -> Document:
    """Flatten Markdown to plain text with one block per heading, paragraph, item or quote."""
    from markdown_it import MarkdownIt

    _require_text(path, source_text)
    _refuse_own_report(path, source_text)
    tokens = MarkdownIt("commonmark").parse(source_text)
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    title: str | None = None
    list_depth = quote_depth = 0
    heading = False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            content = _inline_plain(token.children or [])
            if not content.strip():
                continue
            kind: BlockKind = (
                "heading" if heading else "quote" if quote_depth else "list" if list_depth else "text"
            )
            if heading and title is None and not blocks:
                title = content.strip()
            if parts:
                parts.append("\n\n")
                offset += 2
            parts.append(content)
            blocks.append(Block(offset, offset + len(content), kind))
            offset += len(content)
        elif token.type in ("fence", "code_block", "html_block"):
            continue
    text = "".join(parts)
    _require_text(path, text)
    return Document(path, text, tuple(blocks), source, title, _sha256(raw))


def _inline_plain(children: Sequence[object]) -> str:
    out: list[str] = []
    for child in children:
        kind = getattr(child, "type", "")
        if kind in ("text", "code_inline"):
            out.append(str(getattr(child, "content", "")))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "image":
            continue
    return "".join(out).strip()


MIN_HTML_WORDS = 8
"""Words below which what trafilatura extracts from a page is navigation, not an article:
a headline and one sentence are more."""


def _from_html(path: str, html: str, raw: bytes, source: str) -> Document:
    import trafilatura

    _refuse_own_report(path, html)
    extracted = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=True,
    )
    if not extracted or len(extracted.split()) < MIN_HTML_WORDS:
        # A page of menus alone ("<nav>Home</nav>") extracts to its few words: no article.
        raise InputError(path, "no article text found in the HTML page")
    metadata = trafilatura.extract_metadata(html)
    title = None
    url = date = ""
    if metadata is not None:
        title = (metadata.title or "").strip() or None
        url = web_url(metadata.url)
        date = iso_date(metadata.date)
        sitename = (metadata.sitename or "").strip()
        if not sitename or (" " not in sitename and "." in sitename):  # a bare host name
            sitename = site_name(f"https://{sitename}") if sitename else site_name(url)
        if sitename:
            source = sitename
    text = extracted.replace("\r\n", "\n")
    if title and not text.lstrip().startswith(title):
        # Keep the page's headline in the text so the article reads the same as a file would.
        text = f"{title}\n\n{text}"
    return Document(path, text, tuple(_plain_blocks(text)), source, title, _sha256(raw), url, date)


def _refuse_own_report(path: str, text: str) -> None:
    from tui.core.own_reports import is_own_report

    if is_own_report(text):
        raise InputError(path, "a report Triangulate wrote, not an article")


def _require_text(path: str, text: str) -> None:
    if not text.strip():
        raise InputError(path, "file is empty")
    if not any(ch.isalnum() for ch in text):
        raise InputError(path, "no words found")


def _sniff_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (b"<body" in head and b"</" in raw[:65536])


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url


def _source_from_name(path: Path) -> str:
    return readable_name(os.path.basename(str(path)))


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
