"""fetch_url against a real HTTP server on 127.0.0.1 started by the test itself."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.core.errors import InputError
from tui.core.fetch import USER_AGENT, fetch_url

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Stocks rise</title></head>"
    "<body><article><h1>Stocks rise</h1><p>Shares rose 7% on Tuesday, traders said.</p>"
    "<p>Café owners were pleased.</p></article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event
    trickle_finished: threading.Event
    seen_agents: list[str]

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path in ("/story", "/story%20two"):
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/secret")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            # Holds the response until the test tears the server down.
            self.release.wait(10)
        elif self.path in ("/trickle-body", "/trickle-headers"):
            self._trickle()
        elif self.path == "/escapes":
            self.send_response(404, 'Gone \x1b]52;c;ZXZpbA==\x07 [a="] away')
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"y" * 5000)
            self.close_connection = True
        else:
            self._send(404, b"not here", "text/plain")

    def _trickle(self) -> None:
        # One byte every 0.05 s, each well inside any per-read timeout, about 25 s in all:
        # the server's behaviour under test, not synchronisation.
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n\r\n"
        body = b"x" * 400
        if self.path == "/trickle-body":
            self.wfile.write(head)
            head = b""
        for byte in head + body:
            if self.release.wait(0.05):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
        self.trickle_finished.set()

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, _Handler]]:
    release = threading.Event()
    handler = type(
        "Handler", (_Handler,), {"release": release, "trickle_finished": threading.Event(), "seen_agents": []}
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler  # type: ignore[misc]
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetches_a_real_page_with_content_type_and_user_agent(server: tuple[str, type[_Handler]]) -> None:
    base, handler = server
    body, content_type = fetch_url(f"{base}/story")
    assert body == PAGE
    assert content_type == "text/html; charset=utf-8"
    assert handler.seen_agents == [USER_AGENT]


def test_follows_http_redirects_and_quotes_spaces(server: tuple[str, type[_Handler]]) -> None:
    base, _ = server
    assert fetch_url(f"{base}/moved")[0] == PAGE
    assert fetch_url(f"{base}/story two#section")[0] == PAGE


def test_http_error_names_the_status(server: tuple[str, type[_Handler]]) -> None:
    base, _ = server
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}/missing")
    assert info.value.reason.startswith("HTTP 404")
    assert info.value.path == f"{base}/missing"


def test_slow_server_times_out(server: tuple[str, type[_Handler]]) -> None:
    base, _ = server
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}/slow", timeout=0.3)
    assert info.value.reason == "timed out after 0.3 s"


@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_body_over_the_cap_is_refused(server: tuple[str, type[_Handler]], path: str) -> None:
    base, _ = server
    assert len(fetch_url(f"{base}{path}", max_bytes=10_000)[0]) == 5000
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}{path}", max_bytes=1000)
    assert info.value.reason.startswith("too large")


def test_redirect_off_the_web_is_refused(server: tuple[str, type[_Handler]]) -> None:
    base, _ = server
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}/to-ftp")
    assert "non-web" in info.value.reason


def test_unreachable_host_is_reported() -> None:
    # A port that was just free: nothing listens there, so the connection is refused.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError) as info:
        fetch_url(f"http://127.0.0.1:{port}/story", timeout=5)
    assert info.value.reason.startswith("could not reach host: ")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "http://"]
)
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(InputError):
        fetch_url(url)


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_server_is_cut_off_at_the_overall_deadline(
    server: tuple[str, type[_Handler]], path: str
) -> None:
    # Every read returns within 0.05 s, so only a deadline on the whole fetch stops this;
    # a deadline checked between reads of the body waits for the whole 25 s trickle.
    base, handler = server
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}{path}", timeout=0.5)
    assert info.value.reason == "timed out after 0.5 s"
    assert not handler.trickle_finished.is_set(), "the fetch waited for the whole trickle"


def test_the_reason_phrase_is_spelled_out_not_sent_to_the_terminal(
    server: tuple[str, type[_Handler]],
) -> None:
    base, _ = server
    with pytest.raises(InputError) as info:
        fetch_url(f"{base}/escapes")
    reason = info.value.reason
    assert reason.startswith("HTTP 404 Gone ")
    assert "\x1b" not in reason and "\x07" not in reason
    assert "\\x1b]52;c;" in reason and '[a="]' in reason
