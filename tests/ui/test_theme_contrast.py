"""Every bundled theme keeps claim text readable on the backgrounds it is drawn on: the
selected claim and the cursor row, in true colour and after the 256-colour downgrade a
terminal without true colour (tmux's default, many SSH sessions) gets from Rich."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem

from tui.themes import load_themes

MIN_CONTRAST = 4.5
"""WCAG's AA level for normal text."""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    rgb = color.get_truecolor()
    return 0.2126 * channel(rgb.red) + 0.7152 * channel(rgb.green) + 0.0722 * channel(rgb.blue)


def contrast(foreground: Color, background: Color) -> float:
    a, b = sorted((_luminance(foreground), _luminance(background)))
    return (b + 0.05) / (a + 0.05)


THEMES = {t.name: t for t in load_themes().themes if t.name.startswith("triangulate-")}


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("background", ["claim-selected", "row-cursor"])
@pytest.mark.parametrize("eight_bit", [False, True])
def test_claim_text_reads_on_the_selection_and_the_cursor_row(
    name: str, background: str, eight_bit: bool
) -> None:
    theme = THEMES[name]
    colours = {**theme.variables, "foreground": theme.foreground}
    back = Color.parse(colours[background])
    for key in ("claim-shared", "claim-unique", "claim-conflict", "foreground"):
        fore = Color.parse(colours[key])
        if eight_bit:
            fore, back_seen = fore.downgrade(ColorSystem.EIGHT_BIT), back.downgrade(ColorSystem.EIGHT_BIT)
        else:
            back_seen = back
        assert contrast(fore, back_seen) >= MIN_CONTRAST, (name, key, background, eight_bit)


def test_the_selection_and_the_cursor_row_differ_after_the_downgrade() -> None:
    for theme in THEMES.values():
        selected = Color.parse(theme.variables["claim-selected"]).downgrade(ColorSystem.EIGHT_BIT)
        cursor = Color.parse(theme.variables["row-cursor"]).downgrade(ColorSystem.EIGHT_BIT)
        assert selected.number != cursor.number, theme.name
