"""Character encodings of XML news files, including the mislabelled ones agency feeds send.

The XML declaration names the encoding, but real feeds get it wrong in two ways:

* declared ``ISO-8859-1`` (or ``us-ascii``) but the bytes are UTF-8: a latin-1 decode would
  turn every "é" into "Ã©";
* declared ``UTF-8`` (or nothing) but the bytes are cp1252/latin-1: a strict parser stops
  at the first accented letter.

:func:`decode_xml` decides what the bytes really are, decodes them, and returns UTF-8
bytes (with the declaration's encoding removed) for the parser, plus a record of what
it did for ``Document.metadata``. Non-standard labels (``utf8``) are normalised.
"""

from __future__ import annotations

import codecs
import re

import attrs
from docpipe.decoding import normalise_newlines
from docpipe.errors import InputError

_DECLARATION = re.compile(rb"""^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])([A-Za-z0-9._:-]{1,40})\2""")
_DECL_STR = re.compile(r"""^\s*<\?xml\b[^>]*?\?>""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SINGLE_BYTE_LATIN = {"latin-1", "iso8859-1", "ascii", "cp1252", "iso8859-15"}
# Characters a cp1252-as-latin-1 misreading produces: C1 controls never appear in real text.
_C1 = re.compile(r"[\x80-\x9f]")


@attrs.frozen
class XmlText:
    data: bytes  # UTF-8 bytes for the parser, XML declaration without an encoding
    encoding: str  # the encoding actually used
    declared: str | None = None  # the label the file declared, as written
    mislabelled: bool = False
    note: str | None = None


def _codec(label: str) -> str | None:
    """Python's codec name for a label (``latin-1`` spelled as docpipe.decoding spells it)."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "latin-1" if name == "iso8859-1" else name


def declared_encoding(raw: bytes) -> str | None:
    """The ``encoding`` of the XML declaration, as written, or None."""
    m = _DECLARATION.match(raw[:300])
    return m.group(3).decode("ascii") if m else None


def decode_xml(raw: bytes, uri: str) -> XmlText:
    """Decode XML bytes to text and re-encode them as UTF-8 for lxml; see the module docstring."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{uri}: starts with a {encoding} byte-order mark but is not {encoding}: {exc}") from None
            return _result(text, encoding, declared_encoding(text.encode("utf-8", "replace")))
    if raw[:4] in (b"<\x00?\x00", b"\x00<\x00?"):  # UTF-16 without a BOM
        encoding = "utf-16-le" if raw[0] == 0x3C else "utf-16-be"
        return _result(raw.decode(encoding, "replace"), encoding, None)
    label = declared_encoding(raw)
    declared = _codec(label) if label else None
    if label and declared is None:
        note = f"unknown encoding label {label!r}"
    else:
        note = None
    utf8 = _try(raw, "utf-8")
    if declared is None or declared == "utf-8":
        if utf8 is not None:
            return _result(utf8, "utf-8", label, note=note)
        # Declared (or defaulted to) UTF-8 but it is not: cp1252, then latin-1.
        for fallback in ("cp1252", "latin-1"):
            text = _try(raw, fallback)
            if text is not None:
                why = f"declared {label!r}" if label else "no declared encoding (UTF-8 by default)"
                return _result(text, fallback, label, mislabelled=True,
                               note=f"{why} but not valid UTF-8; decoded as {fallback}")
    if declared in _SINGLE_BYTE_LATIN:
        if utf8 is not None and not raw.isascii():
            return _result(utf8, "utf-8", label, mislabelled=True,
                           note=f"declared {label!r} but the bytes are valid UTF-8; decoded as utf-8")
        text = _try(raw, declared)
        if text is not None and declared in ("latin-1", "iso8859-1") and _C1.search(text):
            cp = _try(raw, "cp1252")
            if cp is not None:
                return _result(cp, "cp1252", label, mislabelled=True,
                               note=f"declared {label!r} but uses cp1252 characters; decoded as cp1252")
        if text is not None:
            return _result(text, declared, label)
    text = _try(raw, declared) if declared else None
    if text is not None:
        return _result(text, declared, label)
    if utf8 is not None:
        return _result(utf8, "utf-8", label, mislabelled=True,
                       note=f"declared {label!r} but not decodable as such; decoded as utf-8")
    return _result(raw.decode("cp1252", "replace"), "cp1252", label, mislabelled=True,
                   note=f"declared {label!r}; not decodable; decoded as cp1252 with replacements")


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _result(text: str, encoding: str, declared: str | None, mislabelled: bool = False,
            note: str | None = None) -> XmlText:
    text = normalise_newlines(text)
    # The declaration would contradict the UTF-8 bytes handed to the parser: drop it.
    text = _DECL_STR.sub("", text, count=1)
    return XmlText(text.encode("utf-8", "surrogatepass"), encoding, declared, mislabelled, note)


_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf]")


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 that was decoded as latin-1 somewhere upstream ("Ã©" -> "é"), when that is what it is."""
    if not _MOJIBAKE.search(text):
        return text, False
    try:
        fixed = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text, False
    return fixed, True
