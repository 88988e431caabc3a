"""A newcomer's slips at the command line get a one-line answer that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize(("typed", "meant"), [("reprot", "report"), ("serv", "serve"), ("storys", "stories")])
def test_a_mistyped_command_is_named_not_skipped_as_a_missing_article(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `triangulate reprot seeds` opened the reader on the seeds with a toast about "reprot".
    assert main([typed, "seeds"]) == 2
    err = capsys.readouterr().err
    assert f"did you mean 'triangulate {meant}'?" in err
    assert len(err.strip().splitlines()) == 1


def test_a_file_that_exists_is_never_taken_for_a_mistyped_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open("reprot", "w", encoding="utf-8") as handle:
        handle.write("Bridge reopens\n\nThe bridge reopened on Monday after two years of repairs.\n")
    assert main(["report", "reprot", "--format", "json"]) == 0
    assert main(["reprot"]) == 2  # the reader: refused for want of a terminal here, not as a typo
    assert "did you mean" not in capsys.readouterr().err


@pytest.mark.parametrize("width", ["5", "39", "wide"])
def test_a_text_width_too_narrow_to_read_is_refused(width: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "seeds", "--width", width])
    assert stop.value.code == 2
    assert "--width" in capsys.readouterr().err


@pytest.mark.parametrize(("typed", "opening"), [("md", "# Triangulate report"), ("HTML", "<!DOCTYPE html>")])
def test_a_format_named_by_its_extension_or_in_capitals_is_understood(
    typed: str, opening: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "seeds", "--format", typed]) == 0
    assert capsys.readouterr().out.startswith(opening)
