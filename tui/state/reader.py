"""The reader's state: cursor, filters, search, selection, columns, folds and the jump list.

One immutable :class:`ReaderState` and transitions that return a new one. The reading
grid draws whatever state it is given and the reader screen turns keys into transitions,
so every rule here (where ``n`` lands, what a filter keeps, where ctrl-o returns) is
unit-tested without a terminal. Nothing here depends on the screen's size except through
:attr:`ReaderState.room`, the number of reading columns the width holds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.models import Claim, Label, Paragraph, Sentence
from tui.state.layout import ColumnChoice
from tui.state.navigation import Jumps, Place, Step, nearest_index, step_index
from tui.state.reading_model import FILTER_NAMES, MentionPlace, ReadingModel, RowFilter
from tui.state.text import clean, counted, find_all


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: the row it is in and the article that contains it."""

    row: int
    article_id: str


@dataclass(frozen=True, slots=True)
class Search:
    """The current search: its text, the (row, article) cells that hold it in reading order
    (what ``.`` and ``,`` step through), the one shown, and how many times it occurs in them."""

    query: str = ""
    matches: tuple[Match, ...] = ()
    index: int = -1
    hits: int = 0
    """Occurrences, as the cells mark them: one sentence can hold two ("Thuram ... Thuram")."""
    rows: int = 0
    """Rows holding a match (counted once here, not on every key that reads :attr:`ReaderState.status`)."""


@dataclass(frozen=True, slots=True)
class Follow:
    """Columns drawn shifted so each one's mention of a fact sits beside the cursor's.

    Presentation only: rows stay aligned data, and a column shifted by ``n`` lines draws
    the line ``n`` below the one it would draw aligned (``n`` < 0: above).
    """

    claim_id: str
    offsets: tuple[tuple[str, int], ...] = ()
    """(article id, line offset) for each shifted column; columns not listed are aligned."""

    def offset(self, article_id: str) -> int:
        for aid, lines in self.offsets:
            if aid == article_id:
                return lines
        return 0


def follow_offsets(
    anchor: int, mention_lines: Mapping[str, Sequence[int]], top: int, height: int
) -> tuple[tuple[str, int], ...]:
    """How far to shift each column so its mention of a fact is drawn on line ``anchor``.

    ``mention_lines`` holds, per shown column, the lines (in the aligned layout) where the
    fact's mentions in that column start; ``top`` and ``height`` are the lines on screen. A
    column with a mention on screen stays aligned; any other is shifted to its mention
    nearest the anchor, so the two halves of a disagreement show at the same height.
    """
    offsets: list[tuple[str, int]] = []
    for article_id, lines in mention_lines.items():
        if not lines or any(top <= line < top + height for line in lines):
            continue
        nearest = min(lines, key=lambda line: (abs(line - anchor), line))
        if nearest != anchor:
            offsets.append((article_id, nearest - anchor))
    return tuple(offsets)


@dataclass(frozen=True, slots=True)
class MentionStep:
    """Where a step through one fact's mentions landed."""

    state: ReaderState
    place: MentionPlace
    index: int
    count: int


