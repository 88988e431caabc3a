"""The scorer that maps engine output onto the synthetic ground truth, and the baseline."""

from __future__ import annotations

from itertools import combinations

from bench import accuracy, baseline
from bench.accuracy import Prediction, Span
from bench.synthetic import SyntheticStory, generate_story
from tui.core.ingest import TextInput
from tui.core.models import Article, Claim, Comparison, Conflict, Paragraph, Sentence
from tui.core.pipeline import compare


def _facts(story: SyntheticStory) -> list[tuple[Span, str | None, str | None]]:
    return [
        ((i, s.start, s.end), s.fact_id, s.value) for i, a in enumerate(story.articles) for s in a.sentences
    ]


def test_the_truth_scores_perfectly() -> None:
    story = generate_story(6, paragraphs=12, seed=2)
    result = accuracy.score(story, accuracy.truth_prediction(story))
    assert result.links.precision == 1.0 and result.links.recall == 1.0
    assert result.conflicts is not None
    assert result.conflicts.truth > 0
    assert result.conflicts.precision == 1.0 and result.conflicts.recall == 1.0


def test_one_big_cluster_matches_brute_force_counts() -> None:
    story = generate_story(4, paragraphs=8, seed=5)
    planted = _facts(story)
    result = accuracy.score(story, Prediction((tuple(span for span, _, _ in planted),)))
    cross = [(a, b) for a, b in combinations(planted, 2) if a[0][0] != b[0][0]]
    same = [(a, b) for a, b in cross if a[1] is not None and a[1] == b[1]]
    assert result.links.predicted == len(cross)
    assert result.links.correct == len(same)
    assert result.links.recall == 1.0


def test_spans_that_differ_slightly_still_map() -> None:
    story = generate_story(3, paragraphs=8, seed=1)
    perfect = accuracy.truth_prediction(story)
    # Trim a character at both ends, as an engine that strips punctuation might.
    trimmed = Prediction(tuple(tuple((a, s + 1, e - 1) for a, s, e in c) for c in perfect.clusters))
    assert accuracy.score(story, trimmed).links == accuracy.score(story, perfect).links


def test_wrong_conflicts_count_against_precision() -> None:
    story = generate_story(5, paragraphs=10, seed=3)
    planted = [p for p in _facts(story) if p[1] is not None]
    agreeing = [
        (a[0], b[0])
        for a, b in combinations(planted, 2)
        if a[0][0] != b[0][0] and a[1] == b[1] and a[2] == b[2]
    ]
    assert agreeing
    groups = tuple(((a, "x"), (b, "y")) for a, b in agreeing)
    result = accuracy.score(story, Prediction((), groups))
    assert result.conflicts is not None
    assert result.conflicts.predicted == len(agreeing) and result.conflicts.correct == 0


def _comparison_from_truth(story: SyntheticStory, squeeze: bool) -> Comparison:
    """A hand-built engine result whose article texts lost the blank lines (offsets move)."""
    articles, claims = [], []
    by_fact: dict[str, list[tuple[str, str | None]]] = {}
    for i, synthetic in enumerate(story.articles):
        text = synthetic.text.replace("\n\n", "\n") if squeeze else synthetic.text
        sentences, cursor = [], 0
        for k, planted in enumerate(synthetic.sentences):
            start = text.index(planted.text, cursor)
            cursor = start + len(planted.text)
            sentences.append(Sentence(f"a{i}.p0.s{k}", f"a{i}", 0, k, start, cursor, planted.text))
            if planted.fact_id is not None:
                by_fact.setdefault(planted.fact_id, []).append((f"a{i}.p0.s{k}", planted.value))
        paragraph = Paragraph(0, "body", 0, len(text), text, tuple(sentences))
        articles.append(Article(f"a{i}", synthetic.name, synthetic.name, "", text, (paragraph,), ""))
    for n, (fact_id, members) in enumerate(by_fact.items()):
        values = tuple((sid, value or "") for sid, value in members)
        conflicts = (Conflict("number", values),) if len({v for _, v in values}) > 1 else ()
        ids = tuple(sid for sid, _ in members)
        claims.append(Claim(f"c{n}", "shared", ids, conflicts, (), fact_id, 1.0, ()))
    return Comparison(tuple(articles), tuple(claims), (), "test")


def test_engine_offsets_are_mapped_back_when_the_text_was_normalised() -> None:
    story = generate_story(6, paragraphs=12, seed=2)
    assert story.truth_conflict_pairs() > 0
    for squeeze in (False, True):
        result = accuracy.score(
            story, accuracy.from_comparison(story, _comparison_from_truth(story, squeeze))
        )
        assert result.links.precision == 1.0 and result.links.recall == 1.0
        assert result.conflicts is not None and result.conflicts.recall == 1.0


def test_real_engine_output_maps_onto_the_story() -> None:
    story = generate_story(2, paragraphs=8, seed=6)
    comparison = compare([TextInput(a.text, a.name) for a in story.articles])
    prediction = accuracy.from_comparison(story, comparison)
    for cluster in prediction.clusters:
        for article, start, end in cluster:
            assert 0 <= start <= end <= len(story.articles[article].text)
    result = accuracy.score(story, prediction)
    assert result.links.truth == story.truth_link_pairs()
    assert result.links.correct <= result.links.predicted


def test_baseline_splits_sentences_and_links_identical_text() -> None:
    text = "Shares rose 7% on Monday. The deal closes in May!\nAdvertisement\n\nLast line"
    spans = baseline.split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Shares rose 7% on Monday.",
        "The deal closes in May!",
        "Advertisement",
        "Last line",
    ]
    prediction = baseline.run([text, text, "Nothing in common here at all."])
    assert not prediction.detects_conflicts
    assert sorted(len(c) for c in prediction.clusters) == [2, 2, 2, 2]
    for cluster in prediction.clusters:
        assert {a for a, _, _ in cluster} == {0, 1}
