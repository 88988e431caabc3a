"""The fast paths of the classify and align stages give what their plain rules give, on the
seeds, the dev set (when present) and synthetic stories."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from bench.synthetic import generate_story
from tests.core.conftest import body_weights, facts_of
from tui.core import align as align_module
from tui.core import names, negation, route_claims
from tui.core.align import (
    ParagraphKey,
    _add_article,
    _body_weights,
    _compact,
    _gains,
    _leading_titles,
    _move,
    _programme,
    _seat,
    _trace,
    align,
)
from tui.core.claims import (
    _IN_VALUE,
    SPAN_GAP_COST,
    Claims,
    Draft,
    _half_by_cost,
    _shared_span,
    _span_runs,
    _span_words,
    _statement_drafts,
    _token_owners,
    classify,
    finish,
    made_ahead,
    member_key,
    reported_claims,
    restatements,
    value_claim,
)
from tui.core.classify import may_rename, may_respell, name_conflict, squash
from tui.core.facts import Fact, Facts
from tui.core.grouping import greedy_groups
from tui.core.linking import Links, link_facts
from tui.core.match import Link
from tui.core.normalise import normalise
from tui.core.pipeline import TextInput
from tui.core.words import STOPWORDS, canonical_stem

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"


@lru_cache(maxsize=1)
def stories() -> tuple[Facts, ...]:
    """The seeds, each dev-set story, and a synthetic story with repeated wire copy."""
    groups = [sorted((ROOT / "seeds").glob("*.txt"))]
    if DEVSET.is_dir():
        groups += [sorted(d.glob("*.txt")) for d in sorted(DEVSET.iterdir()) if d.is_dir()]
    out = [facts_of([TextInput(p.read_text(encoding="utf-8"), p.stem) for p in files]) for files in groups]
    story = generate_story(6, paragraphs=12, seed=3)
    out.append(facts_of([TextInput(a.text, a.name) for a in story.articles]))
    return tuple(out)


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _plain_span_words(
    text: str, start: int, end: int, values: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int, str | None], ...]:
    """A clause's words as first written: every word tested against every value."""
    out: list[tuple[int, int, str | None]] = []
    for m in _WORD.finditer(text, start, end):
        pos, word = m.start(), m.group(0).lower()
        if any(lo <= pos < hi for lo, hi in values):
            out.append((pos, m.end(), _IN_VALUE))
        else:
            out.append((pos, m.end(), None if word in STOPWORDS else canonical_stem(word)))
    return tuple(out)


def _plain_runs(
    words: tuple[tuple[int, int, str | None], ...],
) -> list[tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]]:
    runs: list[list[tuple[int, int, str]]] = [[]]
    for pos, end, token in words:
        if token == _IN_VALUE:
            runs.append([])
        elif token is not None:
            runs[-1].append((pos, end, token))
    return [tuple(zip(*run, strict=True)) for run in runs if run]  # type: ignore[misc]


def test_clause_words_and_runs_equal_the_plain_reading() -> None:
    read = functools.cache(_span_runs)
    in_value = 0
    for facts in stories():
        for fact in facts.facts:
            text = facts.sentences[fact.sentence].text
            values = tuple((f.start, f.end) for f in facts.by_sentence[fact.sentence] if f.value is not None)
            # The clause itself, and spans that cut words and values at either end.
            for start, end in ((fact.start, fact.end), (0, len(text)), (fact.start + 1, fact.end - 1)):
                plain = _plain_span_words(text, start, end, values)
                assert _span_words(text, start, end, values) == plain
                assert list(read(text, start, end, values)) == _plain_runs(plain)
                assert list(read(text, start, end, values)) == _plain_runs(plain)  # remembered
                in_value += sum(token == _IN_VALUE for _, _, token in plain)
    assert in_value > 100


@lru_cache(maxsize=1)
def linked() -> tuple[Links, ...]:
    return tuple(link_facts(facts) for facts in stories())


def _plain_shared_span(facts: Facts, fact: Fact, owners: dict[str, int]) -> tuple[int, int]:
    """A statement mention's span by the plain rule: of every stretch of plain words between
    values that begins and ends on a word another outlet of the claim has, the first (by its
    end, then the shortest) with the best score, a shared word counting 1 and any other
    SPAN_GAP_COST against."""
    own = fact.article
    if fact.value is not None or set(owners.values()) <= {own}:
        return fact.start, fact.end
    text = facts.sentences[fact.sentence].text
    values = tuple((f.start, f.end) for f in facts.by_sentence[fact.sentence] if f.value is not None)
    runs: list[list[tuple[int, int, bool]]] = [[]]
    for pos, end, token in _plain_span_words(text, fact.start, fact.end, values):
        if token == _IN_VALUE:
            runs.append([])
        elif token is not None:
            runs[-1].append((pos, end, owners.get(token, own) != own))
    best, most = (fact.start, fact.end), 0.0
    for run in runs:
        for j in range(len(run)):
            if not run[j][2]:
                continue
            scored = [
                (sum(1.0 if w[2] else -SPAN_GAP_COST for w in run[i : j + 1]), i)
                for i in range(j + 1)
                if run[i][2]
            ]
            score, i = max(scored)
            if score > most:
                best, most = (run[i][0], run[j][1]), score
    return best


