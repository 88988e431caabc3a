"""The reader's state without a terminal: cursor, filters, folds, selection, columns, search,
mentions and the jump list, on a small hand-made story whose every row is known.

The story (three sources, one paragraph per row, one sentence per paragraph):

    row 0  conflict c7 (a0 and a2: 7% / 8%)
    row 1  conflict c1 (a0 and a1)
    row 2  shared   c2 (all three)
    row 3  unique   c3 (a2)          ┐
    row 4  unique   c4 (a0)          │ a run of rows with only unique or
    row 5  unique   c5 (a1)          │ boilerplate text: folds to row 3
    row 6  unique   c6 (a2)          │
    row 7  boilerplate in every source ┘
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.core.models import (
    Article,
    Claim,
    Comparison,
    Conflict,
    Mention,
    Paragraph,
    ParagraphKind,
    Row,
    Sentence,
)
from tui.state.layout import ColumnChoice
from tui.state.navigation import Place
from tui.state.reader import Follow, ReaderState, follow_offsets
from tui.state.reading_model import ReadingModel

ROWS = 8
ARTICLES = ("a0", "a1", "a2")


def sid(article: str, row: int) -> str:
    return f"{article}.p{row}.s0"


def make_article(aid: str, source: str) -> Article:
    paragraphs, at = [], 0
    for p in range(ROWS):
        body = f"{source} paragraph {p} says the shares rose {7 + (aid == 'a2')}%."
        if p == 7:
            body = f"Subscribe to {source} for more."
        sentence = Sentence(sid(aid, p), aid, p, 0, at, at + len(body), body)
        kind: ParagraphKind = "boilerplate" if p == 7 else "body"
        paragraphs.append(Paragraph(p, kind, at, at + len(body), body, (sentence,)))
        at += len(body) + 2
    text = "\n\n".join(p.text for p in paragraphs)
    return Article(aid, f"{aid}.txt", source, f"{source} title", text, tuple(paragraphs), "0")


def make_claim(cid: str, label: str, sentences: list[str], **extra: object) -> Claim:
    return Claim(
        id=cid,
        label=label,  # type: ignore[arg-type]
        sentence_ids=tuple(sentences),
        conflicts=extra.pop("conflicts", ()),  # type: ignore[arg-type]
        evidence=(),
        key=f"k{cid}",
        salience=1.0,
        article_ids=tuple(dict.fromkeys(s.split(".")[0] for s in sentences)),
        mentions=tuple(Mention(s, s.split(".")[0], 0, 5) for s in sentences),
    )


def story(ids: tuple[str, ...] = ARTICLES) -> Comparison:
    """The story above; with a fourth id, a fourth source that states none of its claims."""
    names = ("Wire", "Paper", "Radio", "Blog")[: len(ids)]
    articles = tuple(make_article(aid, name) for aid, name in zip(ids, names, strict=True))
    claims = (
        make_claim(
            "c7",
            "conflict",
            [sid("a0", 0), sid("a2", 0)],
            conflicts=(Conflict("percent", ((sid("a0", 0), "7%"), (sid("a2", 0), "8%"))),),
        ),
        make_claim("c1", "conflict", [sid("a0", 1), sid("a1", 1)]),
        make_claim("c2", "shared", [sid("a0", 2), sid("a1", 2), sid("a2", 2)]),
        make_claim("c3", "unique", [sid("a2", 3)]),
        make_claim("c4", "unique", [sid("a0", 4)]),
        make_claim("c5", "unique", [sid("a1", 5)]),
        make_claim("c6", "unique", [sid("a2", 6)]),
    )
    rows = tuple(Row(tuple((aid, (r,)) for aid in ids)) for r in range(ROWS))
    return Comparison(articles, claims, rows, "test")


@pytest.fixture(scope="module")
def model() -> ReadingModel:
    return ReadingModel(story())


def start(model: ReadingModel, room: int = 3) -> ReaderState:
    return ReaderState.start(model, room=room)


def test_starts_on_the_first_row_with_its_claim_selected(model: ReadingModel) -> None:
    state = start(model)
    assert state.visible_rows == tuple(range(ROWS))
    assert (state.cursor, state.cursor_row, state.selected) == (0, 0, "c7")
    assert state.pivot == "a0" and state.shown_columns == ["a0", "a1", "a2"]
    assert ReaderState.start(model, pivot="nope").pivot == "a0", "an unknown pivot falls back"


def test_states_are_never_changed_in_place(model: ReadingModel) -> None:
    state = start(model)
    state.move_cursor(4)
    state.with_rows(row_filter="unique")
    state.with_search("shares")
    assert (state.cursor, state.row_filter, state.search.query) == (0, "all", "")


def test_move_cursor_clamps_and_selects_the_rows_claim(model: ReadingModel) -> None:
    state = start(model)
    assert state.move_cursor(2).selected == "c2"
    assert state.move_cursor(99).cursor_row == 7 and state.move_cursor(99).selected is None
    assert state.move_cursor(-5).cursor == 0


def test_row_filter_keeps_the_cursor_near_its_row(model: ReadingModel) -> None:
    state = start(model).move_cursor(2)  # the shared row
    conflicts = state.with_rows(row_filter="conflict")
    assert conflicts.visible_rows == (0, 1)
    assert conflicts.cursor_row == 1, "the nearest conflict row, not the first"
    assert conflicts.selected == "c1"
    unique = start(model).move_cursor(5).with_rows(row_filter="unique")
    assert unique.visible_rows == (3, 4, 5, 6) and unique.cursor_row == 5


def test_hiding_boilerplate_and_folding(model: ReadingModel) -> None:
    state = start(model)
    assert 7 not in state.with_rows(hide_boilerplate=True).visible_rows
    folded = state.with_rows(folded=True)
    assert folded.visible_rows == (0, 1, 2, 3), "rows 4-7 fold into their run's first row"
    assert model.fold_runs == {3: 4}
    # The cursor on a folded row goes to the nearest row still shown.
    assert start(model).move_cursor(5).with_rows(folded=True).cursor_row == 3


def test_the_status_names_the_view_not_only_its_rows(model: ReadingModel) -> None:
    """The header shows ``status`` and is redrawn when it changes: it must name the filter and
    the boilerplate setting even when they leave the same rows (a story where every row is
    shared showed "filter: shared" after the next "f" went back to all rows)."""
    state = start(model)

    def status(state: ReaderState) -> str:
        return replace(state, selected=None).status  # without the selected conflict's place (below)

    assert status(state) == "row 1/8"
    assert status(state.with_rows(row_filter="conflict")) == "row 1/2 · filter: conflicts"
    assert status(state.with_rows(row_filter="unique")) == "row 1/4 · filter: unique"
    shared = state.with_rows(row_filter="shared")
    assert status(shared) == "row 1/1 · filter: shared"
    # Same rows and cursor, another filter or setting: another status.
    assert status(replace(shared, row_filter="all")) == "row 1/1"
    assert status(replace(shared, hide_boilerplate=True)) == "row 1/1 · filter: shared · boilerplate hidden"
    assert status(replace(shared, visible_rows=())) == "row 0/0 · filter: shared"
    assert status(state.with_search("subscribe")) == "row 1/8 · /subscribe: 3 hits in 1 row"
    assert status(state.with_search("shares")) == "row 1/8 · /shares: 21 hits in 7 rows"
    assert status(state.with_search("")) == "row 1/8"


def test_the_status_says_which_conflict_is_selected(model: ReadingModel) -> None:
    """Two "next conflict" steps can land on one row and leave the screen as it was: the
    header says which of the story's conflicts, in reading order, is selected."""
    state = start(model)
    assert state.selected == "c7" and state.status == "conflict 1/2 · row 1/8"
    result = state.step_claim(1, "conflict")
    assert result is not None and result[0].selected == "c1"
    assert result[0].status.startswith("conflict 2/2 · row ")
    result = state.step_claim(1, "unique")
    assert result is not None and not result[0].status.startswith("conflict")


