"""The metrics on a hand-built comparison, so they are checked independently of the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.models import (
    Article,
    Claim,
    Comparison,
    Conflict,
    ConflictKind,
    Label,
    Paragraph,
    ParagraphKind,
    Row,
    Sentence,
)
from tui.evaluation.gold import Story, load_story
from tui.evaluation.metrics import Ratio, evaluate
from tui.evaluation.report import as_json, misses, table

ARTICLES: dict[str, list[tuple[ParagraphKind, list[str]]]] = {
    "alpha": [
        ("body", ["Rents rose 5% last year, the mayor said.", "The council met on Monday."]),
        ("body", ["The old bridge did not reopen."]),
    ],
    "beta": [
        ("body", ["Rents rose 6% last year.", "The council met Monday."]),
        ("boilerplate", ["Subscribe now for more."]),
    ],
    "gamma": [
        ("body", ["The council met on Monday evening.", "Parking fees will double."]),
        ("body", ["The new bridge reopened."]),
    ],
}

GOLD = """
[[claim]]
id = "rents"
label = "conflict"
kinds = ["percent"]
sentences = [["alpha", "Rents rose 5%"], ["beta", "Rents rose 6%"]]

[[claim]]
id = "meeting"
label = "shared"
sentences = [["alpha", "council met on Monday."], ["beta", "council met Monday"], ["gamma", "Monday evening"]]

[[unique]]
id = "parking"
sentence = ["gamma", "Parking fees"]

[[distinct]]
id = "bridges"
sentences = [["alpha", "old bridge"], ["gamma", "new bridge"]]

[[boilerplate]]
id = "subscribe"
paragraph = ["beta", "Subscribe now"]

[[boilerplate]]
id = "missed"
paragraph = ["gamma", "new bridge"]

[[aligned]]
id = "row-rents"
paragraphs = [["alpha", "Rents rose 5%"], ["beta", "Rents rose 6%"]]

