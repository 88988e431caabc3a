"""Bytes to text: detect the encoding, normalise newlines, reject what is not text."""

from __future__ import annotations

import codecs
import re

from tui.core.errors import InputError
from tui.core.patterns import compiled

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of common binary formats that a misnamed file may carry.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"\x00\x00\x01\x00",
)

# Legacy encodings in wide use for articles (the WHATWG set minus the rare ones).
_COMMON_ENCODINGS = (
    "utf_16",
    "utf_32",
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8_r",
    "iso8859_15",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode ``data``, repair mojibake, and normalise ``\\r\\n`` and lone ``\\r`` to ``\\n``.

    UTF-8 is tried first because it is by far the most common and a strict
    decode of it almost never succeeds by accident; text that is mostly UTF-8 keeps
    its UTF-8 and has its damaged spots repaired or marked. Only then is
    charset-normalizer asked to guess (cp1252, latin-1, UTF-16 without BOM ...).
    """
    text = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        # NUL never belongs in an article; a few of them are damage, many mean binary.
        if text.count("\x00") > _tolerated(len(text)):
            raise InputError(path, "looks like a binary file, not text")
        text = text.replace("\x00", "")
    return repair_mojibake(text)


# UTF-8 read as cp1252/latin-1 leaves a lead byte's letter (Â..ô) followed by what a
# continuation byte (0x80-0xBF) reads as there: a C1 or Latin-1 symbol or one of cp1252's
# punctuation marks. Ordinary text almost never has that pair, so only lines with it are
# handed to ftfy, which then decides; ftfy on every accented line cost seconds per MB.
_MOJIBAKE_HINT = compiled(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


MAX_REPAIRED_LINES = 5000
"""Lines handed to ftfy per article (about 0.3 ms each); later ones are left as they are."""


def repair_mojibake(text: str) -> str:
    """Undo text that was decoded with the wrong code page before it reached us
    (``â€™`` for ``’``, ``Ã©`` for ``é``), line by line with ftfy.

    Only ftfy's encoding repair runs: quotes, ligatures and widths are left as written.
    A text that is mojibake throughout is undone in one step when it can be.
    """
    if text.isascii() or _MOJIBAKE_HINT.search(text) is None:
        return text
    whole = _undo_whole(text)
    if whole is not None:
        return whole
    import ftfy

    lines = text.split("\n")
    budget = MAX_REPAIRED_LINES
    for i, line in enumerate(lines):
        if budget and _MOJIBAKE_HINT.search(line):
            budget -= 1
            fixed = ftfy.fix_encoding(line)
            if "\n" not in fixed:
                lines[i] = fixed
    return "\n".join(lines)


def _undo_whole(text: str) -> str | None:
    # The usual accident, UTF-8 saved after being read as cp1252, reverses exactly; ftfy
    # would reach the same result line by line, far more slowly on a long text.
    try:
        undone = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return undone if _MOJIBAKE_HINT.search(undone) is None else None


def _tolerated(length: int) -> int:
    """How many damaged characters a text of ``length`` may have before it counts as binary."""
    return max(8, length // 100)


def _decode(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # A stray trailing byte or a lone surrogate is damage, not a reason to refuse
            # the article: mark it with U+FFFD unless so much is damaged that it is not text.
            text = data.decode(encoding, errors="replace")
            if text.count("\ufffd") > _tolerated(len(text)):
                raise InputError(path, f"invalid {encoding.upper()} text")
            return text
    if data.startswith(_BINARY_MAGIC):
        raise InputError(path, "looks like a binary file (image, archive or executable), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    from charset_normalizer import from_bytes

    # Ask about the encodings news text really comes in first: unrestricted, the
    # detector happily picks mac_latin2 or cp775 for a short French cp1252 file.
    sample = data[:200_000]
    common = from_bytes(sample, cp_isolation=list(_COMMON_ENCODINGS))
    best = common.best() or from_bytes(sample).best()
    if best is None:
        raise InputError(path, "looks like a binary file, not text")
    # Western text is often equally plausible as cp1250 ("pčre" for "père"); on a tie,
    # take cp1252, the legacy default for unlabelled Western pages (WHATWG), unless it
    # yields the Icelandic letters that Turkish or Czech bytes turn into.
    for match in common:
        if (
            match.encoding == "cp1252"
            and (match.chaos, -match.coherence) <= (best.chaos, -best.coherence)
            and not any(ch in str(match) for ch in "ýþðÝÞÐ")
        ):
            best = match
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


_ESCAPED_RUN = compiled("[\udc80-\udcff]+")
_MAX_REPAIRED_RUN = 3


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with some bytes of a legacy code page mixed in (a cp1252 quote pasted into
    a UTF-8 file), decoded as UTF-8 with each damaged spot repaired or marked; ``None`` when
    UTF-8 is not the dominant encoding.

    Short runs of invalid bytes (at most three) that read as cp1252 text are decoded as
    cp1252: that is what such bytes almost always are. Longer runs, and bytes that are never
    text in cp1252, become U+FFFD, one per byte.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    runs = _ESCAPED_RUN.findall(escaped)
    damaged = sum(map(len, runs))
    if damaged > max(8, len(data) // 20):
        return None  # a twentieth of the bytes invalid: another encoding, or not text at all
    multibyte = sum(1 for ch in escaped if ch >= "\x80" and not "\udc80" <= ch <= "\udcff")
    if not multibyte:
        return None
    short = all(len(run) <= _MAX_REPAIRED_RUN for run in runs)
    if multibyte < len(runs) and not short:
        return None
    return _ESCAPED_RUN.sub(_repair_run, escaped)


def _repair_run(match: re.Match[str]) -> str:
    raw = bytes(ord(ch) - 0xDC00 for ch in match.group())
    if len(raw) <= _MAX_REPAIRED_RUN and not any(b in raw for b in (0xFE, 0xFF)):
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are not cp1252 characters
    return "\ufffd" * len(raw)
