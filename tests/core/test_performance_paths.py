"""The fast paths give what the plain ones would: preview, vectorised pair features, memos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tui.core import memo
from tui.core.match import Item, weights
from tui.core.models import Comparison
from tui.core.normalise import normalise
from tui.core.pair_features import FEATURES, pair_features
from tui.core.pipeline import TextInput, compare

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seeds() -> list[TextInput]:
    return [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]


def test_preview_shows_every_paragraph_of_every_article_before_the_claims() -> None:
    previews: list[Comparison] = []
    result = compare(_seeds(), preview=previews.append)
    assert previews, "no preview was sent"
    last = previews[-1]
    assert last.claims == ()
    assert [a.id for a in last.articles] == [a.id for a in result.articles]
    assert [a.paragraphs for a in last.articles] == [a.paragraphs for a in result.articles]
    placed = sorted((aid, p) for row in last.rows for aid, paras in row.paragraphs for p in paras)
    expected = sorted((a.id, p.index) for a in last.articles for p in a.paragraphs)
    assert placed == expected


def test_a_large_story_is_previewed_before_the_story_wide_counts() -> None:
    """From QUICK_PREVIEW_FROM articles on, a first preview of at most QUICK_PREVIEW_ARTICLES
    comes before segmenting with the story's word counts; the last preview has them all."""
    from tui.core.pipeline import QUICK_PREVIEW_ARTICLES, QUICK_PREVIEW_FROM

    inputs = [
        TextInput(
            f"Acme shares rose {5 + n % 4}% on Monday.\n\nOutlet {n} adds a line of its own.", f"outlet {n}"
        )
        for n in range(QUICK_PREVIEW_FROM)
    ]
    previews: list[Comparison] = []
    result = compare(inputs, preview=previews.append, use_cache=False)
    assert len(previews) == 2
    first, last = previews
    assert 1 <= len(first.articles) <= QUICK_PREVIEW_ARTICLES and first.claims == ()
    assert [a.text for a in first.articles] == [a.text for a in result.articles[: len(first.articles)]]
    assert [a.id for a in last.articles] == [a.id for a in result.articles]


def test_a_cached_result_comes_without_a_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    compare(paths, use_cache=True)
    previews: list[Comparison] = []
    compare(paths, use_cache=True, preview=previews.append)
    assert previews == []


def _reference(a_text: str, b_text: str, idf: dict[str, float]) -> list[float]:
    """The set features of one pair written out plainly, one feature at a time."""
    a, b = normalise(a_text), normalise(b_text)

    def figure(t: str) -> bool:
        return t[:1] in "#$" or t[:3] in ("USD", "EUR", "GBP", "JPY") or t.endswith("%") or t.isdigit()

    wa = {t for t in a.tokens if not figure(t)}
    wb = {t for t in b.tokens if not figure(t)}
    common = wa & wb
    sq = {t: idf.get(t, 1.0) ** 2 for t in wa | wb}
    dot, na, nb = sum(sq[t] for t in common), sum(sq[t] for t in wa), sum(sq[t] for t in wb)
    rare = []
    for own, other in ((wa, wb), (wb, wa)):
        top = sorted(own, key=lambda t: (-idf.get(t, 1.0), t))[: max(1, len(own) // 2)]
        rare.append(sum(t in other for t in top) / len(top))
    return [dot / (na * nb) ** 0.5, min(dot / min(na, nb), 1.0), len(common) / len(wa | wb), min(rare)]


def test_vectorised_pair_features_match_the_plain_computation() -> None:
    texts = [
        "Northwind will buy Halcyon Robotics for $880 million, the companies said on Monday.",
        "Halcyon Robotics agreed to be bought by Northwind in an $880 million deal.",
        "The mayor of Leipzig said the plant would stay open through the winter.",
        "Leipzig's plant stays open in winter, its mayor said.",
    ]
    norms = [normalise(t) for t in texts]
    idf = weights([Item(n, norm) for n, norm in enumerate(norms)])
    pairs = [(0, 1), (2, 3), (0, 2), (1, 3)]
    got = pair_features([norms[a] for a, _ in pairs], [norms[b] for _, b in pairs], idf)
    assert got.shape == (len(pairs), len(FEATURES))
    first = FEATURES.index("cosine")
    for row, (a, b) in zip(got, pairs, strict=True):
        assert np.allclose(row[first : first + 4], _reference(texts[a], texts[b], idf))
    two = FEATURES.index("two_shared")
    assert got[0, two] == 1.0 and got[1, two] == 1.0


def test_memoised_results_survive_clearing_unchanged() -> None:
    text = "Officials put the number of dead at 40 on Tuesday, up from 38."
    before = normalise(text)
    assert normalise(text) is before  # served from the memo
    memo.clear()
    after = normalise(text)
    assert after is not before and after == before
