"""The fact stages one by one, on hand-made sentences: clauses, frames, holders, value facts,
statement facts, value linking, the learned statement score, and labels per fact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.conftest import facts_of as story_facts
from tui import compare
from tui.core.clauses import clause_spans
from tui.core.facts import draft_facts
from tui.core.frames import frame_cues
from tui.core.match import Item, pair_probability, weights
from tui.core.normalise import normalise
from tui.core.pair_features import FEATURES, pair_features
from tui.core.pipeline import TextInput


def facts_of(text: str) -> list[tuple[str, str, str, bool]]:
    """``(kind, words, frame, frame from the lexicon)`` for each fact of one sentence."""
    return [(d[0], text[d[1] : d[2]], d[5], d[6]) for d in draft_facts(text, normalise(text))]


def values_of(text: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Value text -> (frame, holder words)."""
    norm = normalise(text)
    out = {}
    for d in draft_facts(text, norm):
        if d[4] is not None:
            out[d[4].text] = (d[5], d[7])
    return out


# --- clauses and frames --------------------------------------------------------------------


def test_clauses_split_at_reliable_boundaries_only() -> None:
    text = "Milei won 55.8% of the vote, while Massa got 44.2%, according to official results."
    assert [text[s:e] for s, e in clause_spans(text)] == [
        "Milei won 55.8% of the vote",
        "while Massa got 44.2%",
        "according to official results.",
    ]
    plain = "The quake struck at dawn and shook the city."
    assert clause_spans(plain) == [(0, len(plain))]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "Despite a hat-trick from the striker, the home side won on penalties.",
            ["Despite a hat-trick from the striker", "the home side won on penalties."],
        ),
        (
            "“After the dam burst overnight, the toll rose sharply.",
            ["“After the dam burst overnight", "the toll rose sharply."],
        ),
        (
            "The striker scored twice, so nothing separated the sides after extra time.",
            ["The striker scored twice", "so nothing separated the sides after extra time."],
        ),
        (
            "The next president will be Milei, his rival said as he conceded defeat on Sunday.",
            ["The next president will be Milei, his rival said", "as he conceded defeat on Sunday."],
        ),
        # A subordinate clause with a named subject and a verb in the past, as with "he".
        (
            "Messi scored again to put Argentina ahead before Mbappe completed his hat-trick.",
            ["Messi scored again to put Argentina ahead", "before Mbappe completed his hat-trick."],
        ),
        (
            "The hosts went ahead from the spot after Ousmane Dembele fouled Angel di Maria.",
            ["The hosts went ahead from the spot", "after Ousmane Dembele fouled Angel di Maria."],
        ),
        # A name that is no subject of a past verb, or a lower-case subject: one clause.
        (
            "Shares of the firm rose sharply after Christmas sales beat forecasts.",
            ["Shares of the firm rose sharply after Christmas sales beat forecasts."],
        ),
        (
            "Shares of the firm rose sharply after the company announced the deal.",
            ["Shares of the firm rose sharply after the company announced the deal."],
        ),
        # Too short to be a clause of its own, or "when": it stays with its clause.
        ("We should leave them as they are, he said.", ["We should leave them as they are, he said."]),
        (
            "Each boy weighed less than the limit when they were removed from the home.",
            ["Each boy weighed less than the limit when they were removed from the home."],
        ),
        # Too short to state anything: the opening phrase stays with its clause.
        (
            "Since January, the company has barred teenagers.",
            ["Since January, the company has barred teenagers."],
        ),
        # Attribution is not an opening clause of its own.
        (
            "According to the police, forty people died in the blast.",
            ["According to the police, forty people died in the blast."],
        ),
    ],
)
def test_an_opening_phrase_and_a_consequence_are_clauses_of_their_own(text: str, clauses: list[str]) -> None:
    assert [text[s:e] for s, e in clause_spans(text)] == clauses


