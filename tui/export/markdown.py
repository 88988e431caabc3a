"""Render a report as GitHub-flavoured Markdown in which article text is inert.

Every piece of untrusted text passes through :func:`escape`, so an article cannot
add links, images, HTML, emphasis, tables cells, mentions or math to the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.core.own_reports import GENERATOR, REPORT_HEADING
from tui.export.report_model import LABEL_GLYPHS, Report, ReportClaim, ReportParagraph, ReportReview
from tui.glyphs import ROUNDING_GLYPH
from tui.review.marks import MARK_GLYPHS

Adder = Callable[[str], None]

# Punctuation with meaning anywhere in a line (GFM, GitHub math/mentions, HTML entities).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&@$#])")
# Text that would start a block: bullet, quote, setext underline; ordered list.
_BLOCK_MARK = re.compile(r"^([-+=>])")
_ORDERED = re.compile(r"^(\d+)([.)])")
# Autolinks GFM would create from plain text.
_SCHEME = re.compile(r"(?i)(\w)://")
_WWW = re.compile(r"(?i)\b(www)\.")


def escape(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown syntax backslash-escaped."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\1:\\/\\/", text)
    return _WWW.sub(r"\1\\.", text)


def escape_line_start(text: str) -> str:
    """:func:`escape`d text that begins a line: also neutralise list, quote and heading markers."""
    text = _BLOCK_MARK.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _note(note: str) -> str:
    """A reviewer's note with its lines kept (hard breaks inside the list item), each escaped."""
    lines = [escape(line) for line in note.strip().splitlines()]
    return "  \n    ".join(line for line in lines if line)


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(text: str) -> str:
    return escape(text) or " "


def _code_or_text(value: str) -> str:
    # Hex digests read best monospaced; anything else could break out of a code span.
    return f"`{value}`" if re.fullmatch(r"[0-9a-fA-F]+", value) else escape(value)


def _review_text(review: ReportReview | None) -> str:
    if review is None:
        return ""
    parts = [f"{MARK_GLYPHS[review.mark]} {review.mark}"] if review.mark else []
    if review.note.strip():
        parts.append(escape(review.note))
    return ": ".join(parts)


def _label_text(claim: ReportClaim) -> str:
    return f"{LABEL_GLYPHS[claim.label]} {claim.label}"


def _conflict_text(report: Report, claim: ReportClaim) -> str:
    return "; ".join(
        f"{escape(c.kind)}: " + ", ".join(f"{escape(src)} **{escape(val)}**" for src, val in c.values)
        for c in claim.conflicts
    )


def render_markdown(report: Report) -> str:
    out: list[str] = []
    add = out.append
    # These first lines mark the file as a report (tui.core.own_reports), never an article.
    heading = f"{REPORT_HEADING}: {escape(report.title)}" if report.title else REPORT_HEADING
    add(f"# {heading}\n")
    add(
        f"Generated {report.generated} by {GENERATOR} {escape(report.tool_version)} "
        f"(engine {escape(report.engine_version)}) from {len(report.sources)} articles.\n"
    )
    counts = ", ".join(f"{n} {label} ({LABEL_GLYPHS[label]})" for label, n in report.counts)
    add(f"**Claims:** {counts}.\n")
    add(
        "Legend: "
        + " · ".join(f"{g} {label}" for label, g in LABEL_GLYPHS.items())
        + " · "
        + " · ".join(f"{g} {mark}" for mark, g in MARK_GLYPHS.items())
        + "\n"
    )

    add("## Sources\n")
    add("| ID | Source | Title | Path | SHA-256 |")
    add("| --- | --- | --- | --- | --- |")
    for s in report.sources:
        add(
            f"| {_cell(s.id)} | {_cell(s.source)} | {_cell(s.title)} | {_cell(s.path)} "
            f"| {_code_or_text(s.sha256)} |"
        )
    add("")
    if report.skipped:
        add("Inputs that could not be read:\n")
        for path, reason in report.skipped:
            add(f"- {escape(path)}: {escape(reason)}")
        add("")

    _review_section(report, add)
    _facts_section(report, add)
    _claims_section(report, add)
    _aligned_section(report, add)
    return "\n".join(out).rstrip("\n") + "\n"


