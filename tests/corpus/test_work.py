"""One story's comparison task: a bad article is skipped, too few good ones fail the story."""

from __future__ import annotations

import json

from tui.corpus.records import CorpusArticle
from tui.corpus.work import StoryJob, compare_batch

GOOD_A = (
    "Shares of Halvor Mining rose 7% on Monday after it agreed to buy Quinta Group. About 200 jobs will go."
)
GOOD_B = (
    "Shares of Halvor Mining rose 8% on Monday after it agreed to buy Quinta Group. About 200 jobs will end."
)
BINARY = "Halvor" + "\x00" * 50 + "Mining"


def article(article_id: str, text: str, outlet: str) -> CorpusArticle:
    return CorpusArticle(article_id, text, outlet, "2026-03-01", f"title {article_id}")


def test_a_bad_article_is_skipped_and_the_story_still_compared() -> None:
    job = StoryJob(
        "s1", (article("x1", GOOD_A, "Herald"), article("x2", BINARY, "Wire"), article("x3", GOOD_B, "Post"))
    )
    (outcome,) = compare_batch([job])
    assert outcome.error is None and outcome.json is not None
    assert [sid for sid, _ in outcome.skipped] == ["x2"]
    data = json.loads(outcome.json)
    assert [(a["path"], a["source"], a.get("date")) for a in data["articles"]] == [
        ("x1", "Herald", "2026-03-01"),
        ("x3", "Post", "2026-03-01"),
    ]
    assert "conflict" in {c["label"] for c in data["claims"]}


def test_a_story_left_with_one_article_fails_alone() -> None:
    broken = StoryJob("s1", (article("x1", GOOD_A, "Herald"), article("x2", BINARY, "Wire")))
    fine = StoryJob("s2", (article("y1", GOOD_A, "Herald"), article("y2", GOOD_B, "Post")))
    first, second = compare_batch([broken, fine])
    assert first.json is None and first.error == "fewer than two readable articles"
    assert second.json is not None and second.error is None
