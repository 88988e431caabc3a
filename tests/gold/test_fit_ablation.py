"""The fit's ablation (``fit_pair_score --ablate``) says what each feature adds to the score."""

from __future__ import annotations

import numpy as np

from tui.evaluation.fit_pair_score import ablation


def test_leaving_out_the_feature_that_decides_costs_accuracy_and_noise_costs_none() -> None:
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 300)
    telling = y + rng.normal(0, 0.3, 300)  # separates the classes
    noise = rng.normal(0, 1, 300)
    x = np.column_stack((telling, noise))
    got = dict(ablation(x, y, ["telling", "noise"]))
    assert got[""] > 0.9  # all features
    assert got["telling"] < 0.65  # noise alone is a coin toss
    assert abs(got["noise"] - got[""]) <= 0.02