def test_mention_spans_equal_the_plain_rule() -> None:
    narrowed = 0
    for links in linked():
        facts = links.facts
        articles = [f.article for f in facts.facts]
        in_title = [f.in_title for f in facts.facts]
        statements = [articles[i] for i in links.statements]
        titles = [in_title[i] for i in links.statements]
        read = functools.cache(_span_runs)
        for group, _ in greedy_groups(statements, titles, links.statement_links, 0.3, 0.5):
            items = [facts.facts[links.statements[m]] for m in group]
            owners = _token_owners(items)
            for f in items:
                span = _shared_span(facts, f, owners, set(owners.values()), read)
                assert span == _plain_shared_span(facts, f, owners)
                assert _shared_span(facts, f, owners, set(owners.values()), _span_runs) == span
                narrowed += span != (f.start, f.end)
    assert narrowed > 20


def test_claims_made_with_the_drafts_are_the_claims_finish_makes() -> None:
    """The drafting processes make their drafts' claims but for the numbers (made_ahead); a
    draft that reported_claims changes must be made anew (its members changed), as finish does."""
    changed = 0
    for links in linked():
        facts = links.facts
        articles = [f.article for f in facts.facts]
        in_title = [f.in_title for f in facts.facts]
        groups = greedy_groups(articles, in_title, links.value_links, restated=restatements(facts))
        read = functools.cache(_span_runs)
        keyed = functools.cache(member_key)
        ahead = [made_ahead(facts, value_claim(facts, m, k), read, keyed) for m, k in groups]
        ahead += _statement_drafts(links, articles, in_title, False, None)[0]
        assert all(d.made is not None for d in ahead)
        plain = [replace(d, made=None) for d in ahead]
        reported = reported_claims(facts, ahead)
        changed += sum(1 for d in reported if d not in ahead)
        # What a draft keeps is made of its members now: nothing went stale.
        assert all(
            d.made is None or d == made_ahead(facts, replace(d, made=None), read, keyed) for d in reported
        )
        assert finish(facts, reported) == finish(facts, reported_claims(facts, plain))
    assert changed > 0


def test_a_clause_that_may_not_rename_is_in_no_name_conflict() -> None:
    """statement_claim skips the name check of a pair where one clause has no name and no
    name word (may_rename): name_conflict finds nothing there, at any score, for every linked
    pair of the stories and for crafted pairs, while pairs of named clauses still conflict."""
    crafted = [
        ("The talks will be held in Geneva next week.", "The talks will be held in Vienna next week."),
        ("Smith told reporters the plan had failed.", "the minister told reporters the plan had failed."),
        # No name of the normalised kind (a sentence's first word), but a name word all the same.
        ("NATO said the drill ended on time.", "OSCE said the drill ended on time."),
        ("officials said the bridge reopened on time.", "Officials said the bridge reopened on time."),
    ]
    pairs = [(normalise(a), normalise(b), squash(a), squash(b)) for a, b in crafted]
    for links in linked():
        facts = links.facts
        squashed = [squash(a.text) for a in facts.articles]
        for k in links.statement_links:
            x, y = facts.facts[links.statements[k.a]], facts.facts[links.statements[k.b]]
            if x.article != y.article:
                pairs.append((x.norm, y.norm, squashed[x.article], squashed[y.article]))
    skipped = conflicts = 0
    for a, b, text_a, text_b in pairs:
        for score in (0.0, 1.0):
            found = name_conflict(a, b, text_a, text_b, score)
            conflicts += found is not None
            if not (may_rename(a) and may_rename(b)):
                skipped += 1
                assert found is None, (a.source, b.source)
    assert skipped > 100
    assert conflicts > 0


