"""Re-attaching a mark whose claim regrouped, by its members' keys (hand-made claims)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.models import Article, Claim, Label, Mention
from tui.review import ReviewState, ReviewStore, open_review
from tui.review.reattach import member_keys, reattach
from tui.review.store import DATA_DIR_ENV


def _claim(cid: str, key: str, members: str, label: Label = "shared") -> Claim:
    """A claim whose mentions have the member keys named by the letters of ``members``."""
    mentions = tuple(Mention(f"a{n}.p0.s0", f"a{n}", 0, 5, key=m) for n, m in enumerate(members))
    return Claim(cid, label, (), (), (), key, 1.0, (), mentions)


def _marked(*claims: Claim) -> ReviewState:
    state = ReviewState()
    for n, claim in enumerate(claims):
        state = state.with_mark(
            claim.key, "verified", f"excerpt {n}", f"fact {n}", member_keys(claim), claim.label
        )
        state = state.with_note(claim.key, f"note {n}", f"excerpt {n}")
    return state


def test_a_mark_moves_to_the_claim_that_holds_all_its_members() -> None:
    state = _marked(_claim("c1", "old", "ab"))
    regrouped = _claim("c7", "new", "abc")  # another outlet's mention joined the claim
    moved, count = reattach(state, [_claim("c1", "other", "x"), regrouped])
    assert count == 1
    (entry,) = moved.entries
    assert (entry.key, entry.members, entry.label) == ("new", ("a", "b", "c"), "shared")
    before = state.entries[0]
    # What the reviewer wrote and when is theirs: only where it sits changes.
    assert (entry.mark, entry.note, entry.updated, entry.excerpt, entry.fact) == (
        before.mark,
        before.note,
        before.updated,
        before.excerpt,
        before.fact,
    )


def test_a_deleted_member_is_not_looked_for() -> None:
    state = _marked(_claim("c1", "old", "abc"))
    moved, count = reattach(state, [_claim("c2", "new", "ab", "unique"), _claim("c3", "x", "d")])
    assert count == 1 and moved.entries[0].key == "new"


def test_a_reworded_member_still_finds_the_claim() -> None:
    state = _marked(_claim("c1", "old", "abc"))
    moved, count = reattach(state, [_claim("c2", "new", "abd")])  # c reworded as d
    assert count == 1 and moved.entries[0].key == "new"


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ([_claim("c2", "new", "de")], "every member is gone: the fact itself changed"),
        ([_claim("c2", "n1", "a"), _claim("c3", "n2", "b")], "its members split into two claims"),
        ([_claim("c2", "n1", "ab"), _claim("c3", "n2", "abx")], "two claims hold all its members"),
        ([_claim("c2", "n1", "ab", "conflict")], "an agreement turned into a conflict"),
    ],
)
def test_anything_ambiguous_stays_orphaned(claims: list[Claim], why: str) -> None:
    state = _marked(_claim("c1", "old", "ab"))
    assert reattach(state, claims) == (state, 0), why


def test_a_conflict_that_is_settled_stays_orphaned() -> None:
    state = _marked(_claim("c1", "old", "ab", "conflict"))
    assert reattach(state, [_claim("c2", "new", "abc", "shared")]) == (state, 0)


def test_a_claim_that_already_has_a_mark_takes_no_other() -> None:
    state = _marked(_claim("c1", "old", "ab"), _claim("c2", "kept", "c"))
    assert reattach(state, [_claim("c2", "kept", "abc")]) == (state, 0)


def test_two_orphans_that_would_move_onto_one_claim_both_stay() -> None:
    # Two claims merged into one: whichever mark it took, the other reviewer's verdict would
    # read as if it were on the merged claim.
    state = _marked(_claim("c1", "one", "ab"), _claim("c2", "two", "cd"))
    assert reattach(state, [_claim("c5", "merged", "abcd")]) == (state, 0)
    # One of them alone moves; the other is orphaned as before.
    moved, count = reattach(state, [_claim("c5", "merged", "ab"), _claim("c6", "else", "cx", "conflict")])
    assert count == 1 and [e.key for e in moved.entries] == ["merged", "two"]


def test_marks_on_existing_claims_and_marks_without_members_stay() -> None:
    state = _marked(_claim("c1", "kept", "ab"))
    state = state.with_mark("from-an-old-file", "disputed", "x")  # no members recorded
    claims = [_claim("c1", "kept", "ab"), _claim("c2", "new", "xy")]
    assert reattach(state, claims) == (state, 0)


def test_members_and_label_round_trip_and_old_files_still_load(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    state = _marked(_claim("c1", "k1", "ab", "conflict"))
    ReviewStore(path).save(state)
    assert ReviewStore(path).load().state == state
    saved = json.loads(path.read_text("utf-8"))["reviews"][0]
    assert (saved["members"], saved["label"]) == (["a", "b"], "conflict")
    # A file written before members were kept: loads, with none.
    del saved["members"], saved["label"]
    old = {"format": "triangulate-review", "version": 1, "inputs": [], "reviews": [saved]}
    path.write_text(json.dumps(old), "utf-8")
    (loaded,) = ReviewStore(path).load().state.entries
    assert (loaded.key, loaded.members, loaded.label) == ("k1", (), "")


def test_malformed_members_make_the_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    entry = {"key": "k1", "mark": "verified", "members": "ab"}
    path.write_text(json.dumps({"format": "triangulate-review", "version": 1, "reviews": [entry]}), "utf-8")
    loaded = ReviewStore(path).load()
    assert loaded.warning is not None and "wrong type" in loaded.warning


def test_open_review_moves_marks_and_the_next_save_writes_them_where_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    articles = [Article("a0", "<text a0>", "A", "", "", (), "aa" * 32)]
    store, _ = open_review(articles)
    store.save(_marked(_claim("c1", "old", "ab"), _claim("c2", "gone", "z")))
    on_disk = store.path.read_bytes()

    claims = [_claim("c1", "new", "abc")]
    store, loaded = open_review(articles, claims=claims)
    assert loaded.reattached == 1
    assert [e.key for e in loaded.state.entries] == ["new", "gone"]
    assert store.path.read_bytes() == on_disk  # opening writes nothing
    # The next save (a mark elsewhere) moves it in the file too, and keeps the orphan.
    store.save(loaded.state.with_mark("another", "follow-up", "y"))
    _, again = open_review(articles, claims=claims)
    assert again.reattached == 0
    assert [e.key for e in again.state.entries] == ["new", "gone", "another"]
