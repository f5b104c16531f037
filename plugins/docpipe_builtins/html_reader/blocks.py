"""Flatten a cleaned HTML tree into text blocks, the units the extractor scores and keeps.

A *block* is the run of inline text between block-level boundaries (``<p>``, ``<div>``,
``<li>``, a double ``<br>``...). Each block remembers the block-level element that holds it
(its *owner*), how much of its text sits inside links, and what kind of block it is
(paragraph, heading, list item, caption, quotation, preformatted, table cell).
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

BLOCK_TAGS = frozenset(["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "legend"])
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SPACE = re.compile(r"\s+")


@attrs.define(slots=True)
class Block:
    text: str
    owner: etree._Element
    link_chars: int
    kind: str  # "p" | "heading" | "li" | "caption" | "quote" | "pre" | "cell" | "text"
    index: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _kind(owner: etree._Element, in_caption: bool, in_quote: bool, in_pre: bool) -> str:
    tag = owner.tag
    if in_caption or tag in ("figcaption", "caption"):
        return "caption"
    if tag in HEADING_TAGS:
        return "heading"
    if in_pre or tag == "pre":
        return "pre"
    if in_quote:
        return "quote"
    if tag in ("li", "dd", "dt"):
        return "li"
    if tag in ("td", "th"):
        return "cell"
    if tag == "p":
        return "p"
    return "text"


class _Flattener:
    """One walk over the tree; inline text accumulates until a block boundary flushes it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.length = 0
        self.link_chars = 0
        self.owner: etree._Element | None = None
        self.caption = self.quote = self.pre = 0
        self.br_pending = False

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        piece = text if self.pre else _SPACE.sub(" ", text)
        if piece.strip():
            self.br_pending = False
        self.pieces.append(piece)
        n = len(piece)
        self.length += n
        if in_link:
            self.link_chars += n

    def flush(self) -> None:
        if self.pieces and self.owner is not None:
            raw = "".join(self.pieces)
            text = raw.strip() if self.pre else _SPACE.sub(" ", raw).strip()
            if text:
                kind = _kind(self.owner, bool(self.caption), bool(self.quote), bool(self.pre))
                links = min(self.link_chars, len(text))
                self.blocks.append(Block(text, self.owner, links, kind, len(self.blocks)))
        self.pieces, self.length, self.link_chars = [], 0, 0
        self.br_pending = False

    def visit(self, el: etree._Element, in_link: bool = False) -> None:
        tag = el.tag
        if tag == "br":
            if self.br_pending:
                self.flush()
            else:
                self.add("\n" if self.pre else " ", in_link)
                self.br_pending = True
            return
        block = tag in BLOCK_TAGS
        saved_owner = self.owner
        if block:
            self.flush()
            self.owner = el
        if tag in ("figure", "figcaption", "caption"):
            self.caption += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "pre":
            self.pre += 1
        link = in_link or tag == "a"
        self.add(el.text, link)
        for child in el:
            if isinstance(child.tag, str):
                self.visit(child, link)
            elif child.tag is etree.Entity:
                pass  # unexpanded entity reference: never expanded, contributes no text
            self.add(child.tail, in_link or tag == "a")
        if tag in ("figure", "figcaption", "caption"):
            self.caption -= 1
        elif tag == "blockquote":
            self.quote -= 1
        elif tag == "pre":
            self.pre -= 1
        if block:
            self.flush()
            self.owner = saved_owner


def flatten(body: etree._Element) -> list[Block]:
    """The text blocks of ``body`` in document order."""
    walker = _Flattener()
    walker.owner = body
    walker.visit(body)
    walker.flush()
    return walker.blocks
