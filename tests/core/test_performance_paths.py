"""The fast paths give what the plain ones would: preview, vectorised pair features, memos."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import generate_story
from tests.core.conftest import facts_of
from tui.core import memo
from tui.core.claims import stated, value_claim
from tui.core.contrast import contrast_bits, contrasted, contrasted_bits, contrasted_pair
from tui.core.facts import Fact, Facts
from tui.core.grouping import greedy_groups
from tui.core.linking import _words, link_facts
from tui.core.match import Item, _mutual_best, weights
from tui.core.models import Comparison
from tui.core.normalise import normalise
from tui.core.pair_features import FEATURES, pair_features
from tui.core.pipeline import TextInput, compare
from tui.core.rows import from_entries, row_dots, row_sums
from tui.core.value_links import (
    CANDIDATES_PER_FACT,
    _score,
    holders_compatible,
    kind_of,
    link_values,
    one_framed_value,
)
from tui.core.values import agreement
from tui.core.words import is_figure, stem

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


def test_contrast_bits_answer_as_contrasted_does() -> None:
    sentences = [
        frozenset(),
        frozenset({"the", "new", "line"}),
        frozenset({"the", "existing", "line"}),
        frozenset({"old", "and", "new"}),
        frozenset({"men", "first"}),
        frozenset({"women", "second", "new"}),
        frozenset({"women", "men"}),
        frozenset({"before", "north"}),
        frozenset({"after", "south", "before"}),
    ]
    bits = np.asarray([contrast_bits(s) for s in sentences], dtype=np.int64)
    a, b = np.divmod(np.arange(len(sentences) ** 2), len(sentences))
    got = contrasted_bits(bits[a, 0], bits[a, 1], bits[b, 0], bits[b, 1])
    expected = [contrasted(sentences[x], sentences[y]) for x, y in zip(a.tolist(), b.tolist(), strict=True)]
    assert got.tolist() == expected
    rows = bits.tolist()  # Python ints, as the engine passes (a compiled contrast checks them)
    pairs = [
        contrasted_pair(tuple(rows[x]), tuple(rows[y])) for x, y in zip(a.tolist(), b.tolist(), strict=True)
    ]
    assert pairs == expected
    assert any(expected) and not all(expected)


def _plain_value_links(
    facts: Facts,
    idf: dict[str, float],
    article_words: list[frozenset[str]],
    sentence_words: list[frozenset[str]],
) -> list[tuple[int, int, float, float]]:
    """Value links by the rules applied to every pair of a bucket, one pair at a time."""

    def vector(f: Fact) -> dict[str, float]:
        return {t: idf.get(t, 1.0) for t in set(f.norm.tokens) if not is_figure(t)}

    def cosine(x: dict[str, float], y: dict[str, float]) -> float:
        dot = sum(w * y[t] for t, w in x.items() if t in y)
        norms = sum(w * w for w in x.values()) * sum(w * w for w in y.values())
        return dot / norms**0.5 if dot else 0.0

    buckets: dict[str, list[Fact]] = {}
    for f in facts.facts:
        if f.value is not None:
            buckets.setdefault(kind_of(f), []).append(f)
    links: list[tuple[int, int, float, float]] = []
    for members in buckets.values():
        amounts: dict[tuple[int, str], set[float]] = {}
        for f in members:
            if not f.in_title and not f.superseded and f.value is not None:
                amounts.setdefault((f.article, f.frame), set()).add(f.value.amount)
        ambiguous = {key for key, found in amounts.items() if len(found) > 1}
        scored: dict[tuple[int, int], tuple[float, float]] = {}
        for x, fa in enumerate(members):
            for fb in members[x + 1 :]:
                if fa.article == fb.article or (fa.frame_known and fb.frame_known and fa.frame != fb.frame):
                    continue  # one outlet, or two different frames from the lexicon
                if not (
                    holders_compatible(
                        fa.holder, fb.holder, article_words[fa.article], article_words[fb.article]
                    )
                    or one_framed_value(fa, fb)
                ) or contrasted(sentence_words[fa.sentence], sentence_words[fb.sentence]):
                    continue
                context = cosine(vector(fa), vector(fb))
                unclear = (fa.article, fa.frame) in ambiguous or (fb.article, fb.frame) in ambiguous
                score = _score(fa, fb, context, unclear)
                if score is not None:
                    scored[(fa.index, fb.index)] = (score, context)
        options: dict[int, list[tuple[float, int]]] = {}
        for (a, b), (score, _) in scored.items():
            options.setdefault(a, []).append((score, b))
            options.setdefault(b, []).append((score, a))
        kept = {
            (min(f, o), max(f, o))
            for f, found in options.items()
            for _, o in sorted(found, reverse=True)[:CANDIDATES_PER_FACT]
        }
        links.extend((a, b, *scored[(a, b)]) for a, b in sorted(kept))
    return links


def test_screened_vectorised_value_links_equal_every_pair_scored_plainly() -> None:
    # The seeds and a synthetic story whose outlets restate figures, with conflicting ones.
    story = generate_story(4, paragraphs=10, seed=3)
    # Two outlets' "today" of different things: agreeing words that earn no bonus.
    today = [
        TextInput(
            "Report\n\nThe space agency hopes today to become the fourth to reach the lunar pole.\n", "x"
        ),
        TextInput(
            "Report\n\nThe lunar probe of the space agency achieved a soft landing today at dusk.\n", "y"
        ),
    ]
    facts = facts_of(_seeds() + today + [TextInput(a.text, a.name) for a in story.articles])
    idf = weights([Item(a, n) for a, n in zip(facts.sentence_articles, facts.sentence_norms, strict=True)])
    article_words = [_words(a.text) for a in facts.articles]
    sentence_words = [_words(s.text) for s in facts.sentences]
    got = [
        (k.a, k.b, k.score, k.context) for k in link_values(facts.facts, idf, article_words, sentence_words)
    ]
    expected = _plain_value_links(facts, idf, article_words, sentence_words)
    assert len(got) > 30
    assert [(a, b) for a, b, _, _ in got] == [(a, b) for a, b, _, _ in expected]
    assert np.allclose([g[2:] for g in got], [e[2:] for e in expected], rtol=0, atol=1e-12)


def _plain_conflicts(facts: Facts, members: list[int]) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """A value claim's conflicts from every cross-outlet pair compared one at a time."""
    items = [facts.facts[i] for i in members]
    found: dict[str, dict[str, str]] = {}
    rounding: dict[str, str] = {}
    for x, fa in enumerate(items):
        for fb in items[x + 1 :]:
            if fa.article == fb.article or fa.value is None or fb.value is None:
                continue
            verdict = agreement(fa.value, fb.value)
            for f in (fa, fb):
                sid = facts.sentences[f.sentence].id
                if verdict == "different":
                    found.setdefault(fa.value.kind, {}).setdefault(sid, stated(facts, f))
                elif verdict == "rounded":
                    rounding.setdefault(sid, stated(facts, f))
    for values in found.values():
        for f in items:
            values.setdefault(facts.sentences[f.sentence].id, stated(facts, f))
    if found:
        return [(kind, tuple(values.items())) for kind, values in found.items()]
    return [("rounding", tuple(rounding.items()))] if rounding else []


