"""A footer that rebuilds its keys only when the keys it shows have changed.

Textual's Footer recomposes (mounting a widget per key, a full CSS pass) every time
a screen's bindings are refreshed, which happens on every screen switch and many
key presses even when the footer would look exactly the same.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that skips rebuilds which would change nothing."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        # Compact: at 80 columns the full-width key spacing pushed "? Help" off the edge.
        super().__init__(id=id, compact=True)
        self._shown: tuple[object, ...] | None = None

    def _signature(self, screen: Screen[Any]) -> tuple[object, ...]:
        """Everything ``Footer.compose`` reads, for the keys it would show."""
        app = self.app
        bindings = screen.active_bindings  # a property that walks every binding: read once
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for _node, binding, enabled, tooltip in bindings.values()
            if binding.show
        )
        palette = bindings.get(app.COMMAND_PALETTE_BINDING)
        palette_state = (palette[1].key, palette[2]) if palette is not None else None
        return (keys, palette_state, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen and screen is not screen.app.screen and self._bindings_ready:
            # A screen being covered (Enter, `t`) refreshes its bindings too: nothing of it is
            # drawn until it is shown again, which refreshes them once more; compared then.
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._signature(screen)
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)
