"""Screens installed once and pushed again and again (the detail view, the facts table).

Textual recomputes every style of a screen each time it is pushed (``ScreenResume`` with
``refresh_styles``), in case the theme changed while it was off the stack. For a screen
that is reopened on every Enter or `t`, that pass over all its widgets was about a third
of the key's cost at 200 articles; styles can only have changed with the theme, so they
are refreshed when the theme differs from the one they were last computed for.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


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
