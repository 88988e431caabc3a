"""Coefficients of the statement-link score.

Written by ``python -m tui.evaluation.fit_pair_score``; do not edit by hand.

Pairs: 400 MRPC (268 same), 1296 from the dev stories (326 same).
5-fold cross-validated accuracy: MRPC alone 0.715
(token_sort_ratio with its best threshold, in-sample: 0.698);
all pairs 0.779 at threshold 0.32; dev-story pairs 0.809.
"""

WEIGHTS: dict[str, float] = {
    "cosine": 1.4665,
    "containment": 1.6612,
    "jaccard": 1.5371,
    "rare_containment": -0.1176,
    "length_gap": 0.0824,
    "figures_agree": 0.2209,
    "figures_differ": -0.8691,
    "names_shared": 0.0833,
    "rare_shared": 1.1459,
    "two_shared": 0.0367,
}
INTERCEPT = -2.0214
THRESHOLD = 0.32
"""Probability at which two clauses are taken to state the same fact."""
