"""The fast paths of linking and classifying give what their plain rules would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import generate_story
from tests.core.conftest import facts_of
from tui.core.facts import Facts
from tui.core.match import Item, find_statement_links, weights
from tui.core.normalise import normalise
from tui.core.pipeline import TextInput

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _story() -> Facts:
    seeds = [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    story = generate_story(3, paragraphs=8, seed=2)
    return facts_of(seeds + [TextInput(a.text, a.name) for a in story.articles])


def test_a_veto_only_removes_links_it_refuses() -> None:
    """The veto is asked only of the pairs that would be kept: the links with it are exactly
    the links without it, less the refused ones (it must not change which others are kept)."""
    facts = _story()
    items = [Item(f.article, f.norm) for f in facts.facts if f.kind == "statement"]
    # One clause in many outlets: more passing partners than LINKS_PER_SENTENCE keeps.
    said = ["The council approved the harbour bridge repairs on Monday", "Council approves bridge repairs"]
    items += [Item(100 + n, normalise(said[n % 2])) for n in range(16)]
    idf = weights(items)
    asked: list[tuple[int, int]] = []

    def refused(a: int, b: int) -> bool:
        return (a + b) % 3 == 0

    def veto(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        asked.extend(zip(a.tolist(), b.tolist(), strict=True))
        return np.asarray([refused(x, y) for x, y in zip(a.tolist(), b.tolist(), strict=True)], dtype=bool)

    free = find_statement_links(items, idf)
    vetoed = find_statement_links(items, idf, veto=veto)
    assert vetoed == [k for k in free if not refused(k.a, k.b)]
    assert len(vetoed) < len(free) and len(free) > 50
    assert set(asked) <= {(k.a, k.b) for k in free}, "the veto was asked of a pair never kept"


def test_rescue_is_asked_only_of_pairs_of_rescuable_clauses() -> None:
    """``rescuable`` spares the Python calls of pairs the rescue would refuse: the links are
    those of asking every pair, and no pair with a clause outside the mask is asked."""
    facts = _story()
    items = [Item(f.article, f.norm) for f in facts.facts if f.kind == "statement"]
    idf = weights(items)
    rescuable = np.asarray([n % 3 != 0 for n in range(len(items))], dtype=bool)
    asked: list[tuple[int, int]] = []

    def rescue(a: int, b: int) -> bool:
        asked.append((a, b))
        return bool(rescuable[a] and rescuable[b]) and (a + b) % 2 == 0

    every = find_statement_links(items, idf, rescue)
    assert any(not (rescuable[a] and rescuable[b]) for a, b in asked)  # the mask has work to do
    asked.clear()
    masked = find_statement_links(items, idf, rescue, rescuable=rescuable)
    assert masked == every and len(every) > len(find_statement_links(items, idf))
    assert asked and all(rescuable[a] and rescuable[b] for a, b in asked)
