"""Orphaned marks as the reader lists them: each with the claims that now hold its sentence.

An orphan is a review whose claim key no comparison claim has any more, and that could not
be re-attached to a regrouped claim by its members (:mod:`tui.review.reattach`). It is never
moved here; this only finds where its sentence is now, so the reviewer can look and mark
again by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.core.models import Claim, Comparison, Label, Sentence
from tui.review.marks import ClaimReview, ReviewState
from tui.state.facts import row_label

ORPHANS_KEY = "O"
"""The reader's key for the list (named in the notice on opening)."""

SIMILAR_AT_LEAST = 0.6
"""Word overlap (Jaccard) at which an edited sentence counts as the excerpt's sentence now."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Holder:
    """A claim of the current comparison that holds the orphan's sentence (or its edit)."""

    claim_id: str
    claim_key: str
    label: Label
    fact: str
    """The claim's frame and holder, or its summary: tells two claims of one sentence apart."""
    same_fact: bool = False
    """Its fact reads as the orphan's did when it was marked (a hint; nothing is moved)."""


@dataclass(frozen=True, slots=True)
class OrphanItem:
    review: ClaimReview
    holders: tuple[Holder, ...]
    now_reads: str
    """The sentence as it reads now when it was edited ("" when it is unchanged or gone)."""


def fact_of(comparison: Comparison, claim: Claim) -> str:
    """What the claim says, as kept with a mark: its frame and holder ("duration (Deschamps)"),
    a conflict's values, else its words in full (the list wraps them)."""
    if claim.frame:
        return row_label(comparison, claim)
    if claim.label == "conflict" and claim.conflicts:
        return claim.conflicts[0].summary
    if claim.summary:
        return claim.summary
    first = comparison.sentence_by_id.get(claim.sentence_ids[0]) if claim.sentence_ids else None
    return first.text if first else claim.id


def orphan_notice(orphans: int, total: int) -> str | None:
    """What the reader says on opening a review some of whose marks match no claim."""
    if not orphans:
        return None
    return (
        f"{orphans} of {total} marks and notes no longer match a claim (orphaned, kept in the "
        f"review file): press {ORPHANS_KEY} to list them."
    )


def reattached_notice(moved: int) -> str | None:
    """What the reader says on opening a review some of whose marks moved to a regrouped claim."""
    if not moved:
        return None
    if moved == 1:
        return "1 mark or note was carried over to a regrouped claim (its claim's members changed)."
    return f"{moved} marks and notes were carried over to a regrouped claim (their claims' members changed)."


def orphaned_marks(marks: Mapping[str, str], claims: Iterable[Claim], mark: str = "all") -> int:
    """How many of ``marks`` (claim key -> mark; only ``mark`` unless "all") are on no claim:
    a list filtered by mark counts them, or it would read as if they were gone."""
    if mark == "unmarked":
        return 0
    wanted = [key for key, value in marks.items() if mark == "all" or value == mark]
    if not wanted:
        return 0
    keys = {claim.key for claim in claims}
    return sum(1 for key in wanted if key not in keys)


def orphan_hint(count: int) -> str:
    """The filtered lists' pointer to the orphans ("" when there are none)."""
    if not count:
        return ""
    if count == 1:
        return f"1 orphaned mark: {ORPHANS_KEY} lists it"
    return f"{count} orphaned marks: {ORPHANS_KEY} lists them"


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def _same(text: str) -> str:
    return " ".join(text.casefold().split())


class _Sentences:
    """The comparison's sentences, indexed once for every orphan of one listing."""

    def __init__(self, sentences: Iterable[Sentence]) -> None:
        self.sentences = tuple(sentences)
        self.by_text: dict[str, list[str]] = {}
        for sentence in self.sentences:
            self.by_text.setdefault(_same(sentence.text), []).append(sentence.id)
        self._words: list[frozenset[str]] | None = None

    def words(self) -> list[frozenset[str]]:
        # Only an edited sentence needs them: most orphans find theirs by its text.
        if self._words is None:
            self._words = [_words(s.text) for s in self.sentences]
        return self._words

    def where_now(self, excerpt: str) -> tuple[list[str], str]:
        """Ids of the sentences that read as ``excerpt`` does; failing those, of the most
        similar one(s) at :data:`SIMILAR_AT_LEAST` or above, with how it reads now."""
        exact = self.by_text.get(_same(excerpt))
        if exact:
            return list(exact), ""
        words = _words(excerpt)
        if not words:
            return [], ""
        best: list[Sentence] = []
        best_score = SIMILAR_AT_LEAST
        for sentence, other in zip(self.sentences, self.words(), strict=True):
            score = len(words & other) / len(words | other) if other else 0.0
            if score > best_score or (score == best_score and not best):
                best, best_score = [sentence], score
            elif score == best_score:
                best.append(sentence)
        return [s.id for s in best], (best[0].text if best else "")


def _holder(comparison: Comparison, claim: Claim, marked_fact: str) -> Holder:
    fact = fact_of(comparison, claim)
    return Holder(claim.id, claim.key, claim.label, fact, bool(marked_fact) and fact == marked_fact)


def orphan_items(state: ReviewState, comparison: Comparison) -> tuple[OrphanItem, ...]:
    """Every orphan in the order it was made, with the claims now holding its sentence."""
    orphans = state.orphans(comparison)
    if not orphans:
        return ()
    sentences = _Sentences(s for a in comparison.articles for s in a.sentences)
    claims_of, by_id = comparison.claims_by_sentence, comparison.claim_by_id
    items: list[OrphanItem] = []
    for review in orphans:
        found, now_reads = sentences.where_now(review.excerpt) if review.excerpt else ([], "")
        holders = dict.fromkeys(claim.id for sid in found for claim in claims_of.get(sid, ()))
        items.append(
            OrphanItem(
                review, tuple(_holder(comparison, by_id[cid], review.fact) for cid in holders), now_reads
            )
        )
    return tuple(items)
