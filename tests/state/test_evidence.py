"""The detail view's evidence line: only the measures the engine took."""

from __future__ import annotations

from tui.core.models import Evidence
from tui.state.evidence import evidence_measures


def test_two_statements_show_score_fuzzy_and_word_overlap() -> None:
    evidence = Evidence("a0.p0.s0", "a2.p0.s0", 0.9285, 0.9118, 0.8864, ("Derna",))
    assert evidence_measures(evidence) == "score 0.93 (fuzzy 0.91, word overlap 0.89)"


def test_two_value_facts_show_no_fuzzy_the_engine_did_not_measure() -> None:
    """The Libya deaths pair: "2news ↔ Mtm: score 1.07 (fuzzy 0.00, word overlap 0.93)"
    said the wordings were nothing alike; value links carry no wording similarity."""
    evidence = Evidence("a0.p0.s0", "a2.p0.s0", 1.0721, 0.0, 0.9301, ("deaths",))
    assert evidence_measures(evidence) == "score 1.07 (word overlap 0.93)"
