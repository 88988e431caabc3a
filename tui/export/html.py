"""Render a report as one self-contained HTML file: inline CSS, no scripts, no requests.

A Content-Security-Policy forbids loading anything, so even a mistake could not make
the page reach the network; every piece of text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from tui.core.own_reports import GENERATOR, REPORT_HEADING
from tui.export.report_model import LABEL_GLYPHS, Report, ReportClaim, ReportParagraph, ReportReview
from tui.glyphs import ROUNDING_GLYPH
from tui.review.marks import MARK_GLYPHS

Adder = Callable[[str], None]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_CSS = """
:root {
  --fg: #1d1f23; --muted: #5b616b; --bg: #ffffff; --panel: #f5f6f8; --rule: #d5d8de;
  --shared: #1f6f43; --shared-bg: #e3f3e9; --unique: #5a4a8a; --unique-bg: #f5f3fb;
  --conflict: #a3261b; --conflict-bg: #fde6e3; --accent: #1b5fa8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e4e6ea; --muted: #a3a9b3; --bg: #17191d; --panel: #21242a; --rule: #3a3f48;
    --shared: #7fd3a0; --shared-bg: #1d3427; --unique: #c3b5f2; --unique-bg: #2b2640;
    --conflict: #ff9d92; --conflict-bg: #43211e; --accent: #8cbcf2;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; font-size: 15px; }
body {
  margin: 0 auto; max-width: 88rem; padding: 2rem 2.5rem 4rem; color: var(--fg); background: var(--bg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.6rem 0 .5rem; }
p { margin: 0 0 .6rem; }
a { color: var(--accent); }
.meta { color: var(--muted); margin-bottom: 1rem; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; padding: 0; list-style: none; }
.summary li { padding: .3rem .7rem; border-radius: 1rem; border: 1px solid var(--rule);
  background: var(--panel); }
nav.toc { font-size: .9rem; color: var(--muted); }
nav.toc a { margin-right: 1rem; }
.mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .82em; overflow-wrap: anywhere; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: var(--panel); font-size: .85rem; position: sticky; top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.cov { text-align: center; white-space: nowrap; }
th.cov { text-align: center; width: 4.6rem; }
th.cov small { display: block; font-weight: 400; color: var(--muted); font-size: .72rem; line-height: 1.2;
  overflow-wrap: anywhere; }
.badge { display: inline-block; min-width: 1.4em; padding: 0 .35em; border-radius: .3em; font-weight: 700;
  text-align: center; white-space: nowrap; border: 1px solid currentColor; }
.lab-shared { color: var(--shared); }
.lab-unique { color: var(--unique); }
.lab-conflict { color: var(--conflict); }
tr.claim-conflict td:first-child { box-shadow: inset 4px 0 var(--conflict); }
tr.claim-shared td:first-child { box-shadow: inset 4px 0 var(--shared); }
tr.claim-unique td:first-child { box-shadow: inset 4px 0 var(--unique); }
.values { font-size: .9rem; } .values b { font-weight: 700; }
.values .kind { display: block; color: var(--muted); font-size: .78rem; text-transform: uppercase;
  letter-spacing: .04em; }
.values .val { display: block; }
td.kind { white-space: nowrap; }
.mark { font-weight: 700; white-space: nowrap; }
.mark-verified { color: var(--shared); }
.mark-disputed { color: var(--conflict); }
.mark-follow-up { color: var(--accent); }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.legend { font-size: .9rem; color: var(--muted); }
.legend .badge { margin-right: .2rem; }
ul.reviews { padding-left: 1.2rem; } ul.reviews li { margin-bottom: .6rem; }
.orphans { border-left: 4px solid var(--rule); padding: .3rem 0 .3rem 1rem; background: var(--panel); }
table.aligned { table-layout: fixed; }
table.aligned td { font-size: .88rem; line-height: 1.45; }
table.aligned td.empty { background: var(--panel); color: var(--muted); text-align: center; }
th.rownum, td.rownum { width: 3.2rem; }
.para { margin: 0 0 .5rem; } .para:last-child { margin-bottom: 0; }
.para.kind-title, .para.kind-heading { font-weight: 700; }
.para.kind-boilerplate { color: var(--muted); font-style: italic; }
.pnum { color: var(--muted); font-size: .75rem; margin-right: .3rem; }
.s { border-radius: .2em; padding: 0 .1em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.s-shared { background: var(--shared-bg); } .s-unique { background: var(--unique-bg); }
.s-conflict { background: var(--conflict-bg); text-decoration: underline wavy var(--conflict);
  text-decoration-thickness: 1px; text-underline-offset: .2em; }
.tag { font-size: .72rem; font-weight: 700; text-decoration: none; margin-right: .15rem;
  vertical-align: .1em; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #f2f2f2; --rule: #999; }
  html { font-size: 8.5pt; }
  body { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, ul.reviews li { break-inside: avoid; }
  table.aligned tr { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  h2 { margin-top: 1.2rem; }
}
"""


def render_html(report: Report) -> str:
    out: list[str] = []
    add = out.append
    title = f"{REPORT_HEADING}: {report.title}" if report.title else REPORT_HEADING
    add("<!DOCTYPE html>")
    add('<html lang="en">')
    add("<head>")
    add('<meta charset="utf-8">')
    add(
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'\">"
    )
    add('<meta name="referrer" content="no-referrer">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f'<meta name="generator" content="{GENERATOR} {esc(report.tool_version)}">')  # own_reports
    add(f"<title>{esc(title)}</title>")
    add(f"<style>{_CSS}</style>")
    add("</head>")
    add("<body>")
    add("<header>")
    add(f"<h1>{esc(title)}</h1>")
    add(
        f'<p class="meta">Generated <time datetime="{esc(report.generated)}">{esc(report.generated)}</time> '
        f"by Triangulate {esc(report.tool_version)} (engine {esc(report.engine_version)}) "
        f"from {len(report.sources)} articles.</p>"
    )
    add('<ul class="summary">')
    for label, n in report.counts:
        add(f'<li><span class="badge lab-{label}">{esc(LABEL_GLYPHS[label])}</span> {n} {label}</li>')
    reviewed = report.reviewed_claims
    if report.reviewed:
        add(f"<li>{len(reviewed)} reviewed</li>")
    if report.orphans:
        add(f"<li>{len(report.orphans)} orphaned</li>")
    add("</ul>")
    add(
        '<nav class="toc"><a href="#sources">Sources</a><a href="#review">Review</a>'
        '<a href="#facts">Facts</a>'
        '<a href="#claims">Claims</a><a href="#aligned">Aligned text</a></nav>'
    )
    add("</header>")
    add("<main>")
    _sources(report, add)
    _review(report, add)
    _facts(report, add)
    _claims(report, add)
    _aligned(report, add)
    add("</main>")
    add(
        f"<footer>Triangulate {esc(report.tool_version)}, engine {esc(report.engine_version)}. "
        "Inputs are identified by the SHA-256 of their raw bytes.</footer>"
    )
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"


def _legend() -> str:
    labels = " ".join(
        f'<span class="badge lab-{label}">{esc(glyph)}</span>{label}' for label, glyph in LABEL_GLYPHS.items()
    )
    marks = " ".join(
        f'<span class="mark mark-{mark}">{esc(glyph)}</span> {mark}' for mark, glyph in MARK_GLYPHS.items()
    )
    return (
        f'<p class="legend">{labels} &nbsp;·&nbsp; {marks} &nbsp;·&nbsp; ● states the claim, ○ does not</p>'
    )


def _sources(report: Report, add: Adder) -> None:
    add('<section id="sources">')
    add("<h2>Sources</h2>")
    add("<table>")
    add("<thead><tr><th>ID</th><th>Source</th><th>Title</th><th>Path</th><th>SHA-256</th></tr></thead>")
    add("<tbody>")
    for s in report.sources:
        add(
            f"<tr><td>{esc(s.id)}</td><td>{esc(s.source)}</td><td>{esc(s.title)}</td>"
            f'<td class="mono">{esc(s.path)}</td><td class="mono">{esc(s.sha256)}</td></tr>'
        )
    add("</tbody></table>")
    if report.skipped:
        add("<p>Inputs that could not be read:</p><ul>")
        for path, reason in report.skipped:
            add(f'<li><span class="mono">{esc(path)}</span>: {esc(reason)}</li>')
        add("</ul>")
    add("</section>")


def _mark_html(review: ReportReview | None) -> str:
    if review is None or review.mark is None:
        return ""
    return f'<span class="mark mark-{review.mark}">{esc(MARK_GLYPHS[review.mark])} {review.mark}</span>'


def _review(report: Report, add: Adder) -> None:
    add('<section id="review">')
    add("<h2>Review</h2>")
    reviewed = report.reviewed_claims
    if not report.reviewed:
        add("<p>No review was included in this report.</p>")
    elif not reviewed and not report.orphans:
        add("<p>No claims have been marked yet.</p>")
    if reviewed:
        add('<ul class="reviews">')
        for claim in reviewed:
            assert claim.review is not None
            mark = _mark_html(claim.review) or '<span class="mark">note</span>'
            fact = f"<b>{esc(claim.fact)}</b>: " if claim.fact else ""
            add(
                f'<li>{mark} <a href="#claim-{esc(claim.id)}">claim {esc(claim.id)}</a> '
                f"{_label_badge(claim)} {fact}{esc(claim.text)}"
            )
            if claim.review.note.strip():
                add(f'<br><b>Note:</b> <span class="note">{esc(claim.review.note)}</span>')
            add(f'<br><small class="meta">Updated {esc(claim.review.updated)}</small></li>')
        add("</ul>")
    if report.orphans:
        add('<div class="orphans">')
        add("<h3>Orphaned marks</h3>")
        add(
            "<p>These marks belong to claims that are no longer in the articles (an input changed). "
            "They are kept in the review file and shown here so no work is lost.</p>"
        )
        add('<ul class="reviews">')
        for orphan in report.orphans:
            mark = (
                f'<span class="mark mark-{orphan.mark}">{esc(MARK_GLYPHS[orphan.mark])} {orphan.mark}</span>'
                if orphan.mark
                else '<span class="mark">note</span>'
            )
            add(f"<li>{mark} {esc(orphan.excerpt) or '<i>(no excerpt)</i>'}")
            if orphan.fact:
                add(f"<br><b>Fact:</b> {esc(orphan.fact)}")
            if orphan.note.strip():
                add(f'<br><b>Note:</b> <span class="note">{esc(orphan.note)}</span>')
            add(
                f'<br><small class="meta">Claim key <span class="mono">{esc(orphan.key)}</span>, '
                f"updated {esc(orphan.updated)}</small></li>"
            )
        add("</ul></div>")
    add("</section>")


def _label_badge(claim: ReportClaim) -> str:
    glyph = esc(LABEL_GLYPHS[claim.label])
    return f'<span class="badge lab-{claim.label}" title="{claim.label}">{glyph}</span>'


def _facts(report: Report, add: Adder) -> None:
    add('<section id="facts">')
    add("<h2>Facts × sources</h2>")
    if not report.facts:
        add("<p>The engine found no facts.</p></section>")
        return
    add(
        "<p>Each source's version of each fact: its value as stated, ✓ where it states the fact "
        f"without a value, blank where it does not state it; {esc(ROUNDING_GLYPH)} marks values "
        "that differ only by rounding.</p>"
    )
    add("<table>")
    heads = "".join(f"<th>{esc(s.id)}<small>{esc(s.source)}</small></th>" for s in report.sources)
    # The fact's claim id, as the claims table below gives it, not a running count of this table.
    add(f'<thead><tr><th class="num">Claim</th><th>Fact</th>{heads}<th>Review</th></tr></thead>')
    add("<tbody>")
    for fact in report.facts:
        glyph = esc(LABEL_GLYPHS[fact.label])
        badge = f'<span class="badge lab-{fact.label}" title="{fact.label}">{glyph}</span>'
        soft = (
            f'<span title="differs only by rounding">{esc(ROUNDING_GLYPH)}</span> ' if fact.rounding else ""
        )
        cells = "".join(f"<td>{esc(v)}</td>" for v in fact.values)
        mark = (
            f'<span class="mark mark-{fact.mark}">{esc(MARK_GLYPHS[fact.mark])} {fact.mark}</span>'
            if fact.mark
            else ""
        )
        add(
            f'<tr class="claim-{fact.label}"><td class="num">'
            f'<a href="#claim-{esc(fact.claim_id)}">{esc(fact.claim_id)}</a></td>'
            f'<td title="{esc(fact.summary)}">{badge} {soft}{esc(fact.fact)}</td>{cells}<td>{mark}</td></tr>'
        )
    add("</tbody></table>")
    add("</section>")


def _claims(report: Report, add: Adder) -> None:
    add('<section id="claims">')
    add("<h2>Claims</h2>")
    add(_legend())
    if not report.claims:
        add("<p>The engine found no claims.</p></section>")
        return
    add("<table>")
    heads = "".join(
        f'<th class="cov" title="{esc(s.source)}">{esc(s.id)}<small>{esc(s.source)}</small></th>'
        for s in report.sources
    )
    add(
        f'<thead><tr><th class="num">ID</th><th>Kind</th><th>Claim</th>{heads}'
        "<th>Conflicting values</th><th>Review</th></tr></thead>"
    )
    add("<tbody>")
    for claim in report.claims:
        cov = "".join(
            f'<td class="cov" title="{esc(s.source)}">{"●" if stated else "○"}</td>'
            for s, stated in zip(report.sources, claim.stated_by, strict=True)
        )
        values = "".join(
            f'<span class="kind">{esc(c.kind)}</span>'
            + "".join(f'<span class="val">{esc(src)}: <b>{esc(val)}</b></span>' for src, val in c.values)
            for c in claim.conflicts
        )
        review = _mark_html(claim.review)
        if claim.review is not None and claim.review.note.strip():
            review += f'<div class="note">{esc(claim.review.note)}</div>'
        add(
            f'<tr id="claim-{esc(claim.id)}" class="claim-{claim.label}"><td class="num">{esc(claim.id)}</td>'
            f'<td class="kind"><span class="lab-{claim.label}">{_label_badge(claim)} {claim.label}</span>'
            "</td>"
            f'<td>{esc(claim.text)}</td>{cov}<td class="values">{values}</td><td>{review}</td></tr>'
        )
    add("</tbody></table>")
    add("</section>")


def _aligned(report: Report, add: Adder) -> None:
    add('<section id="aligned">')
    add("<h2>Aligned text</h2>")
    add("<p>Each row holds the paragraphs that the engine aligned across the articles.</p>")
    add(_legend())
    add('<table class="aligned">')
    heads = "".join(f"<th>{esc(s.source)}</th>" for s in report.sources)
    add(f'<thead><tr><th class="rownum num">Row</th>{heads}</tr></thead>')
    add("<tbody>")
    for row in report.rows:
        cells = []
        for paragraphs in row.cells:
            if not paragraphs:
                cells.append('<td class="empty">—</td>')
            else:
                cells.append("<td>" + "".join(_paragraph(p) for p in paragraphs) + "</td>")
        add(f'<tr id="row-{row.number}"><td class="rownum num">{row.number}</td>{"".join(cells)}</tr>')
    add("</tbody></table>")
    add("</section>")


def _paragraph(paragraph: ReportParagraph) -> str:
    parts: list[str] = []
    for span in paragraph.spans:
        if span.label is None:
            parts.append(esc(span.text))
            continue
        glyph = esc(LABEL_GLYPHS[span.label])
        if span.claim_id is not None:
            ref = esc(span.claim_id)
            tag = f'<a class="tag lab-{span.label}" href="#claim-{ref}">{glyph}{ref}</a>'
        else:
            tag = f'<span class="tag lab-{span.label}">{glyph}</span>'
        parts.append(f'<span class="s s-{span.label}">{tag}{esc(span.text)}</span>')
    kind = esc(paragraph.kind)
    return (
        f'<p class="para kind-{kind}"><span class="pnum">¶{paragraph.index + 1}</span>'
        + " ".join(parts)
        + "</p>"
    )
