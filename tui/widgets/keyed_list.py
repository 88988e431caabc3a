"""An OptionList that also moves with the keys of the rest of the reader (j/k, g/G, ctrl-d/u)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class KeyedOptionList(OptionList):
    """Vim-style movement on top of OptionList's arrows, Home/End and page keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
        Binding("ctrl+d", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("ctrl+u", "page_up", "Page up", show=False, id="list.page-up"),
    ]
