"""What a format handler extracts from XML, and how it becomes a :class:`~docpipe.model.Document`."""

from __future__ import annotations

import re
from typing import Any

import attrs
from docpipe.model import Document, Source, make_document_id

from .flow import FlowBlock
from .textbuild import TextBuilder, squash


@attrs.define
class Article:
    """One news item found in an XML input: title, text blocks with roles, metadata.

    ``error`` set means "this part of the input is not an article" (a picture without a
    caption, a concept item): the reader turns it into an error record saying so.
    """

    title: str | None = None
    blocks: list[FlowBlock] = attrs.field(factory=list)
    metadata: dict[str, Any] = attrs.field(factory=dict)
    error: str | None = None
    span_group: str = ""

    def add_meta(self, key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            value = squash(value)
            if not value:
                return
        if isinstance(value, (list, tuple)) and not value:
            return
        self.metadata.setdefault(key, value)

    @property
    def has_body(self) -> bool:
        return any(b.role not in ("title", "byline", "dateline", "boilerplate") and b.text for b in self.blocks)


def article_to_document(article: Article, *, uri: str, digest: str, index: int | None,
                        base_metadata: dict[str, Any]) -> Document:
    """Title first, then the blocks, blank-line separated; stand-off spans from marked inline elements."""
    builder = TextBuilder()
    title = squash(article.title) if article.title else None
    metadata = {**base_metadata, **article.metadata}
    if title:
        builder.add(title, "title")
    else:
        title = derived_title(article.blocks)
        if title:
            # No headline in the source: a title for listings, not added to the text (it is already there).
            metadata["title_source"] = "first sentence of the text (the source has no headline)"
    for block in article.blocks:
        if builder.paragraphs and block.role == "heading" and squash(block.text) == title \
                and len(builder.paragraphs) == 1:
            continue  # the body repeats the headline (NITF hl1): keep it once
        builder.add(block.text, block.role, list(block.marks), span_group=article.span_group)
    return Document(
        id=make_document_id(uri, digest, index),
        source=Source(uri=uri, format="xml", sha256=digest),
        text=builder.text,
        title=title,
        metadata=metadata,
        paragraphs=builder.paragraphs,
        spans={k: v for k, v in builder.spans.items() if k},
    )


def derived_title(blocks: list[FlowBlock], limit: int = 120) -> str | None:
    """The first sentence of the first body block, cut at a word boundary to ``limit`` characters."""
    for block in blocks:
        if block.role in ("body", "heading") and block.text.strip():
            first = re.split(r"(?<=[.!?])\s", squash(block.text), maxsplit=1)[0]
            if len(first) > limit:
                first = first[:limit].rsplit(" ", 1)[0] + " ..."
            return first
    return None
