"""Helpers shared by the engine's tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.core.align import ParagraphKey
from tui.core.boilerplate import other_articles_terms
from tui.core.facts import Facts, extract_facts
from tui.core.ingest import load
from tui.core.metadata import distinct_names
from tui.core.normalise import normalise_story
from tui.core.pipeline import TextInput
from tui.core.segment import segment

Weights = dict[tuple[ParagraphKey, ParagraphKey], float]


def facts_of(inputs: Sequence[TextInput]) -> Facts:
    """The fact stage's result, built stage by stage as compare() does."""
    documents = distinct_names([load(item, n) for n, item in enumerate(inputs)])
    terms = other_articles_terms([d.text for d in documents])
    articles = tuple(segment(d, f"a{n}", terms[n]) for n, d in enumerate(documents))
    return extract_facts(normalise_story(articles))


def body_weights(weights: Mapping[tuple[ParagraphKey, ParagraphKey], float], lead: Sequence[int]) -> Weights:
    """The weights between body paragraphs, numbered from each article's first body paragraph
    (``lead[a]`` headlines before it): the plain rule the align stage's weights follow."""
    return {
        ((x[0], x[1] - lead[x[0]]), (y[0], y[1] - lead[y[0]])): w
        for (x, y), w in weights.items()
        if x[1] >= lead[x[0]] and y[1] >= lead[y[0]]
    }
