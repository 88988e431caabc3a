"""Command palette entries generated from the live key bindings.

Titles read ``category: description`` (``claims: Next conflict``), so the palette,
the footer and the help screen all come from the same ``Binding`` objects.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

_DISCOVER = (
    "claims.next-conflict",
    "claims.detail",
    "view.claims-panel",
    "view.filter",
    "view.cited-sources",
    "search.start",
    "review.verified",
    "review.note",
    "app.export",
)


class BindingCommands(Provider):
    """Every enabled, described binding of the current screen and the app."""

    def _commands(self) -> list[tuple[str, str, DOMNode, str, str | None]]:
        from tui.screens.help import CATEGORY_TITLES  # when the palette opens, not at start-up

        found: list[tuple[str, str, DOMNode, str, str | None]] = []
        seen: set[str] = set()
        app = self.app
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            ident = binding.id or binding.action
            if ident in seen or binding.system:
                continue
            seen.add(ident)
            category = (binding.id or "app").split(".")[0]
            title = f"{CATEGORY_TITLES.get(category, category).lower()}: {binding.description}"
            help_text = f"key: {app.get_key_display(binding)}" if key else ""
            found.append((title, help_text, active.node, binding.action, binding.id))
        return found

    async def _run(self, node: DOMNode, action: str) -> None:
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        for title, help_text, node, action, ident in self._commands():
            if ident in _DISCOVER:
                yield DiscoveryHit(title, partial(self._run, node, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, node, action, _ident in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, node, action), help=help_text)
