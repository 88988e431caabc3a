"""``triangulate serve``: the reader in a browser through textual-serve.

The stock server prints a banner that passes the command (user-given paths) through
Rich markup, and its "running" line is silenced; ours prints one plain line, once the
socket is listening, so a script (or a test) can wait for it instead of guessing.

Its page also asks fonts.googleapis.com for the font: a reader used on sensitive stories
makes no third-party requests, so ours declares the same font from the copy textual-serve
ships in its static files. A session whose served path has gone shows why in the browser
instead of an empty terminal (the app's own error only reaches the server's output).
"""

from __future__ import annotations

import asyncio
import errno
import json
import re
import signal
import sys
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.server import Server

from tui.core.display import strip_controls

Check = Callable[[], str | None]
"""What stops a session from starting (a served path has gone), checked per session."""

_LINK = re.compile(r"<link\b[^>]*\bhref=\"([^\"]*)\"[^>]*>", re.IGNORECASE)
_FONT_FILES = (
    ("normal", "RobotoMono-VariableFont_wght.ttf"),
    ("italic", "RobotoMono-Italic-VariableFont_wght.ttf"),
)


class ServeError(Exception):
    """The server could not start; the message is one line for the user."""


class _PlainServer(Server):
    def __init__(self, command: str, host: str, port: int, public_url: str | None, check: Check) -> None:
        super().__init__(command, host=host, port=port, title="Triangulate", public_url=public_url)
        self.check = check

    async def on_startup(self, app: Any) -> None:
        return None

    def _listening(self, *_: object) -> None:
        print(f"triangulate: serving the reader on {self.public_url} (Ctrl+C to stop)", flush=True)

    async def handle_index(self, request: web.Request) -> web.Response:
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.text is not None
        fonts = self._local_fonts(request)
        own = self.public_url.rstrip("/") + "/"

        def local(link: re.Match[str]) -> str:
            # The stock page's only outside link is the font's stylesheet.
            return link[0] if link[1].startswith(own) else fonts

        response.text = _LINK.sub(local, response.text)
        return response

    def _local_fonts(self, request: web.Request) -> str:
        static = request.app.router["static"]
        faces = "".join(
            f'@font-face {{ font-family: "Roboto Mono"; font-style: {style}; font-weight: 100 700; '
            f'src: url("{self.public_url}{static.url_for(filename="fonts/" + name)}") format("truetype"); }}'
            for style, name in _FONT_FILES
        )
        return f"<style>{faces}</style>"

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        problem = self.check()
        if problem is None:
            return await super().handle_websocket(request)
        # Shown in the page's terminal, which stays open (a closed session hides it).
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        line = strip_controls(f"triangulate: error: {problem}")
        await websocket.send_bytes(f"\x1b[2J\x1b[H{line}\r\n".encode())
        async for message in websocket:  # the page pings to see the session is alive
            envelope = json.loads(message.data) if message.type == WSMsgType.TEXT else None
            if isinstance(envelope, list) and len(envelope) == 2 and envelope[0] == "ping":
                await websocket.send_json(["pong", envelope[1]])
        return websocket

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        if sys.platform != "win32":
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        try:
            # aiohttp calls ``print`` after the sites are bound.
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self._listening,
            )
        except OSError as exc:
            raise ServeError(_bind_problem(self.host, self.port, exc)) from None
        finally:
            if not loop.is_closed():
                loop.close()


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"cannot listen on {where}: the address is in use (another 'triangulate serve'?); "
            "choose another --port"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot listen on {where}: permission denied; choose a --port above 1023"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {where}: not an address of this machine; check --host"
    return f"cannot listen on {where}: {exc.strerror or exc}"


def make_server(command: str, host: str, port: int, public_url: str | None, check: Check) -> Server:
    return _PlainServer(command, host, port, public_url, check)
