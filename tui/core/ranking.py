"""The order a reviewer should see claims in: what matters first."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.models import Claim

_LABEL_ORDER = {"conflict": 0, "shared": 1, "unique": 2}


def ranked(claims: Iterable[Claim]) -> list[Claim]:
    """Conflicts, then shared claims carried by many sources, then unique; salience breaks ties."""
    return sorted(
        claims, key=lambda c: (_LABEL_ORDER[c.label], -len(c.article_ids), -c.salience, int(c.id[1:]))
    )
