"""The plain-text report for people: a Rich rendering of a comparison.

Article text goes into ``rich.text.Text`` objects only, never through markup parsing,
so brackets in news text print literally.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tui.core.display import visible
from tui.core.models import Article, Claim, Comparison
from tui.core.own_reports import GENERATOR
from tui.core.ranking import ranked
from tui.core.story_groups import mixed_story_warning
from tui.review.marks import MARK_GLYPHS, ClaimReview, ReviewState
from tui.state.text import counted

GLYPH = {"conflict": "!", "shared": "=", "unique": "+"}
STYLE = {"conflict": "bold red", "shared": "green", "unique": "cyan"}


def render_text(comparison: Comparison, *, review: ReviewState | None = None) -> RenderableType:
    """The whole report, with the reviewer's marks and notes when ``review`` is given."""
    marks = {e.key: e for e in review.entries} if review is not None else {}
    counts = comparison.counts
    parts: list[RenderableType] = [
        Text.assemble(  # this line marks the file as a report (tui.core.own_reports)
            (GENERATOR, "bold"),
            f"  {counted(len(comparison.articles), 'source')} · {counted(len(comparison.claims), 'claim')}: ",
            (f"{counts['conflict']} conflict", STYLE["conflict"]),
            ", ",
            (f"{counts['shared']} shared", STYLE["shared"]),
            ", ",
            (f"{counts['unique']} unique", STYLE["unique"]),
        ),
        Text("Legend: ! conflict   = shared   + unique (one source only)", style="dim"),
    ]
    if comparison.title:
        parts.insert(1, Text.assemble(("Story: ", "bold"), comparison.title))
    warning = mixed_story_warning(comparison)
    if warning is not None:
        parts.insert(2, Text.assemble(("Warning: ", "bold yellow"), visible(warning)))
    parts += ["", _sources(comparison)]
    claims = ranked(comparison.claims)
    for label, heading in (("conflict", "Conflicts"), ("shared", "Shared claims")):
        chosen = [c for c in claims if c.label == label]
        parts.append(Rule(Text(f"{heading} ({len(chosen)})"), align="left"))
        parts.extend(_claim(comparison, claim, marks) for claim in chosen)
        if not chosen:
            parts.append(Text("  none", style="dim"))
    parts.append(Rule(Text(f"Unique claims ({counts['unique']})"), align="left"))
    numbered = {c: n for n, c in enumerate(comparison.claims)}  # the engine's order: c9 before c13
    for article in comparison.articles:
        own = [c for c in claims if c.label == "unique" and c.article_ids == (article.id,)]
        if not own:
            continue
        # A sentence that states several unique facts ("seven goals and three assists") is
        # listed once, with the facts it holds, not once per fact.
        by_sentence: dict[str, list[Claim]] = {}
        for claim in own:
            by_sentence.setdefault(claim.sentence_ids[0], []).append(claim)
        count = (
            f"{len(own)} claims in {len(by_sentence)} sentences" if len(by_sentence) != len(own) else len(own)
        )
        parts.append(
            Text.assemble(("  " + article.id + " ", "bold"), visible(article.source), f"  ({count})")
        )
        listing = Table.grid(padding=(0, 1))
        listing.add_column(no_wrap=True)
        listing.add_column(no_wrap=True, style="dim")
        listing.add_column(overflow="fold")
        for sentence_id, group in by_sentence.items():
            line = Text(comparison.sentence_by_id[sentence_id].text)
            facts = [f"{c.frame}: {m.value}" for c in group if c.frame for m in c.mentions if m.value]
            if facts:
                line.append(f"  ({visible(' · '.join(dict.fromkeys(facts)))})", style="dim")
            # The sentence may state other, shared or disputed, facts too: say which, so its
            # place under "unique" is not read as the whole sentence being one outlet's alone.
            others = [c for c in comparison.claims_by_sentence.get(sentence_id, ()) if c.label != "unique"]
            if others:
                line.append(f"  (also {' '.join(GLYPH[c.label] + c.id for c in others)})", style="dim")
            for claim in group:
                entry = marks.get(claim.key)
                if entry is not None and entry.mark:
                    line.append(f"  {MARK_GLYPHS[entry.mark]} {entry.mark}", style="bold italic")
                if entry is not None and entry.note:
                    line.append(f"  note: {visible(entry.note)}", style="italic")
            ids = " ".join(c.id for c in sorted(group, key=numbered.__getitem__))
            listing.add_row(Text("+", style=STYLE["unique"]), ids, line)
        parts.append(Padding(listing, (0, 0, 1, 4)))
    if comparison.cited_sources:
        parts.append(Rule(Text(f"Cited sources ({len(comparison.cited_sources)})"), align="left"))
        parts.append(Padding(_cited(comparison), (0, 0, 1, 2)))
    if comparison.skipped:
        parts.append(Rule(Text("Skipped inputs"), align="left"))
        for path, reason in comparison.skipped:
            # Names and reasons come from outside (file names, server replies): shown, never obeyed.
            parts.append(Text(f"  {visible(path)}: {visible(reason)}", style="yellow"))
    return Group(*parts)


