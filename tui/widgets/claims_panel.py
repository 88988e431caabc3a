"""The claims panel: every claim with its label, coverage per source and review mark."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import Claim
from tui.glyphs import MARK_GLYPHS, ROUNDING_GLYPH
from tui.messages import ClaimChosen
from tui.state.orphans import orphan_hint, orphaned_marks
from tui.state.reading_model import GLYPHS, ReadingModel
from tui.state.text import clean
from tui.widgets.keyed_list import KeyedOptionList

SUMMARY_SEPARATOR = " │ "
"""Between a conflict's summary and the claim's first sentence: the summary already uses
" · " between sources and ":" after the frame, and a sentence may hold either, or a dash."""

MarkFilter = Literal["all", "verified", "disputed", "follow-up", "unmarked"]
MARK_FILTERS: tuple[MarkFilter, ...] = ("all", "verified", "disputed", "follow-up", "unmarked")


def claim_line(model: ReadingModel, claim: Claim, mark: str | None) -> Text:
    """One panel row: ``! ●·● ✓ share price: A 7% · B 8% │ first sentence...`` (plain text,
    no markup)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    style = {"conflict": "bold", "shared": "", "unique": "italic"}[claim.label]
    text.append(GLYPHS[claim.label], style or "bold")
    text.append(" ")
    present = set(claim.article_ids)
    for article in model.comparison.articles:
        text.append("●" if article.id in present else "·", "" if article.id in present else "dim")
    text.append(" ")
    text.append(MARK_GLYPHS.get(mark or "", " "), "bold")
    text.append(" ")
    first = model.comparison.sentence_by_id.get(claim.sentence_ids[0]) if claim.sentence_ids else None
    # A claim with a frame sums up every source's value ("minute: A 118th · B 117th"); without
    # one its summary is its words, and the conflict's own values say what differs.
    summary = claim.summary if claim.frame else ""
    if claim.label == "conflict" and (summary or claim.conflicts):
        text.append(clean(summary or claim.conflicts[0].summary), "bold reverse")
        text.append(SUMMARY_SEPARATOR, "dim")
    elif any(c.kind == "rounding" for c in claim.conflicts):
        text.append(ROUNDING_GLYPH + " ", "bold")
    text.append(clean(first.text) if first else claim.id, style)
    return text


class ClaimsPanel(KeyedOptionList):
    """Sorted claims: conflicts, then shared by many sources, then unique; by salience."""

    DEFAULT_CSS = """
    ClaimsPanel {
        width: 45%; min-width: 30; max-width: 70; dock: right; border-left: vkey $primary;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.model: ReadingModel | None = None
        self.marks: Mapping[str, str] = {}
        self.mark_filter: MarkFilter = "all"
        self.text_filter = ""
        """Typed text a claim's summary or first sentence must contain (case-insensitive)."""

    def show(self, model: ReadingModel, marks: Mapping[str, str], selected: str | None) -> None:
        """Rebuild the list; keeps ``selected`` highlighted when it is listed."""
        self.model = model
        self.marks = dict(marks)
        options = [
            Option(claim_line(model, claim, self.marks.get(claim.key)), id=claim.id)
            for claim in model.panel_order
            if self._passes(claim)
        ]
        title = f"Claims ({len(options)}) · marks: {self.mark_filter}"
        # A line, not the title (cut short in a narrow panel): marks of this filter on no
        # claim would otherwise look lost.
        hint = orphan_hint(orphaned_marks(self.marks, model.comparison.claims, self.mark_filter))
        self.set_options([*options, Option(Text(hint, "italic"), disabled=True)] if hint else options)
        self.border_title = title + (f" · “{clean(self.text_filter)}”" if self.text_filter else "")
        self.highlight(selected)

    def highlight(self, claim_id: str | None) -> None:
        if claim_id is None:
            return
        try:
            self.highlighted = self.get_option_index(claim_id)
        except Exception:  # OptionDoesNotExist: the claim is filtered out
            return

    def _passes(self, claim: Claim) -> bool:
        if self.text_filter and self.model is not None:
            needle = self.text_filter.lower()
            first = (
                self.model.comparison.sentence_by_id.get(claim.sentence_ids[0])
                if claim.sentence_ids
                else None
            )
            if needle not in claim.summary.lower() and (first is None or needle not in first.text.lower()):
                return False
        mark = self.marks.get(claim.key)
        if self.mark_filter == "all":
            return True
        if self.mark_filter == "unmarked":
            return mark is None
        return mark == self.mark_filter

    @property
    def claim_ids(self) -> list[str]:
        return [option.id for option in self.options if option.id is not None]

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ClaimChosen(event.option.id))
