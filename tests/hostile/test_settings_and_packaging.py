"""config.toml written by a person survives the app; settings from outside cannot hang or
crash it; the package declares every distribution it imports at run time."""

from __future__ import annotations

import os
import re
import tomllib
from importlib.metadata import requires
from pathlib import Path

from tests.hostile.bounded import finishes
from tui.config import Settings, load_settings, save_settings

HAND_WRITTEN = """\
# My Triangulate settings.
theme = "triangulate-light"   # the light one, for the office

# Keys a later version (or I) added:
font_hint = "large"

[experimental]
pane_ratio = 0.6
"""


def test_saving_keeps_comments_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    save_settings(Settings(theme="triangulate-mono", hide_boilerplate=True), path)
    text = path.read_text(encoding="utf-8")
    assert "# My Triangulate settings." in text and "# Keys a later version (or I) added:" in text
    data = tomllib.loads(text)
    assert data["theme"] == "triangulate-mono" and data["hide_boilerplate"] is True
    assert data["font_hint"] == "large" and data["experimental"] == {"pane_ratio": 0.6}
    assert load_settings(path).settings == Settings(theme="triangulate-mono", hide_boilerplate=True)


def test_a_config_with_errors_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "half-edited\n', encoding="utf-8")
    try:
        save_settings(Settings(theme="x"), path)
    except OSError:
        pass
    else:
        raise AssertionError("saving over a config with errors must fail")
    assert path.read_text(encoding="utf-8") == 'theme = "half-edited\n'


def test_a_deeply_nested_config_gives_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings == Settings() and loaded.warning is not None


def test_a_fifo_config_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    loaded = finishes(lambda: load_settings(path))
    assert loaded.settings == Settings() and loaded.warning is not None and "FIFO" in loaded.warning


def test_stale_temporaries_in_the_config_folder_are_cleaned(tmp_path: Path) -> None:
    # A pid that cannot be running (above Linux's pid_max) marks a killed writer's file.
    stale = tmp_path / ".config.toml.99999999.abcd1234.tmp"
    stale.write_text("half")
    load_settings(tmp_path / "config.toml")
    assert not stale.exists()


def test_run_time_dependencies_are_declared() -> None:
    declared = {
        re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0].lower().replace("-", "_")
        for line in requires("triangulate") or []
        if "extra ==" not in line
    }
    # lxml_html_clean: trafilatura imports it, but it arrives only through an extra of
    # lxml (a dependency's dependency), which an older pip does not install.
    for name in ("lxml_html_clean", "ftfy", "tomlkit", "trafilatura", "charset_normalizer"):
        assert name in declared, (name, sorted(declared))
