"""``python -m tui.evaluation [STORY ...] [--json] [--verbose] [--pairs | --no-pairs]``: score the
engine on gold stories, then (by default, without story arguments) on the sentence-pair benchmark."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.evaluation.gold import GoldError
from tui.evaluation.report import STORIES_DIR, as_json, find_stories, misses, run_story, table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.evaluation",
        description="Compare each labelled story with the engine and print how well it matches the gold.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help=f"gold.toml files, story directories or folders of them (default: {STORIES_DIR})",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list every gold item that failed")
    pairs = parser.add_mutually_exclusive_group()
    pairs.add_argument(
        "--pairs", action="store_true", help="also run the sentence-pair benchmark (default without STORY)"
    )
    pairs.add_argument("--no-pairs", action="store_true", help="skip the sentence-pair benchmark")
    args = parser.parse_args(argv)
    try:
        stories = find_stories(args.paths)
    except (GoldError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        results = [run_story(story) for story in stories]
    except NotImplementedError:
        print(
            "error: the engine is not implemented yet (tui.compare raised NotImplementedError)",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(as_json(results))
        return 0
    print(table(results))
    if args.verbose:
        print()
        print(misses(results))
    if args.pairs or (not args.paths and not args.no_pairs):
        from tui.evaluation import pairs as pair_benchmark

        print()
        scored, informative, count, note = pair_benchmark.run()
        print(pair_benchmark.table(scored, count, note, informative))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # the reader of the table went away (`| head`)
        raise SystemExit(0) from None
