"""Text that is not XML elements: HTML escaped or in CDATA inside an element, and plain text bodies."""

from __future__ import annotations

import re

from .flow import XHTML, FlowBlock, flow_blocks
from .safety import parse_html
from .textbuild import squash

_LOOKS_LIKE_HTML = re.compile(r"<(p|br|div|h[1-6]|ul|ol|li|b|i|em|strong|a|span|table|blockquote)\b[^>]*>", re.IGNORECASE)


def looks_like_html(value: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(value))


def html_fragment_blocks(markup: str, uri: str) -> list[FlowBlock]:
    """Blocks of an HTML fragment (parsed with the same safe parser as pages)."""
    root = parse_html(("<html><body>" + markup + "</body></html>").encode("utf-8", "surrogatepass"), uri)
    body = root.find("body")
    return flow_blocks(body if body is not None else root, XHTML, include_root=False)


def plain_text_blocks(value: str) -> list[FlowBlock]:
    """Paragraphs of a plain-text body: blank-line separated blocks, else one per line."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", value) if re.search(r"\n\s*\n", value) else value.split("\n")
    return [FlowBlock(squash(p), "body") for p in parts if squash(p)]


def text_blocks(value: str | None, uri: str) -> list[FlowBlock]:
    """HTML or plain text, whichever ``value`` is."""
    if not value or not value.strip():
        return []
    if looks_like_html(value):
        return html_fragment_blocks(value, uri)
    return plain_text_blocks(value)
