"""Choose the pivot article: the column pinned to the left."""

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
from tui.state.text import clean
from tui.widgets.keyed_list import KeyedOptionList


class PivotScreen(ModalScreen[str | None]):
    """A list of the articles; Enter pins the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel", id="pivot.cancel")]

    def __init__(self, articles: Sequence[Article], current: str | None) -> None:
        super().__init__(id="pivot")
        self.articles = tuple(articles)
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for article in self.articles:
            label = Text("◆ " if article.id == self.current else "  ", style="bold")
            label.append(clean(article.source or article.path), style="bold")
            label.append("  ")
            label.append(clean(article.title), style="dim")
            options.append(Option(label, id=article.id))
        pivot_list = KeyedOptionList(*options, id="pivot-list")
        pivot_list.border_title = "Pin which article to the left?"
        yield pivot_list

    def on_mount(self) -> None:
        pivot_list = self.query_one(OptionList)
        if self.current is not None:
            pivot_list.highlighted = pivot_list.get_option_index(self.current)
        pivot_list.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
