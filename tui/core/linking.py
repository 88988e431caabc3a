"""The match stage: links between facts of different outlets, through two channels.

Value facts link by what they measure (:mod:`tui.core.value_links`); statement facts by the
learned pair score over their clauses (:func:`tui.core.match.find_statement_links`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from tui.core.attribution import attributions
from tui.core.classify import may_respell, name_conflict, squash
from tui.core.contrast import STATEMENT_CONTRASTS, contrast_bits, contrasted_bits
from tui.core.facts import Fact, Facts
from tui.core.forking import beside
from tui.core.match import Item, Link, find_statement_links, weights
from tui.core.memo import memoised
from tui.core.normalise import normalise
from tui.core.threads import one_blas_thread
from tui.core.value_echoes import columns_without_echoes
from tui.core.value_links import ValueColumns, ValueLink, links_from_columns, value_link_columns
from tui.core.words import WORD, is_figure, strip_accents


@dataclass(frozen=True)
class Links:
    facts: Facts
    statements: tuple[int, ...]
    """Fact indexes of the statement facts, in the order the statement links index them."""
    statement_links: tuple[Link, ...]
    """Links between statement facts, by their place in :attr:`statements`."""
    statement_idf: Mapping[str, float]
    value_links: tuple[ValueLink, ...]
    """Links between value facts, by fact index."""

    def fact_pairs(self) -> Iterator[tuple[int, int, float]]:
        """Every link as ``(fact index, fact index, score)``: statement links, then value links,
        one at a time (a large story has hundreds of thousands)."""
        statements = self.statements
        yield from ((statements[k.a], statements[k.b], k.score) for k in self.statement_links)
        yield from ((k.a, k.b, k.score) for k in self.value_links)


BESIDE_FROM_FACTS = 5_000
"""Stories with fewer facts (about 40 articles of 40 paragraphs, where the text pool starts)
link values in this process too: below it the child saves tenths of a second at most
(docs/performance.md, eleventh round)."""


def link_facts(facts: Facts, check: Callable[[], None] | None = None, beside_ok: bool | None = None) -> Links:
    """The links of a story's facts. From :data:`BESIDE_FROM_FACTS` (or when ``beside_ok`` says
    so) the value links are found in a forked child while this process finds the statement
    links (:mod:`tui.core.forking`); the same links either way. ``check`` is called while
    this process waits for the child and may raise to cancel."""
    with one_blas_thread():  # its products are small and many: see tui.core.threads
        forked = len(facts.facts) >= BESIDE_FROM_FACTS if beside_ok is None else beside_ok
        return _link_facts(facts, check, forked)


class _Sides(NamedTuple):
    """What the statement links' veto reads of each statement fact's sentence, one entry per
    statement: its contrast bits (:data:`STATEMENT_CONTRASTS` only) and whether its values are
    all superseded counts (past) or none is (present)."""

    first: np.ndarray[Any, Any]
    second: np.ndarray[Any, Any]
    past: np.ndarray[Any, Any]
    present: np.ndarray[Any, Any]


def _link_facts(facts: Facts, check: Callable[[], None] | None, beside_ok: bool) -> Links:
    statements = tuple(f.index for f in facts.facts if f.kind == "statement")

    def beside_work() -> tuple[_Sides, ValueColumns]:
        # Everything that reads the sentences' words, worked out here, in the child when there
        # is one: the value links and what the statement links' veto reads (asked for last),
        # so that the child's work is as long as this process's (docs/performance.md,
        # thirteenth round). The sentences' IDF and the articles' words only the value links read.
        sentence_words = [_words(s.text) for s in facts.sentences]
        sides = _sides(facts, statements, sentence_words)
        sentences = zip(facts.sentence_articles, facts.sentence_norms, strict=True)
        idf = weights([Item(a, n) for a, n in sentences])
        article_words = [_words(a.text) for a in facts.articles]
        sentence_tokens = [n.tokens for n in facts.sentence_norms]
        columns = value_link_columns(facts.facts, idf, article_words, sentence_words, sentence_tokens)
        return sides, columns_without_echoes(facts.facts, columns)

    # The child sends back a few arrays; this process keeps what the statement links leave in
    # its memos (the name checks, which classify asks again).
    with beside(beside_work, beside_ok) as child:
        statement_idf, statement_links = _statement_links(facts, statements, lambda: child.result(check)[0])
        value_links = tuple(links_from_columns(child.result(check)[1]))
    return Links(facts, statements, statement_links, statement_idf, value_links)


def _sides(facts: Facts, statements: Sequence[int], sentence_words: Sequence[frozenset[str]]) -> _Sides:
    """:class:`_Sides` of the statement facts ``statements``."""
    sentence_of = [facts.facts[i].sentence for i in statements]
    bits = {s: contrast_bits(sentence_words[s]) for s in set(sentence_of)}
    first = np.asarray([bits[s][0] & STATEMENT_CONTRASTS for s in sentence_of], dtype=np.int64)
    second = np.asarray([bits[s][1] & STATEMENT_CONTRASTS for s in sentence_of], dtype=np.int64)
    # A sentence that gives only an earlier count ("Before this, authorities had given the toll
    # as 5,500") states a past state of the tally; its words are the current count's words.
    tense = {s: _tense(facts.by_sentence.get(s, ())) for s in bits}
    past = np.asarray([tense[s] < 0 for s in sentence_of], dtype=bool)
    present = np.asarray([tense[s] > 0 for s in sentence_of], dtype=bool)
    return _Sides(first, second, past, present)


def _statement_links(
    facts: Facts, statements: tuple[int, ...], sides: Callable[[], _Sides]
) -> tuple[dict[str, float], tuple[Link, ...]]:
    """The statement facts' IDF and the links between them; ``sides()`` is asked once the
    veto is (see :func:`_link_facts`)."""
    items = [Item(facts.facts[i].article, facts.facts[i].norm) for i in statements]
    statement_idf = weights(items)
    squashed = [squash(a.text) for a in facts.articles]

    def renamed(a: int, b: int) -> bool:
        x, y = items[a], items[b]
        return name_conflict(x.norm, y.norm, squashed[x.article], squashed[y.article], 0.0) is not None

    sentence_of = [facts.facts[i].sentence for i in statements]
    # Whether a clause's sentence cites anyone: _cited_names holds one entry per attribution,
    # so asking attributions (which the text stages have worked out) is the same answer
    # without normalising every cited name; those are normalised for pairs that both cite.
    cites = np.asarray([bool(attributions(facts.sentences[s].text)) for s in sentence_of], dtype=bool)

    def opposed(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        # contrasted() as bit masks for all kept pairs at once; the cited-source check only
        # where both clauses cite someone (most cite no one).
        first, second, past, present = sides()
        refused = contrasted_bits(first[a], second[a], first[b], second[b])
        refused |= (past[a] & present[b]) | (present[a] & past[b])
        ask = np.nonzero(~refused & cites[a] & cites[b])[0]
        index = np.asarray(statements, dtype=np.int64)
        refused[ask] = _only_sources_shared(facts, index[a[ask]].tolist(), index[b[ask]].tolist())
        return refused

    # At score 0.0 only name_conflict's respelling test can answer, and only for two clauses
    # that may_respell: the rescue is asked of pairs of those alone.
    respellable = np.asarray([may_respell(item.norm) for item in items], dtype=bool)
    links = tuple(find_statement_links(items, statement_idf, renamed, opposed, respellable))
    return statement_idf, links


def _tense(holding: Sequence[Fact]) -> int:
    """-1 when a sentence's values are all superseded counts, 1 when none is, 0 otherwise."""
    states = {f.superseded for f in holding if f.value is not None}
    return 0 if len(states) != 1 else -1 if True in states else 1