@pytest.mark.parametrize(
    ("phrase", "frame"),
    [
        ("killed", "deaths"),
        ("lost their lives", "deaths"),
        ("death toll", "deaths"),
        ("recovered 500 bodies", "deaths"),
        ("were hurt", "injured"),
        ("wounded", "injured"),
        ("remain missing", "missing"),
        ("turnout", "turnout"),
        ("participation stood at", "turnout"),
        ("of voters cast their ballots", "turnout"),
        ("of the vote", "vote share"),
        ("votes counted", "ballots counted"),
        ("a town of", "population"),
        ("home to", "population"),
        ("per Tesla share", "price per share"),
        ("for each VMware share", "price per share"),
    ],
)
def test_frame_cues_know_how_news_names_quantities(phrase: str, frame: str) -> None:
    assert frame in {hit.frame for hit in frame_cues(phrase)}


def test_a_figure_with_a_unit_keeps_a_frame_with_a_unit() -> None:
    """A cue of a share or a count beside a duration does not make it one."""
    facts = values_of("He spends 5 to 10 hours a week participating in coding reviews.")
    assert facts["5 to 10 hours"][0] == "duration"
    assert values_of("Participation stood at 76% by the evening.")["76%"][0] == "turnout"


def test_a_tally_is_no_count_of_ballots() -> None:
    """News keeps a tally of anything (the dead, the votes); only "counted" names the count."""
    assert not frame_cues("the mayor said the tally might reach 20,000")


def test_a_body_bag_is_no_death() -> None:
    assert not frame_cues("it handed 6,000 body bags to the local authorities")


def test_last_year_is_no_duration_cue() -> None:
    assert not frame_cues("and last year acquired two voice technology companies")


def test_taking_charge_is_no_arrest() -> None:
    """ "when 94,194 attended ... La Albiceleste took charge" filed the crowd under "arrested"."""
    assert not frame_cues("La Albiceleste took charge when Messi scored")
    assert [h.frame for h in frame_cues("five men were charged with fraud")] == ["arrested"]


def test_a_number_of_shares_is_no_share_price() -> None:
    facts = values_of("Investors can choose $142.50 in cash or 0.2520 shares of Broadcom common stock.")
    assert facts["0.2520"][0] != "share price"
    assert values_of("Meta's shares closed at $212.40 on Friday.")["$212.40"][0] == "share price"


def test_a_place_of_so_many_people_is_its_population() -> None:
    a = "The port city of Derna, with 90,000 residents, was hit hardest."
    b = "Floodwater swept through Derna, a town of about 125,000 people, on Monday."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (population,) = [c for c in result.claims if c.frame == "population"]
    assert population.label == "conflict"


def test_each_value_takes_its_own_frame_in_either_direction() -> None:
    facts = values_of("At least five people lost their lives and more than 20 were hurt on Monday.")
    assert facts["five"][0] == "deaths"
    assert facts["20"][0] == "injured"


def test_a_cue_belongs_to_one_value_and_coordinated_figures_share_a_frame() -> None:
    facts = values_of(
        "With 97.6% of votes counted in the runoff, Milei had 55.8% and Sergio Massa 44.2% of the vote."
    )
    assert facts["97.6%"][0] == "ballots counted"
    assert facts["55.8%"][0] == "vote share"
    assert facts["44.2%"][0] == "vote share"


def test_holder_is_the_subject_not_a_cited_source() -> None:
    facts = values_of("Javier Milei carried the runoff of Argentina's elections with 55.95% of the votes.")
    assert facts["55.95%"][1] == frozenset({"javier", "milei"})
    cited = values_of("The Times of India reported a 7% boost in Meta's stock.")
    assert not cited["7%"][1] & {"times", "india"}


def test_the_name_a_figure_is_for_and_the_antecedent_of_who_are_holders() -> None:
    facts = values_of("With most votes counted, Milei had 55.8% against 44.2% for Minister Sergio Massa.")
    assert facts["55.8%"][1] == frozenset({"milei"})
    assert {"sergio", "massa"} <= facts["44.2%"][1]
    assert "milei" not in facts["44.2%"][1]
    relative = values_of("Milei won with 55.95%, beating Sergio Massa of the ruling party, who adds 44.04%.")
    assert relative["44.04%"][1] == frozenset({"sergio", "massa"})


