"""Strings that are not ours reach the reader's screen as text, never as markup.

Each case crashed the app with a MarkupError when a notification carried it. The Pilot
runs with notifications on (Textual's default for tests is off), so the toasts render.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast

from tests.ui.conftest import make_app, write_story
from tui.app import TriangulateApp
from tui.review.store import ReviewStore

BAD = '[a="]x'


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRIANGULATE_NO_CACHE", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/gone":
            self.send_response(404, 'Not [a="] Found \x1b]0;title\x07')
        else:
            self.send_response(302)
            self.send_header("Location", 'ftp://x/[a="]y')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


async def _settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _toasts(app: TriangulateApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def _run_until_toasts(app: TriangulateApp, *keys: str) -> list[str]:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        shown = _toasts(app)
    return shown


@pytest.mark.parametrize("name", ['br[a="]acket.txt', "[@click=app.quit]x.txt", "[b]bold[i].txt"])
async def test_a_skipped_file_name_is_shown_literally(tmp_path: Path, name: str) -> None:
    paths = write_story(tmp_path / "s", 2)
    (tmp_path / name).write_bytes(b"")
    shown = await _run_until_toasts(make_app([str(tmp_path / name), *paths]))
    assert any(name in toast for toast in shown), shown


async def test_server_text_is_shown_literally(tmp_path: Path, server: str) -> None:
    paths = write_story(tmp_path / "s", 2)
    shown = await _run_until_toasts(make_app([f"{server}/gone", f"{server}/moved", *paths]))
    joined = "\n".join(shown)
    assert 'Not [a="] Found' in joined and "\x1b" not in joined and "\\x1b" in joined
    assert 'ftp://x/[a="]y' in joined


async def test_a_theme_name_from_the_config_is_shown_literally(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(f"theme = {BAD!r}\n", encoding="utf-8")
    shown = await _run_until_toasts(make_app(write_story(tmp_path / "s", 2)))
    assert any(BAD in toast for toast in shown), shown


@pytest.mark.parametrize("query", ["[/]", "x[/y]", BAD])
async def test_a_search_without_matches_is_shown_literally(tmp_path: Path, query: str) -> None:
    app = make_app(write_story(tmp_path / "s", 2))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _settle(pilot)
        await pilot.press("slash")
        app.screen.query_one("#search", Input).value = query
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert any(query in toast for toast in _toasts(app)), _toasts(app)


async def test_a_review_file_with_a_bad_mark_is_reported_literally(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "s", 2)
    review = tmp_path / "review.json"
    ReviewStore(review).save(ReviewStore(review).load().state.with_mark("k", "verified", "x"))
    text = review.read_text().replace('"verified"', '"[a=\\"]x"')
    review.write_text(text)
    app = TriangulateApp(paths, None, review)
    app.animation_level = "none"
    shown = await _run_until_toasts(app)
    assert any("left untouched" in toast and BAD in toast for toast in shown), shown
    assert review.read_text() == text
