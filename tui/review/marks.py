"""A reviewer's verdicts on claims: immutable state keyed by ``Claim.key``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal

from tui.core.models import Comparison
from tui.glyphs import MARK_GLYPHS as _MARK_GLYPHS

Mark = Literal["verified", "disputed", "follow-up"]
"""What a reviewer concluded about a claim; ``None`` where a ``Mark | None`` means no verdict yet."""

MARKS: tuple[Mark, ...] = ("verified", "disputed", "follow-up")

MARK_GLYPHS = _MARK_GLYPHS
"""Glyphs that carry a mark's meaning without colour (one table for every view: ``tui.glyphs``)."""


def utc_now() -> str:
    """ISO-8601 UTC timestamp with second precision, as stored in ``ClaimReview.updated``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class ClaimReview:
    """One claim's mark and note."""

    key: str
    """``Claim.key`` of the claim this review belongs to."""
    mark: Mark | None
    note: str
    updated: str
    """ISO-8601 UTC time of the last change."""
    excerpt: str
    """First sentence of the claim when it was reviewed, so an orphaned review stays readable."""
    fact: str = ""
    """The claim's fact when it was reviewed ("record (Mbappe)", or its words): two claims of
    one sentence stay apart once orphaned. Empty in files written before it was kept."""
    members: tuple[str, ...] = ()
    """The claim's member keys (:attr:`Mention.key`) when it was reviewed: they find the claim
    again once it regrouped (:mod:`tui.review.reattach`). Empty in files written before."""
    label: str = ""
    """The claim's label when it was reviewed; empty in files written before it was kept."""

    @property
    def is_empty(self) -> bool:
        return self.mark is None and not self.note.strip()


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Every non-empty review, in the order they were first made."""

    entries: tuple[ClaimReview, ...] = ()

    def get(self, key: str) -> ClaimReview | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None

    def with_mark(
        self,
        key: str,
        mark: Mark | None,
        excerpt: str,
        fact: str = "",
        members: tuple[str, ...] = (),
        label: str = "",
    ) -> ReviewState:
        current = self.get(key)
        if current is None:
            return self._put(ClaimReview(key, mark, "", utc_now(), excerpt, fact, members, label))
        return self._put(replace(_touched(current, excerpt, fact, members, label), mark=mark))

    def with_note(
        self,
        key: str,
        note: str,
        excerpt: str,
        fact: str = "",
        members: tuple[str, ...] = (),
        label: str = "",
    ) -> ReviewState:
        current = self.get(key)
        if current is None:
            return self._put(ClaimReview(key, None, note, utc_now(), excerpt, fact, members, label))
        return self._put(replace(_touched(current, excerpt, fact, members, label), note=note))

    def orphans(self, comparison: Comparison) -> tuple[ClaimReview, ...]:
        """Reviews whose claim is not in ``comparison`` (an input changed since they were made)."""
        keys = {claim.key for claim in comparison.claims}
        return tuple(entry for entry in self.entries if entry.key not in keys)

    def matched(self, comparison: Comparison) -> tuple[ClaimReview, ...]:
        """Reviews whose claim is in ``comparison``."""
        keys = {claim.key for claim in comparison.claims}
        return tuple(entry for entry in self.entries if entry.key in keys)

    def _put(self, entry: ClaimReview) -> ReviewState:
        # An entry with neither mark nor note carries no information: drop it so the
        # file never accumulates blanks and "orphans" only lists real work.
        keep = not entry.is_empty
        out: list[ClaimReview] = []
        placed = False
        for existing in self.entries:
            if existing.key == entry.key:
                placed = True
                if keep:
                    out.append(entry)
            else:
                out.append(existing)
        if keep and not placed:
            out.append(entry)
        return ReviewState(tuple(out))


NOTE_SEPARATOR = "\n\n— also noted —\n"
"""Joins two notes that were changed at once in two places; both are kept."""


def merge_reviews(base: ReviewState, ours: ReviewState, theirs: ReviewState) -> ReviewState:
    """Three-way merge of two reviews that both started from ``base``.

    Per claim: a side that did not change the claim takes the other's version (including
    a cleared mark). When both changed it, mark and note are merged separately: a field
    only one side changed takes that change; a mark both changed takes the newer change
    (``updated``); two different notes are both kept, older first. A claim one side
    cleared and the other changed keeps the change, so no mark is ever silently dropped.
    """
    before = {e.key: e for e in base.entries}
    mine = {e.key: e for e in ours.entries}
    other = {e.key: e for e in theirs.entries}
    order = list(mine) + [k for k in other if k not in mine]
    out: list[ClaimReview] = []
    for key in order:
        merged = _merge_one(before.get(key), mine.get(key), other.get(key))
        if merged is not None and not merged.is_empty:
            out.append(merged)
    return ReviewState(tuple(out))


def _merge_one(
    base: ClaimReview | None, ours: ClaimReview | None, theirs: ClaimReview | None
) -> ClaimReview | None:
    if ours == base:
        return theirs
    if theirs in (base, ours):
        return ours
    present = ours or theirs
    if present is None:  # unreachable: both sides differ from base, so one of them exists
        return None
    empty = ClaimReview(present.key, None, "", "", "")
    b, o, t = base or empty, ours or empty, theirs or empty
    newer_is_ours = o.updated >= t.updated
    if o.mark == b.mark:
        mark = t.mark
    elif t.mark == b.mark:
        mark = o.mark
    else:
        mark = o.mark if newer_is_ours else t.mark
        if mark is None:  # one side cleared it, the other set it: keep the set mark
            mark = t.mark if newer_is_ours else o.mark
    if o.note == b.note:
        note = t.note
    elif t.note in (b.note, o.note):
        note = o.note
    elif not o.note or not t.note:
        note = o.note or t.note
    else:
        first, second = (t.note, o.note) if newer_is_ours else (o.note, t.note)
        note = first + NOTE_SEPARATOR + second
    newer, older = (o, t) if newer_is_ours else (t, o)
    return ClaimReview(
        present.key,
        mark,
        note,
        max(o.updated, t.updated),
        newer.excerpt or b.excerpt,
        newer.fact or older.fact or b.fact,
        newer.members or older.members or b.members,
        newer.label or older.label or b.label,
    )


def _touched(
    current: ClaimReview, excerpt: str, fact: str, members: tuple[str, ...], label: str
) -> ClaimReview:
    """``current`` stamped now; an empty excerpt, fact, members or label keeps the old one."""
    return replace(
        current,
        updated=utc_now(),
        excerpt=excerpt or current.excerpt,
        fact=fact or current.fact,
        members=members or current.members,
        label=label or current.label,
    )
