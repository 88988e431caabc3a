"""``triangulate serve``: bound to 127.0.0.1, serves the page, and a browser session runs the reader."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def first_screen(port: int) -> bytes:
    """What a browser session receives until the reader shows its story header."""
    received = b""
    url = f"http://127.0.0.1:{port}/ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        while b"sources" not in received:
            message = await asyncio.wait_for(ws.receive(), 120)
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                break
            received += message.data if isinstance(message.data, bytes) else message.data.encode()
    return received


def test_serve_answers_on_localhost_and_runs_the_reader() -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "seeds", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert server.stdout is not None
        # The server prints this line once its socket is listening.
        line = server.stdout.readline()
        assert line.strip() == f"triangulate: serving the reader on http://127.0.0.1:{port} (Ctrl+C to stop)"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            page = response.read().decode("utf-8")
            assert response.status == 200
        assert "<title>Triangulate</title>" in page or "Triangulate" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        assert b"sources" in asyncio.run(first_screen(port))
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_missing_path() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "serve", "no-such-dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "triangulate: error: no-such-dir: no such file or directory\n"


@contextmanager
def serving(path: Path | str, port: int) -> Iterator[subprocess.Popen[str]]:
    """``triangulate serve PATH`` on ``port``, once it says it is listening."""
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", str(path), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("triangulate: serving the reader on")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_second_server_on_a_busy_port_says_so_in_one_line() -> None:
    port = free_port()
    with serving("seeds", port):
        second = subprocess.run(
            [sys.executable, "-m", "tui", "serve", "seeds", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert second.returncode == 2
    assert second.stdout == ""
    assert second.stderr == (
        f"triangulate: error: cannot listen on 127.0.0.1:{port}: the address is in use "
        "(another 'triangulate serve'?); choose another --port\n"
    )


def test_the_page_asks_nothing_of_other_hosts() -> None:
    port = free_port()
    own = f"http://127.0.0.1:{port}/"
    with serving("seeds", port):
        with urllib.request.urlopen(own, timeout=30) as response:
            page = response.read().decode("utf-8")
        font_url = f"{own}static/fonts/RobotoMono-VariableFont_wght.ttf"
        with urllib.request.urlopen(font_url, timeout=30) as font:
            assert font.status == 200
    # Every address the browser would load: links, scripts, images, fonts, the websocket.
    addresses = re.findall(r"""(?:href|src)="([^"]*)"|url\(["']?([^"')]*)""", page)
    loaded = [a or b for a, b in addresses]
    assert any("fonts/RobotoMono" in url for url in loaded)
    assert all(url.startswith(own) for url in loaded), loaded
    assert "googleapis" not in page


def test_a_session_on_a_path_that_has_gone_shows_why(tmp_path: Path) -> None:
    served = tmp_path / "story"
    shutil.copytree(ROOT / "seeds", served)
    port = free_port()
    with serving(served, port):
        shutil.rmtree(served)
        shown = asyncio.run(session_output(port, b"no such file"))
    assert f"triangulate: error: {served}: no such file or directory".encode() in shown


async def session_output(port: int, until: bytes) -> bytes:
    """The bytes a browser session's terminal receives, until ``until`` or the session ends."""
    received = b""
    url = f"http://127.0.0.1:{port}/ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        while until not in received:
            message = await asyncio.wait_for(ws.receive(), 120)
            if message.type != aiohttp.WSMsgType.BINARY:
                break
            received += message.data
    return received
