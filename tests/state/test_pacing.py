"""The analysis's progress is shown at most so often, and its latest report always shows."""

from __future__ import annotations

from tui.state.pacing import Paced


def test_the_first_update_shows_at_once_and_a_burst_shows_its_last() -> None:
    paced: Paced[str] = Paced(0.25)
    assert paced.offer("load", 10.0) == 0.0
    assert paced.take(10.0) == "load"
    # Within 0.25 s of that: wait for the rest of it, and keep only the latest.
    wait = paced.offer("segment done", 10.1)
    assert wait is not None and abs(wait - 0.15) < 1e-9
    assert paced.offer("normalise done", 10.12) is None, "a showing is already due"
    assert paced.offer("facts done", 10.2) is None
    assert paced.take(10.25) == "facts done"
    assert paced.take(10.3) is None, "nothing new to show"
    # Long after the last showing: at once again.
    assert paced.offer("match done", 11.0) == 0.0
    assert paced.take(11.0) == "match done"


def test_the_wait_counts_from_the_last_showing() -> None:
    paced: Paced[int] = Paced(0.25)
    paced.offer(1, 0.0)
    paced.take(0.0)
    wait = paced.offer(2, 0.2)
    assert wait is not None and abs(wait - 0.05) < 1e-9
    paced.take(0.3)  # the timer came late: the next wait counts from when it did show
    wait = paced.offer(3, 0.35)
    assert wait is not None and abs(wait - 0.2) < 1e-9