def test_the_side_a_figure_is_against_is_not_its_holder() -> None:
    facts = values_of(
        "Argentina led when Messi scored a penalty against France, the holders, in the 23rd minute."
    )
    assert facts["23rd"][1] == frozenset({"messi"})
    vote = values_of("Senators voted 55% against the Harlow bill.")
    assert "harlow" not in vote["55%"][1]


def test_a_figure_after_a_possessive_pronoun_has_no_named_holder() -> None:
    # "their" is Argentina, the subject; the nearest name before is the beaten side.
    facts = values_of("Argentina beat France on penalties and claimed their third World Cup.")
    assert facts["third"] == ("world", frozenset())


def test_passengers_who_died_are_deaths() -> None:
    assert values_of("Five passengers have died in the crash.")["Five"][0] == "deaths"
    assert values_of("The ferry was carrying 300 passengers.")["300"][0] == "passengers"


def test_a_count_without_a_cue_is_framed_by_its_counted_noun() -> None:
    facts = values_of("At least two Kanchanjunga Express bogies left the tracks.")
    assert facts["two"][0] == "bogi"


def test_an_order_in_a_series_is_framed_by_its_noun() -> None:
    assert values_of("Nadal won his 22nd Grand Slam title on Sunday.")["22nd"][0] == "grand"
    assert values_of("The goal came in the 23rd minute of play.")["23rd"][0] == "minute"
    assert values_of("He handed them a third world title after the job was done.")["third"][0] == "world"


def test_a_scoreline_is_a_score_whatever_stands_near_it() -> None:
    assert values_of("The sides finished level at 3-3 after extra time.")["3-3"][0] == "score"
    assert (
        values_of("Following a 3-3 thriller over 120 minutes, they went to penalties.")["3-3"][0] == "score"
    )


def test_the_third_time_and_the_second_attempt_count_one_thing() -> None:
    a = "Report\n\nAfter two failed missions, it was third time lucky for India's space agency.\n"
    b = "Update\n\nIt is India's second attempt at a landing, after the last mission failed.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (attempt,) = [c for c in result.claims if c.frame == "attempt"]
    assert attempt.label == "conflict"


def test_when_something_happened_is_one_fact_whatever_the_event_is_called() -> None:
    a = "Rail officials said the accident, which happened at around 9 am, left the line blocked."
    b = "The crash happened at about 8:30 am near the station, police said."
    assert values_of(a)["9 am"][0] == "time of event"
    assert values_of("Polls close at 6 pm and the count starts at 9 pm.")["6 pm"][0] != "time of event"
    assert values_of("The incident that occurred on Monday shocked 40 people.")["40"][0] != "time of event"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (when,) = [c for c in result.claims if c.frame == "time of event"]
    assert when.label == "conflict"


def test_distance_needs_a_unit() -> None:
    assert values_of("The site is 11 km away from the station.")["11 km"][0] == "distance"
    assert (
        values_of("The 13174 Express, coming from Agartala, stopped not far away.")["13174"][0] != "distance"
    )


# --- value and statement facts -------------------------------------------------------------


def test_a_sentence_yields_tight_value_facts_and_a_statement_without_the_values() -> None:
    text = "Mbappe scored a hat-trick in the final, converting a penalty in the 118th minute."
    facts = facts_of(text)
    values = [f for f in facts if f[0] == "value"]
    statements = [f for f in facts if f[0] == "statement"]
    assert ("value", "118th minute", "minute", True) in values
    assert statements and all("118th" not in words or "minute" in words for _, words, _, _ in statements)
    assert any("hat-trick" in words for _, words, _, _ in statements)


def test_a_clause_that_is_only_its_value_makes_no_statement() -> None:
    facts = facts_of("At least five people lost their lives.")
    assert [f[0] for f in facts] == ["value"]


