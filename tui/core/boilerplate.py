"""Recognise page junk: promos, newsletter prompts, share and caption lines, trailing ads.

Hand-written because article extractors work on HTML structure, which plain-text
inputs no longer have; these rules look at the wording and position of lines instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PATTERNS = re.compile(
    r"""
    ^\W*advertisement\W*$ | ^\W*sponsored\b | ^\W*ad\W*$
    | \bsubscribe\b | \bsign[ -]?up\b | \bnewsletter | \bunsubscribe\b
    | \bread\ (?:more|next|also|the\ full)\b | ^\W*(?:related|more|see\ also|recommended|trending)\b\s*[:|]
    | \bclick\ here\b | \bshare\ (?:this|on|via)\b | ^\W*share\W*$ | \bfollow\ us\b
    | \ball\ rights\ reserved\b | ©|\(c\)\ \d{4} | \bcookies?\b.*\b(?:accept|consent|policy)\b
    | \bno\ credit\ card\b | \bfree\ trial\b | \bdownload\ (?:the|our)\b.{0,40}\bapp\b | \bsee\ all\b
    | ^\W*(?:reporting|writing|editing|additional\ reporting)\ by\b | \bbuy\ me\ a\ coffee\b
    | \b(?:patreon|ko-fi)\b | \bsponsored\ by\b | \bpromo\ code\b
    | ^\W*(?:image|photo|picture|video|illustration)\s*(?:credit)?\s*:
    | \b(?:getty\ images|shutterstock|reuters\ photo|ap\ photo)\b
    | ^\W*\(?\s*(?:source|via)\s*:\s*[^()]{2,40}\)?\W*$
    | \blisten\ to\ this\ article\b | ^\W*\d+\s*min(?:ute)?s?\ read\W*$
    | \bsupport\ (?:our|independent)\ journalism\b | \bbecome\ a\ (?:member|subscriber)\b
    | \bterms\ of\ (?:use|service)\b | \bprivacy\ policy\b | \bskip\ to\ (?:main\ )?content\b
    | \bget\ (?:the\ )?(?:latest|best)\b.*\b(?:inbox|email)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MAX_JUNK_CHARS = 300
"""A long paragraph that mentions a newsletter is content, not a prompt."""


def is_junk_line(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= _MAX_JUNK_CHARS and _PATTERNS.search(stripped) is not None


def _looks_like_label(text: str) -> bool:
    """Short, unpunctuated lines: headings, promo titles, bylines."""
    stripped = text.strip()
    return len(stripped.split()) <= 10 and not stripped.endswith((".", "!", "?", '"'))


def boilerplate_mask(blocks: Sequence[str]) -> list[bool]:
    """For each block, whether it is boilerplate.

    Besides single junk lines, a page often ends in a promo section: once a junk
    line appears in the last part of an article and no real paragraph follows it,
    the rest of the article is boilerplate, together with the short label lines
    introducing it.
    """
    mask = [is_junk_line(b) for b in blocks]
    n = len(blocks)
    tail_start = int(n * 0.6)
    for i in range(tail_start, n):
        if not mask[i]:
            continue
        rest = blocks[i + 1 :]
        if any(len(b.split()) > 45 and not is_junk_line(b) for b in rest):
            continue
        first = i
        while first - 1 >= tail_start and _looks_like_label(blocks[first - 1]) and not mask[first - 1]:
            first -= 1
        for j in range(first, n):
            mask[j] = True
        break
    return mask
