"""Rebuild a :class:`Comparison` from its JSON contract, to open a saved story without the engine.

Only the fields documented in docs/json-format.md are read: ``triangulate/1`` files, which
lack the later fields, load with those empty, and fields the contract gains later are
ignored. Anything malformed raises :class:`SavedComparisonError` with one line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast, get_args

from tui.core.attribution import source_key
from tui.core.models import (
    LABELS,
    Article,
    CitedSource,
    Claim,
    Comparison,
    Conflict,
    ConflictKind,
    Evidence,
    Label,
    Mention,
    Paragraph,
    ParagraphKind,
    Row,
    Sentence,
    SourceKind,
)

# From the models' own Literal types, so a kind the engine adds is accepted here too.
_PARAGRAPH_KINDS: tuple[str, ...] = get_args(ParagraphKind)
_CONFLICT_KINDS: tuple[str, ...] = get_args(ConflictKind)
_SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)


class SavedComparisonError(Exception):
    """A saved comparison that cannot be read back."""


def load_comparison(path: Path) -> Comparison:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SavedComparisonError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise SavedComparisonError(f"{path}: not JSON ({exc})") from None
    try:
        return comparison_from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise SavedComparisonError(f"{path}: not a saved comparison ({type(exc).__name__}: {exc})") from None


def comparison_from_dict(data: Any) -> Comparison:
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("triangulate/"):
        raise ValueError("no triangulate schema")
    return Comparison(
        articles=tuple(_article(a) for a in data["articles"]),
        claims=tuple(_claim(c) for c in data["claims"]),
        rows=tuple(
            Row(tuple((str(aid), tuple(int(p) for p in paras)) for aid, paras in r["paragraphs"].items()))
            for r in data["rows"]
        ),
        engine_version=str(data["engine_version"]),
        skipped=tuple((str(s["path"]), str(s["reason"])) for s in data.get("skipped", ())),
        title=str(data.get("title") or ""),
        cited_sources=tuple(_cited(c) for c in data.get("cited_sources", ())),
    )


def _cited(c: dict[str, Any]) -> CitedSource:
    name = str(c["name"])
    return CitedSource(
        name=name,
        kind=cast(SourceKind, _checked(c["kind"], _SOURCE_KINDS)),
        key=source_key(name),
        mentions=tuple(
            (str(m["article"]), str(m["sentence"]), int(m["start"]), int(m["end"])) for m in c["mentions"]
        ),
        article_ids=tuple(str(a) for a in c["articles"]),
    )


def _article(a: dict[str, Any]) -> Article:
    article_id = str(a["id"])
    paragraphs = []
    for p in a["paragraphs"]:
        index = int(p["index"])
        sentences = tuple(
            Sentence(
                id=str(s["id"]),
                article_id=article_id,
                paragraph_index=index,
                index=n,
                start=int(s["start"]),
                end=int(s["end"]),
                text=str(s["text"]),
            )
            for n, s in enumerate(p["sentences"])
        )
        paragraphs.append(
            Paragraph(
                index,
                cast(ParagraphKind, _checked(p["kind"], _PARAGRAPH_KINDS)),
                int(p["start"]),
                int(p["end"]),
                str(p["text"]),
                sentences,
            )
        )
    return Article(
        id=article_id,
        path=str(a["path"]),
        source=str(a["source"]),
        title=str(a["title"]),
        text=str(a["text"]),
        paragraphs=tuple(paragraphs),
        sha256=str(a["sha256"]),
        url=str(a.get("url") or ""),
        date=str(a.get("date") or ""),
    )


def _claim(c: dict[str, Any]) -> Claim:
    return Claim(
        id=str(c["id"]),
        label=cast(Label, _checked(c["label"], LABELS)),
        sentence_ids=tuple(str(s) for s in c["sentences"]),
        conflicts=tuple(
            Conflict(
                cast(ConflictKind, _checked(k["kind"], _CONFLICT_KINDS)),
                tuple((str(sid), str(value)) for sid, value in k["values"].items()),
            )
            for k in c["conflicts"]
        ),
        evidence=tuple(
            Evidence(
                str(e["a"]),
                str(e["b"]),
                float(e["score"]),
                float(e["fuzzy"]),
                float(e["overlap"]),
                tuple(str(t) for t in e["shared_terms"]),
            )
            for e in c["evidence"]
        ),
        key=str(c["key"]),
        salience=float(c["salience"]),
        article_ids=tuple(str(a) for a in c["articles"]),
        mentions=tuple(
            Mention(
                sentence_id=str(m["sentence"]),
                article_id=str(m["article"]),
                start=int(m["start"]),
                end=int(m["end"]),
                value=str(m.get("value") or ""),
                frame=str(m.get("frame") or ""),
                attribution=str(m.get("attribution") or ""),
                key=str(m.get("key") or ""),
            )
            for m in c.get("mentions", ())
        ),
        frame=str(c.get("frame") or ""),
        summary=str(c.get("summary") or ""),
        holder=str(c.get("holder") or ""),
    )


def _checked(value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"unknown value {value!r}")
    return value
