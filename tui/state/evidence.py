"""How the detail view states why two sentences were matched: only the measures taken."""

from __future__ import annotations

from tui.core.models import Evidence


def evidence_measures(evidence: Evidence) -> str:
    """ "score 0.93 (fuzzy 0.91, word overlap 0.89)" for two statements; "score 1.07 (word
    overlap 0.93)" for two value facts.

    The engine measures wording similarity (``fuzzy``) only between statements: value facts
    link by frame, value and the words around them, and their evidence carries ``fuzzy``
    as 0.0, which is no measurement and must not read as "nothing alike". A statement pair
    never scores 0 there (linking needs two shared words), so 0 means not measured.
    """
    measures = [f"fuzzy {evidence.fuzzy:.2f}"] if evidence.fuzzy > 0 else []
    measures.append(f"word overlap {evidence.overlap:.2f}")
    return f"score {evidence.score:.2f} ({', '.join(measures)})"
