"""Work for a second core, in processes forked from this one.

The engine is pure Python under the interpreter lock, so threads do not help; a forked
process inherits the story as it stands (nothing is pickled on the way in) and pickles back
only its result, which should be compact (numpy arrays pickle in one piece; a hundred
thousand small objects cost about as much to pickle and unpickle as to compute). Two users:
the per-article text stages on a pool (:mod:`tui.core.text_pool`, :func:`fork_pool`) and one
story-wide computation beside this process's own (:func:`beside`, used by linking).

Processes are forked, also when other threads run (the reader calls the engine from one). A
``forkserver`` or ``spawn`` process runs the caller's main script again (a library user's
unguarded script would run twice) and needs multiprocessing's resource tracker, which cannot
start under the reader (Textual replaces ``sys.stderr``; it failed with "bad value(s) in
fds_to_keep"). Forking from a thread risks a lock some other thread held at that moment; a
child here only runs engine code on data made before the fork and leaves by ``os._exit``, so
it takes no lock of the reader's. Where there is no ``fork`` (Windows) everything stays here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

WAIT = 0.1
"""Seconds between checks of the caller's ``check()`` while it waits for a child."""
_LENGTH = 8
"""Bytes of the length that comes before a child's pickled result."""
RESULT_PIPE = 1 << 20
"""Bytes a pool's result pipe holds (Linux's largest for an unprivileged process): four text
chunks (see :func:`_widen_result_pipe`)."""