def test_below_a_strong_link_only_clauses_that_may_respell_conflict_in_name() -> None:
    """Linking's rescue asks name_conflict at score 0.0 only of pairs where both clauses
    may_respell: below the strong link only the respelling test answers, and it needs a name
    of two or more distinct words on both sides. So for every cross-outlet pair of named
    clauses of the stories and for crafted pairs, a conflict below the strong link has two
    clauses that may_respell, and crafted respellings are still found."""
    crafted = [
        ("Meta Superintelligence Labs released the model.", "Meta Intelligence Labs released the model."),
        ("Councillor Denise Okafor said it was close.", "Councillor Denise Okoro said it was close."),
        # One-word names: respelled, but never a conflict below the strong link.
        ("Okafor said the vote was close.", "Okoro said the vote was close."),
        ("Lagos Lagos said the vote was close.", "Lagoss Lagoss said the vote was close."),
    ]
    pairs = [(normalise(a), normalise(b), squash(a), squash(b)) for a, b in crafted]
    for facts in stories():
        squashed = [squash(a.text) for a in facts.articles]
        named = [f for f in facts.facts if f.kind == "statement" and f.norm.names]
        for x in named:
            for y in named:
                if x.article < y.article:
                    pairs.append((x.norm, y.norm, squashed[x.article], squashed[y.article]))
    skipped = found_crafted = 0
    for n, (a, b, text_a, text_b) in enumerate(pairs):
        for score in (0.0, 0.49):
            found = name_conflict(a, b, text_a, text_b, score)
            if n < 2:
                found_crafted += found is not None
            if not (may_respell(a) and may_respell(b)):
                skipped += 1
                assert found is None, (a.source, b.source)
    assert found_crafted == 4
    assert skipped > 1000


def _plain_name_change(a_text: str, b_text: str) -> tuple[str, str] | None:
    """:func:`names.name_change` as first written: set differences, every text read anew."""
    ta, tb = names._tokens(a_text), names._tokens(b_text)
    keys_a, keys_b = [t.key for t in ta], [t.key for t in tb]
    all_a, all_b = set(keys_a), set(keys_b)
    caps_a = {t.key for t in names._name_words(ta)}
    caps_b = {t.key for t in names._name_words(tb)}
    if len(all_a & all_b) < 3 or not (caps_a - all_b) or not (caps_b - all_a):
        return None
    ops = Levenshtein.opcodes(keys_a, keys_b)
    equal = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if equal < 3 or equal < 0.5 * min(len(ta), len(tb)):
        return None
    for a_start, a_end, b_start, b_end in names._changed_blocks(ops):
        flanked = a_start > 0 or a_end < len(ta) or b_start > 0 or b_end < len(tb)
        names_a = names._name_words(ta[a_start:a_end])
        names_b = names._name_words(tb[b_start:b_end])
        if not flanked or not names_a or not names_b or len(names_a) > 4 or len(names_b) > 4:
            continue
        if names._several_names(ta[a_start:a_end], names_a) or names._several_names(
            tb[b_start:b_end], names_b
        ):
            continue
        if names._variant(names_a, names_b):
            continue
        if any(t.key in all_b for t in names_a) or any(t.key in all_a for t in names_b):
            continue
        return " ".join(t.surface for t in names_a), " ".join(t.surface for t in names_b)
    return None


def test_name_changes_equal_the_plain_rule() -> None:
    changed = 0
    pairs = [
        (
            "Talks resumed in Geneva on Monday, officials said.",
            "Talks resumed in Vienna on Monday, officials said.",
        )
    ]
    for links in linked():
        facts = links.facts
        for k in links.statement_links:
            a = facts.facts[links.statements[k.a]].norm.source
            b = facts.facts[links.statements[k.b]].norm.source
            pairs += [(a, b), (b, a)]
    for a, b in pairs:
        expected = _plain_name_change(a, b)
        assert names.name_change(a, b) == expected, (a, b)
        changed += expected is not None
    assert changed > 3


def _plain_weights(claims: Claims) -> dict[tuple[ParagraphKey, ParagraphKey], float]:
    """Every paragraph pair's link weight as first written, headlines included."""
    facts = claims.links.facts
    weights: dict[tuple[ParagraphKey, ParagraphKey], float] = {}
    for a, b, score in claims.links.fact_pairs():
        if a not in claims.claimed or b not in claims.claimed:
            continue
        fa, fb = facts.facts[a], facts.facts[b]
        key = (
            (fa.article, facts.sentences[fa.sentence].paragraph_index),
            (fb.article, facts.sentences[fb.sentence].paragraph_index),
        )
        share = claims.repeats.get(a, 1) * claims.repeats.get(b, 1)
        weights[key] = weights.get(key, 0.0) + score / share
    return weights


