"""Measure the engine's judgement against hand-labelled stories (``make eval``).

``gold`` loads the labels, ``metrics`` scores a comparison against them and
``report`` runs the engine over stories and formats the results.
"""

from __future__ import annotations

from tui.evaluation.gold import GoldError, Story, discover, load_story
from tui.evaluation.metrics import Ratio, Scores, StoryResult, evaluate

__all__ = ["GoldError", "Ratio", "Scores", "Story", "StoryResult", "discover", "evaluate", "load_story"]
