"""The reader over a real SSH session: an sshd on 127.0.0.1 started by the test, a client in a
pseudo-terminal, keys pressed, `q`, exit status 0. Skipped cleanly where no sshd is installed
(`.ci/run` installs Debian's openssh-server when it can) or it cannot start here."""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal.pty_session import run

ROOT = Path(__file__).resolve().parents[2]
SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
SSH = shutil.which("ssh")
KEYGEN = shutil.which("ssh-keygen")

pytestmark = pytest.mark.skipif(
    not (SSHD and SSH and KEYGEN), reason="openssh server or client not installed"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_listening(process: subprocess.Popen[bytes], deadline: float = 15.0) -> str | None:
    """Read sshd's log until it says it is listening; return None then, else what it said."""
    assert process.stderr is not None
    said = b""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            if not line:
                break
            said += line
            if b"Server listening" in line:
                return None
        elif process.poll() is not None:
            break
    return said.decode(errors="replace").strip()[-300:] or "no output"


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    assert SSHD and KEYGEN
    host_key = tmp_path / "host_key"
    client_key = tmp_path / "client_key"
    for key in (host_key, client_key):
        subprocess.run([KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    port = _free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {tmp_path / 'sshd.pid'}",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "StrictModes no",
                "PrintMotd no",
                "AcceptEnv TERM",
            ]
        )
        + "\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation directory
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        problem = _wait_until_listening(process)
        if problem is not None:
            pytest.skip(f"sshd could not start here: {problem}")
        yield port, client_key
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_reader_over_ssh_opens_responds_and_quits(sshd: tuple[int, Path]) -> None:
    port, key = sshd
    assert SSH
    remote = f"cd {ROOT} && TRIANGULATE_NO_CACHE=1 {sys.executable} -m tui seeds"
    argv = [
        SSH, "-tt", "-i", str(key), "-p", str(port),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
        "127.0.0.1", remote,
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    script = (("keys", b"j"), ("keys", b"n"), ("expect", b"row"), ("keys", b"q"))
    session = run(argv, env, size=(100, 30), script=script, timeout=90)
    assert session.events == ["keys", "keys", "expect", "keys"], session.output[-400:]
    assert session.exit_code == 0
    assert b"\x1b[?1049l" in session.output  # the remote terminal was handed back
    assert b"Traceback" not in session.output
