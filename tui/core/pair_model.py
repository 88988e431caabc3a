"""Coefficients of the statement-link score.

Written by ``python -m tui.evaluation.fit_pair_score``; do not edit by hand.

Pairs: 400 MRPC (268 same), 1229 from the dev stories (308 same).
5-fold cross-validated accuracy: MRPC alone 0.723
(token_sort_ratio with its best threshold, in-sample: 0.703);
all pairs 0.776 at threshold 0.35; dev-story pairs 0.805.
"""

WEIGHTS: dict[str, float] = {
    "token_sort": -0.4679,
    "token_set": 0.3294,
    "partial": -0.2875,
    "ratio": -0.0802,
    "cosine": 1.8029,
    "containment": 1.1603,
    "jaccard": 1.6577,
    "rare_containment": 0.1103,
    "length_gap": -0.0396,
    "figures_agree": 0.5243,
    "figures_differ": -0.7606,
    "names_shared": 0.0691,
    "rare_shared": 1.1441,
    "two_shared": -0.1226,
}
INTERCEPT = -1.5642
THRESHOLD = 0.35
"""Probability at which two clauses are taken to state the same fact."""
