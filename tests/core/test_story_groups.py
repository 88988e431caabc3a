"""Whether the inputs tell one story: articles joined by the facts they share."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import write_story
from tui import compare
from tui.core.pipeline import TextInput
from tui.core.story_groups import mixed_story_warning, story_groups

OTHER_STORY = (
    "Floods in the north\n\n"
    "Heavy rain flooded the river valley overnight and forced 2,000 residents from their homes.\n\n"
    "Rescue crews used boats to reach villages cut off by the water, the regional governor said.\n\n"
    "The weather service expects the river to peak on Friday before the rain eases.\n"
)


def test_one_story_is_one_group_and_an_article_about_another_stands_apart(tmp_path: Path) -> None:
    paths = write_story(tmp_path / "s", 4)
    one = compare(paths)
    assert story_groups(one) == (tuple(a.id for a in one.articles),)
    assert mixed_story_warning(one) is None
    mixed = compare([*paths, TextInput(OTHER_STORY, "Valley Herald")])
    groups = story_groups(mixed)
    assert len(groups) == 2 and len(groups[0]) == 4
    (apart,) = groups[1]
    assert mixed.article_by_id[apart].source == "Valley Herald"
    warning = mixed_story_warning(mixed)
    assert warning is not None and "2 separate stories" in warning and f"{apart} Valley Herald" in warning


def test_two_articles_are_never_called_two_stories() -> None:
    result = compare([TextInput(OTHER_STORY, "A"), TextInput("Acme shares rose 7% on Tuesday.\n", "B")])
    assert len(story_groups(result)) == 1
