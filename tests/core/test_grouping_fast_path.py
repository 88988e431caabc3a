"""The grouping loop (:func:`tui.core.grouping.greedy_groups`, lists indexed by item, one int
per slot, link sums built from sorted arrays) gives what the plain rule gives: the same groups
in the same order, each with the same links in the same order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_classify_fast_paths import linked
from tui.core.claims import EXTRA_MEMBER_MIN, STATEMENT_COHERENCE, restatements
from tui.core.grouping import EXTRA_CLAIMS, L, _link_sums, _plain_link_sums, greedy_groups
from tui.core.match import Link


def _plain_greedy_groups(
    articles: Sequence[int],
    in_title: Sequence[bool],
    links: Sequence[L],
    coherence: float = 0.0,
    extra_min: float = 1.0,
    restated: Sequence[tuple[int, int]] = (),
) -> list[tuple[list[int], list[L]]]:
    """The rule as first written: dictionaries keyed by item, a tuple per slot, a ``Counter``
    per group's outlets, link sums folded both ways on every merge."""
    extra: dict[int, set[int]] = {}
    joined_as_extra: Counter[int] = Counter()
    owner: dict[int, int] = {}
    between: dict[int, dict[int, float]] = {}
    for link in links if coherence else ():
        for x, y in ((link.a, link.b), (link.b, link.a)):
            near = between.setdefault(x, {})
            near[y] = near.get(y, 0.0) + link.score
    members: dict[int, list[int]] = {}
    slots: dict[int, set[tuple[int, bool]]] = {}
    outlets: dict[int, Counter[int]] = {}
    group_links: dict[int, list[L]] = {}

    def root(i: int) -> int:
        if i not in owner:
            owner[i], members[i], slots[i] = i, [i], {(articles[i], in_title[i])}
            between.setdefault(i, {})
            outlets[i] = Counter((articles[i],))
        while owner[i] != i:
            i = owner[i]
        return i

    def join(ra: int, rb: int) -> None:
        owner[rb] = ra
        members[ra].extend(members.pop(rb))
        slots[ra] |= slots.pop(rb)
        outlets[ra].update(outlets.pop(rb))
        into = between[ra]
        for other, value in between.pop(rb, {}).items():
            if other != ra:
                into[other] = into.get(other, 0.0) + value
                between[other].pop(rb, None)
                between[other][ra] = between[other].get(ra, 0.0) + value
        into.pop(rb, None)

    for a, b in restated:
        ra, rb = root(a), root(b)
        if ra != rb:
            join(ra, rb)
    for link in sorted(links, key=lambda k: (-k.score, k.a, k.b)):
        ra, rb = root(link.a), root(link.b)
        if ra == rb:
            group_links.setdefault(ra, []).append(link)
            continue
        same = sum(n * outlets[rb][x] for x, n in outlets[ra].items())
        cross = len(members[ra]) * len(members[rb]) - same
        if not slots[ra].isdisjoint(slots[rb]) or (
            coherence and between[ra].get(rb, 0.0) < coherence * cross
        ):
            if link.score >= extra_min:
                for item, group in ((link.a, rb), (link.b, ra)):
                    slot = (articles[item], in_title[item])
                    if slot not in slots[group] and joined_as_extra[item] < EXTRA_CLAIMS:
                        joined_as_extra[item] += 1
                        extra.setdefault(group, set()).add(item)
                        slots[group].add(slot)
                        group_links.setdefault(group, []).append(link)
                        break
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


def test_grouping_equals_the_plain_rule_on_stories() -> None:
    for links in linked():
        facts = links.facts
        articles = [f.article for f in facts.facts]
        in_title = [f.in_title for f in facts.facts]
        restated = restatements(facts)
        assert greedy_groups(articles, in_title, links.value_links, restated=restated) == (
            _plain_greedy_groups(articles, in_title, links.value_links, restated=restated)
        )
        statements = [articles[i] for i in links.statements]
        titles = [in_title[i] for i in links.statements]
        found = greedy_groups(
            statements, titles, links.statement_links, STATEMENT_COHERENCE, EXTRA_MEMBER_MIN
        )
        plain = _plain_greedy_groups(
            statements, titles, links.statement_links, STATEMENT_COHERENCE, EXTRA_MEMBER_MIN
        )
        assert found == plain
        assert len(found) > 3


_SCORES = st.sampled_from([0.1, 0.3, 0.3, 0.45, 0.5, 0.5, 0.7, 0.9, 1.0])
"""Few distinct scores: ties decide by ends, and sums meet the coherence bar exactly."""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=2, max_size=14),
    st.data(),
    st.sampled_from([0.0, 0.2, 0.3, 0.45]),
    st.sampled_from([0.5, 1.0]),
)
def test_grouping_equals_the_plain_rule_on_random_links(
    articles: list[int], data: st.DataObject, coherence: float, extra_min: float
) -> None:
    n = len(articles)
    in_title = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    ends = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1])
    # Pairs may repeat (both ways round too): their scores are summed in link order.
    pairs = data.draw(st.lists(ends, max_size=30))
    links = [
        Link(a, b, s, s)
        for (a, b), s in zip(
            pairs, data.draw(st.lists(_SCORES, min_size=len(pairs), max_size=len(pairs))), strict=True
        )
    ]
    restated = data.draw(st.lists(ends, max_size=2))
    expected = _plain_greedy_groups(articles, in_title, links, coherence, extra_min, restated)
    assert greedy_groups(articles, in_title, links, coherence, extra_min, restated) == expected


def test_link_sums_equal_the_plain_sums() -> None:
    rng = np.random.default_rng(0)
    for repeats in (False, True):
        a = rng.integers(0, 300, 2000)
        b = (a + rng.integers(1, 300, 2000)) % 300
        if not repeats:
            keys = np.minimum(a, b) * 300 + np.maximum(a, b)
            _, first = np.unique(keys, return_index=True)
            a, b = a[np.sort(first)], b[np.sort(first)]
        score = rng.random(len(a))
        assert _link_sums(a, b, score, 300) == _plain_link_sums(a.tolist(), b.tolist(), score.tolist(), 300)
