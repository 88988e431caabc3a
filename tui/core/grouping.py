"""Join linked facts into claims: strongest link first, one mention per outlet.

An outlet states a fact once; a headline that restates the body is the same outlet, not a
second fact, so each outlet may bring one body mention and one headline mention. Joining
stops at that limit, which keeps links through multi-fact sentences from chaining unrelated
facts into one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Scored(Protocol):
    @property
    def a(self) -> int: ...
    @property
    def b(self) -> int: ...
    @property
    def score(self) -> float: ...


L = TypeVar("L", bound=_Scored)


def greedy_groups(
    articles: Sequence[int], in_title: Sequence[bool], links: Sequence[L], coherence: float = 0.0
) -> list[tuple[list[int], list[L]]]:
    """Groups of item indexes stated by two or more outlets, with the links inside each.

    Two groups merge only while the links between them, averaged over every cross-outlet
    pair of their members (a missing link counting 0), reach ``coherence``: one strong link
    through a sentence that states two facts does not pull both facts' claims together."""
    owner: dict[int, int] = {}
    between: dict[int, dict[int, float]] = {}
    for link in links:
        between.setdefault(link.a, {})[link.b] = between.setdefault(link.a, {}).get(link.b, 0.0) + link.score
        between.setdefault(link.b, {})[link.a] = between.setdefault(link.b, {}).get(link.a, 0.0) + link.score
    members: dict[int, list[int]] = {}
    slots: dict[int, set[tuple[int, bool]]] = {}
    group_links: dict[int, list[L]] = {}

    def root(i: int) -> int:
        if i not in owner:
            owner[i] = i
            between.setdefault(i, {})
            members[i] = [i]
            slots[i] = {(articles[i], in_title[i])}
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for link in sorted(links, key=lambda k: (-k.score, k.a, k.b)):
        ra, rb = root(link.a), root(link.b)
        if ra == rb:
            group_links.setdefault(ra, []).append(link)
            continue
        if slots[ra] & slots[rb]:
            continue
        pairs = sum(1 for x in members[ra] for y in members[rb] if articles[x] != articles[y])
        if coherence and between[ra].get(rb, 0.0) < coherence * pairs:
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        owner[rb] = ra
        members[ra].extend(members.pop(rb))
        slots[ra] |= slots.pop(rb)
        for other, value in between.pop(rb, {}).items():
            if other == ra:
                continue
            between[ra][other] = between[ra].get(other, 0.0) + value
            between[other].pop(rb, None)
            between[other][ra] = between[other].get(ra, 0.0) + value
        between[ra].pop(rb, None)
        group_links[ra] = [*group_links.pop(ra, []), *group_links.pop(rb, []), link]
    return [
        (sorted(m), group_links.get(r, [])) for r, m in members.items() if len({articles[i] for i in m}) > 1
    ]
