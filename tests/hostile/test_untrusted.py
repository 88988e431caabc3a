"""Article text is hostile: Rich markup and terminal control sequences must stay inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.cli_run import OTHER, run_report

MARKUP = ("[bold red]x[/]", "[link=http://evil]y[/link]", "[@click=app.quit]z[/]")
OSC52 = "\x1b]52;c;ZXZpbA==\x07"
OSC8 = "\x1b]8;;http://osc8.example/\x1b\\click me\x1b]8;;\x1b\\"
EVIL = (
    "Harbour officials said the ferry terminal opens on 4 March [bold red]x[/] after two years.\n\n"
    "The project cost 48 million euros [link=http://evil]y[/link] according to the port authority.\n\n"
    "Mayor Ines Alvarez [@click=app.quit]z[/] called it a turning point for the island economy.\n\n"
    f"Red \x1b[31malert\x1b[0m text and {OSC8} and {OSC52} a bell\x07 and back\x08space here.\n\n"
    "An eight-bit \x9b31m CSI and \x9d an OSC sit in this line about the ferry terminal.\n\n"
    'A reader wrote <script>alert(1)</script> and <a href="http://evil.example/">link</a> below.\n'
)


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "evil.txt").write_text(EVIL, encoding="utf-8")
    (tmp_path / "other.txt").write_text(OTHER, encoding="utf-8")
    return [str(tmp_path / "evil.txt"), str(tmp_path / "other.txt")]


def _ok(args: list[str], env: dict[str, str] | None = None) -> str:
    result = run_report(args, env)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout.decode("utf-8")


def test_text_report_to_pipe_has_no_control_bytes(inputs: list[str]) -> None:
    out = _ok([*inputs, "--format", "text"])
    for byte in ("\x1b", "\x07", "\x08", "\x9b", "\x9d"):
        assert byte not in out, repr(byte)
    for markup in MARKUP:
        assert markup in out, markup
    assert "ZXZpbA==" not in out
    assert "osc8.example" not in out


def test_text_report_with_forced_colour_keeps_only_our_styling(inputs: list[str]) -> None:
    out = _ok([*inputs, "--format", "text"], {"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b]" not in out  # no OSC at all: neither injected OSC 8/52 nor a Rich hyperlink
    assert "ZXZpbA==" not in out and "52;c;" not in out
    assert "osc8.example" not in out
    assert "\x07" not in out and "\x08" not in out
    # Any escape left is an SGR colour from our own styling.
    assert not re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for markup in MARKUP:
        assert markup in plain, markup


def test_markdown_export_is_inert(inputs: list[str]) -> None:
    out = _ok([*inputs, "--format", "markdown"])
    # Only backslash-escaped angle brackets may remain: "\\<script\\>" renders as text.
    assert not re.search(r"(?<!\\)<script", out, re.IGNORECASE)
    assert not re.search(r"(?<!\\)<a ", out, re.IGNORECASE)
    assert "](http" not in out  # no Markdown link to the injected target
    assert "http://evil" not in out  # escaped scheme (http:\/\/) cannot autolink
    assert "\x1b" not in out and "\x07" not in out


def test_html_export_escapes_everything(inputs: list[str]) -> None:
    out = _ok([*inputs, "--format", "html"])
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'href="http://evil' not in out
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold red]x[/]" in out  # brackets are not HTML: shown literally


def test_json_report_escapes_every_control_character(inputs: list[str]) -> None:
    out = _ok([*inputs, "--format", "json"])
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    assert "\\u009b" in out  # the C1 CSI is kept as data, escaped
