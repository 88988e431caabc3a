"""Deterministic snapshot setup: fixed config/data dirs, no colour override, seeds input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TRIANGULATE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield
