"""One test per judgement the issue demands on the five seed articles.

Each names its sentences by article and quote (as the gold does), so a failure says
exactly which judgement the engine got wrong; ``make eval`` shows the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from tui.core.models import Claim, Comparison, ConflictKind
from tui.evaluation.gold import GoldUnique, Ref, Story, resolve
from tui.evaluation.metrics import StoryResult, fact_claims

Seeds = tuple[Story, Comparison, StoryResult]


def _sid(seeds: Seeds, article: str, quote: str) -> str:
    """The engine's id for the one sentence of ``article`` (a stem prefix) containing ``quote``."""
    story, comparison, _ = seeds
    ref = Ref(next(p.stem for p in story.files if p.stem.startswith(article)), quote)
    probe = Story(
        story.name, "", story.gold_path, story.files, (), (GoldUnique("probe", ref, ""),), (), (), ()
    )
    resolved = resolve(probe, comparison)
    assert ref in resolved.sentences, resolved.problems
    return resolved.sentences[ref]


def _claims_with(comparison: Comparison, sentence_ids: Iterable[str]) -> list[Claim]:
    wanted = set(sentence_ids)
    return [c for c in comparison.claims if wanted <= set(c.sentence_ids)]


def _assert_conflict(seeds: Seeds, a: tuple[str, str], b: tuple[str, str], kinds: set[ConflictKind]) -> None:
    comparison = seeds[1]
    claims = _claims_with(comparison, (_sid(seeds, *a), _sid(seeds, *b)))
    assert claims, f"{a} and {b} are not in one claim"
    found = {k.kind for c in claims if c.label == "conflict" for k in c.conflicts}
    assert found & kinds, (
        f"expected a {'/'.join(sorted(kinds))} conflict, got labels {[c.label for c in claims]}"
    )


def _assert_shared(seeds: Seeds, a: tuple[str, str], b: tuple[str, str]) -> None:
    comparison = seeds[1]
    claims = _claims_with(comparison, (_sid(seeds, *a), _sid(seeds, *b)))
    assert claims, f"{a} and {b} are not in one claim"
    assert all(c.label == "shared" for c in claims), [(c.label, c.conflicts) for c in claims]


def _assert_unique(seeds: Seeds, article: str, quote: str) -> None:
    sid = _sid(seeds, article, quote)
    claims = fact_claims(seeds[1], sid, quote)
    assert claims and all(c.label == "unique" for c in claims), [(c.label, c.sentence_ids) for c in claims]


def _assert_never_a_conflict(seeds: Seeds, a: tuple[str, str], b: tuple[str, str]) -> None:
    claims = _claims_with(seeds[1], (_sid(seeds, *a), _sid(seeds, *b)))
    assert not [c for c in claims if c.label == "conflict"], [c.conflicts for c in claims]


# --- conflicts -------------------------------------------------------------------------------


def test_stock_rise_7_percent_vs_8_percent_is_a_conflict(seeds: Seeds) -> None:
    _assert_conflict(
        seeds,
        ("001", "stock price rising 7% that day"),
        ("000", "Times of India reported a 7% boost"),
        {"reported", "percent"},
    )


def test_scale_ai_investment_14_3_vs_14_billion_is_a_conflict(seeds: Seeds) -> None:
    _assert_conflict(
        seeds,
        ("000", "TechCrunch reported this investment as $14.3 billion"),
        ("002", "A key move was the $14.3 billion investment in Scale AI"),
        {"reported", "money"},
    )


def test_lab_name_superintelligence_vs_intelligence_labs_is_a_name_conflict(seeds: Seeds) -> None:
    _assert_conflict(
        seeds,
        ("000", "from its newly formed Meta Superintelligence Labs"),
        ("002", "central to the newly formed Meta Intelligence Labs"),
        {"name"},
    )


# --- shared, worded differently ---------------------------------------------------------------


def test_five_to_ten_hours_is_shared_with_5_to_10_hours(seeds: Seeds) -> None:
    _assert_shared(seeds, ("000", "five to ten hours a week"), ("001", "5 to 10 hours a week"))


