"""Reports carry the facts × sources table; the JSON derives it from claims[].mentions."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from markdown_it import MarkdownIt

from tui.core.models import Comparison
from tui.export import render
from tui.review import ReviewState
from tui.state.facts import fact_rows

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_markdown_has_a_facts_table_with_each_sources_value(hostile: Comparison) -> None:
    review = ReviewState().with_mark("key-conflict", "disputed", "Shares rose 7% on Monday.")
    out = render(hostile, review, "markdown", generated=WHEN)
    section = out.split("## Facts × sources", 1)[1].split("## Claims", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    conflict = next(line for line in rows if "7%" in line)
    cells = [c.strip() for c in conflict.strip("|").split("|")]
    assert cells[1] == "!" and cells[3:5] == ["7%", "8%"] and cells[5] == "✗ disputed", cells
    shared = next(line for line in rows if "| = |" in line)
    assert shared.count("✓") == 2
    unique = next(line for line in rows if "| + |" in line)
    assert [c.strip() for c in unique.strip("|").split("|")][3:5] == ["✓", ""]
    # The table is a real table after rendering, and hostile text stays inert inside it.
    rendered = MarkdownIt("commonmark").enable("table").render(out)
    assert "<th>Fact</th>" in rendered and "<script" not in rendered


def test_html_has_the_same_facts_table(hostile: Comparison) -> None:
    out = render(hostile, None, "html", generated=WHEN)
    section = out.split('<section id="facts">', 1)[1].split("</section>", 1)[0]
    assert "<td>7%</td><td>8%</td>" in section
    assert section.count("<tr class=") == len(hostile.claims)
    assert "<script" not in section


def test_json_carries_what_the_table_is_derived_from(hostile: Comparison) -> None:
    data = json.loads(hostile.to_json())
    assert "facts_table" not in data
    table = fact_rows(hostile)
    assert table[0].claim.id == "c0"
    claims = {c["id"]: c for c in data["claims"]}
    assert set(claims) == {row.claim.id for row in table}