def test_body_weights_equal_the_filtered_weights() -> None:
    headlines = 0
    for links in linked():
        claims = classify(links)
        lead = [_leading_titles(a) for a in links.facts.articles]
        headlines += sum(lead)
        body = _body_weights(claims, lead)
        plain = body_weights(_plain_weights(claims), lead)
        assert list(body.items()) == list(plain.items())  # same order, same sums
        assert len(body) > 10
        # The stage builds its graph from the arrays, align() from the dictionary: the same.
        counts = [len(a.paragraphs) - k for a, k in zip(links.facts.articles, lead, strict=True)]
        direct = align_module._Graph(counts, *align_module._body_links(claims, lead))
        read = align_module._Graph.of_weights(counts, body)
        assert direct.strength == read.strength and direct.offset == read.offset
        for name in ("source", "target", "weight", "starts"):
            one, other = getattr(direct, name), getattr(read, name)
            assert one.dtype == other.dtype and np.array_equal(one, other)
    assert headlines > 5


def _plain_tokens(text: str) -> list[tuple[str, str, bool, bool]]:
    """The words before phrase folding, as first written (each sentence start tested in full;
    only a capitalised word's start is kept, the only one ever read)."""
    text = names._CAMEL.sub(" ", text)
    out = []
    for m in names._TOKEN.finditer(text):
        word = m.group(0)
        before = text[max(0, m.start() - 16) : m.start()].rstrip()
        initial = m.start() == 0 or not before or before[-1] in "\"'“‘([:.!?—-"
        if initial and not before.endswith("..") and names._ABBREVIATION.search(before):
            initial = False
        capitalised = word[:1].isupper()
        out.append((word, names._fold(word), capitalised, initial and capitalised))
    return out


def test_name_tokens_equal_the_plain_reading() -> None:
    crafted = ["Mr. Tyrer met J. Smith on Dec. 27.", "“Yes,” said Dr. No... Then U.S. forces left.", "A"]
    crafted += ["President Ana Ruiz of the United States met the European Union's envoy."]
    # White space other than one plain space before a word, at and near the start.
    crafted += [
        " A b",
        "  A b",
        "x\tY\n\nZ",
        "a  B.  C",
        "(\u00a0Word",
        "“ Word",
        ". \u2003Mr.  Smith",
        "?\nNo",
    ]
    texts = crafted + [s.text for facts in stories() for s in facts.sentences]
    starts = changed = 0
    for text in texts:
        raw = names._raw_tokens(text)
        assert all(type(t) is names._Token for t in raw)
        assert [tuple(t) for t in raw] == _plain_tokens(text)
        starts += sum(t.initial for t in raw)
        # Two-word forms folded and titles dropped, as first written (every pair looked up).
        folded: list[names._Token] = []
        i = 0
        while i < len(raw):
            if i + 1 < len(raw) and (raw[i].key, raw[i + 1].key) in names._PHRASES:
                key = names._PHRASES[(raw[i].key, raw[i + 1].key)]
                surface = f"{raw[i].surface} {raw[i + 1].surface}"
                folded.append(names._Token(surface, key, raw[i].capitalised, raw[i].initial))
                i += 2
                continue
            if raw[i].key not in names._TITLES or not raw[i].capitalised:
                folded.append(raw[i])
            i += 1
        assert names._tokens(text) == tuple(folded)
        changed += len(folded) != len(raw)
    assert starts > 100
    assert changed > 3


def test_a_name_glance_never_misses_a_name_word() -> None:
    """:func:`names._glance` (what :func:`names.name_change` first tests) gives the read's word
    keys, its name words or more, and no glance only for a text without a name word."""
    crafted = ["FBI agents met officials.", "“Smith said so.", "MuseSpark rose.", "Émile Zola wrote."]
    crafted += ["said Dr. Ruiz.", "the United States said", "A b. C d", "no capitals here", "12 Ab"]
    clauses = (_clause_texts(facts, s.index) for facts in stories() for s in facts.sentences)
    texts = crafted + [t for found in clauses for t in found]
    blind = more = 0
    for text in texts:
        glance, read = names._glance(text), names._read(text)
        if glance is None:
            assert not read.capital_keys, text
            blind += 1
            continue
        assert glance.key_set == read.key_set, text
        assert glance.capital_keys >= read.capital_keys, text
        more += glance.capital_keys != read.capital_keys
    assert blind > 100 and more > 5


