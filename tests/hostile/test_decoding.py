"""Damaged and mixed encodings: the dominant encoding wins, damaged spots are repaired
or marked with U+FFFD, and mojibake is undone before analysis."""

from __future__ import annotations

import codecs
import random

import pytest

from tui.core.decode import decode_bytes
from tui.core.errors import InputError

UTF8_LINES = "Le café du port ouvre à Zürich. Ça coûte 3 € ; naïve façade.\n" * 3
CP1252_LINE = "Prices rose “sharply” on Tuesday – traders said.\n"


@pytest.mark.parametrize("where", ["after", "before", "between"])
def test_utf8_with_a_few_cp1252_bytes_keeps_its_utf8_and_repairs_the_rest(where: str) -> None:
    good, bad = UTF8_LINES.encode("utf-8"), CP1252_LINE.encode("cp1252")
    data = {"after": good + bad, "before": bad + good, "between": good + bad + good}[where]
    text = decode_bytes(data, "mixed.txt")
    assert UTF8_LINES in text, text  # the valid UTF-8 lines are not garbled
    assert CP1252_LINE in text, text  # the cp1252 quotes and dash are read as cp1252


def test_utf8_damage_that_is_not_cp1252_text_is_marked() -> None:
    data = "Zoë said café.\n".encode() + b"The f\xff\xfery left.\n"
    text = decode_bytes(data, "damaged.txt")
    assert "Zoë said café." in text and "f\ufffd\ufffdry" in text  # \xfe ate the "e"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Harbour officials said the terminal opens.".encode("utf-16-le") + b"A",
        codecs.BOM_UTF16_LE
        + "Harbour officials".encode("utf-16-le")
        + b"\x00\xd8"  # a lone high surrogate
        + " said the terminal opens.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Harbour officials said the terminal opens.".encode("utf-16-be") + b"\x00",
    ],
    ids=["stray trailing byte", "lone surrogate", "big-endian stray byte"],
)
def test_damaged_utf16_is_marked_not_refused(data: bytes) -> None:
    text = decode_bytes(data, "u16.txt")
    assert "Harbour officials" in text and "terminal opens." in text
    assert text.count("\ufffd") == 1


def test_utf16_that_is_mostly_damage_is_still_refused() -> None:
    data = codecs.BOM_UTF16_LE + b"\x00\xd8" * 200
    with pytest.raises(InputError):
        decode_bytes(data, "junk.txt")


@pytest.mark.parametrize(
    ("mojibake", "repaired"),
    [
        ("The CEOâ€™s plan", "The CEO’s plan"),
        ("It cost Â£5 million", "It cost £5 million"),
        ("CafÃ© owners were pleased", "Café owners were pleased"),
    ],
)
def test_mojibake_is_repaired_before_analysis(mojibake: str, repaired: str) -> None:
    assert decode_bytes(f"{mojibake}.\n".encode(), "m.txt") == f"{repaired}.\n"


def test_correct_text_is_left_as_written() -> None:
    text = "“Quoted” — ﬁne, naïve Dvořák, 北京, مرحبا, Â is a letter here? No: Âge.\n"
    assert decode_bytes(text.encode(), "ok.txt") == text


def test_random_bytes_are_still_refused_as_binary() -> None:
    data = random.Random(7).randbytes(4000)
    with pytest.raises(InputError):
        decode_bytes(data, "noise.txt")


def test_mojibake_beside_correct_accents_is_repaired_line_by_line() -> None:
    text = "Le café a dit : « The CEOâ€™s plan »\nZürich reste Zürich.\n"
    expected = "Le café a dit : « The CEO’s plan »\nZürich reste Zürich.\n"
    assert decode_bytes(text.encode(), "mixed.txt") == expected
