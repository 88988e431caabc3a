"""The synthetic story generator: determinism, offsets, ground truth and shape."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bench.synthetic import generate_story


def test_same_seed_same_story_and_different_seed_different_story() -> None:
    assert generate_story(4, paragraphs=10, seed=3) == generate_story(4, paragraphs=10, seed=3)
    assert generate_story(4, paragraphs=10, seed=3) != generate_story(4, paragraphs=10, seed=4)


def test_planted_offsets_index_the_article_text() -> None:
    story = generate_story(5, paragraphs=20)
    for article in story.articles:
        assert article.sentences
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
        starts = [s.start for s in article.sentences]
        assert starts == sorted(starts)


def test_paragraph_and_sentence_shape() -> None:
    story = generate_story(6, paragraphs=40)
    for article in story.articles:
        paragraphs = article.text.strip().split("\n\n")
        assert 30 <= len(paragraphs) - 1 <= 50  # title excluded
        for s in article.sentences:
            if s.role in ("fact", "filler"):
                assert re.fullmatch(r"[A-Z$0-9].*[.]", s.text), s.text


def test_facts_are_stated_once_per_article_and_values_match_the_pool() -> None:
    story = generate_story(10, paragraphs=30)
    facts = {f.id: f for f in story.facts}
    assert len(facts) >= 300
    for article in story.articles:
        ids = [s.fact_id for s in article.facts]
        assert len(ids) == len(set(ids))
        for s in article.facts:
            assert s.fact_id is not None
            fact = facts[s.fact_id]
            expected = fact.altered_value if s.altered else fact.value
            assert s.value == expected
            assert s.value != fact.value or not s.altered


def test_figures_appear_in_the_sentence_text() -> None:
    story = generate_story(5, paragraphs=20)
    for article in story.articles:
        for s in article.facts:
            assert s.value is not None
            shown = s.value if s.value in s.text else s.value.replace("%", " percent")
            assert shown in s.text, (s.value, s.text)


def test_filler_sentences_are_unique_across_the_story() -> None:
    story = generate_story(30, paragraphs=40)
    fillers = Counter(s.text for a in story.articles for s in a.sentences if s.role == "filler")
    assert fillers and max(fillers.values()) == 1


def test_story_has_shared_facts_conflicts_and_boilerplate() -> None:
    story = generate_story(20, paragraphs=40)
    roles = Counter(s.role for a in story.articles for s in a.sentences)
    assert roles["boilerplate"] > 0 and roles["filler"] > 0 and roles["title"] == 20
    assert story.truth_conflict_pairs() > 0
    assert story.truth_link_pairs() > story.truth_conflict_pairs()


def test_truth_pair_counts_match_brute_force() -> None:
    story = generate_story(6, paragraphs=15, seed=11)
    planted = [(i, s) for i, a in enumerate(story.articles) for s in a.facts]
    links = conflicts = 0
    for x, (i, a) in enumerate(planted):
        for j, b in planted[x + 1 :]:
            if i != j and a.fact_id == b.fact_id:
                links += 1
                conflicts += a.value != b.value
    assert story.truth_link_pairs() == links
    assert story.truth_conflict_pairs() == conflicts


def test_rejects_empty_requests() -> None:
    with pytest.raises(ValueError):
        generate_story(0)
