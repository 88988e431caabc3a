"""Explainable features of a pair of clauses, for the learned statement-link score.

Each feature is one reason a reviewer could give for two sentences saying the same thing
(the same words in any order, the rare words of one found in the other, the same figures),
so the detail view can show why two clauses matched. The weights that combine them are
fitted on labelled pairs by ``python -m tui.evaluation.fit_pair_score`` and live in
:mod:`tui.core.pair_model`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from tui.core.normalise import Normalised

FEATURES = (
    "token_sort",
    "token_set",
    "partial",
    "ratio",
    "cosine",
    "containment",
    "jaccard",
    "rare_containment",
    "length_gap",
    "figures_agree",
    "figures_differ",
    "names_shared",
    "rare_shared",
    "two_shared",
)
"""Column order of :func:`pair_features`."""
_RARE_CAP = 3
"""Shared rare words counted up to this many."""
_RARE_SHARE = 0.5
"""A clause's rare words: the top half of its words by IDF."""


def _is_figure(token: str) -> bool:
    return (
        token[:1] in "#$"
        or token[:3] in ("USD", "EUR", "GBP", "JPY")
        or token.endswith("%")
        or token.isdigit()
    )


def pair_features(
    left: Sequence[Normalised], right: Sequence[Normalised], idf: Mapping[str, float]
) -> np.ndarray[Any, Any]:
    """One row of :data:`FEATURES` per pair ``(left[i], right[i])``, every value in 0..1."""
    from rapidfuzz import fuzz, process

    n = len(left)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    a_text = [x.text for x in left]
    b_text = [x.text for x in right]
    out[:, 0] = process.cpdist(a_text, b_text, scorer=fuzz.token_sort_ratio, workers=1) / 100.0
    out[:, 1] = process.cpdist(a_text, b_text, scorer=fuzz.token_set_ratio, workers=1) / 100.0
    out[:, 2] = process.cpdist(a_text, b_text, scorer=fuzz.partial_ratio, workers=1) / 100.0
    out[:, 3] = process.cpdist(a_text, b_text, scorer=fuzz.ratio, workers=1) / 100.0
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        out[i, 4:] = _set_features(a, b, idf)
    return out


def _set_features(a: Normalised, b: Normalised, idf: Mapping[str, float]) -> tuple[float, ...]:
    words_a = {t for t in a.tokens if not _is_figure(t)}
    words_b = {t for t in b.tokens if not _is_figure(t)}
    figures_a = {t for t in a.tokens if _is_figure(t)}
    figures_b = {t for t in b.tokens if _is_figure(t)}
    common = words_a & words_b
    weight_a = sum(idf.get(t, 1.0) ** 2 for t in words_a)
    weight_b = sum(idf.get(t, 1.0) ** 2 for t in words_b)
    dot = sum(idf.get(t, 1.0) ** 2 for t in common)
    cosine = dot / np.sqrt(weight_a * weight_b) if weight_a and weight_b else 0.0
    containment = dot / min(weight_a, weight_b) if weight_a and weight_b else 0.0
    union = words_a | words_b
    jaccard = len(common) / len(union) if union else 0.0
    rare = []
    for own, other in ((words_a, words_b), (words_b, words_a)):
        ranked = sorted(own, key=lambda t: -idf.get(t, 1.0))[: max(1, int(len(own) * _RARE_SHARE))]
        rare.append(sum(1 for t in ranked if t in other) / len(ranked) if ranked else 0.0)
    longer = max(len(a.tokens), len(b.tokens), 1)
    gap = abs(len(a.tokens) - len(b.tokens)) / longer
    agree = float(bool(figures_a & figures_b))
    differ = float(bool(figures_a and figures_b and not figures_a & figures_b))
    names_a, names_b = _name_words(a), _name_words(b)
    smaller = min(len(names_a), len(names_b))
    names = len(names_a & names_b) / smaller if smaller else 0.0
    top = max(idf.values(), default=1.0)
    rare_shared = min(sum(1 for t in common if idf.get(t, 1.0) >= 0.6 * top), _RARE_CAP) / _RARE_CAP
    two = float(len(common) >= 2 or bool(names_a & names_b))
    return (cosine, min(containment, 1.0), jaccard, min(rare), gap, agree, differ, names, rare_shared, two)


def _name_words(norm: Normalised) -> set[str]:
    """Name words of a clause as tokens ("Ousmane Dembélé" -> dembel, ousman): names are the
    most identifying words a statement has."""
    from tui.core.normalise import canonical_stem

    return {canonical_stem(w.lower()) for name, _, _ in norm.names for w in name.split() if len(w) > 1}
