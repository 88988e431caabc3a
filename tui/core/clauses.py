"""Split a sentence into clauses where the split is reliable.

A news sentence often states several facts ("The quake killed 31 people, officials said,
and injured 200"); a fact's words lie within one clause. Only boundaries that nearly
always separate clauses are used: semicolons, dashes set off by spaces, a comma before a
coordinating or subordinating word, and a subordinating word whose clause has a subject of
its own ("before he scored", "after Ousmane Dembele fouled Di Maria": a pronoun, or a name
and a verb in the past tense). A fragment too short to state anything stays with
its neighbour. Hand-written because a parser (spaCy and its model) would cost seconds of
start-up and hundreds of megabytes for a decision these cues make well enough.
"""

from __future__ import annotations

import re

from tui.core.patterns import compiled, started
from tui.core.words import holds_any

_BEFORE_A_NAMED_SUBJECT = "after|before|while|because|since|although|though"
"""Subordinating words whose clause may open on a name ("before Mbappe completed ..."); not
"as", whose named clause is mostly attribution ("as Reuters reported"), which stays with its
clause."""
_BOUNDARY = started(
    r"\s;,:",  # every boundary starts with a space, a semicolon, a comma or a colon
    r"""
    \s*;\s*
    | \s+[—–-]{1,2}\s+
    | ,\s+(?=(?:and|but|while|whereas|which|who|although|though|as|after|before|when|with|
                 where|because|since|adding|saying|according\ to|amid|despite|following|
                 compared\ with|up\ from|down\ from|so|yet)\b)
    | \s+(?=(?:as|after|before|while|because|since|although|though)\s+
             (?:he|she|they|it|we|I)(?:\s+[^\s,;:.!?"”]+){2})
    | \s+(?=(?:"""
    + _BEFORE_A_NAMED_SUBJECT
    + r""")\s+
             (?-i:(?:[A-Z][\w'’.-]*\s+){1,3}[a-z]+ed)\s+[^\s,;:.!?"”]+)
    | ,\s+(?=["“])
    | (?<=["”]),\s+
    | :\s+
    """,
    re.VERBOSE | re.IGNORECASE,
)
_COMMA_BOUNDARY = started(
    ",:",
    r"""
    ,\s+(?=(?:and|but|while|whereas|which|who|although|though|as|after|before|when|with|
                 where|because|since|adding|saying|according\ to|amid|despite|following|
                 compared\ with|up\ from|down\ from|so|yet)\b)
    | ,\s+(?=["“])
    | (?<=["”]),\s+
    | :\s+
    """,
    re.VERBOSE | re.IGNORECASE,
)
""":data:`_BOUNDARY` in a sentence where only its branches at a comma or a colon can match (see
:func:`_commas_only`): tried at those two marks, not at every space."""
_SPACED_MARKS = (";", "-", "–", "—")
"""What the branches of :data:`_BOUNDARY` that start at a space need, besides a subordinate
clause with a pronoun subject."""
_SUBORDINATORS = frozenset("as after before while because since although though".split())
_PRONOUNS = frozenset("he she they it we i".split())
_NAMED_SUBJECT = compiled(rf"\b(?i:{_BEFORE_A_NAMED_SUBJECT})\s+[A-Z]")
"""A subordinating word before a capital: where a clause with a named subject may start."""


def _commas_only(text: str) -> bool:
    """Whether every match of :data:`_BOUNDARY` in ``text`` starts at a comma or a colon: no
    semicolon or dash, and no subordinating word followed by a pronoun as words of their own
    or by a capitalised word.
    Only for ASCII text, whose lower case is what the case-insensitive pattern reads."""
    if not text.isascii() or holds_any(text, _SPACED_MARKS):
        return False
    words = text.lower().split()
    if _SUBORDINATORS.isdisjoint(words):
        return True
    return _PRONOUNS.isdisjoint(words) and _NAMED_SUBJECT.search(text) is None


# An opening adverbial phrase or subordinate clause is set off by the first comma ("Despite a
# hat-trick from Mbappe, Argentina won"; "After the dam burst, the toll rose"): what it says
# is a fact of its own. Attribution ("According to police, ...") stays with its clause.
_FRONTED = compiled(
    r"""["“']?(?:despite|after|before|when|while|although|though|because|since|following|amid|
    once|unlike|with|without)\b[^,;:—–]*?(,\s+)""",
    re.VERBOSE | re.IGNORECASE,
)
MIN_WORDS = 3
"""A fragment with fewer words joins its neighbour ("he said", "in 2023")."""
_ENOUGH_WORDS = compiled(rf"[^\W_]+(?:[\W_]+[^\W_]+){{{MIN_WORDS - 1}}}")
"""At least :data:`MIN_WORDS` words (runs of letters and digits): found in a long clause at its
first word, where counting every word of it cost a list of them."""


def clause_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the clauses of ``text``, covering its words in order."""
    cuts = [0]
    fronted = _FRONTED.match(text)
    if fronted is not None:
        cuts += [fronted.start(1), fronted.end(1)]
    # Most sentences have no semicolon or dash: their boundaries are at commas (and colons).
    boundary = _COMMA_BOUNDARY if _commas_only(text) else _BOUNDARY
    for match in boundary.finditer(text) if boundary is _BOUNDARY or "," in text or ":" in text else ():
        if match.start() > cuts[-1]:
            cuts.append(match.start())
            cuts.append(match.end())
    cuts.append(len(text))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        # Words are counted only where a fragment may join its neighbour: a sentence of one
        # clause, the most common, counts none.
        if merged and (
            _ENOUGH_WORDS.search(text, start, end) is None
            or _ENOUGH_WORDS.search(text, merged[-1][0], merged[-1][1]) is None
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged or [(0, len(text))]
