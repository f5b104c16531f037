"""Find and apply the character encoding of an HTML page.

Order, as browsers do: a byte-order mark, then ``<meta charset>`` / ``<meta http-equiv=
"Content-Type" content="...; charset=...">`` / an XML declaration in the first 4 KiB,
then UTF-8, then the fallback chain of :mod:`docpipe.decoding` (cp1252, latin-1). A
declared charset that does not decode the bytes (pages often say iso-8859-1 but are
UTF-8) is not trusted: UTF-8 is tried next, and what happened is recorded.
"""

from __future__ import annotations

import codecs
import re

import attrs
from docpipe.decoding import decode_bytes, normalise_newlines

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""", re.IGNORECASE)
SNIFF_BYTES = 4096


@attrs.frozen
class HtmlText:
    text: str
    encoding: str
    declared: str | None = None
    note: str | None = None  # set when the declared charset was wrong or a fallback was used


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if unknown. ``iso-8859-1`` means cp1252 in HTML."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # The HTML standard maps latin-1 and ascii labels to windows-1252.
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    # A page that can state its charset in ASCII bytes is not UTF-16/32: the standard reads a
    # <meta> utf-16 label as UTF-8 (UTF-16 pages are recognised by their byte-order mark instead).
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta or XML declaration), as written."""
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(raw: bytes, uri: str) -> HtmlText:
    """Decode an HTML page; never fails on text (binary data raises via :func:`decode_bytes`)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            decoded = decode_bytes(raw, uri)
            return HtmlText(decoded.text, decoded.encoding)
    declared_label = declared_charset(raw[:SNIFF_BYTES])
    declared = normalise_label(declared_label)
    if declared and declared not in ("utf-8", "cp1252"):
        try:
            return HtmlText(normalise_newlines(raw.decode(declared)), declared, declared_label)
        except (UnicodeDecodeError, LookupError):
            pass
    if declared == "cp1252" and not _is_valid_utf8_with_multibyte(raw):
        try:
            return HtmlText(normalise_newlines(raw.decode("cp1252")), "cp1252", declared_label)
        except UnicodeDecodeError:
            pass
    decoded = decode_bytes(raw, uri)
    note = None
    if declared and decoded.encoding != declared:
        note = f"declared {declared_label!r} but decoded as {decoded.encoding}"
    elif decoded.fallback:
        note = f"not valid UTF-8; decoded as {decoded.encoding}"
    return HtmlText(decoded.text, decoded.encoding, declared_label, note)


def _is_valid_utf8_with_multibyte(raw: bytes) -> bool:
    """True when the bytes are valid UTF-8 *and* contain non-ASCII: then a latin-1 label is a mislabel."""
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
