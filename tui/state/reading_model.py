"""Indexes over a Comparison that the reading view needs on every key press.

Built once per comparison so navigation (next conflict, claims panel order,
row filters) is a lookup rather than a scan.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from tui.core.models import Claim, Comparison, Label
from tui.core.ranking import ranked
from tui.glyphs import LABEL_GLYPHS
from tui.state.facts import FactRow, fact_rows, mentions_of
from tui.state.layout import fold_runs, folded_rows

RowFilter = Literal["all", "conflict", "unique", "shared"]
ROW_FILTERS: tuple[RowFilter, ...] = ("all", "conflict", "unique", "shared")
FILTER_NAMES: dict[RowFilter, str] = {
    "all": "all rows",
    "conflict": "conflicts",
    "unique": "unique",
    "shared": "shared",
}
"""How the header and notices name each filter ("filter: conflicts", "No rows with unique.")."""

LABEL_RANK: dict[Label, int] = {"conflict": 0, "shared": 1, "unique": 2}
"""Lower is stronger: a sentence in several claims shows its strongest label."""

GLYPHS = LABEL_GLYPHS
"""Gutter glyphs (the one table in ``tui.glyphs``), so a claim's label reads without colour."""


@dataclass(frozen=True, slots=True)
class ClaimPlace:
    """Where a claim first appears in reading order."""

    row: int
    order: int
    """Position of its first sentence among the row's sentences (article order)."""


@dataclass(frozen=True, slots=True)
class MentionPlace:
    """Where one mention of a fact is in the reading view."""

    row: int
    article_id: str
    sentence_id: str
    start: int


