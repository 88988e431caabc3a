"""The gold files themselves: they load, and every quote names one place in its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gold.engine_runs import STORIES, STORY_NAMES, evaluated
from tui.evaluation.gold import GoldError, Story, load_story, normalise, resolve

# A sentence end followed by the start of another: a quote must not straddle one.
_BOUNDARY = re.compile(r"[a-z0-9%)][.!?][\"”’)]?\s+[A-Z\"“]")


def _readable_text(path: Path) -> str:
    """The article as the reader sees it, independently of the engine's own loader."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        import trafilatura

        return str(trafilatura.extract(raw, output_format="txt", favor_precision=True) or "")
    if path.suffix == ".md":
        return re.sub(r"\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    return raw


@pytest.mark.parametrize("name", STORY_NAMES)
def test_gold_loads_and_is_substantial(name: str) -> None:
    story = load_story(STORIES / name)
    assert len(story.files) >= 3
    assert sum(1 for c in story.claims if c.label == "conflict") >= 3
    assert sum(1 for c in story.claims if c.label == "shared") >= 5
    assert story.uniques and story.boilerplate and story.alignments


def test_seed_gold_has_at_least_25_links() -> None:
    story = load_story(STORIES / "seeds")
    assert len(story.claims) >= 25


@pytest.mark.parametrize("name", STORY_NAMES)
def test_every_quote_occurs_exactly_once_within_one_sentence(name: str) -> None:
    story = load_story(STORIES / name)
    texts = {p.stem: normalise(_readable_text(p)) for p in story.files}
    bad: list[str] = []
    for owner, ref, level in story.refs():
        quote = normalise(ref.quote)
        count = texts[ref.article].count(quote)
        if count != 1:
            bad.append(f"{owner}: {ref} occurs {count} times")
        elif level == "sentence" and _BOUNDARY.search(quote):
            bad.append(f"{owner}: {ref} spans a sentence boundary")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", STORY_NAMES)
def test_every_reference_resolves_against_the_engine_segmentation(name: str) -> None:
    story, comparison, _ = evaluated(name)
    assert resolve(story, comparison).problems == ()


def _write_story(tmp_path: Path, gold: str) -> Path:
    (tmp_path / "alpha.txt").write_text("The mayor said rents rose 5%. The council met on Monday.\n")
    (tmp_path / "beta.txt").write_text("Rents rose 6%, the mayor said.\n")
    (tmp_path / "gold.toml").write_text(gold)
    return tmp_path


def test_loader_reads_every_section(tmp_path: Path) -> None:
    story = load_story(
        _write_story(
            tmp_path,
            """
            [[claim]]
            id = "rents"
            label = "conflict"
            kinds = ["percent"]
            values = ["5%", "6%"]
            sentences = [["alpha", "rents rose 5%"], ["be", "Rents rose 6%"]]
            [[unique]]
            id = "meeting"
            sentence = ["alpha", "The council met"]
            [[boilerplate]]
            id = "none"
            paragraph = ["beta", "the mayor said"]
            [[aligned]]
            id = "row"
            paragraphs = [["alpha", "The mayor"], ["beta", "Rents"]]
            [[distinct]]
            id = "trap"
            sentences = [["alpha", "The council met"], ["beta", "Rents rose"]]
            """,
        )
    )
    assert isinstance(story, Story)
    assert story.name == tmp_path.name
    assert story.claims[0].sentences[1].article == "beta"  # a unique prefix names the article
    assert story.claims[0].kinds == ("percent",)
    assert [u.id for u in story.uniques] == ["meeting"]
    assert story.alignments[0].b.quote == "Rents"
    assert len(story.refs()) == 2 + 1 + 1 + 2 + 2


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        (
            '[[claim]]\nid = "x"\nlabel = "shared"\nsentences = [["alpha", "a"], ["alpha", "b"]]',
            "two articles",
        ),
        ('[[claim]]\nid = "x"\nlabel = "maybe"\nsentences = [["alpha", "a"], ["beta", "b"]]', "label"),
        (
            '[[claim]]\nid = "x"\nlabel = "conflict"\nkinds = ["colour"]\n'
            'sentences = [["alpha", "a"], ["beta", "b"]]',
            "unknown conflict kind",
        ),
        (
            '[[claim]]\nid = "x"\nlabel = "conflict"\nsentences = [["alpha", "a"], ["beta", "b"]]',
            "list kinds",
        ),
        ('[[unique]]\nid = "x"\nsentence = ["gamma", "a"]', "names 0 articles"),
        ('[[unique]]\nid = "x"\nsentence = ["alpha"]', "reference"),
        (
            '[[unique]]\nid = "x"\nsentence = ["alpha", "a"]\n[[unique]]\nid = "x"\nsentence = ["beta", "b"]',
            "duplicate",
        ),
        ('[[aligned]]\nid = "x"\nparagraphs = [["alpha", "a"], ["alpha", "b"]]', "different articles"),
        ("claim = 3", "array of tables"),
        ("[[claim", "gold.toml"),
    ],
)
def test_loader_rejects_malformed_gold(tmp_path: Path, gold: str, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        load_story(_write_story(tmp_path, gold))
