"""Bytes to text: BOMs, UTF-8 with a recorded fallback chain, a clear error for binary data.

Newlines are normalised to ``\\n`` here, before any offset exists, so the stand-off
offsets of every later stage point into the normalised text.
"""

from __future__ import annotations

import codecs

import attrs

from docpipe.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Tried in order after UTF-8 fails. latin-1 never fails, so it ends the chain.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@attrs.frozen
class Decoded:
    text: str
    encoding: str
    bom: bool = False
    fallback: bool = False


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """NUL bytes or many control characters in the first bytes mean this is not text."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, uri: str, declared: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`InputError` naming ``uri`` for binary input."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{uri}: starts with a {encoding} byte-order mark but is not {encoding}: {exc}") from None
            return Decoded(normalise_newlines(text), encoding, bom=True)
    if looks_binary(data):
        raise InputError(f"{uri}: binary data, not text (NUL or control bytes near the start)")
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return Decoded(normalise_newlines(data.decode(encoding)), encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    for encoding in FALLBACK_ENCODINGS:
        try:
            return Decoded(normalise_newlines(data.decode(encoding)), encoding, fallback=True)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{uri}: cannot decode as text")  # unreachable: latin-1 decodes anything


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