def test_value_claim_conflicts_equal_every_pair_compared_plainly() -> None:
    story = generate_story(12, paragraphs=12, seed=5)
    facts = facts_of([TextInput(a.text, a.name) for a in story.articles])
    links = link_facts(facts)
    articles = [f.article for f in facts.facts]
    in_title = [f.in_title for f in facts.facts]
    kinds: set[str] = set()
    for members, group_links in greedy_groups(articles, in_title, links.value_links):
        draft = value_claim(facts, members, group_links)
        got = [(c.kind, c.values) for c in draft.conflicts]
        assert got == _plain_conflicts(facts, members)
        kinds.update(c.kind for c in draft.conflicts)
    assert len(kinds - {"rounding"}) >= 2, "the story should hold differing values of several kinds"


@pytest.mark.parametrize(
    ("articles", "in_reach", "cells"),
    [(5, False, None), (90, True, None), (90, False, None), (5, False, 0)],
)
def test_mutual_best_equals_the_best_per_clause_and_article_found_plainly(
    monkeypatch: pytest.MonkeyPatch, articles: int, in_reach: bool, cells: int | None
) -> None:
    """Also around the ring of a large story (a table of clauses x articles in reach), with
    pairs out of reach and with no room for the table (the keys sorted instead)."""
    import tui.core.match as match

    if cells is not None:
        monkeypatch.setattr(match, "_MUTUAL_CELLS", cells)
    rng = np.random.default_rng(4)
    norm = normalise("The bridge reopened on Monday after repairs.")
    items = [Item(int(a), norm) for a in rng.integers(0, articles, size=40)]
    items[0] = Item(articles - 1, norm)  # the ring's size is that of the articles
    article = np.asarray([item.article for item in items])
    reachable = match._may_pair(article[:, None], article[None, :], articles)
    pairs = [(a, b) for a in range(40) for b in range(a + 1, 40) if reachable[a, b] or not in_reach]
    pairs = [(a, b) for a, b in pairs if items[a].article != items[b].article]
    chosen = rng.choice(len(pairs), size=min(300, len(pairs)), replace=False)
    pairs_a = np.asarray([pairs[k][0] for k in chosen])
    pairs_b = np.asarray([pairs[k][1] for k in chosen])
    score = rng.choice([0.2, 0.5, 0.7, 0.9], size=len(chosen))  # ties are common and must count as best
    best: dict[tuple[int, int], float] = {}
    for a, b, p in zip(pairs_a.tolist(), pairs_b.tolist(), score.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            best[(x, items[y].article)] = max(best.get((x, items[y].article), -1.0), p)
    expected = [
        p >= best[(a, items[b].article)] and p >= best[(b, items[a].article)]
        for a, b, p in zip(pairs_a.tolist(), pairs_b.tolist(), score.tolist(), strict=True)
    ]
    got = _mutual_best(items, pairs_a, pairs_b, score)
    assert got.tolist() == expected
    assert any(expected) and not all(expected)


def test_the_fast_stemmer_gives_the_pure_python_snowball_stems() -> None:
    # snowballstemmer hands out PyStemmer's C build when it is installed; the stems, and so
    # every token and link, must be the ones of the pure-Python Snowball stemmer.
    from snowballstemmer.english_stemmer import EnglishStemmer

    plain = EnglishStemmer()
    words = {
        w for p in SEEDS.glob("*.txt") for w in re.findall(r"[a-z]+", p.read_text(encoding="utf-8").lower())
    }
    words |= {"generously", "hopefulness", "agreed", "crises", "news", "dying", "skies", "proceedings"}
    assert len(words) > 1000
    assert [stem(w) for w in sorted(words)] == [plain.stemWord(w) for w in sorted(words)]


def test_numpy_sparse_rows_give_the_plain_row_dot_products_and_sums() -> None:
    rng = np.random.default_rng(9)
    dense = np.where(rng.random((30, 50)) < 0.15, rng.random((30, 50)) * 7, 0.0)
    dense[4] = 0.0  # an empty row
    other = np.where(rng.random((30, 50)) < 0.3, 1.0, 0.0)
    entries = [(dense[r, c], r, c) for r in range(30) for c in range(50) if dense[r, c]]
    rng.shuffle(entries)  # rows are built from entries in any order
    x = from_entries([e[0] for e in entries], [e[1] for e in entries], [e[2] for e in entries], (30, 50))
    r, c = np.nonzero(other)
    y = from_entries([1.0] * len(r), r.tolist(), c.tolist(), (30, 50))
    a = rng.integers(0, 30, size=45_000)  # more than one batch of pairs
    b = rng.integers(0, 30, size=45_000)
    a[:5] = b[:5]  # a row with itself
    a[5] = 4
    assert np.allclose(row_dots(x, y, a, b), [dense[i] @ other[j] for i, j in zip(a, b, strict=True)])
    assert np.allclose(row_dots(x, x, a, a), (dense[a] ** 2).sum(axis=1))
    assert np.allclose(row_sums(x), dense.sum(axis=1))
    assert row_dots(x, y, a[:0], b[:0]).shape == (0,)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=40), max_size=60))
