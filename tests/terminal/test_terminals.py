"""The reader on real pseudo-terminals: every TERM we support, NO_COLOR, extreme sizes and
live resizes. Each run opens the app on the seeds, waits for the first frame, quits with `q`
and checks the exit status and that the terminal was handed back (alternate screen left,
cursor shown)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.terminal.pty_session import run

ROOT = Path(__file__).resolve().parents[2]
APP = [sys.executable, "-m", "tui", str(ROOT / "seeds")]
RESTORED = (b"\x1b[?1049l", b"\x1b[?25h")


def _env(**extra: str) -> dict[str, str]:
    # COLUMNS/LINES would override the pseudo-terminal's real size.
    dropped = ("NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(extra)
    env.setdefault("TRIANGULATE_CONFIG_DIR", str(ROOT / ".pytest_cache" / "terminal-config"))
    env.setdefault("TRIANGULATE_DATA_DIR", str(ROOT / ".pytest_cache" / "terminal-data"))
    env.setdefault("TRIANGULATE_NO_CACHE", "1")
    return env


@pytest.mark.parametrize("term", ["xterm-256color", "xterm", "vt100", "linux", "screen-256color"])
def test_app_opens_and_quits_cleanly(term: str) -> None:
    session = run(APP, _env(TERM=term))
    assert session.events == ["keys"], "the first frame never appeared"
    assert session.exit_code == 0
    assert all(code in session.output for code in RESTORED)
    assert b"Traceback" not in session.output


# Foreground and background, normal and bright. 39 and 49 restore the terminal's defaults.
_SIXTEEN_COLOURS = frozenset((*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108)))


def _colour_codes(output: bytes) -> list[bytes]:
    """Every SGR parameter that sets a colour: truecolor, 256-colour, or one of the 16."""
    found = []
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", output):
        codes = re.split(rb"[;:]", params)
        for i, code in enumerate(codes):
            if code in (b"38", b"48", b"58"):
                found.append(params)
                break
            basic = code.isdigit() and int(code) in _SIXTEEN_COLOURS
            if basic and (i == 0 or codes[i - 1] not in (b"5", b"2")):
                found.append(params)
                break
    return found


def test_no_color_sends_no_colours() -> None:
    # Textual's own NO_COLOR filter turns colours into 256-colour greys; none may be sent.
    session = run(APP, _env(TERM="xterm-256color", NO_COLOR="1"))
    assert session.exit_code == 0
    assert _colour_codes(session.output) == []


def test_dumb_terminal_is_refused_with_a_clear_message() -> None:
    session = run(APP, _env(TERM="dumb"), ready=b"triangulate")
    assert session.exit_code == 2
    assert b"triangulate report" in session.output
    assert b"Traceback" not in session.output


@pytest.mark.parametrize("size", [(20, 6), (300, 100)])
def test_extreme_sizes(size: tuple[int, int]) -> None:
    ready = b"too small" if size[0] < 30 else b"sources"
    session = run(APP, _env(TERM="xterm-256color"), size=size, ready=ready)
    assert session.exit_code == 0
    assert b"Traceback" not in session.output


def test_live_resizes_down_to_too_small_and_back() -> None:
    script = (
        ("resize", (20, 6)),
        ("expect", b"too small"),
        ("resize", (300, 100)),
        ("expect", b"sources"),
        ("resize", (80, 24)),
        ("keys", b"n"),
        ("keys", b"q"),
    )
    session = run(APP, _env(TERM="xterm-256color"), size=(120, 40), script=script)
    assert session.events == ["resize", "expect", "resize", "expect", "resize", "keys", "keys"]
    assert session.exit_code == 0
    assert b"Traceback" not in session.output


def test_an_article_piped_in_is_read_and_keys_come_from_the_terminal() -> None:
    # `cat a.txt | triangulate - b.txt` (README): the reader shows the piped article and still
    # answers the keyboard. It once read the article's bytes as keys and quit by itself.
    first, second = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    argv = ["sh", "-c", 'cat "$1" | exec "$0" -m tui - "$2"', sys.executable, str(first), str(second)]
    session = run(argv, _env(TERM="xterm-256color"), size=(120, 40), ready=b"2 sources")
    assert session.events == ["keys"], "the comparison never appeared"
    assert session.exit_code == 0, "q from the terminal did not quit the reader"
    assert b"stdin" in session.output
    assert b"Traceback" not in session.output


def test_an_article_piped_in_without_a_terminal_is_refused_clearly(tmp_path: Path) -> None:
    import subprocess

    article = sorted((ROOT / "seeds").glob("*.txt"))[0]
    # No controlling terminal (a new session), so there is nowhere to read keys from.
    done = subprocess.run(
        [sys.executable, "-m", "tui", "-", str(article)],
        input=article.read_bytes(),
        capture_output=True,
        env=_env(TERM="xterm-256color", TRIANGULATE_ALLOW_NO_TTY="1"),
        start_new_session=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert b"no terminal to read keys from" in done.stderr
    assert b"Traceback" not in done.stderr
