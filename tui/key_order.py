"""Keys handed on in order: each one where the keys before it left the focus.

Textual routes a key as it reaches the app: a priority binding runs there and then, any other
key is queued on the focused widget, and that key's other bindings run once it has bubbled
back up to the app. Keys that arrive together (one ``tmux send-keys``, SSH, a practised
typist) were all routed before the first was handled: ctrl+s saved a note before the text
area had taken the letters typed before it, the dots after Enter in the search box went into
the box (its Submitted gives the grid the focus back only later), and "j" after Enter moved
the grid under the detail view. So a command key waits until every key before it has been
handled, and the keys after it wait for it. Two kinds go straight on behind each other, in
the one widget's queue, in order: letters typed into a text box, and keys that only move
(``j``, page keys, ``h``/``l``: bindings whose ids say so), which neither move the focus nor
open anything. Held down or sent at once, those are handled back to back and drawn once,
as before; waiting for each one drew a frame per key (30 ``j`` at once: 4x the CPU time).

A key has been handled when a :class:`KeySettled` posted to its widget right behind it has
bubbled up the same queues to the app; for a command key a second one follows whatever its
handling posted on that way (the search box's Submitted, the reader's DetailRequested).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea

STEADY_IDS = ("move.", "columns.")
"""Binding ids of keys that only move a cursor or scroll (the reader's and the facts table's)."""
STEADY_ENDS = (".down", ".up", ".page-down", ".page-up", ".half-down", ".half-up", ".top", ".bottom")
"""The same in the other views ("detail.down", "help.up")."""


LOST_AFTER = 100
"""Idle turns of the app without a key reporting back before the keys on their way count as
handled (a net: no such loss is known; tests/ui/test_key_bursts.py loses one on purpose)."""


def is_steady(binding_id: str | None) -> bool:
    """A key with this binding only moves or scrolls where it is."""
    return binding_id is not None and (binding_id.startswith(STEADY_IDS) or binding_id.endswith(STEADY_ENDS))


class KeySettled(Message):
    """Follows a key up from the widget it was handed to (see the module's docstring)."""

    def __init__(self, serial: int, *, first: bool = True) -> None:
        super().__init__()
        self.serial = serial
        self.first = first


class KeyOrder:
    """The app's keys, held while the ones before them are being handled."""

    def __init__(self, app: App[Any], route: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.route = route
        """Textual's own handling of a key that reaches the app (bindings, then forwarding)."""
        self.held: deque[events.Key] = deque()
        self.typing: dict[int, Widget] = {}
        """The keys that went straight on (text, moves) and are still on their way: serial ->
        the widget each was handed to."""
        self.command: tuple[int, Widget] | None = None
        """The command key being handled: its serial and the widget it was handed to."""
        self.serial = 0
        self.idles = 0
        """Times the app went idle while a key was on its way (see :meth:`check`)."""

    @property
    def idle(self) -> bool:
        """No key is being handled or waiting."""
        return not (self.held or self.typing or self.command)

    def _goes_straight_on(self, event: events.Key) -> bool:
        """Typed into a text box, or a key that only moves (see the module's docstring)."""
        if event.is_printable and isinstance(self.app.focused, Input | TextArea):
            return True
        active = self.app.active_bindings.get(event.key)
        return active is not None and active.enabled and is_steady(active.binding.id)

    async def arrived(self, event: events.Key) -> None:
        """A key from the terminal: handle it now or after the keys before it."""
        self._forget_gone()
        self.held.append(event)
        await self._hand_on()

    async def settled(self, message: KeySettled) -> None:
        message.stop()
        self.idles = 0
        if message.serial in self.typing:
            del self.typing[message.serial]
        elif self.command is not None and self.command[0] == message.serial:
            target = self.command[1]
            if (
                message.first
                and target.is_attached
                and target.post_message(KeySettled(message.serial, first=False))
            ):
                return
            self.command = None
        else:
            return
        await self._hand_on()

    async def check(self) -> None:
        """When the app is idle: a key whose widget went away (a dialog its Escape closed)
        never reports back, since its message was dropped with the widget. And a net, so
        that no key is held for ever: a key's way up takes a few of the app's idle turns
        (its widget's and its screen's queues are worked meanwhile); after LOST_AFTER with
        no key reporting back, the keys on their way are taken as handled."""
        if self.idle:
            return
        self.idles += 1
        if self.idles > LOST_AFTER and (self.command is not None or self.typing):
            self.command = None
            self.typing.clear()
        self._forget_gone()
        await self._hand_on()

    def _forget_gone(self) -> None:
        if self.command is not None and not self.command[1].is_attached:
            self.command = None
        for serial, target in list(self.typing.items()):
            if not target.is_attached:
                del self.typing[serial]

    async def _hand_on(self) -> None:
        while self.held and self.command is None and self.app.screen_stack:
            event = self.held[0]
            text = self._goes_straight_on(event)
            if self.typing and not text:
                return  # a command waits for the keys before it
            self.held.popleft()
            await self._route(event, text)

    async def _route(self, event: events.Key, text: bool) -> None:
        app = self.app
        screen = app.screen
        focused = app.focused
        await self.route(event)
        if event.is_forwarded:
            target: Widget = focused or screen  # where Textual sent it (no binding ran)
        elif app.screen_stack and app.screen is not screen:
            target = app.screen  # a binding opened or closed a screen: let it mount and focus
            text = False
        else:
            return  # a binding handled it there and then
        self.serial += 1
        if not target.post_message(KeySettled(self.serial)):
            return
        self.idles = 0
        if text and target is focused:
            self.typing[self.serial] = target
        else:
            self.command = (self.serial, target)
