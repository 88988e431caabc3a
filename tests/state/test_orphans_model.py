"""Where an orphaned mark's sentence is now: found for the reviewer, never re-attached."""

from __future__ import annotations

from pathlib import Path

import tui
from tui.core.models import Comparison
from tui.review import ReviewState
from tui.state.orphans import fact_of, orphan_hint, orphan_items, orphan_notice, orphaned_marks

COURIER = (
    "Acme shares jump after earnings\n\n"
    "Shares of Acme Corp rose 7% on Tuesday after the company reported record quarterly profit.\n\n"
    "Chief executive Dana Whitfield said the results reflected strong demand for its batteries.\n"
)
WIRE = (
    "Acme stock climbs on record profit\n\n"
    "Acme Corp shares rose 8% on Tuesday after the company reported a record quarterly profit.\n\n"
    "Chief executive Dana Whitfield said the results reflected strong demand for its batteries.\n"
)


def _compare(tmp_path: Path, courier: str, wire: str) -> Comparison:
    (tmp_path / "courier.txt").write_text(courier, "utf-8")
    (tmp_path / "wire.txt").write_text(wire, "utf-8")
    return tui.compare([tmp_path / "courier.txt", tmp_path / "wire.txt"])


def _marked_everything(comparison: Comparison) -> ReviewState:
    state = ReviewState()
    for claim in comparison.claims:
        excerpt = comparison.sentence_by_id[claim.sentence_ids[0]].text
        state = state.with_mark(claim.key, "verified", excerpt, fact_of(comparison, claim))
    return state


def test_an_edited_sentence_is_found_again_and_the_orphans_stay_as_they_were(tmp_path: Path) -> None:
    before = _compare(tmp_path, COURIER, WIRE)
    state = _marked_everything(before)
    reworded = "Chief executive Dana Whitfield said the results showed strong demand for its batteries."
    after = _compare(
        tmp_path,
        COURIER.replace("reflected", "showed"),
        WIRE.replace("reflected", "showed"),
    )
    items = orphan_items(state, after)
    assert items, "rewording a sentence in both articles should orphan its claim"
    assert all(item.review in state.entries for item in items)  # the reviews themselves, unchanged
    assert all(item.review.key not in {c.key for c in after.claims} for item in items)
    edited = [item for item in items if "reflected" in item.review.excerpt]
    assert edited and all(item.now_reads == reworded for item in edited)
    held = {h.claim_id for item in edited for h in item.holders}
    assert held and all(
        any(after.sentence_by_id[s].text == reworded for s in after.claim_by_id[cid].sentence_ids)
        for cid in held
    )
    # Nothing was attached: no claim holding the sentence now has a review of its own.
    assert not any(state.get(after.claim_by_id[cid].key) for cid in held)


def test_a_sentence_gone_altogether_has_no_claim_to_offer(tmp_path: Path) -> None:
    before = _compare(tmp_path, COURIER, WIRE)
    state = _marked_everything(before)
    after = _compare(
        tmp_path,
        COURIER.replace(
            "Chief executive Dana Whitfield said the results reflected strong demand for its batteries.",
            "Rain fell over the harbour all afternoon.",
        ),
        WIRE.replace(
            "Chief executive Dana Whitfield said the results reflected strong demand for its batteries.",
            "Traffic was light on the bridge.",
        ),
    )
    gone = [item for item in orphan_items(state, after) if "Whitfield" in item.review.excerpt]
    assert gone and all(not item.holders and not item.now_reads for item in gone)


def test_the_kept_fact_tells_two_claims_of_one_sentence_apart(tmp_path: Path) -> None:
    comparison = _compare(tmp_path, COURIER, WIRE)
    by_sentence: dict[str, list[str]] = {}
    for claim in comparison.claims:
        by_sentence.setdefault(claim.sentence_ids[0], []).append(fact_of(comparison, claim))
    shared = [facts for facts in by_sentence.values() if len(facts) > 1]
    assert shared, "the story should hold a sentence with two claims"
    assert all(len(set(facts)) == len(facts) for facts in shared)


def test_the_notice_counts_orphans_and_names_the_key() -> None:
    assert orphan_notice(0, 4) is None
    notice = orphan_notice(2, 5)
    assert notice is not None and notice.startswith("2 of 5 marks and notes") and "press O" in notice
    assert orphan_hint(0) == "" and orphan_hint(1) == "1 orphaned mark: O lists it"
    assert orphan_hint(3) == "3 orphaned marks: O lists them"


def test_orphaned_marks_are_counted_per_mark_filter(tmp_path: Path) -> None:
    comparison = _compare(tmp_path, COURIER, WIRE)
    on_a_claim = comparison.claims[0].key
    marks = {on_a_claim: "disputed", "gone-1": "disputed", "gone-2": "verified"}
    assert orphaned_marks(marks, comparison.claims) == 2
    assert orphaned_marks(marks, comparison.claims, "disputed") == 1
    assert orphaned_marks(marks, comparison.claims, "follow-up") == 0
    assert orphaned_marks(marks, comparison.claims, "unmarked") == 0
