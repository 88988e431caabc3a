"""The per-text fast paths (hints that skip a pattern, shortcuts in the loops) give what the
plain rules give, on real and synthetic article text and on crafted edge cases."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from bench.synthetic import generate_story
from tui.core import attribution

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"

CRAFTED = (
    "POLİCE SAİD the road was closed.",  # İ matches i only case-insensitively
    "The ſpokesman ſaid nothing.",
    "Officials close to the talks told Reuters, according to The Times (via AP).",
    "GLENMOOR, March 4 (Harbour Wire) - The depot was sold on Monday.",
    "Speaking to The Associated Press in an interview with Bloomberg, she said no.",
    "A report by the ministry, data from the regulator and estimates by investigators.",
    "THE MINISTRY STATED THAT PROSECUTORS HAVE CONFIRMED IT.",
    "",
)


@lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    """Lines and sentences of the seeds, the dev set (when present) and a synthetic story."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if DEVSET.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*/*.txt"))]
    texts += [a.text for a in generate_story(5, paragraphs=20, seed=1).articles]
    lines = {line.strip() for text in texts for line in text.splitlines() if line.strip()}
    sentences = {s for line in lines for s in re.split(r"(?<=[.!?])\s+", line)}
    return (*CRAFTED, *sorted(lines | sentences))


def test_attribution_hints_never_skip_a_pattern_that_matches() -> None:
    patterns = (*attribution._PATTERNS, attribution._ANONYMOUS, attribution._OFFICIAL)
    assert len(patterns) == len(attribution._HINTS)
    matched = 0
    for text in corpus_lines():
        for hint, pattern in zip(attribution._HINTS, patterns, strict=True):
            if pattern.search(text) is not None:
                matched += 1
                assert attribution._may_match(hint, text, text.lower()), (pattern.pattern[:40], text)
    assert matched > 100  # the corpus exercises the patterns


@pytest.mark.parametrize("text", CRAFTED[:2])
def test_case_insensitive_hints_do_not_trust_lower_for_odd_capitals(text: str) -> None:
    assert attribution._OFFICIAL.search(text) is not None
    assert attribution._may_match(attribution._HINTS[-1], text, text.lower())
