"""Command line: ``triangulate [PATH...]`` opens the reader, ``triangulate report`` prints.

Textual and the engine are imported inside the functions that need them, so
``--help`` and ``--version`` answer instantly.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__

if TYPE_CHECKING:
    from tui.core.models import Comparison
    from tui.review.marks import ReviewState

EXIT_OK = 0
EXIT_INPUT = 2
REPORT_FORMATS = ("text", "json", "markdown", "html")
FORMAT_ALIASES = {"md": "markdown", "htm": "html", "txt": "text"}
"""``--format md`` as people type it (the files' extensions)."""


def bundled_seeds() -> Path:
    """The sample story: ``seeds/`` in a checkout, ``tui/seeds`` in an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", here / "seeds"):
        if candidate.is_dir():
            return candidate
    return here.parent / "seeds"


def _parser_app() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triangulate",
        description="Read several news articles about one story side by side: which claims the sources "
        "share, which are unique to one source, and which conflict.",
        epilog="Subcommands: 'triangulate report PATH... --format text|json|markdown|html' prints the "
        "analysis without the UI; 'triangulate corpus INPUT... -o OUTDIR' groups many articles into "
        "stories; 'triangulate stories OUTDIR' lists them; 'triangulate serve [PATH...]' serves the "
        "reader to a browser. With no PATH the bundled sample story opens.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files (.txt .md .html), directories, URLs or '-'"
    )
    _naming_options(parser)
    parser.add_argument("--theme", help="colour theme for this run (see docs/reader.md)")
    parser.add_argument(
        "--review", type=Path, metavar="FILE", help="review file to use instead of the default"
    )
    parser.add_argument("--version", action="version", version=_version_text())
    return parser


def _parser_report() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triangulate report", description="Print the comparison of PATHs without opening the app."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, directories, URLs or '-'")
    parser.add_argument(
        "-f",
        "--format",
        type=lambda name: FORMAT_ALIASES.get(name.lower(), name.lower()),
        choices=REPORT_FORMATS,
        default=None,
        help="output format (default: from -o FILE's extension, .json .md .html, else text)",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically)")
    parser.add_argument("--review", type=Path, metavar="FILE", help="include marks from this review file")
    parser.add_argument(
        "--width", type=_columns, default=None, help=f"text width for the text format (at least {MIN_WIDTH})"
    )
    _naming_options(parser)
    parser.add_argument(
        "--absolute-paths",
        action="store_true",
        help="name inputs by full path (default: relative to here, else the file name)",
    )
    return parser


MIN_WIDTH = 40
"""Narrowest text report: the tables' columns are cut to single letters below it."""


def _columns(value: str) -> int:
    """``--width``: a whole number of columns, at least :data:`MIN_WIDTH`."""
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"at least {MIN_WIDTH} columns, not {width}")
    return width


def _naming_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help="outlet name of an input; the n-th --source names the n-th PATH (else sources.toml, the page, "
        "the file name)",
    )
    parser.add_argument("--title", help="name of the story (default: built from the shared headline terms)")


def _names(args: argparse.Namespace) -> dict[str, str] | None:
    """PATH -> outlet from the --source options, or ``None`` (with an error printed) when there
    are more names than paths."""
    if len(args.source) > len(args.paths):
        _error(f"{len(args.source)} --source names for {len(args.paths)} inputs; give one per PATH")
        return None
    for path in args.paths[: len(args.source)]:
        if os.path.isdir(path):
            _error(f"{path}: --source names one file; name a folder's outlets in its sources.toml")
            return None
    return dict(zip(args.paths, args.source, strict=False))


