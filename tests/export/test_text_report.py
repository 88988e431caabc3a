"""The text report shows the reviewer's marks and notes, literally."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

import tui
from tui.report_text import render_text
from tui.review.marks import ReviewState

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _render(review: ReviewState | None) -> str:
    comparison = tui.compare([SEEDS])
    buffer = io.StringIO()
    Console(file=buffer, width=120, no_color=True, markup=False).print(render_text(comparison, review=review))
    return buffer.getvalue()


def test_marks_and_notes_appear_next_to_their_claim_and_markup_stays_literal() -> None:
    comparison = tui.compare([SEEDS])
    conflict = next(c for c in comparison.claims if c.label == "conflict")
    unique = next(c for c in comparison.claims if c.label == "unique")
    excerpt = comparison.sentence_by_id[conflict.sentence_ids[0]].text
    review = (
        ReviewState(())
        .with_mark(conflict.key, "disputed", excerpt)
        .with_note(conflict.key, "ask the desk [bold]now[/bold]", excerpt)
        .with_mark(unique.key, "verified", "x")
    )
    text = " ".join(_render(review).split())  # lines wrap anywhere
    assert "✗ disputed" in text
    assert "note: ask the desk [bold]now[/bold]" in text
    assert "✓ verified" in text


def test_without_a_review_there_are_no_marks() -> None:
    text = _render(None)
    assert "disputed" not in text and "note:" not in text


def test_a_sentence_with_several_unique_facts_is_listed_once_with_its_facts() -> None:
    from tui.core.pipeline import TextInput

    a = "Recap\n\nIn Qatar he was involved in more goals than anyone, with seven goals and three assists.\n"
    b = "Report\n\nArgentina won the final on penalties after a draw in Qatar.\n"
    comparison = tui.compare([TextInput(a, "A"), TextInput(b, "B")])
    buffer = io.StringIO()
    Console(file=buffer, width=200, no_color=True).print(render_text(comparison))
    lines = [line for line in buffer.getvalue().splitlines() if "seven goals and three assists" in line]
    assert len(lines) == 1
    assert "(goals: seven · assists: three)" in lines[0]


def test_every_claim_id_appears_and_a_unique_line_names_the_sentences_other_claims() -> None:
    """A reader cross-checks the text report against the JSON and Markdown by claim id: unique
    lines gave none. A sentence listed as unique that also states a shared fact says so."""
    comparison = tui.compare([SEEDS])
    buffer = io.StringIO()
    Console(file=buffer, width=1000, no_color=True, markup=False).print(render_text(comparison))
    words = set(buffer.getvalue().replace("(", " ").replace(")", " ").split())
    assert {c.id for c in comparison.claims} <= words | {f"={c.id}" for c in comparison.claims} | {
        f"!{c.id}" for c in comparison.claims
    }
    unique_ids = {c.id for c in comparison.claims if c.label == "unique"}
    assert unique_ids <= words, "every unique claim's own id is listed on its line"
    mixed = next(
        c
        for c in comparison.claims
        if c.label == "unique"
        and any(o.label == "shared" for o in comparison.claims_by_sentence[c.sentence_ids[0]])
    )
    shared = next(o for o in comparison.claims_by_sentence[mixed.sentence_ids[0]] if o.label == "shared")
    line = next(x for x in buffer.getvalue().splitlines() if f" {mixed.id} " in f" {x} ")
    assert f"={shared.id}" in line
