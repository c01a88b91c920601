"""Bytes to text: size limits, binary detection and encoding guesses.

Every refusal is an InputError naming the input, never an exception that
stops the run.
"""
from __future__ import annotations

from charset_normalizer import from_bytes

from eventsift.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a 20 MB page is already far beyond any article


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean a binary file."""
    head = data[:8192]
    if b"\x00" in head and not _looks_utf16(head):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 20)


def _looks_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def _decode_legacy(data: bytes, source: str) -> str:
    """Not UTF-8: the web's default single-byte encoding (windows-1252, per the
    WHATWG encoding standard) unless the bytes clearly say otherwise."""
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(source, "unknown text encoding") from None
    single_byte = best.encoding.replace("_", "").lower().startswith(("cp125", "iso8859", "latin", "windows125"))
    if single_byte:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(best.encoding, errors="replace")


def decode_bytes(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a whole input, or raise InputError saying why it cannot be read."""
    if len(data) > max_bytes:
        raise InputError(source, f"too large ({len(data):,} bytes > limit {max_bytes:,}; raise --max-bytes)")
    if not data.strip():
        raise InputError(source, "empty input")
    if _looks_utf16(data[:2]):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 ({exc.reason})") from None
    if looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, source)
    if not text.strip():
        raise InputError(source, "empty input")
    return text
