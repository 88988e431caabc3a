"""Route claims: where the story's vehicle came from and was going, as each outlet says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.conftest import facts_of
from tui import compare
from tui.core.pipeline import TextInput
from tui.core.route_claims import _mentions, route_groups, route_words

FERRY = [
    "Ferry sinks\n\nThe ferry, which had set out from Port Alder, sank near the reef on Friday.\n"
    "Coastguard boats pulled 40 people from the water.\n",
    "Ferry lost\n\nThe Port Alder ferry sank near the reef on Friday; it was bound for Kessa Island.\n",
    "Sinking\n\nThe ferry, coming from Brenn, sank near the reef on Friday.\n"
    "The vessel plies between Brenn and Kessa Island twice a week.\n",
]


def test_an_origin_two_outlets_name_differently_is_a_conflict_and_a_shared_destination_is_shared() -> None:
    result = compare([TextInput(t, n) for n, t in zip("abc", FERRY, strict=True)])
    (origin,) = [c for c in result.claims if c.summary.startswith("origin:")]
    assert origin.label == "conflict"
    assert origin.summary == "origin: a Port Alder · c Brenn"
    assert origin.frame == "origin"  # the facts table's row reads "origin", not the summary
    assert [k.kind for k in origin.conflicts] == ["place"]  # the reader says "place: ...", not "name"
    assert {v for k in origin.conflicts for _, v in k.values} == {"Port Alder", "Brenn"}
    # b's "bound for Kessa Island" and c's route ends: one destination, no dispute.
    groups = route_groups(facts_of([TextInput(t, n) for n, t in zip("abc", FERRY, strict=True)]))
    (_, destination) = groups
    # Keyed as name claims key names, so that those places are not name claims too.
    assert route_words(groups) == {"port", "alder", "brenn", "kessa", "island"}
    assert destination.role == "destination" and not destination.disputed
    assert [m.places for m in destination.mentions] == [("Kessa Island",), ("Brenn", "Kessa Island")]


def test_a_place_of_the_route_is_not_also_a_name_claim() -> None:
    """A name every outlet uses once is a name claim, unless it is a place of the story's
    route: the route claim shows that fact, with its role."""
    from tests.core.test_name_claims import A, B, C
    from tui.core.claims import name_candidates, name_drafts
    from tui.core.linking import link_facts

    facts = facts_of([TextInput(t, n) for n, t in zip("abc", (A, B, C), strict=True)])
    idf = link_facts(facts).statement_idf
    titles = {d.title for d in name_drafts(facts, [], name_candidates(facts, idf))}
    assert "Orsolo Arena" in titles
    routed = name_candidates(facts, idf, {"orsolo", "arena"})
    assert "Orsolo Arena" not in {d.title for d in name_drafts(facts, [], routed)}


def test_route_ends_that_agree_with_an_outlets_own_origin_add_nothing() -> None:
    facts = facts_of([TextInput(t, n) for n, t in zip("abc", FERRY, strict=True)])
    (origin, _) = route_groups(facts)
    third = [m for m in origin.mentions if facts.facts[m.fact].article == 2]
    assert [m.role for m in third] == ["origin"]  # "between Brenn and ..." repeats its own origin


def test_two_origins_in_one_outlet_are_two_vehicles_and_no_claim() -> None:
    a = "Crash\n\nThe express from Tarsk hit a freight train that had set out from Merlow.\n"
    b = "Collision\n\nThe express, coming from Tarsk, hit a freight train near the bridge.\n"
    assert route_groups(facts_of([TextInput(a, "a"), TextInput(b, "b")])) == []


def test_a_place_after_from_without_a_vehicle_or_a_movement_is_no_route() -> None:
    a = "Aid\n\nTents from Turkey reached the city on Monday, officials from Geneva said.\n"
    b = "Relief\n\nAid coming from Qatar reached the city on Monday.\n"  # movement, no vehicle
    c = "Timetable\n\nThe airline runs flights from Monday to Friday and the ferry from March.\n"
    facts = facts_of([TextInput(a, "a"), TextInput(b, "b"), TextInput(c, "c")])
    assert [m for s in range(len(facts.sentences)) for m in _mentions(facts, s)] == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Ab",
                "Cd Ef",
                "x",
                "-bound",
                ".",
                ",",
                "train",
                "from",
                "to",
                "bound for",
                "between",
                "and",
                "set out",
            ]
        )
    )
)
def test_route_mentions_slice_back_to_the_places_they_name(words: list[str]) -> None:
    facts = facts_of([TextInput("Route\n\nThe train " + " ".join(words) + "\n", "a")])
    for s in range(len(facts.sentences)):
        text = facts.sentences[s].text
        for m in _mentions(facts, s):
            assert 0 <= m.start < m.end <= len(text)
            assert all(place in text for place in m.places)