def test_the_alignment_bound_never_skips_a_pair_half_aligned() -> None:
    """:func:`names._may_align` is False only where :func:`names._aligned_change` finds fewer
    than half the shorter text's words equal: over every linked pair of clauses of the test
    stories, and crafted pairs whose repeated words align (the bound must count them)."""
    crafted = [
        (
            "Ana Ruiz visited Paris and Paris and Paris again",
            "Ana Lopez visited Paris and Paris and Paris today",
        ),
        ("Ana Ruiz met the the the the envoy in Rome", "Ana Lopez met the the the the envoy in Oslo"),
        ("The United States and Lars Eide met", "President Ana Ruiz and the United States met"),
    ]
    pairs = list(crafted)
    for links in linked():
        facts = links.facts
        for k in links.statement_links:
            a, b = (facts.facts[links.statements[i]].norm.source for i in (k.a, k.b))
            pairs.append((a, b))
    assert names.name_change(*crafted[0]) == ("Ruiz", "Lopez")
    assert names.name_change(*crafted[1]) == ("Ruiz", "Lopez")
    skipped = 0
    for a, b in pairs:
        ga, gb = names._glance(a), names._glance(b)
        if ga is None or gb is None:
            continue
        ra, rb = names._read(a), names._read(b)
        assert (ga.words, gb.words) == (len(ra.keys), len(rb.keys))
        if names._may_align(ga, gb, len(ga.key_set & gb.key_set)):
            continue
        skipped += 1
        ops = Levenshtein.opcodes(ra.keys, rb.keys)
        equal = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
        assert equal < 0.5 * min(len(ra.keys), len(rb.keys)), (a, b)
    assert skipped > 20


def test_name_words_are_what_the_repeat_of_initials_finds() -> None:
    """:data:`names._TOKEN` writes "two or more initials" as one then one or more: the same
    words as ``(?:[A-Za-z]\\.){2,}``, on every sentence of the test stories and crafted ones."""
    first = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’&-][^\W_]+)*", re.UNICODE)
    crafted = ["U.S. and U.K. troops", "A. Smith, e.g. Ph.D. x.Y.z.", "U.S.A.", "a.b", "A.B.C.d. é.", "Q."]
    texts = crafted + [s.text for facts in stories() for s in facts.sentences]
    for text in texts:
        assert [m.span() for m in names._TOKEN.finditer(text)] == [m.span() for m in first.finditer(text)]
    assert names._TOKEN.findall(crafted[0]) == ["U.S.", "and", "U.K.", "troops"]


def _clause_texts(facts: Facts, sentence: int) -> list[str]:
    """A sentence's text and its clause facts' words (what linked clauses compare)."""
    text = facts.sentences[sentence].text
    return [text] + [text[f.start : f.end] for f in facts.by_sentence.get(sentence, ())]


def _plain_walk(
    big_m: np.ndarray[Any, Any], big_u: np.ndarray[Any, Any], back_m: np.ndarray[Any, Any]
) -> list[tuple[int, int | None, int]]:
    """The placements of :func:`align._trace` as first written, one column a step."""
    i, j = big_m.shape[0] - 1, big_m.shape[1] - 1
    in_match = big_m[i, j] > big_u[i, j]
    placement: list[tuple[int, int | None, int]] = []
    while i > 0:
        if in_match:
            placement.append((i - 1, j - 1, j - 1))
            move = int(back_m[i, j])
            if move == 2:
                i -= 1
            else:
                i, j = i - 1, j - 1
                in_match = move == 1
            continue
        if big_u[i, j] == max(big_u[i - 1, j], big_m[i - 1, j]):
            placement.append((i - 1, None, j))
            i -= 1
            in_match = big_m[i, j] > big_u[i, j]
        else:
            j -= 1
            in_match = big_m[i, j] >= big_u[i, j]
    placement.reverse()
    return placement


def _placements(rows: int, paragraphs: int, gains: np.ndarray[Any, Any]) -> list[tuple[int, int | None, int]]:
    """:func:`align._trace`'s placements, read back from the rows it builds."""
    before = [{0: [r]} for r in range(rows)]
    out, seated = _trace(list(before), 1, *_programme(gains))
    where = {id(row): k for k, row in enumerate(out)}
    placed: list[tuple[int, int | None, int]] = []
    for paragraph, row in seated:
        k = where[id(row)]
        joined = next((r for r, old in enumerate(before) if old is row), None)
        # Rows before it: the old rows left of its row in the new list.
        old_left = sum(1 for x in out[:k] if any(x is old for old in before))
        placed.append((paragraph, joined, joined if joined is not None else old_left))
    assert len(placed) == paragraphs
    return placed


