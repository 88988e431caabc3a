"""The per-text fast paths (hints that skip a pattern, shortcuts in the loops) give what the
plain rules give, on real and synthetic article text and on crafted edge cases."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.synthetic import generate_story
from tui.core import attribution, boilerplate, clauses, frames, patterns, values
from tui.core import normalise as normalise_module
from tui.core.words import STOPWORDS, WORD, canonical_stem, stem

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"

CRAFTED = (
    "POLİCE SAİD the road was closed.",  # İ matches i only case-insensitively
    "The ſpokesman ſaid nothing.",
    "Officials close to the talks told Reuters, according to The Times (via AP).",
    "GLENMOOR, March 4 (Harbour Wire) - The depot was sold on Monday.",
    "Speaking to The Associated Press in an interview with Bloomberg, she said no.",
    "A report by the ministry, data from the regulator and estimates by investigators.",
    "THE MINISTRY STATED THAT PROSECUTORS HAVE CONFIRMED IT.",
    "",
    "A magnitude 6.4 quake hit at 5:40 p.m. local time on March 4, 2024; Category 4 winds followed.",
    "Yesterday, dozens of tens of thousands of voters - a third of them - cast ballots: 4-2.",
    "In March, after one month and nine days (more than a week late), France lost 4-2 on penalties.",
)


@lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    """Lines and sentences of the seeds, the dev set (when present) and a synthetic story."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if DEVSET.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*/*.txt"))]
    texts += [a.text for a in generate_story(5, paragraphs=20, seed=1).articles]
    lines = {line.strip() for text in texts for line in text.splitlines() if line.strip()}
    sentences = {s for line in lines for s in re.split(r"(?<=[.!?])\s+", line)}
    return (*CRAFTED, *sorted(lines | sentences))


def test_attribution_hints_never_skip_a_pattern_that_matches() -> None:
    patterns = (*attribution._PATTERNS, attribution._ANONYMOUS, attribution._OFFICIAL)
    assert len(patterns) == len(attribution._HINTS)
    matched = 0
    for text in corpus_lines():
        for hint, pattern in zip(attribution._HINTS, patterns, strict=True):
            if pattern.search(text) is not None:
                matched += 1
                assert attribution._may_match(hint, text, text.lower()), (pattern.pattern[:40], text)
    assert matched > 100  # the corpus exercises the patterns


@pytest.mark.parametrize("text", CRAFTED[:2])
def test_case_insensitive_hints_do_not_trust_lower_for_odd_capitals(text: str) -> None:
    assert attribution._OFFICIAL.search(text) is not None
    assert attribution._may_match(attribution._HINTS[-1], text, text.lower())


# --- boilerplate: the plain rules the fast paths stand in for ----------------------------


def _plain_content_terms(text: str) -> frozenset[str]:
    out: set[str] = set()
    for match in boilerplate._WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        if len(word) < 3 or word in STOPWORDS or word[0].isdigit():
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)


def _plain_is_timestamp(line: str) -> bool:
    parts = [p for p in boilerplate._SEPARATORS.split(line) if p.strip()]
    if not parts or len(line.split()) > 24:
        return False

    def date_like(part: str) -> bool:
        words = boilerplate._WORD.findall(part)
        if not words or not any(ch.isdigit() for ch in part):
            return False
        dated = sum(1 for w in words if boilerplate._DATE_TOKEN.fullmatch(w))
        return dated * 3 >= len(words) * 2

    dated = [p for p in parts if date_like(p)]
    return bool(dated) and len(dated) * 2 >= len(parts)


def _plain_is_tool_row(line: str) -> bool:
    parts = [p.strip() for p in boilerplate._SEPARATORS.split(line) if p.strip()]
    return len(parts) >= 2 and all(
        len(p.split()) <= 6 and not boilerplate._SENTENCE_END.search(p) for p in parts
    )


def _plain_is_section_label(line: str) -> bool:
    parts = [p for p in boilerplate._CRUMB.split(line) if p.strip()]
    words = [w.lower() for w in boilerplate._WORD.findall(line)]
    if not words or len(words) > 6 or boilerplate._SENTENCE_END.search(line):
        return False
    if all(w in boilerplate._SECTION_WORDS for w in words):
        return True
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def _plain_is_caption(line: str) -> bool:
    return bool(
        boilerplate._CAPTION.search(line)
        or (boilerplate._POSITION.search(line) and boilerplate._CAPTION_VERB.search(line))
    )


def _plain_prompt(line: str) -> bool:
    return any(boilerplate._OPENING.match(p) for p in (line, *boilerplate._opening_parts(line)))


