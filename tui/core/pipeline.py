"""compare(): the one entry point that runs load -> segment -> match -> classify -> align."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.models import Comparison

ENGINE_VERSION = "1"
"""Bump when the analysis changes what it finds; caches and reports key on it."""

Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done, 0..1."""


@dataclass(frozen=True, slots=True)
class TextInput:
    """An article given as text rather than a path."""

    text: str
    source: str = ""


InputLike = str | Path | TextInput


def compare(
    inputs: Sequence[InputLike],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    raise NotImplementedError
