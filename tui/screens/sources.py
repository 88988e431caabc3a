"""The source picker: choose which sources the reader shows, pin some first, reorder them.

With fifty sources the user picks the five that matter. It returns a new
:class:`~tui.state.layout.ColumnChoice` (or None on Esc) and never touches the grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import Article
from tui.state.layout import ColumnChoice
from tui.state.text import clean
from tui.widgets.keyed_list import KeyedOptionList


class SourcesScreen(ModalScreen[ColumnChoice | None]):
    """Every source with its state; space hides, p pins, J/K move, Enter applies."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", id="sources.cancel"),
        Binding("space,x", "toggle_hidden", "Hide/show", id="sources.hide"),
        Binding("p", "toggle_pinned", "Pin/unpin", id="sources.pin"),
        Binding("J,shift+down", "move(1)", "Move down", id="sources.down"),
        Binding("K,shift+up", "move(-1)", "Move up", id="sources.up"),
        Binding("a", "show_all", "Show all", show=False, id="sources.all"),
    ]

    def __init__(self, articles: Sequence[Article], choice: ColumnChoice, pivot: str | None) -> None:
        super().__init__(id="sources")
        self.articles = {a.id: a for a in articles}
        self.choice = choice
        self.pivot = pivot

    def compose(self) -> ComposeResult:
        listing = KeyedOptionList(id="sources-list")
        listing.border_title = "Sources: space hide · p pin · J/K move · Enter apply"
        yield listing

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _line(self, article_id: str) -> Text:
        article = self.articles[article_id]
        hidden = article_id in self.choice.hidden and article_id != self.pivot
        text = Text(no_wrap=True, overflow="ellipsis")
        state = (
            "◆ pivot " if article_id == self.pivot else "▲ pinned" if article_id in self.choice.pinned else ""
        )
        text.append(f"{'·' if hidden else '●'} ", "bold")
        text.append(f"{state:9}", "bold")
        text.append(clean(article.source or article.path), "dim strike" if hidden else "bold")
        text.append("  ")
        text.append(clean(article.title), "dim")
        return text

    def _fill(self, keep: str | None = None) -> None:
        listing = self.query_one(OptionList)
        highlighted = keep or self.current
        listing.set_options(Option(self._line(aid), id=aid) for aid in self.choice.order)
        listing.highlighted = self.choice.order.index(highlighted) if highlighted is not None else 0
        shown = len(self.choice.columns(self.pivot))
        listing.border_subtitle = f"{shown} of {len(self.choice.order)} shown"

    @property
    def current(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def action_toggle_hidden(self) -> None:
        if self.current is not None:
            self.choice = self.choice.toggle_hidden(self.current)
            self._fill()

    def action_toggle_pinned(self) -> None:
        if self.current is not None:
            self.choice = self.choice.toggle_pinned(self.current)
            self._fill()

    def action_move(self, delta: int) -> None:
        current = self.current
        if current is not None:
            self.choice = self.choice.move(current, delta)
            self._fill(keep=current)

    def action_show_all(self) -> None:
        self.choice = ColumnChoice(self.choice.order, self.choice.pinned)
        self._fill()

    @on(OptionList.OptionSelected)
    def _apply(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
