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


class LiveSession:
    """A program kept running in a pseudo-terminal while the test does other things
    (e.g. drives a second program); every wait is on observable state with a deadline."""

    def __init__(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (100, 30)
    ) -> None:
        self.output = b""
        self.exit_code: int | None = None
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            try:
                _set_size(0, *size)
                os.execvpe(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)

    def pump(self, wait: float = 0.05) -> None:
        """Read whatever the program has drawn (waiting at most ``wait`` for it)."""
        readable, _, _ = select.select([self.fd], [], [], wait)
        if readable:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            self.output += chunk

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait_for_output(self, needle: bytes, since: int = 0, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.output[since:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; last output: {self.output[-300:]!r}")
            self.pump()

    def wait_exit(self, timeout: float = 60.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                os.close(self.fd)
                return self.exit_code
            self.pump()
        self.kill()
        raise AssertionError("the program did not exit")

    def kill(self) -> None:
        if self.exit_code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                _, status = os.waitpid(self.pid, 0)
                self.exit_code = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                pass
            os.close(self.fd)
