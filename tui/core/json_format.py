"""The versioned JSON contract of a comparison (documented in docs/json-format.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from tui.core.models import Comparison

SCHEMA = "triangulate/2"


def to_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "engine_version": comparison.engine_version,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "source": a.source,
                "title": a.title,
                "url": a.url,
                "date": a.date,
                "sha256": a.sha256,
                "text": a.text,
                "paragraphs": [
                    {
                        "index": p.index,
                        "kind": p.kind,
                        "start": p.start,
                        "end": p.end,
                        "text": p.text,
                        "sentences": [
                            {"id": s.id, "start": s.start, "end": s.end, "text": s.text} for s in p.sentences
                        ],
                    }
                    for p in a.paragraphs
                ],
            }
            for a in comparison.articles
        ],
        "claims": [
            {
                "id": c.id,
                "label": c.label,
                "key": c.key,
                "salience": c.salience,
                "articles": list(c.article_ids),
                "sentences": list(c.sentence_ids),
                "frame": c.frame,
                "holder": c.holder,
                "summary": c.summary,
                "mentions": [
                    {
                        "sentence": m.sentence_id,
                        "article": m.article_id,
                        "start": m.start,
                        "end": m.end,
                        "value": m.value,
                        "frame": m.frame,
                        "attribution": m.attribution,
                        "key": m.key,
                    }
                    for m in c.mentions
                ],
                "conflicts": [
                    {"kind": k.kind, "summary": k.summary, "values": dict(k.values)} for k in c.conflicts
                ],
                "evidence": [
                    {
                        "a": e.a,
                        "b": e.b,
                        "score": round(e.score, 4),
                        "fuzzy": round(e.fuzzy, 4),
                        "overlap": round(e.overlap, 4),
                        "shared_terms": list(e.shared_terms),
                    }
                    for e in c.evidence
                ],
            }
            for c in comparison.claims
        ],
        "rows": [
            {"paragraphs": {aid: list(paras) for aid, paras in row.paragraphs}} for row in comparison.rows
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in comparison.skipped],
        "title": comparison.title,
        "cited_sources": [
            {
                "name": c.name,
                "kind": c.kind,
                "articles": list(c.article_ids),
                "mentions": [
                    {"article": a, "sentence": s, "start": b, "end": e} for a, s, b, e in c.mentions
                ],
            }
            for c in comparison.cited_sources
        ],
    }


def dumps(comparison: Comparison, indent: int | None = 2) -> str:
    data = to_dict(comparison)
    text = _indented(data, indent) if indent is not None else json.dumps(data, ensure_ascii=False)
    # json escapes C0 controls but writes DEL and C1 ones (U+0080-U+009F) raw; some terminals act on
    # them (U+009B is CSI), so article text must not reach a terminal that way.
    return _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_C1 = re.compile("[\x7f-\x9f]")


def _indented(data: Any, indent: int) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, character for character.

    With ``indent`` the standard library encodes in pure Python through nested generators
    (its C encoder has no indentation in 3.11): 30-50 ms of ``report --format json`` on the
    seeds, three times its compact C form. This writes the same text with one recursive
    function over the plain values :func:`to_dict` makes, strings through ``json``'s own C
    escaper; anything else (a non-string key, another type) is left to ``json.dumps``."""
    parts: list[str] = []
    try:
        _write(data, "\n", " " * indent, parts)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return "".join(parts)


class _NotPlain(Exception):
    pass


_string = json.encoder.encode_basestring  # the C escaper json.dumps uses with ensure_ascii=False


def _write(value: Any, newline: str, step: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + step
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            out.append(("{" if first else ",") + inner + _string(key) + ": ")
            first = False
            _write(item, inner, step, out)
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + step
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(item, inner, step, out)
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and value == value and value not in (float("inf"), float("-inf")):
        out.append(float.__repr__(value))
    else:
        raise _NotPlain  # NaN, infinities, subclasses: json's own rules
