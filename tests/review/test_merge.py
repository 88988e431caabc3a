"""Two readers on one review file: saves merge with what is on disk, nothing is lost."""

from __future__ import annotations

from pathlib import Path

from tui.review import ReviewState, ReviewStore
from tui.review.marks import NOTE_SEPARATOR, ClaimReview, merge_reviews
from tui.review.store import read_review_file


def _entry(key: str, mark: str | None, note: str = "", updated: str = "2025-01-01T00:00:00Z") -> ClaimReview:
    return ClaimReview(key, mark, note, updated, f"excerpt {key}")  # type: ignore[arg-type]


def test_two_stores_marking_different_claims_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    first, second = ReviewStore(path), ReviewStore(path)
    a, b = first.load().state, second.load().state
    first.save(a.with_mark("k1", "verified", "one"))
    merged = second.save(b.with_mark("k2", "disputed", "two"))
    on_disk, _ = read_review_file(path)
    assert {e.key: e.mark for e in on_disk.entries} == {"k1": "verified", "k2": "disputed"}
    assert merged == on_disk
    # The first store's next save keeps the second's mark although it never loaded it.
    first.save(first.load().state.with_note("k1", "checked", "one"))
    on_disk, _ = read_review_file(path)
    assert {e.key for e in on_disk.entries} == {"k1", "k2"}


def test_a_side_that_did_not_touch_a_claim_takes_the_other_change() -> None:
    base = ReviewState((_entry("k", "verified"),))
    ours = base.with_mark("other", "disputed", "o")
    theirs = ReviewState((_entry("k", None, "now a note", "2025-01-02T00:00:00Z"),))
    merged = merge_reviews(base, ours, theirs)
    assert merged.get("k") == theirs.get("k")
    assert merged.get("other") is not None


def test_a_clear_on_one_side_takes_effect_when_the_other_did_not_touch_the_claim() -> None:
    base = ReviewState((_entry("k", "verified"),))
    merged = merge_reviews(base, base, ReviewState())
    assert merged.get("k") is None


def test_both_changed_the_mark_the_newer_change_wins() -> None:
    base = ReviewState((_entry("k", "verified"),))
    ours = ReviewState((_entry("k", "disputed", updated="2025-01-03T00:00:00Z"),))
    theirs = ReviewState((_entry("k", "follow-up", updated="2025-01-02T00:00:00Z"),))
    assert merge_reviews(base, ours, theirs).get("k").mark == "disputed"  # type: ignore[union-attr]
    assert merge_reviews(base, theirs, ours).get("k").mark == "disputed"  # type: ignore[union-attr]


def test_a_cleared_mark_never_defeats_a_mark_set_elsewhere() -> None:
    base = ReviewState((_entry("k", "verified"),))
    cleared = ReviewState()
    changed = ReviewState((_entry("k", "disputed", updated="2025-01-02T00:00:00Z"),))
    assert merge_reviews(base, cleared, changed).get("k").mark == "disputed"  # type: ignore[union-attr]
    assert merge_reviews(base, changed, cleared).get("k").mark == "disputed"  # type: ignore[union-attr]


def test_two_different_notes_are_both_kept_older_first() -> None:
    base = ReviewState((_entry("k", None, "draft"),))
    ours = ReviewState((_entry("k", None, "mine", "2025-01-03T00:00:00Z"),))
    theirs = ReviewState((_entry("k", "verified", "theirs", "2025-01-02T00:00:00Z"),))
    merged = merge_reviews(base, ours, theirs).get("k")
    assert merged is not None
    assert merged.note == f"theirs{NOTE_SEPARATOR}mine"
    assert merged.mark == "verified"  # only they changed the mark
    assert merged.updated == "2025-01-03T00:00:00Z"


def test_a_merge_keeps_the_members_either_side_recorded() -> None:
    # A file from before members were kept, marked again on one side by a newer reader and
    # noted on the other by an older one: the merged entry can still find a regrouped claim.
    base = ReviewState((_entry("k", "verified"),))
    ours = ReviewState(
        (ClaimReview("k", "disputed", "", "2025-01-02T00:00:00Z", "e", "", ("a", "b"), "shared"),)
    )
    theirs = ReviewState((_entry("k", "verified", "a note", "2025-01-03T00:00:00Z"),))
    merged = merge_reviews(base, ours, theirs).get("k")
    assert merged is not None and (merged.mark, merged.note) == ("disputed", "a note")
    assert (merged.members, merged.label) == (("a", "b"), "shared")
