"""Join linked facts into claims: strongest link first, one mention per outlet.

An outlet states a fact once; a headline that restates the body is the same outlet, not a
second fact, so each outlet may bring one body mention and one headline mention. Joining
stops at that limit, which keeps links through multi-fact sentences from chaining unrelated
facts into one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

import numpy as np

from tui.core.unique import unique


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
    # The loop below runs once per link (366,000 at 400 articles), so it works on plain lists
    # indexed by item: an item's parent (-1 before it is met), its slot (outlet and headline or
    # body) as one bit of an int, how often it joined a group as an extra member, and the
    # links' ends and scores read once, in the order the sort gives.
    slot_bits = [1 << s for s in range(2 * max(articles, default=0) + 2)]
    even_bits = sum(slot_bits[::2])  # each outlet's body slot
    bit = [slot_bits[2 * a + (1 if t else 0)] for a, t in zip(articles, in_title, strict=True)]
    size = len(bit)
    owner = [-1] * size
    joined_as_extra = [0] * size
    extra: dict[int, set[int]] = {}
    # A group's members, slots, links, counts and link sums are kept at its root's place in
    # lists indexed by item (a list index costs less than a dict look-up, once per link).
    met: list[int] = []
    """The items in the order they were first met: the result's groups are their roots, in
    that order."""
    # (The lists start with one shared empty value: an item's own is made when it is met.)
    members: list[list[int]] = [[]] * size
    slots = [0] * size
    """Each group's slots as the bits of one int: whether two groups share a slot is one ``&``
    in C, not a set walk per link (300,000 such tests at 400 articles, on sets of ten slots
    on average), and a merge is one ``|`` (a story's slots are 2 bits per outlet)."""
    outlets: list[dict[int, int]] = [{}] * size
    """Members per outlet of each group: cross-outlet pairs are counted from these, not by
    a double loop over two groups that may hold hundreds of members each."""
    group_links: list[list[L]] = [[]] * size
    # Link sums and per-outlet counts only serve the coherence test: without one (value
    # claims), they are neither built nor folded on every merge.
    weigh = bool(coherence)
    ends_a, ends_b, scores = _columns(links)
    between = _link_sums(ends_a, ends_b, scores, size) if weigh else []

    def root(i: int) -> int:
        if owner[i] < 0:
            owner[i] = i
            met.append(i)
            members[i] = [i]
            slots[i] = bit[i]
            group_links[i] = []
            if weigh:
                outlets[i] = {articles[i]: 1}
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    def join(ra: int, rb: int) -> None:
        """Group ``rb`` becomes part of group ``ra``."""
        owner[rb] = ra
        members[ra].extend(members[rb])
        slots[ra] |= slots[rb]
        group_links[ra].extend(group_links[rb])
        members[rb], group_links[rb] = [], []  # no longer a root's: not kept alive twice
        more = extra.pop(rb, None)
        if more:
            extra.setdefault(ra, set()).update(more)
        if weigh:
            # A count's identity does not matter, only its contents: the smaller one is folded
            # into the larger.
            counts, fold = outlets[ra], outlets[rb]
            outlets[rb] = {}
            if len(counts) < len(fold):
                counts, fold = fold, counts
                outlets[ra] = counts
            for x, n in fold.items():
                counts[x] = counts.get(x, 0) + n
            _fold(between, ra, rb)

    for a, b in restated:
        ra, rb = root(a), root(b)
        if ra != rb:
            join(ra, rb)
    # Indexed by the order as an array: a list would be converted for each column.
    order = np.lexsort((ends_b, ends_a, -scores))
    for k, a, b, score in zip(
        order.tolist(), ends_a[order].tolist(), ends_b[order].tolist(), scores[order].tolist(), strict=True
    ):
        # An item whose parent is a root needs no walk (most links after the first merges).
        ra, rb = owner[a], owner[b]
        if ra < 0 or owner[ra] != ra:
            ra = root(a)
        if rb < 0 or owner[rb] != rb:
            rb = root(b)
        # The link object is read only where a group keeps it: most refused links are not kept,
        # and each read of one of 366,000 scattered objects is a likely cache miss.
        if ra == rb:
            group_links[ra].append(links[k])
            continue
        refused = (slots[ra] & slots[rb]) != 0
        if not refused and weigh:
            # Pairs of members of the two groups from different outlets (a sum of integers,
            # so which group's counts are walked does not matter). Groups with no slot in
            # common share no outlet either unless one has an outlet's headline and the other
            # its body: the slots' outlets (each odd bit folded onto the even one below it)
            # tell in C, and every pair is then cross-outlet (all 44,050 tests at 200 articles).
            reach_a, reach_b = slots[ra], slots[rb]
            same = 0
            if (reach_a | reach_a >> 1) & (reach_b | reach_b >> 1) & even_bits:
                small, large = outlets[ra], outlets[rb]
                if len(large) < len(small):
                    small, large = large, small
                for x, n in small.items():
                    same += n * large.get(x, 0)
            cross = len(members[ra]) * len(members[rb]) - same
            refused = between[ra].get(rb, 0.0) < coherence * cross
        if refused:
            if score >= extra_min:
                # One end of a refused strong link joins the other end's group, where its
                # outlet has no mention yet and it is an extra member of no other group yet.
                if joined_as_extra[a] < EXTRA_CLAIMS and not slots[rb] & bit[a]:
                    item, group = a, rb
                elif joined_as_extra[b] < EXTRA_CLAIMS and not slots[ra] & bit[b]:
                    item, group = b, ra
                else:
                    continue
                joined_as_extra[item] += 1
                extra.setdefault(group, set()).add(item)
                slots[group] |= bit[item]
                group_links[group].append(links[k])
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        join(ra, rb)
        group_links[ra].append(links[k])
    result = []
    for r in met:
        if owner[r] != r:
            continue
        everyone = sorted(set(members[r]) | {i for i in extra.get(r, ()) if root(i) != r})
        if len({articles[i] for i in everyone}) > 1:
            result.append((everyone, group_links[r]))
    return result


def _columns(links: Sequence[L]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The links' ends and scores as arrays, in the links' order."""
    n = len(links)
    a = np.fromiter((k.a for k in links), dtype=np.int64, count=n)
    b = np.fromiter((k.b for k in links), dtype=np.int64, count=n)
    score = np.fromiter((k.score for k in links), dtype=np.float64, count=n)
    return a, b, score


def _link_sums(
    a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], score: np.ndarray[Any, Any], size: int
) -> list[dict[int, float]]:
    """Each item's summed link scores to each item it links to, both ways: ``[x][y]`` is the
    sum, for items ``x`` below ``size``. Built from the sorted ends in one pass of
    ``dict(zip(...))`` per item where no pair of items is linked twice (each sum is then
    ``0.0 + score``, as the plain loop adds it); otherwise by the plain loop, which adds a
    pair's scores in link order."""
    if not len(a):
        return [{} for _ in range(size)]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if (lo == hi).any() or unique(lo * (int(hi.max()) + 1) + hi).size < len(lo):
        return _plain_link_sums(a.tolist(), b.tolist(), score.tolist(), size)
    between: list[dict[int, float]] = [{} for _ in range(size)]
    x = np.concatenate((a, b))
    order = np.argsort(x, kind="stable")
    x = x[order]
    y = np.concatenate((b, a))[order].tolist()
    s = (np.concatenate((score, score))[order] + 0.0).tolist()
    starts = np.flatnonzero(np.diff(x)) + 1
    firsts = [0, *starts.tolist()]
    lasts = [*starts.tolist(), len(y)]
    for item, i, j in zip(x[firsts].tolist(), firsts, lasts, strict=True):
        between[item] = dict(zip(y[i:j], s[i:j], strict=True))
    return between


def _plain_link_sums(a: list[int], b: list[int], score: list[float], size: int) -> list[dict[int, float]]:
    between: list[dict[int, float]] = [{} for _ in range(size)]
    for x, y, s in zip(a, b, score, strict=True):
        near = between[x]
        near[y] = near.get(y, 0.0) + s
        near = between[y]
        near[x] = near.get(x, 0.0) + s
    return between


def _fold(between: list[dict[int, float]], ra: int, rb: int) -> None:
    """Group ``rb``'s link sums become ``ra``'s. The sums are kept symmetric (``between[x][y]``
    is ``between[y][x]``, the same additions in the same order), so each new sum is added once
    and stored on both sides, and every neighbour of ``rb`` holds an entry for it."""
    into = between[ra]
    get = into.get
    folded, between[rb] = between[rb], {}
    for other, value in folded.items():
        if other == ra:
            continue
        near = between[other]
        del near[rb]
        near[ra] = into[other] = get(other, 0.0) + value
    into.pop(rb, None)
