"""The ``xml`` reader: news XML (NewsML-G2, NewsML 1, NITF, TEI, RSS/Atom) and generic XML.

One input may give several documents (a NewsML message or package with several items,
a TEI corpus, a feed); each gets its own id (``make_document_id(uri, sha256, index)``).
The input is parsed once, safely (:mod:`.safety`), after its real encoding has been
worked out (:mod:`.encoding`). Parts of the input that are not articles (a concept
item, a picture with no caption, a feed that is not news) become error records that
say why. See ``docs/readers-html-xml.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import docpipe
from docpipe.components import InputItem, ReaderSpec
from docpipe.errors import InputError
from docpipe.model import Document, ErrorRecord, Source, make_document_id, sha256_hex
from lxml import etree

from .article import Article, article_to_document
from .encoding import decode_xml, repair_mojibake
from .feeds import feed_articles, is_feed
from .flow import FlowBlock, local
from .generic import generic_articles
from .newsml import G2_ROOTS, newsml1_articles, newsml_g2_articles
from .nitf import nitf_article
from .safety import (
    DEFAULT_MAX_BYTES,
    check_text_like,
    has_external_entities,
    parse_xml,
    read_limited,
    strip_entity_references,
)
from .tei import tei_articles

TEI_NS = "http://www.tei-c.org/ns/1.0"


def detect_vocabulary(root: etree._Element) -> str:
    """``newsml-g2``, ``newsml1``, ``nitf``, ``tei``, ``feed`` or ``generic``, from the root element."""
    name = local(root)
    namespace = etree.QName(root).namespace or ""
    if name in G2_ROOTS:
        return "newsml-g2"
    if name == "NewsML":
        return "newsml1"
    if name.lower() == "nitf":
        return "nitf"
    if name in ("TEI", "teiCorpus") or namespace == TEI_NS:
        return "tei"
    if is_feed(root):
        return "feed"
    return "generic"


@attrs.frozen
class XmlReader:
    """Reads news XML.

    :param title_xpath: XPath (relative to each record) selecting the title, for generic XML.
    :param body_xpath: XPath selecting the body element(s) or text, for generic XML.
    :param record_xpath: XPath selecting the records of a generic XML file (one document each).
    :param namespaces: prefix -> namespace URI map for those XPaths.
    :param vocabulary: force ``newsml-g2``, ``newsml1``, ``nitf``, ``tei``, ``feed`` or ``generic``
        instead of detecting it from the root element.
    :param repair_mojibake: undo UTF-8-read-as-latin-1 damage inside the text ("Ã©" -> "é").
    :param max_document_bytes: larger inputs are refused with an error record.
    """

    title_xpath: str | None = None
    body_xpath: str | None = None
    record_xpath: str | None = None
    namespaces: Mapping[str, str] = attrs.field(factory=dict, converter=dict)
    vocabulary: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.in_(
            ("newsml-g2", "newsml1", "nitf", "tei", "feed", "generic"))))
    repair_mojibake: bool = True
    max_document_bytes: int = DEFAULT_MAX_BYTES

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = read_limited(item, self.max_document_bytes)
        check_text_like(raw, item.uri, "XML")
        decoded = decode_xml(raw, item.uri)
        root = parse_xml(decoded.data, item.uri, encoding="utf-8")
        digest = sha256_hex(raw)
        vocabulary = self.vocabulary or (
            "generic" if (self.title_xpath or self.body_xpath or self.record_xpath) else detect_vocabulary(root))
        base: dict[str, Any] = {"encoding": decoded.encoding, "xml_vocabulary": vocabulary,
                                "root_element": local(root)}
        if decoded.declared:
            base["encoding_declared"] = decoded.declared
        if decoded.mislabelled:
            base["encoding_mislabelled"] = True
        if decoded.note:
            base["encoding_note"] = decoded.note
        if has_external_entities(root):
            base["entities_not_expanded"] = True
        dropped = strip_entity_references(root)
        if dropped:
            base["entity_references_dropped"] = dropped
        articles = list(self._articles(root, vocabulary, item.uri))
        several = len(articles) > 1
        for index, article in enumerate(articles):
            idx = index if several else None
            if article.error:
                yield _error_document(item.uri, digest, idx, article, base)
                continue
            if self.repair_mojibake:
                _repair(article)
            yield article_to_document(article, uri=item.uri, digest=digest, index=idx, base_metadata=base)

    def _articles(self, root: etree._Element, vocabulary: str, uri: str) -> Iterator[Article]:
        if vocabulary == "newsml-g2":
            yield from newsml_g2_articles(root, uri)
        elif vocabulary == "newsml1":
            yield from newsml1_articles(root, uri)
        elif vocabulary == "nitf":
            article = nitf_article(root)
            article.add_meta("standard", "NITF")
            if not article.has_body:
                article.error = "an NITF document with no body text"
            yield article
        elif vocabulary == "tei":
            yield from tei_articles(root, uri)
        elif vocabulary == "feed":
            yield from feed_articles(root, uri)
        else:
            yield from generic_articles(root, uri, title_xpath=self.title_xpath, body_xpath=self.body_xpath,
                                        record_xpath=self.record_xpath, namespaces=self.namespaces)


def _repair(article: Article) -> None:
    repaired = False
    blocks = []
    for block in article.blocks:
        fixed, changed = repair_mojibake(block.text)
        if changed and not block.marks:  # marks hold offsets: only repair unmarked blocks
            block = FlowBlock(fixed, block.role, block.marks)
            repaired = True
        blocks.append(block)
    article.blocks = blocks
    if article.title:
        fixed, changed = repair_mojibake(article.title)
        if changed:
            article.title, repaired = fixed, True
    if repaired:
        article.metadata["mojibake_repaired"] = True


def _error_document(uri: str, digest: str, index: int | None, article: Article, base: dict) -> Document:
    metadata = {**base, **{k: v for k, v in article.metadata.items() if v is not None}}
    if article.title:
        metadata["title"] = article.title
    return Document(
        id=make_document_id(uri, digest, index),
        source=Source(uri=uri, format="xml", sha256=digest),
        text="",
        metadata=metadata,
        errors=(ErrorRecord(stage="ingest", type="NotAnArticle", message=f"{uri}: {article.error}", path=uri),),
    )


__all__ = ["InputError", "XmlReader", "detect_vocabulary"]


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("xml", XmlReader, suffixes=(".xml", ".nitf", ".newsml", ".tei"),
                        description="news XML: NewsML-G2, NewsML 1, NITF, TEI, RSS/Atom, generic XML by XPath"))