def test_steps_go_to_the_next_claim_of_a_kind_and_wrap(model: ReadingModel) -> None:
    state = start(model)
    result = state.step_claim(1, "conflict")
    assert result is not None
    state, step = result
    assert state.selected == "c1" and not step.wrapped
    result = state.step_claim(1, "conflict")
    assert result is not None
    state, step = result
    assert state.selected == "c7" and step.wrapped, "past the last conflict: back to the first"
    result = state.step_claim(-1, "unique")
    assert result is not None and result[0].selected == "c6" and result[1].wrapped
    result = start(model).move_cursor(3).step_claim(1, None)
    assert result is not None and result[0].selected == "c4"


def test_steps_visit_every_claim_that_starts_at_one_place() -> None:
    """Two facts of one sentence start at the same place: "next conflict" from the first went
    past the second, so a story's header counted conflicts that "n" never reached."""
    base = story()
    twin = make_claim(
        "c8",
        "conflict",
        [sid("a0", 0), sid("a1", 0)],
        conflicts=(Conflict("number", ((sid("a0", 0), "7"), (sid("a1", 0), "9"))),),
    )
    model = ReadingModel(replace(base, claims=(*base.claims, twin)))
    assert model.claim_place["c8"] == model.claim_place["c7"]
    state, seen = start(model), []
    for _ in range(4):
        result = state.step_claim(1, "conflict")
        assert result is not None
        state = result[0]
        seen.append(state.selected)
    assert set(seen[:3]) == {"c7", "c8", "c1"} and seen[3] == seen[0]
    back = [state.selected]
    for _ in range(3):
        result = state.step_claim(-1, "conflict")
        assert result is not None
        state = result[0]
        back.append(state.selected)
    assert set(back[:3]) == {"c7", "c8", "c1"}, "the previous-conflict step too"


