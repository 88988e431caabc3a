"""Help generated from the live bindings, so it can never drift from the keys."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

CATEGORY_TITLES = {
    "move": "Moving",
    "columns": "Columns",
    "claims": "Claims",
    "view": "View",
    "search": "Search",
    "review": "Review",
    "facts": "Facts table",
    "app": "Application",
}


TEXTUAL_DESCRIPTIONS = {
    "app.focus_next": "Focus the next panel",
    "app.focus_previous": "Focus the previous panel",
    "command_palette": "Command palette",
    # Textual's "Copy selected text" told half the story: with nothing selected (the usual
    # case) the screen's copy gives way to the app's ctrl+c, which says how to quit.
    "screen.copy_text": "Copy text selected with the mouse; with none, say how to quit",
}
"""Clearer words for the bindings Textual itself adds (its own are "Focus Previous", "palette")."""


def _declared(node: object) -> list[Binding]:
    """``node``'s bindings in the order its class and its bases declare them, one per key."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        found.extend(Binding.make_bindings(cls.__dict__.get("BINDINGS", ())))
    return found


def binding_rows(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """``(category, keys, description)`` for every described binding of ``screen`` and the app.

    Rows keep the order the bindings are declared in (screen first, then the app) within
    each category, and a binding's keys read in its own order ("^i / tab"), not in the
    order Textual happens to hold them (which put Textual's own tab first).
    """
    app = screen.app
    rows: dict[tuple[str, str], list[str]] = {}
    taken = set(screen._bindings.key_to_bindings)
    for node in (screen, app):
        held = node._bindings.key_to_bindings
        # Declared bindings first, in order; then any Textual adds at run time (the palette).
        dynamic = [b for bs in held.values() for b in bs]
        for binding in [*_declared(node), *dynamic]:
            if not binding.description:
                continue
            if not any(b.action == binding.action for b in held.get(binding.key, ())):
                continue  # the key was rebound (the reader's tab jumps forward)
            if node is app and binding.key in taken:
                continue  # the screen's own binding of the key wins
            category = (binding.id or "app").split(".")[0]
            description = TEXTUAL_DESCRIPTIONS.get(binding.action, binding.description)
            shown = binding.key_display or app.get_key_display(Binding(binding.key, binding.action))
            keys = rows.setdefault((category, description), [])
            if shown not in keys:
                keys.append(shown)
    order = list(CATEGORY_TITLES)
    listed = [(category, " / ".join(keys), description) for (category, description), keys in rows.items()]
    listed.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    return listed


def help_table(screen: Screen[Any]) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("action")
    current = None
    for category, keys, description in binding_rows(screen):
        if category != current:
            current = category
            table.add_row(Text(CATEGORY_TITLES.get(category, category.title()), style="bold underline"), "")
        table.add_row(Text(keys), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, grouped by category."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("g,home", "edge(-1)", "Top", show=False, id="help.top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="help.bottom"),
        Binding("ctrl+d,pagedown,space", "half_page(1)", "Half page down", show=False, id="help.half-down"),
        Binding("ctrl+u,pageup", "half_page(-1)", "Half page up", show=False, id="help.half-up"),
    ]

    def __init__(self, source: Screen[Any]) -> None:
        super().__init__(id="help")
        self.source = source

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc close · every action is also in the command palette (ctrl+p)"
            yield Static(help_table(self.source), id="help-table")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, direction: int) -> None:
        self.body.scroll_relative(y=direction, animate=False)

    def action_edge(self, direction: int) -> None:
        self.body.scroll_to(y=self.body.max_scroll_y if direction > 0 else 0, animate=False)

    def action_half_page(self, direction: int) -> None:
        self.body.scroll_relative(y=direction * max(1, self.body.size.height // 2), animate=False)
