"""``python -m bench``: run every benchmark and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import compileall
import sys
import time
from pathlib import Path

from bench import machine, report, runner

DEFAULT_SIZES = (2, 5, 25, 50, 100, 200, 400)
QUICK_SIZES = (2, 5)


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 2,5,20")
    return sizes


def _write_report(path: Path, text: str) -> None:
    # The project's writer: atomic for a regular file, through to /dev/null or a FIFO,
    # never replacing a device node with a regular file.
    from tui.core.atomic import write_output

    write_output(path, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpora, one run each (a smoke test)")
    parser.add_argument("--sizes", type=_sizes, help="synthetic corpus sizes in articles, e.g. 2,5,20")
    parser.add_argument("--out", type=Path, help="where to write the Markdown (default docs/benchmarks.md)")
    parser.add_argument("--no-cli", action="store_true", help="skip the `triangulate report` timing")
    parser.add_argument("--no-ui", action="store_true", help="skip the headless app timings")
    parser.add_argument(
        "--only-ui",
        action="store_true",
        help="only the headless app timings (first frames, cached opens, keys)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    out: Path = args.out or runner.ROOT / "docs" / "benchmarks.md"
    plan = runner.Plan(
        sizes=sizes,
        quick=args.quick,
        cli=not (args.no_cli or args.only_ui),
        ui=not args.no_ui,
        engine=not args.only_ui,
    )
    started = time.perf_counter()
    # An installed app runs from byte-compiled modules; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module on every start and the report
    # and first-frame timings would measure the compiler. compileall writes them regardless.
    compileall.compile_dir(str(runner.ROOT / "tui"), quiet=1)

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    results = runner.run_all(plan, log)
    command = "python -m bench" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    _write_report(out, report.render(results, machine.describe(runner.ROOT), command.strip()))
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
