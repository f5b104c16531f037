"""The plain-text news reader: first line is the title, then paragraphs (lines or blank-line blocks)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

import docpipe
from docpipe.components import InputItem, ReaderSpec
from docpipe.decoding import decode_bytes
from docpipe.model import Document, Paragraph, Source, make_document_id, sha256_hex


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


@attrs.frozen
class TextReader:
    """Reads one news article from plain text.

    :param title_line: treat the first non-blank line as the title.
    """

    title_line: bool = True

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = item.read_bytes()
        decoded = decode_bytes(raw, item.uri)
        text = decoded.text
        digest = sha256_hex(raw)
        spans = split_lines(text)
        paragraphs = []
        title = None
        for i, (start, end) in enumerate(spans):
            role = "title" if (i == 0 and self.title_line and len(spans) > 1) else "body"
            if role == "title":
                title = text[start:end]
            paragraphs.append(Paragraph(start, end, role))
        metadata = {"encoding": decoded.encoding}
        if decoded.fallback:
            metadata["encoding_fallback"] = True
        yield Document(
            id=make_document_id(item.uri, digest),
            source=Source(uri=item.uri, format="text", sha256=digest),
            text=text,
            title=title,
            metadata=metadata,
            paragraphs=paragraphs,
        )


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("text", TextReader, suffixes=(".txt", ".text"), description="plain-text news articles"))
