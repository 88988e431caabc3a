"""ReviewState: marks and notes as immutable values."""

from __future__ import annotations

from tui.review import MARKS, ReviewState


def test_marks_and_notes_accumulate_per_key() -> None:
    state = ReviewState().with_mark("k1", "verified", "Shares rose 7%.")
    state = state.with_note("k1", "Checked the filing.", "Shares rose 7%.")
    state = state.with_mark("k2", "disputed", "The CEO resigned.")
    one = state.get("k1")
    assert one is not None
    assert (one.mark, one.note, one.excerpt) == ("verified", "Checked the filing.", "Shares rose 7%.")
    assert one.updated.endswith("Z")
    assert [e.key for e in state.entries] == ["k1", "k2"]
    assert state.get("k3") is None


def test_changing_a_mark_keeps_the_note_and_the_position() -> None:
    state = ReviewState().with_mark("k1", "verified", "x").with_mark("k2", "follow-up", "y")
    state = state.with_note("k1", "note", "x").with_mark("k1", "disputed", "x")
    one = state.get("k1")
    assert one is not None and (one.mark, one.note) == ("disputed", "note")
    assert [e.key for e in state.entries] == ["k1", "k2"]


def test_an_entry_without_mark_or_note_is_dropped() -> None:
    state = ReviewState().with_mark("k1", "verified", "x").with_note("k1", "n", "x")
    state = state.with_mark("k1", None, "x")
    assert state.get("k1") is not None
    state = state.with_note("k1", "   ", "x")
    assert state.get("k1") is None and state.entries == ()
    assert ReviewState().with_mark("k9", None, "x").entries == ()


def test_original_state_is_unchanged() -> None:
    before = ReviewState()
    after = before.with_mark("k", MARKS[0], "x")
    assert before.entries == () and len(after.entries) == 1