def test_the_alignment_walk_equals_the_plain_walk() -> None:
    rng = np.random.default_rng(7)
    skipped = 0
    for _ in range(300):
        m, r = int(rng.integers(1, 12)), int(rng.integers(1, 300))
        gains = np.where(
            rng.random((m, r)) < rng.choice([0.01, 0.05, 0.3]), rng.choice([0.5, 1.0, 2.0], (m, r)), 0.0
        )
        gains[rng.random(m) < 0.2] = 0.0  # paragraphs that link to no row
        plain = _plain_walk(*_plain_programme(gains))
        assert _placements(r, m, gains) == plain
        skipped += max((j for _, _, j in plain), default=0) - len({j for _, j, _ in plain if j is not None})
    assert skipped > 1000


def _plain_programme(w: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], ...]:
    """:func:`align._programme` as first written: the three options stacked, then argmax."""
    m, r = w.shape
    big_m = np.full((m + 1, r + 1), -1e18)
    big_u = np.full((m + 1, r + 1), -1e18)
    back_m = np.zeros((m + 1, r + 1), dtype=np.int8)
    big_u[0, :] = 0.0
    columns = np.arange(r)
    for i in range(1, m + 1):
        prev_u, prev_m = big_u[i - 1], big_m[i - 1]
        options = np.stack([prev_u[:-1], prev_m[:-1], prev_m[1:]])
        choice = np.argmax(options, axis=0)
        big_m[i, 1:] = np.where(w[i - 1] > 0, options[choice, columns] + w[i - 1], -1e18)
        back_m[i, 1:] = choice
        carry = np.concatenate([[-1e18], big_m[i, :-1]])
        big_u[i] = np.maximum.accumulate(np.maximum(np.maximum(prev_u, prev_m), carry))
    return big_m, big_u, back_m


def test_the_programme_equals_the_plain_programme() -> None:
    rng = np.random.default_rng(11)
    for _ in range(200):
        m, r = int(rng.integers(1, 10)), int(rng.integers(1, 120))
        # Few distinct gains, so that options tie often.
        gains = np.where(rng.random((m, r)) < 0.2, rng.choice([0.5, 1.0, 1.5], (m, r)), 0.0)
        gains[rng.random(m) < 0.3] = 0.0  # paragraphs that link to no row
        big_m, big_u = _programme(gains)
        plain_m, plain_u, plain_back = _plain_programme(gains)
        assert big_m.dtype == plain_m.dtype and np.array_equal(big_m, plain_m)
        assert big_u.dtype == plain_u.dtype and np.array_equal(big_u, plain_u)
        # Where a paragraph can sit in a row, the move the walk asks for is the table's.
        for i, j in zip(*np.nonzero(plain_m > -1e18), strict=True):
            assert _move(big_m, big_u, int(i), int(j)) == plain_back[i, j]


def test_paragraph_gains_equal_the_plain_sums() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        rows = [{0: [r]} for r in range(int(rng.integers(1, 40)))]
        # Three paragraphs of article 0 in each row: a cell sums several neighbours.
        placed = {(0, p): rows[p % len(rows)] for p in range(3 * len(rows))}
        count = int(rng.integers(1, 8))
        neighbours: dict[ParagraphKey, dict[ParagraphKey, float]] = {}
        for i in range(count):
            for _ in range(int(rng.integers(0, 30))):
                other = (0, int(rng.integers(0, 3 * len(rows) + 5)))  # some not placed
                neighbours.setdefault((1, i), {})[other] = float(rng.random()) / 3.0
        plain = np.zeros((count, len(rows)))
        for i in range(count):
            for other, value in neighbours.get((1, i), {}).items():
                if other in placed:
                    plain[i, next(k for k, row in enumerate(rows) if row is placed[other])] += value
        got = np.zeros((count, len(rows)))
        for i, cells in enumerate(_gains(rows, 1, count, neighbours, placed)):
            for j, value in cells.items():
                got[i, j] = value
        assert np.array_equal(got, plain)


def test_a_mention_covers_the_densest_shared_words_not_the_first_to_the_last() -> None:
    """The words two outlets share here are "United" twice and "Nations"; the first outlet's
    mention is "United Nations", not everything from "United States" on: "send funds to
    relief groups" is a fact only that outlet states."""
    facts = facts_of(
        [
            TextInput(
                "Aid pledged\n\nThe United States will send funds to relief groups and work with "
                "local authorities and the United Nations on further support.\n",
                "Wire",
            ),
            TextInput("Appeal launched\n\nThe United Nations launched an appeal on Thursday.\n", "Paper"),
        ]
    )
    first, second = (
        next(f for f in facts.facts if f.article == a and "United" in _text(facts, f)) for a in (0, 1)
    )
    mention = finish(facts, [Draft((first.index, second.index), (), ())])[0].mentions[0]
    assert facts.articles[0].text[mention.start : mention.end] == "United Nations"


