"""Join linked facts into claims: strongest link first, one mention per outlet.

An outlet states a fact once; a headline that restates the body is the same outlet, not a
second fact, so each outlet may bring one body mention and one headline mention. Joining
stops at that limit, which keeps links through multi-fact sentences from chaining unrelated
facts into one claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

import numpy as np


class _Scored(Protocol):
    @property
    def a(self) -> int: ...
    @property
    def b(self) -> int: ...
    @property
    def score(self) -> float: ...


L = TypeVar("L", bound=_Scored)

EXTRA_CLAIMS = 1
"""Other claims one clause may join as an extra member. A clause that states two facts belongs
to both claims; wire copy gives a clause strong refused links to many claims of one story
(a clause sat in 5.9 claims on average at 200 synthetic articles), and joining all of them
put unrelated facts in one claim: with this cap, `make bench` link precision on synthetic:100
29.8% -> 40.7%, recall 90.9% -> 90.8% (docs/performance.md, sixth round)."""


def greedy_groups(
    articles: Sequence[int],
    in_title: Sequence[bool],
    links: Sequence[L],
    coherence: float = 0.0,
    extra_min: float = 1.0,
    restated: Sequence[tuple[int, int]] = (),
) -> list[tuple[list[int], list[L]]]:
    """Groups of item indexes stated by two or more outlets, with the links inside each.

    Two groups merge only while the links between them, averaged over every cross-outlet
    pair of their members (a missing link counting 0), reach ``coherence``: one strong link
    through a sentence that states two facts does not pull both facts' claims together.
    Such a clause may still join the other claim as an extra member when its refused link
    reaches ``extra_min``: a clause that states two facts belongs to both claims. It joins one
    such claim at most (:data:`EXTRA_CLAIMS`), through its strongest refused link.

    ``restated`` pairs are two mentions of one outlet that state one fact twice (the lead and a
    later paragraph giving the same figure for the same thing): they start as one group in one
    slot, so either may link to other outlets and the claim shows both."""
    extra: dict[int, set[int]] = {}
    joined_as_extra: Counter[int] = Counter()
    owner: dict[int, int] = {}
    between: dict[int, dict[int, float]] = {}
    # Link sums and per-outlet counts only serve the coherence test: without one (value
    # claims), they are neither built nor folded on every merge.
    weigh = bool(coherence)
    for link in links if weigh else ():
        a, b, score = link.a, link.b, link.score
        near = between.setdefault(a, {})
        near[b] = near.get(b, 0.0) + score
        near = between.setdefault(b, {})
        near[a] = near.get(a, 0.0) + score
    members: dict[int, list[int]] = {}
    slots: dict[int, set[tuple[int, bool]]] = {}
    outlets: dict[int, Counter[int]] = {}
    """Members per outlet of each group: cross-outlet pairs are counted from these, not by
    a double loop over two groups that may hold hundreds of members each."""
    group_links: dict[int, list[L]] = {}

    def root(i: int) -> int:
        if i not in owner:
            owner[i] = i
            members[i] = [i]
            slots[i] = {(articles[i], in_title[i])}
            if weigh:
                between.setdefault(i, {})
                outlets[i] = Counter((articles[i],))
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    def join(ra: int, rb: int) -> None:
        """Group ``rb`` becomes part of group ``ra``."""
        owner[rb] = ra
        members[ra].extend(members.pop(rb))
        slots[ra] |= slots.pop(rb)
        if weigh:
            outlets[ra].update(outlets.pop(rb))
            _fold(between, ra, rb)

    for a, b in restated:
        ra, rb = root(a), root(b)
        if ra != rb:
            join(ra, rb)
    for link in _strongest_first(links):
        # An item whose parent is a root needs no walk (most links after the first merges).
        ra, rb = owner.get(link.a, -1), owner.get(link.b, -1)
        if ra < 0 or owner[ra] != ra:
            ra = root(link.a)
        if rb < 0 or owner[rb] != rb:
            rb = root(link.b)
        if ra == rb:
            group_links.setdefault(ra, []).append(link)
            continue
        if not slots[ra].isdisjoint(slots[rb]) or (
            weigh and between[ra].get(rb, 0.0) < coherence * _cross_pairs(members, outlets, ra, rb)
        ):
            if link.score >= extra_min:
                _attach(link, ra, rb, slots, extra, group_links, (articles, in_title), joined_as_extra)
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        join(ra, rb)
        joined = group_links.setdefault(ra, [])
        joined.extend(group_links.pop(rb, []))
        joined.append(link)
        extra.setdefault(ra, set()).update(extra.pop(rb, set()))
    result = []
    for r, m in members.items():
        everyone = sorted(set(m) | {i for i in extra.get(r, set()) if root(i) != r})
        if len({articles[i] for i in everyone}) > 1:
            result.append((everyone, group_links.get(r, [])))
    return result


def _fold(between: dict[int, dict[int, float]], ra: int, rb: int) -> None:
    """Group ``rb``'s link sums become ``ra``'s."""
    into = between[ra]
    for other, value in between.pop(rb, {}).items():
        if other == ra:
            continue
        into[other] = into.get(other, 0.0) + value
        near = between[other]
        near.pop(rb, None)
        near[ra] = near.get(ra, 0.0) + value
    into.pop(rb, None)


def _strongest_first(links: Sequence[L]) -> list[L]:
    """``links`` by score, highest first, then by ``a`` and ``b``: one stable numpy sort
    instead of a key tuple per link (a large story has hundreds of thousands)."""
    score = np.asarray([k.score for k in links], dtype=np.float64)
    a = np.asarray([k.a for k in links], dtype=np.int64)
    b = np.asarray([k.b for k in links], dtype=np.int64)
    return [links[k] for k in np.lexsort((b, a, -score)).tolist()]


def _cross_pairs(members: dict[int, list[int]], outlets: dict[int, Counter[int]], ra: int, rb: int) -> int:
    """Pairs of members of two groups from different outlets."""
    small, large = sorted((outlets[ra], outlets[rb]), key=len)
    same_outlet = sum(n * large[x] for x, n in small.items())
    return len(members[ra]) * len(members[rb]) - same_outlet


def _attach(
    link: L,
    ra: int,
    rb: int,
    slots: dict[int, set[tuple[int, bool]]],
    extra: dict[int, set[int]],
    group_links: dict[int, list[L]],
    where: tuple[Sequence[int], Sequence[bool]],
    joined_as_extra: Counter[int],
) -> None:
    """Add one end of a refused strong link to the other end's group, where its outlet has
    no mention yet and that end is an extra member of no other group yet."""
    articles, in_title = where
    for item, group in ((link.a, rb), (link.b, ra)):
        slot = (articles[item], in_title[item])
        if slot not in slots[group] and joined_as_extra[item] < EXTRA_CLAIMS:
            joined_as_extra[item] += 1
            extra.setdefault(group, set()).add(item)
            slots[group].add(slot)
            group_links.setdefault(group, []).append(link)
            return
