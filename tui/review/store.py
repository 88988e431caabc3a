"""Where a review lives on disk and how it is read and written.

A review file is JSON::

    {"format": "triangulate-review", "version": 1, "saved": "2025-01-01T12:00:00Z",
     "inputs": [{"path": "...", "source": "...", "sha256": "..."}],
     "reviews": [{"key": "...", "mark": "verified", "note": "...", "updated": "...", "excerpt": "...",
                  "fact": "...", "members": ["...", "..."], "label": "shared"}]}

``fact``, ``members`` and ``label`` are optional (older files lack them): an entry without
``members`` is never re-attached to a regrouped claim (:mod:`tui.review.reattach`).

Files that cannot be read (bad JSON, wrong shape, a newer version) are never
written: the store reports them and moves to a fresh file beside them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from tui.core.atomic import clean_stale_temporaries, directory_lock, write_atomic
from tui.core.models import Article, Claim
from tui.core.safe_read import NotRegularFile, TooLarge, read_regular
from tui.review.marks import MARKS, ClaimReview, Mark, ReviewState, merge_reviews, utc_now
from tui.review.reattach import reattach

FORMAT = "triangulate-review"
VERSION = 1
DATA_DIR_ENV = "TRIANGULATE_DATA_DIR"
_MAX_SIBLINGS = 100
MAX_REVIEW_BYTES = 32 * 1024 * 1024
"""A larger review file is treated as unreadable (left untouched); real ones are kilobytes."""


@dataclass(frozen=True, slots=True)
class ReviewLoad:
    """What loading found: the state to use, and messages for the reader."""

    state: ReviewState
    warning: str | None
    """Set when a review file could not be used; says which file and where marks now go."""
    notice: str | None = None
    """Set when marks were carried over from the review of an earlier version of the inputs."""
    reattached: int = 0
    """How many marks were moved to the claim that regrouped their claim's members (not saved
    until the next save; see :func:`tui.review.reattach.reattach`)."""


@dataclass(frozen=True, slots=True)
class RecordedInput:
    """An input as a review file remembers it."""

    path: str
    source: str
    sha256: str


class UnreadableReview(Exception):
    """A review file that exists but cannot be used; the message says why."""


def data_dir() -> Path:
    """Base directory for Triangulate's data: ``$TRIANGULATE_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("triangulate", appauthor=False))


def inputs_digest(articles: Sequence[Article]) -> str:
    """Order-independent digest of the inputs' content hashes."""
    joined = "\n".join(sorted(article.sha256 for article in articles))
    return hashlib.sha256(joined.encode("ascii", "replace")).hexdigest()


def default_review_path(articles: Sequence[Article]) -> Path:
    """``<data dir>/reviews/<16 hex digits of the inputs digest>.json``: same articles, same file."""
    return data_dir() / "reviews" / f"{inputs_digest(articles)[:16]}.json"


def in_review_folder(path: Path) -> bool:
    """Whether ``path`` is a file of the folder where the reader keeps review files (the
    default ones, and their numbered siblings): a report written there would replace one."""
    try:
        return os.path.samefile(path.parent, data_dir() / "reviews")
    except (OSError, ValueError):  # either folder missing: nothing of ours to replace there
        return False


def _normalised_path(path: str) -> str:
    # File inputs are recorded absolute so a later run from another directory still matches;
    # URLs, "-" and "<text N>" are kept verbatim.
    if path in ("", "-") or "://" in path or path.startswith("<"):
        return path
    return os.path.abspath(path)


def record_inputs(articles: Sequence[Article]) -> tuple[RecordedInput, ...]:
    return tuple(RecordedInput(_normalised_path(a.path), a.source, a.sha256) for a in articles)


def _kept_record(
    current: tuple[RecordedInput, ...], recorded: tuple[RecordedInput, ...]
) -> tuple[RecordedInput, ...]:
    """The inputs a save writes: those the file already records when they are the same bytes.

    The same articles reach the reader under other names (a corpus run's copies, a JSONL
    line's made-up path). Rewriting the record with those would describe files the review
    was not made on, and the carry-over search, which pairs an edited file by its recorded
    path, would no longer find the review once the real file changes.
    """
    if not current or sorted(r.sha256 for r in recorded) == sorted(r.sha256 for r in current):
        return recorded or current
    return current  # --review FILE used for other articles: record what it now reviews


