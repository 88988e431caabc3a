"""``triangulate serve``: textual-serve, with a start-up line that prints no markup."""

from __future__ import annotations

from typing import Any

from textual_serve.server import Server


class _PlainServer(Server):
    async def on_startup(self, app: Any) -> None:
        # The stock banner prints the command (user-given paths) through Rich markup.
        print(f"triangulate: serving the reader on {self.public_url} (Ctrl+C to stop)", flush=True)


def make_server(command: str, host: str, port: int, public_url: str | None) -> Server:
    return _PlainServer(command, host=host, port=port, title="Triangulate", public_url=public_url)
