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

    def with_mark(self, key: str, mark: Mark | None, excerpt: str) -> ReviewState:
        current = self.get(key)
        if current is None:
            return self._put(ClaimReview(key, mark, "", utc_now(), excerpt))
        return self._put(replace(current, mark=mark, updated=utc_now(), excerpt=excerpt or current.excerpt))

    def with_note(self, key: str, note: str, excerpt: str) -> ReviewState:
        current = self.get(key)
        if current is None:
            return self._put(ClaimReview(key, None, note, utc_now(), excerpt))
        return self._put(replace(current, note=note, updated=utc_now(), excerpt=excerpt or current.excerpt))

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
