"""The ``corpus``, ``stories`` and ``serve`` subcommands (dispatched from :mod:`tui.cli`)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.corpus import EXTRA_HINT, missing_extra

EXIT_OK = 0
EXIT_INPUT = 2
DEFAULT_HOST = "127.0.0.1"


def _error(message: str) -> int:
    from tui.core.display import strip_controls

    print(f"triangulate: error: {strip_controls(message)}", file=sys.stderr)
    return EXIT_INPUT


def _say(message: str) -> None:
    from tui.core.display import strip_controls

    print(f"triangulate: {strip_controls(message)}", file=sys.stderr)


def _need(modules: tuple[str, ...]) -> str | None:
    missing = missing_extra(modules)
    return None if missing is None else f"{missing} is not installed; {EXTRA_HINT}"


# --- corpus ----------------------------------------------------------------------------------


def corpus_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triangulate corpus",
        description="Group many articles into stories, compare each story, list where outlets disagree.",
        epilog="INPUT: a directory tree of .txt/.md/.html files, a JSON Lines file (id, text, optional "
        "outlet, url, date, title) or a Parquet file with those columns. See docs/corpus.md.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR", help="output directory")
    parser.add_argument(
        "--format", choices=("parquet", "jsonl"), default="parquet", help="story table format"
    )
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="use this Dask scheduler")
    parser.add_argument(
        "--workers", type=int, metavar="N", help="local Dask workers (default one per core; 0: no Dask)"
    )
    parser.add_argument(
        "--window", type=int, default=3, metavar="DAYS", help="max days between articles of a story"
    )
    return parser


def run_corpus_command(argv: Sequence[str]) -> int:
    args = corpus_parser().parse_args(argv)
    problem = _need(("dask", "distributed", "pyarrow", "sklearn"))
    if problem:
        return _error(f"corpus mode needs the corpus extra: {problem}")
    outdir: Path = args.output
    if outdir.exists() and not outdir.is_dir():
        return _error(f"{outdir}: exists and is not a directory")
    if args.workers is not None and args.workers < 0:
        return _error("--workers must be 0 or more")
    if args.window < 0:
        return _error("--window must be 0 or more")
    missing = [i for i in args.inputs if not Path(i).exists()]
    if missing and len(missing) == len(args.inputs):
        return _error(f"{missing[0]}: no such file or directory")
    table = (outdir / f"stories.{args.format}").resolve()
    if any(Path(i).resolve() == table for i in args.inputs):
        return _error(f"{table}: is an input; choose another OUTDIR")

    from dataclasses import replace

    from tui.corpus.grouping import GroupingSettings
    from tui.corpus.output import OutputError
    from tui.corpus.run import CorpusOptions, run_corpus

    options = CorpusOptions(
        fmt=args.format,
        workers=args.workers,
        scheduler=args.scheduler,
        grouping=replace(GroupingSettings(), window_days=args.window),
    )
    with _ProgressBar() as bar:
        try:
            result = run_corpus(args.inputs, outdir, options, log=bar.log, progress=bar.update)
        except OutputError as exc:
            return _error(str(exc))
        except OSError as exc:  # e.g. the scheduler address cannot be reached
            return _error(f"{args.scheduler or 'local cluster'}: {exc}")
    for where, reason in result.skipped:
        _say(f"skipped {where}: {reason}")
    for story, reason in result.failed:
        _say(f"story {story} failed: {reason}")
    if result.articles == 0:
        return _error("no readable articles in the input")
    for note in result.notes:
        _say(note)
    _say(
        f"{len(result.stories)} stories from {result.articles} articles "
        f"({result.compared} compared, {result.reused} reused) in {result.seconds['total']:.1f}s; "
        f"wrote {result.table}"
    )
    return EXIT_OK


class _ProgressBar:
    """A Rich progress bar on standard error for the comparison stage."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True, markup=False, highlight=False, emoji=False)
        self.progress = Progress(
            TextColumn("comparing stories"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,  # a log file gets the lines, not bar frames
        )
        self.task = self.progress.add_task("compare", total=None)

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def log(self, message: str) -> None:
        from rich.text import Text

        from tui.core.display import strip_controls

        self.console.print(Text(f"triangulate: {strip_controls(message)}"))

    def update(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total)


# --- stories ---------------------------------------------------------------------------------


def stories_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triangulate stories",
        description="Browse the stories of a corpus run, most conflicts first; Enter opens one.",
    )
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--theme", help="colour theme for this run")
    return parser


def run_stories_command(argv: Sequence[str]) -> int:
    args = stories_parser().parse_args(argv)
    outdir: Path = args.outdir
    if not outdir.is_dir():
        return _error(f"{outdir}: not a directory")
    from tui.corpus.output import TABLE_NAMES, OutputError, read_table

    if (outdir / TABLE_NAMES["parquet"]).is_file():
        problem = _need(("pyarrow",))
        if problem:
            return _error(f"reading stories.parquet needs pyarrow: {problem}")
    try:
        rows = read_table(outdir)
    except OutputError as exc:
        return _error(str(exc))
    if not sys.stdout.isatty() and not os.environ.get("TRIANGULATE_ALLOW_NO_TTY"):
        return _error("the story list needs a terminal")
    from tui.stories_app import run_stories

    return run_stories(outdir, rows, args.theme)


# --- serve -----------------------------------------------------------------------------------


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triangulate serve",
        description="Serve the reader to a web browser (textual-serve). "
        "A corpus OUTDIR opens its story list.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="as for 'triangulate', or one corpus OUTDIR")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL", help="the URL browsers use, when behind a proxy")
    return parser


def _serves_stories(paths: Sequence[str]) -> bool:
    from tui.corpus.output import TABLE_NAMES

    return len(paths) == 1 and any((Path(paths[0]) / name).is_file() for name in TABLE_NAMES.values())


def serve_command_line(paths: Sequence[str]) -> str:
    """The shell command each browser session runs: the story list for a corpus OUTDIR, else the reader."""
    base = [sys.executable, "-m", "tui"]
    if _serves_stories(paths):
        return shlex.join([*base, "stories", paths[0]])
    return shlex.join([*base, *paths])


def serve_problem(paths: Sequence[str], stories: bool) -> str | None:
    """Why a session on ``paths`` cannot start now (checked again for every browser session)."""
    missing = [p for p in paths if "://" not in p and not Path(p).exists()]
    if missing:
        return f"{missing[0]}: no such file or directory"
    if stories and not _serves_stories(paths):
        return f"{paths[0]}: its story table (stories.parquet or stories.jsonl) has gone"
    return None


def run_serve_command(argv: Sequence[str]) -> int:
    args = serve_parser().parse_args(argv)
    problem = _need(("textual_serve",))
    if problem:
        return _error(f"serve needs textual-serve: {problem}")
    problem = serve_problem(args.paths, stories=False)
    if problem:
        return _error(problem)
    if not 0 < args.port < 65536:
        return _error("--port must be between 1 and 65535")
    # Each browser session runs the app with a pipe, not a terminal; it is a real display.
    os.environ["TRIANGULATE_ALLOW_NO_TTY"] = "1"
    if os.environ.get("TERM", "") in ("", "dumb", "unknown"):
        os.environ["TERM"] = "xterm-256color"
    from tui.serve import ServeError, make_server

    paths, stories = list(args.paths), _serves_stories(args.paths)
    command = serve_command_line(paths)
    server = make_server(
        command, args.host, args.port, args.public_url, lambda: serve_problem(paths, stories)
    )
    try:
        server.serve()
    except ServeError as error:
        return _error(str(error))
    return EXIT_OK
