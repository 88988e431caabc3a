"""Coefficients of the statement-link score, written by ``python -m tui.evaluation.fit_pair_score``.

Pairs: 400 MRPC (268 same), 1309 from the dev stories (328 same).
5-fold cross-validated accuracy: MRPC alone 0.703 (token_sort_ratio with its best threshold, in-sample: 0.710);
all pairs 0.786 at threshold 0.32; dev-story pairs 0.819.
"""

WEIGHTS: dict[str, float] = {
    "token_sort": 0.1839,
    "token_set": 1.0332,
    "partial": -0.0707,
    "ratio": 0.4350,
    "cosine": 1.9304,
    "containment": 1.2203,
    "jaccard": 1.1633,
    "rare_containment": -0.5775,
    "length_gap": 0.1242,
    "figures_agree": -0.0949,
    "figures_differ": -0.8591,
}
INTERCEPT = -2.5468
THRESHOLD = 0.32
"""Probability at which two clauses are taken to state the same fact."""