# --- the learned statement score -------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The minister conceded defeat on Sunday.", "The minister admitted defeat on Sunday."),
        ("They won a third title.", "They won a third crown."),
        ("A goods train rammed the express.", "A goods train smashed into the express."),
    ],
)
def test_everyday_rewordings_fold_onto_one_word(one: str, other: str) -> None:
    assert normalise(one).tokens == normalise(other).tokens


def test_paraphrases_score_higher_than_unrelated_sentences() -> None:
    same = (
        "The digital clone project is entirely separate from the CEO agent tool.",
        "The project is independent of the other CEO Agent initiative.",
    )
    other = (
        "The digital clone project is entirely separate from the CEO agent tool.",
        "Shares of the company rose on Tuesday after the earnings call.",
    )
    norms = [normalise(t) for pair in (same, other) for t in pair]
    idf = weights([Item(i, n) for i, n in enumerate(norms)])
    features = pair_features([norms[0], norms[2]], [norms[1], norms[3]], idf)
    assert features.shape == (2, len(FEATURES))
    assert ((features >= 0) & (features <= 1)).all()
    p_same, p_other = pair_probability(features)
    assert p_same > p_other


# --- labels per fact -----------------------------------------------------------------------

QUAKE_A = "A magnitude 6.4 earthquake killed 31 people in the northern district on Tuesday."
QUAKE_B = "The 6.4-magnitude quake left 38 people dead in the north, officials said on Tuesday."


def test_a_conflicting_figure_does_not_make_the_facts_beside_it_conflicts() -> None:
    result = compare([TextInput(QUAKE_A, "Wire"), TextInput(QUAKE_B, "Post")])
    by_frame = {c.frame: c for c in result.claims if c.frame}
    assert by_frame["deaths"].label == "conflict"
    assert by_frame["deaths"].summary == "deaths: Wire 31 · Post 38"
    assert by_frame["magnitude"].label == "shared"


def test_equal_at_the_shared_precision_is_shared_and_rounding_is_soft() -> None:
    a = "More than 15,000 people were evacuated from the valley, and turnout was 12% in the vote."
    b = "Officials said 15,300 people were evacuated from the valley; turnout was 12.3% in the vote."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    by_frame = {c.frame: c for c in result.claims if c.frame}
    assert by_frame["displaced"].label == "shared"
    assert by_frame["turnout"].label == "shared"
    assert [k.kind for k in by_frame["turnout"].conflicts] == ["rounding"]


def test_different_tallies_conflict_even_under_at_least() -> None:
    a = "At least 38 people were killed in the blast, the ministry said."
    b = "At least 40 people died in the explosion, according to the ministry."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (deaths,) = [c for c in result.claims if c.frame == "deaths"]
    assert deaths.label == "conflict"


def test_two_scorelines_of_a_match_are_two_moments_not_a_dispute() -> None:
    a = "Messi scored twice and the final finished 3-3 after extra time before penalties."
    b = "Messi scored twice and the final stood at 2-2 after 90 minutes before extra time."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    scores = [c for c in result.claims if any(m.value in ("3-3", "2-2") for m in c.mentions)]
    assert all(len(c.article_ids) == 1 for c in scores)


def test_one_scoreline_is_one_moment_whatever_name_stands_nearest() -> None:
    """Both outlets name Messi and Argentina; the nearest name to "3-2" differs."""
    a = (
        "Report\n\nArgentina pressed on. Lloris saved from Martinez in the 108th minute, but Messi "
        "followed up from close range for 3–2.\n"
    )
    b = "Update\n\nMessi put Argentina 3-2 up before Mbappe completed his hat-trick with a penalty.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (score,) = [c for c in result.claims if any(m.value == "3-2" for m in c.mentions)]
    assert score.label == "shared" and len(score.article_ids) == 2


