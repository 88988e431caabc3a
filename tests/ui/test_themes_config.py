"""Theme files and the settings file: validation, fallback, atomic round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.color import Color

from tests.ui.conftest import Notices, make_app, write_story
from tui.config import Settings, load_settings, save_settings
from tui.themes import CLAIM_VARIABLES, load_theme_file, load_themes, theme_dirs


def test_bundled_themes_load_with_claim_variables() -> None:
    loaded = load_themes()
    assert loaded.problems == ()
    names = {t.name for t in loaded.themes}
    assert {
        "triangulate-dark",
        "triangulate-light",
        "triangulate-high-contrast",
        "triangulate-mono",
    } <= names
    for theme in loaded.themes:
        for variable in CLAIM_VARIABLES:
            Color.parse(theme.variables[variable])


def test_theme_dirs_cover_checkout_and_wheel() -> None:
    dirs = theme_dirs()
    assert dirs[0].name == "themes" and dirs[1].parts[-2:] == ("tui", "themes")
    assert dirs[0].is_dir()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('name = "x"\n[colors]\nprimary = "notacolour"\n', "colors.primary"),
        ('[colors]\nprimary = "#fff"\n', "name"),
        ('name = "x"\n[colors]\nprimary = "#fff"\nsparkle = "#fff"\n', "sparkle"),
        ('name = "x"\n[colors]\nprimary = "#fff"\n[variables]\nclaim-shared = 3\n', "claim-shared"),
        ("name = [", "Invalid value"),
    ],
)
def test_bad_theme_files_are_rejected_with_a_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(ValueError, match=reason):
        load_theme_file(path)
    loaded = load_themes((tmp_path,))
    assert loaded.themes == () and "bad.toml" in loaded.problems[0]


@pytest.mark.parametrize("saved", [None, "triangulate-light"])
async def test_an_unknown_theme_asked_for_falls_back_to_the_saved_one_and_says_so(
    tmp_path: Path, saved: str | None
) -> None:
    if saved is not None:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text(f'theme = "{saved}"\n')
    used = saved or "triangulate-dark"
    app = make_app(write_story(tmp_path / "s", 1), theme="no-such-theme")
    notices = Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notices) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == used
        assert notices.said(f"'no-such-theme': using {used}")


async def test_only_themes_that_know_the_claim_colours_are_offered(tmp_path: Path) -> None:
    # Textual's own themes (offered in the palette) kept the dark theme's claim colours: in
    # textual-light the shared text was pale green on light grey. A saved one is not used.
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('theme = "textual-light"\n')
    app = make_app(write_story(tmp_path / "s", 1), theme="gruvbox")
    notices = Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notices) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(app.available_themes) == sorted(t.name for t in load_themes().themes)
        assert app.theme == "triangulate-dark"
        assert notices.said("'gruvbox': using triangulate-dark")


async def test_no_color_defaults_to_monochrome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(write_story(tmp_path / "s", 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "triangulate-mono"


def test_settings_round_trip_and_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    assert load_settings(path).settings == Settings()
    save_settings(Settings(theme='we"ird', hide_boilerplate=True), path)
    assert load_settings(path).settings == Settings(theme='we"ird', hide_boilerplate=True)
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temp file left behind"
    path.write_text("theme = [")
    loaded = load_settings(path)
    assert loaded.settings == Settings() and loaded.warning is not None


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('them = "triangulate-light"\n', "unknown setting 'them'"),
        ('hide_boilerplate = "yes"\n', "hide_boilerplate must be true or false"),
        ("hide_boilerplate = 1\n", "hide_boilerplate must be true or false"),
        ("theme = 5\n", "theme must be a theme name"),
    ],
)
def test_a_mistyped_setting_is_said_not_silently_dropped(tmp_path: Path, body: str, said: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "triangulate-light"\n' * ("theme =" not in body) + body)
    loaded = load_settings(path)
    assert loaded.warning is not None and said in loaded.warning and str(path) in loaded.warning
    if "theme =" not in body:
        assert loaded.settings.theme == "triangulate-light", "the good settings beside it still apply"


def test_a_settings_file_that_is_not_utf8_is_named_plainly(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "caf\xe9"\n')
    loaded = load_settings(path)
    assert loaded.warning is not None
    assert "not UTF-8 text" in loaded.warning and "codec" not in loaded.warning


def test_a_settings_file_that_cannot_be_saved_says_why_without_an_error_code(tmp_path: Path) -> None:
    from tui.config import reason

    path = tmp_path / "config.toml"
    path.write_text("theme = [\n")  # the user is half-way through editing it
    with pytest.raises(OSError) as raised:
        save_settings(Settings(theme="triangulate-light"), path)
    assert reason(raised.value) == f"{path} has errors; left unchanged"
    assert path.read_text() == "theme = [\n"


async def test_the_stylesheet_is_parsed_only_for_the_theme_in_effect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme is chosen before anything is styled: the app's stylesheet is never parsed with
    Textual's default theme's colours first, only to be parsed and applied again (10-15 ms of
    every start)."""
    import textual.css.stylesheet as stylesheet_module

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('theme = "triangulate-light"\n')
    backgrounds: list[str] = []
    parse = stylesheet_module.parse  # type: ignore[attr-defined]  # Textual's own, imported there

    def recording_parse(scope: str, css: str, read_from: tuple[str, str], **kwargs: Any) -> Any:
        if read_from[0].endswith("app.tcss"):
            backgrounds.append("".join(t.value for t in kwargs["variable_tokens"]["background"]))
        return parse(scope, css, read_from, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", recording_parse)
    app = make_app(write_story(tmp_path / "s", 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "triangulate-light"
        assert backgrounds and set(backgrounds) == {app.theme_variables["background"]}
