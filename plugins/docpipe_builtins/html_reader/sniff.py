"""Content sniffing for inputs whose suffix does not name their format (``docpipe_detect_format``).

Looks at the first bytes only: after a BOM, white space and leading comments, an HTML
doctype or ``<html`` means ``html``; an XML declaration or a known news-XML root element
(``newsMessage``, ``newsItem``, ``nitf``, ``TEI`` ...) means ``xml``. XHTML with an XML
declaration is HTML when an ``<html`` root follows. Anything else is left to other plugins.
"""

from __future__ import annotations

import codecs
import re

_LEADING_JUNK = re.compile(rb"^(?:\s+|<!--.*?-->)+", re.DOTALL)
_HTML_START = re.compile(rb"^<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_XML_ROOTS = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:newsMessage|newsItem|packageItem|conceptItem|knowledgeItem|planningItem|"
    rb"catalogItem|nitf|TEI|teiCorpus|NewsML|rss|feed|article|document)[\s>/]"
)


def _to_ascii_head(head: bytes) -> bytes:
    """The head as (roughly) ASCII bytes, decoding UTF-16/32 with a BOM."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, "ignore").encode("ascii", "replace")
    if head.startswith(codecs.BOM_UTF8):
        return head[3:]
    return head


def sniff_format(head: bytes) -> str | None:
    """``"html"``, ``"xml"`` or None from the first bytes of an input."""
    data = _LEADING_JUNK.sub(b"", _to_ascii_head(head))
    if not data.startswith(b"<"):
        return None
    if _HTML_START.match(data):
        return "html"
    if data[:5].lower() == b"<?xml":
        rest = _LEADING_JUNK.sub(b"", re.sub(rb"^<\?xml.*?\?>", b"", data, count=1, flags=re.DOTALL))
        rest = re.sub(rb"^(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", b"", rest, flags=re.DOTALL)
        if _HTML_START.match(rest) or re.match(rb"^<!DOCTYPE\s+html", rest, re.IGNORECASE):
            return "html"
        return "xml"
    if _XML_ROOTS.match(data):
        return "xml"
    return None
