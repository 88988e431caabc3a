"""Property tests: any text or bytes either fail with InputError or yield valid offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.core.decode import decode_bytes
from tui.core.display import clean
from tui.core.errors import InputError
from tui.core.ingest import TextInput, load
from tui.core.models import Article
from tui.core.segment import segment

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Article-like text with the characters that break parsers: controls, escapes, CR, NUL,
# bidi overrides, combining marks, wide characters and sentence punctuation.
_ALPHABET = st.one_of(
    st.characters(),  # includes lone surrogates, which a str from JSON may carry
    st.sampled_from(list("\x00\x07\x08\x1b\r\n\t \u202e\u0301\u3000。.!?[]\\\"'")),
    st.sampled_from(list("ab T.%78 ")),
)
texts = st.text(alphabet=_ALPHABET, max_size=400)
wordy = st.lists(
    st.one_of(
        st.sampled_from(["Ferry", "opens", "on", "4", "March", ".", "\n\n", "said", "7%", "Mr.", "\r"]),
        texts,
    ),
    max_size=40,
).map(" ".join)


def assert_offsets(article: Article) -> None:
    text = article.text
    for paragraph in article.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(text)
        assert clean(text[paragraph.start : paragraph.end]) == paragraph.text
        for sentence in paragraph.sentences:
            assert paragraph.start <= sentence.start <= sentence.end <= paragraph.end
            assert clean(text[sentence.start : sentence.end]) == sentence.text


@PROPERTY_SETTINGS
@given(st.one_of(texts, wordy))
def test_text_segments_with_valid_offsets(text: str) -> None:
    try:
        document = load(TextInput(text), 0)
    except InputError:
        return
    assert_offsets(segment(document, "a0"))


@PROPERTY_SETTINGS
@given(st.binary(max_size=600))
def test_bytes_decode_or_refuse(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x.txt")
    except InputError:
        return
    assert "\r" not in text and "\x00" not in text
    try:
        document = load(TextInput(text), 0)
    except InputError:
        return
    assert_offsets(segment(document, "a0"))


@PROPERTY_SETTINGS
@given(st.one_of(texts, wordy), st.one_of(texts, wordy))
def test_compare_never_raises_anything_else(t1: str, t2: str) -> None:
    try:
        comparison = tui.compare([TextInput(t1), TextInput(t2)])
    except InputError:
        return
    for article in comparison.articles:
        assert_offsets(article)
    for claim in comparison.claims:
        for sid in claim.sentence_ids:
            assert sid in comparison.sentence_by_id