def _text(facts: Facts, fact: Fact) -> str:
    return facts.sentences[fact.sentence].text[fact.start : fact.end]


@pytest.mark.parametrize(
    ("screen", "pattern", "crafted", "least"),
    [
        (
            negation.has_cue,
            negation._CUE,
            ["They DID NOT go", "He hasn't", "She has yet to", "They REFUSED TO talk", "Nor this",
             "ſtill refuſed to", "It is not", "knowing nothing", "It is Yet To come", "a b c", ""],
            20,
        ),
        (
            route_claims.names_vehicle,
            route_claims._VEHICLE,
            ["The TRAIN left", "two Jets", "by ſhip", "a tanKer", "Buses ran", "the ferry", "no vehicle"],
            10,
        ),
    ],
    ids=["negation cue", "vehicle"],
)  # fmt: skip
def test_a_substring_screen_equals_its_pattern(
    screen: Any, pattern: re.Pattern[str], crafted: list[str], least: int
) -> None:
    """The screens that skip a pattern when no word of it can be in the text answer as the
    pattern does, on crafted cases (case, the long s) and every dev-story sentence."""
    texts = crafted + [s.text for facts in stories() for s in facts.sentences]
    found = 0
    for text in texts:
        expected = pattern.search(text) is not None
        assert screen(text) == expected
        found += expected
    assert found > least


def _plain_align(
    counts: list[int], weights: dict[tuple[ParagraphKey, ParagraphKey], float]
) -> list[dict[int, list[int]]]:
    """:func:`align.align` as first written: a dictionary of neighbours per paragraph and the
    placed paragraphs' rows by key, each article's gains summed from them (:func:`_gains`)."""
    neighbours: dict[ParagraphKey, dict[ParagraphKey, float]] = {}
    strength = [0.0] * len(counts)
    for (x, y), w in weights.items():
        neighbours.setdefault(x, {})[y] = neighbours.setdefault(x, {}).get(y, 0.0) + w
        neighbours.setdefault(y, {})[x] = neighbours.setdefault(y, {}).get(x, 0.0) + w
        strength[x[0]] += w
        strength[y[0]] += w
    order = sorted(range(len(counts)), key=lambda a: (-strength[a], a))
    rows: list[dict[int, list[int]]] = [{order[0]: [p]} for p in range(counts[order[0]])]
    placed = {(order[0], p): row for p, row in enumerate(rows)}
    for article in order[1:]:
        rows, seated = _add_article(rows, article, counts[article], neighbours, placed)
        placed.update(((article, p), row) for p, row in seated)
    return _compact(rows)


def test_the_alignment_equals_the_plain_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(13)
    cases: list[tuple[list[int], dict[tuple[ParagraphKey, ParagraphKey], float]]] = []
    for case in range(300):
        counts = [int(c) for c in rng.integers(0, 9, int(rng.integers(1, 7)))]
        weights: dict[tuple[ParagraphKey, ParagraphKey], float] = {}
        for _ in range(int(rng.integers(0, 80))):
            a, b = (int(v) for v in rng.integers(0, len(counts), 2))
            # Some keys past an article's count, some pairs both ways round or within one
            # paragraph; few distinct weights, so that sums and options tie.
            x = (a, int(rng.integers(0, counts[a] + 2)))
            y = (b, int(rng.integers(0, counts[b] + 2)))
            # Half the cases with any weights: a cell's sum then depends on the order of its terms.
            weights[(x, y)] = float(rng.choice([0.25, 0.5, 1.0, 0.1]) if case % 2 else rng.random() / 3)
        cases.append((counts, weights))
    for links in linked():
        articles = links.facts.articles
        lead = [_leading_titles(a) for a in articles]
        counts = [len(a.paragraphs) - k for a, k in zip(articles, lead, strict=True)]
        cases.append((counts, _body_weights(classify(links), lead)))
    for compact in (10**9, 3):
        monkeypatch.setattr(align_module, "COMPACT_FROM_ROWS", compact)
        for counts, weights in cases:
            assert align(counts, weights) == _plain_align(counts, weights)