FURNITURE = (
    "Subscribe to our newsletter",
    "The dam burst. Click here to read more",
    "Get the latest news in your inbox",
    "Use the promo code SAVE10 | Leave a reply",
    "Listen to this article",
    "(FILE) Rescuers at the dam on Monday",
    "Rescuers search the rubble / Getty Images",
    "Crowds outside the court | Reuters",
    "An AP pHoTo of the bridge",
    "Sergio Massa (L) shows his ballot",
    "Updated: 17 June 2024, 10:42 IST",
    "Print | Font | Share",
    "250 free problems · No credit card",
    "Home > World > Asia",
    "NEWS FLASH",
    "Posted 3 hours ago | 2 min read",
    "ΟΔΟΣ.ΑΘΗΝΑ and ΟΔΟΣ’Α ΣΟΦΙΑΣ",  # a final sigma depends on what follows it
    "İSTANBUL İzmir DİYARBAKIR",  # İ lower-cases to two characters
)


def test_boilerplate_fast_paths_equal_the_plain_rules() -> None:
    lines = (*FURNITURE, *corpus_lines())
    for line in lines:
        assert boilerplate.content_terms(line) == _plain_content_terms(line), line
        assert boilerplate._is_timestamp(line) == _plain_is_timestamp(line), line
        assert boilerplate._is_tool_row(line) == _plain_is_tool_row(line), line
        assert boilerplate._is_section_label(line) == _plain_is_section_label(line), line
        assert boilerplate._is_caption(line) == _plain_is_caption(line), line
        assert boilerplate._may_prompt(line) or not _plain_prompt(line), line
    assert sum(map(_plain_is_caption, FURNITURE)) >= 5
    assert sum(map(_plain_prompt, FURNITURE)) >= 5
    assert sum(map(_plain_is_timestamp, FURNITURE)) >= 2
    assert sum(map(_plain_is_tool_row, FURNITURE)) >= 2
    assert sum(map(_plain_is_section_label, FURNITURE)) >= 2


_FURNITURE_PIECES = (
    *"()/|.:,- ",
    "photo",
    "PHOTO",
    "AP ",
    "Reuters",
    "Getty Images",
    "(L) ",
    "shows ",
    "ſ",
    "K",
    "İ",
    "Updated",
    "June",
    "17",
    "2024",
    "10:42",
    "IST",
    "ago",
    "news",
    "World",
    "The ministry said",
    # Reader prompts, written out here rather than taken from the screen's own table.
    "Subscribe", "unsubscribe", "sign up", "Sign in", "log in", "register today", "Follow us",
    "share via", "Click here", "tap here", "Read more", "read the full", "See all",
    "View in browser", "Download our", "app", "Buy me a coffee", "Support independent",
    "Become a patron", "forward this", "Like this story", "You are receiving this",
    "Get the best", "inbox", "Enter the promo code", "Start your free trial", "Listen to the",
    "article", "Leave a comment", "Your email address will not", "News.",
)  # fmt: skip


