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
    articles: Sequence[int], in_title: Sequence[bool], links: Sequence[L]
) -> list[tuple[list[int], list[L]]]:
    """Groups of item indexes stated by two or more outlets, with the links inside each."""
    owner: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    slots: dict[int, set[tuple[int, bool]]] = {}
    group_links: dict[int, list[L]] = {}

    def root(i: int) -> int:
        if i not in owner:
            owner[i] = i
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
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        owner[rb] = ra
        members[ra].extend(members.pop(rb))
        slots[ra] |= slots.pop(rb)
        group_links[ra] = [*group_links.pop(ra, []), *group_links.pop(rb, []), link]
    return [
        (sorted(m), group_links.get(r, [])) for r, m in members.items() if len({articles[i] for i in m}) > 1
    ]
