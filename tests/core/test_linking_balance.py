"""The thirteenth and fourteenth rounds' linking: work moved between threads and processes,
and repeated content worked out once, gives the plain rules' results."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest

from tests.core.test_link_speed_paths import _TEXTS
from tui.core import forking
from tui.core import pair_features as pf
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


def _scored_here(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The scorers (and thread counts) rapidfuzz's ``cpdist`` is called with in this process."""
    from rapidfuzz import process

    calls: list[tuple[str, int]] = []
    cpdist = process.cpdist

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append((kwargs["scorer"].__name__, kwargs["workers"]))
        return cpdist(*args, **kwargs)

    monkeypatch.setattr(process, "cpdist", recorded)
    return calls


def test_fuzzy_scores_beside_the_set_features_are_the_serial_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """From :data:`~tui.core.pair_features._BESIDE_PAIRS` ``partial_ratio`` is worked out in a
    forked child while this process works out the other scores and the set features: every
    column must be what the serial path gives."""
    clauses = [normalise(t) for t in _TEXTS] + [normalise(t.upper()) for t in _TEXTS]
    idf = weights([Item(n, c) for n, c in enumerate(clauses)])
    n = len(clauses)
    a = np.asarray([i for i in range(n) for j in range(n) if i != j])
    b = np.asarray([j for i in range(n) for j in range(n) if i != j])
    monkeypatch.setattr(pf, "_BESIDE_PAIRS", 10**9, raising=False)
    serial = pf.indexed_pair_features(clauses, a, b, idf)
    monkeypatch.setattr(pf, "_BESIDE_PAIRS", 1, raising=False)
    beside = pf.indexed_pair_features(clauses, a, b, idf)
    assert np.array_equal(beside, serial)
    assert len(np.unique(serial[:, :4], axis=0)) > 10 and len(np.unique(serial[:, 4:], axis=0)) > 10


@needs_fork
def test_partial_ratio_is_scored_in_a_child_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside a child, this process scores the other three on one thread each (rapidfuzz's
    threads cost more CPU than they save on a shared core) and not ``partial_ratio``."""
    clauses = [normalise(t) for t in _TEXTS]
    idf = weights([Item(n, c) for n, c in enumerate(clauses)])
    a, b = np.asarray([0, 2, 4, 1]), np.asarray([1, 3, 1, 5])
    calls = _scored_here(monkeypatch)
    monkeypatch.setattr(pf, "_BESIDE_PAIRS", 1, raising=False)
    monkeypatch.setattr(pf, "_THREADED_PAIRS", 1)
    pf.indexed_pair_features(clauses, a, b, idf)
    assert sorted(calls) == [("ratio", 1), ("ratio", 1), ("token_set_ratio", 1)]


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
