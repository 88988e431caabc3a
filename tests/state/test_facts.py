"""The facts × sources table model: cells from mentions, order, labels and filters."""

from __future__ import annotations

from tui.core.models import Article, Claim, Comparison, Conflict, Mention, Paragraph, Sentence
from tui.state.facts import FactFilter, FactRow, fact_rows, filtered, odd_values, row_label


def article(aid: str, source: str, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    made, at = [], 0
    for i, body in enumerate(sentences):
        made.append(Sentence(f"{aid}.p0.s{i}", aid, 0, i, at, at + len(body), body))
        at += len(body) + 1
    return Article(
        aid, f"{aid}.txt", source, "t", text, (Paragraph(0, "body", 0, len(text), text, tuple(made)),), "0"
    )


def claim(cid: str, label: str, mentions: tuple[Mention, ...], **extra: object) -> Claim:
    return Claim(
        id=cid,
        label=label,  # type: ignore[arg-type]
        sentence_ids=tuple(m.sentence_id for m in mentions),
        conflicts=extra.pop("conflicts", ()),  # type: ignore[arg-type]
        evidence=(),
        key=f"k{cid}",
        salience=float(extra.pop("salience", 1.0)),  # type: ignore[arg-type]
        article_ids=tuple(dict.fromkeys(m.article_id for m in mentions)),
        mentions=mentions,
        **extra,  # type: ignore[arg-type]
    )


def story() -> Comparison:
    a = article("a0", "Reuters", ["At least 38 died.", "The mayor spoke.", "A dog barked."])
    b = article("a1", "AP", ["Forty people died.", "The mayor spoke today."])
    c = article("a2", "BBC", ["The mayor spoke at noon."])
    deaths = claim(
        "c1",
        "conflict",
        (
            Mention("a0.p0.s0", "a0", 0, 11, "at least 38", "deaths"),
            Mention("a1.p0.s0", "a1", 0, 17, "40", "deaths"),
        ),
        frame="deaths",
        summary="deaths: Reuters at least 38 · AP 40",
        salience=2.0,
    )
    mayor = claim(
        "c2",
        "shared",
        (
            Mention("a0.p0.s1", "a0", 18, 34),
            Mention("a1.p0.s1", "a1", 19, 41),
            Mention("a2.p0.s0", "a2", 0, 24),
        ),
        summary="The mayor spoke",
    )
    dog = claim("c3", "unique", (Mention("a0.p0.s2", "a0", 35, 48),), salience=0.5)
    small = claim("c4", "shared", (Mention("a0.p0.s2", "a0", 35, 48), Mention("a1.p0.s1", "a1", 19, 41)))
    return Comparison((a, b, c), (dog, small, mayor, deaths), (), "test")


def test_cells_show_value_with_bound_tick_without_value_and_blank_when_absent() -> None:
    rows = fact_rows(story())
    deaths = rows[0]
    assert deaths.label == "deaths"
    assert [c.text for c in deaths.cells] == ["at least 38", "40", ""]
    mayor = next(r for r in rows if r.claim.id == "c2")
    assert [c.text for c in mayor.cells] == ["✓", "✓", "✓"]
    assert mayor.label == "The mayor spoke"


def test_order_is_conflicts_then_shared_by_coverage_then_unique() -> None:
    assert [r.claim.id for r in fact_rows(story())] == ["c1", "c2", "c4", "c3"]


def test_conflict_value_fills_a_mention_without_one() -> None:
    comparison = story()
    bare = claim(
        "c9",
        "conflict",
        (Mention("a0.p0.s0", "a0", 0, 11), Mention("a1.p0.s0", "a1", 0, 17)),
        conflicts=(Conflict("number", (("a0.p0.s0", "38"), ("a1.p0.s0", "Forty"))),),
    )
    comparison = Comparison(comparison.articles, (bare,), (), "test")
    assert [c.text for c in fact_rows(comparison)[0].cells] == ["38", "Forty", ""]


def test_rounding_is_flagged_but_not_a_conflict() -> None:
    comparison = story()
    soft = claim(
        "c5",
        "shared",
        (Mention("a0.p0.s0", "a0", 0, 11, "12%"), Mention("a1.p0.s0", "a1", 0, 17, "12.3%")),
        conflicts=(Conflict("rounding", (("a0.p0.s0", "12%"), ("a1.p0.s0", "12.3%"))),),
    )
    row = fact_rows(Comparison(comparison.articles, (soft,), (), "test"))[0]
    assert row.rounding and row.claim.label == "shared"


def test_a_source_giving_two_values_is_the_odd_one_beside_one_giving_the_common_value() -> None:
    """Source A says "7% / 8%", source B "7%": the 8% is what differs, so B's cell is not odd."""
    comparison = story()
    both = claim(
        "c8",
        "conflict",
        (
            Mention("a0.p0.s0", "a0", 0, 11, "7%"),
            Mention("a0.p0.s1", "a0", 18, 34, "8%"),
            Mention("a1.p0.s0", "a1", 0, 17, "7%"),
        ),
    )
    row = fact_rows(Comparison(comparison.articles, (both,), (), "test"))[0]
    assert [c.text for c in row.cells] == ["7% / 8%", "7%", ""]
    assert odd_values(row) == {"8%"}


def test_one_figure_written_two_ways_is_one_value_not_an_odd_one() -> None:
    """The Libya story's deaths: A "11,300", B "11300 / 11,300", C "over 5,000 / more than
    5,000". 11,300 is the most common value however it is written, so none of its wordings
    is odd, and C's two wordings of one lower bound count once, not as two values."""
    a = article("a0", "2news", ["11,300 died.", "x"])
    b = article("a1", "Mtm", ["11300 died.", "Then 11,300 died."])
    c = article("a2", "Bdm", ["Over 5,000 died.", "More than 5,000 died."])
    mentions = (
        Mention("a0.p0.s0", "a0", 0, 6, "11,300", "deaths"),
        Mention("a1.p0.s0", "a1", 0, 5, "11300", "deaths"),
        Mention("a1.p0.s1", "a1", 12, 18, "11,300", "deaths"),
        Mention("a2.p0.s0", "a2", 0, 10, "Over 5,000", "deaths"),
        Mention("a2.p0.s1", "a2", 17, 32, "more than 5,000", "deaths"),
    )
    deaths = claim(
        "c1",
        "conflict",
        mentions,
        frame="deaths",
        # As the engine lists them: each mention's value and the figure it gives.
        conflicts=(Conflict("number", tuple((m.sentence_id, m.value) for m in mentions), (0, 0, 0, 1, 1)),),
    )
    row = fact_rows(Comparison((a, b, c), (deaths,), (), "test"))[0]
    assert [cell.text for cell in row.cells] == ["11,300", "11300 / 11,300", "Over 5,000 / more than 5,000"]
    assert odd_values(row) == {"Over 5,000", "more than 5,000"}


def test_a_figure_in_words_or_under_a_bound_is_the_same_figure() -> None:
    """As the engine's conflicts group wordings: "five" and "at least 5" are one figure,
    the most common one here, and "6" is what differs."""
    assert odd_values(_three_source_conflict(("6", "five", "at least 5"), (0, 1, 1))) == {"6"}


def test_wording_the_grammar_cannot_read_as_one_figure_is_compared_as_text() -> None:
    """Case and spacing aside, words stay words: "Rising" is not "falling"."""
    assert odd_values(_three_source_conflict(("rising", "Rising ", "falling"), ())) == {"falling"}


def _three_source_conflict(values: tuple[str, ...], figures: tuple[int, ...]) -> FactRow:
    """The facts-table row of a conflict claim that sources a0, a1, a2 state with ``values``,
    which give the engine's ``figures`` (:attr:`Conflict.agreeing`; empty: none measured)."""
    articles = tuple(article(f"a{n}", "ABC"[n], ["x"]) for n in range(len(values)))
    mentions = tuple(Mention(f"a{n}.p0.s0", f"a{n}", 0, 1, v) for n, v in enumerate(values))
    conflict = Conflict("number", tuple((m.sentence_id, m.value) for m in mentions), figures)
    return fact_rows(
        Comparison(articles, (claim("c1", "conflict", mentions, conflicts=(conflict,)),), (), "test")
    )[0]


def test_statement_label_is_cut_and_cleaned() -> None:
    comparison = story()
    long = claim("c6", "unique", (Mention("a0.p0.s2", "a0", 35, 48),), summary="x\x1b[31m" + "word " * 20)
    label = row_label(comparison, long)
    assert "\x1b" not in label and len(label) <= 40 and label.endswith("…")


def test_a_value_row_names_whom_its_figure_is_about() -> None:
    comparison = story()
    share = claim("c7", "conflict", (Mention("a0.p0.s2", "a0", 35, 48, "44.2%"),), frame="vote share")
    assert row_label(comparison, share) == "vote share"
    held = claim(
        "c8",
        "conflict",
        (Mention("a0.p0.s2", "a0", 35, 48, "44.2%"),),
        frame="vote share",
        holder="Massa\x1b[2J",
    )
    assert row_label(comparison, held).startswith("vote share (Massa") and "\x1b" not in row_label(
        comparison, held
    )


def test_filters_by_label_mark_source_and_text() -> None:
    rows = fact_rows(story())
    marks = {"kc2": "verified"}

    def ids(fact_filter: FactFilter) -> list[str]:
        return [r.claim.id for r in filtered(rows, fact_filter, marks)]

    assert ids(FactFilter(label="conflict")) == ["c1"]
    assert ids(FactFilter(mark="verified")) == ["c2"]
    assert ids(FactFilter(mark="unmarked")) == ["c1", "c4", "c3"]
    assert ids(FactFilter(source="a2")) == ["c2"]
    assert ids(FactFilter(text="LEAST")) == ["c1"]
    assert ids(FactFilter(label="shared", source="a1")) == ["c2", "c4"]
    assert not FactFilter().active and FactFilter(text="x").active
