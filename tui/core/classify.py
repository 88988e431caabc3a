"""Decide what sources do with a claim: share it, state it alone, or disagree on a value."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tui.core.match import Link
from tui.core.models import Conflict, ConflictKind
from tui.core.names import name_change, same_name
from tui.core.negation import negation_conflict
from tui.core.normalise import Normalised, Value
from tui.core.values import agreement

_STRONG_LINK = 0.5
"""Names and polarity are compared only across sentences this clearly about one thing."""
_REPORT_CUE = re.compile(
    r"\b(?:while|whereas|but|however|compared with|versus|vs\.?|other reports?|contradict\w*|conflicting|"
    r"differ\w*|disput\w*)\b",
    re.IGNORECASE,
)
_REPORT_VERB = re.compile(
    r"\b(?:report\w*|said|says|puts?|estimat\w*|claim\w*|according to|cite[sd]?|lists?|listed|gives?|gave"
    r"|quoted?|pegged|figures?|numbers?)\b",
    re.IGNORECASE,
)


def compatible(a: Value, b: Value) -> bool:
    """Whether two figures can describe the same fact (see :func:`tui.core.values.agreement`;
    a difference only in rounding still counts as a difference here)."""
    return agreement(a, b) in ("equal", "incomparable")


def _comparable(kind: str) -> Callable[[Value, Value], bool]:
    if kind == "number":
        # The same counted noun, or (when no noun follows the figure) the same words around it.
        return lambda a, b: (
            a.unit == b.unit and ((a.unit.isalpha() and len(a.unit) > 2) or bool(a.context & b.context))
        )
    if kind in ("money", "measure", "ordinal"):
        return lambda a, b: a.unit == b.unit and a.dimension == b.dimension
    if kind == "date":
        # Dates written with the same precision, or a month against its year: "October 22"
        # beside "November 19, 2023" is usually another event of the story, not a rival date.
        return lambda a, b: a.unit == b.unit or {a.unit, b.unit} == {"month", "year"}
    return lambda a, b: True


_VALUE_KINDS: dict[str, ConflictKind] = {
    "money": "money", "percent": "percent", "date": "date", "weekday": "date", "time": "date",
    "number": "number", "measure": "number", "ordinal": "number",
}  # fmt: skip
"""Which conflict kind a disagreement between values of each kind is reported as."""


def find_conflicts(
    sentence_ids: Sequence[str],
    norms: Sequence[Normalised],
    articles: Sequence[int],
    links: Sequence[Link],
    position: dict[int, int],
    squashed_text: Callable[[int], str],
) -> tuple[Conflict, ...]:
    """Conflicts inside one claim.

    ``links`` index items globally; ``position`` maps an item index to its place in
    ``sentence_ids``. Values are compared only across directly linked sentences, so
    two figures that merely sit in the same claim are not pitted against each other.
    """
    found: dict[ConflictKind, dict[str, str]] = {}

    def note(kind: ConflictKind, i: int, value: str) -> None:
        found.setdefault(kind, {}).setdefault(sentence_ids[i], value)

    for link in links:
        i, j = position.get(link.a), position.get(link.b)
        if i is None or j is None or articles[i] == articles[j]:
            continue
        a, b = norms[i], norms[j]
        kinds = {v.kind for v in a.values} & {v.kind for v in b.values}
        for kind, conflict_kind in _VALUE_KINDS.items():
            if kind not in kinds:
                continue
            clash = _value_clash(kind, a, b)
            if clash:
                note(conflict_kind, i, clash[0])
                note(conflict_kind, j, clash[1])
        name = (
            name_conflict(a, b, squashed_text(articles[i]), squashed_text(articles[j]), link.score)
            if a.names and b.names
            else None
        )
        if name:
            note("name", i, name[0])
            note("name", j, name[1])
        if link.score >= _STRONG_LINK:
            negation = _negation_conflict(a, b)
            if negation:
                note("negation", i, negation[0])
                note("negation", j, negation[1])
    # Once a figure is disputed, every source's figure of that kind belongs in the explanation,
    # not only those of the sentence pairs that happened to be compared directly.
    for kind in [k for k in ("money", "percent", "date", "number") if k in found]:
        for i, norm in enumerate(norms):
            stated = [v.text for v in norm.values if _VALUE_KINDS[v.kind] == kind]
            if stated:
                note(kind, i, ", ".join(stated))
    reported = [(i, found_kind) for i, norm in enumerate(norms) if (found_kind := _reported_kind(norm))]
    for i, _ in reported:
        note("reported", i, reported_discrepancy(norms[i]) or "")
    for i, kind in reported:
        # Show what the other sources in the claim say about the disputed figure too.
        for j, norm in enumerate(norms):
            if articles[j] != articles[i]:
                stated = [v.text for v in norm.values if v.kind == kind]
                if stated:
                    note("reported", j, ", ".join(stated))
    return tuple(Conflict(kind, tuple(values.items())) for kind, values in found.items())


def _value_clash(kind: str, a: Normalised, b: Normalised) -> tuple[str, str] | None:
    """Figures of one kind that cannot both be true, as each sentence words them.

    With as many figures on each side, they are paired in order ("start in April 2026,
    open in 2028" against "begin in 2026, open in late 2027"); otherwise two sides clash
    only when no figure of one is compatible with any of the other.
    """
    va = [v for v in a.values if v.kind == kind]
    vb = [v for v in b.values if v.kind == kind]
    if not va or not vb:
        return None
    same = _comparable(kind)
    if len(va) == len(vb):
        pairs = list(zip(va, vb, strict=True))
        if kind == "number" and len(va) == 1 and va[0].high is None and vb[0].high is None:
            pairs = [(va[0], vb[0])]  # one count each: the counted noun is often reworded
        elif not all(same(x, y) for x, y in pairs):
            return None
        bad = [(x, y) for x, y in pairs if not compatible(x, y)]
        if not bad:
            return None
        return ", ".join(x.text for x, _ in bad), ", ".join(y.text for _, y in bad)
    pairs = [(x, y) for x in va for y in vb if same(x, y)]
    if not pairs or any(compatible(x, y) for x, y in pairs):
        return None
    xs = sorted({x for x, _ in pairs}, key=lambda v: v.start)
    ys = sorted({y for _, y in pairs}, key=lambda v: v.start)
    return ", ".join(v.text for v in xs), ", ".join(v.text for v in ys)


def reported_discrepancy(norm: Normalised) -> str | None:
    """A sentence that itself reports two different figures for one thing ("X said 7%, Y 8%")."""
    values = reported_values(norm)
    return " vs ".join(v.text for v in values) if values else None


def reported_values(norm: Normalised) -> list[Value]:
    """The different figures a sentence reports for one thing, or none."""
    kind = _reported_kind(norm)
    return _distinct(norm, kind) if kind is not None else []


def _distinct(norm: Normalised, kind: str) -> list[Value]:
    distinct: list[Value] = []
    for v in norm.values:
        if v.kind != kind:
            continue
        if all(not compatible(v, d) for d in distinct) and all(v.unit == d.unit for d in distinct):
            distinct.append(v)
    return distinct


def _reported_kind(norm: Normalised) -> str | None:
    for kind in ("money", "percent", "number"):
        distinct = _distinct(norm, kind)
        if len(distinct) < 2:
            continue
        # The second figure must be attributed after the contrast ("..., while Business
        # Insider reported $14 billion"), which "but profit fell to $1 billion" is not.
        between = norm.source[distinct[0].end : distinct[-1].start]
        cue = _REPORT_CUE.search(between)
        if cue and _REPORT_VERB.search(between[cue.end() :]) and _REPORT_VERB.search(norm.source):
            return kind
    return None


def squash(name: str) -> str:
    """Lower case, letters and digits only: "MuseSpark" and "Muse Spark" compare equal."""
    return _NOT_ALNUM.sub("", name.lower().removesuffix("'s").removesuffix("’s"))


_squash_name = lru_cache(maxsize=65536)(squash)
"""Names recur across thousands of sentence pairs; whole article texts are squashed once."""
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def name_conflict(
    a: Normalised, b: Normalised, squashed_a: str, squashed_b: str, score: float
) -> tuple[str, str] | None:
    """A name one sentence replaces by another in matching context (:func:`names.name_change`),
    or two different spellings of what is clearly one name: "Meta Superintelligence Labs" vs
    "Meta Intelligence Labs". A name the other article uses anywhere (``squashed_*`` are the
    articles' :func:`squash`-ed texts) is never a conflict."""
    from rapidfuzz import fuzz

    changed = name_change(a.source, b.source) if score >= _STRONG_LINK else None
    if changed and _squash_name(changed[0]) not in squashed_b and _squash_name(changed[1]) not in squashed_a:
        return changed

    only_a = [n for n, _, _ in a.names if _squash_name(n) not in squashed_b]
    only_b = [n for n, _, _ in b.names if _squash_name(n) not in squashed_a]
    for x in only_a:
        for y in only_b:
            wx, wy = set(x.lower().split()), set(y.lower().split())
            if len(wx) < 2 or len(wx) != len(wy) or wx == wy:
                continue
            differing = [(u, v) for u, v in zip(x.lower().split(), y.lower().split(), strict=False) if u != v]
            if len(differing) != 1:
                continue  # one word of a name respelled, the others in place
            if wx & wy and fuzz.ratio(_squash_name(x), _squash_name(y)) >= 70 and not same_name(x, y):
                return x, y
    # Otherwise one full name in place of another ("Priya Raman will run" / "Lars Eide will run"),
    # when it is the only name each sentence has that the other article never mentions.
    people_a = [n for n in only_a if _person_like(n)]
    people_b = [n for n in only_b if _person_like(n)]
    if (
        score >= _STRONG_LINK
        and len(people_a) == len(people_b) == len(only_a) == len(only_b) == 1
        and not same_name(people_a[0], people_b[0])
        and not {_squash_name(w) for w in people_a[0].split()}
        & {_squash_name(w) for w in people_b[0].split()}
    ):
        return people_a[0], people_b[0]
    return None


def _person_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)


def _negation_conflict(a: Normalised, b: Normalised) -> tuple[str, str] | None:
    """One sentence negates what the other affirms ("not mandatory" vs "mandating")."""
    return negation_conflict(a.source, b.source)