def test_a_step_into_a_filtered_row_lifts_the_filters(model: ReadingModel) -> None:
    state = start(model).with_rows(row_filter="conflict")
    assert state.step_claim(1, "unique") is None, "the filter hides every unique claim"
    chosen = state.select_claim("c5")
    assert chosen is not None
    assert chosen.row_filter == "all" and chosen.cursor_row == 5 and chosen.selected == "c5"
    folded = start(model).with_rows(folded=True).select_claim("c6")
    assert folded is not None and not folded.folded and folded.cursor_row == 6
    assert start(model).select_claim("nope") is None


def test_a_jump_shows_the_other_half_of_a_conflict_beside_the_pivot(model: ReadingModel) -> None:
    # Two columns fit: the pivot and one other. c7 is in a0 (pivot) and a2.
    state = start(model, room=2)
    assert state.shown_columns == ["a0", "a1"]
    chosen = state.select_claim("c7")
    assert chosen is not None and chosen.shown_columns == ["a0", "a2"]
    assert chosen.hidden_columns == (1, 0)
    back = chosen.scroll_columns(-1)
    assert back.shown_columns == ["a0", "a1"] and back.hidden_columns == (0, 1)
    assert back.scroll_columns(-1) is back, "nothing further left"


def test_one_column_steps_through_every_source(model: ReadingModel) -> None:
    state = start(model, room=1)
    assert state.shown_columns == ["a0"] and state.hidden_columns == (0, 2)
    assert state.scroll_columns(1).shown_columns == ["a1"]
    assert state.reveal("a2").shown_columns == ["a2"]
    # A wider view clamps the offset instead of showing nothing.
    assert state.reveal("a2").with_room(3).shown_columns == ["a0", "a1", "a2"]


def test_a_change_of_width_does_not_scroll_to_a_selection_that_was_off_screen(model: ReadingModel) -> None:
    """The claims panel opening or closing (or the terminal resized) scrolled the columns to
    the selected claim even when it had been off screen all along, hiding the sources the
    reader was reading; the columns stay where they were."""
    state = start(model, room=1).move_cursor(3)  # c3, stated only by a2
    assert state.selected == "c3" and state.shown_columns == ["a0"]
    wider = state.with_room(2)
    assert wider.shown_columns == ["a0", "a1"] and wider.column_home is None
    assert wider.with_room(1).shown_columns == ["a0"]
    assert wider.with_room(2) is wider, "the same width changes nothing"


