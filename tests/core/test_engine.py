"""Pipeline behaviour on small hand-made stories (no seed-specific rules)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui import compare
from tui.core.errors import InputError
from tui.core.models import Comparison, Mention
from tui.core.pipeline import TextInput

WIRE = """Harbour council approves ferry link

The council voted 9-2 on Monday to approve a ferry link costing $48 million.
The first boats are expected to sail in 2027, officials said.
The mayor, Ruth Calder, called the vote historic.
"""
BLOG = """Ferry link gets the green light

Councillors backed the ferry link, which will cost $52 million, on Monday.
Boats should start sailing in 2027.
Local fishermen worry about the noise from the new terminal.
"""


def test_a_changed_figure_makes_a_conflict_with_both_values() -> None:
    result = compare([TextInput(WIRE, "wire"), TextInput(BLOG, "blog")])
    conflicts = [c for c in result.claims if c.label == "conflict"]
    summaries = [k.summary for c in conflicts for k in c.conflicts]
    assert "$48 million vs $52 million" in summaries


def test_the_same_fact_in_other_words_is_shared() -> None:
    result = compare([TextInput(WIRE, "wire"), TextInput(BLOG, "blog")])
    shared = [c for c in result.claims if c.label == "shared"]
    texts = [[result.sentence_by_id[s].text for s in c.sentence_ids] for c in shared]
    assert any(any("2027" in t for t in group) and len(group) == 2 for group in texts)


def test_facts_in_one_source_only_are_unique() -> None:
    result = compare([TextInput(WIRE, "wire"), TextInput(BLOG, "blog")])
    unique = {result.sentence_by_id[c.sentence_ids[0]].text for c in result.claims if c.label == "unique"}
    assert "Local fishermen worry about the noise from the new terminal." in unique


def test_identical_articles_share_every_claim() -> None:
    result = compare([TextInput(WIRE, "a"), TextInput(WIRE, "b")])
    assert result.claims and all(c.label == "shared" for c in result.claims)


def test_a_verbatim_copy_pairs_each_figure_with_its_own_copy() -> None:
    """Wire copy: each figure of a sentence two outlets print word for word is one shared fact.
    The copy's exact "about 884,000" was outscored by the other figure ("five", same words,
    same holder), and the one sentence came out as two conflicts."""
    text = (
        "Libya appeal launched\n\nBy the estimate of the office, called OCHA, about 884,000 "
        "people across five provinces live in places the rain and floods struck directly.\n"
    )
    result = compare([TextInput(text, "Reuters"), TextInput(text, "AP")])
    assert result.claims and all(c.label == "shared" for c in result.claims)


def test_claim_keys_are_stable_across_runs() -> None:
    first = compare([TextInput(WIRE, "a"), TextInput(BLOG, "b")])
    second = compare([TextInput(WIRE, "a"), TextInput(BLOG, "b")])
    assert [c.key for c in first.claims] == [c.key for c in second.claims]


def test_one_bad_path_among_good_ones_is_skipped(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    good = tmp_path / "good.txt"
    good.write_text(WIRE, encoding="utf-8")
    result = compare([good, tmp_path / "missing.txt"])
    assert len(result.articles) == 1
    assert result.skipped == ((str(tmp_path / "missing.txt"), "no such file or directory"),)


def test_no_usable_input_raises_a_clear_error(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with pytest.raises(InputError, match="no such file"):
        compare([tmp_path / "missing.txt"])


def test_several_bad_inputs_are_each_named_once(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError) as caught:
        compare([missing, tmp_path / "empty.txt"])
    message = str(caught.value)
    assert message.startswith("no usable input: ") and message.count(missing) == 1
    assert "empty.txt: file is empty" in message


def test_cached_comparison_equals_a_fresh_one_and_a_corrupt_entry_is_rebuilt(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)
    inputs = [TextInput(WIRE, "wire"), TextInput(BLOG, "blog")]
    fresh = compare(inputs, use_cache=True)
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 1
    cached = compare(inputs, use_cache=True)
    assert cached.to_json() == fresh.to_json()
    entries[0].write_bytes(b"TRIANGULATE-CACHE garbage")
    rebuilt = compare(inputs, use_cache=True)
    assert rebuilt.to_json() == fresh.to_json()
    assert entries[0].read_bytes() != b"TRIANGULATE-CACHE garbage"


def test_a_result_stored_later_is_stored_when_the_caller_says(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``store_later`` is handed the store of a result analysed now (the reader draws first)
    and nothing is written until it is called; a result from the cache hands it nothing."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)
    inputs = [TextInput(WIRE, "wire"), TextInput(BLOG, "blog")]
    later: list[Callable[[], None]] = []
    fresh = compare(inputs, use_cache=True, store_later=later.append)
    assert len(later) == 1
    assert not list(cache_dir.glob("*.cmp"))
    later[0]()
    assert len(list(cache_dir.glob("*.cmp"))) == 1
    stages: list[str] = []
    cached = compare(inputs, use_cache=True, store_later=later.append, progress=lambda s, f: stages.append(s))
    assert stages[-1] == "cache" and "match" not in stages and len(later) == 1
    assert cached.to_json() == fresh.to_json()


def test_written_files_get_ordinary_permissions_unless_private(tmp_path: object) -> None:
    import os
    import stat
    from pathlib import Path

    from tui.core.atomic import write_atomic

    assert isinstance(tmp_path, Path)
    old = os.umask(0o022)
    try:
        report = tmp_path / "report.md"
        write_atomic(report, b"shareable")
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        report.chmod(0o640)
        write_atomic(report, b"again")
        assert stat.S_IMODE(report.stat().st_mode) == 0o640
        secret = tmp_path / "review.json"
        write_atomic(secret, b"notes", private=True)
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    finally:
        os.umask(old)


RESTATING = """Storm floods the valley

