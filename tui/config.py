"""The reader's persistent settings: a small TOML file in the user's config dir.

``TRIANGULATE_CONFIG_DIR`` overrides the directory (tests point it at tmp_path).
A missing or unreadable file means defaults; the reason is returned so the app
can show it instead of crashing.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

CONFIG_ENV = "TRIANGULATE_CONFIG_DIR"
CONFIG_NAME = "config.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the reader remembers between runs."""

    theme: str | None = None
    """Name of the last chosen theme; None means the default."""
    hide_boilerplate: bool = False
    """Whether boilerplate paragraphs are hidden."""

    def with_theme(self, theme: str) -> Settings:
        return replace(self, theme=theme)


@dataclass(frozen=True, slots=True)
class SettingsLoad:
    settings: Settings
    warning: str | None


def config_dir() -> Path:
    """The directory holding ``config.toml``."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("triangulate", appauthor=False)


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


def load_settings(path: Path | None = None) -> SettingsLoad:
    """Read settings; a bad file yields defaults and a warning."""
    target = path or config_path()
    try:
        raw = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SettingsLoad(Settings(), None)
    except (OSError, UnicodeDecodeError) as error:
        return SettingsLoad(Settings(), f"Could not read {target}: {error}")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        return SettingsLoad(Settings(), f"Ignoring {target}: {error}")
    theme = data.get("theme")
    hide = data.get("hide_boilerplate", False)
    return SettingsLoad(
        Settings(
            theme=theme if isinstance(theme, str) else None,
            hide_boilerplate=hide if isinstance(hide, bool) else False,
        ),
        None,
    )


def dump_settings(settings: Settings) -> str:
    lines = []
    if settings.theme is not None:
        # A JSON string literal is a valid TOML basic string.
        lines.append(f"theme = {json.dumps(settings.theme)}")
    lines.append(f"hide_boilerplate = {'true' if settings.hide_boilerplate else 'false'}")
    return "\n".join(lines) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically: temp file beside the target, fsync, replace."""
    from tui.core.atomic import write_atomic

    write_atomic(path or config_path(), dump_settings(settings).encode("utf-8"))
