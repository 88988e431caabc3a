"""The reader's persistent settings: a small TOML file in the user's config dir.

``TRIANGULATE_CONFIG_DIR`` overrides the directory (tests point it at tmp_path).
A missing or unreadable file means defaults; the reason is returned so the app
can show it instead of crashing.
"""

from __future__ import annotations

import errno
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


MAX_CONFIG_BYTES = 1024 * 1024
"""A larger config.toml is not read (defaults and a warning); a real one is a few lines."""


def _read_config(target: Path) -> str:
    from tui.core.safe_read import read_regular

    return read_regular(target, MAX_CONFIG_BYTES).decode("utf-8")


def load_settings(path: Path | None = None) -> SettingsLoad:
    """Read settings; a bad file yields defaults and a warning."""
    target = path or config_path()
    from tui.core.atomic import clean_stale_temporaries

    clean_stale_temporaries(target.parent)  # left by a run killed while saving
    try:
        raw = _read_config(target)
    except FileNotFoundError:
        return SettingsLoad(Settings(), None)
    except (OSError, UnicodeDecodeError) as error:
        return SettingsLoad(Settings(), f"Could not read {target}: {reason(error)}")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        return SettingsLoad(Settings(), f"Ignoring {target}: {error}")
    except (RecursionError, ValueError):
        return SettingsLoad(Settings(), f"Ignoring {target}: nested too deeply or a value too large")
    theme = data.get("theme")
    hide = data.get("hide_boilerplate", False)
    # A typo or a wrong type is said, not silently dropped: the user meant something by it.
    problems = [f"unknown setting {key!r}" for key in data if key not in KNOWN_KEYS]
    if theme is not None and not isinstance(theme, str):
        problems.append("theme must be a theme name in quotes")
    if not isinstance(hide, bool):
        problems.append("hide_boilerplate must be true or false")
    return SettingsLoad(
        Settings(
            theme=theme if isinstance(theme, str) else None,
            hide_boilerplate=hide if isinstance(hide, bool) else False,
        ),
        f"{target}: " + "; ".join(problems) + " (ignored)" if problems else None,
    )


KNOWN_KEYS = frozenset({"theme", "hide_boilerplate"})


def reason(error: BaseException) -> str:
    """A short, plain reason for a settings file that could not be read or written, without
    Python's error codes ("not UTF-8 text", "Permission denied")."""
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def dump_settings(settings: Settings, existing: str = "") -> str:
    """``existing`` (the file as it is) with our keys updated; comments, layout and keys we
    do not know are kept, so a hand-edited config survives the app saving a theme."""
    import tomlkit

    document = tomlkit.parse(existing) if existing else tomlkit.document()
    if settings.theme is not None:
        document["theme"] = settings.theme
    elif "theme" in document:
        del document["theme"]
    document["hide_boilerplate"] = settings.hide_boilerplate
    return tomlkit.dumps(document)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically: temp file beside the target, fsync, replace.

    A config file that exists but cannot be parsed is left as it is (``OSError``): the
    user may be half-way through editing it.
    """
    import tomlkit.exceptions

    from tui.core.atomic import write_atomic

    target = path or config_path()
    try:
        existing = _read_config(target)
    except FileNotFoundError:
        existing = ""
    except (OSError, UnicodeDecodeError) as error:
        raise OSError(errno.EINVAL, f"{target} cannot be read ({reason(error)}); left unchanged") from None
    try:
        text = dump_settings(settings, existing)
    except (tomlkit.exceptions.TOMLKitError, RecursionError, ValueError):
        raise OSError(errno.EINVAL, f"{target} has errors; left unchanged") from None
    write_atomic(target, text.encode("utf-8"))
