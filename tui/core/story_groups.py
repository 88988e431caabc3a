"""Whether the articles tell one story: groups of articles that share facts.

A wrong file among the inputs (another day's story, another event) still gets "analysed":
its facts come out unique and a few generic ones ("on Sunday") link to the rest. A reader
who passes a folder of mixed stories sees one comparison that means nothing. Articles that
share at least :data:`SHARED_FACTS` multi-source claims are joined; more than one group means
the inputs are not one story.

Measured on the dev set's six stories mixed together (`../shared/devset/*/*.txt`): two
articles of one story share 2 to 16 claims (2 for one pair only; each article has several
partners), two of different stories 1 (70 pairs), 2 (9) or 3 (1).
"""

from __future__ import annotations

import numpy as np

from tui.core.models import Comparison

SHARED_FACTS = 3
"""Multi-source claims two articles must share to count as telling one story."""


def story_groups(comparison: Comparison) -> tuple[tuple[str, ...], ...]:
    """Article ids in groups that share facts, largest group first (ties: input order); one
    group when the articles tell one story, and always one for fewer than three articles."""
    ids = [a.id for a in comparison.articles]
    if len(ids) < 3:
        return (tuple(ids),) if ids else ()
    index = {a: k for k, a in enumerate(ids)}
    multi = [c for c in comparison.claims if c.label != "unique"]
    # Articles x claims, then the claims each pair of articles shares: one matrix product,
    # not a count per pair of each claim's articles (200 outlets of one fact: 19,900 pairs).
    stated = np.zeros((len(ids), len(multi)), dtype=np.float32)
    for k, claim in enumerate(multi):
        stated[[index[a] for a in set(claim.article_ids)], k] = 1.0
    shared = stated @ stated.T
    parent = list(range(len(ids)))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(*np.nonzero(np.triu(shared >= SHARED_FACTS, k=1)), strict=True):
        parent[root(int(a))] = root(int(b))
    groups: dict[int, list[str]] = {}
    for k, a in enumerate(ids):
        groups.setdefault(root(k), []).append(a)
    return tuple(tuple(g) for g in sorted(groups.values(), key=lambda g: (-len(g), index[g[0]])))


def mixed_story_warning(comparison: Comparison) -> str | None:
    """One line for the reader and the reports when the articles are not one story, naming
    those outside the largest group (outlet names are the caller's to make safe to show)."""
    groups = story_groups(comparison)
    if len(groups) < 2:
        return None
    by_id = comparison.article_by_id
    apart = [a for group in groups[1:] for a in group]
    names = ", ".join(f"{a} {by_id[a].source}" for a in apart[:6]) + (", …" if len(apart) > 6 else "")
    return (
        f"These {len(comparison.articles)} articles look like {len(groups)} separate stories: they "
        f"share few facts. Outside the largest group: {names}."
    )