def spare_cores() -> int:
    """How many processes may work beside this one: none in a worker of some pool (corpus
    mode's Dask workers: their cores are taken), on one core, or without ``fork``."""
    # Imported here: multiprocessing's import is a few ms of a small story's analysis.
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(cores - 1, 0)


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes. A forked process shares this process's objects
    until it writes to them, and a collection writes to every object it walks: each worker
    first freezes what it inherited out of its collector (``gc.freeze`` relinks lists, it does
    not touch objects)."""
    import concurrent.futures
    import multiprocessing

    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_child
    )
    _widen_result_pipe(pool)
    return pool


def _widen_result_pipe(pool: ProcessPoolExecutor) -> None:
    """Let a worker write a few results ahead of this process's reading (Linux: a pipe of
    :data:`RESULT_PIPE` bytes, not 64 KiB; elsewhere, or if refused, the pipe stays as it is).

    The pool's result thread reads a worker's result in pieces of what the pipe holds, and takes
    the interpreter lock back after each read: while this thread computes, it waits up to the
    switch interval (5 ms) for it, and the worker, its pipe full, waits too. A text chunk of
    three articles pickles to 200-250 KB: at 200 articles the worker sat 0.2-0.5 s between its
    chunks, 0.05-0.1 s with the wider pipe (docs/performance.md, eighteenth round)."""
    try:
        import fcntl

        # A private attribute of the pool, hence the getattr: without it, nothing is changed.
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None:
            fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE)
    except (ImportError, AttributeError, OSError):
        pass


def _start_child() -> None:  # pragma: no cover - runs in a child
    """What every forked child does first: freeze what it inherited out of its collector (see
    :func:`fork_pool`) and keep the memory it frees (see :func:`_keep_freed_memory`)."""
    gc.freeze()
    _keep_freed_memory()


def _keep_freed_memory() -> None:  # pragma: no cover - runs in a child
    """Tell glibc's ``malloc`` to keep what the child frees for its next allocations, not to
    return it to the kernel (large blocks by ``munmap``, the heap's top by trimming): each page
    handed back and asked for again is a page fault and a zeroed page. A child lives for one
    computation and leaves by ``os._exit``, so what it keeps is given back then; this process,
    and the library user's, keep glibc's own settings (``mallopt`` is process-wide and turns
    off glibc's adaptive thresholds for good). Nothing where there is no glibc."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    # Both or neither: a heap kept whole while large blocks are still mapped and unmapped
    # faulted more than glibc's defaults (1.17M faults against 0.44M at 200 articles, and
    # 0.59M for the other way round). Older glibc refuses an mmap threshold above 32 MiB.
    if mallopt(_M_MMAP_THRESHOLD, _KEEP_BELOW):
        mallopt(_M_TRIM_THRESHOLD, _KEEP_BELOW)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
"""``mallopt`` options (``malloc.h``)."""
_KEEP_BELOW = 1 << 30
"""Blocks up to 1 GiB from the heap; a free top of the heap kept up to 1 GiB."""


class Beside(Generic[T]):
    """``work()`` running in a forked child, or left for :meth:`result` to do here. Use it as a
    context manager: leaving the block ends a child whose result was not taken."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, fd: int | None = None) -> None:
        self._work = work
        self._pid = pid
        self._fd = fd
        self._done: tuple[T] | None = None

    @property
    def forked(self) -> bool:
        """Whether a child was started (and not yet reaped)."""
        return self._pid is not None

    def ready(self) -> bool:
        """Whether :meth:`result` would not wait for the child: it has sent something or
        ended (or there is no child)."""
        if self._fd is None:
            return True
        import select

        return bool(select.select([self._fd], [], [], 0)[0])

    def result(self, check: Callable[[], None] | None = None) -> T:
        """The child's result, waited for with ``check()`` every :data:`WAIT` seconds (it may
        raise to cancel: the child is ended and the exception passes on); computed here, the
        same way, when there is no child or it died or failed. Asked again, the same object."""
        if self._done is None:
            self._done = (self._take(check),)
        return self._done[0]

    def _take(self, check: Callable[[], None] | None) -> T:
        if self._pid is None or self._fd is None:
            return self._work()
        try:
            data = _receive(self._fd, check)
        finally:
            self._end(kill=True)
        if data is not None:
            try:
                return pickle.loads(data)  # type: ignore[no-any-return]
            except Exception:  # a message that does not unpickle: done here below
                pass
        return self._work()

    def _end(self, kill: bool) -> None:
        pid, fd, self._pid, self._fd = self._pid, self._fd, None, None
        if fd is not None:
            os.close(fd)
        if pid is not None:
            if kill:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._end(kill=True)


def beside(work: Callable[[], T], enabled: bool = True) -> Beside[T]:
    """Start ``work()`` in a forked child when ``enabled`` and a core is spare; otherwise (or
    if no child can be started) :meth:`Beside.result` does it here. ``work`` must not write to
    anything this process reads afterwards: the child's writes stay in the child."""
    if not enabled or not hasattr(os, "fork") or spare_cores() < 1:
        return Beside(work)
    try:
        read, write = os.pipe()
    except OSError:
        return Beside(work)
    try:
        pid = os.fork()
    except OSError:  # a process limit, no memory to map: done here
        os.close(read)
        os.close(write)
        return Beside(work)
    if pid == 0:  # pragma: no cover - the child; coverage is not collected there
        _child(work, read, write)
    os.close(write)
    return Beside(work, pid, read)


def _child(work: Callable[[], object], read: int, write: int) -> None:  # pragma: no cover
    """Run ``work`` and send its pickled result (length first); leave by ``os._exit`` whatever
    happens, so no exit handler or ``finally`` of this process's other frames runs twice."""
    status = 1
    try:
        os.close(read)
        _start_child()
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(_LENGTH, "little") + data)
        while view:
            view = view[os.write(write, view) :]
        status = 0
    finally:
        os._exit(status)


def _receive(fd: int, check: Callable[[], None] | None) -> bytes | None:
    """A child's message from ``fd``, or ``None`` if it ended without sending one whole."""
    import select

    chunks: list[bytes] = []
    while True:
        if check is not None:
            check()
            ready, _, _ = select.select([fd], [], [], WAIT)
            if not ready:
                continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    if len(data) < _LENGTH or int.from_bytes(data[:_LENGTH], "little") != len(data) - _LENGTH:
        return None
    return data[_LENGTH:]


R = TypeVar("R")


def map_beside(
    function: Callable[[T], R],
    items: Sequence[T],
    split: int,
    enabled: bool = True,
    check: Callable[[], None] | None = None,
) -> list[R]:
    """``[function(x) for x in items]``: ``items[split:]`` in a forked child (see
    :func:`beside`) while this process does ``items[:split]``. ``function`` must return what
    pickles cheaply, and must not write to anything this process reads afterwards."""
    with beside(lambda: [function(x) for x in items[split:]], enabled) as rest:
        first = [function(x) for x in items[:split]]
        return first + rest.result(check)
