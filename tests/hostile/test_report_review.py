"""``report --format json`` carries no review marks, so it does not read the review file."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.cli_run import GOOD, OTHER, run_report


def test_json_ignores_the_review_file_and_text_reports_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    review = tmp_path / "review.json"
    review.write_text("{not json", encoding="utf-8")
    env = {"TRIANGULATE_NO_CACHE": "1", "TRIANGULATE_DATA_DIR": str(tmp_path / "data")}
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--review", str(review)]
    as_json = run_report([*inputs, "--format", "json"], env)
    assert as_json.returncode == 0 and b"review" not in as_json.stderr
    as_text = run_report([*inputs, "--format", "text"], env)
    assert as_text.returncode == 0 and b"Could not read" in as_text.stderr
    assert review.read_text(encoding="utf-8") == "{not json"
