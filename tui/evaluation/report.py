"""Run the engine over labelled stories and present the scores as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from tui.evaluation.gold import GOLD_FILE, Story, discover, load_story
from tui.evaluation.metrics import LOWER_IS_BETTER, METRIC_HELP, Scores, StoryResult, evaluate

STORIES_DIR = Path(__file__).resolve().parents[2] / "tests" / "stories"
"""The labelled stories in a source checkout; an installed wheel does not ship them."""


def find_stories(paths: Sequence[Path]) -> list[Story]:
    """Stories for ``paths``; an article directory without gold (``seeds``) finds its gold by path."""
    gold_files: list[Path] = []
    for path in paths or [STORIES_DIR]:
        found = discover([path])
        if not found and path.is_dir():
            found = [s.gold_path for s in map(load_story, discover([STORIES_DIR])) if _same(s, path)]
        if not found:
            raise FileNotFoundError(f"{path}: no {GOLD_FILE} here, below it, or in {STORIES_DIR}")
        gold_files.extend(found)
    return [load_story(p) for p in dict.fromkeys(gold_files)]


def _same(story: Story, directory: Path) -> bool:
    return bool(story.files) and story.files[0].parent == directory.resolve()


def run_story(story: Story) -> StoryResult:
    from tui import compare

    return evaluate(story, compare([str(p) for p in story.files]))


def total(results: Sequence[StoryResult]) -> Scores:
    scores = Scores.zero()
    for result in results:
        scores = scores + result.scores
    return scores


def table(results: Sequence[StoryResult]) -> str:
    names = [r.name for r in results] + ["total"]
    columns = [r.scores for r in results] + [total(results)]
    width = max(len(m) for m in METRIC_HELP) + 2
    cells = [[str(getattr(s, f.name)) for s in columns] for f in fields(Scores)]
    col = max(max(len(n) for n in names), *(len(c) for row in cells for c in row)) + 2
    lines = ["".ljust(width) + "".join(n.rjust(col) for n in names)]
    for f, row in zip(fields(Scores), cells, strict=True):
        marker = " ↓" if f.name in LOWER_IS_BETTER else ""
        lines.append((f.name + marker).ljust(width) + "".join(c.rjust(col) for c in row))
    lines.append("")
    lines.append("↓ lower is better. Link precision counts only pairs whose two sentences both")
    lines.append("appear in the gold; conflict precision only engine conflicts with two gold sentences.")
    return "\n".join(lines)


def misses(results: Sequence[StoryResult]) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"== {result.name}: {len(result.misses)} misses")
        lines.extend(f"  ! gold reference: {p}" for p in result.problems)
        for metric in METRIC_HELP:
            group = [m for m in result.misses if m.metric == metric]
            if group:
                lines.append(f"  {metric} ({len(group)})")
                lines.extend(f"    {m.item}: {m.detail}" for m in group)
    return "\n".join(lines)


def as_json(results: Sequence[StoryResult]) -> str:
    def scores(s: Scores) -> dict[str, object]:
        return {
            f.name: {"hits": r.hits, "total": r.total, "value": r.value}
            for f in fields(s)
            if (r := getattr(s, f.name)) is not None
        }

    payload = {
        "metrics": dict(METRIC_HELP),
        "lower_is_better": sorted(LOWER_IS_BETTER),
        "stories": [
            {
                "name": r.name,
                "scores": scores(r.scores),
                "misses": [{"metric": m.metric, "item": m.item, "detail": m.detail} for m in r.misses],
                "gold_problems": list(r.problems),
            }
            for r in results
        ],
        "total": scores(total(results)),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