def test_one_value_of_one_frame_is_one_fact_whatever_name_stands_nearest() -> None:
    """Each outlet names both teams, and the name nearest before "23rd minute" differs (an
    object each time: "against France", "fouled Angel di Maria"); the same minute of the same
    frame is still one fact, shared."""
    a = (
        "Argentina beat France on penalties on Sunday. Messi scored a penalty against France, the "
        "holders, in the 23rd minute. Di Maria added a second goal in the 36th minute."
    )
    b = (
        "France lost the final to Argentina on Sunday. They went ahead after Dembele fouled Angel "
        "di Maria in the 23rd minute. Di Maria scored the second goal in the 36th minute."
    )
    result = compare([TextInput(a, "Wire"), TextInput(b, "Paper")])
    minute = [c for c in result.claims if any(m.value == "23rd" for m in c.mentions)]
    assert [c.label for c in minute if len(c.article_ids) == 2] == ["shared"]


def test_before_and_after_do_not_keep_two_statements_apart() -> None:
    """The words "before" and "after" order the two events of each sentence; both outlets state the
    same two facts, so the clauses link (they still set a figure's earlier count apart)."""
    a = "Messi put Argentina ahead again before Mbappe completed his hat-trick with a late penalty."
    b = "Mbappe completed his hat-trick with a late penalty after Messi had put Argentina ahead again."
    result = compare([TextInput(a, "Wire"), TextInput(b, "Paper")])
    assert any(len(c.article_ids) == 2 and c.label == "shared" for c in result.claims)


def test_opposite_modifiers_keep_two_statements_apart() -> None:
    a = "The existing line carries commuters from the suburbs into the city centre every day."
    b = "The new line will carry commuters from the suburbs into the city centre every day."
    result = compare([TextInput(a, "Wire"), TextInput(b, "Paper")])
    assert all(len(c.article_ids) == 1 for c in result.claims)


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        ("Before this, health authorities had given the death toll as 5,500.", {"5,500"}),
        ("The earlier figure from health authorities was 5,500 deaths.", {"5,500"}),
        ("The toll rose to 11,300, up from 5,300 on Tuesday.", {"5,300"}),
        ("Earlier this year the company sold 5,000 cars.", set()),
        ("The storm killed 170 people elsewhere in the country.", set()),
    ],
)
def test_an_earlier_count_is_marked_as_superseded(sentence: str, earlier: set[str]) -> None:
    facts = compare([TextInput(sentence, "A")])
    found = {m.value for c in facts.claims for m in c.mentions if m.value}
    assert found, "the sentence states a count"
    drafted = story_facts([TextInput(sentence, "A")])
    marked = {f.value.text for f in drafted.facts if f.value is not None and f.superseded}
    assert marked == earlier


def test_an_earlier_toll_is_not_set_against_the_current_one() -> None:
    """One outlet gives the current toll and the figure it replaced; the other gives its own
    current toll. The two current tolls conflict; the replaced figure stays its own fact."""
    a = "The death toll in the city rose to 11,300. Before this, officials had given the toll as 5,500."
    b = "Officials said more than 5,300 people died in the city."
    result = compare([TextInput(a, "Wire"), TextInput(b, "Paper")])
    with_5500 = [c for c in result.claims if any(m.value == "5,500" for m in c.mentions)]
    assert [len(c.article_ids) for c in with_5500] == [1]
    current = [
        c for c in result.claims if any(m.value == "11,300" for m in c.mentions) and len(c.article_ids) == 2
    ]
    assert [c.label for c in current] == ["conflict"]


def test_the_words_around_an_earlier_toll_do_not_join_the_current_toll() -> None:
    """Only the figure differs between "had given Derna's death toll as 5,500" and "Derna's
    death toll has risen to 11,300": the earlier sentence states a past state of the tally."""
    a = "Report\n\nBefore this, health authorities had given the death toll in Derna as 5,500.\n"
    b = "Update\n\nHealth authorities said the death toll in Derna has risen to 11,300.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    assert all(len(c.article_ids) == 1 for c in result.claims)


def test_one_round_count_for_two_places_is_two_facts() -> None:
    """Both outlets name both towns; a round count is no moment: each town's 5,000 is its own."""
    a = "The storm hit Derna and Benghazi on Sunday. In Derna, officials said 5,000 people died there."
    b = "Floods struck Benghazi and Derna on Sunday. In Benghazi, officials said 5,000 people died there."
    result = compare([TextInput(a, "Wire"), TextInput(b, "Paper")])
    deaths = [c for c in result.claims if any(m.value == "5,000" for m in c.mentions)]
    assert [len(c.article_ids) for c in deaths] == [1, 1]


