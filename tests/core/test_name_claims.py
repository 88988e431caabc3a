"""Name claims: a name several outlets each use once is a shared fact (or a disputed name)."""

from __future__ import annotations

from tui import compare
from tui.core.facts import extract_facts
from tui.core.name_claims import name_groups
from tui.core.normalise import normalise_story
from tui.core.pipeline import TextInput

A = """Valdes wins the final

Valdes won the cup final on Sunday after a late goal from Tomas Ferro.
A crowd of fans packed the Orsolo Arena for the final.
Earlier this season Corran had beaten Valdes twice.
Fans of Corran had expected a third win.
The match drew a record audience, Nordwire reported.
The British coach of Valdes said his side deserved the win over Corran.
"""
B = """Cup goes to Valdes

Valdes lifted the cup after Tomas Ferro scored late.
The final was played at the Orsolo Arena in front of a full house against Corran.
Valdes now holds three cups.
"""
C = """Valdes take the cup

Valdes beat Corran after substitute Matteo Ferro scored the winner.
Fans filled the Orsolo Arena to see the final, according to Nordwire.
The British crowd sang until midnight.
"""


def _groups(*texts: str) -> dict[str, list[tuple[str, str]]]:
    """Each word a group is found by -> (outlet, name as written) of the group's mentions."""
    result = compare([TextInput(t, name) for name, t in zip("abc", texts, strict=False)])
    facts = extract_facts(normalise_story(result.articles))
    return {
        word: [(facts.articles[facts.facts[m.fact].article].source, m.text) for m in g.mentions]
        for g in name_groups(facts)
        for word in g.mentions[0].words
    }


def test_a_place_each_outlet_names_once_is_one_group() -> None:
    groups = _groups(A, B, C)
    assert groups["orsolo"] == [("a", "Orsolo Arena"), ("b", "Orsolo Arena"), ("c", "Orsolo Arena")]


def test_a_sentence_an_outlet_repeats_names_the_place_once() -> None:
    """Outlet C restates its lede under a dateline: the arena is still named in one sentence."""
    repeated = C.replace(
        "Fans filled the Orsolo Arena to see the final, according to Nordwire.",
        "Fans filled the Orsolo Arena to see the final.\n"
        "Orsolo: Fans filled the Orsolo Arena to see the final.",
    )
    groups = _groups(A, B, repeated)
    assert [outlet for outlet, _ in groups["orsolo"]] == ["a", "b", "c"]


def test_the_protagonist_a_cited_source_and_a_describing_word_make_no_group() -> None:
    keys = set(_groups(A, B, C))
    assert "corran" not in keys  # named again and again by one outlet: what the story is about
    assert "nordwire" not in keys  # "Nordwire reported", "according to Nordwire"
    assert "british" not in keys  # "the British capital" describes a noun


def test_two_first_names_before_one_surname_are_a_name_conflict() -> None:
    """B's "after Tomas Ferro scored late" is a clause of its own, and C's clause names "Matteo
    Ferro" as the scorer: the dispute is that pair of clauses' (their differing first names),
    and no name claim repeats it."""
    result = compare([TextInput(A, "a"), TextInput(B, "b"), TextInput(C, "c")])
    (ferro,) = [c for c in result.claims if any(k.kind == "name" for k in c.conflicts)]
    assert ferro.label == "conflict"
    assert {value for k in ferro.conflicts for _, value in k.values} == {"Tomas", "Matteo"}
    assert {m.sentence_id[:2] for m in ferro.mentions} == {"a1", "a2"}


def test_a_name_one_outlet_keeps_coming_back_to_is_no_group() -> None:
    a = (
        "Port talks\n\nOn Monday the Kessa Line signed a lease for the northern quay.\n"
        "Shares in the Kessa Line rose after the signing.\nAnalysts said the Kessa Line had paid too much.\n"
    )
    b = "Lease signed\n\nDock workers said the Kessa Line would hire forty people for the quay.\n"
    c = "Quay leased\n\nThe harbour board gave the Kessa Line a ten-year lease on Monday.\n"
    assert "kessa" not in _groups(a, b, c)
    assert "kessa" in _groups(a.split("Shares")[0], b, c)  # named once by each outlet


