"""Map offsets in a sentence's display text back to its article's text.

Display text only ever deletes characters from the source slice (and turns tabs and
newlines into spaces), so the mapping is a monotone walk over the two strings.
"""

from __future__ import annotations

from tui.core.models import Article, Sentence


def source_offset(article: Article, sentence: Sentence, offset: int) -> int:
    """The offset in ``article.text`` of display offset ``offset`` of ``sentence``."""
    raw = article.text[sentence.start : sentence.end]
    display = sentence.text
    if raw == display:
        return sentence.start + offset
    j = 0
    lead = len(raw) - len(raw.lstrip())
    for i in range(lead, len(raw)):
        if j == offset:
            return sentence.start + i
        if j < len(display) and (raw[i] == display[j] or (raw[i] in "\t\n\r" and display[j] == " ")):
            j += 1
    return sentence.start + len(raw) if j >= offset else sentence.end
