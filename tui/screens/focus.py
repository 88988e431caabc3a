"""Moving focus before the next key is read."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give ``widget`` focus at once. ``Widget.focus()`` only schedules the change, so keys
    that arrive in one burst with the key that asked for it (pasted text, a laggy SSH link:
    "/vote") would still go to the old widget and run as commands ("v" marks a claim)."""
    widget.screen.set_focus(widget)


def typed_before_focus(screen: Screen[Any], event: events.Key, target: Widget) -> None:
    """Hand ``target`` a key that reached ``screen`` because nothing had focus yet: keys typed
    in one burst with the one that opened the screen ("a" and a note, pasted) arrive before
    the screen's first focus, and the screen would drop them."""
    if screen.focused is None and event.is_printable:
        event.stop()
        event.prevent_default()
        focus_now(target)
        target.post_message(events.Key(event.key, event.character))
