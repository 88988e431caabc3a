"""The side-by-side reading grid: one column per article, rows aligned by the engine.

A Line-API ``ScrollView``: nothing is mounted per paragraph. Each cell (one
article in one aligned row) is wrapped once into cached strips, and its height
is kept separately, so showing other columns only wraps the articles that were
not shown before, and a selection change only rebuilds the rows it touches. A
key press moves the cursor and re-renders the handful of visible lines.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import accumulate
from time import perf_counter
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.core.models import Article, Claim, Label, Sentence
from tui.glyphs import MARK_GLYPHS
from tui.messages import ClaimChosen, ColumnsChanged, CursorMoved, StatusChanged
from tui.state.layout import GRID_SCROLLBAR, MIN_COLUMN
from tui.state.navigation import Step
from tui.state.reader import Match, ReaderState, follow_offsets
from tui.state.reading_model import GLYPHS, ReadingModel, RowFilter
from tui.state.text import counted
from tui.widgets.cell_text import (
    CellStyles,
    build_cell,
    cell_plain,
    line_sentences,
    strongest,
    wrapped_height,
)
from tui.widgets.component_style import component_style
from tui.widgets.drawn_scrollbar import DrawnScrollbar, ScrollbarMouse

CURSOR_BAR = "▌"
FOLLOW_DIVIDER = "┆"
"""The divider beside a column drawn shifted to follow a fact (see :attr:`ReaderState.follow`)."""
AHEAD_UNDRAWN = 0.5
"""Seconds work ahead waits for a state to be drawn before it starts anyway (a change that
alters nothing on screen is never drawn)."""
AHEAD_SLICE = 0.004
"""Seconds of work ahead (:meth:`ReadingGrid._work_ahead`) between two turns of the event loop:
a key that arrives meanwhile waits at most this long."""
DISCARDED_MAX = 64
"""Dropped caches kept for freeing after the frame, at most (keys faster than frames)."""
AHEAD_DELAY = 0.01
"""Seconds after a frame before work ahead starts: the frame is written out first."""


@dataclass(frozen=True, slots=True)
class GridColumn:
    """One visible column: which article and where it sits."""

    article: Article
    x: int
    width: int
    pivot: bool


@dataclass(slots=True)
class _Cell:
    """One article's paragraphs in one aligned row, wrapped: (text strip, gutter) per line."""

    lines: list[tuple[list[Segment], str]]
    """(the line's segments, padded to the text width; its gutter) per wrapped line."""
    sentence_line: dict[str, int]
    over: dict[tuple[int, bool], list[Segment]] = field(default_factory=dict)
    """(line, in the cursor's row) -> that line with its gutter over the row's tint, as a column
    shifted to follow a fact draws it (see ReadingGrid._compose_followed)."""


@dataclass(slots=True)
class _Block:
    """One aligned row as laid out in the visible columns."""

    cells: list[list[tuple[list[Segment], str]]]
    sentence_line: dict[str, int]
    height: int
    composed: dict[tuple[int, bool], tuple[list[Segment], int]] = field(default_factory=dict)
    """(line within the block, under the cursor) -> the line drawn across every column and its
    width. Segments, not a Strip: the compositor caches what it cuts from a Strip in the
    Strip's own caches, and a kept Strip would keep those alive for as long as the block,
    tens of thousands of objects that every full collection of the heap walks (a pause on
    some key press); a Strip made for each frame takes them with it."""


@dataclass(frozen=True, slots=True)
class _Ahead:
    """A view a likely key will show: its state, the visible row it is about and how many
    lines above and below that row it shows (counted in that state's columns)."""

    state: ReaderState
    index: int
    before: int
    after: int
    article_id: str | None = None
    """Only this article's column (one shifted to follow a fact), else every shown column."""
    follows: bool = False
    """A jump: the view may then follow the fact, drawing cells line by line over their row's
    tint (:meth:`ReadingGrid._over_line`), prepared too."""


def _make_block(cells: list[_Cell]) -> _Block:
    """One aligned row from its cells in the shown columns, in order."""
    sentence_line: dict[str, int] = {}
    for cell in cells:
        for sid, n in cell.sentence_line.items():
            sentence_line.setdefault(sid, n)
    height = max((len(c.lines) for c in cells), default=0) + 1
    return _Block([c.lines for c in cells], sentence_line, height)


