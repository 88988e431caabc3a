"""Reading corpus inputs: JSON Lines, Parquet and file trees; bad entries skipped with a reason."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tui.corpus.records import read_corpus


def test_jsonl_fields_dates_and_fallbacks(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    lines = [
        {"id": "1", "text": "First line\nBody.", "outlet": "Herald", "date": "2026-03-01T10:00:00Z"},
        {"id": 2, "text": "Numbered id.", "url": "https://news.example.org/x", "title": "T"},
        {"id": "3", "text": "Bad date.", "date": "2026-02-30"},
        {"id": "1", "text": "Duplicate id."},
        ["not", "an", "object"],
    ]
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    result = read_corpus([source])
    first, second, third = result.articles
    assert (first.id, first.outlet, first.date, first.title) == ("1", "Herald", "2026-03-01", "First line")
    assert (second.id, second.outlet, second.title, second.url) == (
        "2",
        "Example",
        "T",
        "https://news.example.org/x",
    )
    assert third.date is None
    assert result.skipped == (
        ("1", "duplicate id; the first one is kept"),
        (f"{source}:5", "not a JSON object"),
    )


def test_parquet_with_timestamps_and_a_missing_column(tmp_path: Path) -> None:
    good = tmp_path / "good.parquet"
    table = pa.table(
        {
            "id": ["a", "b"],
            "text": ["Alpha text here.", None],
            "outlet": ["Wire", "Post"],
            "date": [datetime(2026, 3, 2, 8, 30), datetime(2026, 3, 3)],
        }
    )
    pq.write_table(table, good)
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["x"]}), bad)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    result = read_corpus([good, bad, broken])
    assert [(a.id, a.outlet, a.date) for a in result.articles] == [("a", "Wire", "2026-03-02")]
    where = [w for w, _ in result.skipped]
    assert where[0] == f"{good}:row 2 (b)"
    assert (str(bad), "no text column") in result.skipped
    assert where[2] == str(broken)


def test_file_tree_outlets_from_folders_and_dates_from_paths(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    (root / "2026-03-04" / "Herald").mkdir(parents=True)
    (root / "Wire").mkdir()
    (root / "2026-03-04" / "Herald" / "deal.txt").write_text(
        "Deal agreed\n\nThe deal was agreed.", encoding="utf-8"
    )
    (root / "Wire" / "deal.md").write_text("# Deal done\n\nIt is done.", encoding="utf-8")
    (root / "Wire" / "empty.txt").write_text("   ", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("Never read.", encoding="utf-8")
    result = read_corpus([root, tmp_path / "missing"])
    assert [(Path(a.id).name, a.outlet, a.date, a.title) for a in result.articles] == [
        ("deal.txt", "Herald", "2026-03-04", "Deal agreed"),
        ("deal.md", "Wire", None, "Deal done"),
    ]
    assert result.articles[0].document is not None
    assert [Path(w).name for w, _ in result.skipped] == ["empty.txt", "missing"]


def test_outlets_without_a_given_name_are_named_as_the_reader_names_them(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "tnp-straitstimes").mkdir(parents=True)
    (root / "tnp-straitstimes" / "story.txt").write_text("Story\n\nA story.", encoding="utf-8")
    source = tmp_path / "a.jsonl"
    lines = [
        {"id": "1", "text": "Given.", "outlet": "kashmirmonitor", "url": "https://www.wired.com/x"},
        {"id": "2", "text": "From the site.", "url": "https://www.wired.com/story/x"},
        {"id": "3", "text": "From an address.", "url": "http://10.0.0.5/x"},
        {"id": "4", "text": "Nothing but an id."},
    ]
    source.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    result = read_corpus([root, source])
    assert [a.outlet for a in result.articles] == [
        "Tnp Straitstimes",
        "kashmirmonitor",
        "Wired",
        "10.0.0.5",
        "4",
    ]