@given(text=st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_boilerplate_fast_paths_equal_the_plain_rules_on_any_text(text: str) -> None:
    assert boilerplate._is_caption(text) == _plain_is_caption(text), text
    assert boilerplate._is_timestamp(text) == _plain_is_timestamp(text), text
    assert boilerplate._is_section_label(text) == _plain_is_section_label(text), text
    assert boilerplate.content_terms(text) == _plain_content_terms(text), text
    assert boilerplate._may_prompt(text) or not _plain_prompt(text), text


# --- normalise and frames: phrase and cue lookups start only where one can --------------


def _plain_frame_cues(text: str) -> list[frames.FrameHit]:
    single, multi, exact = frames._lexicon()
    found = list(WORD.finditer(text))
    words = [(m.start(), m.end(), stem(m.group(0).lower().replace("’", "'"))) for m in found]
    hits: list[frames.FrameHit] = []
    i = 0
    while i < len(words):
        for size in (3, 2):
            span = frames._cue_words([m.group(0) for m in found], i, size)
            key = tuple(words[k][2] for k in span)
            if len(key) == size and key in multi:
                hits.append(frames.FrameHit(multi[key], words[i][0], words[span[-1]][1]))
                i = span[-1] + 1
                break
        else:
            frame = single.get(words[i][2]) or exact.get(found[i].group(0).lower())
            if frame is not None:
                hits.append(frames.FrameHit(frame, words[i][0], words[i][1]))
            i += 1
    return hits


PHRASED = (
    "The chief executive officer said artificial intelligence and large language models would help.",
    "Per VMware share, the offer values each Tesla share at $142.50; 31 people lost their lives.",
    "Polls closed with 97.6% of the vote counted and ballots cast by 80% of voters.",
)


def test_phrase_folding_and_frame_cues_equal_the_plain_walk() -> None:
    folded = 0
    for text in (*PHRASED, *corpus_lines()):
        words = [w for w in re.findall(r"[^\W_]+", text) if w.lower() not in STOPWORDS]
        tokens = [normalise_module.canonical_stem(w.lower()) for w in words]
        fast = normalise_module._fold_phrases(tokens, words)
        assert fast == normalise_module._fold_phrases_walk(tokens, words), text
        folded += fast[0] != tokens
        assert frames.frame_cues(text) == _plain_frame_cues(text), text
    assert folded >= 1


@pytest.mark.parametrize(
    ("text", "tokens", "negated"),
    [
        # camel case split, a compound joined, a value's words replaced by its token
        (
            "MuseSpark rose 7% in a photo-realistic demo",
            ("muse", "spark", "rise", "7%", "photo", "realist", "photorealist"),
            (),
        ),
        ("The non-binding vote was not unanimous", ("bind", "vote", "unanim"), ("bind", "unanim")),
        ("A nonprofit group", ("nonprofit", "group"), ("profit",)),
    ],
)
def test_normalise_walks_words_around_values_and_negations(
    text: str, tokens: tuple[str, ...], negated: tuple[str, ...]
) -> None:
    norm = normalise_module.normalise(text)
    assert norm.tokens[: len(tokens)] == tokens
    assert set(negated) <= norm.negated


def _fold_one_at_a_time(text: str) -> str:
    """The fold as it was written: quotes and dashes, then each other character's NFKC form
    where that is one character."""
    out = []
    for char in text.translate(normalise_module._FOLD):
        folded = unicodedata.normalize("NFKC", char)
        out.append(char if char.isascii() or len(folded) != 1 else folded)
    return "".join(out)


def test_the_fold_table_folds_every_character_as_one_at_a_time() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    ascii_only = "".join(map(chr, range(128)))
    for text in (every, ascii_only, "It’s “ﬁne” — `quoted` ①", "plain ASCII `text`", "Mbappé’s ⅷ"):
        assert normalise_module._fold(text) == _fold_one_at_a_time(text)
    assert normalise_module._fold("“ﬁ” ①") == '"ﬁ" 1'  # "ﬁ" is two letters in NFKC: kept


def test_the_plain_word_walk_equals_the_walk_with_offsets() -> None:
    """A text without values, camel case or compounds is walked without offsets: the same
    tokens, words and negations as the walk that tracks them."""
    plain = 0
    for text in (*PHRASED, *corpus_lines(), "It was not a non-stop, isn’t it? Never again and no"):
        folded = normalise_module._fold(text)
        if normalise_module.extract_values(folded) or normalise_module._CAMEL.search(folded) or "-" in folded:
            continue
        plain += 1
        walked = normalise_module._walk(folded, folded, (), False, {})
        assert normalise_module._walk_plain(folded) == walked, text
    assert plain >= 100


def test_the_word_for_a_token_is_the_first_occurrence() -> None:
    for text in (*PHRASED, *corpus_lines()[:400]):
        norm = normalise_module.normalise(text)
        assert len(norm.tokens) == len(norm.words)
        for token in (*norm.tokens, "absent-token"):
            first = next((w for t, w in zip(norm.tokens, norm.words, strict=True) if t == token), token)
            assert norm.word_for(token) == first, text


_WALK_PIECES = [*"abn'’ .,", "not", "non", "and", "isn't", "Never", "vote", "Ünter"]


@given(text=st.lists(st.sampled_from(_WALK_PIECES)).map("".join))
@settings(max_examples=300)
def test_the_plain_word_walk_equals_the_walk_on_any_text(text: str) -> None:
    folded = normalise_module._fold(text)
    assert normalise_module._walk_plain(folded) == normalise_module._walk(folded, folded, (), False, {})


def test_the_plain_word_walk_between_values_equals_the_walk_with_offsets() -> None:
    """Values apart from the words around them are walked as the text between them: the same
    tokens, words and negations as the walk that tracks every word's offset."""
    between = 0
    for text in (*PHRASED, *corpus_lines(), "Not 5 of them, isn’t it 7% or $3bn? Never 2 and no"):
        folded = normalise_module._fold(text)
        found = normalise_module.extract_values(folded)
        if not found or normalise_module._CAMEL.search(folded) or not normalise_module._apart(folded, found):
            continue
        between += 1
        walked = normalise_module._walk(folded, folded, found, False, {})
        assert normalise_module._walk_plain(folded, found) == walked, text
    assert between >= 100


@given(
    text=st.lists(st.sampled_from([*_WALK_PIECES, "5", "x5", "’7", "0'"])).map("".join),
    cuts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
)
@example(text="ab cd ef", cuts=[(0, 5), (2, 3)])  # overlapping: "cd" lies in the first
@example(text="ab cd ef", cuts=[(1, 4)])  # across words
@settings(max_examples=500)
def test_the_walk_between_any_values_equals_the_walk(text: str, cuts: list[tuple[int, int]]) -> None:
    """Spans anywhere (inside words, overlapping, empty): where :func:`_apart` lets them through,
    the walk between them is the walk with offsets."""
    folded = normalise_module._fold(text)
    spans = sorted((min(a, b, len(folded)), min(max(a, b), len(folded))) for a, b in cuts)
    found = tuple(values.Value("number", 1.0, "", "eq", folded[s:e], s, e) for s, e in spans)
    if normalise_module._apart(folded, found):
        walked = normalise_module._walk(folded, folded, found, False, {})
        assert normalise_module._walk_plain(folded, found) == walked


def _plain_names(folded: str) -> tuple[tuple[str, int, int], ...]:
    """:func:`normalise._names` as it was written before its lookups were merged."""
    found: list[tuple[str, int, int]] = []
    for match in normalise_module._NAME.finditer(folded):
        start, phrase = match.start(), match.group(0)
        while True:
            head, _, rest = phrase.partition(" ")
            if rest and (head.lower() in STOPWORDS or head.lower() in values.MONTHS):
                start += len(head) + 1
                phrase = rest.lstrip()
                continue
            break
        words = phrase.split()
        if (start == 0 and len(words) == 1) or phrase.lower() in STOPWORDS or phrase.lower() in values.MONTHS:
            continue
        found.append((phrase, start, start + len(phrase)))
    return tuple(found)


_NAME_PIECES = ["In ", "The ", "May ", "Sept ", "Of ", "Paris", "Olympics", " ", "\t", "’s", "said", "It"]


@example(phrase="The Said In May ")
@given(phrase=st.lists(st.sampled_from(_NAME_PIECES), max_size=12).map("".join))
def test_names_are_the_plain_rule(phrase: str) -> None:
    for text in (phrase, f"x {phrase}", *corpus_lines()[:50]):
        assert normalise_module._names(text) == _plain_names(text), text


def test_plain_paragraphs_do_not_load_the_sentence_splitter() -> None:
    """syntok (and the regex package under it) is imported only for a paragraph with an
    abbreviation, initial or ellipsis before a break; the seeds have none."""
    code = (
        "import sys\nfrom tui.core.pipeline import compare\ncompare(['seeds'])\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('syntok', 'regex')))"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
    from tui.core.segment import _sentence_spans

    text = "Dr. Wells spoke. The U.S. agreed."
    assert list(_sentence_spans(text, 0, len(text))) == [(0, 16), (17, 33)]  # syntok's answer


# --- started patterns: the look-ahead never turns a match away ---------------------------


def _started_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module in (values, clauses, normalise_module, attribution):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and patterns.PREFIX.match(value.pattern):
                found.append((f"{module.__name__}.{name}", value))
    return found


def _alone(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without its look-ahead."""
    prefix = patterns.PREFIX.match(pattern.pattern)
    assert prefix is not None and pattern.pattern.endswith(")")
    return re.compile(pattern.pattern[prefix.end() : -1], pattern.flags)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


STARTED = _started_patterns()

# Words and marks the value grammar and the clause splitter look for, odd capitals (which
# match ASCII letters only case-insensitively) and plain filler, joined at random.
_WORDS = [
    *"0123456789.,;:-–—$€£¥₹%()'\"“”’ ",
    *"İıſK\u212a\u0660ⅷ",
    "US$", "HK$", "Rs.", "USD", "EUR", "five", "Twenty", "one", "a", "an", "hundred", "bn", "m",
    "million", "km", "miles per hour", "°C", "per cent", "January", "Sept.", "3rd", "first",
    "second-largest", "half", "a third of", "dozens", "tens of thousands", "noon", "5:40 p.m.",
    "GMT", "local time", "yesterday", "last Monday", "in March", "magnitude", "4-2", "years",
    "one month and nine days", "more than a week", "and", "but", "which", "according to",
    "said", "Officials", "The", "ſix", "fıve", "SEPTEMBER", "Category", "$5", "£15.8 billion",
    "€.5m", "scores", "hundreds of", "Rs 615 crore", "12:30", "1130 GMT",
    "S&P 500", "Falcon 9", "F-35", "midnight", "level 3", "today", "Tomorrow", "2024-03-04", "80th",
    "usd5", "rs5", "MAY", "dec", "Third", "Poor's 500", "US$", "HK$5", "12abc", "x$", "an",
    "as", "he", "She", "I", "they", "After", "though", "it", "won", "\t",
    "Monday", "birthday", "days", "hourly", "weekend", "ninth", "Fourth", "Tuesday's", "Yesterday,",
]  # fmt: skip
_PIECES = st.sampled_from(_WORDS)
_TEXTS = st.lists(_PIECES, max_size=30).map(lambda parts: "".join(parts))
_SPACED = st.lists(_PIECES, max_size=30).map(" ".join)


def test_every_started_pattern_is_found() -> None:
    names = {name.rsplit(".", 1)[1] for name, _ in STARTED}
    assert {"_FIGURE", "_FIGURE_DIGITS", "_DATE", "_TIME", "_BOUNDARY", "_SPEAKER"} <= names


# The number-word pattern as it was written: one alternation of the words, longest first.
_NUMBER_WORD_ALTERNATION = re.compile(rf"\b(?:{values._NUMBER_WORD})")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued=_TEXTS, spaced=_SPACED)
def test_number_words_grouped_by_first_letter_match_as_the_plain_alternation(glued: str, spaced: str) -> None:
    every = " ".join(sorted(values.NUMBER_WORDS))  # "seventeen" is not "seven"
    for text in (glued, spaced, spaced.lower(), every, every.replace(" ", ""), *corpus_lines()[:50]):
        lower = text.lower()
        assert _matches(values._NUMBER_WORD_RE, lower) == _matches(_NUMBER_WORD_ALTERNATION, lower), text


def test_alternation_by_first_letter_prefers_the_longest_word() -> None:
    pattern = re.compile(patterns.by_first_letter(["six", "sixty", "seven", "seventeen", "a.b"]))
    assert [m.group(0) for m in pattern.finditer("sixty seventeen six a.b axb")] == [
        "sixty", "seventeen", "six", "a.b"
    ]  # fmt: skip


# The name pattern as it was written, with a word boundary before the capital.
_NAME_AT_BOUNDARY = re.compile(
    r"\b(?:[A-Z][\w’'&.-]*[^\W_]|[A-Z])(?:\s+(?:of\s+|de\s+|[A-Z]\.\s+)?[A-Z][\w’'&.-]*[^\W_])*"
)


def _name_and_camel_agree(text: str) -> None:
    assert _matches(normalise_module._NAME, text) == _matches(_NAME_AT_BOUNDARY, text), text
    camel = normalise_module._CAMEL.search(text)
    assert (camel is None) == (normalise_module._CAMEL_AT.search(text) is None), text


def test_names_and_camel_case_are_found_as_the_plain_patterns_find_them_on_articles() -> None:
    lines = corpus_lines()
    for text in lines:
        _name_and_camel_agree(text)
    assert sum(bool(_NAME_AT_BOUNDARY.search(t)) for t in lines) > 100
    assert sum(bool(normalise_module._CAMEL.search(t)) for t in lines) > 3


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued=_TEXTS, spaced=_SPACED, capitals=st.text(alphabet="AaBé_-.’' \n\tOf", max_size=20))
def test_names_and_camel_case_are_found_as_the_plain_patterns_find_them_on_any_text(
    glued: str, spaced: str, capitals: str
) -> None:
    for text in (glued, spaced, capitals, "MuseSpark " + glued):
        _name_and_camel_agree(text)


@pytest.mark.parametrize(("name", "pattern"), STARTED, ids=[name for name, _ in STARTED])
def test_started_patterns_match_as_the_pattern_alone_on_articles(name: str, pattern: re.Pattern[str]) -> None:
    alone = _alone(pattern)
    hits = 0
    for text in corpus_lines():
        expected = _matches(alone, text)
        assert _matches(pattern, text) == expected, (name, text)
        hits += bool(expected)
    assert hits > 0, name  # the corpus exercises the pattern


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued=_TEXTS, spaced=_SPACED)
def test_started_patterns_match_as_the_pattern_alone_on_any_text(glued: str, spaced: str) -> None:
    for name, pattern in STARTED:
        alone = _alone(pattern)
        for text in (glued, spaced, spaced.upper(), spaced.lower()):
            assert _matches(pattern, text) == _matches(alone, text), (name, text)


# Every entry of the value grammar's tables, in the shape the grammar reads it: the screens in
# front of the figure and duration patterns are derived from these tables, and a screen that
# lacked an entry's first character would turn that entry's matches away.
_TABLE_TEXTS = {
    "_FIGURE": [
        *(f"paid {sign}5 million" for sign in values._CURRENCY_SIGNS),
        *(f"paid {code} 5 million" for code in values._CURRENCY_CODES),
        *(f"{word} dozen percent" for word in values._NUMBER_WORD_STARTS),
    ],
    "_FIGURE_DIGITS": [
        *(f"paid {sign}5 million" for sign in values._CURRENCY_SIGNS),
        *(f"paid {code} 5 million" for code in values._CURRENCY_CODES),
    ],
    "_COMPOUND_DURATION": [
        f"for {word} years and {word} days" for word in ("a", "an", "one", "2", *values._SMALL)
    ],
}


@pytest.mark.parametrize("name", sorted(_TABLE_TEXTS))
def test_value_screens_let_every_table_entry_through(name: str) -> None:
    pattern: re.Pattern[str] = getattr(values, name)
    alone = _alone(pattern)
    for text in _TABLE_TEXTS[name]:
        for case in (text, text.upper(), text.title()):
            expected = _matches(alone, case)
            assert expected, (name, case)  # the text is one the pattern reads
            assert _matches(pattern, case) == expected, (name, case)


_CONTROLLED = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x1b[]\\\x07\x00\t\n\x7f\x85\x9f\u202a\u202e\u2066\u2069\u2028\xa0 ;0m"),
    ),
    max_size=60,
)


@given(text=_CONTROLLED)
@settings(max_examples=400)
def test_strip_controls_skips_only_text_with_nothing_to_delete(text: str) -> None:
    from tui.core.display import _CONTROL, strip_controls

    assert strip_controls(text) == _CONTROL.sub("", text)


def test_strip_controls_matches_the_pattern_on_article_text() -> None:
    from tui.core.display import _CONTROL, strip_controls

    for line in corpus_lines():
        assert strip_controls(line) == _CONTROL.sub("", line)


def _plain_word_role(raw: str) -> tuple[int, bool, str | None, str | None] | None:
    """The word walk's rule for one word as it was written inline, check by check."""
    from tui.core.normalise import _NEG_PREFIX, _NEGATORS, _PLAIN_STOPWORDS
    from tui.core.words import canonical_stem

    word = raw.lower().replace("’", "'")
    if word in _PLAIN_STOPWORDS:
        return None
    if word in _NEGATORS or word.endswith("n't"):
        return (2, False, None, None)
    if word == "non":
        return (1, False, None, None)
    resets = word in ("and", "but", "or")
    prefix = _NEG_PREFIX.match(word) if word.startswith("non") else None
    if word in STOPWORDS:
        return (0, resets, None, None)
    unprefixed = stem(word[prefix.end() :].lstrip("-")) if prefix else None
    return (0, resets, canonical_stem(word.replace("'", "")), unprefixed)


def test_word_roles_are_the_plain_rule() -> None:
    words = {m.group(0) for line in corpus_lines() for m in WORD.finditer(line)}
    words |= {"Non-Violent", "nonprofit", "isn’t", "AND", "Non", "non", "won't", "Never", "non-stop"}
    for word in words:
        assert normalise_module._word_role(word) == _plain_word_role(word), word


@given(word=st.from_regex(WORD, fullmatch=True))
@settings(max_examples=300)
def test_word_roles_are_the_plain_rule_on_any_word(word: str) -> None:
    assert normalise_module._word_role(word) == _plain_word_role(word)


# --- the value grammar's screens: a pattern skipped, or read in a narrower form, only where
# the full pattern finds nothing more ------------------------------------------------------

_NARROWER = (
    # (screen, narrower pattern or None for "skipped", the full pattern)
    (values._no_currency, "_FIGURE_PLAIN", "_FIGURE_DIGITS"),
    (values._no_currency, "_FIGURE_WORDS_PLAIN", "_FIGURE"),
    (lambda text, lower: values._absent(text, lower, values._MONTH_STARTS), "_DATE_DIGITS", "_DATE"),
    (lambda text, lower: values._absent(text, lower, values._NOON_WORDS), "_TIME_DIGITS", "_TIME"),
    (lambda text, lower: values._absent(text, lower, values._LEFT_UNIT_WORDS), None, "_LEFT_UNIT"),
    (lambda text, lower: values._absent(text, lower, values._RELATIVE_WORDS), None, "_RELATIVE_DAY"),
    (lambda text, lower: not values._may_have_ordinal(text, lower), None, "_ORDINAL"),
    (lambda text, lower: "-" not in text and "–" not in text, None, "_SCORE"),
    (lambda text, _: "500" not in text and values._LETTER_DIGIT.search(text) is None, None, "_GLUED_NAME"),
    (lambda text, lower: values._LETTER_SPACE_DIGIT.search(text) is None, None, "_NAME_NUMBER"),
    (
        lambda text, lower: (
            values._absent(text, lower, values._NOON_WORDS)
            and ":" not in text
            and values._TIME_MARK.search(text) is None
        ),
        None,
        "_TIME_DIGITS",
    ),
    (lambda text, _: not values._may_have_bare_month(text), None, "_BARE_MONTH"),
)


# The word screens of extract_values as the patterns they were written as.
_DAY_WORD = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day\b|[Yy]esterday|[Tt]oday|[Tt]omorrow"
)
_SPECIAL_WORD = re.compile(
    r"dozens|scores|hundreds|thousands|millions|billions|half|third|quarter|fifth|tenth|first|second|fourth"
    r"|sixth|seventh|eighth|ninth"
)
_DURATION_HINT = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?)\b")


def _plain_is_headline(text: str) -> bool:
    long_words = [w for w in values._LATIN_WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _plain_bound(before: str) -> str:
    """``values._bound`` as it was written: the four patterns on the last 24 characters."""
    tail = before[-24:].lower()
    if values._NO_MORE_THAN.search(tail):
        return "le" if "more" in tail[-16:] else "ge"
    for pattern, bound in ((values._GE, "ge"), (values._LE, "le"), (values._APPROX, "approx")):
        if pattern.search(tail):
            return bound
    return "eq"


def _bound_phrases() -> list[str]:
    """Every phrase of the bound patterns, read from their text."""
    phrases = [f"no {word} than" for word in ("more", "fewer", "less")]
    for pattern in (values._GE, values._LE, values._APPROX):
        body = pattern.pattern.removeprefix("(?:").removesuffix(r")\s*$")
        phrases += body.split("|")
    return phrases


def test_every_bound_phrase_passes_the_bound_screen() -> None:
    phrases = _bound_phrases()
    assert "surpassed" in phrases and "~" in phrases and "an approximate" in phrases
    for phrase in phrases:
        for text in (f"{phrase} 5", f"It rose {phrase}  5", f"X{phrase.upper()}\t5"):
            at = len(text) - 1
            assert values._bound(text, at) == _plain_bound(text[:at]) != "eq", text


def test_every_cue_of_a_bare_month_passes_its_screen() -> None:
    cues = re.search(r"\(\?i:([^)]*)\)", values._BARE_MONTH.pattern)
    assert cues is not None
    for cue in cues.group(1).split("|"):
        for text in (f"Prices fell {cue} March.", f"{cue.title()}  March", f"it ended {cue}-June"):
            if values._BARE_MONTH.search(text) is not None:
                assert values._may_have_bare_month(text), text
        assert values._BARE_MONTH.search(f"Prices fell {cue} March."), cue


def test_context_words_are_the_plain_rule() -> None:
    def plain(text: str, start: int, end: int) -> frozenset[str]:
        before = values._WORD.findall(text[max(0, start - 40) : start])[-3:]
        after = values._WORD.findall(text[end : end + 30])[:2]
        return frozenset(
            canonical_stem(w)
            for w in (w.lower() for w in (*before, *after))
            if w not in STOPWORDS and not w[:1].isdigit() and w not in values._SCALE_WORDS
            and w not in values._CURRENCY_WORDS
        )  # fmt: skip

    checked = 0
    for text in corpus_lines()[:3000]:
        for value in values.extract_values(text):
            checked += 1
            assert values._context(text, value.start, value.end) == plain(text, value.start, value.end)
    assert checked > 200


def _check_screens(text: str, used: list[int] | None = None) -> None:
    lower = text.lower()
    assert values._may_name_a_day(text) == (_DAY_WORD.search(text) is not None), text
    assert any(w in lower for w in values._SPECIAL_WORDS) == (_SPECIAL_WORD.search(lower) is not None), text
    during = any(w in lower for w in values._DURATION_STEMS) and values._DURATION_HINT.search(lower)
    assert bool(during) == (_DURATION_HINT.search(lower) is not None), text
    if clauses._commas_only(text):
        expected = _matches(clauses._BOUNDARY, text)
        assert _matches(clauses._COMMA_BOUNDARY, text) == expected, text
        assert expected == [] or "," in text or ":" in text, text
    if text.isascii():
        number_words = [m.start() for m in values._NUMBER_WORD_RE.finditer(lower)]
        for name, currency in (("_FIGURE", True), ("_FIGURE_WORDS_PLAIN", False)):
            if not currency and not values._no_currency(text, lower):
                continue
            pattern = getattr(values, name)
            starts = values._figure_word_starts(lower, number_words, currency)
            found = [(m.span(), m.groupdict()) for m in values._figure_matches(pattern, text, starts)]
            assert found == _matches(pattern, text), (name, text)
    # Patterns tried only where a match can start give what finditer gives.
    dates = [(m.span(), m.groupdict()) for m in values._date_matches(text, lower)]
    assert dates == _matches(values._DATE, text), text
    starts = values._name_number_starts(text)
    names = [(m.span(), m.groupdict()) for m in values._matches_at(values._NAME_NUMBER, text, starts)]
    assert names == _matches(values._NAME_NUMBER, text), text
    assert values._is_headline(text) == _plain_is_headline(text), text
    for at in range(len(text) + 1):
        assert values._bound(text, at) == _plain_bound(text[:at]), (text, at)
    for n, (screen, narrower, full) in enumerate(_NARROWER):
        if not screen(text, lower):
            continue
        expected = _matches(getattr(values, full), text)
        if narrower is None:
            assert expected == [], (full, text)
        else:
            assert _matches(getattr(values, narrower), text) == expected, (narrower, text)
        if used is not None and (expected or narrower is None):
            used[n] += 1


def test_value_screens_skip_only_what_cannot_match_on_articles() -> None:
    used = [0] * len(_NARROWER)
    for text in (*corpus_lines(), *(normalise_module._fold(line) for line in corpus_lines())):
        _check_screens(text, used)
    # Every screen is exercised: it skipped a pattern, or its narrower form found a match.
    assert all(count > 0 for count in used), used
    assert sum(map(clauses._commas_only, corpus_lines())) > 100
    assert not clauses._commas_only("He left as they said he would")  # a subordinate clause


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued=_TEXTS, spaced=_SPACED)
def test_value_screens_skip_only_what_cannot_match_on_any_text(glued: str, spaced: str) -> None:
    for text in (glued, spaced, spaced.upper(), spaced.lower(), spaced.title()):
        _check_screens(text)


@given(text=st.text(max_size=40))
@settings(max_examples=300)
def test_value_screens_on_arbitrary_characters(text: str) -> None:
    _check_screens(text)


def _without_unit_screen(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    pattern: re.Pattern[str] = getattr(values, name)
    assert values._UNIT_RE in pattern.pattern, name
    plain = pattern.pattern.replace(values._UNIT_RE, f"(?:{values._UNIT_ALTERNATIVES})")
    return pattern, re.compile(plain, pattern.flags)


_UNIT_TEXTS = [
    text
    for unit in values._UNITS
    for text in (f"rose 5 {unit} and", f"a 10-{unit} walk", f"five {unit}", f"$5 {unit}", f"7{unit}")
]


@pytest.mark.parametrize("name", ["_FIGURE", "_FIGURE_DIGITS", "_FIGURE_PLAIN", "_FIGURE_WORDS_PLAIN"])
def test_the_unit_screen_turns_no_unit_away(name: str) -> None:
    pattern, plain = _without_unit_screen(name)
    units = 0
    for text in (*_UNIT_TEXTS, *corpus_lines()):
        for case in (text, text.upper(), text.title()):
            expected = _matches(plain, case)
            assert _matches(pattern, case) == expected, (name, case)
            units += any(groups.get("unit") or groups.get("wunit") for _, groups in expected)
    assert units > len(values._UNITS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued=_TEXTS, spaced=_SPACED)
def test_the_unit_screen_turns_no_unit_away_on_any_text(glued: str, spaced: str) -> None:
    for name in ("_FIGURE", "_FIGURE_WORDS_PLAIN"):
        pattern, plain = _without_unit_screen(name)
        for text in (glued, spaced, spaced.upper()):
            assert _matches(pattern, text) == _matches(plain, text), (name, text)


_CUE_WORDS = st.sampled_from(
    [
        *"lost their lives per each a share VMware Tesla of the votes counted bodies Bodies body "
        "killed Died injured on board home to took days 5 people ’s said".split(),
        "lost  their",
        "per-share",
        "Lost Their Lives",
    ]
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_CUE_WORDS, max_size=25))
def test_frame_cues_equal_the_plain_walk_on_any_words(words: list[str]) -> None:
    text = " ".join(words)
    assert frames.frame_cues(text) == _plain_frame_cues(text)


def test_a_value_with_its_context_keeps_every_other_field() -> None:
    """``_with_context`` spells out Value's fields to skip ``dataclasses.replace``; a field
    added to Value and not to it would be dropped silently."""
    from dataclasses import fields, replace

    from tui.core.values import _with_context, extract_values

    text = "About 5.2 km away, 40% of the $3.5 billion fund and 12 people on 3 May 2024"
    for value in extract_values(text):
        context = frozenset({"fund", "people"})
        made, plain = _with_context(value, context), replace(value, context=context)
        assert made == plain
        assert all(getattr(made, f.name) == getattr(plain, f.name) for f in fields(value))


@settings(max_examples=300, deadline=None)
@given(
    taken=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=6),
    start=st.integers(0, 12),
    end=st.integers(0, 12),
)
@example(taken=[(0, 3)], start=3, end=5)  # touching spans do not overlap
@example(taken=[(3, 5)], start=0, end=3)
def test_a_span_is_free_when_it_overlaps_no_taken_span(
    taken: list[tuple[int, int]], start: int, end: int
) -> None:
    spans = values._Spans()
    for span in taken:
        spans.take(*span)
    assert spans.free(start, end) == all(end <= s or start >= e for s, e in taken)