@memoised
def _words(text: str) -> frozenset[str]:
    # Each distinct word once: an article repeats most of its words.
    words = set(WORD.findall(text.lower()))
    if not text.isascii():
        # Accents dropped word by word, as holders are keyed.
        words = {strip_accents(w) for w in words}
    if "'" not in text and "’" not in text:
        return frozenset(words)  # most sentences: no word can end in 's
    # Only a word ending in 's changes when the suffixes are stripped.
    possessive = [w for w in words if w.endswith(_POSSESSIVE)]
    words.difference_update(possessive)
    words.update(w.removesuffix("'s").removesuffix("’s") for w in possessive)
    return frozenset(words)


_POSSESSIVE = ("'s", "’s")


def _only_sources_shared(facts: Facts, a: Sequence[int], b: Sequence[int]) -> np.ndarray[Any, Any]:
    """For each pair of facts ``(a[k], b[k])``: whether the two clauses' only shared words name
    one source they both cite ("..., the Associated Press reported"), which says nothing alike:
    citing one wire is not stating one fact. Two different names sharing words ("Councillor
    Denise Okafor said" / "Councillor Denise Okoro said") are left to the name check: that may
    be one speaker misnamed."""
    # Each fact's cited sources and plain tokens are looked up once (a clause is in dozens of
    # pairs), and the words of each set of shared sources once (a story cites few sources).
    cited: dict[int, frozenset[tuple[str, ...]]] = {}
    plain: dict[int, frozenset[str]] = {}
    for f in {*a, *b}:
        cited[f] = _cited_names(facts.sentences[facts.facts[f].sentence].text)
        plain[f] = _plain_tokens(facts.facts[f].norm.tokens)
    words_of: dict[frozenset[tuple[str, ...]], frozenset[str]] = {}
    out = np.zeros(len(a), dtype=bool)
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        same = cited[x] & cited[y]
        if same and (shared := plain[x] & plain[y]):
            words = words_of.get(same)
            if words is None:
                words = words_of[same] = frozenset(t for name in same for t in name)
            out[k] = shared <= words
    return out


@memoised
def _plain_tokens(tokens: tuple[str, ...]) -> frozenset[str]:
    """The tokens that are not figures."""
    return frozenset(t for t in tokens if not is_figure(t))


@memoised
def _cited_names(text: str) -> frozenset[tuple[str, ...]]:
    """The tokens of each source ``text`` cites."""
    return frozenset(tuple(normalise(found.name).tokens) for found in attributions(text))
