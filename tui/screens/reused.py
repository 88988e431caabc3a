"""Screens installed once and pushed again and again (the detail view, the facts table).

Textual recomputes every style of a screen each time it is pushed (``ScreenResume`` with
``refresh_styles``), in case the theme changed while it was off the stack. For a screen
that is reopened on every Enter or `t`, that pass over all its widgets was about a third
of the key's cost at 200 articles; styles can only have changed with the theme, so they
are refreshed when the theme differs from the one they were last computed for.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class StyleKeeping:
    """Mixin for a :class:`~textual.screen.Screen` that is reused: restyle only on a new theme."""

    _styled_theme: str | None = None

    @property
    def theme_changed_since_shown(self) -> bool:
        """The app's theme is not the one this screen was last shown in."""
        assert isinstance(self, Screen)
        return self._styled_theme != self.app.theme

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Named by convention, not ``@on``: the decorator only registers handlers of classes
        # built by Textual's metaclass, and a mixin is not. Handlers run in MRO order, so
        # this one runs before Screen's own, which then skips the style pass when told to.
        assert isinstance(self, Screen)
        if not self.theme_changed_since_shown:
            event.refresh_styles = False
        self._styled_theme = self.app.theme


class KeptBackground:
    """Mixin for a reused :class:`~textual.screen.Screen` whose own lines are only its
    background: keep them between openings.

    Textual repaints a screen when it is pushed, and a screen's own lines (a solid colour
    behind its widgets) were re-rendered through Rich each time: 48 lines of 160 spaces, about
    a tenth of opening the detail view. The lines Textual drew are kept and given back while
    nothing they depend on (the region asked for, the size, the colours, the theme, the line
    filters) has changed.
    """

    _kept: tuple[object, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        assert isinstance(self, Screen)
        app = self.app
        key = (crop, self.size, self.rich_style, app.theme, app.ansi_color, tuple(app.get_line_filters()))
        if self._kept is not None and self._kept[0] == key:
            return self._kept[1]
        lines = Screen.render_lines(self, crop)
        self._kept = (key, lines)
        return lines