def _sources(comparison: Comparison) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=False)
    table.add_column("id")
    table.add_column("source")
    table.add_column("date", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("claims", justify="right")
    per_article = {a.id: 0 for a in comparison.articles}
    for claim in comparison.claims:
        for aid in claim.article_ids:
            per_article[aid] += 1
    for article in comparison.articles:
        table.add_row(
            article.id,
            Text(visible(article.source)),
            Text(visible(article.date or "-")),
            Text(visible(article.title)),
            str(per_article[article.id]),
        )
    return table


def _cited(comparison: Comparison) -> Table:
    """Who is cited by which articles, with how many sentences each."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=False)
    table.add_column("cited source", overflow="fold")
    table.add_column("kind", style="dim")
    table.add_column("cited by", overflow="fold")
    articles = comparison.article_by_id
    for cited in comparison.cited_sources:
        by = ", ".join(
            f"{aid} {visible(articles[aid].source)} ({sum(1 for m in cited.mentions if m[0] == aid)})"
            for aid in cited.article_ids
        )
        table.add_row(Text(visible(cited.name)), cited.kind, Text(by))
    return table


def _claim(comparison: Comparison, claim: Claim, marks: Mapping[str, ClaimReview]) -> RenderableType:
    head = Text.assemble(
        (f"{GLYPH[claim.label]} ", STYLE[claim.label]),
        (claim.id, "bold"),
        f"  {counted(len(claim.article_ids), 'source')}",
    )
    if claim.frame:
        # One fact, every source's value: "deaths: Reuters 40 · AP 38".
        head.append("  " + visible(claim.summary), style=STYLE[claim.label] if claim.conflicts else "")
    for conflict in claim.conflicts:
        if claim.frame and conflict.kind not in ("name", "negation"):
            continue
        head.append(f"  {conflict.kind}: ", style="bold")
        head.append(visible(conflict.summary), style=STYLE["conflict"])
    entry = marks.get(claim.key)
    if entry is not None and entry.mark:
        head.append(f"  {MARK_GLYPHS[entry.mark]} {entry.mark}", style="bold italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    articles: Mapping[str, Article] = comparison.article_by_id
    for sid in claim.sentence_ids:
        sentence = comparison.sentence_by_id[sid]
        body = Text(sentence.text)
        # The fact's own words in each sentence (its mention), not the whole sentence.
        words = [articles[m.article_id].text[m.start : m.end] for m in claim.mentions if m.sentence_id == sid]
        body.highlight_words([w for w in words if w], style="bold underline")
        label = f"{sentence.article_id} {_short(visible(articles[sentence.article_id].source))}"
        grid.add_row(label, body)
    parts: list[RenderableType] = [head, Padding(grid, (0, 0, 0, 2))]
    if entry is not None and entry.note:
        note = visible(entry.note, keep_newlines=True)
        parts.append(Padding(Text.assemble(("note: ", "bold"), note), (0, 0, 0, 2)))
    return Padding(Group(*parts), (0, 0, 1, 2))


def _short(source: str, width: int = 14) -> str:
    return source if len(source) <= width else source[: width - 1] + "…"