class ReadingGrid(ScrollbarMouse, ScrollView, can_focus=True, inherit_bindings=False):
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
        scrollbar-size-vertical: 0;  /* drawn in the last column: see DrawnScrollbar */
    }
    ReadingGrid > .reading-grid--shared { color: $claim-shared; }
    ReadingGrid > .reading-grid--unique { color: $claim-unique; text-style: italic; }
    ReadingGrid > .reading-grid--conflict { color: $claim-conflict; text-style: bold; }
    ReadingGrid > .reading-grid--conflict-value {
        color: $claim-conflict-value; text-style: bold reverse;
    }
    ReadingGrid > .reading-grid--boilerplate { color: $foreground-muted; }
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
        self._state: ReaderState | None = None
        """What is drawn: the reader's state (:mod:`tui.state.reader`); see :meth:`apply`."""
        self.marks: Mapping[str, str] = {}
        """Claim key -> review mark."""
        self.columns: list[GridColumn] = []
        self._row_top: list[int] = []
        self._blocks: dict[int, _Block] = {}
        """Row -> block for the current columns; dropped on any column change."""
        self._cells: dict[tuple[int, str], _Cell] = {}
        """(row, article id) -> wrapped cell; survives column changes."""
        self._article_heights: dict[str, list[int]] = {}
        """Article id -> its cell height in every row, for the current text width (a new dict
        for each width, so the thread measuring the rest never writes into the wrong one)."""
        self._cells_key: tuple[int, bool] = (-1, False)
        """(text width, boilerplate hidden) the cell and height caches were built for."""
        self._laid_out: tuple[ReaderState | None, int] = (None, -1)
        """The state and width last laid out (identity check before comparing keys)."""
        self._layout_key: tuple[object, ...] = ()
        """What the row positions were computed for (width, rows, columns)."""
        self._styles: CellStyles | None = None
        self._line_styles: dict[str, Style] = {}
        self._blank_overs: dict[tuple[int, bool], list[Segment]] = {}
        """(text width, in the cursor's row) -> a blank cell line over the row's tint."""
        self._ahead: dict[str, dict[tuple[int, str], _Cell]] = {}
        """Claim id -> cells wrapped with that claim selected, for the rows a change of selection
        to it redraws (its rows and the selected claim's), built ahead of the key that selects it."""
        self._ahead_blocks: dict[str, dict[int, _Block]] = {}
        """Claim id -> rows laid out in the current columns from those cells, lines composed."""
        self._future: dict[tuple[str, ...], dict[int, tuple[str | None, _Block]]] = {}
        """Rows laid out and composed ahead in other columns than the shown ones (a jump that
        brings other sources into view): shown article ids -> row -> (the selection the row was
        drawn with, the block). Taken when those columns are laid out (:meth:`_adopt_future`)."""
        self._ahead_for: ReaderState | None = None
        """The state the pending work ahead was planned for."""
        self._ahead_jobs: list[Callable[[], None]] = []
        self._discarded: list[object] = []
        """Caches dropped by keys, freed after the frame (see :meth:`_discard`)."""
        self._ahead_pending = False
        self._drawn: ReaderState | None = None
        """The state last drawn (any line of it): work ahead waits until a new state is."""
        self._ahead_waiting = False
        """Work ahead found the state not drawn yet: drawing it starts the work."""
        self.cells_wrapped = 0
        """How many cells have been wrapped, ahead or on demand: what a key cost in wrapping."""
        self.working_ahead = True
        """False while the articles are shown before the analysis ends: it needs the interpreter."""
        self._bar = DrawnScrollbar(self, GRID_SCROLLBAR)

    # ----- the state drawn ------------------------------------------------------------------

    @property
    def state(self) -> ReaderState | None:
        return self._state

    @property
    def model(self) -> ReadingModel | None:
        return self._state.model if self._state is not None else None

    @property
    def cursor(self) -> int:
        return self._state.cursor if self._state is not None else 0

    @property
    def cursor_row(self) -> int | None:
        """Index into ``Comparison.rows`` of the cursor, or None when nothing shows."""
        return self._state.cursor_row if self._state is not None else None

    @property
    def visible_rows(self) -> tuple[int, ...]:
        return self._state.visible_rows if self._state is not None else ()

    @property
    def selected(self) -> Claim | None:
        return self._state.selected_claim if self._state is not None else None

    @property
    def row_filter(self) -> RowFilter:
        return self._state.row_filter if self._state is not None else "all"

    @property
    def hide_boilerplate(self) -> bool:
        return self._state.hide_boilerplate if self._state is not None else False

    @property
    def folded(self) -> bool:
        return self._state.folded if self._state is not None else False

    @property
    def pivot(self) -> str | None:
        return self._state.pivot if self._state is not None else None

    @property
    def search_query(self) -> str:
        return self._state.search.query if self._state is not None else ""

    @property
    def matches(self) -> tuple[Match, ...]:
        return self._state.search.matches if self._state is not None else ()

    @property
    def match_index(self) -> int:
        return self._state.search.index if self._state is not None else -1

    @property
    def column_order(self) -> list[str]:
        """Article ids, pivot first."""
        return self._state.column_order if self._state is not None else []

    @property
    def hidden_columns(self) -> tuple[int, int]:
        """How many non-pivot articles are scrolled off to the left and right."""
        return self._state.hidden_columns if self._state is not None else (0, 0)

    def load(self, model: ReadingModel, *, pivot: str | None = None, hide_boilerplate: bool = False) -> None:
        """Show a new comparison from the top."""
        self._state = None
        self._cells.clear()
        self._forget_ahead()
        self._article_heights = {}
        self._cells_key = (-1, False)
        self._layout_key = ()
        self._laid_out = (None, -1)
        state = ReaderState.start(model, pivot=pivot, hide_boilerplate=hide_boilerplate, room=self._room())
        self.apply(state, scroll=False)
        self.scroll_to(y=0, animate=False)

    def apply(
        self,
        state: ReaderState,
        *,
        scroll: bool = True,
        focus_sentence: str | None = None,
        show_mentions: bool = False,
    ) -> None:
        """Draw ``state``, repainting only what differs from the state drawn before.

        ``scroll`` brings the cursor row into view with as little scrolling as possible;
        ``focus_sentence`` puts that sentence's line a quarter of the way down instead (a jump);
        ``show_mentions`` then scrolls so every mention of the selected fact shows when they fit,
        and shifts each column whose mention is still off screen so that it shows beside the
        focused one (:meth:`_follow_fact`).
        """
        old = self._state
        state = state.with_room(self._room()) if self.size.width > 0 else state
        self._state = state
        if old is None or old.model is not state.model:
            self._blocks.clear()
            self._ensure_layout()
            self.refresh()
        else:
            dirty: set[int] = set()
            if old.search.query != state.search.query:
                self._drop_cells()
            if old.selected != state.selected:
                dirty.update(self._forget_claim(old.selected))
                dirty.update(self._forget_claim(state.selected))
                # Cells wrapped ahead for this selection replace the ones just forgotten;
                # any other claim's were wrapped beside the old selection: no longer valid.
                selected = state.selected or ""
                ahead, blocks = self._ahead.pop(selected, {}), self._ahead_blocks.pop(selected, {})
                self._forget_ahead()
                self._cells.update(ahead)
                self._blocks.update(blocks)
            if self._ensure_layout() or old.follow != state.follow:
                self.refresh()
            elif old.cursor != state.cursor or dirty:
                if old.cursor_row is not None:
                    dirty.add(old.cursor_row)
                if state.cursor_row is not None:
                    dirty.add(state.cursor_row)
                self._refresh_rows(dirty)
        if focus_sentence is not None:
            self._scroll_to_sentence(focus_sentence)
        elif scroll:
            self.scroll_to_cursor()
        if show_mentions:
            claim = state.selected_claim
            if claim is not None:
                self._show_all_mentions(claim)
                # After the scrolls above, which Textual applies after the next refresh.
                anchor = focus_sentence or state.model.first_sentence_id(claim)
                self.call_after_refresh(self._follow_fact, self._state, claim, anchor)
        if old is not None and self._state is not None and old.follow != self._state.follow:
            self.post_message(ColumnsChanged())  # the header marks the shifted columns
        if old is None or (old.cursor, old.selected, old.visible_rows) != (
            state.cursor,
            state.selected,
            state.visible_rows,
        ):
            self.post_message(CursorMoved(state.cursor, state.selected))
        if old is None or old.status != state.status:
            # Not implied by the two above: a filter that hides no row changes only this.
            self.post_message(StatusChanged())
        self._plan_ahead()

    @property
    def _width(self) -> int:
        """Cells for the cursor bar and the columns: all but the scrollbar's."""
        return max(0, self.size.width - self._bar.width)

    def _room(self) -> int:
        """Reading columns the current width holds."""
        return max(1, (self._width - 1) // MIN_COLUMN)

    def restyle(self) -> None:
        """Re-resolve theme colours (after a theme change)."""
        self._styles = None
        self._line_styles = {}
        self._blank_overs = {}
        self._bar.restyle()
        self._drop_cells()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._bar.restyle()

    def _drop_cells(self) -> None:
        """Forget every wrapped cell (styles, marks or search changed); heights stay valid."""
        self._cells.clear()
        self._forget_ahead()
        self._blocks.clear()

    def _forget_ahead(self) -> None:
        self._discard(self._ahead, self._ahead_blocks, self._future)
        self._ahead, self._ahead_blocks, self._future = {}, {}, {}

    def _discard(self, *caches: object) -> None:
        """Keep dropped caches until the frame is drawn: freeing thousands of wrapped lines and
        composed segments took 2 ms of a jump. Work ahead lets them go after the frame (or
        here, when work ahead has not run for many keys)."""
        self._discarded.extend(caches)
        if len(self._discarded) > DISCARDED_MAX:
            self._discarded.clear()

    def _forget_claim(self, claim_id: str | None) -> tuple[int, ...]:
        """Drop the cells that draw ``claim_id`` (its selection is changing); returns their rows."""
        model = self.model
        claim = model.comparison.claim_by_id.get(claim_id) if model is not None and claim_id else None
        if claim is None or model is None:
            return ()
        rows = model.claim_rows(claim)
        for row in rows:
            self._blocks.pop(row, None)
            for article_id in model.row_cells[row]:
                self._cells.pop((row, article_id), None)
        return rows

    def _refresh_rows(self, rows: set[int]) -> None:
        """Repaint only the screen lines of ``rows`` (a cursor move touches two rows)."""
        state = self._state
        if state is None or not self._row_top:
            return
        top_line = int(self.scroll_offset.y)
        bottom_line = top_line + self.size.height
        for row in rows:
            if not state.is_visible(row):
                continue
            index = bisect_left(state.visible_rows, row)
            top = self._row_top[index]
            end = self._row_top[index + 1] if index + 1 < len(self._row_top) else self.virtual_size.height
            if end > top_line and top < bottom_line:
                self.refresh_lines(top, end - top)

    # ----- layout --------------------------------------------------------------------

    @property
    def columns_that_fit(self) -> int:
        return self._state.fit if self._state is not None else 1

    def _cell_styles(self) -> CellStyles:
        if self._styles is None:

            def get(name: str) -> Style:
                return component_style(self, f"reading-grid--{name}")

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
                    boilerplate=Style(dim=True),  # its muted colour is lost: dim it instead
                )
        return self._styles

    def _ensure_layout(self) -> bool:
        """Lay out columns and row positions for the state and width; True when they changed."""
        width = self._width
        state = self._state
        if state is None or width <= 0:
            return False
        if state is self._laid_out[0] and width == self._laid_out[1]:
            return False  # the common case, on every line drawn: nothing changed
        if state.room != self._room():
            state = self._state = state.with_room(self._room())
        self._laid_out = (state, width)
        shown = state.shown_columns
        key = (width, state.visible_rows, tuple(shown), state.pivot, state.hide_boilerplate)
        if key == self._layout_key:
            return False
        self._layout_key = key
        self._discard(self._blocks, self._ahead_blocks)
        self._blocks, self._ahead_blocks = {}, {}
        self.columns = self._columns_for(state, shown, width)
        column_width = self.columns[0].width if self.columns else width
        cells_key = (max(1, column_width - 3), state.hide_boilerplate)
        if cells_key != self._cells_key:
            self._cells_key = cells_key
            self._cells.clear()
            self._forget_ahead()
            self._article_heights = {}
            # Once this layout is on screen: the thread takes the interpreter lock in turns
            # with the frame (0.3 s of measuring at 200 articles), which came that much later.
            self.call_after_refresh(self._measure_rest, state.model, cells_key, self._article_heights)
        # Row height is the tallest shown cell, plus a separator line: an element-wise max
        # over per-article height lists (built once per article and width), so showing other
        # columns costs a C-level pass over the rows instead of a Python loop per cell.
        columns = [self._heights_of(aid) for aid in shown]
        tallest = list(map(max, *columns)) if len(columns) > 1 else list(columns[0]) if columns else []
        rows = state.visible_rows
        heights = [tallest[r] + 1 for r in rows] if tallest else [1] * len(rows)
        self._row_top = [0, *accumulate(heights)]
        top = self._row_top.pop()
        self._adopt_future(state, shown)
        self._set_virtual_height(top)
        self.post_message(ColumnsChanged())
        return True

    def _columns_for(self, state: ReaderState, shown: Sequence[str], width: int) -> list[GridColumn]:
        """Where ``shown`` (article ids, in order) sit across ``width`` cells."""
        column_width = max(4, (width - 1) // len(shown)) if shown else width
        by_id = state.model.comparison.article_by_id
        return [
            GridColumn(by_id[aid], 1 + i * column_width, column_width, aid == state.pivot)
            for i, aid in enumerate(shown)
        ]

    def _adopt_future(self, state: ReaderState, shown: Sequence[str]) -> None:
        """Take the rows composed ahead for these columns that look the same in ``state``: drawn
        with its selection, or in no row of the selection they were drawn with nor of its."""
        future = self._future.pop(tuple(shown), None)
        if not future:
            return
        model = state.model
        claims = model.comparison.claim_by_id
        selected = state.selected_claim
        now = set(model.claim_rows(selected)) if selected is not None else set()
        rows_of: dict[str | None, set[int]] = {}
        for row, (drawn_with, block) in future.items():
            if drawn_with != state.selected:
                if drawn_with not in rows_of:
                    claim = claims.get(drawn_with) if drawn_with else None
                    rows_of[drawn_with] = set(model.claim_rows(claim)) if claim is not None else set()
                if row in now or row in rows_of[drawn_with]:
                    continue
            self._blocks[row] = block

    def _set_virtual_height(self, height: int) -> None:
        """Set the scrollable height, without a layout of the screen when only that changes.

        ``virtual_size`` is a layout reactive: setting it re-arranges and re-renders the whole
        screen (3-4 ms on a jump that shows other sources). The screen's layout does not
        depend on it (a ScrollView's size comes from CSS); Textual's scrollbar does, and this
        widget draws its own, so only a change of whether it scrolls at all (the bar appears or
        goes) needs the layout. ``set_reactive`` is Textual's public way to set a reactive
        without its watchers; the repaint and the scroll clamp the layout did are done here.
        """
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        scrolls = height > self.size.height
        if (
            self.is_mounted
            and size.width == self.virtual_size.width
            and scrolls == self.show_vertical_scrollbar
        ):
            self.set_reactive(ScrollView.virtual_size, size)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
            self.scroll_target_y = self.validate_scroll_y(self.scroll_target_y)
            self.refresh()
        else:
            self.virtual_size = size

    def _block(self, row: int) -> _Block:
        block = self._blocks.get(row)
        if block is not None:
            return block
        block = self._blocks[row] = _make_block([self._cell(row, column.article) for column in self.columns])
        return block

    def _cell_text(self, row: int, article: Article, selected: Claim | None) -> Text:
        assert self.model is not None
        return build_cell(
            self.model,
            article,
            self.model.row_cells[row].get(article.id, ()),
            self._cell_styles(),
            selected=selected,
            hide_boilerplate=self.hide_boilerplate,
            query=self.search_query,
        )

    def _cell(self, row: int, article: Article) -> _Cell:
        key = (row, article.id)
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = self._wrap_cell(row, article, self.selected)
        return cell

    @property
    def caught_up(self) -> bool:
        """Whether the work ahead planned for the state shown is all done (nothing pending)."""
        return self._ahead_for is self._state and not self._ahead_jobs and not self._ahead_pending

    def _wrap_cell(self, row: int, article: Article, selected: Claim | None) -> _Cell:
        """Wrap one cell as drawn with ``selected`` the selected claim (and the current search,
        marks, styles and width)."""
        assert self.model is not None
        labels = self.model.sentence_label
        console = self.app.console
        text_width = self._cells_key[0]
        self.cells_wrapped += 1
        lines: list[tuple[list[Segment], str]] = []
        sentence_line: dict[str, int] = {}
        in_row = article.id in self.model.row_cells[row]
        text = self._cell_text(row, article, selected) if in_row else Text()
        if text.plain:
            for n, line in enumerate(text.wrap(console, text_width, overflow="fold")):
                sids = line_sentences(line)
                for sid in sids:
                    sentence_line.setdefault(sid, n)
                gutter = self._gutter(strongest(labels, sids), sids)
                # Segments, not a Strip: a Strip carries seven caches, and only the joined
                # line across every column is ever drawn.
                segments = Segment.adjust_line_length(list(line.render(console)), text_width)
                lines.append((segments, gutter))
        return _Cell(lines, sentence_line)

    def _sentence_line(self, row: int, article_id: str, sentence_id: str) -> int:
        """The line of ``row`` where ``sentence_id`` (of ``article_id``) starts: its own cell
        tells, so a mention far down the story does not wrap every column of its row."""
        assert self.model is not None
        article = self.model.comparison.article_by_id[article_id]
        return self._cell(row, article).sentence_line.get(sentence_id, 0)

    def _heights_of(self, article_id: str) -> list[int]:
        """Wrapped line count of ``article_id``'s cell in every row (0 where it has none)."""
        heights = self._article_heights.get(article_id)
        if heights is None:
            assert self.model is not None
            text_width, hide = self._cells_key
            heights = article_heights(self.model, article_id, text_width, hide)
            self._article_heights[article_id] = heights
        return heights

    @work(thread=True, group="grid-heights", exit_on_error=False)
    def _measure_rest(self, model: ReadingModel, key: tuple[int, bool], into: dict[str, list[int]]) -> None:
        """Measure every article's cells at this width in the background, so a jump or a
        sideways step that shows new sources finds their row heights ready. A measurement
        for a width no longer shown stops by itself (never cancelled: tests wait on workers)."""
        worker = get_current_worker()
        text_width, hide = key
        for article in model.comparison.articles:
            if worker.is_cancelled or into is not self._article_heights:
                return
            if article.id not in into:
                into[article.id] = article_heights(model, article.id, text_width, hide)

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

    def _resolved_line_styles(self) -> dict[str, Style]:
        styles = self._line_styles
        if not styles:
            # Resolving component styles walks the CSS; do it once per theme, not per line.
            styles["base"] = self.rich_style
            for part in ("gutter", "divider", "cursor-bar", "cursor"):
                styles[part] = component_style(self, f"reading-grid--{part}")
            styles["base+cursor"] = styles["base"] + styles["cursor"]
            for part in ("cursor-bar", "divider"):
                styles[f"{part} over"] = styles["base"] + styles[part]
                styles[f"{part} over+cursor"] = styles["base+cursor"] + styles[part]
        return styles

    def render_lines(self, crop: Region) -> list[Strip]:
        self._bar.update()  # once per frame, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        if self._drawn is not self._state:
            self._drawn = self._state
            if self._ahead_waiting and not self._ahead_pending:
                self._ahead_waiting = False
                self._start_ahead()  # on a timer: after this frame
        width = self._width
        base = self._resolved_line_styles()["base"]
        # One Strip per line: the content's segments and the scrollbar's cell.
        return Strip([*self._content_line(y, width, base), self._bar.cell(y, base)], width + self._bar.width)

    def _content_line(self, y: int, width: int, base: Style) -> list[Segment]:
        """Line ``y`` of the view without the scrollbar (a list that may be kept: not to change)."""
        state = self._state
        if state is None or not state.visible_rows:
            return [Segment(" " * width, base)]
        line_y = y + int(self.scroll_offset.y)
        index = bisect_right(self._row_top, line_y) - 1
        if index < 0 or index >= len(state.visible_rows):
            return [Segment(" " * width, base)]
        row = state.visible_rows[index]
        block = self._block(row)
        within = line_y - self._row_top[index]
        cursor = index == state.cursor
        if state.folded and within == block.height - 1 and row in state.model.fold_runs:
            return self._fold_line(state.model.fold_runs[row], width, cursor)
        if state.follow is not None:
            return self._compose_followed(state, line_y, width, cursor=cursor)
        return self._line(block, within, width, cursor=cursor)

    def _line(
        self,
        block: _Block,
        within: int,
        width: int,
        *,
        cursor: bool,
        columns: Sequence[GridColumn] | None = None,
    ) -> list[Segment]:
        """Line ``within`` of ``block``, composed once and kept with the block (which is dropped
        when anything it shows changes), the cursor's apart from the rest; ``columns`` are the
        block's when they are not the shown ones (composed ahead)."""
        key = (within, cursor)
        composed = block.composed.get(key)
        if composed is None or composed[1] != width:
            styles = self._resolved_line_styles()
            under = styles["base+cursor"] if cursor else styles["base"]
            segments = self._compose_line(
                block, within, width, cursor=cursor, under=under, columns=columns or self.columns
            )
            composed = block.composed[key] = (segments, width)
        return composed[0]

    def _fold_line(self, count: int, width: int, cursor: bool) -> list[Segment]:
        """The separator line after a fold's first row says how much is folded away."""
        styles = self._line_styles
        text = f"  ⋯ {counted(count, 'more row')} of unique or boilerplate text folded (z)"
        segments = [
            Segment(CURSOR_BAR if cursor else " ", styles["cursor-bar"]),
            Segment(text, styles["gutter"]),
        ]
        return list(Segment.apply_style(Segment.adjust_line_length(segments, width), styles["base"]))

    @property
    def _few_colours(self) -> bool:
        return few_colours(self.app.console.color_system)

    def _compose_line(
        self,
        block: _Block,
        within: int,
        width: int,
        *,
        cursor: bool,
        under: Style,
        columns: Sequence[GridColumn],
    ) -> list[Segment]:
        """Line ``within`` of a block across all columns, with gutters and dividers, over ``under``.

        Built as one list of segments, no intermediate Strips: a line drawn on every jump
        across a full screen, where each Strip would cost its caches.
        """
        styles = self._line_styles
        gutter_style, _ = self._gutter_under(cursor)
        divider = Segment("│", styles["divider"])
        segments: list[Segment] = [Segment(CURSOR_BAR if cursor else " ", styles["cursor-bar"])]
        for column, lines in zip(columns, block.cells, strict=True):
            segments.extend(_cell_line(lines, within, gutter_style, max(1, column.width - 3)))
            segments.append(divider)
        segments = Segment.adjust_line_length(segments, width)
        return list(Segment.apply_style(segments, under))

    def _compose_followed(
        self, state: ReaderState, line_y: int, width: int, *, cursor: bool
    ) -> list[Segment]:
        """Line ``line_y`` with each shifted column taking its line from ``line_y`` plus its
        offset (state.follow), so its mention of the fact sits beside the focused one.

        The line is not kept (it lasts until the next move), but each cell's lines over the
        row's tint are: applying styles segment by segment was most of drawing a shifted view.
        """
        styles = self._line_styles
        tint = "+cursor" if cursor else ""
        shifts = [state.column_shift(column.article.id) for column in self.columns]
        # The bar and the dividers keep the aligned row's tint; each cell takes its own row's.
        segments: list[Segment] = [Segment(CURSOR_BAR if cursor else " ", styles["cursor-bar over" + tint])]
        divider_style = styles["divider over" + tint]
        used = 1
        rows = state.visible_rows
        height = self.virtual_size.height
        for n, column in enumerate(self.columns):
            text_width = max(1, column.width - 3)
            y = line_y + shifts[n]
            index = bisect_right(self._row_top, y) - 1 if y < height else -1
            if 0 <= index < len(rows):
                # This column's cell only: the rest of that row may never show.
                cell = self._cell(rows[index], column.article)
                y -= self._row_top[index]
                segments.extend(self._over_line(cell, y, index == state.cursor, text_width))
            else:
                segments.extend(self._blank_over(text_width, False))
            # A dashed divider beside a shifted column: its lines are not the row's.
            beside = shifts[n] or (n + 1 < len(shifts) and shifts[n + 1])
            segments.append(Segment(FOLLOW_DIVIDER if beside else "│", divider_style))
            used += 3 + text_width  # cell lines are padded to their width: no need to measure
        if used < width:
            segments.append(Segment(" " * (width - used), styles["base"]))
        elif used > width:
            return Segment.adjust_line_length(segments, width, style=styles["base"])
        return segments

    def _gutter_under(self, in_cursor_row: bool) -> tuple[Style, Style]:
        """The gutter's style and the tint under a line, in or out of the cursor's row."""
        styles = self._resolved_line_styles()
        gutter = styles["gutter"]
        if in_cursor_row and self._few_colours:
            # With 16 colours or none the cursor tint is lost: reverse the gutter instead.
            gutter = gutter + Style(reverse=True)
        return gutter, styles["base+cursor"] if in_cursor_row else styles["base"]

    def _over_line(self, cell: _Cell, y: int, in_cursor_row: bool, text_width: int) -> list[Segment]:
        """Line ``y`` of ``cell`` with its gutter, over its row's tint (kept with the cell; the
        blank below a cell's text is one per width and tint)."""
        if not 0 <= y < len(cell.lines):
            return self._blank_over(text_width, in_cursor_row)
        over = cell.over.get((y, in_cursor_row))
        if over is None:
            gutter, under = self._gutter_under(in_cursor_row)
            line = _cell_line(cell.lines, y, gutter, text_width)
            over = cell.over[y, in_cursor_row] = list(Segment.apply_style(line, under))
        return over

    def _blank_over(self, text_width: int, in_cursor_row: bool) -> list[Segment]:
        key = (text_width, in_cursor_row)
        blank = self._blank_overs.get(key)
        if blank is None:
            gutter, under = self._gutter_under(in_cursor_row)
            line = _cell_line([], 0, gutter, text_width)
            blank = self._blank_overs[key] = list(Segment.apply_style(line, under))
        return blank

    def on_resize(self, event: events.Resize) -> None:
        if self._state is None:
            return
        # A new width keeps the columns where the reader left them unless that would hide the
        # selected claim (ReaderState.with_room), whichever lays it out first: this or a draw.
        self._ensure_layout()
        self.scroll_to_cursor()

    # ----- working ahead --------------------------------------------------------------------

    def _plan_ahead(self) -> None:
        """After a change is drawn, wrap what the likely next keys will show (page down or
        up, next conflict, next mention, next claim) while the reader reads.

        Wrapping the cells a jump or a page brings into view, and composing their lines, was
        a third to a half of those keys' time. Done here, in slices of :data:`AHEAD_SLICE`
        on the app's own loop (cells and styles are not shared with threads), a key finds
        them ready; one that arrives meanwhile waits at most a slice. The results are the
        ones drawing would make: the same functions, the same state; nothing is drawn.
        """
        if not self._ahead_pending:
            self._ahead_pending = True
            self.call_after_refresh(self._start_ahead)

    def resume_ahead(self) -> None:
        """The reader is shown again (a screen above it closed): work ahead for its state."""
        self._ahead_for = None
        self._plan_ahead()

    def _work_undrawn(self, state: ReaderState) -> None:
        if self._ahead_waiting and not self._ahead_pending and self._state is state:
            self._ahead_waiting = False
            self._drawn = state  # nothing was redrawn: what shows is this state
            self._work_ahead()

    def _start_ahead(self) -> None:
        self._ahead_pending = self.working_ahead
        if self.working_ahead:
            self.set_timer(AHEAD_DELAY, self._work_ahead, name="reading-grid work ahead")

    def _work_ahead(self) -> None:
        self._ahead_pending = False
        self._discarded.clear()  # after the frame: see _discard
        if not self.is_attached or self.size.height <= 0 or self.screen is not self.app.screen:
            return  # under the detail view or the facts table: their keys come first
        self._ensure_layout()
        state = self._state
        if state is None or not state.visible_rows or not self._row_top:
            return
        if state is not self._drawn:
            # Textual can run an after-refresh callback before the refresh it follows (it
            # reaches the screen before the grid's repaint request): the frame comes first,
            # and drawing this state starts the work (see render_line).
            if not self._ahead_waiting:
                self._ahead_waiting = True
                self.set_timer(AHEAD_UNDRAWN, partial(self._work_undrawn, state), name="reading-grid undrawn")
            return
        if state is not self._ahead_for:
            if self._ahead_jobs:
                # A key changed the state since the last slice: its frame comes first.
                self._ahead_jobs = []
                self._plan_ahead()
                return
            self._ahead_for = state
            self._discard(self._future)  # composed for the last state's keys: one was pressed
            self._future = {}
            self._ahead_jobs = self._ahead_plan(state)
            self._ahead_jobs.reverse()  # popped from the end: the likeliest key first
        jobs = self._ahead_jobs
        deadline = perf_counter() + AHEAD_SLICE
        while jobs and perf_counter() < deadline:
            jobs.pop()()
        if jobs:
            # A timer, not a message: it gives the loop back, so a key comes first.
            self._ahead_pending = True
            self.set_timer(0.001, self._work_ahead, name="reading-grid work ahead")

    def _predictions(self, state: ReaderState) -> list[_Ahead]:
        """What the keys read most often will show, likeliest first: page down and up, next
        conflict, next mention, next claim (the same transitions the keys apply)."""
        view = max(1, self.size.height)
        tops = self._row_top
        out: list[_Ahead] = []
        # Page down and up, as :meth:`page` moves; the cursor row ends at the bottom of the
        # view going down and at its top going up (see scroll_to_cursor).
        for direction in (1, -1):
            target = tops[state.cursor] + direction * max(1, view - 1)
            index = bisect_right(tops, max(0, target)) - 1
            if index == state.cursor:
                index += direction
            if 0 <= index < len(state.visible_rows):
                before, after = (view, 0) if direction > 0 else (0, view)
                out.append(_Ahead(state.move_cursor(index), index, before, after))
        jumps: list[ReaderState] = []
        if state.model.comparison.counts["conflict"]:
            step = state.step_claim(1, "conflict")
            if step is not None:
                jumps.append(step[0])
        mention = state.step_mention(1)
        if mention is not None:
            jumps.append(mention.state)
        if state.model.comparison.claims:
            step = state.step_claim(1)
            if step is not None:
                jumps.append(step[0])
        for jumped in jumps:
            if jumped.visible_rows != state.visible_rows:
                continue  # it unfolds or filters: rows counted in another order
            # A jump puts its line a quarter of the way down the view (see scroll_to_cursor),
            out.append(_Ahead(jumped, jumped.cursor, view // 4 + 1, view, follows=True))
            claim = jumped.selected_claim
            if claim is None:
                continue
            # and a column whose mention of the fact is elsewhere is shifted to show it there.
            shown = set(jumped.with_room(self._room()).shown_columns)
            for place in state.model.mention_places(claim):
                if place.article_id in shown and jumped.is_visible(place.row):
                    index = bisect_left(jumped.visible_rows, place.row)
                    out.append(_Ahead(jumped, index, view // 2, view // 2, place.article_id, follows=True))
        return out

    def _rows_around(self, ahead: _Ahead, columns: list[str]) -> range:
        """Visible row indexes ``ahead`` shows, its row heights taken in ``columns``."""
        rows = ahead.state.visible_rows
        heights = [self._heights_of(aid) for aid in columns]

        def height(index: int) -> int:
            row = rows[index]
            return max((h[row] for h in heights), default=0) + 1

        start, lines = ahead.index, 0
        while start > 0 and lines < ahead.before:
            start -= 1
            lines += height(start)
        end, lines = ahead.index, 0
        while end < len(rows) and lines <= ahead.after:
            lines += height(end)
            end += 1
        return range(start, end)

    def _ahead_plan(self, state: ReaderState) -> list[Callable[[], None]]:
        """The cells to wrap and lines to compose for :meth:`_predictions`, in order."""
        model = state.model
        shown_now = [column.article.id for column in self.columns]
        jobs: list[Callable[[], None]] = []
        planned: set[tuple[str | None, int, str]] = set()
        composed: set[tuple[str | None, int, tuple[str, ...], bool]] = set()
        for ahead in self._predictions(state):
            predicted = ahead.state.with_room(self._room())
            selected = predicted.selected_claim
            if predicted.selected == state.selected:
                redrawn: set[int] = set()
            else:
                redrawn = set(model.claim_rows(selected)) if selected is not None else set()
                current = state.selected_claim
                redrawn.update(model.claim_rows(current) if current is not None else ())
            columns = predicted.shown_columns
            wrapped = [ahead.article_id] if ahead.article_id is not None else columns
            rows = predicted.visible_rows
            for index in self._rows_around(ahead, columns):
                row = rows[index]
                # A row the change of selection redraws is wrapped with the new selection and
                # kept apart until that selection is made; any other row is drawn the same
                # either way.
                owner = predicted.selected if row in redrawn else None
                if row in redrawn and owner is None:
                    continue  # the selection goes: a row with nothing selected, drawn on demand
                for article_id in wrapped:
                    if (owner, row, article_id) not in planned:
                        planned.add((owner, row, article_id))
                        over = None if not ahead.follows else row == predicted.cursor_row
                        jobs.append(self._ahead_cell_job(row, article_id, owner, over))
                # Lines are composed for the shown columns or others as many (a jump that shows
                # other sources; the same width, so the same wrapped cells).
                shown = tuple(columns)
                cursor = index == predicted.cursor
                same_width = len(shown) == len(shown_now)
                if ahead.article_id is None and same_width and (owner, row, shown, cursor) not in composed:
                    composed.add((owner, row, shown, cursor))
                    jobs.append(self._ahead_lines_job(row, owner, shown, cursor=cursor))
        return jobs

    def _ahead_cell_job(
        self, row: int, article_id: str, owner: str | None, over: bool | None
    ) -> Callable[[], None]:
        """Wrap a cell (with ``owner`` selected, else the current selection); ``over``: also its
        lines over the row's tint, in the cursor's row or not, for a followed view."""

        def job() -> None:
            model = self.model
            if model is None:
                return
            article = model.comparison.article_by_id[article_id]
            if owner is None:
                cell = self._cell(row, article)
            else:
                into = self._ahead.setdefault(owner, {})
                cell = into.get((row, article_id)) or self._wrap_cell(
                    row, article, model.comparison.claim_by_id[owner]
                )
                into[(row, article_id)] = cell
            if over is not None:
                text_width = self._cells_key[0]
                for y in range(len(cell.lines)):
                    self._over_line(cell, y, over, text_width)

        return job

    def _ahead_lines_job(
        self, row: int, owner: str | None, shown: tuple[str, ...], *, cursor: bool
    ) -> Callable[[], None]:
        def job() -> None:
            state = self._state
            if state is None or not state.is_visible(row):
                return
            width = self._width
            here = shown == tuple(column.article.id for column in self.columns)
            if owner is None and here:
                block = self._block(row)
                for within in range(block.height):
                    self._line(block, within, width, cursor=cursor)
                return
            model = state.model
            by_id = model.comparison.article_by_id
            if owner is None:
                wrapped = [self._cell(row, by_id[aid]) for aid in shown]
            else:
                cells = self._ahead.get(owner, {})
                found = [cells.get((row, aid)) for aid in shown]
                if any(cell is None for cell in found):
                    return
                wrapped = [cell for cell in found if cell is not None]
            block = _make_block(wrapped)
            columns = None
            if here:
                assert owner is not None
                self._ahead_blocks.setdefault(owner, {})[row] = block
            else:
                columns = self._columns_for(state, shown, width)
                drawn_with = owner if owner is not None else state.selected
                self._future.setdefault(shown, {})[row] = (drawn_with, block)
            for within in range(block.height):
                self._line(block, within, width, cursor=cursor, columns=columns)

        return job

    # ----- moving (transitions of the state, drawn) -----------------------------------------

    def move_cursor(self, index: int) -> None:
        """Put the cursor on visible row ``index`` (clamped) and select its first claim."""
        if self._state is not None:
            self.apply(self._state.move_cursor(index))

    def page(self, direction: int, *, half: bool = False) -> None:
        """Move the cursor by about one screenful (or half of one)."""
        self._ensure_layout()
        if self._state is None or not self._state.visible_rows or not self._row_top:
            return
        cursor = self._state.cursor
        lines = self.size.height // 2 if half else self.size.height - 1
        target = self._row_top[cursor] + direction * max(1, lines)
        index = bisect_right(self._row_top, max(0, target)) - 1
        if index == cursor:
            index += direction
        self.move_cursor(index)

    def select_claim(self, claim_id: str) -> bool:
        """Move to ``claim_id``: its row gets the cursor, its column is shown (False: no place)."""
        state = self._state.select_claim(claim_id) if self._state is not None else None
        if state is None:
            return False
        claim = state.selected_claim
        assert claim is not None
        self.apply(state, focus_sentence=state.model.first_sentence_id(claim), show_mentions=True)
        return True

    def step_claim(self, direction: int, label: Label | None = None) -> Step | None:
        """Go to the next (1) or previous (-1) claim with ``label`` (wraps; None: no such claim)."""
        result = self._state.step_claim(direction, label) if self._state is not None else None
        if result is None:
            return None
        state, step = result
        claim = state.selected_claim
        assert claim is not None
        self.apply(state, focus_sentence=state.model.first_sentence_id(claim), show_mentions=True)
        return step

    def current_sentence(self) -> Sentence | None:
        return self._state.current_sentence() if self._state is not None else None

    def set_marks(self, marks: Mapping[str, str]) -> None:
        self.marks = dict(marks)
        self._drop_cells()
        self.refresh()

    # ----- scrolling ------------------------------------------------------------------------

    def scroll_to_cursor(self, *, line: int | None = None) -> None:
        """Bring the cursor row into view.

        A step (``line`` None) scrolls as little as possible; a jump to a claim or
        match (``line`` set) puts that line a quarter of the way down the view.
        """
        state = self._state
        self._ensure_layout()
        if state is None or not state.visible_rows or not self._row_top:
            return
        top = self._row_top[state.cursor]
        height = self._block(state.visible_rows[state.cursor]).height
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

    def _scroll_to_sentence(self, sentence_id: str) -> None:
        row = self.cursor_row
        if row is None:
            return
        self._ensure_layout()
        self.scroll_to_cursor(line=self._block(row).sentence_line.get(sentence_id, 0))

    def _show_all_mentions(self, claim: Claim) -> None:
        """When the fact's mentions in the shown columns lie in several rows that fit on one
        screen together, scroll so every one of them is visible at once."""
        state = self._state
        if state is None:
            return
        shown = {c.article.id for c in self.columns}
        lines: list[int] = []
        view = max(1, self.size.height)
        for place in state.model.mention_places(claim):
            if place.article_id not in shown or not state.is_visible(place.row):
                continue
            index = bisect_left(state.visible_rows, place.row)
            top = self._row_top[index]
            if lines and top - min(lines) > view:
                return  # they cannot all fit: no need to lay out the rest
            lines.append(top + self._sentence_line(place.row, place.article_id, place.sentence_id))
        if len(lines) < 2:
            return
        first, last = min(lines), max(lines)
        scroll = int(self.scroll_offset.y)
        if last - first + 3 > view or (scroll <= first and last + 2 < scroll + view):
            return  # they cannot all fit, or they already show
        self.scroll_to(y=max(0, first - (view - (last - first)) // 3), animate=False)

    def _follow_fact(self, jumped: ReaderState, claim: Claim, anchor_sentence: str) -> None:
        """Shift each shown column whose mention of ``claim`` is off screen so that mention is
        drawn on the line of ``anchor_sentence`` (the one the jump to ``jumped`` went to)."""
        self._ensure_layout()
        state = self._state
        if state is not jumped:
            return  # something happened since the jump (a key, a resize): it wins
        row = state.cursor_row
        if row is None or not self._row_top:
            return
        block = self._block(row)
        if anchor_sentence not in block.sentence_line:
            return
        anchor = self._row_top[state.cursor] + block.sentence_line[anchor_sentence]
        shown = {c.article.id for c in self.columns}
        lines: dict[str, list[int]] = {}
        for place in state.model.mention_places(claim):
            if place.article_id not in shown or not state.is_visible(place.row):
                continue
            index = bisect_left(state.visible_rows, place.row)
            top = self._row_top[index] + self._sentence_line(place.row, place.article_id, place.sentence_id)
            lines.setdefault(place.article_id, []).append(top)
        # The last line on screen does not count as showing a mention: its words run below it.
        height = max(1, self.size.height - 1)
        offsets = follow_offsets(anchor, lines, int(self.scroll_offset.y), height)
        followed = state.following(offsets)
        if followed.follow != state.follow:
            self.apply(followed, scroll=False)  # same rows and columns: only a redraw

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.unfollow()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.unfollow()

    def unfollow(self) -> None:
        """Scrolling puts shifted columns back in line (their offsets belong to one jump)."""
        if self._state is not None and self._state.follow is not None:
            self.apply(self._state.unfollowed(), scroll=False)

    @property
    def column_shifts(self) -> dict[str, int]:
        """Article id -> lines its column is drawn shifted by, for the columns that are."""
        follow = self._state.follow if self._state is not None else None
        return dict(follow.offsets) if follow is not None else {}

    # ----- mouse -----------------------------------------------------------------------

    def bar_scrolled(self) -> None:
        self.unfollow()  # as any scroll does (see on_mouse_scroll_*)

    def on_click(self, event: events.Click) -> None:
        if self._bar.on_bar(event.x):
            return  # the scrollbar's (see on_mouse_down)
        state = self._state
        if state is None or not state.visible_rows:
            return
        line_y = event.y + int(self.scroll_offset.y)
        index = bisect_right(self._row_top, line_y) - 1
        if index < 0:
            return
        sid = event.style.meta.get("sid") if event.style.meta else None
        claim = state.model.sentence_claim.get(sid) if isinstance(sid, str) else None
        if claim is not None:
            self.post_message(ClaimChosen(claim.id))
        else:
            self.move_cursor(index)


def article_heights(
    model: ReadingModel, article_id: str, text_width: int, hide_boilerplate: bool
) -> list[int]:
    """Wrapped line count of ``article_id``'s cell in every row (0 where it has none), counted
    on the plain text (line breaks need no styles)."""
    heights = [0] * len(model.comparison.rows)
    article = model.comparison.article_by_id[article_id]
    for row in model.article_rows.get(article_id, ()):
        plain = cell_plain(article, model.row_cells[row][article_id], hide_boilerplate)
        heights[row] = wrapped_height(plain, text_width) if plain else 0
    return heights


def few_colours(color_system: str | None) -> bool:
    """True when background tints cannot be told apart (16 colours, or NO_COLOR)."""
    return bool(os.environ.get("NO_COLOR")) or color_system not in ("truecolor", "256")


def plain_lines(grid: ReadingGrid) -> list[str]:
    """The grid's visible lines as plain text (for tests and debugging)."""
    return [grid.render_line(y).crop(0, grid._width).text for y in range(grid.size.height)]


def _cell_line(
    lines: Sequence[tuple[list[Segment], str]], at: int, gutter: Style, text_width: int
) -> list[Segment]:
    """Line ``at`` of a wrapped cell with its gutter glyphs, or a blank of the cell's width."""
    if 0 <= at < len(lines):
        line, glyphs = lines[at]
        return [Segment(glyphs, gutter), *line]
    return [Segment("  ", gutter), Segment(" " * text_width)]


__all__ = ["GridColumn", "Match", "ReadingGrid", "Text", "plain_lines"]
