"""Hand the current article to another program: a browser for a URL, a pager for a file.

The app is suspended while a pager or editor owns the terminal and restored after.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from tui.state.text import clean


@dataclass(frozen=True, slots=True)
class Opened:
    ok: bool
    message: str


def citation(sentence: str, source: str, title: str, path: str) -> str:
    """``“sentence” — Source, “Title”, path-or-URL``, control characters removed."""
    parts = [clean(p) for p in (source, f"“{title}”" if title.strip() else "", path) if p.strip()]
    return f"“{clean(sentence)}” — " + ", ".join(parts)


def viewer_command() -> list[str]:
    """``$PAGER``, else ``$EDITOR``, else ``less``, split as a shell would."""
    for name in ("PAGER", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return ["less"]


def open_article(app: App[Any], path: str) -> Opened:
    """Open ``path`` (a URL or a file) outside the app; says what happened."""
    if "://" in path:
        if not path.lower().startswith(("http://", "https://")):
            return Opened(False, f"Not opening {clean(path)}: only http and https links.")
        if webbrowser.open(path):
            return Opened(True, f"Opened {clean(path)} in the browser.")
        return Opened(False, f"No browser available for {clean(path)}.")
    file = Path(path)
    if path == "-" or not file.is_file():
        return Opened(False, f"{clean(path)} is not a file or a link: nothing to open.")
    # An absolute path can never be taken for an option (a file named "-x").
    command = [*viewer_command(), str(file.resolve())]
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        return Opened(False, "This terminal cannot hand over the screen; open the file yourself.")
    except OSError as error:
        return Opened(False, f"Could not run {clean(command[0])}: {clean(str(error))}")
    return Opened(True, f"Back from {clean(command[0])} ({clean(file.name)}).")
