"""TEI P5 (``<TEI>``, ``<teiCorpus>``): header metadata, ``<text>`` blocks, ``<q>``/``<said>`` as quote hints.

Quotations marked by the encoder are kept in ``doc.spans["tei_quotes"]`` (label ``q`` or
``said``, data with ``who``, ``toWhom``, ``type`` when given): hints for the quote stage, not
quotes themselves. XIncludes in a ``teiCorpus`` are never followed (the reader reads no
other files); such a corpus gives an error record naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .article import Article
from .flow import TEI, flow_blocks, local
from .nav import find, find_all, find_text, lang_of
from .textbuild import element_text

SPAN_GROUP = "tei_quotes"
_XINCLUDE = "{http://www.w3.org/2001/XInclude}include"


def tei_articles(root: etree._Element, uri: str) -> Iterator[Article]:
    if local(root) == "teiCorpus":
        members = [el for el in root if local(el) in ("TEI", "teiCorpus")]
        if not members:
            if any(isinstance(el.tag, str) and el.tag == _XINCLUDE for el in root.iter()):
                yield Article(error="a TEI corpus whose documents are XIncluded from other files; "
                                    "included files are not read (read the member files directly)")
            else:
                yield Article(error="a TEI corpus with no TEI documents")
            return
        for member in members:
            yield from tei_articles(member, uri)
        return
    yield tei_article(root)


def tei_article(tei: etree._Element) -> Article:
    article = Article(span_group=SPAN_GROUP)
    header = find(tei, "teiHeader")
    if header is not None:
        titles = list(find_all(header, "fileDesc/titleStmt/title"))
        main = [t for t in titles if t.get("type") in ("main", None) and _lang_ok(t, tei)]
        chosen = main or titles
        if chosen:
            article.title = " ".join(element_text(chosen[0]).split()) or None
        article.add_meta("standard", "TEI")
        article.add_meta("published", _date(header))
        authors = [" ".join(element_text(a).split()) for a in find_all(header, "fileDesc/titleStmt/author")]
        article.add_meta("byline", ", ".join(a for a in authors if a) or None)
        article.add_meta("rights", find_text(header, "fileDesc/publicationStmt/availability/licence",
                                             "fileDesc/publicationStmt/availability"))
        idno = find(header, "//sourceDesc//idno")
        if idno is not None:
            article.add_meta("source_id", element_text(idno).strip() or None)
    text_el = find(tei, "text")
    if text_el is None:
        article.error = "a TEI document with no <text> (a header or taxonomy only)"
        return article
    article.add_meta("language", lang_of(text_el) or lang_of(tei))
    article.add_meta("tei_id", tei.get("{http://www.w3.org/XML/1998/namespace}id"))
    for part in text_el:
        if local(part) in ("front", "body", "back", "group"):
            article.blocks.extend(flow_blocks(part, TEI, include_root=False))
    if not article.has_body:
        article.error = "a TEI document whose <text> holds no paragraphs"
    return article


def _lang_ok(title: etree._Element, tei: etree._Element) -> bool:
    """Prefer the title in the document's own language when titles come in several languages."""
    lang = lang_of(title)
    return lang is None or lang == lang_of(tei)


def _date(header: etree._Element) -> str | None:
    for path in ("fileDesc/sourceDesc//date", "fileDesc/publicationStmt/date", "profileDesc/creation/date"):
        el = find(header, path if not path.startswith("fileDesc/sourceDesc//") else "fileDesc/sourceDesc")
        if el is None:
            continue
        if path.startswith("fileDesc/sourceDesc//"):
            el = find(el, "//date")
            if el is None:
                continue
        value = el.get("when") or el.get("from") or element_text(el).strip()
        if value:
            return value
    return None
