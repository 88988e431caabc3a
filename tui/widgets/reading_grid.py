"""The side-by-side reading grid: one column per article, rows aligned by the engine.

A Line-API ``ScrollView``: nothing is mounted per paragraph. Each cell (one
article in one aligned row) is wrapped once into cached strips, and its height
is kept separately, so showing other columns only wraps the articles that were
not shown before, and a selection change only rebuilds the rows it touches. A
key press moves the cursor and re-renders the handful of visible lines.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.models import Article, Claim, Label, Sentence
from tui.glyphs import MARK_GLYPHS
from tui.messages import ClaimChosen, ColumnsChanged, CursorMoved
from tui.state.layout import ColumnChoice
from tui.state.navigation import Step, nearest_index, step_index
from tui.widgets.cell_text import CellStyles, build_cell, cell_plain, find_all, line_sentences, strongest
from tui.widgets.reading_model import GLYPHS, ReadingModel, RowFilter

MIN_COLUMN = 38
"""Narrowest useful column (cells) before fewer columns are shown; two fit in 80 cells."""

CURSOR_BAR = "▌"


@dataclass(frozen=True, slots=True)
class GridColumn:
    """One visible column: which article and where it sits."""

    article: Article
    x: int
    width: int
    pivot: bool


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: the row it is in and the article that contains it."""

    row: int
    article_id: str


@dataclass(slots=True)
class _Cell:
    """One article's paragraphs in one aligned row, wrapped: (text strip, gutter) per line."""

    lines: list[tuple[Strip, str]]
    sentence_line: dict[str, int]


@dataclass(slots=True)
class _Block:
    """One aligned row as laid out in the visible columns."""

    cells: list[list[tuple[Strip, str]]]
    sentence_line: dict[str, int]
    height: int
    composed: dict[int, tuple[Strip, Strip]] = field(default_factory=dict)
    """Line within the block -> (joined line, joined line in the base style)."""


