"""A reviewer's marks and notes on claims, and the file they are kept in.

Nothing here imports Textual or Rich: the reader app and the exporters share it.
"""

from tui.review.marks import MARK_GLYPHS, MARKS, ClaimReview, Mark, ReviewState
from tui.review.store import ReviewLoad, ReviewStore, default_review_path, open_review

__all__ = [
    "MARKS",
    "MARK_GLYPHS",
    "ClaimReview",
    "Mark",
    "ReviewLoad",
    "ReviewState",
    "ReviewStore",
    "default_review_path",
    "open_review",
]
