"""Bytes to text: size limits, binary detection and encoding guesses.

Every refusal is an InputError naming the input, never an exception that
stops the run.
"""
from __future__ import annotations

from charset_normalizer import from_bytes

from eventsift.errors import InputError
from eventsift.ingest.language import SAMPLE_CHARS as SCRIPT_SAMPLE_CHARS
from eventsift.ingest.language import latin_share

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a 20 MB page is already far beyond any article


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean a binary file."""
    head = data[:8192]
    if b"\x00" in head and not _looks_utf16(head) and utf16_without_bom(head) is None:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 20)


def _looks_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes fall on one side of each pair,
    as in mostly-ASCII text saved as UTF-16 without a byte order mark; else None."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = head[0:pairs * 2:2].count(0)
    odd = head[1:pairs * 2:2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, source: str) -> str:
    """Not UTF-8: the web's default single-byte encoding (windows-1252, per the
    WHATWG encoding standard) unless the bytes clearly are another script.

    charset_normalizer tells scripts apart well (Cyrillic, Arabic, CJK) but
    not the Latin code pages from each other on a short text (it reads
    "Saïda" as cp775), so a guess that gives Latin text yields to windows-1252.
    """
    best = from_bytes(data[:200_000]).best()
    guess = data.decode(best.encoding, errors="replace") if best is not None and best.encoding else None
    if guess is not None and latin_share(guess[:SCRIPT_SAMPLE_CHARS]) < 0.5:
        return guess
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        if guess is None:
            raise InputError(source, "unknown text encoding") from None
        return guess


def decode_bytes(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a whole input, or raise InputError saying why it cannot be read."""
    if len(data) > max_bytes:
        raise InputError(source, f"too large ({len(data):,} bytes > limit {max_bytes:,}; raise --max-bytes)")
    if not data.strip():
        raise InputError(source, "empty input")
    utf16 = "utf-16" if _looks_utf16(data[:2]) else utf16_without_bom(data[:8192])
    if utf16:
        return _decode_utf16(data, utf16, source)
    if looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, source)
    if not text.strip():
        raise InputError(source, "empty input")
    return text


def _decode_utf16(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"invalid UTF-16 ({exc.reason})") from None
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(source, "empty input")
    return text
