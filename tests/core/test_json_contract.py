"""The JSON output is a documented contract: it must validate and its offsets must hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tui import compare
from tui.core.display import clean

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(compare([ROOT / "seeds"]).to_json())
    return data


def test_seeds_output_validates_against_the_documented_schema(seeds_json: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "docs" / "json-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seeds_json, schema)


def test_offsets_slice_back_to_the_shown_text(seeds_json: dict[str, Any]) -> None:
    for article in seeds_json["articles"]:
        for paragraph in article["paragraphs"]:
            assert clean(article["text"][paragraph["start"] : paragraph["end"]]) == paragraph["text"]
            for sentence in paragraph["sentences"]:
                assert paragraph["start"] <= sentence["start"] <= sentence["end"] <= paragraph["end"]
                assert clean(article["text"][sentence["start"] : sentence["end"]]) == sentence["text"]


def test_sentence_ids_are_unique_and_claims_refer_to_real_sentences(seeds_json: dict[str, Any]) -> None:
    ids = [s["id"] for a in seeds_json["articles"] for p in a["paragraphs"] for s in p["sentences"]]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for claim in seeds_json["claims"]:
        assert set(claim["sentences"]) <= known
        for conflict in claim["conflicts"]:
            assert set(conflict["values"]) <= known


def test_rows_place_every_paragraph_once_in_article_order(seeds_json: dict[str, Any]) -> None:
    for article in seeds_json["articles"]:
        placed = [p for row in seeds_json["rows"] for p in row["paragraphs"].get(article["id"], [])]
        assert placed == list(range(len(article["paragraphs"])))


def test_txt_offsets_index_the_decoded_file_content(seeds_json: dict[str, Any]) -> None:
    first = seeds_json["articles"][0]
    raw = (ROOT / "seeds" / Path(first["path"]).name).read_bytes().decode("utf-8")
    assert first["text"] == raw.replace("\r\n", "\n")
