"""The story list's state without drawing: which stories show, in which order.

Stories are sorted by conflicts (most first), then by how many outlets cover them, then
by shared facts: the same order as the run's story table. The filters keep stories that
an outlet (any part of its name, any case) covers and that have an article dated within
a range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tui.corpus.output import StoryRow


@dataclass(frozen=True, slots=True)
class StoryFilter:
    outlet: str = ""
    first: str | None = None
    """Earliest ISO date, inclusive."""
    last: str | None = None
    """Latest ISO date, inclusive."""

    def describe(self) -> str:
        parts = []
        if self.outlet:
            parts.append(f"outlet: {self.outlet}")
        if self.first or self.last:
            parts.append(f"dates: {self.first or '…'}..{self.last or '…'}")
        return " · ".join(parts)


def parse_dates(text: str) -> tuple[str | None, str | None]:
    """``2026-03-01`` (that day), ``2026-03-01..2026-03-05``, ``..2026-03-05`` or ``2026-03-01..``."""
    text = text.strip()
    if not text:
        return None, None
    first, sep, last = text.partition("..")
    if not sep:
        last = first
    bounds = tuple(
        date.fromisoformat(part.strip()).isoformat() if part.strip() else None for part in (first, last)
    )
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise ValueError("the first date is after the last")
    return bounds[0], bounds[1]


def visible(rows: Sequence[StoryRow], story_filter: StoryFilter) -> list[StoryRow]:
    outlet = story_filter.outlet.casefold().strip()
    kept = [
        r
        for r in rows
        if (not outlet or any(outlet in s.casefold() for s in r.sources))
        and _dated_within(r.dates, story_filter.first, story_filter.last)
    ]
    return sorted(kept, key=story_order)


def shown_title(row: StoryRow) -> str:
    """The title without its "5 sources on " lead: the Outlets column already counts them."""
    lead = f"{len(row.articles)} sources on "
    rest = row.title[len(lead) :] if row.title.startswith(lead) else row.title
    return rest or row.title or row.id


def story_order(row: StoryRow) -> tuple[int, int, int, str]:
    """Most conflicts first, then most outlets, then most shared facts; the id breaks ties."""
    return (-row.conflicts, -len(row.sources), -row.shared, row.id)


EMPTY_RUN = (
    "No stories in this run: no two outlets' articles were similar enough to be one story. "
    "Its run.json (notes) says how the input was read; docs/corpus.md describes the layouts."
)


def summary(shown: int, total: int, story_filter: StoryFilter) -> str:
    """The line above the list: how many stories show, and why none do."""
    if total == 0:
        return EMPTY_RUN
    described = story_filter.describe()
    if shown == 0:
        return f"None of the {total} stories match · {described} · Esc clears the filters"
    line = f"{shown} of {total} stories, most conflicts first"
    return f"{line} · {described}" if described else line


def _dated_within(dates: Sequence[str], first: str | None, last: str | None) -> bool:
    if first is None and last is None:
        return True
    return any((first is None or d >= first) and (last is None or d <= last) for d in dates)
