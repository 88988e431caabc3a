"""Run a call that must not block, so a regression fails the test instead of hanging it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def finishes(call: Callable[[], T], within: float = 30.0) -> T:
    """``call()``'s result; fails the test if it is still running after ``within`` seconds
    (a daemon thread is left behind, which is all a blocked ``open`` of a FIFO allows)."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:
            error.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(within)
    assert not worker.is_alive(), f"still blocked after {within:g} s"
    if error:
        raise error[0]
    return result[0]