def test_a_vague_quantity_does_not_join_a_tally() -> None:
    a = "The death toll in the flooded city has risen to 11,300, the Red Crescent said."
    b = "Thousands of people died in the flooded city, the Red Crescent said on Thursday."
    c = "The Red Crescent said thousands died in the flooded city after the dams burst."
    result = compare([TextInput(a, "A"), TextInput(b, "B"), TextInput(c, "C")])
    (tally,) = [cl for cl in result.claims if any(m.value == "11,300" for m in cl.mentions)]
    assert tally.article_ids == ("a0",)
    vague = [cl for cl in result.claims if {m.value for m in cl.mentions} & {"Thousands", "thousands"}]
    assert [len(cl.article_ids) for cl in vague] == [1, 1]


def test_two_outlets_saying_today_of_different_things_state_no_common_fact() -> None:
    """Every outlet writing on the day says "today" of whatever happened that day: the two
    words agree without telling the aim from the landing."""
    a = "Report\n\nThe space agency hopes today to become the fourth to reach the lunar pole.\n"
    b = "Report\n\nThe lunar probe of the space agency achieved a soft landing today at dusk.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    days = [c for c in result.claims if any(m.value == "today" for m in c.mentions)]
    assert days and all(len(c.article_ids) == 1 for c in days)


def test_two_years_a_record_runs_since_are_two_moments_not_a_dispute() -> None:
    """ "Since 1994" and "since 1966" start two records of the final's history; a year that
    says when the fact itself happens ("close by the end of 2025") is still compared."""
    a = "Report\n\nThe crowd at the stadium was the biggest for a final since 1994, officials said.\n"
    b = "Update\n\nHis hat-trick at the stadium was the first in a final since 1966, officials said.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    years = [c for c in result.claims if any(m.value in ("1994", "1966") for m in c.mentions)]
    assert years and all(len(c.article_ids) == 1 for c in years)
    c = "Report\n\nThe takeover of the cell maker is expected to close in 2026, pending approval.\n"
    d = "Update\n\nThe takeover of the cell maker is expected to close in 2025, pending approval.\n"
    result = compare([TextInput(c, "A"), TextInput(d, "B")])
    assert [cl.label for cl in result.claims if any(m.value == "2026" for m in cl.mentions)] == ["conflict"]


def test_a_record_is_one_fact_across_outlets_and_no_minute() -> None:
    """ "The first nation to arrive at the pole" and "the first country to reach the pole" are
    one record; the 117th minute beside it is another kind of order."""
    a = "Report\n\nThe probe made India the first nation to arrive at the unexplored lunar pole.\n"
    b = "Update\n\nIndia became the first country to reach the unexplored lunar pole in the 117th minute.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (record,) = [c for c in result.claims if any(m.value == "first" for m in c.mentions)]
    assert record.label == "shared" and len(record.article_ids) == 2
    assert record.summary == "record: A first · B first"
    assert not any(m.value == "117th" for m in record.mentions)
    # Nor is a record the minute of the goal that set it, however alike the clauses.
    c = "Report\n\nThe penalty made Mbappe the first player in history to score a hat-trick in a final.\n"
    d = "Update\n\nMbappe completed his hat-trick in the final with a 117th-minute penalty.\n"
    result = compare([TextInput(c, "A"), TextInput(d, "B")])
    assert all(len(cl.article_ids) == 1 for cl in result.claims if any(m.value for m in cl.mentions))


def test_one_record_in_two_places_is_a_conflict() -> None:
    """ "The first player in history to net a hat-trick" and "he is only the second man to
    manage that": "he" is the player the clause before names (spelt "Mbappé" by one outlet
    and "Mbappe" by the other), and "first" against "second" is the values' difference, not
    two opposite modifiers keeping two facts apart."""
    a = "Report\n\nThe penalty made Mbappe the first player ever to net a hat-trick in a World Cup final.\n"
    b = (
        "Update\n\nIn the 118th minute Mbappé scored another penalty to complete a hat trick in the final;"
        " he is only the second man to manage that in a World Cup final, after a striker in 1966.\n"
    )
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (record,) = [c for c in result.claims if c.frame == "record"]
    assert record.label == "conflict"
    assert sorted(m.value for m in record.mentions) == ["first", "second"]