def test_a_name_in_a_compound_modifier_counts_as_naming_it() -> None:
    """Outlet a names Merlow once as "Merlow-bound" and once alone, in two different facts:
    it comes back to the town, so its closing line is not the one fact the others state."""
    a = (
        "Train derails\n\nThe Merlow-bound express left the rails near Tarsk on Monday.\n"
        "The service normally runs between Ostra and Merlow twice a day.\n"
    )
    b = "Derailment\n\nAn express left the rails near Tarsk on Monday on its way to Merlow.\n"
    c = "Express derails\n\nNear Tarsk on Monday the express derailed, bound for Merlow.\n"
    assert [outlet for outlet, _ in _groups(a, b, c)["merlow"]] == ["b", "c"]
    alone = a.replace("The Merlow-bound express", "The express")
    assert [outlet for outlet, _ in _groups(alone, b, c)["merlow"]] == ["a", "b", "c"]


def test_names_sharing_only_a_leading_word_are_two_things() -> None:
    a = "Aid arrives\n\nThe Northern Committee sent tents to the valley on Monday.\n"
    b = "Tents sent\n\nThe Northern Federation sent tents to the valley on Monday.\n"
    assert "northern" not in _groups(a, b)
    c = "Aid arrives\n\nThe Northern Federation flew tents into the valley on Monday.\n"
    assert "northern" in _groups(c, b)


RUNOFF = [
    "Runoff\n\nOn Sunday Sergio Massa conceded. Voters had backed Sergio Massa in the first round.\n",
    "Result\n\nOn Sunday Economy Minister Sergio Massa called his rival. "
    "Early counts had favoured Sergio Massa.\n",
    "Vote\n\nThe other contender, Javier Massa, moved quickly to congratulate the winner.\n",
]


def test_a_protagonist_given_another_first_name_once_is_a_name_conflict() -> None:
    result = compare([TextInput(t, n) for n, t in zip("abc", RUNOFF, strict=True)])
    (misnamed,) = [c for c in result.claims if any("Javier Massa" in k.summary for k in c.conflicts)]
    assert misnamed.label == "conflict"
    assert len(misnamed.article_ids) == 3
    # The names that disagree, without the titles one outlet adds.
    assert [k.summary for k in misnamed.conflicts] == ["Sergio Massa vs Javier Massa"]


def test_a_middle_name_or_a_relative_named_beside_is_no_misnaming() -> None:
    middle = RUNOFF[2].replace("Javier Massa", "Sergio Tomas Massa")
    relative = RUNOFF[2].replace("Javier Massa,", "Sergio Massa, whose brother Luis Massa watched,")
    for third in (middle, relative):
        result = compare([TextInput(t, n) for n, t in zip("abc", [*RUNOFF[:2], third], strict=True)])
        assert not [c for c in result.claims if c.label == "conflict"]


def test_a_word_changed_inside_a_name_is_a_disagreement_and_one_added_is_not() -> None:
    from tui.core.name_claims import NameMention, _disagreement

    def mention(fact: int, text: str) -> NameMention:
        return NameMention(fact, 0, len(text), tuple(text.lower().split()), text)

    changed = [mention(0, "Orsolo Super Labs"), mention(1, "Orsolo Hyper Labs")]
    assert [name for _, name in _disagreement(changed)] == ["Orsolo Super Labs", "Orsolo Hyper Labs"]
    added = [mention(0, "Minister Ana Lind"), mention(1, "Ana Lind")]
    assert _disagreement(added) == ()
    variant = [mention(0, "India Space Agency"), mention(1, "Indian Space Agency")]
    assert _disagreement(variant) == ()
