"""A link between two different figures of one frame is dropped when either outlet states the
other's figure too: the two outlets report two events, not a dispute about one."""

from __future__ import annotations

import numpy as np

from tests.core.conftest import facts_of
from tui import compare
from tui.core.facts import Facts
from tui.core.pipeline import TextInput
from tui.core.value_echoes import columns_without_echoes
from tui.core.value_links import ValueLink, links_from_columns

WIRE = "Report\n\nMessi scored in the 23rd minute. Di Maria added a second in the 36th minute.\n"
PAPER = "Recap\n\nDi Maria scored in the 36th minute. Messi had opened in the 23rd minute.\n"


def _value(facts: Facts, article: int, text: str) -> int:
    (index,) = [
        f.index for f in facts.facts if f.article == article and f.value is not None and f.value.text == text
    ]
    return index


def _kept_links(facts: Facts, links: tuple[ValueLink, ...]) -> tuple[ValueLink, ...]:
    """The links that stay, through the columns the linking stage passes."""
    columns = tuple(np.asarray(column) for column in zip(*links, strict=True))
    a, b, score, context = columns
    kept = columns_without_echoes(facts.facts, (a.astype(np.int64), b.astype(np.int64), score, context))
    return tuple(links_from_columns(kept))


def test_a_link_across_two_events_both_outlets_report_is_dropped() -> None:
    facts = facts_of([TextInput(WIRE, "Wire"), TextInput(PAPER, "Paper")])
    w23, w36 = _value(facts, 0, "23rd"), _value(facts, 0, "36th")
    p23, p36 = _value(facts, 1, "23rd"), _value(facts, 1, "36th")
    links = (
        ValueLink(w23, p36, 0.9, 0.5),  # two different events: the paper gives 23rd too
        ValueLink(w23, p23, 0.5, 0.1),
        ValueLink(w36, p36, 0.5, 0.1),
    )
    assert _kept_links(facts, links) == links[1:]


def test_a_real_dispute_stays_linked() -> None:
    """The paper gives 24th, never 23rd: that is a disagreement about one goal's minute."""
    paper = PAPER.replace("23rd", "24th")
    facts = facts_of([TextInput(WIRE, "Wire"), TextInput(paper, "Paper")])
    links = (ValueLink(_value(facts, 0, "23rd"), _value(facts, 1, "24th"), 0.5, 0.1),)
    assert _kept_links(facts, links) == links


def test_a_quoted_figure_is_no_echo_of_the_outlets_own() -> None:
    """The paper quotes someone saying 23rd but reports 24th itself: it still disputes 23rd."""
    paper = 'Recap\n\nMessi opened in the 24th minute. "He scored in the 23rd minute," the coach said.\n'
    facts = facts_of([TextInput(WIRE, "Wire"), TextInput(paper, "Paper")])
    quoted = [f for f in facts.facts if f.article == 1 and f.value is not None and f.value.text == "23rd"]
    assert quoted and all(f.quoted for f in quoted)
    links = (ValueLink(_value(facts, 0, "23rd"), _value(facts, 1, "24th"), 0.5, 0.1),)
    assert _kept_links(facts, links) == links


def test_two_events_each_outlet_reports_are_two_shared_facts() -> None:
    result = compare([TextInput(WIRE, "Wire"), TextInput(PAPER, "Paper")])
    minutes = [c for c in result.claims if c.frame == "minute"]
    assert sorted(sorted(m.value for m in c.mentions) for c in minutes) == [
        ["23rd", "23rd"],
        ["36th", "36th"],
    ]
    assert {c.label for c in minutes} == {"shared"}


def test_no_links_stay_no_links() -> None:
    facts = facts_of([TextInput(WIRE, "Wire"), TextInput(PAPER, "Paper")])
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    assert links_from_columns(columns_without_echoes(facts.facts, empty)) == []