def test_a_count_and_a_moment_are_never_one_fact() -> None:
    """ "His second penalty" counts penalties; "the 118th minute" is when: the minutes of one
    goal still conflict, without the count among them."""
    a = "Report\n\nMbappe then scored his second penalty of the final against Argentina.\n"
    b = "Update\n\nMbappe scored his penalty of the final against Argentina in the 118th minute.\n"
    c = "Recap\n\nMbappe scored his penalty of the final against Argentina in the 117th minute.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B"), TextInput(c, "C")])
    (minute,) = [cl for cl in result.claims if any(m.value == "118th" for m in cl.mentions)]
    assert minute.label == "conflict" and sorted(m.value for m in minute.mentions) == ["117th", "118th"]


def test_a_clause_opening_on_he_or_she_is_about_the_name_before_it() -> None:
    text = "In the 118th minute Mbappé scored again; he is only the second man to manage that."
    assert values_of(text)["second"][1] == frozenset({"mbappe"})  # accents dropped, as outlets differ


def test_three_wins_and_a_third_title_are_one_fact() -> None:
    a = "Report\n\nArgentina have now won the World Cup three times after the final in Qatar.\n"
    b = "Update\n\nThe final in Qatar brought Argentina a third World Cup.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (count,) = [c for c in result.claims if any(m.value == "third" for m in c.mentions)]
    assert count.label == "shared" and len(count.article_ids) == 2


def test_a_quoted_figure_is_its_own_fact_and_a_misquote_is_a_conflict() -> None:
    a = 'At least four people died in the collision. "Five passengers have died, 20 injured," Roy said.'
    b = 'Five people died in the collision. "Five passengers have died, 30 injured," Roy told reporters.'
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    deaths = sorted(sorted(m.value for m in c.mentions) for c in result.claims if c.frame == "deaths")
    assert deaths == [["At least four", "Five"], ["Five", "Five"]]
    (injured,) = [c for c in result.claims if c.frame == "injured"]
    assert injured.label == "conflict"


def test_one_exact_figure_is_one_fact_whatever_the_words_around_it() -> None:
    a = "Report\n\nThe agency has registered 11,340 claimants in the valley so far.\n"
    b = "Update\n\nBy Friday 11,340 people had asked for compensation, officials said.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    assert [cl.label for cl in result.claims if any(m.value == "11,340" for m in cl.mentions)] == ["shared"]
    # A date to the day is exact too: it links even where no word around it is shared.
    from tui.core.facts import extract_facts
    from tui.core.normalise import normalise_story
    from tui.core.value_links import _score

    days = (
        "Report\n\nThe two will be sworn in on December 10 after the count.\n",
        "Update\n\nHis plans for taking office on December 10 include a new currency.\n",
    )
    articles = compare([TextInput(days[0], "A"), TextInput(days[1], "B")]).articles
    dated = [f for f in extract_facts(normalise_story(articles)).facts if f.value and f.value.kind == "date"]
    assert len(dated) == 2 and _score(dated[0], dated[1], 0.0, False) is not None
    # A round figure says less: "5,500" in both could be two different things.
    c, d = a.replace("11,340", "5,500"), b.replace("11,340", "5,500")
    result = compare([TextInput(c, "A"), TextInput(d, "B")])
    assert [len(cl.article_ids) for cl in result.claims if any(m.value == "5,500" for m in cl.mentions)] == [
        1,
        1,
    ]


def test_contrasting_modifiers_keep_two_figures_apart() -> None:
    a = "The existing Westside line carries 22,000 riders a day."
    b = "The new line should carry 18,000 riders a day."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    assert not [c for c in result.claims if c.label == "conflict"]