class ReadingModel:
    """Lookups derived from one comparison; read-only after construction."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.article_index = {a.id: i for i, a in enumerate(comparison.articles)}
        # Each sentence's most telling claim: the first of the best rank among its claims, in
        # the comparison's order. Claims are visited best first (a stable sort), so the first
        # to reach a sentence is the one ``min`` over the sentence's claims would pick; it
        # ranks 3,500 claims instead of 100,000 (sentence, claim) pairs at 200 articles.
        best_first = sorted(comparison.claims, key=lambda c: (LABEL_RANK[c.label], -c.salience))
        chosen: dict[str, Claim] = {}
        for claim in best_first:
            for sid in claim.sentence_ids:
                chosen.setdefault(sid, claim)
        self.sentence_claim: dict[str, Claim] = {sid: chosen[sid] for sid in comparison.claims_by_sentence}
        self.sentence_label: dict[str, Label] = {sid: c.label for sid, c in self.sentence_claim.items()}
        self.sentence_order: dict[str, tuple[int, int]] = {}
        self.row_labels: list[frozenset[Label]] = []
        self.row_claims: list[tuple[str, ...]] = []
        """Claims that first appear in each row, in reading order."""
        self.row_touching: list[tuple[str, ...]] = []
        """Claims with any sentence in each row, in reading order (includes continuations)."""
        self.row_cells: list[dict[str, tuple[int, ...]]] = [row.cells() for row in comparison.rows]
        self.row_boilerplate: list[bool] = []
        places: dict[str, ClaimPlace] = {}
        # One pass over every sentence of a 200-article story (15,000 sentences, 40,000
        # sentence-claim pairs) on the way to the first frame: lookups are bound to locals.
        sentence_order = self.sentence_order
        claims_of = comparison.claims_by_sentence.get
        article_by_id = comparison.article_by_id.get
        article_index = self.article_index.get
        no_claims: tuple[Claim, ...] = ()
        for r, row in enumerate(comparison.rows):
            labels: set[Label] = set()
            claims_here: list[str] = []
            touching: dict[str, None] = {}
            all_boiler = True
            order = 0
            for aid, paras in sorted(row.paragraphs, key=lambda item: article_index(item[0], 0)):
                article = article_by_id(aid)
                if article is None:
                    continue
                paragraphs = article.paragraphs
                for p in paras:
                    if p >= len(paragraphs):
                        continue
                    paragraph = paragraphs[p]
                    if paragraph.kind != "boilerplate":
                        all_boiler = False
                    for sentence in paragraph.sentences:
                        sentence_order[sentence.id] = (r, order)
                        for claim in claims_of(sentence.id, no_claims):
                            labels.add(claim.label)
                            claim_id = claim.id
                            touching[claim_id] = None
                            if claim_id not in places:
                                places[claim_id] = ClaimPlace(r, order)
                                claims_here.append(claim_id)
                        order += 1
            self.row_labels.append(frozenset(labels))
            self.row_claims.append(tuple(claims_here))
            self.row_touching.append(tuple(touching))
            self.row_boilerplate.append(all_boiler)
        self.claim_place = places
        self.nav_order: tuple[str, ...] = tuple(
            sorted(places, key=lambda cid: (places[cid].row, places[cid].order))
        )
        self.panel_order: tuple[Claim, ...] = tuple(ranked(c for c in comparison.claims if c.id in places))

    @cached_property
    def article_rows(self) -> dict[str, tuple[int, ...]]:
        """Article id -> the rows where it has a cell, in order."""
        rows: dict[str, list[int]] = {}
        for r, cells in enumerate(self.row_cells):
            for article_id in cells:
                rows.setdefault(article_id, []).append(r)
        return {k: tuple(v) for k, v in rows.items()}

    @cached_property
    def fold_runs(self) -> dict[int, int]:
        """Head row -> rows folded after it, for runs of rows with only unique or boilerplate text."""
        return fold_runs([not (labels & {"shared", "conflict"}) for labels in self.row_labels])

    @cached_property
    def folded_rows(self) -> frozenset[int]:
        return folded_rows(self.fold_runs)

    @cached_property
    def cited_by_sentence(self) -> dict[str, tuple[str, ...]]:
        """Sentence id -> the names of the sources it cites (for the detail view), built once."""
        cites: dict[str, dict[str, None]] = {}
        for cited in self.comparison.cited_sources:
            for _, sid, _, _ in cited.mentions:
                cites.setdefault(sid, {}).setdefault(cited.name)
        return {sid: tuple(names) for sid, names in cites.items()}

    @cached_property
    def fact_rows(self) -> tuple[FactRow, ...]:
        """The facts × sources table, built on first use and kept."""
        return fact_rows(self.comparison)

    @cached_property
    def nav_keys(self) -> list[tuple[int, int, int]]:
        """``(row, order, position)`` of every claim in :attr:`nav_order`, sorted, for bisecting.
        The position tells apart claims that start at one place (two facts of one sentence),
        which a step from one of them would otherwise pass over."""
        places = self.claim_place
        return [(places[c].row, places[c].order, n) for n, c in enumerate(self.nav_order)]

    @cached_property
    def nav_position(self) -> dict[str, int]:
        """Each claim's position in :attr:`nav_order`."""
        return {c: n for n, c in enumerate(self.nav_order)}

    @cached_property
    def label_positions(self) -> dict[Label, list[int]]:
        """Each label's claims by their positions in :attr:`nav_order`, ascending."""
        claims = self.comparison.claim_by_id
        positions: dict[Label, list[int]] = {}
        for n, claim_id in enumerate(self.nav_order):
            positions.setdefault(claims[claim_id].label, []).append(n)
        return positions

    def place_in_label(self, claim_id: str) -> tuple[int, int]:
        """``(k, n)``: the claim is the k-th (from 1) of the story's n claims of its label, in
        reading order (the header's "conflict 2/3": after `n` the row can look alike)."""
        positions = self.label_positions.get(self.comparison.claim_by_id[claim_id].label, [])
        return bisect_left(positions, self.nav_position[claim_id]) + 1, len(positions)

    def mention_places(self, claim: Claim) -> list[MentionPlace]:
        """Where each of the claim's mentions sits, in reading order (row, then column)."""
        comparison = self.comparison
        found: dict[tuple[int, str, str], MentionPlace] = {}
        for mention in mentions_of(comparison, claim):
            sentence = comparison.sentence_by_id.get(mention.sentence_id)
            if sentence is None:
                continue
            row = comparison.row_of_paragraph(sentence.article_id, sentence.paragraph_index)
            if row is not None:
                place = MentionPlace(row, mention.article_id, mention.sentence_id, mention.start)
                found.setdefault((row, mention.article_id, mention.sentence_id), place)
        return sorted(found.values(), key=lambda m: (m.row, self.article_index.get(m.article_id, 0), m.start))

    def first_sentence_id(self, claim: Claim) -> str:
        """The claim's sentence that comes first in reading order (row, then article)."""
        order = self.sentence_order
        placed = [s for s in claim.sentence_ids if s in order]
        return min(placed, key=order.__getitem__) if placed else claim.sentence_ids[0]

    def claim_rows(self, claim: Claim) -> tuple[int, ...]:
        """Rows holding any sentence of ``claim``, in order."""
        rows = {self.sentence_order[s][0] for s in claim.sentence_ids if s in self.sentence_order}
        return tuple(sorted(rows))

    def row_visible(self, row: int, row_filter: RowFilter, hide_boilerplate: bool) -> bool:
        if hide_boilerplate and self.row_boilerplate[row]:
            return False
        return row_filter == "all" or row_filter in self.row_labels[row]
