"""The reader, headless, in its own process: time to the first complete frame and per-key latency.

``python -m bench.ui_worker frame DIR`` times the first frames of the reader on the articles in
``DIR``; ``python -m bench.ui_worker keys DIR REPEATS`` times keys once the comparison is on
screen. What each measures: :mod:`bench.ui_timed`, imported here only after a small story's
analysis was started ahead (:mod:`tui.core.ahead`) the way the command line starts the reader,
before Textual is imported, so a frame's time includes what that saves.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from bench.json_result import report
from tui.core.ahead import start_analysis


def main(argv: list[str]) -> int:
    ahead = start_analysis(argv[1:2]) if argv[:1] == ["frame"] else None
    from bench import ui_timed

    def measure() -> Any:
        if argv[0] == "frame":
            return ui_timed.frame(argv[1], ahead)
        if argv[0] == "keys":
            return asyncio.run(ui_timed.keys(argv[1], int(argv[2])))
        raise ValueError(f"unknown mode {argv[0]!r}")

    return report(measure)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
