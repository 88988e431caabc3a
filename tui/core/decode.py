"""Bytes to text: detect the encoding, normalise newlines, reject what is not text."""

from __future__ import annotations

import codecs

from tui.core.errors import InputError

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
    """Decode ``data`` and normalise ``\\r\\n`` and lone ``\\r`` to ``\\n``.

    UTF-8 is tried first because it is by far the most common and a strict
    decode of it almost never succeeds by accident; only then is
    charset-normalizer asked to guess (cp1252, latin-1, UTF-16 without BOM ...).
    """
    text = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        # NUL never belongs in an article; a few of them are damage, many mean binary.
        if text.count("\x00") > max(8, len(text) // 100):
            raise InputError(path, "looks like a binary file, not text")
        text = text.replace("\x00", "")
    return text


def _decode(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding.upper()} text ({exc.reason})") from None
    if data.startswith(_BINARY_MAGIC):
        raise InputError(path, "looks like a binary file (image, archive or executable), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly-UTF-8 with a few damaged bytes: keep the good text rather than guess
    # a single-byte code page that would garble every accented letter.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") * 100 < len(data) and _has_multibyte_utf8(data):
        return lenient
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


def _has_multibyte_utf8(data: bytes) -> bool:
    """True when the bytes contain at least one well-formed multi-byte UTF-8 sequence."""
    import re

    return re.search(rb"[\xc2-\xf4][\x80-\xbf]+", data) is not None
