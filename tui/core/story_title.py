"""A neutral name for the story: what the sources' headlines share, never one outlet's headline.

One outlet's headline takes that outlet's side of any dispute ("5 dead" against another's
"4 dead"), so the story is named by the words most headlines use: "5 sources on Meta,
Mark Zuckerberg, AI". Hand-written: a few lines of counting over at most a few hundred
headlines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.models import Article
from tui.core.normalise import STOPWORDS
from tui.core.patterns import compiled

_WORD = compiled(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_MAX_TERMS = 4
_MAX_CHARS = 60


def _key(word: str) -> str:
    word = re.sub(r"['’]s$", "", word.lower())
    return word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word


def _content(word: str) -> bool:
    key = _key(word)
    return len(key) >= 2 and key not in STOPWORDS and not key.isdigit()


def story_title(articles: Sequence[Article]) -> str:
    """``"<n> sources on <shared terms>"``; one article keeps its own headline."""
    titles = [a.title for a in articles if a.title.strip()]
    if len(articles) == 1:
        return titles[0] if titles else articles[0].source
    if not titles:
        return f"{len(articles)} sources"
    frequency: dict[str, int] = {}
    for title in titles:
        for key in {_key(w) for w in _WORD.findall(title) if _content(w)}:
            frequency[key] = frequency.get(key, 0) + 1
    needed = max(2, (len(titles) + 2) // 3)
    order: dict[str, int] = {}
    forms: dict[str, list[str]] = {}
    pairs: dict[tuple[str, str], list[str]] = {}
    for title in titles:
        words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(title)]
        for n, word in enumerate(words):
            if not _content(word):
                continue
            order.setdefault(_key(word), len(order))
            forms.setdefault(_key(word), []).append(word)
            if n + 1 < len(words) and _content(words[n + 1]):
                pair = (_key(word), _key(words[n + 1]))
                pairs.setdefault(pair, []).append(f"{word} {words[n + 1]}")
    common = sorted((k for k, n in frequency.items() if n >= needed), key=lambda k: (-frequency[k], order[k]))
    chosen: list[str] = []
    used: set[str] = set()
    for key in common:
        if key in used:
            continue
        # A name is better said whole: "Zuckerberg" -> "Mark Zuckerberg" when headlines agree.
        best = max(
            (
                p
                for p in pairs
                if key in p
                and len(pairs[p]) >= max(needed, 0.75 * max(frequency.get(w, 0) for w in p))
                and not used & set(p)
                and _same_case(_usual(pairs[p]))
            ),
            key=lambda p: len(pairs[p]),
            default=None,
        )
        text = _usual(pairs[best]) if best else _usual(forms[key])
        if chosen and len(", ".join([*chosen, text])) > _MAX_CHARS:
            break
        chosen.append(text)
        used |= set(best) if best else {key}
        if len(chosen) == _MAX_TERMS:
            break
    if not chosen:
        return f"{len(articles)} sources"
    return f"{len(articles)} sources on {', '.join(chosen)}"


def _same_case(phrase: str) -> bool:
    """ "Mark Zuckerberg" and "coastal city" are things; "lifts FIFA" is a verb and a name."""
    return len({w[:1].isupper() for w in phrase.split()}) == 1


def _usual(forms: list[str]) -> str:
    """The spelling most headlines use, capitalised where any of them capitalises it."""
    return max(set(forms), key=lambda f: (forms.count(f), f[:1].isupper(), f))
