"""The review keys of a modal screen that shows claims (the detail view, the orphaned marks).

Modal screens cut the app's bindings off, so these are repeated on each; the screen answers
``mark`` by posting a request the app answers (it never calls the app), and "a" is listed for
the footer while the app's priority "a" answers it, opening the editor before the next key is
read, so a note typed in one burst with "a" reaches it.
"""

from __future__ import annotations

from textual.binding import Binding

MODAL_REVIEW_BINDINGS: tuple[Binding, ...] = (
    Binding("v", "mark('verified')", "Verified", id="review.verified"),
    Binding("d", "mark('disputed')", "Disputed", id="review.disputed"),
    Binding("r", "mark('follow-up')", "Follow-up", id="review.follow-up"),
    Binding("x", "mark('')", "Clear mark", show=False, id="review.clear"),
    Binding("a", "app.note", "Note", id="review.note"),
)
