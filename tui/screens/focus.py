"""Moving focus before the next key is read."""

from __future__ import annotations

from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give ``widget`` focus at once. ``Widget.focus()`` only schedules the change, so keys
    that arrive in one burst with the key that asked for it (pasted text, a laggy SSH link:
    "/vote") would still go to the old widget and run as commands ("v" marks a claim)."""
    widget.screen.set_focus(widget)
