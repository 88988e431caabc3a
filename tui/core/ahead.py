"""A small story's analysis, started in a forked child before the reader itself starts.

The reader's start (Textual's and Rich's import, the first styling and frame: about half a
second) and a small story's analysis (the stages' imports, numpy's above all, then the stages:
about a third of a second on the seeds) need nothing of each other, yet in one process they run
one after the other under the interpreter lock. Forked before Textual is imported, a child
analyses on the other core while the reader starts, and sends the comparison back pickled
(0.1 MB for the seeds, a few ms each way). Larger stories keep the reader's own path: it shows
the articles while the analysis runs, and their stages fork helpers of their own.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from tui.core.forking import Beside, beside, spare_cores

if TYPE_CHECKING:
    from tui.core.models import Comparison

MAX_BYTES = 64 * 1024
"""The most input, in bytes on disk, analysed ahead: about three times the seeds, whose
analysis takes a third of a second. While the child is on time the reader shows no articles
before the comparison, so a story whose analysis takes longer is left to the reader's path,
which previews them as it goes."""


def start_analysis(paths: Sequence[str], names: Mapping[str, str] | None = None) -> Beside[Comparison] | None:
    """The comparison of ``paths`` (as :func:`tui.core.pipeline.compare` with the cache on)
    started in a forked child, or ``None`` when the story is not small local files, or no core
    is spare. If the child fails or dies, :meth:`Beside.result` compares in the caller."""
    if not paths or input_bytes(paths) > MAX_BYTES or spare_cores() < 1:
        return None
    return beside(partial(_analyse, tuple(paths), dict(names or {}), os.getpid()))


def input_bytes(paths: Sequence[str]) -> float:
    """The size on disk of ``paths``, a directory's files counted (not its folders); infinite
    for anything else (standard input, a URL, a missing or special file), which is never small.
    Only ``os.stat``: the loader, and what it imports, stays out of the reader's start."""
    total = 0
    for path in paths:
        if path == "-":
            return float("inf")
        try:
            info = os.stat(path)
            if stat.S_ISDIR(info.st_mode):
                with os.scandir(path) as entries:
                    total += sum(e.stat().st_size for e in entries if e.is_file())
            elif stat.S_ISREG(info.st_mode):
                total += info.st_size
            else:
                return float("inf")
        except (OSError, ValueError):  # missing, unreadable, or not a path (a URL, a NUL)
            return float("inf")
    return total


def _analyse(paths: tuple[str, ...], names: dict[str, str], parent: int) -> Comparison:
    from tui.core.patterns import save_compiled
    from tui.core.pipeline import compare

    if os.getpid() != parent:
        # In the child: the terminal is the reader's; nothing the stages or their libraries
        # might print (a warning, a log line) may land on its screen.
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        os.close(quiet)
    comparison = compare(paths, use_cache=True, names=names)
    save_compiled()  # as the reader does after an analysis: the next start builds its patterns
    return comparison
