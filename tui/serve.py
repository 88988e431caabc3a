"""``triangulate serve``: the reader in a browser through textual-serve.

The stock server prints a banner that passes the command (user-given paths) through
Rich markup, and its "running" line is silenced; ours prints one plain line, once the
socket is listening, so a script (or a test) can wait for it instead of guessing.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any

from aiohttp import web
from textual_serve.server import Server


class _PlainServer(Server):
    async def on_startup(self, app: Any) -> None:
        return None

    def _listening(self, *_: object) -> None:
        print(f"triangulate: serving the reader on {self.public_url} (Ctrl+C to stop)", flush=True)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        if sys.platform != "win32":
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        # aiohttp calls ``print`` after the sites are bound.
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )


def make_server(command: str, host: str, port: int, public_url: str | None) -> Server:
    return _PlainServer(command, host=host, port=port, title="Triangulate", public_url=public_url)
