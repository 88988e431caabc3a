"""Read a file we did not write without hanging on it or reading without end.

Opening a FIFO blocks until a writer appears and a character device such as ``/dev/zero``
never ends, so the file is opened non-blocking, checked to be regular on the open descriptor
(no window for a swap between check and open), and read with a hard byte cap that also holds
for a file that grows while it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket or directory, not a regular file."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the cap; ``size`` is what was seen (at least ``cap + 1``)."""

    def __init__(self, path: Path | str, size: int, cap: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size
        self.cap = cap


def read_regular(path: Path | str, cap: int) -> bytes:
    """The bytes of the regular file at ``path``; at most ``cap`` of them or :class:`TooLarge`.

    Other failures are the usual ``OSError`` subclasses (``FileNotFoundError``,
    ``PermissionError``, ...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, _kind(info.st_mode))
        if info.st_size > cap:
            raise TooLarge(path, info.st_size, cap)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            raise TooLarge(path, total, cap)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
