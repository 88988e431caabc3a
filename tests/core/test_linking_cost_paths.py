"""The linking stage's tenth-round shortcuts give the very floats and links of the plain ones."""

from __future__ import annotations

import numpy as np
import pytest

from tui.core import rows as rows_module
from tui.core.rows import Rows, from_entries, row_dots


def _random_rows(rng: np.random.Generator, shape: tuple[int, int], share: float, ones: bool = False) -> Rows:
    dense = np.where(rng.random(shape) < share, 1.0 if ones else rng.random(shape) * 7, 0.0)
    dense[3] = 0.0  # an empty row
    dense[5] = np.where(rng.random(shape[1]) < 0.9, rng.random(shape[1]) * 3, 0.0)  # a long row: 9+ terms
    r, c = np.nonzero(dense)
    order = rng.permutation(len(r))  # rows are built from entries in any order
    return from_entries(dense[r, c][order].tolist(), r[order].tolist(), c[order].tolist(), shape)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_row_dots_read_from_a_dense_copy_are_the_sorted_intersections_floats(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    x = _random_rows(rng, (40, 60), 0.2)
    y = _random_rows(rng, (40, 60), 0.35, ones=seed == 2)
    a = rng.integers(0, 40, size=45_000)  # more than one batch of pairs
    b = rng.integers(0, 40, size=45_000)
    a[:5] = b[:5]  # a row with itself
    a[5], b[6] = 3, 5
    assert rows_module._lookup(x, y) is not None
    fast, fast_self = row_dots(x, y, a, b), row_dots(x, x, a, b)
    monkeypatch.setattr(rows_module, "_LOOKUP_CELLS", 0)
    assert rows_module._lookup(x, y) is None
    assert np.array_equal(fast, row_dots(x, y, a, b))
    assert np.array_equal(fast_self, row_dots(x, x, a, b))
    assert row_dots(x, y, a[:0], b[:0]).shape == (0,)


def test_rows_wider_than_the_other_or_not_finite_take_the_sorted_intersection() -> None:
    x = from_entries([1.0, 2.0], [0, 1], [0, 7], (2, 8))
    y = from_entries([3.0], [1], [0], (2, 4))
    assert rows_module._lookup(x, y) is None
    inf = from_entries([np.inf], [0], [1], (2, 4))
    assert rows_module._lookup(y, inf) is None and rows_module._lookup(inf, y) is None