def _review_section(report: Report, add: Adder) -> None:
    add("## Review\n")
    reviewed = report.reviewed_claims
    if not report.reviewed:
        add("No review was included in this report.\n")
        return
    if not reviewed and not report.orphans:
        add("No claims have been marked yet.\n")
        return
    for claim in reviewed:
        assert claim.review is not None
        mark = claim.review.mark
        verdict = f"**{MARK_GLYPHS[mark]} {mark}**" if mark else "**note**"
        fact = f"{escape(claim.fact)}: " if claim.fact else ""
        add(f"- {verdict}: claim {escape(claim.id)} ({_label_text(claim)}): {fact}{escape(claim.text)}")
        if claim.review.note.strip():
            add(f"  - Note: {_note(claim.review.note)}")
        add(f"  - Updated {escape(claim.review.updated)}")
    add("")
    if report.orphans:
        add("### Orphaned marks\n")
        add(
            "These marks belong to claims that are no longer in the articles (an input changed). "
            "They are kept in the review file and shown here so no work is lost.\n"
        )
        for orphan in report.orphans:
            verdict = f"**{MARK_GLYPHS[orphan.mark]} {orphan.mark}**" if orphan.mark else "**note**"
            add(f"- {verdict}: {escape(orphan.excerpt) or '(no excerpt)'}")
            if orphan.fact:
                add(f"  - Fact: {escape(orphan.fact)}")
            if orphan.note.strip():
                add(f"  - Note: {_note(orphan.note)}")
            add(f"  - Claim key {_code_or_text(orphan.key)}, updated {escape(orphan.updated)}")
        add("")


def _facts_section(report: Report, add: Adder) -> None:
    add("## Facts × sources\n")
    if not report.facts:
        add("The engine found no facts.\n")
        return
    add(
        "Each source's version of each fact: its value as stated, ✓ where it states the fact "
        f"without a value, blank where it does not state it; {ROUNDING_GLYPH} marks values that "
        "differ only by rounding. *Claim* is the fact's id in the claims table below.\n"
    )
    names = " | ".join(_cell(f"{s.id} {_short(s.source)}") for s in report.sources)
    add(f"| Claim | | Fact | {names} | Review |")
    add("| " + " | ".join(["---:", ":---:", "---"] + ["---"] * len(report.sources) + ["---"]) + " |")
    for fact in report.facts:
        name = (f"{ROUNDING_GLYPH} " if fact.rounding else "") + fact.fact
        values = " | ".join(_cell(v) for v in fact.values)
        mark = f"{MARK_GLYPHS[fact.mark]} {fact.mark}" if fact.mark else " "
        add(f"| {escape(fact.claim_id)} | {LABEL_GLYPHS[fact.label]} | {_cell(name)} | {values} | {mark} |")
    add("")


def _claims_section(report: Report, add: Adder) -> None:
    add("## Claims\n")
    if not report.claims:
        add("The engine found no claims.\n")
        return
    # Ids keep the table narrow; the sources table above maps them to outlets.
    names = " | ".join(_cell(f"{s.id} {_short(s.source)}") for s in report.sources)
    add(f"| ID | Kind | Claim | {names} | Conflicting values | Review |")
    add("| " + " | ".join(["---:", "---", "---"] + [":---:"] * len(report.sources) + ["---", "---"]) + " |")
    for claim in report.claims:
        covered = " | ".join("●" if stated else "○" for stated in claim.stated_by)
        add(
            f"| {escape(claim.id)} | {_label_text(claim)} | {_cell(claim.text)} | {covered} "
            f"| {_conflict_text(report, claim) or ' '} | {_review_text(claim.review) or ' '} |"
        )
    add("")
    add("● states the claim · ○ does not\n")


def _aligned_section(report: Report, add: Adder) -> None:
    add("## Aligned text\n")
    add("Each row holds the paragraphs that the engine aligned across the articles.\n")
    for row in report.rows:
        add(f"### Row {row.number}\n")
        missing = []
        for source, paragraphs in zip(report.sources, row.cells, strict=True):
            if not paragraphs:
                missing.append(escape(source.source))
                continue
            numbers = ", ".join(str(p.index + 1) for p in paragraphs)
            add(f"**{escape(source.source)}** (¶ {numbers})\n")
            for paragraph in paragraphs:
                add(f"> {_paragraph_text(paragraph)}\n")
        if missing:
            add(f"*Not in this row: {', '.join(missing)}*\n")


def _paragraph_text(paragraph: ReportParagraph) -> str:
    parts: list[str] = []
    for span in paragraph.spans:
        text = escape(span.text)
        if span.label is not None:
            glyph = LABEL_GLYPHS[span.label]
            tag = f"{glyph}{escape(span.claim_id)}" if span.claim_id is not None else glyph
            parts.append(f"**{tag}** {text}")
        else:
            parts.append(text)
    body = escape_line_start(" ".join(p for p in parts if p)) or "*(empty)*"
    if paragraph.kind in ("title", "heading"):
        body = f"**{body}**" if "**" not in body else body
    return body