class ReviewStore:
    """Reads and atomically writes one review file.

    ``path`` may change after :meth:`load` if the file there was unreadable.
    """

    def __init__(self, path: Path, inputs: Sequence[Article] = ()) -> None:
        self.path = path
        self._inputs: tuple[RecordedInput, ...] = record_inputs(inputs)
        self._base = ReviewState()
        """The state on disk when this store last read or wrote it: the merge base of a save."""

    def load(self) -> ReviewLoad:
        """Read the review; a missing file is an empty review, an unreadable one is left alone."""
        clean_stale_temporaries(self.path.parent)  # left by a writer that was killed mid-save
        loaded = self._load()
        self._base = loaded.state
        return loaded

    def _load(self) -> ReviewLoad:
        original = self.path
        problems: list[str] = []
        candidate = original
        for attempt in range(_MAX_SIBLINGS + 1):
            if attempt:
                candidate = _sibling(original, attempt)
            try:
                state, inputs = read_review_file(candidate)
            except FileNotFoundError:
                self.path = candidate
                return ReviewLoad(ReviewState(), _unreadable_warning(original, problems, candidate, False))
            except UnreadableReview as exc:
                problems.append(str(exc))
                continue
            self.path = candidate
            self._inputs = _kept_record(self._inputs, inputs)
            return ReviewLoad(state, _unreadable_warning(original, problems, candidate, True))
        raise UnreadableReview(f"{original} and {_MAX_SIBLINGS} files beside it are all unreadable")

    def save(self, state: ReviewState) -> ReviewState:
        """Merge ``state`` with what is on disk now and write the result atomically.

        Another process (a second reader on the same articles) may have saved since this
        store last read the file, so a plain write would lose its marks. Under an advisory
        lock on the directory, the file is re-read and merged claim by claim against the
        state this store last saw (see :func:`merge_reviews`): nobody's mark is dropped.
        Returns the merged state, which the caller should adopt. Raises ``OSError`` if the
        directory is not writable.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with directory_lock(self.path.parent):
            theirs = self._base
            try:
                theirs, recorded = read_review_file(self.path)
                self._inputs = _kept_record(self._inputs, recorded)
            except FileNotFoundError:
                pass  # not written yet (or deleted): nothing to merge with
            except UnreadableReview:
                # Someone put something unusable there since we loaded: never overwrite it.
                self.path = _free_sibling(self.path)
            merged = merge_reviews(self._base, state, theirs)
            self._write(merged)
        self._base = merged
        return merged

    def _write(self, state: ReviewState) -> None:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "saved": utc_now(),
            "inputs": [{"path": i.path, "source": i.source, "sha256": i.sha256} for i in self._inputs],
            "reviews": [
                {
                    "key": e.key,
                    "mark": e.mark,
                    "note": e.note,
                    "updated": e.updated,
                    "excerpt": e.excerpt,
                    "fact": e.fact,
                    "members": list(e.members),
                    "label": e.label,
                }
                for e in state.entries
            ],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode("utf-8"), private=True)


def open_review(
    articles: Sequence[Article], path: Path | None = None, claims: Sequence[Claim] | None = None
) -> tuple[ReviewStore, ReviewLoad]:
    """The store for these articles and its loaded state, carrying marks over when inputs changed.

    With ``path`` (``--review FILE``) that file is used as is. Otherwise the default path is used;
    when it does not exist yet, the newest review in the same directory whose inputs are the same
    files (each matched by path or by content hash, at least one changed) lends its marks: the
    old file is not modified, and the first save writes the new one. With ``claims`` (the
    comparison's), a mark whose claim regrouped moves to the claim that now holds its members
    (:func:`tui.review.reattach.reattach`); the file changes only at the next save.
    """
    store, loaded = _open(articles, path)
    if claims is None:
        return store, loaded
    state, moved = reattach(loaded.state, claims)
    return store, replace(loaded, state=state, reattached=moved)


def _open(articles: Sequence[Article], path: Path | None) -> tuple[ReviewStore, ReviewLoad]:
    if path is not None:
        store = ReviewStore(path, articles)
        return store, store.load()
    store = ReviewStore(default_review_path(articles), articles)
    loaded = store.load()
    if loaded.warning is not None or loaded.state.entries or store.path.exists():
        return store, loaded
    earlier = find_predecessor(articles, store.path.parent, exclude=store.path)
    if earlier is None:
        return store, loaded
    old_path, state = earlier
    notice = (
        f"The inputs changed since they were last reviewed: {len(state.entries)} marks and notes "
        f"were carried over from {old_path} (left unchanged); they are saved to {store.path}."
    )
    return store, ReviewLoad(state, None, notice)


def find_predecessor(
    articles: Sequence[Article], directory: Path, exclude: Path | None = None
) -> tuple[Path, ReviewState] | None:
    """Newest readable review in ``directory`` recorded for the same inputs, some of them edited."""
    current = record_inputs(articles)
    best: tuple[str, Path, ReviewState] | None = None
    try:
        candidates = sorted(directory.glob("*.json"))
    except OSError:
        return None
    for candidate in candidates:
        if exclude is not None and candidate == exclude:
            continue
        try:
            state, recorded = read_review_file(candidate)
            saved = _saved_stamp(candidate)
        except (OSError, UnreadableReview):
            continue
        if not state.entries or not _same_inputs(current, recorded):
            continue
        if best is None or saved > best[0]:
            best = (saved, candidate, state)
    return None if best is None else (best[1], best[2])


def _same_inputs(current: Sequence[RecordedInput], recorded: Sequence[RecordedInput]) -> bool:
    # Each current input must pair with a distinct recorded one, by hash first (unchanged
    # files) and then by path (edited files). Anything looser would let marks from an
    # unrelated comparison that merely shares one article attach to this one.
    if len(current) != len(recorded):
        return False
    unused = list(recorded)
    pending: list[RecordedInput] = []
    for item in current:
        match = next((r for r in unused if r.sha256 == item.sha256), None)
        if match is None:
            pending.append(item)
        else:
            unused.remove(match)
    if not pending:
        return False  # identical inputs would have the same default path
    for item in pending:
        match = next((r for r in unused if r.path == item.path), None)
        if match is None:
            return False
        unused.remove(match)
    return True


def _saved_stamp(path: Path) -> str:
    saved = _read_document(path).get("saved", "")
    return saved if isinstance(saved, str) else ""


def _sibling(path: Path, n: int) -> Path:
    return path.with_name(f"{path.stem}.{n}{path.suffix}")


def _free_sibling(path: Path) -> Path:
    for n in range(1, _MAX_SIBLINGS + 1):
        candidate = _sibling(path, n)
        try:
            read_review_file(candidate)
        except FileNotFoundError:
            return candidate
        except UnreadableReview:
            continue
        else:
            return candidate
    raise UnreadableReview(f"{path} and {_MAX_SIBLINGS} files beside it are all unreadable")


def _unreadable_warning(original: Path, problems: list[str], used: Path, existed: bool) -> str | None:
    if not problems:
        return None
    where = "Marks are restored from and saved to" if existed else "New marks are saved to"
    return f"Could not read {original} ({problems[0]}); it was left untouched. {where} {used}."


def read_review_file(path: Path) -> tuple[ReviewState, tuple[RecordedInput, ...]]:
    """Parse a review file; ``FileNotFoundError`` if absent, :class:`UnreadableReview` if unusable."""
    document = _read_document(path)
    if document.get("format") != FORMAT:
        raise UnreadableReview("not a Triangulate review file")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UnreadableReview("missing version")
    if version > VERSION:
        raise UnreadableReview(f"written by a newer Triangulate (format version {version})")
    return ReviewState(_parse_entries(document.get("reviews"))), _parse_inputs(document.get("inputs", []))


def _read_document(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; anything else, however malformed, is :class:`UnreadableReview`."""
    try:
        raw = read_regular(path, MAX_REVIEW_BYTES)
    except FileNotFoundError:
        raise
    except TooLarge:
        raise UnreadableReview(f"larger than {MAX_REVIEW_BYTES // (1024 * 1024)} MB") from None
    except NotRegularFile as exc:
        raise UnreadableReview(exc.strerror or "not a regular file") from None
    except OSError as exc:
        raise UnreadableReview(exc.strerror or str(exc)) from exc
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UnreadableReview("not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableReview(f"invalid JSON at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError:
        raise UnreadableReview("nested too deeply") from None
    except ValueError:  # e.g. an integer longer than Python will convert (4300 digits)
        raise UnreadableReview("holds a number too long to read") from None
    if not isinstance(document, dict):
        raise UnreadableReview("not a Triangulate review file")
    return document


def _parse_entries(value: Any) -> tuple[ClaimReview, ...]:
    if not isinstance(value, list):
        raise UnreadableReview("'reviews' is not a list")
    entries: list[ClaimReview] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise UnreadableReview(f"review {i} is not an object")
        key, mark, note = item.get("key"), item.get("mark"), item.get("note", "")
        updated, excerpt = item.get("updated", ""), item.get("excerpt", "")
        # Absent in files written before they were kept.
        fact, members, label = item.get("fact", ""), item.get("members", []), item.get("label", "")
        if not isinstance(key, str) or not key:
            raise UnreadableReview(f"review {i} has no key")
        if mark is not None and mark not in MARKS:
            raise UnreadableReview(f"review {i} has an unknown mark {_short(repr(mark))}")
        if not all(isinstance(v, str) for v in (note, updated, excerpt, fact, label)):
            raise UnreadableReview(f"review {i} has a field of the wrong type")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise UnreadableReview(f"review {i} has a field of the wrong type")
        if key in seen:
            raise UnreadableReview(f"claim {key} is reviewed twice")
        seen.add(key)
        checked_mark: Mark | None = mark
        entry = ClaimReview(key, checked_mark, note, updated, excerpt, fact, tuple(members), label)
        if not entry.is_empty:
            entries.append(entry)
    return tuple(entries)


def _parse_inputs(value: Any) -> tuple[RecordedInput, ...]:
    if not isinstance(value, list):
        raise UnreadableReview("'inputs' is not a list")
    inputs: list[RecordedInput] = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("path", "source", "sha256")
        ):
            raise UnreadableReview("an input record is malformed")
        inputs.append(RecordedInput(item["path"], item["source"], item["sha256"]))
    return tuple(inputs)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