def test_a_narrower_view_keeps_the_selected_claim_and_the_next_width_returns() -> None:
    """A claim on screen that a narrower view would hide is scrolled into it; the next change
    of width starts from where the reader had left the columns, so opening and closing the
    claims panel ends where it began. A sideways move of the reader's own is kept."""
    four = ReadingModel(story((*ARTICLES, "a3")))
    state = start(four, room=3).move_cursor(3)  # c3, stated only by a2: the third column
    assert state.shown_columns == ["a0", "a1", "a2"]
    narrow = state.with_room(2)
    assert narrow.shown_columns == ["a0", "a2"] and narrow.column_home == 0
    wide = narrow.with_room(3)
    assert wide.shown_columns == ["a0", "a1", "a2"] and wide.column_home is None
    moved = narrow.scroll_columns(1)
    assert moved.shown_columns == ["a0", "a3"] and moved.column_home is None
    assert moved.with_room(3).shown_columns == ["a0", "a2", "a3"]
    # A claim the pivot states is always on screen: nothing scrolls for it.
    pivot_claim = start(four, room=3).move_cursor(4).scroll_columns(1)  # c4, stated by a0
    assert pivot_claim.with_room(2).shown_columns == ["a0", "a2"]


def test_pivot_and_column_choice(model: ReadingModel) -> None:
    state = start(model, room=2).with_pivot("a2")
    assert state.column_order == ["a2", "a0", "a1"] and state.shown_columns == ["a2", "a0"]
    assert state.with_pivot("nope") is state
    choice = ColumnChoice.of(list(ARTICLES)).toggle_hidden("a1")
    picked = start(model).with_columns(choice)
    assert picked.column_order == ["a0", "a2"] and picked.shown_columns == ["a0", "a2"]


def test_search_finds_rows_and_steps_through_them(model: ReadingModel) -> None:
    state = start(model).with_search("subscribe")
    assert [(m.row, m.article_id) for m in state.search.matches] == [(7, "a0"), (7, "a1"), (7, "a2")]
    stepped = state.step_match(1)
    assert stepped is not None
    state, match = stepped
    assert state.cursor_row == 7 and match.article_id == "a0" and state.search.index == 0
    stepped = state.step_match(1)
    assert stepped is not None and stepped[0].search.index == 1
    assert start(model).with_search("").search.matches == ()
    assert start(model).with_search("no such words").step_match(1) is None
    # A hit in a hidden row shows it again.
    hidden = start(model).with_rows(hide_boilerplate=True).with_search("subscribe").step_match(1)
    assert hidden is not None and not hidden[0].hide_boilerplate and hidden[0].cursor_row == 7


def test_mentions_step_across_rows_and_columns_keeping_the_fact(model: ReadingModel) -> None:
    chosen = start(model, room=2).select_claim("c2")
    assert chosen is not None
    first = chosen.step_mention(1)
    assert first is not None
    assert (first.index, first.count, first.place.article_id) == (1, 3, "a1")
    second = first.state.step_mention(1)
    assert second is not None and second.place.article_id == "a2"
    assert second.state.selected == "c2", "stepping through mentions keeps the fact"
    assert "a2" in second.state.shown_columns, "the mention's column is brought into view"
    wrapped = second.state.step_mention(1)
    assert wrapped is not None and wrapped.index == 0
    assert start(model).move_cursor(7).step_mention(1) is None, "no fact on a boilerplate row"


