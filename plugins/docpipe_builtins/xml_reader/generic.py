"""Any other XML: title and body by XPath (reader options) or by common element names.

With ``title_xpath`` / ``body_xpath`` (evaluated with the ``namespaces`` option, relative to
each record) the reader takes exactly what they select. Without them it looks for the first
element named like a title (``headline``, ``title``, ``hl1`` ...) and like a body (``body``,
``content``, ``text`` ...); HTML in a body element's text (escaped or CDATA, common in
agency feeds) is parsed as HTML. ``record_xpath`` splits one file into several documents;
by default a root whose children repeat one element name that has a title (a list of news
records) gives one document per child.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from docpipe.errors import UsageError
from lxml import etree

from .article import Article
from .flow import XHTML, FlowBlock, flow_blocks, local
from .fragments import text_blocks
from .nav import lang_of, text
from .textbuild import element_text

TITLE_NAMES = ("headline", "title", "hl1", "heading", "header", "subject", "name")
SUBTITLE_NAMES = ("subtitle", "subheadline", "hl2", "deck", "standfirst", "lead", "teaser", "abstract", "summary")
BODY_NAMES = ("body", "bodytext", "body.content", "content", "text", "story", "article", "fulltext", "maintext",
              "description", "encoded")
BYLINE_NAMES = ("byline", "author", "creator", "by")
DATE_NAMES = ("publishdate", "pubdate", "published", "date", "datetime", "created", "firstcreated", "timestamp")


def _by_name(el: etree._Element, names: tuple[str, ...]) -> etree._Element | None:
    """The first descendant (document order) whose lower-cased local name is in ``names``, by name priority."""
    found: dict[str, etree._Element] = {}
    for d in el.iter():
        if d is el or not isinstance(d.tag, str):
            continue
        name = local(d).lower()
        if name in names and name not in found and text(d):
            found[name] = d
    for name in names:
        if name in found:
            return found[name]
    return None


def _xpath(el: etree._Element, expr: str, namespaces: Mapping[str, str], option: str) -> list:
    try:
        result = el.xpath(expr, namespaces=dict(namespaces))
    except etree.XPathError as exc:
        raise UsageError(f"reader xml: bad {option} {expr!r}: {exc}") from None
    return result if isinstance(result, list) else [result]


def _string_of(items: list) -> str | None:
    parts = []
    for item in items:
        value = text(item) if isinstance(item, etree._Element) else str(item)
        if value and value.strip():
            parts.append(" ".join(value.split()))
    return " ".join(parts) or None


def records(root: etree._Element, record_xpath: str | None, namespaces: Mapping[str, str]) -> list[etree._Element]:
    if record_xpath:
        return [r for r in _xpath(root, record_xpath, namespaces, "record_xpath") if isinstance(r, etree._Element)]
    # A list of records: the shallowest element (within 3 levels) whose children repeat one name,
    # each with a title and a body (a feed of news records).
    level = [root]
    candidates = []
    for _ in range(4):
        candidates.extend(level)
        level = [c for el in level for c in el if isinstance(c.tag, str)]
    for el in candidates:
        names = Counter(local(c) for c in el if isinstance(c.tag, str))
        if not names:
            continue
        name, count = names.most_common(1)[0]
        if count >= 2:
            children = [c for c in el if isinstance(c.tag, str) and local(c) == name]
            if all(_by_name(c, TITLE_NAMES) is not None and _by_name(c, BODY_NAMES) is not None for c in children):
                return children
    return [root]


def generic_articles(root: etree._Element, uri: str, *, title_xpath: str | None = None,
                     body_xpath: str | None = None, record_xpath: str | None = None,
                     namespaces: Mapping[str, str] | None = None) -> Iterator[Article]:
    namespaces = namespaces or {}
    for record in records(root, record_xpath, namespaces):
        yield _record_article(record, uri, title_xpath, body_xpath, namespaces)


def _record_article(record: etree._Element, uri: str, title_xpath: str | None, body_xpath: str | None,
                    namespaces: Mapping[str, str]) -> Article:
    article = Article()
    article.add_meta("root_element", local(record))
    if title_xpath:
        article.title = _string_of(_xpath(record, title_xpath, namespaces, "title_xpath"))
    else:
        title_el = _by_name(record, TITLE_NAMES)
        article.title = text(title_el)
    subtitle = _by_name(record, SUBTITLE_NAMES)
    if body_xpath:
        for item in _xpath(record, body_xpath, namespaces, "body_xpath"):
            if isinstance(item, etree._Element):
                article.blocks.extend(_element_blocks(item, uri))
            elif str(item).strip():
                article.blocks.extend(text_blocks(str(item), uri))
    else:
        body_el = _by_name(record, BODY_NAMES)
        if subtitle is not None and text(subtitle) and subtitle is not body_el:
            article.blocks.extend(FlowBlock(b.text, "heading") for b in _element_blocks(subtitle, uri))
        if body_el is not None:
            article.blocks.extend(_element_blocks(body_el, uri))
    byline = _by_name(record, BYLINE_NAMES)
    article.add_meta("byline", text(byline))
    date = _by_name(record, DATE_NAMES)
    article.add_meta("published", text(date))
    article.add_meta("language", lang_of(record))
    if not article.has_body:
        article.error = (f"XML with root <{local(record)}>: no body text found "
                         f"({'body_xpath selected nothing' if body_xpath else 'no body-like element; set body_xpath'})")
    return article


def _element_blocks(el: etree._Element, uri: str) -> list[FlowBlock]:
    """Blocks of a body element: its child elements as XHTML-like markup, or its text as HTML/plain text."""
    if any(isinstance(c.tag, str) for c in el):
        return flow_blocks(el, XHTML, include_root=False)
    return text_blocks(element_text(el), uri)