class ReadingGrid(ScrollView, can_focus=True, inherit_bindings=False):
    """Aligned articles in columns with a row cursor that spans every column."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-grid--shared",
        "reading-grid--unique",
        "reading-grid--conflict",
        "reading-grid--conflict-value",
        "reading-grid--boilerplate",
        "reading-grid--heading",
        "reading-grid--selected",
        "reading-grid--mention",
        "reading-grid--match",
        "reading-grid--cursor",
        "reading-grid--cursor-bar",
        "reading-grid--gutter",
        "reading-grid--divider",
    }

    DEFAULT_CSS = """
    ReadingGrid {
        background: $surface;
        color: $foreground;
        scrollbar-size-horizontal: 0;
        scrollbar-size-vertical: 1;
    }
    ReadingGrid > .reading-grid--shared { color: $claim-shared; }
    ReadingGrid > .reading-grid--unique { color: $claim-unique; text-style: italic; }
    ReadingGrid > .reading-grid--conflict { color: $claim-conflict; text-style: bold; }
    ReadingGrid > .reading-grid--conflict-value {
        color: $claim-conflict-value; text-style: bold reverse;
    }
    ReadingGrid > .reading-grid--boilerplate { color: $text-disabled; text-style: dim; }
    ReadingGrid > .reading-grid--heading { text-style: bold; }
    ReadingGrid > .reading-grid--selected { background: $claim-selected; text-style: underline; }
    ReadingGrid > .reading-grid--mention { background: $claim-selected; text-style: bold underline; }
    ReadingGrid > .reading-grid--match { background: $search-match; text-style: reverse; }
    ReadingGrid > .reading-grid--cursor { background: $row-cursor; }
    ReadingGrid > .reading-grid--cursor-bar { color: $accent; }
    ReadingGrid > .reading-grid--gutter { color: $gutter; text-style: bold; }
    ReadingGrid > .reading-grid--divider { color: $column-divider; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.model: ReadingModel | None = None
        self.pivot: str | None = None
        self.column_offset = 0
        self.row_filter: RowFilter = "all"
        self.hide_boilerplate = False
        self.folded = False
        """Runs of rows with only unique or boilerplate text are folded to their first row."""
        self.column_choice: ColumnChoice | None = None
        """Sources picked, pinned and ordered by the user (None: all, in article order)."""
        self.search_query = ""
        self.marks: Mapping[str, str] = {}
        """Claim key -> review mark."""
        self.cursor = 0
        """Index into :attr:`visible_rows`."""
        self.selected: Claim | None = None
        self.visible_rows: list[int] = []
        self.columns: list[GridColumn] = []
        self.matches: list[Match] = []
        self.match_index = -1
        self._row_top: list[int] = []
        self._blocks: dict[int, _Block] = {}
        """Row -> block for the current columns; dropped on any column change."""
        self._cells: dict[tuple[int, str], _Cell] = {}
        """(row, article id) -> wrapped cell; survives column changes."""
        self._heights: dict[tuple[int, str], int] = {}
        """(row, article id) -> wrapped line count; independent of styles and selection."""
        self._article_heights: dict[str, list[int]] = {}
        """Article id -> its cell height in every row, for the current text width."""
        self._cells_key: tuple[int, bool] = (-1, False)
        """(text width, boilerplate hidden) the cell and height caches were built for."""
        self._layout_width = -1
        self._styles: CellStyles | None = None
        self._line_styles: dict[str, Style] = {}

    # ----- data in -------------------------------------------------------------------

    def load(self, model: ReadingModel, *, pivot: str | None = None, hide_boilerplate: bool = False) -> None:
        """Show a new comparison from the top."""
        self.model = model
        articles = model.comparison.articles
        self.pivot = (
            pivot if pivot in model.comparison.article_by_id else (articles[0].id if articles else None)
        )
        self.hide_boilerplate = hide_boilerplate
        self.column_offset = 0
        self.cursor = 0
        self.selected = None
        self._cells.clear()
        self._heights.clear()
        self._article_heights.clear()
        self.relayout()
        self._select_row_claim()
        self._announce()

    def relayout(self) -> None:
        """Recompute columns, visible rows and row heights (after any view change)."""
        self._compute_rows()
        self._blocks.clear()
        self._layout_width = -1
        self._ensure_layout()
        self.refresh()

    def restyle(self) -> None:
        """Re-resolve theme colours (after a theme change)."""
        self._styles = None
        self._line_styles = {}
        self._drop_cells()
        self.refresh()

    def _drop_cells(self) -> None:
        """Forget every wrapped cell (styles, marks or search changed); heights stay valid."""
        self._cells.clear()
        self._blocks.clear()

    # ----- layout --------------------------------------------------------------------

    @property
    def column_order(self) -> list[str]:
        """Article ids, pivot first."""
        if self.model is None:
            return []
        ids = [a.id for a in self.model.comparison.articles]
        if self.column_choice is not None:
            return self.column_choice.columns(self.pivot)
        if self.pivot in ids:
            ids.remove(self.pivot)
            ids.insert(0, self.pivot)
        return ids

    @property
    def columns_that_fit(self) -> int:
        count = len(self.column_order)
        return max(1, min(count, (self.size.width - 1) // MIN_COLUMN))

    @property
    def hidden_columns(self) -> tuple[int, int]:
        """How many non-pivot articles are scrolled off to the left and right."""
        others = len(self.column_order) - 1
        if self.columns_that_fit == 1:
            return self.column_offset, max(0, others - self.column_offset)
        shown = self.columns_that_fit - 1
        left = self.column_offset
        return left, max(0, others - shown - left)

    def _cell_styles(self) -> CellStyles:
        if self._styles is None:

            def get(name: str) -> Style:
                return self.get_component_rich_style(f"reading-grid--{name}", partial=True)

            self._styles = CellStyles(
                shared=get("shared"),
                unique=get("unique"),
                conflict=get("conflict"),
                conflict_value=get("conflict-value"),
                boilerplate=get("boilerplate"),
                heading=get("heading"),
                selected=get("selected"),
                match=get("match"),
                mention=get("mention"),
            )
            if few_colours(self.app.console.color_system):
                # Theme colours collapse to a few ANSI ones (orange on grey): keep the shapes.
                self._styles = replace(
                    self._styles,
                    conflict_value=Style(bold=True, reverse=True),
                    selected=Style(underline=True),
                    mention=Style(bold=True, underline=True),
                )
        return self._styles

    def _ensure_layout(self) -> None:
        width = self.size.width
        if self.model is None or width == self._layout_width or width <= 0:
            return
        self._layout_width = width
        self._blocks.clear()
        model = self.model
        order = self.column_order
        fit = self.columns_that_fit
        others = order[1:]
        if fit == 1:
            # Room for one column only: it shows one article at a time, pivot first, and
            # sideways scrolling steps through all of them.
            self.column_offset = max(0, min(self.column_offset, len(order) - 1))
            shown = order[self.column_offset : self.column_offset + 1]
        else:
            self.column_offset = max(0, min(self.column_offset, len(others) - (fit - 1)))
            shown = order[:1] + others[self.column_offset : self.column_offset + fit - 1]
        column_width = max(4, (width - 1) // len(shown)) if shown else width
        by_id = model.comparison.article_by_id
        self.columns = [
            GridColumn(by_id[aid], 1 + i * column_width, column_width, aid == self.pivot)
            for i, aid in enumerate(shown)
        ]
        cells_key = (max(1, column_width - 3), self.hide_boilerplate)
        if cells_key != self._cells_key:
            self._cells_key = cells_key
            self._cells.clear()
            self._heights.clear()
            self._article_heights.clear()
        # Row height is the tallest shown cell, plus a separator line: an element-wise max
        # over per-article height lists (built once per article and width), so showing other
        # columns costs a C-level pass over the rows instead of a Python loop per cell.
        columns = [self._heights_of(aid) for aid in shown]
        tallest = list(map(max, *columns)) if len(columns) > 1 else list(columns[0]) if columns else []
        heights = [tallest[r] + 1 for r in self.visible_rows] if tallest else [1] * len(self.visible_rows)
        self._row_top = [0, *accumulate(heights)]
        top = self._row_top.pop()
        self.virtual_size = Size(width, top)
        self.post_message(ColumnsChanged())

    def _compute_rows(self) -> None:
        """Rows passing the filters; needs no width, so it works while hidden too."""
        if self.model is None:
            return
        model = self.model
        previous_row = self.visible_rows[self.cursor] if self.visible_rows else 0
        folded = model.folded_rows if self.folded else frozenset()
        self.visible_rows = [
            r
            for r in range(len(model.comparison.rows))
            if r not in folded and model.row_visible(r, self.row_filter, self.hide_boilerplate)
        ]
        self.cursor = nearest_index(self.visible_rows, previous_row)

    def _block(self, row: int) -> _Block:
        block = self._blocks.get(row)
        if block is not None:
            return block
        cells = [self._cell(row, column.article) for column in self.columns]
        sentence_line: dict[str, int] = {}
        for cell in cells:
            for sid, n in cell.sentence_line.items():
                sentence_line.setdefault(sid, n)
        height = max((len(c.lines) for c in cells), default=0) + 1
        block = _Block([c.lines for c in cells], sentence_line, height)
        self._blocks[row] = block
        return block

    def _cell_text(self, row: int, article: Article) -> Text:
        assert self.model is not None
        return build_cell(
            self.model,
            article,
            self.model.row_cells[row].get(article.id, ()),
            self._cell_styles(),
            selected=self.selected,
            hide_boilerplate=self.hide_boilerplate,
            query=self.search_query,
        )

    def _cell(self, row: int, article: Article) -> _Cell:
        key = (row, article.id)
        cell = self._cells.get(key)
        if cell is not None:
            return cell
        assert self.model is not None
        labels = self.model.sentence_label
        console = self.app.console
        text_width = self._cells_key[0]
        lines: list[tuple[Strip, str]] = []
        sentence_line: dict[str, int] = {}
        text = self._cell_text(row, article) if key[1] in self.model.row_cells[row] else Text()
        if text.plain:
            for n, line in enumerate(text.wrap(console, text_width, overflow="fold")):
                sids = line_sentences(line)
                for sid in sids:
                    sentence_line.setdefault(sid, n)
                gutter = self._gutter(strongest(labels, sids), sids)
                strip = Strip(list(line.render(console))).adjust_cell_length(text_width)
                lines.append((strip, gutter))
        cell = _Cell(lines, sentence_line)
        self._cells[key] = cell
        self._heights[key] = len(lines)
        return cell

    def _heights_of(self, article_id: str) -> list[int]:
        """Wrapped line count of ``article_id``'s cell in every row (0 where it has none)."""
        heights = self._article_heights.get(article_id)
        if heights is None:
            assert self.model is not None
            heights = [0] * len(self.model.comparison.rows)
            for row in self.model.article_rows.get(article_id, ()):
                heights[row] = self._cell_height(row, article_id)
            self._article_heights[article_id] = heights
        return heights

    def _cell_height(self, row: int, article_id: str) -> int:
        """Wrapped line count of one cell, without rendering it (line breaks need only the text)."""
        key = (row, article_id)
        height = self._heights.get(key)
        if height is not None:
            return height
        assert self.model is not None
        height = 0
        if article_id in self.model.row_cells[row]:
            article = self.model.comparison.article_by_id[article_id]
            plain = cell_plain(article, self.model.row_cells[row][article_id], self.hide_boilerplate)
            if plain:
                wrapped = Text(plain, end="").wrap(self.app.console, self._cells_key[0], overflow="fold")
                height = len(wrapped)
        self._heights[key] = height
        return height

    def _gutter(self, label: Label | None, sids: list[str]) -> str:
        glyph = GLYPHS[label] if label is not None else " "
        mark = " "
        if self.model is not None:
            for sid in sids:
                claim = self.model.sentence_claim.get(sid)
                if claim is not None and claim.key in self.marks:
                    mark = MARK_GLYPHS.get(self.marks[claim.key], " ")
                    break
        return glyph + mark

    # ----- rendering -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self.size.width
        styles = self._line_styles
        if not styles:
            # Resolving component styles walks the CSS; do it once per theme, not per line.
            styles["base"] = self.rich_style
            for part in ("gutter", "divider", "cursor-bar", "cursor"):
                styles[part] = self.get_component_rich_style(f"reading-grid--{part}", partial=True)
        base = styles["base"]
        if self.model is None or not self.visible_rows:
            return Strip.blank(width, base)
        scroll_y = int(self.scroll_offset.y)
        line_y = y + scroll_y
        index = bisect_right(self._row_top, line_y) - 1
        if index < 0 or index >= len(self.visible_rows):
            return Strip.blank(width, base)
        row = self.visible_rows[index]
        block = self._block(row)
        within = line_y - self._row_top[index]
        if self.folded and within == block.height - 1 and row in self.model.fold_runs:
            return self._fold_line(self.model.fold_runs[row], width, index == self.cursor)
        if index == self.cursor:
            joined = self._compose_line(block, within, width, cursor=True)
            return joined.apply_style(styles["cursor"]).apply_style(base)
        composed = block.composed.get(within)
        if composed is None or composed[0].cell_length != width:
            joined = self._compose_line(block, within, width, cursor=False)
            composed = (joined, joined.apply_style(base))
            block.composed[within] = composed
        return composed[1]

    def _fold_line(self, count: int, width: int, cursor: bool) -> Strip:
        """The separator line after a fold's first row says how much is folded away."""
        styles = self._line_styles
        text = f"  ⋯ {count} more row{'s' if count != 1 else ''} of unique or boilerplate text folded (z)"
        segments = [
            Segment(CURSOR_BAR if cursor else " ", styles["cursor-bar"]),
            Segment(text, styles["gutter"]),
        ]
        strip = Strip(segments).adjust_cell_length(width)
        return strip.apply_style(styles["base"])

    @property
    def _few_colours(self) -> bool:
        return few_colours(self.app.console.color_system)

    def _compose_line(self, block: _Block, within: int, width: int, *, cursor: bool) -> Strip:
        """Line ``within`` of a block across all columns, with gutters and dividers."""
        styles = self._line_styles
        gutter_style = styles["gutter"]
        if cursor and self._few_colours:
            # With 16 colours or none the cursor tint is lost: reverse the gutter instead.
            gutter_style = gutter_style + Style(reverse=True)
        divider_style = styles["divider"]
        segments: list[Segment] = [Segment(CURSOR_BAR if cursor else " ", styles["cursor-bar"])]
        for column, lines in zip(self.columns, block.cells, strict=True):
            text_width = max(1, column.width - 3)
            if within < len(lines):
                strip, gutter = lines[within]
            else:
                strip, gutter = Strip.blank(text_width), "  "
            segments.append(Segment(gutter, gutter_style))
            segments.extend(strip)
            segments.append(Segment("│", divider_style))
        return Strip(segments).adjust_cell_length(width)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()
        self._reveal_selection()
        self.scroll_to_cursor()

    def _reveal_selection(self) -> None:
        """After the width changed (claims panel, terminal), keep the selected claim in view."""
        claim, row = self.selected, self.cursor_row
        if claim is None or row is None or self.model is None or not self.columns:
            return
        comparison = self.model.comparison
        here = [
            sentence.article_id
            for sentence in (comparison.sentence_by_id[sid] for sid in claim.sentence_ids)
            if comparison.row_of_paragraph(sentence.article_id, sentence.paragraph_index) == row
        ]
        shown = {c.article.id for c in self.columns}
        if here and not shown & set(here):
            self.reveal_article(here[0])

    # ----- cursor --------------------------------------------------------------------

    @property
    def cursor_row(self) -> int | None:
        """Index into ``Comparison.rows`` of the cursor, or None when nothing shows."""
        if not self.visible_rows:
            return None
        return self.visible_rows[self.cursor]

    def move_cursor(self, index: int) -> None:
        """Put the cursor on visible row ``index`` (clamped) and select its first claim."""
        self._ensure_layout()
        if not self.visible_rows:
            return
        index = max(0, min(index, len(self.visible_rows) - 1))
        self.cursor = index
        self._select_row_claim()
        self.scroll_to_cursor()
        self._announce()

    def page(self, direction: int, *, half: bool = False) -> None:
        """Move the cursor by about one screenful (or half of one)."""
        self._ensure_layout()
        if not self.visible_rows:
            return
        lines = self.size.height // 2 if half else self.size.height - 1
        target = self._row_top[self.cursor] + direction * max(1, lines)
        index = bisect_right(self._row_top, max(0, target)) - 1
        if index == self.cursor:
            index += direction
        self.move_cursor(index)

    def scroll_to_cursor(self, *, line: int | None = None) -> None:
        """Bring the cursor row into view.

        A step (``line`` None) scrolls as little as possible; a jump to a claim or
        match (``line`` set) puts that line a quarter of the way down the view.
        """
        if not self.visible_rows or not self._row_top:
            return
        top = self._row_top[self.cursor]
        height = self._block(self.visible_rows[self.cursor]).height
        view = max(1, self.size.height)
        scroll = int(self.scroll_offset.y)
        if line is not None:
            target = top + line
            if not (scroll <= target < scroll + view - 1 and scroll <= top):
                self.scroll_to(y=max(0, target - view // 4), animate=False)
            return
        if top >= scroll and top + height <= scroll + view:
            return
        if top < scroll or height > view:
            self.scroll_to(y=top, animate=False)
        else:
            self.scroll_to(y=top + height - view, animate=False)

    def _select_row_claim(self) -> None:
        old = self.selected
        row = self.cursor_row
        if self.model is None or row is None:
            self.selected = None
        else:
            # A row whose claims all began in earlier rows still shows them: select the first,
            # so Enter and the review keys act on what the cursor is on.
            claims = self.model.row_claims[row] or self.model.row_touching[row]
            self.selected = self.model.comparison.claim_by_id[claims[0]] if claims else None
        if self.selected is not old:
            self._invalidate_claim(old)
            self._invalidate_claim(self.selected)
        self.refresh()

    def _invalidate_claim(self, claim: Claim | None) -> None:
        if claim is None or self.model is None:
            return
        for row in self.model.claim_rows(claim):
            self._blocks.pop(row, None)
            for article_id in self.model.row_cells[row]:
                self._cells.pop((row, article_id), None)
        self.refresh()

    def _announce(self) -> None:
        self.post_message(CursorMoved(self.cursor, self.selected.id if self.selected else None))

    # ----- claims --------------------------------------------------------------------

    def select_claim(self, claim_id: str) -> bool:
        """Move to ``claim_id``: its row gets the cursor, its column is shown."""
        if self.model is None or claim_id not in self.model.claim_place:
            return False
        claim = self.model.comparison.claim_by_id[claim_id]
        place = self.model.claim_place[claim_id]
        if place.row not in self.visible_rows:
            self.row_filter = "all"
            self.hide_boilerplate = False
            self.folded = False
            self.relayout()
        first_sid = min(
            (s for s in claim.sentence_ids if s in self.model.sentence_order),
            key=lambda s: self.model.sentence_order[s] if self.model else (0, 0),
        )
        self.reveal_article(self._column_to_reveal(claim, place.row, first_sid))
        old = self.selected
        self.cursor = nearest_index(self.visible_rows, place.row)
        self.selected = claim
        if claim is not old:
            self._invalidate_claim(old)
            self._invalidate_claim(claim)
        self.refresh()
        block = self._block(place.row)
        self.scroll_to_cursor(line=block.sentence_line.get(first_sid, 0))
        self._show_all_mentions(claim)
        self._announce()
        return True

    def _show_all_mentions(self, claim: Claim) -> None:
        """When the fact's mentions in the shown columns lie in several rows that fit on one
        screen together, scroll so every one of them is visible at once."""
        if self.model is None:
            return
        shown = {c.article.id for c in self.columns}
        lines: list[int] = []
        for place in self.model.mention_places(claim):
            if place.article_id not in shown or place.row not in self.visible_rows:
                continue
            index = nearest_index(self.visible_rows, place.row)
            block = self._block(place.row)
            lines.append(self._row_top[index] + block.sentence_line.get(place.sentence_id, 0))
        if len(lines) < 2:
            return
        first, last = min(lines), max(lines)
        view = max(1, self.size.height)
        scroll = int(self.scroll_offset.y)
        if last - first + 3 > view or (scroll <= first and last + 2 < scroll + view):
            return  # they cannot all fit, or they already show
        self.scroll_to(y=max(0, first - (view - (last - first)) // 3), animate=False)

    def focus_mention(self, row: int, article_id: str, sentence_id: str) -> None:
        """Put the cursor on ``row`` with ``article_id``'s column shown and the sentence in view,
        keeping the selected claim (stepping through one fact's mentions)."""
        if self.model is None:
            return
        if row not in self.visible_rows:
            self.row_filter = "all"
            self.hide_boilerplate = False
            self.folded = False
            self.relayout()
        self.reveal_article(article_id)
        self.cursor = nearest_index(self.visible_rows, row)
        self.refresh()
        self.scroll_to_cursor(line=self._block(row).sentence_line.get(sentence_id, 0))
        self._announce()

    def _column_to_reveal(self, claim: Claim, row: int, first_sid: str) -> str:
        """The article whose column a jump to ``claim`` should bring into view.

        The pivot is always on screen, so when the claim is also stated in another column of
        the same row, that column is the one to show: both halves of a disagreement side by side.
        """
        assert self.model is not None
        order = self.model.sentence_order
        sentences = self.model.comparison.sentence_by_id
        here = sorted(
            (s for s in claim.sentence_ids if order.get(s, (-1, 0))[0] == row), key=order.__getitem__
        )
        shown_ids = set(self.column_order)
        for sid in here:
            article_id = sentences[sid].article_id
            if article_id != self.pivot and article_id in shown_ids:
                return article_id
        return sentences[first_sid].article_id

    def step_claim(self, direction: int, label: Label | None = None) -> Step | None:
        """Select the next (``direction`` 1) or previous (-1) claim with ``label``.

        Wraps around the story (the result says so); None when there is no such claim.
        Bisects the model's sorted claim places, so a step does not scan every claim.
        """
        if self.model is None:
            return None
        model = self.model
        order, claims, places = model.nav_order, model.comparison.claim_by_id, model.claim_place
        row_filter, hide = self.row_filter, self.hide_boilerplate

        def visible(i: int) -> bool:
            cid = order[i]
            return (label is None or claims[cid].label == label) and model.row_visible(
                places[cid].row, row_filter, hide
            )

        row = self.cursor_row or 0
        place = places.get(self.selected.id) if self.selected is not None else None
        if place is not None and place.row == row:
            here = (place.row, place.order)
        else:
            here = (row, -1 if direction > 0 else 1 << 30)
        step = step_index(model.nav_keys, here, direction, visible)
        if step is None or not self.select_claim(order[step.index]):
            return None
        return step

    def current_sentence(self) -> Sentence | None:
        """The sentence the reader is on: the selected claim's in the cursor row (leftmost shown
        column first), else the first sentence of the cursor row."""
        row = self.cursor_row
        if self.model is None or row is None:
            return None
        comparison = self.model.comparison
        shown = [c.article.id for c in self.columns] or self.column_order
        cells = self.model.row_cells[row]
        in_row: list[Sentence] = []
        for aid in shown + [a for a in self.column_order if a not in shown]:
            article = comparison.article_by_id[aid]
            for p in cells.get(aid, ()):
                if p < len(article.paragraphs):
                    in_row.extend(article.paragraphs[p].sentences)
        if self.selected is not None:
            wanted = set(self.selected.sentence_ids)
            for sentence in in_row:
                if sentence.id in wanted:
                    return sentence
        return in_row[0] if in_row else None

    # ----- columns -------------------------------------------------------------------

    def scroll_columns(self, delta: int) -> None:
        left, right = self.hidden_columns
        step = max(-left, min(right, delta))
        if step:
            self.column_offset += step
            self.relayout()
            self.scroll_to_cursor()

    def reveal_article(self, article_id: str) -> None:
        """Scroll sideways so ``article_id`` has a visible column."""
        if any(c.article.id == article_id for c in self.columns):
            return
        if self.columns_that_fit == 1 and article_id in self.column_order:
            self.column_offset = self.column_order.index(article_id)
            self.relayout()
            return
        if article_id == self.pivot:
            return
        others = self.column_order[1:]
        if article_id not in others:
            return
        index = others.index(article_id)
        shown = self.columns_that_fit - 1
        if index < self.column_offset:
            self.column_offset = index
        else:
            self.column_offset = index - shown + 1
        self.relayout()

    def set_pivot(self, article_id: str) -> None:
        self.pivot = article_id
        self.column_offset = 0
        self.relayout()
        self.scroll_to_cursor()

    # ----- filters and search ----------------------------------------------------------

    def set_filter(self, row_filter: RowFilter) -> None:
        self.row_filter = row_filter
        self.relayout()
        self._select_row_claim()
        self.scroll_to_cursor()
        self._announce()

    def set_folded(self, folded: bool) -> None:
        self.folded = folded
        self.relayout()
        self._select_row_claim()
        self.scroll_to_cursor()
        self._announce()

    def set_columns(self, choice: ColumnChoice) -> None:
        """Show the sources the picker chose (pivot first, then pinned, then the rest)."""
        self.column_choice = choice
        self.column_offset = 0
        self.relayout()
        self.scroll_to_cursor()

    def set_hide_boilerplate(self, hide: bool) -> None:
        self.hide_boilerplate = hide
        self.relayout()
        self._select_row_claim()
        self.scroll_to_cursor()
        self._announce()

    def set_marks(self, marks: Mapping[str, str]) -> None:
        self.marks = dict(marks)
        self._drop_cells()
        self.refresh()

    def search(self, query: str) -> int:
        """Highlight ``query`` everywhere; returns the number of rows that match."""
        self.search_query = query
        self.matches = []
        self.match_index = -1
        if self.model is not None and query:
            comparison = self.model.comparison
            for r, row in enumerate(comparison.rows):
                for aid, paras in sorted(row.paragraphs, key=lambda p: self.model.article_index[p[0]]):  # type: ignore[union-attr]
                    article = comparison.article_by_id[aid]
                    if any(
                        find_all(article.paragraphs[p].text, query)
                        or self._sentences_match(article, p, query)
                        for p in paras
                        if p < len(article.paragraphs)
                    ):
                        self.matches.append(Match(r, aid))
        self._drop_cells()
        self.refresh()
        return len(self.matches)

    @staticmethod
    def _sentences_match(article: Article, paragraph: int, query: str) -> bool:
        return any(find_all(s.text, query) for s in article.paragraphs[paragraph].sentences)

    def step_match(self, direction: int) -> Match | None:
        """Go to the next or previous search hit after the cursor; wraps around."""
        if not self.matches:
            return None
        row = self.cursor_row or 0
        if self.match_index >= 0 and self.matches[self.match_index].row == row:
            index = (self.match_index + direction) % len(self.matches)
        elif direction > 0:
            index = next((i for i, m in enumerate(self.matches) if m.row >= row), 0)
        else:
            index = next((i for i in range(len(self.matches) - 1, -1, -1) if self.matches[i].row <= row), -1)
            index %= len(self.matches)
        self.match_index = index
        match = self.matches[index]
        if match.row not in self.visible_rows:
            self.row_filter = "all"
            self.hide_boilerplate = False
            self.folded = False
            self.relayout()
        self.reveal_article(match.article_id)
        self.move_cursor(self.visible_rows.index(match.row))
        self.scroll_to_cursor(line=0)
        return match

    # ----- mouse -----------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self.model is None or not self.visible_rows:
            return
        line_y = event.y + int(self.scroll_offset.y)
        index = bisect_right(self._row_top, line_y) - 1
        if index < 0:
            return
        sid = event.style.meta.get("sid") if event.style.meta else None
        claim = self.model.sentence_claim.get(sid) if isinstance(sid, str) else None
        if claim is not None:
            self.post_message(ClaimChosen(claim.id))
        else:
            self.move_cursor(index)


def few_colours(color_system: str | None) -> bool:
    """True when background tints cannot be told apart (16 colours, or NO_COLOR)."""
    return bool(os.environ.get("NO_COLOR")) or color_system not in ("truecolor", "256")


def plain_lines(grid: ReadingGrid) -> list[str]:
    """The grid's visible lines as plain text (for tests and debugging)."""
    return [grid.render_line(y).text for y in range(grid.size.height)]


__all__ = ["GridColumn", "Match", "ReadingGrid", "Text", "plain_lines"]
