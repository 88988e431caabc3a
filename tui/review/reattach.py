"""Marks whose claim regrouped: found again by their members' keys, or left orphaned.

``Claim.key`` hashes every member of a claim, so an edit to any other member, or a paragraph
deleted elsewhere that regroups the story, gives the claim a new key and would orphan its
mark. Each mark also keeps its members' own keys (:attr:`Mention.key`, the content of one
mention alone). A mark whose claim key is gone moves to the one claim that now holds all of
those member keys still found in the comparison (members that were deleted or reworded are
not looked for), and only when nothing makes that ambiguous:

- exactly one claim holds them, and at least one of them is still found;
- no other mark sits on that claim, and no other orphan would move there too;
- the claim is a conflict exactly when the marked one was: a member whose figure changed
  turns an agreement into a conflict (or back), and the reviewer's verdict was on the other.

Anything else stays orphaned, as before, for the reviewer to see under ``O``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from tui.core.models import Claim
from tui.review.marks import ClaimReview, ReviewState


def member_keys(claim: Claim) -> tuple[str, ...]:
    """The claim's distinct member keys, in mention order (stored with its mark)."""
    return tuple(dict.fromkeys(m.key for m in claim.mentions if m.key))


def reattach(state: ReviewState, claims: Sequence[Claim]) -> tuple[ReviewState, int]:
    """``state`` with each orphan that has exactly one regrouped claim moved onto it, and how
    many moved. A moved entry takes the claim's key, members and label; its mark, note, time,
    excerpt and fact stay as the reviewer left them."""
    keys = {claim.key for claim in claims}
    waiting = [e for e in state.entries if e.key not in keys and e.members]
    if not waiting:
        return state, 0
    holding: dict[str, list[Claim]] = {}
    for claim in claims:
        for key in member_keys(claim):
            holding.setdefault(key, []).append(claim)
    marked = {e.key for e in state.entries}
    targets: dict[str, Claim] = {}
    for entry in waiting:
        target = _only_holder(entry, holding)
        if target is not None and target.key not in marked:
            targets[entry.key] = target
    aimed = Counter(target.key for target in targets.values())
    moves = {key: target for key, target in targets.items() if aimed[target.key] == 1}
    if not moves:
        return state, 0
    entries = tuple(_moved(e, moves[e.key]) if e.key in moves else e for e in state.entries)
    return ReviewState(entries), len(moves)


def _only_holder(entry: ClaimReview, holding: dict[str, list[Claim]]) -> Claim | None:
    found = [key for key in dict.fromkeys(entry.members) if key in holding]
    if not found:
        return None  # every member was deleted or reworded: the fact itself is gone
    candidates = {claim.id: claim for claim in holding[found[0]]}
    for key in found[1:]:
        ids = {claim.id for claim in holding[key]}
        candidates = {cid: claim for cid, claim in candidates.items() if cid in ids}
    if len(candidates) != 1:
        return None
    (claim,) = candidates.values()
    if entry.label and (entry.label == "conflict") != (claim.label == "conflict"):
        return None
    return claim


def _moved(entry: ClaimReview, claim: Claim) -> ClaimReview:
    return replace(entry, key=claim.key, members=member_keys(claim), label=claim.label)
