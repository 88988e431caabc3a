"""The value grammar: what a sentence states, and whether two statements agree."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.values import Value, agreement, extract_values


def _one(text: str) -> Value:
    values = extract_values(text)
    assert len(values) == 1, values
    return values[0]


@pytest.mark.parametrize(
    ("text", "kind", "amount", "unit"),
    [
        ("turnout was 48,7 percent", "percent", 48.7, "%"),
        ("a crowd of 48,700 fans", "number", 48700.0, "fan"),
        ("a 12km run", "measure", 12000.0, "m"),
        ("winds of 5mph", "measure", 2.2352, "m/s"),
        ("a high of 30C", "measure", 30.0, "C"),
        ("a magnitude 6.4 quake", "measure", 6.4, "mag"),
        ("a 6.4-magnitude quake", "measure", 6.4, "mag"),
        ("at a depth of 10 km", "measure", 10000.0, "m"),
        ("twenty-four hostages", "number", 24.0, "hostag"),
        ("it cost 2.3bn euros", "money", 2.3e9, "EUR"),
        ("the Rs 600-crore mission", "money", 6e9, "INR"),
        ("a $61-billion deal", "money", 61e9, "USD"),
        ("a $250K grant", "money", 250000.0, "USD"),
        ("50 cents a share", "money", 0.5, "USD"),
        ("a quarter of the staff", "percent", 25.0, "%"),
        ("the third-largest bank", "ordinal", 3.0, "largest"),
        ("on 12 March 2024", "date", 20240312.0, "day"),
        ("on March 12, 2024", "date", 20240312.0, "day"),
        ("on March 12", "date", 312.0, "monthday"),
        ("in mid-March", "date", 3.0, "monthonly"),
        # A sentence's first word is capitalised: "In January, Microsoft agreed ..."
        ("In January, the company agreed", "date", 1.0, "monthonly"),
        ("since September 2023", "date", 202309.0, "month"),
        ("on Tuesday", "weekday", 1.0, "weekday"),
        ("at 9:40 p.m. local time", "time", 21 * 60 + 40, "local"),
        ("at 14:05 GMT", "time", 14 * 60 + 5, "GMT"),
        ("at 7:20 a.m. ET", "time", 7 * 60 + 20, "ET"),
        ("at 1340 GMT", "time", 13 * 60 + 40, "GMT"),
        ("one month and nine days since", "measure", 2629800 + 9 * 86400, "s"),
        ("two years and three months", "measure", 2 * 31557600 + 3 * 2629800, "s"),
        ("more than a month later", "measure", 2629800, "s"),
    ],
)
def test_values_are_read_as_written(text: str, kind: str, amount: float, unit: str) -> None:
    value = _one(text)
    assert (value.kind, value.unit) == (kind, unit)
    assert value.amount == pytest.approx(amount)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The crash happened at about 8:30 am.", "8:30 am"),
        ("It left at 8:30 a.m. on time.", "8:30 a.m."),
        ("It left at 6 p.m.", "6 p.m."),
        ("Doors open at 9am.", "9am"),
    ],
)
def test_a_time_takes_its_abbreviations_dot_not_the_full_stop(sentence: str, text: str) -> None:
    """ "8:30 am." ending a sentence was shown as the value "about 8:30 am."."""
    assert [v.text for v in extract_values(sentence)] == [text]


def test_a_bare_time_after_an_afternoon_time_is_afternoon_in_that_zone() -> None:
    first, bare = extract_values("It began its descent at 5:20 pm IST and touched down at 6:04.")
    assert (bare.amount, bare.unit) == (18 * 60 + 4, first.unit)
    morning = extract_values("It left at 9:15 and arrived at 10:30.")
    assert [v.amount for v in morning] == [9 * 60 + 15, 10 * 60 + 30]


def test_biggest_and_largest_rank_one_thing() -> None:
    (a,) = extract_values("the second-biggest deal of the year")
    (b,) = extract_values("the second-largest deal of the year")
    assert agreement(a, b) == "equal"


def test_a_month_as_a_rate_is_no_duration() -> None:
    assert extract_values("they meet twice a month") == ()


@pytest.mark.parametrize(
    "text",
    ["Argentina took the shootout 4-2.", "After 90 minutes it was 2-2, and after extra time 3-3, level."],
)
def test_a_scoreline_ends_a_clause_as_a_score(text: str) -> None:
    assert {v.kind for v in extract_values(text) if v.kind != "measure"} == {"score"}


def test_a_decimal_after_a_dash_is_no_scoreline() -> None:
    assert [v.text for v in extract_values("it grew 4-2.5 times")] == ["4", "2.5"]


def test_an_ordinal_word_counts_its_noun_but_not_a_part_of_a_period() -> None:
    (third,) = extract_values("Argentina claimed a third World Cup")
    assert (third.kind, third.amount, third.unit) == ("ordinal", 3.0, "world")
    assert extract_values("They scored twice in the second half") == ()
    assert extract_values("It was the first time they met") == ()


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("making him the first player in history to net a hat-trick in a final", 1.0),
        ("he is only the second man to manage that in a final", 2.0),
        ("India became the fourth country to land on the Moon", 4.0),
        ("the lander has made history as the first to do so", 1.0),
        ("the first woman ever to lead the agency", 1.0),
        # "become the fourth country" is the same order of achievement, with no verb after it.
        ("India hopes to become the fourth country", 4.0),
        ("She became the first woman in the post", 1.0),
        # "a world first": first in the world, with neither noun nor verb after it.
        ("No craft had landed there, so this landing is a world first.", 1.0),
        ("It was a world-first for the agency", 1.0),
    ],
)
def test_a_place_in_a_record_is_a_value_whatever_noun_stands_between(text: str, rank: float) -> None:
    (record,) = extract_values(text)
    assert (record.kind, record.amount, record.unit) == ("ordinal", rank, "record")


def test_a_first_that_is_no_record_is_no_value() -> None:
    assert extract_values("For the first time since the war, the talks went to a vote") == ()
    assert extract_values("She was the first one in the queue to the office") == ()
    assert extract_values("The world first heard of the plan on the radio") == ()
    assert extract_values("a world first class service") == ()


def test_an_ordinal_before_a_small_word_counts_nothing() -> None:
    """ "His second of the match" counts no noun: it read as a count of "of", and linked to
    "the second man to manage that" as one fact."""
    assert extract_values("Mbappe scored another penalty, his second of the match") == ()
    assert [v.unit for v in extract_values("his second in a row and their third title")] == ["titl"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Messi put Argentina in front at 23 minutes after a foul", ("ordinal", 23.0, "minut")),
        ("The equaliser came at 81 minutes.", ("ordinal", 81.0, "minut")),
        ("The flight was delayed by 23 minutes", ("measure", 1380.0, "s")),
        ("The bell rang at 10 minutes past the hour", ("measure", 600.0, "s")),
        ("He scored at 10 minutes before the end", ("measure", 600.0, "s")),
    ],
)
def test_at_so_many_minutes_is_the_moment_of_a_match(text: str, read: tuple[str, float, str]) -> None:
    (value,) = extract_values(text)
    assert (value.kind, value.amount, value.unit) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("La Albiceleste have now won the World Cup three times", ("ordinal", 3.0, "world")),
        ("They have won the title five times since 1990", ("ordinal", 5.0, "titl")),
        ("Prices rose three times faster than wages", ("number", 3.0, "time")),
    ],
)
def test_so_many_wins_is_the_order_of_the_latest(text: str, read: tuple[str, float, str]) -> None:
    value = extract_values(text)[0]
    assert (value.kind, value.amount, value.unit) == read


def test_ordinals_in_a_series_count_the_noun_after_the_last() -> None:
    values = extract_values("He scored in the 80th and 81st minutes.")
    read = [(v.text, v.kind, v.unit) for v in values]
    assert read == [("80th", "ordinal", "minut"), ("81st", "ordinal", "minut")]


@pytest.mark.parametrize(
    "text",
    ["The Falcon 9 rocket lifted off", "Windows 11 shipped late", "an F-35 jet", "the G7 summit",
     "COVID-19 cases", "Meta's Llama 4 model", "the Boeing 737 Max"],
)  # fmt: skip
def test_numbers_inside_names_are_never_counted(text: str) -> None:
    assert [v for v in extract_values(text) if v.kind == "number"] == []


def test_a_title_case_headline_still_counts() -> None:
    assert _one("Quake Kills 31 People In Turkey").amount == 31


def test_ranges_and_vague_quantities_have_a_high_end() -> None:
    assert (_one("between 20 and 30 people").amount, _one("between 20 and 30 people").high) == (20, 30)
    money = _one("$5-10 million")
    assert (money.kind, money.amount, money.high) == ("money", 5e6, 10e6)
    dozens = _one("dozens of people")
    assert dozens.amount < 50 < (dozens.high or 0)
    change = extract_values("It rose from 5% to 7%.")
    assert [v.amount for v in change] == [5, 7]  # a change, not a range


def test_a_parenthetical_conversion_is_one_amount() -> None:
    value = _one("It paid $20 billion (£15.8 billion) for it")
    assert value.text == "$20 billion (£15.8 billion)"
    assert agreement(value, _one("a £15.8 billion deal")) == "equal"
    assert agreement(value, _one("a £17 billion deal")) == "different"
    assert agreement(_one("$20 billion"), _one("£15.8 billion")) == "incomparable"


def test_relative_days_resolve_only_with_the_article_date() -> None:
    assert _one("yesterday").unit == "relative"
    resolved = _one_with_reference("yesterday", date(2024, 3, 13))
    assert (resolved.unit, resolved.amount) == ("day", 20240312)
    last = _one_with_reference("last Wednesday", date(2024, 3, 15))  # a Friday
    assert last.amount == 20240313


def _one_with_reference(text: str, reference: date) -> Value:
    values = extract_values(text, reference)
    assert len(values) == 1
    return values[0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("more than 15,000 people", "15,300 people", "equal"),
        ("61.5 percent", "61.52 percent", "equal"),
        ("2 miles", "3.2 km", "equal"),
        ("5 km", "3.1 miles", "equal"),
        ("30C", "86F", "equal"),
        ("100 km/h", "62 mph", "equal"),
        ("March 2024", "12 March 2024", "equal"),
        ("12 March", "19 March", "different"),
        ("between 5 and 10 people", "7 people", "equal"),
        ("12%", "12.3%", "rounded"),
        ("$14.3bn", "$14bn", "rounded"),
        ("$14.3bn", "$14,300 million", "equal"),
        ("$14.3bn", "14.3 billion dollars", "equal"),
        ("at least 38 people", "at least 40 people", "different"),
        # Different tallies of one count conflict even under "at least"; a bound admits only
        # figures within the step it was written to ("more than 15,000" admits 15,300).
        ("at least 38 people", "40 people", "different"),
        ("at least five people", "5 people", "equal"),
        ("more than 15,000 people", "15,300 people", "equal"),
        ("more than 20 people", "30 people", "different"),
        ("about 40 people", "38 people", "equal"),
        ("about 40 people", "48 people", "different"),
        ("40 people", "38 people", "different"),
        ("hundreds of people", "thousands of people", "different"),
        ("on Tuesday", "on Wednesday", "different"),
        ("on Tuesday", "on 12 March 2024", "equal"),
        ("on Tuesday", "on 12 March", "incomparable"),
        ("at 9:40 p.m.", "at 21:40", "equal"),
        ("at 9:40 p.m. GMT", "at 9:40 p.m. ET", "incomparable"),
        ("the third-largest bank", "the second-largest bank", "different"),
        ("a 5 km walk", "5%", "incomparable"),
    ],
)
def test_agreement(a: str, b: str, expected: str) -> None:
    assert agreement(_one(a), _one(b)) == expected
    assert agreement(_one(b), _one(a)) == expected


# --- properties ------------------------------------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled(n: int) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


@given(st.integers(min_value=2, max_value=99), st.sampled_from(["people", "hostages", "homes"]))
def test_digits_and_words_parse_equal(n: int, noun: str) -> None:
    digits = _one(f"Officials said {n} {noun} were affected.")
    words = _one(f"Officials said {_spelled(n)} {noun} were affected.")
    assert agreement(digits, words) == "equal"


@given(st.integers(min_value=11, max_value=999), st.integers(min_value=1, max_value=9))
def test_money_scale_rewrites_parse_equal(whole: int, tenth: int) -> None:
    billions = _one(f"The deal is worth ${whole}.{tenth} billion.")
    millions = _one(f"The deal is worth ${whole * 1000 + tenth * 100:,} million.")
    spelled = _one(f"The deal is worth {whole}.{tenth} billion dollars.")
    abbreviated = _one(f"The deal is worth ${whole}.{tenth}bn.")
    for other in (millions, spelled, abbreviated):
        assert agreement(billions, other) == "equal"


@given(st.integers(min_value=1, max_value=500))
def test_converted_distances_parse_equal(km: int) -> None:
    miles = round(km / 1.609344, 1)
    assert agreement(_one(f"a {km} km route"), _one(f"a {miles} miles route")) == "equal"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)))
def test_date_formats_parse_equal(day: date) -> None:
    month = day.strftime("%B")
    british = _one(f"It happened on {day.day} {month} {day.year}.")
    american = _one(f"It happened on {month} {day.day}, {day.year}.")
    iso = _one(f"It happened on {day.isoformat()}.")
    assert agreement(british, american) == agreement(british, iso) == "equal"
    weekday = _one(f"It happened on {day.strftime('%A')}.")
    assert agreement(weekday, british) == "equal"


@given(st.integers(min_value=2, max_value=5000), st.integers(min_value=1, max_value=50))
def test_an_edited_count_parses_different(n: int, delta: int) -> None:
    edited = n + max(delta, n // 5)  # beyond what rounding "5000" could hide
    assert agreement(_one(f"{n} people died"), _one(f"{edited} people died")) == "different"


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=9))
def test_an_edited_percentage_parses_different(n: int, delta: int) -> None:
    assert agreement(_one(f"turnout was {n}%"), _one(f"turnout was {n + delta}%")) == "different"


_NEWSY = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-–$£€%()/:'abcdefghkmnopstCFGMJDTUSapm")), max_size=60
) | st.sampled_from(["$5-10 million (£4 million)", "3,5 km", "9 a.m. ET on Tuesday", "2019-2020", "5-"])


@settings(max_examples=300)
@given(_NEWSY)
def test_parsing_never_raises_and_spans_slice_back(text: str) -> None:
    for value in extract_values(text):
        assert text[value.start : value.end] == value.text
        assert value.high is None or value.high >= value.amount


@pytest.mark.parametrize(
    "text",
    ["the death toll passes 10k", "deaths passed 10,000", "the toll topped 10,000", "deaths exceed 10,000"],
)
def test_a_tally_passing_a_mark_is_at_least_that_mark(text: str) -> None:
    """ "Passes 10k" is consistent with 11,300, not a second count against it."""
    value = _one(text)
    assert (value.amount, value.bound) == (10000.0, "ge")
    assert agreement(value, _one("the toll rose to 11,300")) == "equal"
    assert _one("the top 10 firms").bound == "eq"  # a noun, not a verb of passing
