"""Attribution inside articles, the story's cited-sources list, and the neutral story title."""

from __future__ import annotations

import pytest

from tui import compare
from tui.core.attribution import attributions, source_key
from tui.core.pipeline import TextInput


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "According to a report by the Financial Times, the council will sell the depot.",
            ["the Financial Times"],
        ),
        (
            "According to a March report from The Wall Street Journal, fares will rise.",
            ["The Wall Street Journal"],
        ),
        ("Glenmoor Post reported the cost as 3.2 million euros.", ["Glenmoor Post"]),
        ("According to Sensor Tower estimates, downloads doubled.", ["Sensor Tower"]),
        ("The ferry pass will cost more (via Harbour Times).", ["Harbour Times"]),
        ('"Five cables snapped," Ann Wells told ANI.', ["Ann Wells", "ANI"]),
        ('"A historic day," Ann Wells (@annwells) posted on Sunday.', ["Ann Wells"]),
        ("The mayor's office tweeted that roads were closed.", []),
        ("Speaking to The Associated Press, the mayor said the bridge was safe.", ["The Associated Press"]),
        ('"Five cables snapped," said Ann Wells, the county engineer.', ["Ann Wells"]),
        (
            "Two people familiar with the matter said the sale was agreed.",
            ["people familiar with the matter"],
        ),
        ("The ministry said repairs would finish in May.", ["The ministry"]),
        ("On Thursday Harbour Holdings said it would buy the depot.", ["Harbour Holdings"]),
        ("Transport Minister Ann Wells said the bridge was safe.", ["Ann Wells"]),
        ("GLENMOOR, March 4 (Harbour Wire) - The depot was sold on Monday.", ["Harbour Wire"]),
        # A verb that also names an action cites only where speech follows it.
        ("The joy doubled as Di Maria added the second, a lovely goal.", []),
        ("Hock Tan added that the deal was done.", ["Hock Tan"]),
        ('"It is done," Hock Tan added.', ["Hock Tan"]),
        ("Messi found the net in every round.", []),
        # "of the" and "for the" inside an organisation's name; a place is not who spoke.
        (
            "The International Committee of the Red Cross reported that it had sent body bags.",
            ["The International Committee of the Red Cross"],
        ),
        (
            "Teams were deployed, the UN Office for the Coordination of Humanitarian Affairs said.",
            ["the UN Office for the Coordination of Humanitarian Affairs"],
        ),
        ("Reuters and the Associated Press reported the toll.", ["the Associated Press"]),
        ("More than 2,000 had died, a senior doctor in Derna told reporters.", []),
        ("Crews at Harbour Point said the pier was closed.", []),
        ("In April Ann Wells announced the sale.", ["Ann Wells"]),
        ("At Glenmoor Pier, Ann Wells said the ferry was late.", ["Ann Wells"]),
    ],
)
def test_attributions_name_the_cited_source(sentence: str, names: list[str]) -> None:
    found = attributions(sentence)
    assert [a.name for a in found] == names
    assert all(sentence[a.start : a.end] == a.name for a in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge reopened on Friday after six weeks of repairs.",
        "He said the work was finished.",
        "By Friday the cables had been replaced.",
    ],
)
def test_sentences_without_a_named_source_cite_nobody(sentence: str) -> None:
    assert [a for a in attributions(sentence) if a.kind == "named"] == []


def test_spellings_of_one_name_share_a_key() -> None:
    assert source_key("The Financial Times") == source_key("the Financial  Times") == "financial times"


WIRE = """Council sells harbour depot

The council agreed to sell the harbour depot for 4 million euros, according to the Glenmoor Post.
"The sale was agreed on Monday," the ministry said in a statement to reporters on Tuesday.
"""
BLOG = """Depot sold

The Glenmoor Post reported that the depot was sold for 4 million euros to a local developer.
Harbour Times said the buyer plans to build 120 flats on the site within five years.
"""
SELF = """Depot sale agreed

Harbour Times has learned that the depot was sold for 4 million euros on Monday this week.
(Source: Harbour Times)
"""


def test_cited_sources_list_who_cites_whom() -> None:
    result = compare([TextInput(WIRE, "Wire"), TextInput(BLOG, "Blog"), TextInput(SELF, "Harbour Times")])
    by_name = {c.name: c for c in result.cited_sources}
    post = by_name["Glenmoor Post"]
    assert post.article_ids == ("a0", "a1")
    assert result.cited_sources[0] is post  # cited by most articles first
    # An article citing itself is not a cited source of its own: only the blog cites Harbour Times.
    assert by_name["Harbour Times"].article_ids == ("a1",)
    assert by_name["the ministry"].kind == "official"
    sentences = result.sentence_by_id
    for article_id, sentence_id, start, end in post.mentions:
        assert sentences[sentence_id].article_id == article_id
        assert sentences[sentence_id].text[start:end].endswith("Glenmoor Post")


def test_a_surname_joins_the_full_name_cited_elsewhere() -> None:
    first = "Depot sold\n\nThe depot was sold on Monday for 4 million euros, Ann Wells told reporters.\n"
    second = "Depot sale\n\nThe depot sale on Monday raised 4 million euros, Wells said in a statement.\n"
    result = compare([TextInput(first, "Wire"), TextInput(second, "Blog")])
    (wells,) = [c for c in result.cited_sources if "Wells" in c.name]
    assert (wells.name, wells.article_ids) == ("Ann Wells", ("a0", "a1"))


def test_a_credit_line_in_the_page_furniture_is_a_cited_source() -> None:
    page = BLOG + "\nVia: County Wire\n"
    result = compare([TextInput(WIRE, "Wire"), TextInput(page, "Blog")])
    (credit,) = [c for c in result.cited_sources if c.name == "County Wire"]
    assert credit.article_ids == ("a1",)


def test_the_story_title_is_built_from_shared_headline_words_not_one_headline() -> None:
    titles = [
        "Council sells harbour depot to developer",
        "Harbour depot sold for 4 million euros",
        "Depot sale splits Glenmoor council",
    ]
    body = "The council agreed to sell the harbour depot for 4 million euros on Monday evening."
    result = compare([TextInput(f"{t}\n\n{body}\n", f"S{n}") for n, t in enumerate(titles)])
    assert result.title.startswith("3 sources on ")
    assert "Depot" in result.title or "depot" in result.title
    assert result.title not in titles


def test_one_article_keeps_its_own_headline() -> None:
    result = compare([TextInput("Council sells harbour depot\n\nThe council agreed to sell it on Monday.\n")])
    assert result.title == "Council sells harbour depot"
