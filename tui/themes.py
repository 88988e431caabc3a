"""Load the app's themes from ``themes/*.toml`` into Textual ``Theme`` objects.

A theme file names its base colours under ``[colors]`` and may override the
semantic claim colours under ``[variables]``. Every colour is validated with
``Color.parse``; a bad file is skipped and reported, never fatal.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

import tui

DEFAULT_DARK = "triangulate-dark"
DEFAULT_LIGHT = "triangulate-light"

COLOR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)

CLAIM_VARIABLES: dict[str, str] = {
    "claim-shared": "#6cc07a",
    "claim-unique": "#7aa7e0",
    "claim-conflict": "#f0705a",
    "claim-conflict-value": "#ffd166",
    "claim-selected": "#2d3a4f",
    "row-cursor": "#1f2733",
    "search-match": "#7a5c00",
    "gutter": "#d0d0d0",
    "column-divider": "#4a5260",
}
"""Semantic colours every theme has (defaults for themes that leave some out)."""


@dataclass(frozen=True, slots=True)
class ThemeLoad:
    """Themes that loaded and the problems with those that did not."""

    themes: tuple[Theme, ...]
    problems: tuple[str, ...]


def theme_dirs() -> tuple[Path, ...]:
    """Where themes live: ``themes/`` in a checkout, ``tui/themes`` in a wheel."""
    package = Path(tui.__file__).parent
    return (package.parent / "themes", package / "themes")


def _color(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError as error:
        raise ValueError(f"{where}: {error}") from None
    return value


def parse_theme(data: dict[str, object], origin: str) -> Theme:
    """Build a Theme from parsed TOML, raising ValueError with a readable reason."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("missing 'name'")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("'dark' must be true or false")
    colors = data.get("colors", {})
    if not isinstance(colors, dict):
        raise ValueError("[colors] must be a table")
    unknown = set(colors) - set(COLOR_FIELDS)
    if unknown:
        raise ValueError(f"unknown colour {sorted(unknown)[0]!r}")
    if "primary" not in colors:
        raise ValueError("[colors] needs 'primary'")
    checked = {key: _color(value, f"colors.{key}") for key, value in colors.items()}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("[variables] must be a table")
    checked_vars = {str(k): _color(v, f"variables.{k}") for k, v in variables.items()}
    return Theme(
        name=name.strip(),
        primary=checked["primary"],
        secondary=checked.get("secondary"),
        warning=checked.get("warning"),
        error=checked.get("error"),
        success=checked.get("success"),
        accent=checked.get("accent"),
        foreground=checked.get("foreground"),
        background=checked.get("background"),
        surface=checked.get("surface"),
        panel=checked.get("panel"),
        boost=checked.get("boost"),
        dark=dark,
        variables={**CLAIM_VARIABLES, **checked_vars},
    )


def load_theme_file(path: Path) -> Theme:
    """Read one theme file; ValueError says what is wrong with it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(str(error)) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    return parse_theme(data, str(path))


def load_themes(dirs: tuple[Path, ...] | None = None) -> ThemeLoad:
    """Load every ``*.toml`` theme from the first theme directory that exists."""
    themes: list[Theme] = []
    problems: list[str] = []
    seen: set[str] = set()
    for directory in dirs if dirs is not None else theme_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ValueError as error:
                problems.append(f"Theme {path.name} skipped: {error}")
                continue
            if theme.name not in seen:
                seen.add(theme.name)
                themes.append(theme)
        break
    return ThemeLoad(tuple(themes), tuple(problems))
