"""Score a comparison against a story's gold: links, conflicts, uniques, rows and boilerplate.

Every metric is a :class:`Ratio` of counts so stories can be summed into a total
(micro-average), and every gold item that fails is recorded as a :class:`Miss`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from itertools import combinations

from tui.core.models import Claim, Comparison
from tui.evaluation.gold import GoldClaim, Ref, Resolution, Story, resolve

Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def __str__(self) -> str:
        value = self.value
        shown = "  –  " if value is None else f"{value:5.2f}"
        return f"{shown} ({self.hits}/{self.total})"


@dataclass(frozen=True, slots=True)
class Miss:
    metric: str
    item: str
    detail: str


@dataclass(frozen=True, slots=True)
class Scores:
    """One story's (or the total's) counts; higher is better except the two *rate* metrics."""

    link_precision: Ratio
    link_recall: Ratio
    claim_recall: Ratio
    conflict_precision: Ratio
    conflict_recall: Ratio
    conflict_kind: Ratio
    false_conflict_rate: Ratio
    traps_sprung: Ratio
    unique_accuracy: Ratio
    alignment_recall: Ratio
    boilerplate_recall: Ratio
    content_as_boilerplate: Ratio

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @classmethod
    def zero(cls) -> Scores:
        return cls(*(Ratio(0, 0) for _ in fields(cls)))


METRIC_HELP: Mapping[str, str] = {
    "link_precision": "linked cross-article pairs that are gold pairs (only pairs of gold sentences)",
    "link_recall": "gold cross-article pairs that the engine put in one claim",
    "claim_recall": "gold claims with at least one of their cross-article pairs linked",
    "conflict_precision": "engine conflict claims (with >= 2 gold sentences) that hold a gold conflict pair",
    "conflict_recall": "gold conflicts found as a claim labelled conflict",
    "conflict_kind": "found gold conflicts whose claim has a conflict of an accepted kind",
    "false_conflict_rate": (
        "linked gold shared claims labelled conflict with no gold conflict inside (lower is better)"
    ),
    "traps_sprung": "look-alike pairs put in one conflict claim (lower is better)",
    "unique_accuracy": "gold unique facts whose claims (mentions on the quoted words) are all unique",
    "alignment_recall": "gold paragraph pairs that share a row",
    "boilerplate_recall": "gold boilerplate paragraphs of kind boilerplate",
    "content_as_boilerplate": "gold claim sentences whose paragraph is boilerplate (lower is better)",
}
LOWER_IS_BETTER = frozenset({"false_conflict_rate", "traps_sprung", "content_as_boilerplate"})


@dataclass(frozen=True, slots=True)
class StoryResult:
    name: str
    scores: Scores
    misses: tuple[Miss, ...]
    problems: tuple[str, ...]
    """Gold references that did not resolve to exactly one sentence or paragraph."""


def evaluate(story: Story, comparison: Comparison) -> StoryResult:
    return _Scorer(story, comparison, resolve(story, comparison)).run()


class _Scorer:
    def __init__(self, story: Story, comparison: Comparison, resolution: Resolution) -> None:
        self.story = story
        self.comparison = comparison
        self.resolution = resolution
        self.misses: list[Miss] = []
        self.article_of = {sid: s.article_id for sid, s in comparison.sentence_by_id.items()}
        self.gold_pairs = {c.id: self._pairs(self._ids(c.sentences)) for c in story.claims}
        self.all_gold_pairs: set[Pair] = set().union(*self.gold_pairs.values())
        self.conflict_pairs: set[Pair] = set().union(
            *(self.gold_pairs[c.id] for c in story.claims if c.label == "conflict")
        )
        self.engine_pairs = {c.id: self._pairs(c.sentence_ids) for c in comparison.claims}
        self.linked: set[Pair] = set().union(*self.engine_pairs.values())

    def run(self) -> StoryResult:
        scores = Scores(
            *self._links(),
            *self._conflicts(),
            self._false_conflicts(),
            self._traps(),
            self._uniques(),
            self._alignments(),
            *self._boilerplate(),
        )
        return StoryResult(self.story.name, scores, tuple(self.misses), self.resolution.problems)

    # -- helpers ---------------------------------------------------------------------------

    def _ids(self, refs: Iterable[Ref]) -> list[str]:
        return [sid for r in refs if (sid := self.resolution.sentences.get(r)) is not None]

    def _pairs(self, sentence_ids: Iterable[str]) -> set[Pair]:
        return {
            frozenset((a, b))
            for a, b in combinations(dict.fromkeys(sentence_ids), 2)
            if self.article_of.get(a) != self.article_of.get(b)
        }

    def _show(self, sentence_id: str) -> str:
        sentence = self.comparison.sentence_by_id[sentence_id]
        text = sentence.text if len(sentence.text) <= 70 else sentence.text[:69] + "…"
        return f"{sentence_id} “{text}”"

    def _claims_linking(self, pairs: set[Pair]) -> list[Claim]:
        return [c for c in self.comparison.claims if self.engine_pairs[c.id] & pairs]

    def _explained(self, claim: Claim) -> bool:
        """A conflict label is justified when the claim holds a gold conflict pair."""
        return bool(self.engine_pairs[claim.id] & self.conflict_pairs)

    def _miss(self, metric: str, item: str, detail: str) -> None:
        self.misses.append(Miss(metric, item, detail))

    # -- metrics ---------------------------------------------------------------------------

    def _links(self) -> tuple[Ratio, Ratio, Ratio]:
        found: set[Pair] = set()
        claims_hit = 0
        for claim in self.story.claims:
            pairs = self.gold_pairs[claim.id]
            claims_hit += bool(pairs & self.linked)
            if not pairs:
                self._miss("link_recall", claim.id, "no two of its sentences resolved")
            for pair in sorted(pairs - self.linked, key=sorted):
                a, b = sorted(pair)
                self._miss("link_recall", claim.id, f"not linked: {self._show(a)} ~ {self._show(b)}")
            found |= pairs & self.linked
        unresolved = sum(
            len(c.sentences) - len(self._ids(c.sentences)) for c in self.story.claims if c.sentences
        )
        # Unresolved references cannot be linked: count each as one missed pair.
        recall = Ratio(len(found), len(self.all_gold_pairs) + unresolved)

        gold_sentences = set(self.resolution.sentences.values())
        judged = {p for p in self.linked if p <= gold_sentences}
        wrong = judged - self.all_gold_pairs
        for pair in sorted(wrong, key=sorted):
            a, b = sorted(pair)
            self._miss("link_precision", "-", f"false link: {self._show(a)} ~ {self._show(b)}")
        return (
            Ratio(len(judged) - len(wrong), len(judged)),
            recall,
            Ratio(claims_hit, len(self.story.claims)),
        )

    def _conflicts(self) -> tuple[Ratio, Ratio, Ratio]:
        gold_sentences = set(self.resolution.sentences.values())
        engine_conflicts = [
            c
            for c in self.comparison.claims
            if c.label == "conflict" and any(p <= gold_sentences for p in self.engine_pairs[c.id])
        ]
        correct = 0
        for claim in engine_conflicts:
            if self._explained(claim):
                correct += 1
            else:
                kinds = ", ".join(f"{c.kind} {c.summary}" for c in claim.conflicts)
                ids = ", ".join(self._show(s) for s in claim.sentence_ids if s in gold_sentences)
                self._miss("conflict_precision", claim.id, f"spurious conflict ({kinds}): {ids}")
        found = kind_ok = 0
        gold_conflicts = [c for c in self.story.claims if c.label == "conflict"]
        for gold in gold_conflicts:
            linking = self._claims_linking(self.gold_pairs[gold.id])
            flagged = [c for c in linking if c.label == "conflict"]
            if not flagged:
                labels = ", ".join(sorted({c.label for c in linking})) or "not linked"
                self._miss("conflict_recall", gold.id, f"expected {_expected(gold)}; engine: {labels}")
                continue
            found += 1
            engine_kinds = {k.kind for c in flagged for k in c.conflicts}
            if engine_kinds & set(gold.kinds):
                kind_ok += 1
            else:
                shown = ", ".join(sorted(engine_kinds)) or "none"
                self._miss("conflict_kind", gold.id, f"expected {_expected(gold)}; engine kinds: {shown}")
        return (
            Ratio(correct, len(engine_conflicts)),
            Ratio(found, len(gold_conflicts)),
            Ratio(kind_ok, found),
        )

    def _false_conflicts(self) -> Ratio:
        false = linked = 0
        for gold in self.story.claims:
            if gold.label != "shared":
                continue
            linking = self._claims_linking(self.gold_pairs[gold.id])
            if not linking:
                continue
            linked += 1
            bad = [c for c in linking if c.label == "conflict" and not self._explained(c)]
            if bad:
                false += 1
                detail = "; ".join(", ".join(f"{k.kind} {k.summary}" for k in c.conflicts) for c in bad)
                self._miss("false_conflict_rate", gold.id, f"shared fact labelled conflict: {detail}")
        return Ratio(false, linked)

    def _traps(self) -> Ratio:
        sprung = 0
        for trap in self.story.distinct:
            ids = self._ids((trap.a, trap.b))
            if len(ids) != 2:
                continue
            pair = frozenset(ids)
            bad = [
                c
                for c in self.comparison.claims
                if c.label == "conflict" and pair in self.engine_pairs[c.id] and not self._explained(c)
            ]
            if bad:
                sprung += 1
                self._miss("traps_sprung", trap.id, f"look-alikes put in a conflict claim ({trap.note})")
        return Ratio(sprung, len(self.story.distinct))

    def _uniques(self) -> Ratio:
        hits = 0
        for gold in self.story.uniques:
            sid = self.resolution.sentences.get(gold.sentence)
            if sid is None:
                self._miss("unique_accuracy", gold.id, "reference did not resolve")
                continue
            claims = fact_claims(self.comparison, sid, gold.sentence.quote)
            if claims and all(c.label == "unique" for c in claims):
                hits += 1
                continue
            if not claims:
                detail = "sentence is in no claim"
            else:
                others = sorted(
                    {
                        o
                        for c in claims
                        for o in c.sentence_ids
                        if self.article_of.get(o) != self.article_of[sid]
                    }
                )
                detail = f"labelled {', '.join(sorted({c.label for c in claims}))} with " + (
                    "; ".join(self._show(o) for o in others[:3]) or "same-article sentences"
                )
            self._miss("unique_accuracy", gold.id, detail)
        return Ratio(hits, len(self.story.uniques))

    def _alignments(self) -> Ratio:
        rows_of: dict[tuple[str, int], set[int]] = {}
        for i, row in enumerate(self.comparison.rows):
            for aid, indexes in row.paragraphs:
                for p in indexes:
                    rows_of.setdefault((aid, p), set()).add(i)
        hits = 0
        for gold in self.story.alignments:
            a = self.resolution.paragraphs.get(gold.a)
            b = self.resolution.paragraphs.get(gold.b)
            if a is None or b is None:
                self._miss("alignment_recall", gold.id, "reference did not resolve")
                continue
            if rows_of.get(a, set()) & rows_of.get(b, set()):
                hits += 1
            else:
                rows_a, rows_b = sorted(rows_of.get(a, set())), sorted(rows_of.get(b, set()))
                self._miss(
                    "alignment_recall", gold.id, f"{gold.a} in rows {rows_a}, {gold.b} in rows {rows_b}"
                )
        return Ratio(hits, len(self.story.alignments))

    def _boilerplate(self) -> tuple[Ratio, Ratio]:
        kind_of = {(a.id, p.index): p.kind for a in self.comparison.articles for p in a.paragraphs}
        hits = 0
        for gold in self.story.boilerplate:
            where = self.resolution.paragraphs.get(gold.paragraph)
            if where is None:
                self._miss("boilerplate_recall", gold.id, "reference did not resolve")
                continue
            if kind_of[where] == "boilerplate":
                hits += 1
            else:
                self._miss("boilerplate_recall", gold.id, f"{gold.paragraph} is kind {kind_of[where]}")
        content = self._ids(r for c in self.story.claims for r in c.sentences)
        content += self._ids(u.sentence for u in self.story.uniques)
        flagged = 0
        for sid in dict.fromkeys(content):
            sentence = self.comparison.sentence_by_id[sid]
            if kind_of[(sentence.article_id, sentence.paragraph_index)] == "boilerplate":
                flagged += 1
                self._miss("content_as_boilerplate", "-", f"gold sentence in boilerplate: {self._show(sid)}")
        return Ratio(hits, len(self.story.boilerplate)), Ratio(flagged, len(dict.fromkeys(content)))


def _expected(gold: GoldClaim) -> str:
    values = " vs ".join(gold.values)
    return f"{'/'.join(gold.kinds)} conflict" + (f" ({values})" if values else "")


def fact_claims(comparison: Comparison, sentence_id: str, quote: str) -> tuple[Claim, ...]:
    """The claims of a sentence with a mention on the quoted words (overlapping at least half
    of the shorter span), or all of the sentence's claims when none is that close: a sentence
    that states a shared fact and a unique one is right about both."""
    claims = comparison.claims_by_sentence.get(sentence_id, ())
    sentence = comparison.sentence_by_id[sentence_id]
    text = comparison.article_by_id[sentence.article_id].text
    at = text.find(" ".join(quote.split()), sentence.start, sentence.end)
    if at < 0:
        return claims
    span = (at, at + len(" ".join(quote.split())))

    def close(start: int, end: int) -> bool:
        overlap = min(end, span[1]) - max(start, span[0])
        return overlap > 0 and 2 * overlap >= min(end - start, span[1] - span[0])

    near = tuple(
        c for c in claims if any(m.sentence_id == sentence_id and close(m.start, m.end) for m in c.mentions)
    )
    return near or claims