At least 12 people died when the river burst its banks on Friday.
Rescue teams searched the lower valley through the night.
The mayor confirmed that 12 people died and asked residents to stay indoors.
"""
SHORT = """Valley flood kills 12

Twelve people died in the flood on Friday, officials said.
"""


def test_a_figure_one_outlet_states_twice_is_one_claim_with_both_mentions() -> None:
    result = compare([TextInput(RESTATING, "local"), TextInput(SHORT, "wire")])
    (deaths,) = [c for c in result.claims if c.frame == "deaths"]
    local = [m for m in deaths.mentions if result.article_by_id[m.article_id].source == "local"]
    assert len(local) == 2
    assert deaths.label == "shared"


def _restated(text: str) -> list[tuple[str, ...]]:
    """The value texts of each pair of facts the article ``text`` restates."""
    from tui.core.claims import restatements
    from tui.core.facts import extract_facts
    from tui.core.normalise import normalise_story

    article = compare([TextInput(text, "a"), TextInput(SHORT, "b")]).articles[0]
    facts = extract_facts(normalise_story((article,)))
    return [tuple(facts.facts[i].value.text for i in pair) for pair in restatements(facts)]  # type: ignore[union-attr]


def test_a_vague_figure_is_not_a_restatement_of_an_exact_one() -> None:
    text = (
        "Flood toll rises\n\nThousands of people died in the floods, officials said.\n\n"
        "More than 2,000 people died in the city alone.\n\nAt least 2,000 people died there.\n"
    )
    assert _restated(text) == [("2,000", "2,000")]


def test_a_time_restated_without_its_zone_is_a_restatement() -> None:
    text = (
        "Lander touches down\n\nThe mission achieved a soft landing today at 6:04 p.m.\n\n"
        "Beginning its descent at 5:20 pm IST, the lander touched the surface at 6:04.\n"
    )
    assert _restated(text) == [("6:04 p.m.", "6:04")]


def test_an_exact_figure_given_twice_is_one_fact_whatever_cue_stands_near_each() -> None:
    # The first "$142.50" reads as a per-share price, the second, beside "shares of stock",
    # as a share price: the figure itself says they are one fact.
    text = (
        "Chipmaker buys software firm\n\nEvery shareholder will receive $142.50 a share.\n\n"
        "Investors can take 0.2520 shares of the buyer's stock or $142.50 in cash.\n"
    )
    assert _restated(text) == [("$142.50", "$142.50")]


def test_a_value_mention_leaves_out_a_cue_beyond_a_comma_or_conjunction() -> None:
    a = "Offer\n\nFor every share they hold, investors can choose $142.50 in cash.\n"
    b = "Offer\n\nHolders may take 0.2520 shares of the buyer's stock or $142.50 in cash.\n"
    c = "Offer\n\nThe buyer offered more than $142.50 per share on Thursday.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B"), TextInput(c, "C")])
    mentions = [m for k in result.claims for m in k.mentions if "142" in m.value]
    texts = {m.article_id: _mentioned(result, m) for m in mentions}
    assert texts["a0"] == "$142.50" and texts["a1"] == "$142.50"
    assert texts["a2"] == "more than $142.50 per share"


def _mentioned(result: Comparison, mention: Mention) -> str:
    article = next(a for a in result.articles if a.id == mention.article_id)
    return article.text[mention.start : mention.end]


def test_sums_of_money_far_apart_are_two_facts_not_a_conflict() -> None:
    a = "Deal struck\n\nBroadcom agreed a $61 billion cash-and-stock deal for VMware on Thursday.\n"
    b = "Offer made\n\nShareholders get $138.23 in cash and stock, the company said.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    money = [c for c in result.claims if any(m.value.startswith("$") for m in c.mentions)]
    assert money and all(len(c.article_ids) == 1 for c in money)
    assert not [c for c in result.claims if c.label == "conflict"]


def test_two_clauses_citing_one_wire_and_nothing_else_alike_stay_apart() -> None:
    a = "Storm\n\nA spokesman put the toll in the port at 5,300, the Associated Press reported.\n"
    b = "Storm\n\nSpeaking to The Associated Press, the mayor said bridges across the valley were gone.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    assert not [c for c in result.claims if len(c.article_ids) == 2 and not c.summary.startswith("Storm")]


def test_one_speaker_named_two_ways_is_still_compared() -> None:
    # The shared words are the speaker's title and first name, which the citation check
    # must not take for "two clauses that only cite one source".
    a = (
        "Tram vote\n\n"
        "Councillor Denise Okafor, who sponsored the measure, said the line would connect the east side.\n"
    )
    b = "Tram passes\n\nCouncillor Denise Okoro, who sponsored the plan, said the vote was about fairness.\n"
    result = compare([TextInput(a, "wire"), TextInput(b, "tv")])
    named = [c for c in result.claims if any(k.kind == "name" for k in c.conflicts)]
    assert named and named[0].label == "conflict"


def test_a_conflict_lists_the_wordings_of_one_figure_together() -> None:
    a = "Moon mission\n\nThe mission cost 6.15 billion rupees, the agency said on Monday.\n"
    b = "Moon mission\n\nThe mission cost Rs 615 crore, the agency said on Monday.\n"
    c = "Moon mission\n\nThe mission cost Rs 600 crore, the agency said on Monday.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B"), TextInput(c, "C")])
    summaries = [k.summary for claim in result.claims for k in claim.conflicts]
    assert summaries == ["6.15 billion rupees / Rs 615 crore vs Rs 600 crore"]


def test_a_conflict_without_sets_lists_each_wording_once() -> None:
    from tui.core.models import Conflict

    plain = Conflict("number", (("s1", "40"), ("s2", "38"), ("s3", "40")))
    assert plain.summary == "40 vs 38"
    grouped = Conflict("number", (("s1", "40"), ("s2", "forty"), ("s3", "38")), (0, 0, 1))
    assert grouped.summary == "40 / forty vs 38"


def test_a_conflict_summary_leads_with_the_figure_most_sources_give() -> None:
    from tui.core.models import Conflict

    outlier_first = Conflict("percent", (("a0.s1", "7%"), ("a1.s1", "8%"), ("a2.s1", "8%")))
    assert outlier_first.summary == "8% vs 7%"
    # Two wordings of one figure count together against a figure stated twice in one wording.
    wordings = Conflict(
        "money",
        (
            ("a0.s1", "$5m"),
            ("a1.s1", "$6m"),
            ("a2.s1", "$6m"),
            ("a3.s1", "five million dollars"),
            ("a4.s1", "$5m"),
        ),
        (0, 1, 1, 0, 0),
    )
    assert wordings.summary == "$5m / five million dollars vs $6m"
    # A tie keeps the order of first appearance, as does one sentence that reports both figures.
    assert Conflict("number", (("s1", "40"), ("s2", "38"))).summary == "40 vs 38"
    assert Conflict("reported", (("s1", "7% vs 8%"),)).summary == "7% vs 8%"


def test_a_value_with_no_frame_is_not_labelled_by_its_bound() -> None:
    a = "Flood\n\nThe flood destroyed up to a fifth of the city, about 884,000, officials said.\n"
    b = "Flood\n\nRescue teams reached the city on Tuesday.\n"
    result = compare([TextInput(a, "A"), TextInput(b, "B")])
    frames = {claim.frame for claim in result.claims if claim.frame}
    assert frames and not frames & {"about", "to", "up"}
