"""Word-level helpers shared by normalisation and the value grammar: stop words and stems.

The stemming itself is Snowball's; the stop list adds news attribution words ("said",
"according", "sources") because they say how a claim is sourced, not what it says.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from tui.core.patterns import compiled

STOPWORDS = frozenset(
    (
        "a about above after again against all also am an and any are as at be because been before "
        "being below between both but by can could did do does doing down during each few for from "
        "further had has have having he her here hers herself him himself his how i if in into is "
        "it its itself just me more most my myself no nor not of off on once only or other our ours "
        "ourselves out over own same she should so some such than that the their theirs them "
        "themselves then there these they this those through to too under until up very was we were "
        "what when where which while who whom why will with would you your yours yourself "
        "yourselves said says according reported reportedly report reports told also now new one ’s "
        # Attribution is how a claim is sourced, not what it says.
        "familiar matter person people briefed plans spokesperson spokeswoman spokesman statement "
        "citing cited noted confirmed sources source added "
        "'s s per cent percent dollar dollars "
    ).split()
)


WORD = compiled(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word of display text: letters and digits, with inner apostrophes ("Mbappé's", "don’t")."""

_local = threading.local()


def _stemmer() -> object:
    """One Snowball stemmer per thread: an instance keeps state while it stems and is not safe
    to share (two threads raised IndexError in corpus mode)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


@lru_cache(maxsize=65536)
def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    from tui.core.lexicon import synonym_map

    return synonym_map(stem)


@lru_cache(maxsize=65536)
def canonical_stem(word: str) -> str:
    """The stem, with interchangeable news words folded together ("acquired" = "bought") and
    accents dropped ("Mbappé" = "Mbappe": outlets differ in whether they keep them)."""
    if not word.isascii():
        word = strip_accents(word)
    stemmed = stem(word)
    return _synonyms().get(stemmed, stemmed)


def is_figure(token: str) -> bool:
    """Whether a normalised token stands for a figure (``#5``, ``USD1.43e+10``, ``7%``, a year)."""
    if token.startswith("<"):
        return False
    return (
        token[:1] in "#$"
        or token[:3] in ("USD", "EUR", "GBP", "JPY")
        or token.endswith("%")
        or token.isdigit()
    )


def holds_any(text: str, parts: Sequence[str]) -> bool:
    """Whether any of ``parts`` occurs in ``text``: ``any(p in text for p in parts)`` without a
    generator to start and run per call, which cost about twice as much on the engine's
    screens (each asked once per sentence or line)."""
    for part in parts:  # noqa: SIM110 (see the docstring)
        if part in text:
            return True
    return False
