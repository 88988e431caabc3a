"""Fixtures for the gold tests."""

from __future__ import annotations

import pytest

from tests.gold.engine_runs import evaluated
from tui.core.models import Comparison
from tui.evaluation.gold import Story
from tui.evaluation.metrics import StoryResult


@pytest.fixture
def seeds() -> tuple[Story, Comparison, StoryResult]:
    return evaluated("seeds")