def test_the_jump_list_returns_and_goes_forward(model: ReadingModel) -> None:
    state = start(model)
    result = state.step_claim(1, "shared")
    assert result is not None
    at_shared = result[0].remember(state.here)
    jumped = at_shared.select_claim("c6")
    assert jumped is not None
    at_unique = jumped.remember(at_shared.here)
    back = at_unique.jump_back()
    assert back is not None and back.selected == "c2"
    back = back.jump_back()
    assert back is not None and back.here == Place(0, "c7")
    assert back.jump_back() is None
    forward = back.jump_forward()
    assert forward is not None and forward.selected == "c2"
    forward = forward.jump_forward()
    assert forward is not None and forward.selected == "c6" and forward.jump_forward() is None


def test_going_back_to_a_row_that_a_filter_hides_shows_it(model: ReadingModel) -> None:
    state = start(model).move_cursor(5).remember()
    filtered = replace(state, row_filter="conflict").with_rows()
    back = filtered.jump_back()
    assert back is not None and back.cursor_row == 5 and back.row_filter == "all"


def test_current_sentence_prefers_the_selected_facts_words(model: ReadingModel) -> None:
    state = start(model)
    sentence = state.current_sentence()
    assert sentence is not None and sentence.id == sid("a0", 0)
    chosen = start(model, room=2).with_pivot("a1").select_claim("c7")
    assert chosen is not None
    assert chosen.shown_columns == ["a1", "a0"]
    sentence = chosen.current_sentence()
    assert sentence is not None and sentence.id == sid("a0", 0), "the pivot a1 does not state c7"


def test_follow_offsets_shift_only_columns_whose_mention_is_off_screen() -> None:
    # Screen shows lines 10..29; the anchor (the cursor's mention) is on line 15.
    lines = {"a0": [15], "a1": [22], "a2": [60], "a3": [2, 90]}
    offsets = dict(follow_offsets(15, lines, top=10, height=20))
    assert "a0" not in offsets, "the anchor's own column stays put"
    assert "a1" not in offsets, "a mention already on screen needs no shift"
    assert offsets["a2"] == 45, "drawn 45 lines further down, so line 60 shows on line 15"
    assert offsets["a3"] == -13, "the mention nearest the anchor is the one shown"
    assert follow_offsets(15, {"a0": []}, top=10, height=20) == ()


def test_following_shifts_shown_columns_and_any_move_realigns_them(model: ReadingModel) -> None:
    state = start(model)  # c7 selected, columns a0 a1 a2
    followed = state.following((("a2", 12), ("a1", 0), ("gone", 3)))
    assert followed.follow == Follow("c7", (("a2", 12),)), "zero shifts and unshown columns dropped"
    assert (followed.column_shift("a2"), followed.column_shift("a0")) == (12, 0)
    assert followed.cursor == state.cursor and followed.visible_rows == state.visible_rows
    assert state.follow is None, "a transition returns a new state"
    assert state.following(()).follow is None
    assert followed.unfollowed().follow is None
    # Every move, scroll or layout change puts the columns back in line.
    assert followed.move_cursor(1).follow is None
    assert followed.move_cursor(followed.cursor).follow is None, "even a move that stays put"
    assert followed.with_rows(row_filter="conflict").follow is None
    assert followed.with_rows(folded=True).follow is None
    narrow = start(model, room=2).following((("a1", 5),))
    assert narrow.follow is not None and narrow.scroll_columns(1).follow is None
    assert followed.with_pivot("a1").follow is None
    assert followed.with_room(1).follow is None
    assert followed.with_room(followed.room).follow is not None, "the same width keeps it"
    assert followed.with_columns(ColumnChoice(ARTICLES, hidden=frozenset({"a1"}))).follow is None
    selected = followed.select_claim("c1")
    assert selected is not None and selected.follow is None, "a new jump starts aligned"
    stepped = followed.step_mention(1)
    assert stepped is not None and stepped.state.follow is None
    assert followed.with_search("shares").follow == followed.follow, "a search draws no new lines"


def test_following_needs_a_selected_fact(model: ReadingModel) -> None:
    state = start(model).move_cursor(7)  # boilerplate row: nothing selected
    assert state.selected is None
    assert state.following((("a1", 4),)).follow is None


def test_a_jump_to_a_conflict_shows_both_of_its_sides() -> None:
    """Five sources, room for the pivot and two more: a conflict between the third and fourth
    sources showed only the third (the first side found already had a column); now the view
    scrolls so both sides stand side by side, and a claim that already shows does not move it."""
    ids = ("a0", "a1", "a2", "a3", "a4")
    articles = tuple(make_article(aid, f"Outlet {aid}") for aid in ids)
    claims = (
        make_claim("c0", "shared", [sid("a0", 0), sid("a1", 0)]),
        make_claim("c1", "conflict", [sid("a2", 1), sid("a3", 1)]),
        make_claim("c2", "conflict", [sid("a1", 2), sid("a2", 2)]),
    )
    rows = tuple(Row(tuple((aid, (r,)) for aid in ids)) for r in range(ROWS))
    state = ReaderState.start(ReadingModel(Comparison(articles, claims, rows, "test")), room=3)
    assert state.shown_columns == ["a0", "a1", "a2"]
    both = state.select_claim("c1")
    assert both is not None and both.shown_columns == ["a0", "a2", "a3"]
    again = both.select_claim("c2")
    assert again is not None and again.shown_columns == ["a0", "a1", "a2"]
    stays = state.select_claim("c2")
    assert stays is not None and stays.shown_columns == ["a0", "a1", "a2"] and stays.column_offset == 0


def test_the_start_selects_a_claim_the_pivot_states_in_the_first_row(model: ReadingModel) -> None:
    ids = ("a0", "a1", "a2")
    articles = tuple(make_article(aid, f"Outlet {aid}") for aid in ids)
    claims = (
        make_claim("c0", "shared", [sid("a1", 0), sid("a2", 0)]),  # first in row 0, not the pivot's
        make_claim("c1", "shared", [sid("a0", 0), sid("a2", 0)]),
    )
    rows = tuple(Row(tuple((aid, (r,)) for aid in ids)) for r in range(ROWS))
    story_model = ReadingModel(Comparison(articles, claims, rows, "test"))
    assert ReaderState.start(story_model, room=3).selected == "c1"
    assert ReaderState.start(story_model, pivot="a1", room=3).selected == "c0"


def test_a_jump_also_shows_the_sources_stating_the_claim_in_other_rows_when_columns_are_free() -> None:
    """Five sources, room for the pivot and two more. The Libya population conflict: one
    side is in the cursor's row, the other aligned rows away, and the jump revealed only the
    first, leaving a column that says nothing about the claim beside it. Free columns now go
    to the other sources stating it (nearest row first); the cursor row's source always shows,
    and when it fills the free columns, nothing else is brought in."""
    ids = ("a0", "a1", "a2", "a3", "a4")
    articles = tuple(make_article(aid, f"Outlet {aid}") for aid in ids)
    claims = (
        make_claim("c0", "shared", [sid("a0", 0), sid("a1", 0)]),
        make_claim("c1", "conflict", [sid("a2", 1), sid("a4", 6), sid("a3", 4)]),
        make_claim("c2", "conflict", [sid("a1", 2), sid("a3", 5)]),
    )
    rows = tuple(Row(tuple((aid, (r,)) for aid in ids)) for r in range(ROWS))
    story_model = ReadingModel(Comparison(articles, claims, rows, "test"))
    state = ReaderState.start(story_model, room=3)
    assert state.shown_columns == ["a0", "a1", "a2"]
    both = state.select_claim("c1")  # a2 in row 1; a3 (row 4) is nearer than a4 (row 6)
    assert both is not None and both.cursor_row == 1
    assert both.shown_columns == ["a0", "a2", "a3"]
    # a1 and a3 are two columns apart: a1, in the cursor's row, keeps its column.
    apart = state.select_claim("c2")
    assert apart is not None and apart.shown_columns == ["a0", "a1", "a2"] and apart.column_offset == 0
    # Room for one column beside the pivot: the cursor row's source takes it.
    one = ReaderState.start(story_model, room=2).select_claim("c1")
    assert one is not None and one.shown_columns == ["a0", "a2"]
