"""``triangulate serve``: bound to 127.0.0.1, serves the page, and a browser session runs the reader."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import urllib.request
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
