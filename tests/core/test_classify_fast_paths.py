"""The fast paths of the classify and align stages give what their plain rules give, on the
seeds, the dev set (when present) and synthetic stories."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bench.synthetic import generate_story
from tui.core.boilerplate import other_articles_terms
from tui.core.claims import _IN_VALUE, _span_words, _SpanReader
from tui.core.facts import Facts, extract_facts
from tui.core.ingest import load
from tui.core.metadata import distinct_names
from tui.core.normalise import normalise_story
from tui.core.pipeline import TextInput
from tui.core.segment import segment
from tui.core.words import STOPWORDS, canonical_stem

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"


def _facts(inputs: list[TextInput]) -> Facts:
    named = distinct_names([load(i, n) for n, i in enumerate(inputs)])
    terms = other_articles_terms([d.text for d in named])
    articles = tuple(segment(d, f"a{n}", terms[n]) for n, d in enumerate(named))
    return extract_facts(normalise_story(articles))


@lru_cache(maxsize=1)
def stories() -> tuple[Facts, ...]:
    """The seeds, each dev-set story, and a synthetic story with repeated wire copy."""
    groups = [sorted((ROOT / "seeds").glob("*.txt"))]
    if DEVSET.is_dir():
        groups += [sorted(d.glob("*.txt")) for d in sorted(DEVSET.iterdir()) if d.is_dir()]
    out = [_facts([TextInput(p.read_text(encoding="utf-8"), p.stem) for p in files]) for files in groups]
    story = generate_story(6, paragraphs=12, seed=3)
    out.append(_facts([TextInput(a.text, a.name) for a in story.articles]))
    return tuple(out)


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _plain_span_words(
    text: str, start: int, end: int, values: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int, str | None], ...]:
    """A clause's words as first written: every word tested against every value."""
    out: list[tuple[int, int, str | None]] = []
    for m in _WORD.finditer(text, start, end):
        pos, word = m.start(), m.group(0).lower()
        if any(lo <= pos < hi for lo, hi in values):
            out.append((pos, m.end(), _IN_VALUE))
        else:
            out.append((pos, m.end(), None if word in STOPWORDS else canonical_stem(word)))
    return tuple(out)


def test_clause_words_equal_the_plain_reading() -> None:
    read = _SpanReader()
    in_value = 0
    for facts in stories():
        for fact in facts.facts:
            text = facts.sentences[fact.sentence].text
            values = tuple((f.start, f.end) for f in facts.by_sentence[fact.sentence] if f.value is not None)
            # The clause itself, and spans that cut words and values at either end.
            for start, end in ((fact.start, fact.end), (0, len(text)), (fact.start + 1, fact.end - 1)):
                plain = _plain_span_words(text, start, end, values)
                assert _span_words(text, start, end, values) == plain
                assert read(text, start, end, values) == plain
                assert read(text, start, end, values) == plain  # remembered
                in_value += sum(token == _IN_VALUE for _, _, token in plain)
    assert in_value > 100
