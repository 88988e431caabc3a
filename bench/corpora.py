"""The corpora the benchmark runs: the seed articles and synthetic stories of N articles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.synthetic import SyntheticStory, generate_story
from tui.core.ingest import TextInput

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
PARAGRAPHS = 40
"""Mean paragraphs per synthetic article."""
STORY_SEED = 0


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    """``seeds`` or ``synthetic:N``; a worker process rebuilds the corpus from it."""
    inputs: tuple[TextInput, ...]
    story: SyntheticStory | None
    """Ground truth, for synthetic corpora only."""

    @property
    def paragraphs(self) -> int:
        return sum(len([p for p in i.text.split("\n") if p.strip()]) for i in self.inputs)


def synthetic_name(n: int) -> str:
    return f"synthetic:{n}"


def load_corpus(name: str) -> Corpus:
    if name == "seeds":
        files = sorted(SEEDS_DIR.glob("*.txt"))
        inputs = tuple(TextInput(f.read_text(encoding="utf-8"), f.stem) for f in files)
        return Corpus(name, inputs, None)
    kind, _, size = name.partition(":")
    if kind != "synthetic" or not size.isdigit():
        raise ValueError(f"unknown corpus {name!r}")
    story = generate_story(int(size), paragraphs=PARAGRAPHS, seed=STORY_SEED)
    return Corpus(name, tuple(TextInput(a.text, a.name) for a in story.articles), story)