def test_a_figure_in_a_short_clause_is_compared_by_its_sentence() -> None:
    # Each outlet gives two vote shares; the runner-up's share sits in a clause too short
    # ("who adds 44.04% of votes") to say what it is about on its own.
    a = "Milei won the runoff with 55.95% of the votes, beating Sergio Massa, who adds 44.04% of votes."
    b = "Javier Milei got 55.69% of the votes in the runoff against 44.30% for Sergio Massa."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    together = [c for c in result.claims if len(c.article_ids) == 2 and c.frame == "vote share"]
    values = sorted(sorted(m.value for m in c.mentions) for c in together)
    assert values == [["44.04%", "44.30%"], ["55.69%", "55.95%"]]


def test_a_reported_discrepancy_puts_both_figures_in_one_fact() -> None:
    a = (
        "The Times of India reported a 7% boost in Meta's stock, "
        "whereas Business Insider reported an 8% jump."
    )
    b = "Meta's stock price rose 7% that day."
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    (claim,) = [c for c in result.claims if c.label == "conflict"]
    assert {m.value for m in claim.mentions} == {"7%", "8%"}
    assert "A 7% / 8%" in claim.summary


# --- mention offsets -------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "At least 38 people were killed.",
                "The quake of magnitude 6.4 struck at 9:40 p.m. local time on Tuesday.",
                "Turnout was 71%, officials said,  and  the count   ended.",
                "The deal is worth $61 billion (£48 billion) in cash and stock.",
                "\tShares rose  7%\n after the report.",
                "Nobody was hurt; the ferry, carrying 120 passengers, sank.",
            ]
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(
        st.sampled_from(["At least 40 people died.", "Shares rose 8%.", "Turnout was 70%."]), min_size=1
    ),
)
def test_every_mention_slices_back_to_its_words(first: list[str], second: list[str]) -> None:
    result = compare([TextInput("\n\n".join(first), "A"), TextInput("\n\n".join(second), "B")])
    for claim in result.claims:
        for m in claim.mentions:
            article = result.article_by_id[m.article_id]
            sentence = result.sentence_by_id[m.sentence_id]
            assert sentence.start <= m.start < m.end <= sentence.end
            words = article.text[m.start : m.end]
            assert words.strip() == words and words
            assert " ".join(words.split()) in " ".join(sentence.text.split())


def test_a_value_claim_names_whom_it_is_about() -> None:
    """Two "vote share" rows were told apart only by their figures; each now names its holder,
    in the shortest spelling that has the words the sources share."""
    a = "Runoff\n\nJavier Milei got 55.69% of the votes against 44.30% for Sergio Massa.\n"
    b = "Result\n\nThe economist Milei took 55.8% of the vote, while Massa won 44.2% of the vote.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    shares = {c.holder: c for c in result.claims if c.frame == "vote share"}
    assert set(shares) == {"Milei", "Massa"}
    assert shares["Massa"].summary == "vote share (Massa): A 44.30% · B 44.2%"
    assert all(c.holder == "" for c in result.claims if not c.frame)
    # A frame no other claim has needs no holder to be told apart, and a date's nearest name
    # is where, not whose.
    c = "Runoff\n\nMilei won 55.8% of the vote in Buenos Aires on November 19, 2023.\n"
    d = "Result\n\nMilei took 55.7% of the vote in Buenos Aires on November 19, 2023.\n"
    alone = compare([TextInput(c, "C"), TextInput(d, "D")])
    assert alone.claims and all(claim.holder == "" for claim in alone.claims)
    assert any(claim.frame == "vote share" for claim in alone.claims)


def test_a_spelled_number_is_no_holders_word() -> None:
    """'"Five passengers have died, 20-25 injured"' made "Five" the injured count's holder."""
    from tui.core.facts import name_words

    assert name_words("Five") == frozenset()
    assert name_words("Sergio Massa's") == {"sergio", "massa"}
    facts = values_of('"Five passengers have died, 20-25 injured in the accident," said the officer.')
    assert facts["20-25"][1] == frozenset()
