"""The fast paths of linking and classifying give what their plain rules would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import generate_story
from tui.core.boilerplate import other_articles_terms
from tui.core.claims import _IN_VALUE, _shared_span, _span_words, _token_owners
from tui.core.facts import Fact, Facts, extract_facts
from tui.core.grouping import greedy_groups
from tui.core.ingest import load
from tui.core.linking import link_facts
from tui.core.match import Item, find_statement_links, weights
from tui.core.metadata import distinct_names
from tui.core.normalise import normalise, normalise_story
from tui.core.pipeline import TextInput
from tui.core.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _facts(inputs: list[TextInput]) -> Facts:
    named = distinct_names([load(i, n) for n, i in enumerate(inputs)])
    terms = other_articles_terms([d.text for d in named])
    articles = tuple(segment(d, f"a{n}", terms[n]) for n, d in enumerate(named))
    return extract_facts(normalise_story(articles))


def _story() -> Facts:
    seeds = [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    story = generate_story(3, paragraphs=8, seed=2)
    return _facts(seeds + [TextInput(a.text, a.name) for a in story.articles])


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


def _plain_shared_span(facts: Facts, fact: Fact, owners: dict[str, int]) -> tuple[int, int]:
    """A statement mention's span as first written: a list per run of words between values,
    the first run with the most shared words."""
    text = facts.sentences[fact.sentence].text
    values = tuple((f.start, f.end) for f in facts.by_sentence[fact.sentence] if f.value is not None)
    runs = [[-1, -1, 0]]
    for pos, end, token in _span_words(text, fact.start, fact.end, values):
        if token == _IN_VALUE:
            runs.append([-1, -1, 0])
        elif token is not None and owners.get(token, fact.article) != fact.article:
            runs[-1] = [pos if runs[-1][0] < 0 else runs[-1][0], end, runs[-1][2] + 1]
    best = max(runs, key=lambda run: run[2])
    return (fact.start, fact.end) if best[2] == 0 else (best[0], best[1])


def test_mention_spans_equal_the_plain_runs_of_shared_words() -> None:
    facts = _story()
    links = link_facts(facts)
    articles = [f.article for f in facts.facts]
    in_title = [f.in_title for f in facts.facts]
    statements = [articles[i] for i in links.statements]
    titles = [in_title[i] for i in links.statements]
    narrowed = 0
    for group, _ in greedy_groups(statements, titles, links.statement_links, 0.3, 0.5):
        items = [facts.facts[links.statements[m]] for m in group]
        owners = _token_owners(items)
        for f in items:
            span = _shared_span(facts, f, owners, set(owners.values()))
            assert span == _plain_shared_span(facts, f, owners)
            narrowed += span != (f.start, f.end)
    assert narrowed > 5
