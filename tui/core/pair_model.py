"""Coefficients of the statement-link score.

Written by ``python -m tui.evaluation.fit_pair_score``; do not edit by hand.

Pairs: 400 MRPC (268 same), 1229 from the dev stories (308 same).
5-fold cross-validated accuracy: MRPC alone 0.723
(token_sort_ratio with its best threshold, in-sample: 0.703);
all pairs 0.776 at threshold 0.34; dev-story pairs 0.806.
"""

WEIGHTS: dict[str, float] = {
    "token_sort": -0.5223,
    "token_set": 0.2907,
    "partial": -0.2992,
    "ratio": -0.1066,
    "cosine": 1.6760,
    "containment": 1.1277,
    "jaccard": 1.5776,
    "rare_containment": 0.3961,
    "length_gap": -0.0262,
    "figures_agree": 0.5332,
    "figures_differ": -0.7710,
    "names_shared": 0.0195,
    "rare_shared": 1.1553,
}
INTERCEPT = -1.5564
THRESHOLD = 0.34
"""Probability at which two clauses are taken to state the same fact."""