def test_1000_physicians_is_shared_with_more_than_a_thousand(seeds: Seeds) -> None:
    _assert_shared(seeds, ("000", "with 1,000 physicians"), ("002", "more than a thousand physicians"))


def test_celebrity_chatbots_september_2023_is_shared_with_2023(seeds: Seeds) -> None:
    _assert_shared(
        seeds, ("001", "In September 2023, Meta launched"), ("004", "In 2023, the company launched chatbot")
    )


def test_separate_ceo_agent_is_shared(seeds: Seeds) -> None:
    _assert_shared(
        seeds,
        ("000", "entirely separate from another internal tool"),
        ("001", "is independent of Zuckerberg"),
    )


# --- linked across sources, whatever the label ------------------------------------------------


def test_playai_and_waveforms_acquisition_is_linked_across_000_001_004(seeds: Seeds) -> None:
    ids = [
        _sid(seeds, "000", "Meta recently acquired two voice technology companies"),
        _sid(seeds, "001", "last year acquired two voice technology companies"),
        _sid(seeds, "004", "including acquisitions like PlayAI and WaveForms"),
    ]
    assert _claims_with(seeds[1], ids)


def test_hiring_alexandr_wang_of_scale_ai_is_linked_across_000_002(seeds: Seeds) -> None:
    wang_002 = _sid(seeds, "002", "recruiting Scale’s CEO, Alexandr Wang")
    candidates = [
        _sid(seeds, "000", "Meta poached Alexandr Wang"),
        _sid(seeds, "000", "This hiring followed"),
    ]
    assert any(_claims_with(seeds[1], (wang_002, c)) for c in candidates)


# --- unique ---------------------------------------------------------------------------------


def test_30_percent_productivity_figure_is_unique_to_003(seeds: Seeds) -> None:
    # 003 repeats the figure in a sentence that also names Meta Superintelligence Labs, which
    # 000 shares, so only the first statement is required to stand alone.
    _assert_unique(seeds, "003", "a reported 30% productivity boost")


def test_character_ai_is_unique_to_001(seeds: Seeds) -> None:
    _assert_unique(seeds, "001", "AI companion startup Character AI")


def test_intelligence_index_score_of_52_is_unique_to_002(seeds: Seeds) -> None:
    _assert_unique(seeds, "002", "scored a 52 on its proprietary Intelligence Index")


def test_87_percent_rise_in_app_downloads_is_unique_to_000(seeds: Seeds) -> None:
    _assert_unique(seeds, "000", "87% day-over-day increase in U.S. downloads")


# --- boilerplate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    ["Practice with real Ad Tech data", "90 SQL & Python problems", "250 free problems", "See all Ad Tech"],
)
def test_003_ad_block_is_boilerplate(seeds: Seeds, quote: str) -> None:
    article = next(a for a in seeds[1].articles if a.path.endswith("003_cb8d04db4f357158.txt"))
    kinds = [p.kind for p in article.paragraphs if quote in p.text]
    assert kinds == ["boilerplate"]


# --- look-alikes that must not be conflicts ---------------------------------------------------


def test_recently_acquired_vs_last_year_acquired_is_not_a_conflict(seeds: Seeds) -> None:
    _assert_never_a_conflict(
        seeds,
        ("000", "Meta recently acquired two voice technology companies"),
        ("001", "last year acquired two voice technology companies"),
    )


def test_mandating_changes_vs_test_not_mandatory_is_not_a_conflict(seeds: Seeds) -> None:
    _assert_never_a_conflict(
        seeds, ("000", "it is also mandating internal changes"), ("001", "the test is not mandatory")
    )


def test_publicly_released_vs_non_public_model_is_not_a_conflict(seeds: Seeds) -> None:
    _assert_never_a_conflict(
        seeds, ("000", "Meta has publicly released Muse Spark"), ("001", "a small, non-public")
    )
