"""Triangulate: compare news articles about one story, claim by claim.

``tui.compare(inputs)`` is the library entry point; it is imported lazily so that
``import tui`` (and ``triangulate --help``) stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui._version import __version__

if TYPE_CHECKING:
    from tui.core.models import Comparison

__all__ = ["__version__", "compare"]


def compare(inputs: Any, **options: Any) -> Comparison:
    """Compare articles; see :func:`tui.core.pipeline.compare` for the arguments."""
    from tui.core.pipeline import compare as _compare

    return _compare(inputs, **options)
