"""Fetch an article over HTTP(S) with the standard library, bounded in size and time."""

from __future__ import annotations

import http.client
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import IO

from tui._version import __version__
from tui.core.display import visible
from tui.core.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"Triangulate/{__version__} (news article comparison; Python urllib)"
_CHUNK = 64 * 1024
_SCHEMES = ("http", "https")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would also follow a redirect to ftp://; an article URL must stay on the web.
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise urllib.error.URLError(f"redirected to a non-web address ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, timeout: float = 15.0, max_bytes: int = MAX_BYTES) -> tuple[bytes, str | None]:
    """Return ``(body, content type)``; any failure is an :class:`InputError` naming ``url``.

    ``timeout`` bounds the whole fetch (connection, headers and body), not just each socket
    read, so a server that trickles bytes cannot hold the caller for longer.
    """
    request = urllib.request.Request(
        _quoted(url),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    # urllib has no overall deadline: its timeout is per socket operation, and a server
    # can keep every operation short (one header byte a second). So the download runs in a
    # daemon thread and the caller stops waiting at the deadline; the thread notices the
    # cancel flag at its next read (or its per-read timeout) and closes the connection.
    cancel = threading.Event()
    outcome: list[tuple[bytes, str | None] | BaseException] = []

    def download() -> None:
        try:
            outcome.append(_download(url, request, timeout, max_bytes, cancel))
        except BaseException as exc:  # handed to the caller, who decides what it means
            outcome.append(exc)

    worker = threading.Thread(target=download, name="triangulate-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not outcome:
        cancel.set()
        raise InputError(url, f"timed out after {timeout:g} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _download(
    url: str, request: urllib.request.Request, timeout: float, max_bytes: int, cancel: threading.Event
) -> tuple[bytes, str | None]:
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    seconds = f"{timeout:g} s"
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type: str | None = response.headers.get("Content-Type")
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(
                    url, f"too large ({_megabytes(int(declared))}; the limit is {_megabytes(max_bytes)})"
                )
            body = bytearray()
            # read1: at most one socket read per call, so the cancel flag is seen promptly.
            while chunk := response.read1(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(url, f"too large (over the {_megabytes(max_bytes)} limit)")
                if cancel.is_set():
                    raise InputError(url, f"timed out after {seconds}")
            return bytes(body), content_type
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        # The reason phrase is the server's text: spelled out, never sent to a terminal as is.
        reason = f"HTTP {exc.code}" + (f" {visible(str(exc.reason))}" if exc.reason else "")
        raise InputError(url, reason) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise InputError(url, f"timed out after {seconds}") from None
        raise InputError(url, f"could not reach host: {_describe(exc.reason)}") from None
    except TimeoutError:
        raise InputError(url, f"timed out after {seconds}") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        # e.g. a connection reset mid-body or a malformed response.
        raise InputError(url, f"could not download: {_describe(exc)}") from None


def _quoted(url: str) -> str:
    """Validate the scheme and percent-encode what urllib cannot send (spaces, non-ASCII)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError(url, "only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        raise InputError(url, "the address has no host name")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise InputError(url, "the host name is not valid") from None
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username is not None:
        raise InputError(url, "addresses with a user name or password are not fetched")
    safe = "/%:@!$&'()*+,;=~-._"
    return urllib.parse.urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe + "?"),
            "",  # the fragment is never sent to the server
        )
    )


def _describe(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return visible(reason.strerror)
    return visible(str(reason)) or type(reason).__name__


def _megabytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.0f} MB"
