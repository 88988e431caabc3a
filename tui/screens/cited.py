"""Cited sources: who the articles cite (outlets, agencies, officials), by which article, where."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.models import Comparison
from tui.state.text import clean, counted

KIND_LABEL = {"named": "", "official": "official", "anonymous": "unnamed"}
_EXCERPT = 110


def cited_sources_text(comparison: Comparison) -> Text:
    """The list as text: each source, the articles citing it, and the citing sentences with
    the source's name underlined. Article text never goes through markup."""
    out = Text()
    if not comparison.cited_sources:
        out.append("No article cites another source by name.", "dim")
        return out
    articles = comparison.article_by_id
    sentences = comparison.sentence_by_id
    for n, cited in enumerate(comparison.cited_sources):
        if n:
            out.append("\n\n")
        out.append(clean(cited.name), "bold")
        if KIND_LABEL[cited.kind]:
            out.append(f"  ({KIND_LABEL[cited.kind]})", "dim")
        count = len(cited.article_ids)
        out.append(f"  cited by {counted(count, 'article')}: ", "dim")
        out.append(", ".join(clean(articles[a].source) for a in cited.article_ids))
        for article_id, sentence_id, start, end in cited.mentions:
            sentence = sentences.get(sentence_id)
            if sentence is None:
                continue
            out.append("\n  ")
            out.append(f"{clean(articles[article_id].source)}: ", "italic")
            out.append_text(_excerpt(sentence.text, start, end))
    return out


def _excerpt(text: str, start: int, end: int) -> Text:
    """The sentence around the name, cut to one or two lines, name underlined."""
    begin = max(0, min(start - 40, len(text) - _EXCERPT))
    stop = min(len(text), begin + _EXCERPT)
    excerpt = Text("…" if begin else "")
    excerpt.append(clean(text[begin:start]))
    excerpt.append(clean(text[start:end]), "underline")
    excerpt.append(clean(text[end:stop]))
    if stop < len(text):
        excerpt.append("…")
    return excerpt


class CitedSourcesScreen(ModalScreen[None]):
    """Who cites whom: two outlets repeating one wire are visibly not independent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,w", "close", "Close", id="cited.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="cited.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="cited.up"),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__(id="cited")
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="cited-body")
        body.border_title = "Cited sources"
        body.border_subtitle = "esc to close"
        with body:
            yield Static(cited_sources_text(self.comparison), id="cited-text")

    def on_mount(self) -> None:
        self.query_one("#cited-body").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#cited-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
