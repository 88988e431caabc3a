"""A saved comparison's JSON reads back into the same comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui
from tui.corpus.saved import SavedComparisonError, comparison_from_dict, load_comparison

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_round_trip_is_a_fixed_point() -> None:
    comparison = tui.compare([SEEDS])
    text = comparison.to_json()
    back = comparison_from_dict(json.loads(text))
    assert back.to_json() == text
    assert back.articles == comparison.articles
    assert back.rows == comparison.rows
    assert [(c.id, c.label, c.sentence_ids, c.conflicts, c.key) for c in back.claims] == [
        (c.id, c.label, c.sentence_ids, c.conflicts, c.key) for c in comparison.claims
    ]


def test_unknown_fields_are_ignored(tmp_path: Path) -> None:
    data = json.loads(tui.compare([SEEDS]).to_json())
    data["schema"] = "triangulate/2"
    data["summary"] = {"anything": 1}
    for claim in data["claims"]:
        claim["mentions"] = []
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_comparison(path).counts == tui.compare([SEEDS]).counts


@pytest.mark.parametrize(
    "content",
    ["{torn", '{"schema": "other/1"}', '{"schema": "triangulate/1", "articles": []}', "[]"],
)
def test_malformed_files_give_one_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SavedComparisonError) as caught:
        load_comparison(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_bad_label_is_refused(tmp_path: Path) -> None:
    data = json.loads(tui.compare([SEEDS]).to_json())
    data["claims"][0]["label"] = "[bold]x"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SavedComparisonError, match="unknown value"):
        load_comparison(path)