def test_unique_by_sorting_equals_numpy_unique(codes: list[int]) -> None:
    from tui.core.unique import unique, unique_first, unique_inverse

    values = np.asarray(codes, dtype=np.int64)
    assert unique(values).tolist() == np.unique(values).tolist()
    got, first = unique_first(values)
    want, want_first = np.unique(values, return_index=True)
    assert (got.tolist(), first.tolist()) == (want.tolist(), want_first.tolist())
    got, inverse = unique_inverse(values)
    want, want_inverse = np.unique(values, return_inverse=True)
    assert (got.tolist(), inverse.tolist()) == (want.tolist(), want_inverse.ravel().tolist())


ROOT = Path(__file__).resolve().parents[2]
_BLAS_THREADS = (
    "import sys\n"
    "from tui.cli import main\n"
    "sys.argv = ['triangulate', '--version']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "import numpy\n"
    "from tui.core.threads import one_blas_thread\n"
    "with one_blas_thread():\n    pass\n"
    "print('threadpoolctl' in sys.modules)\n"
    "from threadpoolctl import threadpool_info\n"
    "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))\n"
)


@pytest.mark.parametrize(("chosen", "expected", "limited"), [(None, "1", "False"), ("2", "2", "True")])
def test_the_program_runs_blas_on_one_thread_unless_the_user_chose(
    chosen: str | None, expected: str, limited: str
) -> None:
    """The program's own process starts numpy's BLAS with one thread (their spinning cost a
    second core about 0.1 s a report), and then the engine need not limit it again (nor load
    threadpoolctl); a number the user set is kept, and the engine limits it."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    command = [sys.executable, "-c", _BLAS_THREADS]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split()[-2:] == [limited, expected]


def test_the_blas_limit_keeps_its_look_at_the_pools_and_limits_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine's BLAS limit looks the thread pools up again only once a module was imported
    since (each look reads the process's memory map); every use still limits BLAS to one thread
    and gives back the number it found."""
    from threadpoolctl import threadpool_info

    from tui.core import threads

    monkeypatch.setattr(threads, "_one_from_start", False)

    def blas() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas()
    controllers = []
    for _ in range(3):
        with threads.one_blas_thread():
            assert set(blas()) <= {1}
            controllers.append(threads._blas_controller())
        assert blas() == before
    assert controllers[0] is controllers[1] is controllers[2]
    monkeypatch.setattr(threads, "_controller", (len(sys.modules) - 1, controllers[0]))  # as if a module came
    assert threads._blas_controller() is not controllers[0]
