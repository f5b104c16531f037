"""Bytes to text: BOMs, UTF-8 with a recorded fallback chain, a clear error for binary data.

Order of decisions in :func:`decode_bytes`:

1. a byte-order mark (UTF-32 LE/BE, UTF-8, UTF-16 LE/BE) decides the encoding;
2. a well-known binary signature (PNG, JPEG, GIF, PDF, ELF, zip, gzip ...) is an error naming the type;
3. UTF-16 or UTF-32 *without* a BOM is recognised when it is obviously so (NUL bytes in every
   other position of mostly-ASCII text); other data with NUL or many control bytes is binary;
4. the declared encoding (an XML declaration, a ``charset``), if any, then strict UTF-8;
5. the fallback chain :data:`FALLBACK_ENCODINGS` (cp1252, then latin-1, which never fails).

Whatever was used is recorded (:meth:`Decoded.metadata`) so a document says how it was read.
Newlines are normalised to ``\\n`` here, before any offset exists, so the stand-off offsets of
every later stage point into the normalised text.

Everything is linear in the input: the binary checks look at the first 8 KiB only, and each
decoding attempt is one pass of the C codec.
"""

from __future__ import annotations

import codecs
from typing import Any

import attrs

from docpipe.errors import InputError

_BOMS = (
    # UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Tried in order after UTF-8 (and any declared encoding) fails. latin-1 never fails, so it ends the chain.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

#: Leading bytes of common binary formats, with a name for the error message.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_ALL_MAGIC = tuple(magic for magic, _name in BINARY_SIGNATURES)
_SAMPLE = 8192


@attrs.frozen
class Decoded:
    """The result of :func:`decode_bytes`.

    ``encoding``: the codec that produced ``text``. ``bom``: a byte-order mark chose it.
    ``fallback``: UTF-8 (and the declared encoding) failed and the fallback chain was used;
    ``tried`` then lists the encodings that failed and ``error_offset`` is the byte offset of the
    first byte UTF-8 could not decode. ``detected``: UTF-16/32 recognised without a BOM.
    """

    text: str
    encoding: str
    bom: bool = False
    fallback: bool = False
    tried: tuple[str, ...] = ()
    error_offset: int | None = None
    detected: bool = False

    def metadata(self) -> dict[str, Any]:
        """The document metadata that records how the bytes were decoded (documented in docs/readers.md)."""
        meta: dict[str, Any] = {"encoding": self.encoding}
        if self.bom:
            meta["encoding_bom"] = True
        if self.detected:
            meta["encoding_detected"] = True
        if self.fallback:
            meta["encoding_fallback"] = True
        if self.tried:
            meta["encoding_tried"] = list(self.tried)
            if self.error_offset is not None:
                meta["encoding_error_offset"] = self.error_offset
        return meta


def binary_signature(data: bytes) -> str | None:
    """The name of a well-known binary format ``data`` starts with, or ``None``."""
    if not data.startswith(_ALL_MAGIC):  # one C-level test for the common case: text
        return None
    for magic, name in BINARY_SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def _utf16_or_32_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` / ``utf-32-le`` / ``utf-32-be`` when ``head`` obviously is that, else None.

    "Obviously": at least 16 bytes, and for mostly-Latin text every other (or every fourth)
    byte is NUL while the others are not, in at least 90 % of the code units.
    """
    if len(head) < 16:
        return None
    n4 = len(head) // 4 * 4
    units32 = [head[i:i + 4] for i in range(0, n4, 4)]
    if units32:
        le32 = sum(1 for u in units32 if u[0] and not u[1] and not u[2] and not u[3])
        be32 = sum(1 for u in units32 if u[3] and not u[0] and not u[1] and not u[2])
        if le32 >= 0.9 * len(units32):
            return "utf-32-le"
        if be32 >= 0.9 * len(units32):
            return "utf-32-be"
    n2 = len(head) // 2 * 2
    even, odd = head[0:n2:2], head[1:n2:2]
    units = n2 // 2
    zero_even, zero_odd = even.count(0), odd.count(0)
    if zero_odd >= 0.9 * units and zero_even <= 0.02 * units:
        return "utf-16-le"
    if zero_even >= 0.9 * units and zero_odd <= 0.02 * units:
        return "utf-16-be"
    return None


def looks_binary(data: bytes, sample: int = _SAMPLE) -> bool:
    """NUL bytes or many control characters in the first bytes mean this is not (8-bit) text."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    # bytes.translate with a deletion table counts control bytes in C, not in a Python loop.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


# Control bytes other than TAB, LF, VT, FF and CR count as signs of binary data (a few, like the
# SGML-era 0x1a or 0x1e of old agency feeds, stay under the 5 % threshold).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def decode_bytes(data: bytes, uri: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text with ``\\n`` newlines; raise :class:`InputError` naming ``uri`` for binary input.

    :param declared: an encoding the container declares (XML declaration, HTTP/meta charset). It is
        tried first (after a BOM); if it is unknown or fails, UTF-8 and the fallback chain follow.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{uri}: starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}"
                ) from None
            return Decoded(normalise_newlines(text), encoding, bom=True)
    head = data[:_SAMPLE]
    kind = binary_signature(head)
    if kind is not None:
        raise InputError(f"{uri}: binary data ({kind}), not text")
    if b"\x00" in head:
        wide = _utf16_or_32_without_bom(head)
        if wide is not None:
            try:
                return Decoded(normalise_newlines(data.decode(wide)), wide, detected=True)
            except UnicodeDecodeError:
                pass
        raise InputError(f"{uri}: binary data, not text (NUL bytes near the start)")
    if looks_binary(head):
        raise InputError(f"{uri}: binary data, not text (many control bytes near the start)")
    candidates = [declared] if declared else []
    if "utf-8" not in [c.lower().replace("_", "-") for c in candidates]:
        candidates.append("utf-8")
    tried: list[str] = []
    error_offset: int | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            tried.append(encoding)
            if error_offset is None:
                error_offset = exc.start
            continue
        except LookupError:
            tried.append(encoding)
            continue
        # A wrong declared encoding is recorded in ``tried`` but is not a fallback: UTF-8 is the norm.
        return Decoded(normalise_newlines(text), encoding, tried=tuple(tried), error_offset=error_offset)
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            tried.append(encoding)
            continue
        return Decoded(normalise_newlines(text), encoding, fallback=True, tried=tuple(tried),
                       error_offset=error_offset)
    raise InputError(f"{uri}: cannot decode as text")  # unreachable: latin-1 decodes anything


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n`` (two C-level passes; nothing to do for Unix text)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
