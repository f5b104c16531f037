"""The ``html`` reader: news-article extraction from HTML pages.

``HtmlReader(extractor="lxml")`` parses the page safely (:mod:`docpipe_builtins.xml_reader.safety`),
reads the page's own metadata (:mod:`.metadata`), extracts the main content with docpipe's
lxml heuristics (:mod:`.extract`) or, with ``extractor="trafilatura"`` / ``"auto"`` and the
``docpipe[html]`` extra installed, with trafilatura (:mod:`.trafilatura_backend`).

The document text is the title, an optional byline line, then the article's blocks,
separated by blank lines; paragraphs carry roles (``title``, ``byline``, ``body``,
``heading``, ``caption``, ``boilerplate``). See ``docs/readers-html-xml.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import docpipe
from docpipe.components import InputItem, ReaderSpec
from docpipe.errors import InputError, UsageError
from docpipe.model import Document, Source, make_document_id, sha256_hex

from docpipe_builtins.xml_reader.safety import DEFAULT_MAX_BYTES, check_text_like, parse_html, read_limited
from docpipe_builtins.xml_reader.textbuild import TextBuilder, element_text, squash

from .encoding import decode_html
from .extract import ExtractedBlock, extract_blocks, filter_by_reference
from .metadata import PageMetadata, extract_metadata
from .sniff import sniff_format
from .trafilatura_backend import trafilatura_available, trafilatura_blocks

EXTRACTORS = ("lxml", "trafilatura", "auto")
#: With ``extractor="auto"``, trafilatura is asked when the built-in extractor finds less body text.
AUTO_MIN_BODY_CHARS = 500
_BYLINE_HINT = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)

__all__ = ["HtmlReader", "sniff_format", "trafilatura_available"]


@attrs.frozen
class HtmlReader:
    """Reads one HTML page as one document.

    :param extractor: ``"lxml"`` (built-in, default), ``"trafilatura"`` (requires the
        ``docpipe[html]`` extra; an error if missing) or ``"auto"`` (the built-in extractor,
        and trafilatura, when installed, for pages where it finds under 500 characters of body).
    :param use_jsonld_body: use the page's JSON-LD ``articleBody`` to check the extracted
        paragraphs, and as the text when extraction finds (almost) nothing.
    :param max_document_bytes: inputs larger than this are refused with an error record.
    """

    extractor: str = attrs.field(default="lxml", validator=attrs.validators.in_(EXTRACTORS))
    use_jsonld_body: bool = True
    max_document_bytes: int = DEFAULT_MAX_BYTES

    def __attrs_post_init__(self) -> None:
        if self.extractor == "trafilatura" and not trafilatura_available():
            raise UsageError("reader html: extractor='trafilatura' needs the docpipe[html] extra "
                             "(pip install trafilatura); use extractor='lxml' or 'auto'")

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = read_limited(item, self.max_document_bytes)
        check_text_like(raw, item.uri, "HTML")
        decoded = decode_html(raw, item.uri)
        # The XML declaration of XHTML would contradict the UTF-8 we hand to libxml2.
        markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded.text, count=1)
        if not markup.strip():
            raise InputError(f"{item.uri}: empty input, no HTML to read")
        root = parse_html(markup.encode("utf-8", "surrogatepass"), item.uri)
        md = extract_metadata(root)
        dom_byline = _dom_byline(root)
        body = root.find("body")
        if body is None:
            body = root
        used = "lxml"
        if self.extractor == "trafilatura":
            blocks = trafilatura_blocks(markup, md.title)
            used = "trafilatura"
            if blocks is None:  # trafilatura found nothing: fall back to the built-in extractor
                blocks, used = extract_blocks(body, md.title), "lxml"
        else:
            blocks = extract_blocks(body, md.title)
            if self.extractor == "auto" and _body_chars(blocks) < AUTO_MIN_BODY_CHARS and trafilatura_available():
                # The built-in extractor scores higher on news pages (see the docs), so "auto" asks
                # trafilatura only when it found (almost) no article text.
                second = trafilatura_blocks(markup, md.title)
                if second is not None and _body_chars(second) > _body_chars(blocks):
                    blocks, used = second, "trafilatura"
        blocks, used = self._apply_jsonld(blocks, md, used)
        title = md.title or _first_heading(blocks)
        doc_builder = TextBuilder()
        if title:
            doc_builder.add(title, "title")
        byline = md.byline or dom_byline
        if byline:
            doc_builder.add(byline, "byline")
        for block in blocks:
            if block.role == "title" and title:
                continue  # already the first line
            doc_builder.add(block.text, block.role if block.role != "title" else "heading")
        metadata = {"extractor": used, "encoding": decoded.encoding, **md.as_dict()}
        if byline:
            metadata["byline"] = byline
        if decoded.declared:
            metadata["encoding_declared"] = decoded.declared
        if decoded.note:
            metadata["encoding_note"] = decoded.note
        if md.jsonld_type:
            metadata["jsonld_type"] = md.jsonld_type
        if not any(p.role == "body" for p in doc_builder.paragraphs):
            metadata["warning"] = "no article text found"
        digest = sha256_hex(raw)
        yield Document(
            id=make_document_id(item.uri, digest),
            source=Source(uri=item.uri, format="html", sha256=digest),
            text=doc_builder.text,
            title=title,
            metadata=metadata,
            paragraphs=doc_builder.paragraphs,
        )

    def _apply_jsonld(self, blocks: list[ExtractedBlock], md: PageMetadata,
                      used: str) -> tuple[list[ExtractedBlock], str]:
        """Check the extraction against the page's JSON-LD ``articleBody`` when there is one."""
        reference = md.article_body
        if not self.use_jsonld_body or not reference or len(reference) < 200:
            return blocks, used
        body_chars = sum(len(b.text) for b in blocks if b.role == "body")
        if len(reference) >= 0.9 * body_chars:
            # A full articleBody (publishers often truncate it to a teaser; then it is no reference).
            blocks = filter_by_reference(blocks, reference)
            body_chars = sum(len(b.text) for b in blocks if b.role == "body")
        if body_chars < 0.3 * len(reference):
            # Extraction missed the article (script-rendered pages): the publisher's own text is better.
            paragraphs = [squash(p) for p in re.split(r"\n\s*\n|\n", reference) if squash(p)]
            return [ExtractedBlock(p, "body") for p in paragraphs], f"{used}+jsonld"
        return blocks, used


def _dom_byline(root) -> str | None:
    """A short author line marked up as such (``rel=author``, ``itemprop=author``, class ``byline``)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("rel") == "author" or el.get("itemprop") == "author" or \
                _BYLINE_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            text = squash(element_text(el))
            if 3 <= len(text) <= 100:
                return re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    return None


def _body_chars(blocks: list[ExtractedBlock]) -> int:
    return sum(len(b.text) for b in blocks if b.role == "body")


def _first_heading(blocks: list[ExtractedBlock]) -> str | None:
    for b in blocks:
        if b.role in ("title", "heading"):
            return b.text
    return None


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("html", HtmlReader, suffixes=(".html", ".htm", ".xhtml"),
                        description="news articles from HTML pages (main-content extraction)"))


@docpipe.hookimpl
def docpipe_detect_format(uri, head):
    return sniff_format(head)