[[aligned]]
id = "row-bridge"
paragraphs = [["alpha", "old bridge"], ["gamma", "new bridge"]]
"""


@pytest.fixture
def story(tmp_path: Path) -> Story:
    for stem, paragraphs in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text("\n\n".join(" ".join(s) for _, s in paragraphs))
    (tmp_path / "gold.toml").write_text(GOLD)
    return load_story(tmp_path)


def _article(index: int, stem: str, directory: Path) -> Article:
    aid = f"a{index}"
    text = ""
    paragraphs: list[Paragraph] = []
    for p, (kind, sentences) in enumerate(ARTICLES[stem]):
        if text:
            text += "\n\n"
        p_start = len(text)
        built: list[Sentence] = []
        for n, sentence in enumerate(sentences):
            if n:
                text += " "
            built.append(
                Sentence(f"{aid}.p{p}.s{n}", aid, p, n, len(text), len(text) + len(sentence), sentence)
            )
            text += sentence
        paragraphs.append(Paragraph(p, kind, p_start, len(text), text[p_start:], tuple(built)))
    return Article(aid, str(directory / f"{stem}.txt"), stem, stem, text, tuple(paragraphs), "0" * 64)


def _claim(
    ident: str, label: Label, sentence_ids: tuple[str, ...], kind: ConflictKind | None = None
) -> Claim:
    conflicts = (Conflict(kind, tuple((s, s) for s in sentence_ids)),) if kind else ()
    articles = tuple(dict.fromkeys(s.split(".")[0] for s in sentence_ids))
    return Claim(ident, label, sentence_ids, conflicts, (), ident, 0.0, articles)


def _comparison(story: Story, claims: tuple[Claim, ...], rows: tuple[Row, ...]) -> Comparison:
    directory = story.files[0].parent
    articles = tuple(_article(i, stem, directory) for i, stem in enumerate(ARTICLES))
    return Comparison(articles, claims, rows, "test")


def test_a_perfect_engine_scores_full_marks(story: Story) -> None:
    comparison = _comparison(
        story,
        (
            _claim("c1", "conflict", ("a0.p0.s0", "a1.p0.s0"), "percent"),
            _claim("c2", "shared", ("a0.p0.s1", "a1.p0.s1", "a2.p0.s0")),
            _claim("c3", "unique", ("a2.p0.s1",)),
            _claim("c4", "unique", ("a0.p1.s0",)),
            _claim("c5", "unique", ("a2.p1.s0",)),
        ),
        (Row((("a0", (0,)), ("a1", (0,)))), Row((("a0", (1,)), ("a2", (1,)))), Row((("a2", (0,)),))),
    )
    scores = evaluate(story, comparison).scores
    assert scores.link_precision == Ratio(4, 4)
    assert scores.link_recall == Ratio(4, 4)
    assert scores.claim_recall == Ratio(2, 2)
    assert (scores.conflict_precision, scores.conflict_recall, scores.conflict_kind) == (
        Ratio(1, 1),
        Ratio(1, 1),
        Ratio(1, 1),
    )
    assert scores.false_conflict_rate == Ratio(0, 1)
    assert scores.traps_sprung == Ratio(0, 1)
    assert scores.unique_accuracy == Ratio(1, 1)
    assert scores.alignment_recall == Ratio(2, 2)
    assert scores.boilerplate_recall == Ratio(1, 2)  # gamma's bridge paragraph is "missed" on purpose
    assert scores.content_as_boilerplate == Ratio(0, 6)


def test_a_careless_engine_is_caught_on_every_metric(story: Story) -> None:
    comparison = _comparison(
        story,
        (
            # Rents linked but called shared; the meeting split, with a false conflict between two sources.
            _claim("c1", "shared", ("a0.p0.s0", "a1.p0.s0")),
            _claim("c2", "conflict", ("a0.p0.s1", "a1.p0.s1"), "date"),
            # The unique sentence and the bridges dragged into one conflict with gamma's meeting.
            _claim("c3", "conflict", ("a2.p0.s0", "a2.p0.s1", "a0.p1.s0", "a2.p1.s0"), "negation"),
        ),
        (Row((("a0", (0,)),)), Row((("a1", (0,)), ("a2", (0,)))), Row((("a0", (1,)), ("a2", (1,))))),
    )
    result = evaluate(story, comparison)
    scores = result.scores
    # Linked pairs among gold sentences: rents, meeting alpha-beta (both gold), and in c3:
    # gamma meeting ~ alpha bridge, parking ~ alpha bridge, alpha bridge ~ gamma bridge (all false).
    assert scores.link_precision == Ratio(2, 5)
    assert scores.link_recall == Ratio(2, 4)
    assert scores.conflict_precision == Ratio(0, 2)
    assert scores.conflict_recall == Ratio(0, 1)
    assert scores.conflict_kind == Ratio(0, 0)
    assert scores.false_conflict_rate == Ratio(1, 1)
    assert scores.traps_sprung == Ratio(1, 1)
    assert scores.unique_accuracy == Ratio(0, 1)
    assert scores.alignment_recall == Ratio(1, 2)
    assert scores.content_as_boilerplate == Ratio(0, 6)
    failed = {(m.metric, m.item) for m in result.misses}
    assert {
        ("conflict_recall", "rents"),
        ("false_conflict_rate", "meeting"),
        ("traps_sprung", "bridges"),
    } <= failed
    assert ("unique_accuracy", "parking") in failed
    assert ("alignment_recall", "row-rents") in failed


def test_a_conflict_explained_by_gold_is_not_a_false_conflict(story: Story) -> None:
    # The engine merges the shared meeting into the rents conflict: the label is justified.
    comparison = _comparison(
        story,
        (_claim("c1", "conflict", ("a0.p0.s0", "a1.p0.s0", "a0.p0.s1", "a1.p0.s1"), "percent"),),
        (),
    )
    scores = evaluate(story, comparison).scores
    assert scores.false_conflict_rate == Ratio(0, 1)
    assert scores.conflict_precision == Ratio(1, 1)


def test_boilerplate_content_and_unresolved_quotes_are_reported(story: Story) -> None:
    comparison = _comparison(story, (), ())
    # Turn alpha's first paragraph into boilerplate and make one quote unresolvable.
    alpha = comparison.articles[0]
    first = alpha.paragraphs[0]
    changed = Paragraph(first.index, "boilerplate", first.start, first.end, first.text, first.sentences)
    alpha = Article(
        alpha.id,
        alpha.path,
        alpha.source,
        alpha.title,
        alpha.text,
        (changed, *alpha.paragraphs[1:]),
        alpha.sha256,
    )
    gamma = comparison.articles[2]
    gamma = Article(
        gamma.id, gamma.path, gamma.source, gamma.title, gamma.text, gamma.paragraphs[1:], gamma.sha256
    )
    comparison = Comparison((alpha, comparison.articles[1], gamma), (), (), "test")
    result = evaluate(story, comparison)
    assert result.scores.content_as_boilerplate == Ratio(2, 4)  # gamma's meeting is unresolved too
    assert any("Parking fees" in p for p in result.problems)
    assert result.scores.unique_accuracy == Ratio(0, 1)


def test_reports_render_every_metric(story: Story) -> None:
    result = evaluate(story, _comparison(story, (), ()))
    text = table([result])
    for line in ("link_precision", "false_conflict_rate ↓", "total"):
        assert line in text
    assert "conflict_recall (1)" in misses([result])
    assert '"link_recall"' in as_json([result])
