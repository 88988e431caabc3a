"""The thirteenth and fourteenth rounds' linking: work moved between processes, and repeated
content worked out once, gives the plain rules' results."""

from __future__ import annotations

import os

import pytest

from tests.core.test_link_speed_paths import _TEXTS
from tui.core import forking
from tui.core.match import Item, _weighted_rows, features, weights
from tui.core.normalise import normalise

needs_fork = pytest.mark.skipif(forking.spare_cores() < 1, reason="needs fork and two cores")


def test_a_result_asked_again_is_not_worked_out_again() -> None:
    """Linking asks the value child's result twice (the veto's arrays, then the value links):
    the work must run once."""
    runs: list[int] = []

    def work() -> list[int]:
        runs.append(1)
        return [len(runs)]

    with forking.beside(work, enabled=False) as job:
        first = job.result()
        assert job.result() is first
    assert runs == [1]


@needs_fork
def test_a_child_result_asked_again_is_the_same_object() -> None:
    parent = os.getpid()
    with forking.beside(lambda: [os.getpid() != parent]) as job:
        first = job.result()
        assert first == [True]
        assert job.result() is first  # not worked out again here, where it would be [False]


def test_candidate_rows_repeat_the_first_rows_of_the_same_content() -> None:
    """A clause that repeats another's tokens and figures gets the other's columns and weights;
    each row is the clause's own sorted features, columns numbered as words first appear."""
    texts = [*_TEXTS, _TEXTS[1], "Officials put the number of dead at 41 on Tuesday.", _TEXTS[0]]
    items = [Item(k % 3, normalise(t)) for k, t in enumerate(texts)]
    idf = weights(items)
    vocab, rows, cols, vals = _weighted_rows(items, idf)
    plain: dict[str, int] = {}
    expected_cols: list[int] = []
    expected_vals: list[float] = []
    for item in items:
        tokens = sorted(features(item.norm))
        expected_cols.extend(plain.setdefault(t, len(plain)) for t in tokens)
        expected_vals.extend(idf[t] for t in tokens)
    assert vocab == plain and list(vocab) == list(plain)
    assert cols.tolist() == expected_cols and vals.tolist() == expected_vals
    assert rows.tolist() == [i for i, item in enumerate(items) for _ in features(item.norm)]
