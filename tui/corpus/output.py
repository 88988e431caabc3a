"""The corpus outputs: one row per story (Parquet or JSON Lines) and stories/<id>.json.

A row is computed from the saved comparison JSON, the same way for a story compared now
and for one a previous run finished, and counts claims by their ``label`` only, so it
does not depend on fields the JSON contract may add.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from tui.core.atomic import write_atomic

TableFormat = Literal["parquet", "jsonl"]
TABLE_NAMES: dict[TableFormat, str] = {"parquet": "stories.parquet", "jsonl": "stories.jsonl"}
STORIES_DIR = "stories"
TOP_CONFLICTS = 3


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    articles: tuple[str, ...]
    """The compared members: input ids (file paths for files)."""
    folded: tuple[str, ...]
    """Near-duplicates folded into a member (syndicated copies, updates)."""
    sources: tuple[str, ...]
    dates: tuple[str, ...]
    shared: int
    unique: int
    conflicts: int
    top_conflicts: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


class OutputError(Exception):
    """An output path we must not or cannot write."""


def story_path(outdir: Path, story_id: str) -> Path:
    return outdir / STORIES_DIR / f"{story_id}.json"


def counts_and_conflicts(data: Mapping[str, Any]) -> tuple[int, int, int, tuple[str, ...]]:
    """Shared, unique and conflict counts and the top conflicts as text, from the JSON."""
    claims = [c for c in data.get("claims", ()) if isinstance(c, dict)]
    labels = [c.get("label") for c in claims]
    text_of: dict[str, str] = {}
    for article in data.get("articles", ()):
        for paragraph in article.get("paragraphs", ()):
            for sentence in paragraph.get("sentences", ()):
                text_of[str(sentence.get("id"))] = str(sentence.get("text", ""))
    disputed = sorted(
        (c for c in claims if c.get("label") == "conflict"),
        key=lambda c: -float(c.get("salience", 0.0) or 0.0),
    )
    top: list[str] = []
    for claim in disputed[:TOP_CONFLICTS]:
        if isinstance(claim.get("summary"), str) and claim["summary"]:
            top.append(claim["summary"])  # triangulate/2: "share price: Herald 7% · Post 8%"
            continue
        summaries = [str(k.get("summary", "")) for k in claim.get("conflicts", ()) if isinstance(k, dict)]
        first = next((text_of[s] for s in claim.get("sentences", ()) if s in text_of), "")
        values = "; ".join(s for s in summaries if s)
        top.append(f"{first} [{values}]" if values else first)
    return labels.count("shared"), labels.count("unique"), labels.count("conflict"), tuple(top)


def write_story(outdir: Path, story_id: str, text: str) -> None:
    _write(story_path(outdir, story_id), text.encode("utf-8"))


def write_table(outdir: Path, rows: Sequence[StoryRow], fmt: TableFormat) -> Path:
    path = outdir / TABLE_NAMES[fmt]
    if fmt == "jsonl":
        data = "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    else:
        data = _parquet_bytes(rows)
    _write(path, data)
    return path


def write_run_log(outdir: Path, summary: Mapping[str, Any]) -> None:
    _write(outdir / "run.json", (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _parquet_bytes(rows: Sequence[StoryRow]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    strings = pa.list_(pa.string())
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("articles", strings),
            ("folded", strings),
            ("sources", strings),
            ("dates", strings),
            ("shared", pa.int32()),
            ("unique", pa.int32()),
            ("conflicts", pa.int32()),
            ("top_conflicts", strings),
        ]
    )
    table = pa.Table.from_pylist([r.record() for r in rows], schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    # Replace only a regular file of ours: never follow a symlink or clobber a directory.
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OutputError(f"{path}: exists and is not a regular file; not replacing it")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def read_table(outdir: Path) -> list[StoryRow]:
    """The story rows a run wrote to ``outdir`` (the newer table if both formats exist)."""
    candidates = [outdir / name for name in TABLE_NAMES.values() if (outdir / name).is_file()]
    if not candidates:
        raise OutputError(f"{outdir}: no stories.parquet or stories.jsonl (run 'triangulate corpus' first)")
    path = max(candidates, key=lambda p: p.stat().st_mtime)
    try:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            records: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        else:
            with path.open(encoding="utf-8") as handle:
                records = [json.loads(line) for line in handle if line.strip()]
        return [_row(r) for r in records]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"{path}: not a story table ({exc})") from None


def _row(record: Mapping[str, Any]) -> StoryRow:
    def strings(key: str) -> tuple[str, ...]:
        value = record.get(key) or ()
        if not isinstance(value, list | tuple):
            raise TypeError(f"{key} is not a list")
        return tuple(str(v) for v in value)

    return StoryRow(
        id=str(record["id"]),
        title=str(record.get("title") or ""),
        articles=strings("articles"),
        folded=strings("folded"),
        sources=strings("sources"),
        dates=strings("dates"),
        shared=int(record.get("shared") or 0),
        unique=int(record.get("unique") or 0),
        conflicts=int(record.get("conflicts") or 0),
        top_conflicts=strings("top_conflicts"),
    )
