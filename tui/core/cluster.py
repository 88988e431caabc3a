"""Group linked sentences into claims.

Single-linkage union-find would chain unrelated facts through sentences that state
several of them, so clusters are merged greedily, strongest link first, only while the
merged group stays coherent (its average pairwise score across articles is high enough).
A sentence whose strong link is refused joins the other claim as an extra member: a
sentence that states several facts may belong to more than one claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.match import LINK_MIN, LINKS_PER_SENTENCE, Link

COHERENCE_MIN = 0.1
"""Average score over a merged cluster's cross-article pairs (missing pairs count as 0)."""
EXTRA_MEMBER_MIN = 0.45
"""A refused link this strong still adds the sentence to the other claim."""
PER_ARTICLE_MAX = 2
"""Sentences one article may contribute to a claim (a lead or summary may repeat a fact)."""
SECOND_SENTENCE_MIN = 0.35
"""Least link score for a merge that puts a second sentence of one article into a claim."""
_BEST_MARGIN = 0.12
"""Links far below a sentence's best link into the same article are ignored..."""
_ANCHORS_KEEP = 2
"""...unless they share a figure and a rare word: a sentence stating two facts has a strong
link for each, and the weaker one is often the conflicting report."""


@dataclass(frozen=True, slots=True)
class Group:
    members: tuple[int, ...]
    links: tuple[Link, ...]


def cluster(n: int, articles: Sequence[int], links: Sequence[Link]) -> list[Group]:
    """Claims as groups of item indexes; items with no link are left out."""
    best: dict[tuple[int, int], float] = {}
    for link in links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            key = (x, articles[y])
            best[key] = max(best.get(key, 0.0), link.score)
    kept = [
        link
        for link in links
        if link.anchors >= _ANCHORS_KEEP
        or (
            link.score >= best[(link.a, articles[link.b])] - _BEST_MARGIN
            and link.score >= best[(link.b, articles[link.a])] - _BEST_MARGIN
        )
    ]
    kept.sort(key=lambda link: (-link.score, link.a, link.b))

    # Per group: members, article histogram, summed scores and count of cross-article pairs
    # inside it, and summed link scores to each neighbouring group; merging updates these
    # incrementally so coherence costs O(degree), not O(size^2).
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    histogram: dict[int, Counter[int]] = {i: Counter({articles[i]: 1}) for i in range(n)}
    inner = dict.fromkeys(range(n), 0.0)
    pairs = dict.fromkeys(range(n), 0)
    between: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for link in kept:
        between[link.a][link.b] = between[link.a].get(link.b, 0.0) + link.score
        between[link.b][link.a] = between[link.b].get(link.a, 0.0) + link.score
    extra: dict[int, set[int]] = {}
    group_links: dict[int, list[Link]] = {}

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for link in kept:
        ra, rb = find(link.a), find(link.b)
        if ra == rb:
            group_links.setdefault(ra, []).append(link)
            continue
        ha, hb = histogram[ra], histogram[rb]
        fewer, more = (ha, hb) if len(ha) <= len(hb) else (hb, ha)
        overlap = [(c, more.get(art, 0)) for art, c in fewer.items()]
        if any(x + y > PER_ARTICLE_MAX for x, y in overlap):
            continue  # an outlet states a fact once, or twice with a summary: these are two facts
        if (
            link.score < SECOND_SENTENCE_MIN
            and link.anchors < _ANCHORS_KEEP
            and any(x and y for x, y in overlap)
        ):
            continue  # a second sentence from one outlet must match clearly, not by a shared topic
        cross_pairs = len(members[ra]) * len(members[rb]) - sum(x * y for x, y in overlap)
        cross_score = between[ra].get(rb, 0.0)
        # Average link strength across the two groups, missing links counting as 0. Matching
        # keeps only each sentence's best links, so the smaller side's members are expected to
        # link to at most that many members of the other side.
        smaller = min(len(members[ra]), len(members[rb]))
        expected = min(cross_pairs, LINKS_PER_SENTENCE * smaller)
        cross = cross_score / expected if expected else LINK_MIN
        size = len(members[ra]) + len(members[rb])
        total_pairs = min(pairs[ra] + pairs[rb] + cross_pairs, LINKS_PER_SENTENCE * size)
        overall = (inner[ra] + inner[rb] + cross_score) / total_pairs if total_pairs else LINK_MIN
        coherence = min(overall, 2.0 * cross)
        if coherence >= COHERENCE_MIN:
            if len(members[ra]) < len(members[rb]):
                ra, rb = rb, ra
            owner[rb] = ra
            members[ra].extend(members.pop(rb))
            histogram[ra].update(histogram.pop(rb))
            inner[ra] += inner.pop(rb) + cross_score
            pairs[ra] += pairs.pop(rb) + cross_pairs
            for other, value in between.pop(rb).items():
                if other == ra:
                    continue
                between[ra][other] = between[ra].get(other, 0.0) + value
                between[other].pop(rb, None)
                between[other][ra] = between[other].get(ra, 0.0) + value
            between[ra].pop(rb, None)
            group_links[ra] = [*group_links.pop(ra, []), *group_links.pop(rb, []), link]
            if rb in extra:
                extra.setdefault(ra, set()).update(extra.pop(rb))
        elif link.score >= EXTRA_MEMBER_MIN:
            # Attach the member of the smaller side to the larger claim as well.
            small, big = (link.a, rb) if len(members[ra]) <= len(members[rb]) else (link.b, ra)
            extra.setdefault(big, set()).add(small)
            group_links.setdefault(big, []).append(link)

    result: list[Group] = []
    for root, group in members.items():
        everyone = sorted(set(group) | extra.get(root, set()))
        if len({articles[m] for m in everyone}) < 2:
            continue
        result.append(Group(tuple(everyone), tuple(group_links.get(root, []))))
    return result
