"""Coefficients of the statement-link score, written by ``python -m tui.evaluation.fit_pair_score``.

Pairs: 400 MRPC (268 same), 1305 from the dev stories (327 same).
5-fold cross-validated accuracy: MRPC alone 0.715 (token_sort_ratio with its best threshold, in-sample: 0.710);
all pairs 0.792 at threshold 0.42; dev-story pairs 0.823.
"""

WEIGHTS: dict[str, float] = {
    "token_sort": -0.3949,
    "token_set": 0.9975,
    "partial": -0.0976,
    "ratio": 0.6544,
    "cosine": 1.4754,
    "containment": 0.3523,
    "jaccard": 2.2668,
    "rare_containment": 0.0970,
    "length_gap": 0.0287,
    "figures_agree": 0.2858,
    "figures_differ": -0.4900,
    "names_shared": 0.1254,
    "rare_shared": 2.3664,
}
INTERCEPT = -2.6593
THRESHOLD = 0.42
"""Probability at which two clauses are taken to state the same fact."""
