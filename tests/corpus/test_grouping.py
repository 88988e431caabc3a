"""Story grouping: chunked products change nothing, the time window holds, copies fold."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui.corpus.grouping import GroupingSettings, group_stories
from tui.corpus.records import CorpusArticle, read_corpus
from tui.corpus.synthetic_corpus import SyntheticCorpus

ROOT = Path(__file__).resolve().parents[2]


def articles_of(corpus: SyntheticCorpus) -> list[CorpusArticle]:
    return [CorpusArticle(i.id, i.text, i.outlet, i.date, i.title) for i in corpus.items]


def test_small_products_find_the_same_stories(corpus: SyntheticCorpus) -> None:
    articles = articles_of(corpus)
    default = group_stories(articles)
    tiny = group_stories(articles, GroupingSettings(block=7, product_cells=50))
    assert tiny == default
    assert default


def test_articles_further_apart_than_the_window_are_not_one_story(corpus: SyntheticCorpus) -> None:
    articles = articles_of(corpus)
    stories = group_stories(articles)
    members = [articles[i] for i in stories[0].members]
    # Move one member a month away: it leaves the story; undated, it may stay.
    moved = members[0]
    far = [replace(a, date="2026-06-01") if a.id == moved.id else a for a in articles]
    assert all(moved.id not in {far[i].id for i in s.members} for s in group_stories(far))
    undated = [replace(a, date=None) if a.id == moved.id else a for a in articles]
    assert any(moved.id in {undated[i].id for i in s.members} for s in group_stories(undated))


def test_a_story_needs_two_outlets_and_copies_fold() -> None:
    text = (
        "Varnel Mining agreed to buy Quoth Group for $70 million. About 200 jobs will go in Brellisk. "
        "Chief executive Ana Zorvath said Varnel Mining would grow in Brellisk."
    )
    one_outlet = [CorpusArticle(f"x{n}", text + f" Note {n}.", "Herald", "2026-03-01", "t") for n in range(3)]
    assert group_stories(one_outlet) == []
    copy = CorpusArticle("y", text, "Wire", "2026-03-01", "t")
    other = CorpusArticle(
        "z",
        "Quoth Group agrees takeover by Varnel Mining in Brellisk; about 200 jobs go, Ana Zorvath says.",
        "Post",
        "2026-03-02",
        "t",
    )
    everything = [*one_outlet, copy, other]
    (story,) = group_stories(everything)
    # The Herald's updates and the Wire's syndicated copy are one text: its longest is compared.
    assert [everything[i].id for i in story.members] == ["x0", "z"]
    assert sorted((everything[a].id, everything[b].id) for a, b in story.folded) == [
        ("x1", "x0"),
        ("x2", "x0"),
        ("y", "x0"),
    ]


def test_a_syndicated_copy_keeps_its_original_in_the_story() -> None:
    """A copy once made the original's own words look shared, pulling it out of its story."""
    read = read_corpus(sorted((ROOT / "seeds").glob("*.txt")))
    seeds = [replace(a, outlet=f"outlet{n}") for n, a in enumerate(read.articles)]
    alone = {s.members for s in group_stories(seeds)}
    assert alone
    for original in range(len(seeds)):
        copy = replace(seeds[original], id="copy", outlet="yahoo-news")
        stories = group_stories([*seeds, copy])
        assert {s.members for s in stories} == alone, original
        if any(original in members for members in alone):
            (story,) = (s for s in stories if original in s.members)
            assert story.folded == ((len(seeds), original),)
