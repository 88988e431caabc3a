"""Crash-safe file replacement: readers see the old file or the new one, never a torn one.

Only a regular file is ever replaced. A symlink is followed and its target replaced; a
directory, device or FIFO is never turned into a regular file (``write_atomic`` refuses it,
``write_output`` writes through to a character device or FIFO the way a shell redirect does).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_TEMP_SUFFIX = ".tmp"
# ".<name>.<pid>.<mkstemp's 8 random characters>.tmp"; older versions wrote no pid.
_TEMP_NAME = re.compile(r"^\..+?(?:\.(?P<pid>\d+))?\.[a-z0-9_]{8}\.tmp$")
_STALE_WITHOUT_PID = 3600.0
"""A temporary with no pid in its name is stale once it is this many seconds old."""
_WRITE_THROUGH_PREFIXES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


class UnsafeTarget(OSError):
    """A path that must not be replaced by a regular file (directory, device, FIFO ...)."""

    def __init__(self, path: Path, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, str(path))


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> Path:
    """Replace the regular file at ``path`` (or create it) via a flushed, fsynced temp file.

    A symlink is resolved and its target replaced, so the link survives. Anything that exists
    and is not a regular file raises :class:`UnsafeTarget`. The file gets the permissions a
    plain write would give it (an existing file's mode, else the umask's), so an exported
    report can be shared; ``private`` keeps it to the owner. Returns the path written.
    """
    target = Path(os.path.realpath(path))
    _require_regular_or_missing(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o600 if private else _mode_for(target)
    # Same directory so os.replace is a rename within one filesystem (atomic on POSIX and
    # Windows); the pid in the name lets a later run tell our stale temporaries from live ones.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=target.parent
    )
    try:
        with contextlib.suppress(OSError):  # not every filesystem has POSIX modes
            os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Checked again just before the rename: something may have appeared meanwhile.
        _require_regular_or_missing(target)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)
    return target


def write_output(path: Path, data: bytes) -> None:
    """Write a report where the user asked: through to a terminal, pipe or character device
    (``/dev/null``, ``/dev/stdout``, a FIFO), else atomically via :func:`write_atomic`.

    Directories, block devices and sockets raise :class:`UnsafeTarget`.
    """
    absolute = os.path.abspath(path)
    try:
        info = os.stat(absolute)
    except FileNotFoundError:
        info = None
    if absolute.startswith(_WRITE_THROUGH_PREFIXES) or (
        info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode))
    ):
        # Never O_CREAT: if the node vanished meanwhile, fail rather than make a regular file.
        # O_APPEND, not O_TRUNC: /dev/stdout may be a file the shell opened with ">>".
        fd = os.open(absolute, os.O_WRONLY | os.O_APPEND)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return
    write_atomic(path, data)


def _require_regular_or_missing(target: Path) -> None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeTarget(target, "is a directory", errno.EISDIR)
    raise UnsafeTarget(target, f"is not a regular file ({_kind(info.st_mode)})")


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def clean_stale_temporaries(directory: Path) -> int:
    """Delete temporaries that a killed writer left in ``directory``; returns how many.

    A temporary is stale when the process named in it is gone (or, for names without a pid,
    when it is an hour old). Files of live writers, and anything not named like ours, stay.
    """
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = match.group("pid")
        stale = not _alive(int(pid)) if pid else now - info.st_mtime > _STALE_WITHOUT_PID
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or we cannot tell: leave the file alone
    return True


@contextlib.contextmanager
def directory_lock(directory: Path) -> Iterator[None]:
    """Advisory exclusive lock on ``directory`` (``flock``), held for the ``with`` block.

    Cooperating Triangulate processes serialise read-merge-write cycles with it. Where
    ``flock`` is missing (Windows) or the directory cannot be opened, it does nothing.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        # A filesystem without flock: proceed unlocked rather than fail the save.
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask by setting it is not thread-safe; Linux reports it without a change.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable across power loss; not possible on every platform.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
