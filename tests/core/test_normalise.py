"""Normalisation maps different wordings of one figure onto one value."""

from __future__ import annotations

import pytest

from tui.core.classify import reported_discrepancy
from tui.core.normalise import Value, normalise
from tui.core.values import compatible


def _values(text: str) -> list[tuple[str, float]]:
    return [(v.kind, v.amount) for v in normalise(text).values]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It paid $14.3 billion.", [("money", 14.3e9)]),
        ("It paid $14.3bn.", [("money", 14.3e9)]),
        ("It paid 14.3 billion dollars.", [("money", 14.3e9)]),
        ("Shares rose 7%.", [("percent", 7.0)]),
        ("Shares rose 7 percent.", [("percent", 7.0)]),
        ("Shares rose seven per cent.", [("percent", 7.0)]),
        ("with 1,000 physicians", [("number", 1000.0)]),
        ("with more than a thousand physicians", [("number", 1000.0)]),
        ("In September 2023 it launched.", [("date", 202309.0)]),
    ],
)
def test_figures_are_canonical(text: str, expected: list[tuple[str, float]]) -> None:
    assert _values(text) == expected


def test_spelled_and_digit_ranges_give_the_same_tokens() -> None:
    words = normalise("spending five to ten hours a week coding")
    digits = normalise("spending 5 to 10 hours a week coding")
    assert words.tokens == digits.tokens
    # One range of durations, in seconds: five hours to ten hours.
    assert [(v.kind, v.amount, v.high) for v in words.values] == [("measure", 18000.0, 36000.0)]


def test_camel_case_names_read_as_separate_words() -> None:
    assert (
        normalise("Meta released MuseSpark today").tokens
        == normalise("Meta released Muse Spark today").tokens
    )


def test_negation_is_recorded_for_the_negated_word() -> None:
    assert "mandatori" in normalise("The test is not mandatory.").negated
    assert "public" in normalise("a small, non-public model").negated


def _value(kind: str, amount: float, unit: str = "", bound: str = "eq") -> Value:
    return Value(kind, amount, unit, bound, str(amount), 0, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_value("percent", 7), _value("percent", 8), False),
        (_value("money", 14.3e9, "USD"), _value("money", 14e9, "USD"), False),
        (_value("date", 202309, "month"), _value("date", 2023, "year"), True),
        (_value("date", 2027, "year"), _value("date", 2028, "year"), False),
        (_value("number", 1000, "x", "ge"), _value("number", 1200, "x"), True),
        (_value("number", 46000, "x", "approx"), _value("number", 45000, "x"), True),
    ],
)
def test_compatibility_respects_precision_and_bounds(a: Value, b: Value, same: bool) -> None:
    assert compatible(a, b) is same


def test_a_sentence_that_reports_two_figures_is_a_discrepancy() -> None:
    text = "TechCrunch reported $14.3 billion, while Business Insider reported $14 billion."
    assert reported_discrepancy(normalise(text)) == "$14.3 billion vs $14 billion"
    assert reported_discrepancy(normalise("It raised $14 billion and spent $2 billion.")) is None


def test_a_figure_knows_what_it_is_of() -> None:
    from tui.core.facts import draft_facts

    def frames(text: str) -> list[str]:
        return [d[5] for d in draft_facts(text, normalise(text)) if d[4] is not None]

    assert frames("Northwind strikes $620 million deal to acquire Halcyon") == ["deal value"]
    assert frames("Halcyon's annual revenue came to $620 million last year") == ["revenue"]
    assert frames("TechCrunch reported this investment as $14.3 billion for a 49% stake")[0] == "funding"
    assert frames("A key move was the $14.3 billion investment in Scale AI") == ["funding"]


def test_a_name_may_end_in_an_accented_letter() -> None:
    names = [n for n, _, _ in normalise("Kylian Mbappé and José scored for Nîmes.").names]
    assert names == ["Kylian Mbappé", "José", "Nîmes"]


def test_a_middle_initial_keeps_a_name_whole() -> None:
    names = [n for n, _, _ in normalise("It is a prize for Hock E. Tan, the chief, and for A. Smith.").names]
    assert names == ["Hock E. Tan", "Smith"]
