"""Drive a real program in a pseudo-terminal, as a person at a terminal would."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Session:
    """What the program wrote to the terminal and how it ended."""

    output: bytes = b""
    exit_code: int | None = None
    events: list[str] = field(default_factory=list)


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def run(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    size: tuple[int, int] = (100, 30),
    ready: bytes = b"sources",
    script: Sequence[tuple[str, object]] = (("keys", b"q"),),
    timeout: float = 60.0,
) -> Session:
    """Start ``argv`` on a terminal of ``size`` (cols, rows); once ``ready`` has been drawn,
    play ``script``: ``("keys", bytes)`` types, ``("resize", (cols, rows))`` resizes the
    terminal, ``("expect", bytes)`` waits until those bytes appear after the previous step.
    Then wait for the program to exit. Synchronisation is on output, never on sleeps."""
    session = Session()
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            # Size the terminal before the program starts, so it never sees a default size.
            _set_size(0, *size)
            os.execvpe(argv[0], list(argv), dict(env))
        finally:
            os._exit(127)
    deadline = time.monotonic() + timeout
    steps = list(script)
    started = False
    mark = 0
    try:
        while time.monotonic() < deadline:
            readable, _, _ = select.select([fd], [], [], 0.1)
            if readable:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                session.output += chunk
            if not started and ready in session.output:
                started = True
                mark = len(session.output)
            while started and steps:
                kind, value = steps[0]
                if kind == "expect":
                    assert isinstance(value, bytes)
                    if value not in session.output[mark:]:
                        break
                    mark = len(session.output)
                elif kind == "keys":
                    assert isinstance(value, bytes)
                    os.write(fd, value)
                elif kind == "resize":
                    assert isinstance(value, tuple)
                    _set_size(fd, *value)
                    os.kill(pid, signal.SIGWINCH)
                session.events.append(kind)
                steps.pop(0)
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    session.exit_code = os.waitstatus_to_exitcode(status)
    return session
