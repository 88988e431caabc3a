"""A small comparison built by hand, with hostile article text, for export tests.

The engine is exercised by the review tests and the Chromium check; here the claims
are fixed so every assertion knows exactly what the report must contain.
"""

from __future__ import annotations

import hashlib

import pytest

from tui.core.models import Article, Claim, Comparison, Conflict, Paragraph, ParagraphKind, Row, Sentence
from tui.core.pipeline import ENGINE_VERSION

HOSTILE = (
    "Critics posted [link](http://x) and ![img](http://x/i.png) plus <script>alert(1)</script> "
    "| pipe | and `code` with \x1b[31mred\x1b[0m and a bell\x07 and C1\x9b2J here."
)


def _article(aid: str, source: str, title: str, paragraphs: list[list[str]]) -> Article:
    text = ""
    built: list[Paragraph] = []
    for p_index, sentences in enumerate(paragraphs):
        p_start = len(text)
        made: list[Sentence] = []
        for s_index, sentence in enumerate(sentences):
            if s_index:
                text += " "
            start = len(text)
            text += sentence
            made.append(
                Sentence(f"{aid}.p{p_index}.s{s_index}", aid, p_index, s_index, start, len(text), sentence)
            )
        kind: ParagraphKind = "title" if p_index == 0 else "body"
        built.append(Paragraph(p_index, kind, p_start, len(text), text[p_start:], tuple(made)))
        text += "\n\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(aid, f"/news/{source.lower()}.txt", source, title, text, tuple(built), digest)


def build_hostile_comparison() -> Comparison:
    a0 = _article(
        "a0",
        "Wire | Daily",
        "Stocks <b>rise</b>",
        [["Stocks rise."], ["Shares rose 7% on Monday.", "The chief executive resigned."], [HOSTILE]],
    )
    a1 = _article(
        "a1",
        "Courier",
        "Shares climb",
        [["Shares climb."], ["Shares rose 8% on Monday.", "The chief executive resigned on Monday."]],
    )
    claims = (
        Claim(
            "c0",
            "conflict",
            ("a0.p1.s0", "a1.p1.s0"),
            (Conflict("percent", (("a0.p1.s0", "7%"), ("a1.p1.s0", "8%"))),),
            (),
            "key-conflict",
            0.9,
            ("a0", "a1"),
        ),
        Claim("c1", "shared", ("a0.p1.s1", "a1.p1.s1"), (), (), "key-shared", 0.5, ("a0", "a1")),
        Claim("c2", "unique", ("a0.p2.s0",), (), (), "key-hostile", 0.2, ("a0",)),
    )
    rows = (
        Row((("a0", (0,)), ("a1", (0,)))),
        Row((("a0", (1,)), ("a1", (1,)))),
        Row((("a0", (2,)),)),
    )
    return Comparison((a0, a1), claims, rows, ENGINE_VERSION)


@pytest.fixture
def hostile() -> Comparison:
    return build_hostile_comparison()