@dataclass(frozen=True, slots=True)
class ReaderState:
    """Everything the reader shows that is not drawing; replaced, never changed."""

    model: ReadingModel = field(compare=False, repr=False)
    pivot: str | None = None
    column_choice: ColumnChoice | None = None
    """Sources picked, pinned and ordered by the user (None: all, in article order)."""
    column_offset: int = 0
    """How many non-pivot columns are scrolled off to the left."""
    column_home: int | None = None
    """Where the reader left :attr:`column_offset` before a change of width scrolled the
    columns to keep the selected claim in view (None: they are where the reader left them).
    The next change of width starts from it, so closing the claims panel undoes the scroll
    opening it made; any sideways move of the reader's own clears it."""
    room: int = 1
    """Reading columns the view's width holds (set by the widget that draws the state)."""
    row_filter: RowFilter = "all"
    hide_boilerplate: bool = False
    folded: bool = False
    """Runs of rows with only unique or boilerplate text show only their first row."""
    visible_rows: tuple[int, ...] = ()
    """Rows passing the filters, in order."""
    cursor: int = 0
    """Index into :attr:`visible_rows`."""
    selected: str | None = None
    """Id of the selected claim (fact)."""
    search: Search = Search()
    jumps: Jumps = field(default_factory=Jumps)
    mention: tuple[str, int] | None = None
    """(claim id, index) of the mention the last step through a fact's mentions went to."""
    follow: Follow | None = None
    """Columns shifted to show the selected fact beside the cursor (set after a jump by the
    widget that knows the lines; any move, scroll or layout change drops it)."""

    # ----- construction -------------------------------------------------------------------

    @classmethod
    def start(
        cls, model: ReadingModel, *, pivot: str | None = None, hide_boilerplate: bool = False, room: int = 1
    ) -> ReaderState:
        """A story opened at its first row; an unknown pivot falls back to the first article."""
        articles = model.comparison.articles
        if pivot not in model.comparison.article_by_id:
            pivot = articles[0].id if articles else None
        state = cls(model, pivot=pivot, hide_boilerplate=hide_boilerplate, room=max(1, room))
        return state._refilter()._select_row_claim()._prefer_pivot_claim()

    def _prefer_pivot_claim(self) -> ReaderState:
        """At the start, the cursor row's first claim that the pivot states there, if any: the
        story opens with its columns in order, and the selection should be on screen."""
        row, comparison = self.cursor_row, self.model.comparison
        if row is None or self.pivot is None:
            return self
        for cid in self.model.row_claims[row]:
            for sid in comparison.claim_by_id[cid].sentence_ids:
                sentence = comparison.sentence_by_id.get(sid)
                if (
                    sentence is not None
                    and sentence.article_id == self.pivot
                    and comparison.row_of_paragraph(sentence.article_id, sentence.paragraph_index) == row
                ):
                    return replace(self, selected=cid)
        return self

    # ----- derived ------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int | None:
        """Index into ``Comparison.rows`` of the cursor, or None when no row shows."""
        return self.visible_rows[self.cursor] if self.visible_rows else None

    @property
    def status(self) -> str:
        """What the header says of the view: "conflict 2/3 · row 6/13 · filter: shared ·
        boilerplate hidden · /Thuram: 3 hits in 2 rows". The reader redraws the header when
        this text changes, not when the rows do: a filter that hides no row still changes what
        the header names."""
        shown = len(self.visible_rows)
        parts = [f"row {self.cursor + 1 if shown else 0}/{shown}"]
        claim = self.selected_claim
        if claim is not None and claim.label == "conflict":
            # Which conflict `n` reached: two steps can land on one row and look alike.
            parts.insert(0, "conflict {}/{}".format(*self.model.place_in_label(claim.id)))
        if self.row_filter != "all":
            parts.append(f"filter: {FILTER_NAMES[self.row_filter]}")
        if self.hide_boilerplate:
            parts.append("boilerplate hidden")
        search = self.search
        if search.query:
            parts.append(f"/{search.query}: {counted(search.hits, 'hit')} in {counted(search.rows, 'row')}")
        return " · ".join(parts)

    @property
    def selected_claim(self) -> Claim | None:
        return self.model.comparison.claim_by_id.get(self.selected) if self.selected else None

    @property
    def here(self) -> Place:
        return Place(self.cursor_row or 0, self.selected)

    @property
    def column_order(self) -> list[str]:
        """Article ids in column order, pivot first (hidden sources left out)."""
        if self.column_choice is not None:
            return self.column_choice.columns(self.pivot)
        ids = [a.id for a in self.model.comparison.articles]
        if self.pivot in ids:
            ids.remove(self.pivot)
            ids.insert(0, self.pivot)
        return ids

    @property
    def fit(self) -> int:
        """How many columns show: what the width holds, at most one per source."""
        return max(1, min(len(self.column_order), self.room))

    def _clamped_offset(self, order: list[str], fit: int) -> int:
        if fit == 1:
            return max(0, min(self.column_offset, len(order) - 1))
        return max(0, min(self.column_offset, len(order) - 1 - (fit - 1)))

    @property
    def shown_columns(self) -> list[str]:
        """The article ids that have a column now, left to right (pivot first)."""
        order, fit = self.column_order, self.fit
        offset = self._clamped_offset(order, fit)
        if fit == 1:
            # One column at a time: the pivot first, and sideways steps go through all of them.
            return order[offset : offset + 1]
        return order[:1] + order[1:][offset : offset + fit - 1]

    @property
    def hidden_columns(self) -> tuple[int, int]:
        """How many non-pivot articles are scrolled off to the left and to the right."""
        order, fit = self.column_order, self.fit
        offset = self._clamped_offset(order, fit)
        others = len(order) - 1
        if fit == 1:
            return offset, max(0, others - offset)
        return offset, max(0, others - (fit - 1) - offset)

    def is_visible(self, row: int) -> bool:
        rows = self.visible_rows
        i = bisect_left(rows, row)
        return i < len(rows) and rows[i] == row

    def current_sentence(self) -> Sentence | None:
        """The sentence the reader is on: the selected claim's in the cursor row (leftmost
        shown column first), else the first sentence of the cursor row."""
        row = self.cursor_row
        if row is None:
            return None
        comparison = self.model.comparison
        order = self.column_order
        shown = self.shown_columns
        cells = self.model.row_cells[row]
        in_row: list[Sentence] = []
        for aid in shown + [a for a in order if a not in shown]:
            article = comparison.article_by_id[aid]
            for p in cells.get(aid, ()):
                if p < len(article.paragraphs):
                    in_row.extend(article.paragraphs[p].sentences)
        claim = self.selected_claim
        if claim is not None:
            wanted = set(claim.sentence_ids)
            for sentence in in_row:
                if sentence.id in wanted:
                    return sentence
        return in_row[0] if in_row else None

    # ----- following a fact across columns ---------------------------------------------------

    def following(self, offsets: tuple[tuple[str, int], ...]) -> ReaderState:
        """The selected fact followed: these columns shifted (none: every column aligned)."""
        if self.selected is None or not offsets:
            return self.unfollowed()
        shown = set(self.shown_columns)
        kept = tuple((aid, lines) for aid, lines in offsets if aid in shown and lines)
        if not kept:
            return self.unfollowed()
        return replace(self, follow=Follow(self.selected, kept))

    def unfollowed(self) -> ReaderState:
        """Every column back in alignment."""
        return self if self.follow is None else replace(self, follow=None)

    def column_shift(self, article_id: str) -> int:
        """Lines ``article_id``'s column is drawn shifted by (0: aligned)."""
        return self.follow.offset(article_id) if self.follow is not None else 0

    # ----- rows and the cursor --------------------------------------------------------------

    def _refilter(self) -> ReaderState:
        """Recompute the visible rows, keeping the cursor on the nearest one."""
        model = self.model
        previous = self.cursor_row if self.cursor_row is not None else 0
        folded = model.folded_rows if self.folded else frozenset()
        rows = tuple(
            r
            for r in range(len(model.comparison.rows))
            if r not in folded and model.row_visible(r, self.row_filter, self.hide_boilerplate)
        )
        return replace(self, visible_rows=rows, cursor=nearest_index(rows, previous), follow=None)

    def _select_row_claim(self) -> ReaderState:
        """Select the cursor row's first claim; a row whose claims all began in earlier rows
        still shows them, so the first of those (Enter and review keys act on it)."""
        row = self.cursor_row
        claims = (self.model.row_claims[row] or self.model.row_touching[row]) if row is not None else ()
        return replace(self, selected=claims[0] if claims else None)

    def move_cursor(self, index: int) -> ReaderState:
        """The cursor on visible row ``index`` (clamped), with that row's first claim selected."""
        if not self.visible_rows:
            return self
        index = max(0, min(index, len(self.visible_rows) - 1))
        return replace(self, cursor=index, follow=None)._select_row_claim()

    def with_rows(
        self,
        *,
        row_filter: RowFilter | None = None,
        hide_boilerplate: bool | None = None,
        folded: bool | None = None,
    ) -> ReaderState:
        """Another row filter, boilerplate setting or folding; the cursor stays near its row."""
        state = replace(
            self,
            row_filter=self.row_filter if row_filter is None else row_filter,
            hide_boilerplate=self.hide_boilerplate if hide_boilerplate is None else hide_boilerplate,
            folded=self.folded if folded is None else folded,
        )
        return state._refilter()._select_row_claim()

    def _showing(self, row: int) -> ReaderState:
        """This state, with every filter lifted when ``row`` is filtered or folded away."""
        if self.is_visible(row):
            return self
        return replace(self, row_filter="all", hide_boilerplate=False, folded=False)._refilter()

    # ----- claims ---------------------------------------------------------------------------

    def select_claim(self, claim_id: str) -> ReaderState | None:
        """The cursor on ``claim_id``'s first row with its column shown; None if it has no place."""
        model = self.model
        place = model.claim_place.get(claim_id)
        if place is None:
            return None
        claim = model.comparison.claim_by_id[claim_id]
        state = self._showing(place.row)
        state = state.reveal_most(state._columns_to_reveal(claim, place.row))
        return replace(
            state, cursor=nearest_index(state.visible_rows, place.row), selected=claim_id, follow=None
        )

    def _stating_in_row(self, claim: Claim, row: int) -> list[str]:
        """The articles with a sentence of ``claim`` in ``row``, in reading order."""
        order = self.model.sentence_order
        sentences = self.model.comparison.sentence_by_id
        here = sorted(
            (s for s in claim.sentence_ids if order.get(s, (-1, 0))[0] == row), key=order.__getitem__
        )
        return list(dict.fromkeys(sentences[sid].article_id for sid in here))

    def _columns_to_reveal(self, claim: Claim, row: int) -> list[str]:
        """The articles whose columns a jump to ``claim`` should bring into view, most wanted
        first: every other column that states the claim in the same row (both halves of a
        disagreement side by side; the pivot is always on screen), else the first mention's.

        When those leave columns free, the sources that state it in other rows follow,
        nearest row first: the alignment can put one side of a conflict rows away from the
        other, and a free column showing it (drawn shifted to its mention) beats one that
        says nothing about the claim.
        """
        columns = set(self.column_order)
        same_row = [a for a in self._stating_in_row(claim, row) if a != self.pivot and a in columns]
        sentences = self.model.comparison.sentence_by_id
        wanted = same_row or [sentences[self.model.first_sentence_id(claim)].article_id]
        if len(same_row) < self.fit - 1:
            order = self.model.sentence_order
            elsewhere = sorted(
                (s for s in claim.sentence_ids if s in order),
                key=lambda s: (abs(order[s][0] - row), order[s]),
            )
            for sid in elsewhere:
                article_id = sentences[sid].article_id
                if article_id != self.pivot and article_id in columns and article_id not in wanted:
                    wanted.append(article_id)
        return wanted

    def reveal_most(self, article_ids: Sequence[str]) -> ReaderState:
        """Scrolled sideways so that as many of ``article_ids`` as fit have columns, the first
        of them always; where the present columns already show as many, nothing moves."""
        state = self.reveal(article_ids[0]) if article_ids else self
        order, fit = state.column_order, state.fit
        others = order[1:]
        wanted = [others.index(a) for a in article_ids if a in others]
        if fit == 1 or len(wanted) < 2:
            return state
        width = fit - 1
        current = state._clamped_offset(order, fit)

        def shows(offset: int) -> tuple[bool, int]:
            inside = [offset <= i < offset + width for i in wanted]
            return inside[0], sum(inside)

        best = max(range(max(1, len(others) - width + 1)), key=lambda o: (shows(o), -abs(o - current)))
        if shows(best) <= shows(current):
            return state
        return state._moved(column_offset=best)

    def step_claim(self, direction: int, label: Label | None = None) -> tuple[ReaderState, Step] | None:
        """The next (``direction`` 1) or previous (-1) claim with ``label`` among the visible rows.

        Wraps round the story (the step says so); None when there is no such claim. Bisects
        the model's sorted claim places, so a step does not scan every claim.
        """
        model = self.model
        order, claims, places = model.nav_order, model.comparison.claim_by_id, model.claim_place
        row_filter, hide = self.row_filter, self.hide_boilerplate

        def visible(i: int) -> bool:
            # Folded rows count: a step into one unfolds the view (see :meth:`select_claim`).
            cid = order[i]
            return (label is None or claims[cid].label == label) and model.row_visible(
                places[cid].row, row_filter, hide
            )

        row = self.cursor_row or 0
        place = places.get(self.selected) if self.selected is not None else None
        here: tuple[int, ...]
        if place is not None and place.row == row:
            assert self.selected is not None
            here = (place.row, place.order, model.nav_position[self.selected])
        else:
            here = (row, -1) if direction > 0 else (row, 1 << 30)
        step = step_index(model.nav_keys, here, direction, visible)
        if step is None:
            return None
        state = self.select_claim(order[step.index])
        return (state, step) if state is not None else None

    def step_mention(self, direction: int) -> MentionStep | None:
        """The next or previous mention of the selected fact, across rows and columns (wraps);
        the fact stays selected. None when no fact is selected or it has no mention."""
        claim = self.selected_claim
        if claim is None:
            return None
        places = self.model.mention_places(claim)
        if not places:
            return None
        if self.mention is not None and self.mention[0] == claim.id:
            index = self.mention[1] + direction
        else:
            row = self.cursor_row
            start = next((i for i, p in enumerate(places) if p.row == row), -1 if direction > 0 else 0)
            index = start + direction
        index %= len(places)
        place = places[index]
        state = self._showing(place.row).reveal(place.article_id)
        state = replace(
            state, cursor=nearest_index(state.visible_rows, place.row), mention=(claim.id, index), follow=None
        )
        return MentionStep(state, place, index, len(places))

    # ----- columns --------------------------------------------------------------------------

    def _moved(self, **changes: Any) -> ReaderState:
        """The columns placed anew (``changes``): no fact is followed any more, and where the
        reader left the columns before a change of width (:attr:`column_home`) no longer
        matters once they move them."""
        return replace(self, column_home=None, follow=None, **changes)

    def with_room(self, room: int) -> ReaderState:
        """The width now holds ``room`` columns (the claims panel opened or closed, the
        terminal was resized).

        The columns stay where the reader left them: a change of width is no reason to scroll
        sideways, and scrolling to a selection that was off screen anyway (the story opens
        on a row only sources further right have text in) hid the sources the reader was
        reading. Only when the change would hide the selected claim's words in the cursor's
        row, which were on screen, are the columns scrolled to keep them, and the offset the
        reader left is remembered (:attr:`column_home`) for the next change of width.
        """
        room = max(1, room)
        if room == self.room:
            return self
        home = self.column_offset if self.column_home is None else self.column_home
        state = self._moved(room=room, column_offset=home)
        claim, row = self.selected_claim, self.cursor_row
        if claim is None or row is None:
            return state
        stating = set(self._stating_in_row(claim, row))
        seen = [a for a in self.shown_columns if a in stating]
        if not seen or stating & set(state.shown_columns):
            return state
        revealed = state.reveal_most(seen)
        return replace(revealed, column_home=home) if revealed.column_offset != home else revealed

    def reveal(self, article_id: str) -> ReaderState:
        """Scrolled sideways so ``article_id`` has a column (the pivot always has one)."""
        if article_id in self.shown_columns:
            return self
        order, fit = self.column_order, self.fit
        if fit == 1:
            if article_id not in order:
                return self
            return self._moved(column_offset=order.index(article_id))
        others = order[1:]
        if article_id not in others:
            return self
        index = others.index(article_id)
        offset = self._clamped_offset(order, fit)
        offset = index if index < offset else index - (fit - 1) + 1
        return self._moved(column_offset=offset)

    def scroll_columns(self, delta: int) -> ReaderState:
        left, right = self.hidden_columns
        step = max(-left, min(right, delta))
        if not step:
            return self
        offset = self._clamped_offset(self.column_order, self.fit)
        return self._moved(column_offset=offset + step)

    def with_pivot(self, article_id: str) -> ReaderState:
        if article_id not in self.model.comparison.article_by_id:
            return self
        return self._moved(pivot=article_id, column_offset=0)

    def with_columns(self, choice: ColumnChoice) -> ReaderState:
        """The sources the picker chose: pivot first, then pinned, then the rest."""
        return self._moved(column_choice=choice, column_offset=0)

    # ----- search ---------------------------------------------------------------------------

    def with_search(self, query: str) -> ReaderState:
        """Search every article for ``query`` (case-insensitive); an empty query clears it."""
        if not query:
            return replace(self, search=Search())
        model = self.model
        comparison = model.comparison
        rank = model.article_index
        matches: list[Match] = []
        hits = 0
        for r, row in enumerate(comparison.rows):
            for aid, paras in sorted(row.paragraphs, key=lambda p: rank.get(p[0], 0)):
                article = comparison.article_by_id[aid]
                if any(
                    find_all(article.paragraphs[p].text, query)
                    or any(find_all(s.text, query) for s in article.paragraphs[p].sentences)
                    for p in paras
                    if p < len(article.paragraphs)
                ):
                    matches.append(Match(r, aid))
                    shown = sum(
                        _shown_hits(article.paragraphs[p], query)
                        for p in paras
                        if p < len(article.paragraphs)
                    )
                    hits += max(1, shown)
        rows = len({m.row for m in matches})
        return replace(self, search=Search(query, tuple(matches), hits=hits, rows=rows))

    def step_match(self, direction: int) -> tuple[ReaderState, Match] | None:
        """The next or previous search hit after the cursor (wraps); None without hits."""
        search = self.search
        matches = search.matches
        if not matches:
            return None
        row = self.cursor_row or 0
        if search.index >= 0 and matches[search.index].row == row:
            index = (search.index + direction) % len(matches)
        elif direction > 0:
            index = next((i for i, m in enumerate(matches) if m.row >= row), 0)
        else:
            index = next((i for i in range(len(matches) - 1, -1, -1) if matches[i].row <= row), -1)
            index %= len(matches)
        match = matches[index]
        state = self._showing(match.row).reveal(match.article_id)
        state = state.move_cursor(nearest_index(state.visible_rows, match.row))
        return replace(state, search=replace(search, index=index)), match

    # ----- the jump list --------------------------------------------------------------------

    def remember(self, place: Place | None = None) -> ReaderState:
        """Record ``place`` (default: here) as the place a jump leaves, for ctrl-o."""
        if not self.visible_rows:
            return self
        return replace(self, jumps=self.jumps.record(place or self.here))

    def go(self, place: Place) -> ReaderState:
        """Back at ``place``: its fact selected when it had one, else its row."""
        if place.claim_id is not None:
            state = self.select_claim(place.claim_id)
            if state is not None and state.cursor_row == place.row:
                return state
        state = self._showing(place.row)
        return state.move_cursor(nearest_index(state.visible_rows, place.row))

    def jump_back(self) -> ReaderState | None:
        """Where ctrl-o goes (None: nowhere earlier)."""
        jumps, place = self.jumps.back(self.here)
        if place is None:
            return None
        return replace(self.go(place), jumps=jumps)

    def jump_forward(self) -> ReaderState | None:
        """Where ctrl-i goes (None: nowhere later)."""
        jumps, place = self.jumps.forward()
        if place is None:
            return None
        return replace(self.go(place), jumps=jumps)


def _shown_hits(paragraph: Paragraph, query: str) -> int:
    """Occurrences of ``query`` in the paragraph as a cell shows it (its sentences, cleaned),
    where the search marks them."""
    if paragraph.sentences:
        return len(find_all(" ".join(clean(s.text) for s in paragraph.sentences), query))
    return len(find_all(clean(paragraph.text), query))