def test_the_graph_gains_equal_the_plain_sums() -> None:
    rng = np.random.default_rng(17)
    for _ in range(100):
        counts = [int(c) for c in rng.integers(1, 12, int(rng.integers(2, 6)))]
        weights: dict[tuple[ParagraphKey, ParagraphKey], float] = {}
        for _ in range(int(rng.integers(1, 120))):
            a, b = (int(v) for v in rng.integers(0, len(counts), 2))
            x, y = (a, int(rng.integers(0, counts[a]))), (b, int(rng.integers(0, counts[b])))
            weights[(x, y)] = float(rng.random()) / 3.0
        neighbours: dict[ParagraphKey, dict[ParagraphKey, float]] = {}
        for (x, y), w in weights.items():
            neighbours.setdefault(x, {})[y] = neighbours.setdefault(x, {}).get(y, 0.0) + w
            neighbours.setdefault(y, {})[x] = neighbours.setdefault(y, {}).get(x, 0.0) + w
        graph = align_module._Graph.of_weights(counts, weights)
        article = int(rng.integers(0, len(counts)))
        # Every other article's paragraphs in few rows, so a cell sums many neighbours.
        rows: list[dict[int, list[int]]] = [{} for _ in range(int(rng.integers(1, 4)))]
        placed: dict[ParagraphKey, dict[int, list[int]]] = {}
        number = np.full(graph.paragraphs, -1, dtype=np.int64)
        for a, count in enumerate(counts):
            for p in range(count):
                if a != article and rng.random() < 0.8:
                    k = int(rng.integers(0, len(rows)))
                    rows[k].setdefault(a, []).append(p)
                    placed[(a, p)] = rows[k]
                    number[graph.offset[a] + p] = k
        where = np.arange(len(rows))[::-1].copy()  # row number k sits at index len - 1 - k
        shown = rows[::-1]
        plain = _gains(shown, article, counts[article], neighbours, placed)
        paragraph, column, value = graph.gains(article, counts[article], number, where, len(rows))
        got: list[dict[int, float]] = [{} for _ in range(counts[article])]
        for i, j, v in zip(paragraph.tolist(), column.tolist(), value.tolist(), strict=True):
            got[i][j] = v
        assert [sorted(c.items()) for c in got] == [sorted(c.items()) for c in plain]


def _seated_placements(
    rows: int, count: int, gains: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]
) -> list[tuple[int, int | None, int]]:
    """:func:`align._seat`'s rows read back as :func:`align._placements` gives them: the row
    index each paragraph joined, or the index of the old row its new row went before."""
    before = [{0: [k]} for k in range(rows)]
    out, seated = _seat(list(before), 1, count, gains)
    old = {id(row): k for k, row in enumerate(before)}
    placed: list[tuple[int, int | None, int]] = []
    for paragraph, row in seated:
        if id(row) in old:
            placed.append((paragraph, old[id(row)], -1))
            continue
        at = next(k for k, x in enumerate(out) if x is row)
        following = next((old[id(x)] for x in out[at + 1 :] if id(x) in old), rows)
        placed.append((paragraph, None, following))
    return placed


@pytest.mark.parametrize("compact", [10**9, -1], ids=["full programme", "linked rows only"])
def test_placements_equal_the_rows_seat_builds(monkeypatch: pytest.MonkeyPatch, compact: int) -> None:
    """The programme over the linked rows and one column per run of rows between them gives
    the full programme's placements (and, past COMPACT_FROM_ROWS, the linked rows' own)."""
    monkeypatch.setattr(align_module, "COMPACT_FROM_ROWS", compact)
    rng = np.random.default_rng(19)
    runs = 0
    for _ in range(400):
        rows, count = int(rng.integers(1, 200)), int(rng.integers(1, 12))
        linked = rng.choice(rows, size=min(rows, int(rng.integers(1, 15))), replace=False)
        cells = [(i, int(k)) for i in range(count) for k in linked if rng.random() < 0.3]
        paragraph = np.asarray([i for i, _ in cells], dtype=np.int64)
        column = np.asarray([k for _, k in cells], dtype=np.int64)
        value = rng.choice([0.5, 1.0, 2.0], len(cells)).astype(np.float64)
        gains = (paragraph, column, value)
        got = align_module._placements(rows, count, gains)
        assert got == _seated_placements(rows, count, gains)
        runs += sum(1 for _, joined, before in got if joined is None and 0 < before < rows)
    assert runs > 200  # new rows placed between old ones, not only first or last


def test_statement_drafting_is_split_where_half_the_work_is() -> None:
    """The child drafts the later groups. A member costs twenty links' worth, so a group of many
    links and few members is not half the work; and each claim and its evidence cost something
    of their own, so many small groups after a large one are more than their members say."""
    link = Link(0, 1, 0.9, 0.0)
    groups = [([0, 1], [link] * 100), ([2, 3, 4, 5], [link] * 12), ([6, 7, 8, 9], [link] * 12)]
    assert _half_by_cost(groups) == 2
    large = (list(range(12)), [link] * 12)
    assert _half_by_cost([large] + [([0, 1], [link])] * 6) == 2
    assert _half_by_cost(groups[:1]) == 1 and _half_by_cost([]) == 0
