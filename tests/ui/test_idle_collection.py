"""Full collections run while the reader is idle or after an input's frame once overdue,
never by CPython's own threshold, and the process's thresholds come back when the app ends."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import SEEDS, make_app
from tests.ui.test_reader import ready
from tui.core.models import Comparison
from tui.idle_collection import CAP, DUE, IDLE_AFTER, NEVER, IdleCollection


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def thresholds() -> Iterator[tuple[int, ...]]:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def make_due() -> None:
    gc.collect()
    for _ in range(DUE):
        gc.collect(1)  # each counts as one young collection towards the full one
    assert gc.get_count()[2] >= DUE


def test_start_turns_off_the_automatic_full_collection_and_stop_restores_it(
    thresholds: tuple[int, ...],
) -> None:
    policy = IdleCollection()
    policy.start()
    assert gc.get_threshold() == (thresholds[0], thresholds[1], NEVER)
    policy.stop()
    assert gc.get_threshold() == thresholds


def test_a_due_collection_waits_for_the_reader_to_pause(thresholds: tuple[int, ...]) -> None:
    clock = Clock()
    policy = IdleCollection(clock)
    policy.start()
    make_due()
    clock.now += IDLE_AFTER / 2
    assert not policy.tick()
    assert gc.get_count()[2] >= DUE, "nothing collected while keys come"
    clock.now += IDLE_AFTER
    policy.input_seen()  # a key just now: still not idle
    assert not policy.tick()
    clock.now += IDLE_AFTER
    assert policy.tick()
    assert gc.get_count()[2] == 0, "the full collection ran"
    policy.stop()


def test_an_idle_reader_is_not_collected_before_a_collection_is_due(thresholds: tuple[int, ...]) -> None:
    clock = Clock()
    policy = IdleCollection(clock)
    policy.start()
    gc.collect()
    clock.now += 10 * IDLE_AFTER
    assert not policy.tick()
    policy.stop()


def test_a_paused_collector_is_left_paused(thresholds: tuple[int, ...]) -> None:
    clock = Clock()
    policy = IdleCollection(clock)
    policy.start()
    make_due()
    clock.now += 10 * IDLE_AFTER
    gc.disable()
    try:
        assert not policy.tick()
    finally:
        gc.enable()
        policy.stop()


def make_overdue() -> None:
    gc.collect()
    for _ in range(CAP):
        gc.collect(1)
    assert gc.get_count()[2] >= CAP


def test_an_overdue_collection_is_asked_for_at_the_next_input_and_runs_whatever_the_input(
    thresholds: tuple[int, ...],
) -> None:
    clock = Clock()
    policy = IdleCollection(clock)
    policy.start()
    make_due()
    assert not policy.input_seen(), "due is not overdue: it waits for a pause"
    assert not policy.collect_overdue()
    make_overdue()
    assert policy.input_seen()
    assert policy.collect_overdue(), "a key just came, and it runs all the same"
    assert gc.get_count()[2] == 0
    assert not policy.input_seen()
    policy.stop()
    make_overdue()
    assert not policy.input_seen(), "not while stopped"
    assert not policy.collect_overdue()


@asynccontextmanager
async def seeds_shown(comparison: Comparison) -> AsyncIterator[Pilot[Any]]:
    """The app on the seeds, the comparison on screen."""
    app = make_app([str(SEEDS)], comparison=comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        yield pilot


async def test_keys_held_down_get_the_overdue_collection_between_them(
    seeds_comparison: Comparison, thresholds: tuple[int, ...]
) -> None:
    async with seeds_shown(seeds_comparison) as pilot:
        make_overdue()
        await pilot.press("j")
        await pilot.pause()
        assert gc.get_count()[2] < CAP, "collected after the key's frame, with no pause"


def test_nothing_runs_before_start(thresholds: tuple[int, ...]) -> None:
    clock = Clock()
    policy = IdleCollection(clock)
    make_due()
    clock.now += 10 * IDLE_AFTER
    assert not policy.tick()


async def test_the_app_puts_off_full_collections_while_a_story_is_shown(
    seeds_comparison: Comparison, thresholds: tuple[int, ...]
) -> None:
    async with seeds_shown(seeds_comparison):
        assert gc.get_threshold()[2] == NEVER
    assert gc.get_threshold() == thresholds, "the process's thresholds are back after the app"
