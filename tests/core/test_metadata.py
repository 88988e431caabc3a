"""Outlet names, dates and URLs: each naming rule on hand-made pages and files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui import compare
from tui.cli import main
from tui.core.metadata import readable_name, shareable_path, site_name

BODY = (
    "The Glenmoor harbour bridge reopened to traffic on Friday after six weeks of repairs, "
    "the county roads office said.\n\nEngineers replaced 14 steel cables at a cost of 3.2 million euros.\n"
)


def page(head: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bridge reopens</title>{head}</head>"
        "<body><article><h1>Bridge reopens</h1>"
        "<p>The Glenmoor harbour bridge reopened to traffic on Friday after six weeks of repairs, the county "
        "roads office said in a statement published on its website.</p>"
        "<p>Engineers replaced 14 steel cables and resurfaced the eastern span at a cost of 3.2 million "
        "euros, "
        "according to the office, which expects no further closures this year.</p>"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("tnp-straitstimes.txt", "Tnp Straitstimes"),
        ("harbour_times.md", "Harbour Times"),
        ("www.wired.com.html", "Wired"),
        ("000_10dcf7a3d8a5b89a.txt", ""),
        ("BBC-News_2024.txt", "BBC News"),
        ("2news.txt", "2news"),
    ],
)
def test_readable_names_from_file_names(file_name: str, expected: str) -> None:
    assert readable_name(file_name) == expected


def test_site_name_from_a_url() -> None:
    assert site_name("https://www.wired.com/story/x") == "Wired"
    assert site_name("https://www.thehindubusinessline.com/news/a.ece") == "Thehindubusinessline"
    assert site_name("not a url") == ""


def test_og_site_name_date_and_canonical_url_from_the_page(tmp_path: Path) -> None:
    head = (
        "<meta property='og:site_name' content='Harbour Times'>"
        "<meta property='article:published_time' content='2024-03-08T09:00:00Z'>"
        "<link rel='canonical' href='https://harbourtimes.example/bridge-reopens'>"
    )
    (tmp_path / "saved.html").write_text(page(head), encoding="utf-8")
    (article,) = compare([tmp_path / "saved.html"]).articles
    assert (article.source, article.date, article.url) == (
        "Harbour Times",
        "2024-03-08",
        "https://harbourtimes.example/bridge-reopens",
    )


def test_without_a_site_name_the_canonical_urls_site_names_the_outlet(tmp_path: Path) -> None:
    head = "<link rel='canonical' href='https://www.glenmoorpost.co.uk/news/bridge'>"
    (tmp_path / "page_1.html").write_text(page(head), encoding="utf-8")
    (article,) = compare([tmp_path / "page_1.html"]).articles
    assert article.source == "Glenmoorpost"


def test_a_source_line_names_the_outlet_but_via_only_credits(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Bridge reopens\n\n" + BODY + "\n(Source: Harbour Times)\n")
    (tmp_path / "b.txt").write_text("Bridge reopens\n\n" + BODY + "\nVia: County Wire\n")
    a, b = compare([tmp_path]).articles
    assert (a.source, b.source) == ("Harbour Times", "B")


def test_manifest_names_dates_and_urls_and_beats_the_page(tmp_path: Path) -> None:
    (tmp_path / "one.html").write_text(page("<meta property='og:site_name' content='Page Name'>"))
    (tmp_path / "two.txt").write_text("Bridge reopens\n\n" + BODY)
    (tmp_path / "sources.toml").write_text(
        '["one.html"]\noutlet = "Harbour Times"\nurl = "https://ht.example/b"\ndate = 2024-03-08\n\n'
        '["two.txt"]\noutlet = "County Wire"\ndate = "2024-03-09"\nurl = "javascript:alert(1)"\n'
    )
    one, two = compare([tmp_path]).articles
    assert (one.source, one.url, one.date) == ("Harbour Times", "https://ht.example/b", "2024-03-08")
    assert (two.source, two.url, two.date) == ("County Wire", "", "2024-03-09")


def test_a_broken_manifest_is_reported_and_the_articles_still_load(tmp_path: Path) -> None:
    (tmp_path / "harbour-times.txt").write_text("Bridge reopens\n\n" + BODY)
    (tmp_path / "sources.toml").write_text("[unclosed\n")
    result = compare([tmp_path])
    assert [a.source for a in result.articles] == ["Harbour Times"]
    assert [p for p, _ in result.skipped] == [str(tmp_path / "sources.toml")]


def test_unreadable_file_names_become_lettered_sources_and_repeats_are_numbered(tmp_path: Path) -> None:
    for name in ("001_ab12cd34ef56.txt", "002_9f8e7d6c5b4a.txt", "reuters.txt", "Reuters.md"):
        (tmp_path / name).write_text("Bridge reopens\n\n" + BODY)
    names = [a.source for a in compare([tmp_path]).articles]
    assert names == ["Source A", "Source B", "Reuters", "Reuters (2)"]


def test_source_option_names_each_input_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "x1.txt", tmp_path / "x2.txt"
    a.write_text("Bridge reopens\n\n" + BODY)
    b.write_text("Bridge opens again\n\n" + BODY)
    argv = ["report", str(a), str(b), "--format", "json", "--source", "Harbour Times", "--title", "Bridge"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [x["source"] for x in data["articles"]] == ["Harbour Times", "X2"]
    assert data["title"] == "Bridge"


def test_more_source_names_than_inputs_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.txt").write_text("Bridge reopens\n\n" + BODY)
    assert main(["report", str(tmp_path / "x.txt"), "--source", "A", "--source", "B"]) == 2
    assert "2 --source names for 1 inputs" in capsys.readouterr().err


def test_a_source_name_for_a_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It named nothing (a name belongs to one file) and was dropped without a word.
    (tmp_path / "x.txt").write_text("Bridge reopens\n\n" + BODY)
    assert main(["report", str(tmp_path), "--source", "Harbour Times"]) == 2
    assert "sources.toml" in capsys.readouterr().err


def test_reports_name_inputs_relative_to_the_current_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "harbour.txt").write_text("Bridge reopens\n\n" + BODY)
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(story.resolve()), "--format", "json"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["path"] == "story/harbour.txt"
    assert main(["report", str(story), "--format", "json", "--absolute-paths"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["path"] == str((story / "harbour.txt").resolve())


def test_a_path_outside_the_current_directory_is_named_by_its_file_name(tmp_path: Path) -> None:
    elsewhere = tmp_path / "private" / "inbox" / "harbour.txt"
    assert shareable_path(str(elsewhere), cwd=tmp_path / "work") == "harbour.txt"
    assert shareable_path("https://ht.example/b") == "https://ht.example/b"
    assert shareable_path("<text 1>") == "<text 1>"
    assert os.path.isabs(shareable_path("x.txt", absolute=True))


def test_names_from_a_manifest_never_carry_control_sequences(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Bridge reopens\n\n" + BODY)
    (tmp_path / "sources.toml").write_text('["one.txt"]\noutlet = "\\u001b[31mHarbour\\u0007 Times"\n')
    (article,) = compare([tmp_path]).articles
    assert article.source == "Harbour Times"
