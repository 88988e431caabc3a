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
    text = json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent)
    # json escapes C0 controls but writes DEL and C1 ones (U+0080-U+009F) raw; some terminals act on
    # them (U+009B is CSI), so article text must not reach a terminal that way.
    return _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_C1 = re.compile("[\x7f-\x9f]")
