"""Whom a value fact is about, spelled as its sources spell it ("vote share (Massa)").

Three rows of one story can read "vote share": the winner's, the runner-up's and a first-round
figure. Each value fact carries the name words of its holder (:attr:`Fact.holder`); this names
the holder the claim's sources agree on, for its label, so the reader tells the rows apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.facts import Fact, Facts, name_words
from tui.core.patterns import compiled

_MOMENTS = frozenset({"date", "time", "weekday", "score"})
"""Kinds whose nearest name is where or against whom ("2022 in Qatar", "4-2 against France"),
not whose figure it is."""


_SHORT_ACRONYM = compiled(r"(?:[A-Z]\.?){1,3}")
""""AI", "U.S.": nearer a figure as its topic ("5 to 10 hours a week on AI") than its owner."""


def holder_name(facts: Facts, items: Sequence[Fact]) -> str:
    """The name most of the claim's value mentions are about, in its shortest spelling that has
    every word they share ("Massa" beside "Sergio Massa"); "" when most name nobody or they
    share no word. A spelled number is no holder's word (:func:`name_words`)."""
    if any(f.value is not None and f.value.kind in _MOMENTS for f in items):
        return ""
    holders = [f.holder for f in items if f.value is not None and f.holder]
    values = sum(1 for f in items if f.value is not None)
    if not holders or 2 * len(holders) < values:
        return ""
    common = frozenset.intersection(*holders)
    if not common:
        return ""
    spellings = {
        name.removesuffix("'s").removesuffix("’s")
        for f in items
        if f.holder
        for name, _, _ in facts.sentence_norms[f.sentence].names
        if common <= name_words(name) and not _SHORT_ACRONYM.fullmatch(name)
    }
    return min(spellings, key=lambda s: (len(s), s)) if spellings else ""
