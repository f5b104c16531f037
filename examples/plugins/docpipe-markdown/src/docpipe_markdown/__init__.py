"""docpipe-markdown: an example third-party docpipe plugin with two components.

* the ``markdown`` **reader** for ``.md`` / ``.markdown`` files: the first level-1 heading is
  the title; headings, list items, block quotes, code blocks and ordinary paragraphs become
  paragraphs with the roles ``title``, ``heading``, ``list_item``, ``quote_block``, ``code``
  and ``body``;
* the ``quotes_tsv`` **exporter** (``--to quotes_tsv`` or an output ending in ``.quotes.tsv``):
  one tab-separated line per quote, for spreadsheets.

Like every docpipe reader, this one never rewrites the text: the document text is the file
exactly as decoded, markup included, and each paragraph's offsets cover the paragraph's
words without the leading ``#``, ``-`` or ``>`` marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import docpipe
from docpipe import Document, ExporterSpec, InputItem, Paragraph, ReaderSpec, make_document
from docpipe.atomic import AtomicFileExporter

__version__ = "0.1.0"

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(\S.*?)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(.*?)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line without its line break) for every line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line.rstrip("\r")
        pos += len(line) + 1


def parse_markdown(text: str) -> tuple[str | None, list[Paragraph]]:
    """The title and the paragraphs of a Markdown text, as offsets into that same text."""
    paragraphs: list[Paragraph] = []
    title: str | None = None
    block: list[int] = []  # [start, end, role-index] of the open paragraph
    role = "body"
    in_code: tuple[str, int] | None = None  # (fence, start offset of the code)

    def close() -> None:
        nonlocal block
        if block:
            paragraphs.append(Paragraph(block[0], block[1], role))
            block = []

    for offset, line in _lines(text):
        fence = _FENCE.match(line)
        if in_code is not None:
            if fence and fence.group(1) == in_code[0]:
                if offset > in_code[1]:
                    paragraphs.append(Paragraph(in_code[1], offset - 1, "code"))
                in_code = None
            continue
        if fence:
            close()
            in_code = (fence.group(1), offset + len(line) + 1)
            continue
        if not line.strip():
            close()
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            start, end = heading.start(2) + offset, heading.end(2) + offset
            is_title = title is None and len(heading.group(1)) == 1 and start < end
            if is_title:
                title = text[start:end]
            if start < end:
                paragraphs.append(Paragraph(start, end, "title" if is_title else "heading"))
            continue
        item = _LIST_ITEM.match(line)
        quote = _QUOTE.match(line)
        if item:
            close()
            role = "list_item"
            block = [offset + item.start(1), offset + item.end(1)]
        elif quote and quote.group(1):
            if role != "quote_block":
                close()
            role = "quote_block"
            if block:
                block[1] = offset + quote.end(1)  # continuation lines keep their "> " inside the span
            else:
                block = [offset + quote.start(1), offset + quote.end(1)]
        elif block and role in ("body", "list_item", "quote_block"):
            # A continuation line of the open paragraph (lazy continuation, as CommonMark allows).
            block[1] = offset + len(line.rstrip())
        else:
            close()
            role = "body"
            stripped = line.strip()
            start = offset + line.index(stripped)
            block = [start, start + len(stripped)]
    close()
    if in_code is not None and in_code[1] < len(text):  # an unclosed fence runs to the end
        end = len(text.rstrip())
        if end > in_code[1]:
            paragraphs.append(Paragraph(in_code[1], end, "code"))
    return title, paragraphs


class MarkdownReader:
    """Reads one Markdown file (UTF-8, a BOM is skipped) into one document.

    :param encoding: the file's encoding.
    """

    def __init__(self, encoding: str = "utf-8-sig") -> None:
        self.encoding = encoding

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = item.read_bytes()
        text = raw.decode(self.encoding)  # an error here becomes an error record naming the file
        title, paragraphs = parse_markdown(text)
        yield make_document(text, uri=item.uri, format="markdown", title=title, paragraphs=paragraphs, raw=raw,
                            metadata={"encoding": self.encoding})


def _cell(value: object) -> str:
    """A TSV cell: no tabs or line breaks inside, ``None`` as empty."""
    return "" if value is None else " ".join(str(value).split())


class QuotesTsvExporter(AtomicFileExporter):
    """One line per quote: document, quote id, speaker, kind, start, end, nested_in, continues, text.

    Documents without quotes add no line; failed documents add one line with the error in
    the text column, so failures are visible in the spreadsheet too.

    :param header: write the column names first.
    """

    COLUMNS = ("document", "source", "quote", "speaker", "kind", "start", "end", "nested_in", "continues", "text")

    def __init__(self, target: str = "-", header: bool = True) -> None:
        super().__init__(target)
        if header:
            self._out.write("\t".join(self.COLUMNS) + "\n")

    def write(self, doc: Document) -> None:
        if doc.errors:
            err = doc.errors[0]
            self._row(doc.id, doc.source.uri, "", "", "error", "", "", "", "",
                      f"{err.stage}: {err.type}: {err.message}")
        for q in doc.quotes:
            self._row(doc.id, doc.source.uri, q.id, q.speaker, q.kind, q.start, q.end, q.nested_in, q.continues,
                      doc.text[q.start:q.end])

    def _row(self, *cells: object) -> None:
        self._out.write("\t".join(_cell(c) for c in cells) + "\n")


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("markdown", MarkdownReader, suffixes=(".md", ".markdown"),
                        description="Markdown files: title from the first # heading, paragraphs with roles"))


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("quotes_tsv", QuotesTsvExporter, suffixes=(".quotes.tsv",),
                          description="one tab-separated line per quote"))