def _version_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        textual = version("textual")
    except PackageNotFoundError:
        textual = "not installed"
    return f"triangulate {__version__} (textual {textual})"


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the program itself, not a caller inside another process
        _blas_on_one_thread()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "report":
            code = _report(_parser_report().parse_args(args[1:]))
            if argv is None:
                _leave(code)
            return code
        if args and args[0] in COMMANDS[1:]:
            from tui.corpus import commands

            run = {"corpus": commands.run_corpus_command, "stories": commands.run_stories_command}
            return run.get(args[0], commands.run_serve_command)(args[1:])
        return _open(_parser_app().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing left to say.
        sys.stderr.close()
        return 0


def _leave(code: int) -> None:
    """End the program now that its output is written: flush stdout and stderr, then exit
    without the interpreter's shutdown, which frees every module and object one by one (numpy's
    and the analysis's: 30-60 ms of a report on the seeds). Nothing is left for that shutdown to
    do: the output is flushed or written by :func:`write_output`, the analysis's children are
    reaped, and the one exit handler a report can have is logging's (trafilatura imports it),
    with no handler of ours to flush. mypy ends the same way (``mypy.util.hard_exit``)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None when the program was started with the descriptor closed
            stream.flush()
    os._exit(code)


def _blas_on_one_thread() -> None:
    """numpy's OpenBLAS starts a thread per core when numpy is imported, and they spin for a
    while after it and after each product: about 0.1 s of another core's time per
    ``report seeds``, taken from whatever else runs there. The engine's products are small and
    already run on one thread (tui/core/threads.py), so the program's own process gets one
    BLAS thread from the start, unless the user chose a number."""
    from tui.core.threads import one_thread_from_start

    one_thread_from_start()


def _say(line: str) -> None:
    """One line on stderr; anything from outside in it (paths, server text) is made visible,
    so it can neither act on the terminal nor forge a second line."""
    from tui.core.display import visible

    print(f"triangulate: {visible(line)}", file=sys.stderr)


def _error(message: str) -> None:
    _say(f"error: {message}")


def _warn_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    for path, reason in skipped:
        _say(f"skipped {path}: {reason}")


def _open(args: argparse.Namespace) -> int:
    paths = list(args.paths) or [str(bundled_seeds())]
    if "-" in paths and sys.stdin.isatty():
        _error("-: standard input is a terminal; pipe an article in or give a file")
        return EXIT_INPUT
    missing = (_mistyped_command(args.paths[0]) if args.paths else None) or _first_missing(paths)
    if missing is not None:
        _error(missing)
        return EXIT_INPUT
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        _error(f"TERM={os.environ.get('TERM')} cannot show the reader; use 'triangulate report PATH...'")
        return EXIT_INPUT
    if not sys.stdout.isatty() and not os.environ.get("TRIANGULATE_ALLOW_NO_TTY"):
        _error("the reader needs a terminal; use 'triangulate report PATH...' for text output")
        return EXIT_INPUT
    names = _names(args)
    if names is None:
        return EXIT_INPUT
    if "-" in paths:
        problem = _article_in_keys_from_terminal()
        if problem is not None:
            _error(problem)
            return EXIT_INPUT
    # Before Textual is imported: a small story is analysed on the other core meanwhile.
    from tui.core.ahead import start_analysis

    ahead = start_analysis(paths, names)
    from tui.app import run_app

    return run_app(paths, args.theme, args.review, names=names, title=args.title, ahead=ahead)


def _article_in_keys_from_terminal() -> str | None:
    """Read the article piped in (``-``) now, and give the reader the terminal for its keys.

    Textual reads keys from descriptor 0, which here is the article: the reader took the
    article's bytes for keys, and quit at its end. So the article is read whole first, as the
    loader would read it (the loader then reads it from ``sys.stdin``, now that text in memory),
    and the controlling terminal takes descriptor 0, as ``less`` does. ``None`` when done, else
    why the reader cannot run."""
    from tui.core.ingest import MAX_FILE_BYTES

    piped = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # one byte more: the loader refuses a larger one
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return "-: no terminal to read keys from; use 'triangulate report PATH...' for text output"
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = io.TextIOWrapper(io.BytesIO(piped), encoding="utf-8")
    return None


COMMANDS = ("report", "corpus", "stories", "serve")


def _mistyped_command(first: str) -> str | None:
    """``triangulate reprot seeds``: a first PATH that is no file but nearly a command's name
    is that command mistyped, not an article to skip while the others open."""
    import difflib

    if os.path.lexists(first):
        return None
    close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.7)
    return f"{first}: no such file or directory; did you mean 'triangulate {close[0]}'?" if close else None


def _first_missing(paths: Sequence[str]) -> str | None:
    """Fail fast on a typo before the app takes over the screen, when *every* path is bad."""
    bad: list[tuple[str, str]] = []
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")):
            continue
        try:
            os.stat(p)
        except PermissionError:
            bad.append((p, "permission denied"))
        except (OSError, ValueError):
            bad.append((p, "no such file or directory"))
    if bad and len(bad) == len(paths):
        return f"{bad[0][0]}: {bad[0][1]}"
    return None


def _report(args: argparse.Namespace) -> int:
    """The report, with Python's cycle collector paused throughout. Importing the engine and
    numpy and analysing a story build objects that live to the end and leave next to no cyclic
    garbage (16 objects for the seeds, a few hundred at 50 articles), while each collection
    walks all that survived so far: about 60 collections, 10-20 ms of a report on the seeds.
    The engine pauses it for its later stages anyway (see ``compare_documents``)."""
    from tui.core.collector import collector_paused

    with collector_paused():
        return _run_report(args)


def _run_report(args: argparse.Namespace) -> int:
    from tui.core.errors import InputError
    from tui.core.metadata import for_sharing
    from tui.core.patterns import save_compiled
    from tui.core.pipeline import compare

    if args.output is not None:
        problem = _output_problem(args.output, args.paths, args.review)
        if problem is not None:
            _error(f"{args.output}: {problem}")
            return EXIT_INPUT
    names = _names(args)
    if names is None:
        return EXIT_INPUT
    try:
        comparison = compare(args.paths, use_cache=True, names=names)
    except InputError as exc:
        _error(str(exc))
        return EXIT_INPUT
    save_compiled()  # the next report builds the core's patterns instead of compiling them
    _warn_skipped(comparison.skipped)
    fmt: str = args.format or _format_of(args.output)
    # JSON carries no review marks (docs/json-format.md): reading them cost it 20 ms of imports.
    review = _load_review(comparison, args.review) if fmt != "json" else None
    comparison = for_sharing(comparison, absolute=args.absolute_paths)
    if args.title:
        comparison = replace(comparison, title=args.title)
    if fmt == "json":
        output = comparison.to_json() + "\n"
    elif fmt == "text":
        output = _text(comparison, review, args.width, to_terminal=args.output is None)
    else:
        from tui.export import render

        output = render(comparison, review, "markdown" if fmt == "markdown" else "html")
    if args.output is None:
        sys.stdout.write(output)
        sys.stdout.flush()
        return EXIT_OK
    from tui.core.atomic import UnsafeTarget, write_output

    try:
        write_output(args.output, output.encode("utf-8"))
    except UnsafeTarget as exc:
        _error(f"{args.output}: {exc.strerror}")
        return EXIT_INPUT
    except OSError as exc:
        _error(f"{args.output}: cannot write ({exc.strerror or exc})")
        return EXIT_INPUT
    _say(f"wrote {args.output}")
    return EXIT_OK


def _format_of(output: Path | None) -> str:
    """The report format ``-o FILE``'s extension asks for (``report.json`` is JSON), else text."""
    if output is None:
        return "text"
    from tui.export import FORMAT_OF_SUFFIX

    return {".json": "json", **FORMAT_OF_SUFFIX}.get(output.suffix.lower(), "text")


def _output_problem(output: Path, paths: Sequence[str], review: Path | None) -> str | None:
    """Why ``-o`` must not be written, checked before any work: a missing folder (a typo would
    make one), the reader's review folder, a directory, or a file we read."""
    from tui.core.ingest import expand_inputs
    from tui.review.store import in_review_folder

    folder = output.parent
    if not _exists(folder):
        return f"folder {folder} does not exist"
    if in_review_folder(output):
        return "is in the reader's review folder (its marks and notes); refusing to write there"
    try:
        target = os.stat(output)
    except OSError:
        return None  # nothing there yet (or nothing we can see): the write itself reports
    import stat

    if stat.S_ISDIR(target.st_mode):
        return "is a directory"
    if not stat.S_ISREG(target.st_mode):
        return None  # /dev/null, a FIFO, a terminal: written through, never replaced
    ours: list[str] = [p for p in paths if p != "-"]
    for item in paths:
        try:
            ours.extend(str(p) for p in expand_inputs([item]) if isinstance(p, str))
        except Exception:  # an unusable input is reported by compare(); here only names matter
            continue
    for name, what in [*((n, "one of the inputs") for n in ours), (str(review or ""), "the review file")]:
        try:
            if name and os.path.samefile(name, output):
                return f"is {what}; refusing to overwrite it"
        except (OSError, ValueError):
            continue
    return None


def _load_review(comparison: Comparison, path: Path | None) -> ReviewState | None:
    """The reviewer's marks for these inputs, if any review exists; never creates a file."""
    from tui.review.store import UnreadableReview, open_review

    if path is not None and not _exists(path):
        return None
    try:
        store, loaded = open_review(comparison.articles, path, comparison.claims)
    except (OSError, UnreadableReview) as exc:
        _say(f"warning: review marks unavailable: {exc}")
        return None
    from tui.state.orphans import reattached_notice

    for message in (loaded.warning, loaded.notice, reattached_notice(loaded.reattached)):
        if message:
            _say(f"warning: {message}")
    if not loaded.state.entries and not _exists(store.path):
        return None
    return loaded.state


def _exists(path: Path) -> bool:
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def _text(comparison: Comparison, review: ReviewState | None, width: int | None, *, to_terminal: bool) -> str:
    from rich.console import Console

    from tui.report_text import render_text

    buffer = io.StringIO()
    terminal = to_terminal and sys.stdout.isatty()
    console = Console(
        file=buffer,
        width=width or (None if terminal else 100),
        force_terminal=terminal,
        no_color=not terminal or bool(os.environ.get("NO_COLOR")),
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(render_text(comparison, review=review))
    if terminal:
        return buffer.getvalue()
    # Rich pads lines to the width; a file or pipe wants no trailing blanks.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
