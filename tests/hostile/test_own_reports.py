"""A report Triangulate wrote, saved in the story's folder, is never read back as an article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.cli_run import GOOD, OTHER, run_report
from tui.core.errors import InputError
from tui.core.ingest import load
from tui.core.own_reports import is_own_report

THIRD = (
    "The new ferry terminal opens in March after two years of building work.\n\n"
    "It cost 48 million euros, the port authority said.\n"
)


def _story(folder: Path) -> None:
    folder.mkdir()
    for name, text in (("a.txt", GOOD), ("b.txt", OTHER), ("c.txt", THIRD)):
        (folder / name).write_text(text)


@pytest.mark.parametrize(("fmt", "suffix"), [("text", ".txt"), ("markdown", ".md"), ("html", ".html")])
def test_a_report_saved_in_the_story_folder_is_skipped_when_the_folder_is_opened_again(
    tmp_path: Path, fmt: str, suffix: str
) -> None:
    folder = tmp_path / "story"
    _story(folder)
    first = run_report([str(folder), "--format", fmt])
    assert first.returncode == 0, first.stderr
    (folder / f"report{suffix}").write_bytes(first.stdout)
    again = run_report([str(folder), "--format", "json"])
    assert again.returncode == 0, again.stderr
    assert len(json.loads(again.stdout)["articles"]) == 3
    (line,) = again.stderr.decode().splitlines()
    assert f"report{suffix}" in line and "a report Triangulate wrote, not an article" in line


def test_an_article_that_quotes_the_tool_by_name_is_still_an_article(tmp_path: Path) -> None:
    path = tmp_path / "about.txt"
    path.write_text("Triangulate report: the new tool compares news articles side by side.\n\n" + GOOD)
    assert load(str(path), 0).text.startswith("Triangulate report")
    assert not is_own_report("# Triangulate report: a review of the tool\n\nIt came out on Monday.\n")


def test_loading_a_report_by_name_says_why(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# Triangulate report: ferry\n\nGenerated 2026-01-01T00:00:00Z by Triangulate 1\n")
    with pytest.raises(InputError, match="a report Triangulate wrote"):
        load(str(path), 0)
