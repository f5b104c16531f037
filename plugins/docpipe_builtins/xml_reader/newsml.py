"""IPTC NewsML-G2 (``newsMessage``, ``newsItem``, ``packageItem``) and NewsML 1.x (``NewsML``).

A NewsML-G2 news item becomes one article: metadata from ``itemMeta``/``contentMeta``,
text from ``contentSet`` (``inlineXML`` with NITF or XHTML, or ``inlineData``). A news
message yields one article per item it carries; a package's ``itemRef``s become articles
when the package travels alone (title and summary of each referenced text item). Items
that are not articles (concepts, planning, catalogues, pictures without a caption) come
back as articles with ``error`` set, so the reader reports why.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .article import Article
from .flow import XHTML, FlowBlock, flow_blocks, local
from .fragments import text_blocks
from .nav import find, find_all, find_text, kids, lang_of, text
from .nitf import nitf_article

G2_ITEMS = ("newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem")
G2_ROOTS = (*G2_ITEMS, "newsMessage", "contentSet", "groupSet", "contentMeta", "itemMeta")
NOT_ARTICLES = {
    "conceptItem": "a NewsML-G2 conceptItem (a concept description), not a news article",
    "knowledgeItem": "a NewsML-G2 knowledgeItem (a set of concepts), not a news article",
    "planningItem": "a NewsML-G2 planningItem (coverage planning), not a news article",
    "catalogItem": "a NewsML-G2 catalogItem (a controlled-vocabulary catalogue), not a news article",
}


def _qcode(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return el.get("qcode") or el.get("literal") or el.get("uri")


def newsml_g2_articles(root: etree._Element, uri: str) -> Iterator[Article]:
    name = local(root)
    if name == "newsMessage":
        items = [i for i in find_all(root, "itemSet/*") if local(i) in G2_ITEMS]
        if not items:
            yield Article(error="a NewsML-G2 newsMessage with no items")
            return
        has_news_items = any(local(i) == "newsItem" for i in items)
        header = find(root, "header")
        for item in items:
            kind = local(item)
            if kind == "packageItem" and has_news_items:
                continue  # the package only references the news items that follow it in the message
            for article in _item_articles(item, uri):
                if header is not None:
                    article.add_meta("sent", find_text(header, "sent"))
                    article.add_meta("sender", find_text(header, "sender"))
                yield article
    elif name in G2_ITEMS:
        yield from _item_articles(root, uri)
    elif name == "contentSet":
        article = Article()
        _content_set(root, article, uri)
        if not article.has_body:
            article.error = "a NewsML-G2 contentSet fragment with no text content"
        yield article
    else:
        yield Article(error=f"a NewsML-G2 {name} fragment, not a news item")


def _item_articles(item: etree._Element, uri: str) -> Iterator[Article]:
    kind = local(item)
    if kind in NOT_ARTICLES:
        yield Article(error=NOT_ARTICLES[kind], metadata={"guid": item.get("guid")})
    elif kind == "packageItem":
        yield from _package_articles(item)
    else:
        yield news_item_article(item, uri)


def _common_metadata(item: etree._Element, article: Article) -> None:
    article.add_meta("guid", item.get("guid"))
    article.add_meta("version", item.get("version"))
    article.add_meta("standard", "NewsML-G2")
    meta = find(item, "itemMeta")
    if meta is not None:
        article.add_meta("item_class", _qcode(find(meta, "itemClass")))
        article.add_meta("provider", _qcode(find(meta, "provider")))
        article.add_meta("version_created", find_text(meta, "versionCreated"))
        article.add_meta("first_created", find_text(meta, "firstCreated"))
        article.add_meta("ed_note", find_text(meta, "edNote"))
    rights = find(item, "rightsInfo")
    if rights is not None:
        article.add_meta("rights", find_text(rights, "copyrightNotice") or
                        (find(rights, "copyrightHolder").get("literal") if find(rights, "copyrightHolder") is not None
                         else None))
        article.add_meta("usage_terms", find_text(rights, "usageTerms"))


def news_item_article(item: etree._Element, uri: str) -> Article:
    article = Article()
    _common_metadata(item, article)
    content_meta = find(item, "contentMeta")
    item_class = article.metadata.get("item_class") or ""
    if content_meta is not None:
        article.title = find_text(content_meta, "headline")
        article.add_meta("slugline", find_text(content_meta, "slugline"))
        article.add_meta("published", find_text(content_meta, "contentCreated"))
        article.add_meta("modified", find_text(content_meta, "contentModified"))
        by = find_text(content_meta, "by")
        creators = [text(n) for c in find_all(content_meta, "creator") for n in kids(c, "name") if text(n)]
        creators = creators or [c.get("literal") for c in find_all(content_meta, "creator") if c.get("literal")]
        article.add_meta("byline", by or (", ".join(creators) if creators else None))
        article.add_meta("dateline", find_text(content_meta, "dateline"))
        article.add_meta("located", find_text(content_meta, "located/name"))
        language = find(content_meta, "language")
        article.add_meta("language", language.get("tag") if language is not None else None)
        subjects = []
        for subject in find_all(content_meta, "subject"):
            label = find_text(subject, "name") or subject.get("qcode") or subject.get("literal")
            if label and label not in subjects:
                subjects.append(label)
        article.add_meta("subjects", subjects)
        article.add_meta("genre", find_text(content_meta, "genre/name") or _qcode(find(content_meta, "genre")))
        article.add_meta("urgency", find_text(content_meta, "urgency"))
        summary = [text(d) for d in find_all(content_meta, "description")
                   if (d.get("role") or "").split(":")[-1] in ("summary", "abstract", "") and text(d)]
        captions = [text(d) for d in find_all(content_meta, "description")
                    if (d.get("role") or "").split(":")[-1] == "caption" and text(d)]
        article.add_meta("summary", summary[0] if summary else None)
    else:
        summary, captions = [], []
    if not article.title:
        article.title = find_text(item, "itemMeta/title")
    article.add_meta("published", article.metadata.get("first_created") or article.metadata.get("version_created"))
    article.add_meta("language", lang_of(item))
    content_set = find(item, "contentSet")
    if content_set is not None:
        _content_set(content_set, article, uri)
    if not article.has_body:
        is_text = item_class.endswith(":text") or item_class == ""
        described = captions or ([] if is_text else summary)
        if described:
            article.blocks.extend(FlowBlock(c, "caption") for c in described)
        else:
            what = item_class.split(":")[-1] or "news"
            article.error = (f"a NewsML-G2 {what} item with no text content (no inlineXML/inlineData body)"
                             if is_text else f"a NewsML-G2 {what} item with no caption or text")
    return article


def _content_set(content_set: etree._Element, article: Article, uri: str) -> None:
    """Text from the first inline rendition that has some."""
    for rendition in content_set:
        name = local(rendition)
        if name == "inlineXML":
            blocks_before = len(article.blocks)
            nitf = find(rendition, "//nitf", ci=True)
            if nitf is not None:
                nitf_article(nitf, article)
            else:
                html_body = find(rendition, "//body", ci=True)
                target = html_body if html_body is not None else rendition
                article.blocks.extend(flow_blocks(target, XHTML, include_root=False))
                if not article.title:
                    article.title = find_text(rendition, "//title", ci=True)
            if len(article.blocks) > blocks_before and article.has_body:
                article.add_meta("content_type", rendition.get("contenttype"))
                return
        elif name == "inlineData":
            blocks = text_blocks(rendition.text, uri)
            if blocks:
                article.blocks.extend(blocks)
                article.add_meta("content_type", rendition.get("contenttype"))
                return


def _package_articles(package: etree._Element) -> Iterator[Article]:
    """A package travelling alone: one article per referenced text item that carries a summary.

    Package references usually give only a title (the text travels in separate news items);
    such a package is reported as an error record that lists what it references.
    """
    package_title = find_text(package, "itemMeta/title") or find_text(package, "contentMeta/headline")
    titles_only = []
    found = False
    for ref in find_all(package, "//itemRef"):
        item_class = _qcode(find(ref, "itemClass")) or ""
        if item_class and not item_class.endswith(":text"):
            continue
        title = find_text(ref, "title", "headline")
        summary = [text(d) for d in find_all(ref, "description") if text(d)]
        if not summary:
            if title:
                titles_only.append(title)
            continue
        found = True
        article = Article(title=title, blocks=[FlowBlock(s, "body") for s in summary])
        article.add_meta("standard", "NewsML-G2")
        article.add_meta("package_guid", package.get("guid"))
        article.add_meta("package_title", package_title)
        article.add_meta("guid", ref.get("residref"))
        article.add_meta("item_class", item_class or None)
        article.add_meta("note", "from a package item reference: title and summary only")
        yield article
    if not found:
        if titles_only:
            error = (f"a NewsML-G2 packageItem that only references {len(titles_only)} text item(s) by title "
                     f"(e.g. {titles_only[0]!r}); their text travels in separate news items")
        else:
            error = "a NewsML-G2 packageItem that references no text items"
        yield Article(error=error, metadata={"guid": package.get("guid"), "package_title": package_title,
                                             "referenced_titles": titles_only or None})


# --------------------------------------------------------------------------- NewsML 1.x
def newsml1_articles(root: etree._Element, uri: str) -> Iterator[Article]:
    items = list(find_all(root, "//NewsItem"))
    if not items:
        yield Article(error="a NewsML 1 document with no NewsItem")
        return
    for item in items:
        article = Article()
        article.add_meta("standard", "NewsML 1")
        lines = find(item, "//NewsLines")
        if lines is not None:
            article.title = find_text(lines, "HeadLine")
            article.add_meta("byline", find_text(lines, "ByLine"))
            article.add_meta("dateline", find_text(lines, "DateLine"))
            article.add_meta("slugline", find_text(lines, "SlugLine"))
            headline = find(lines, "HeadLine")
            if headline is not None:
                article.add_meta("language", lang_of(headline))
        article.add_meta("guid", find_text(item, "Identification/NewsIdentifier/PublicIdentifier"))
        article.add_meta("published", find_text(item, "NewsManagement/FirstCreated"))
        article.add_meta("modified", find_text(item, "NewsManagement/ThisRevisionCreated"))
        language = find(item, "//DescriptiveMetadata/Language")
        if language is not None:
            article.add_meta("language", language.get("FormalName"))
        for content in find_all(item, "//ContentItem"):
            media = find(content, "MediaType")
            if media is not None and (media.get("FormalName") or "").lower() not in ("text", ""):
                continue
            data = find(content, "DataContent")
            if data is None:
                continue
            nitf = find(data, "//nitf", ci=True)
            if nitf is not None:
                nitf_article(nitf, article)
            elif any(isinstance(c.tag, str) for c in data):
                article.blocks.extend(flow_blocks(data, XHTML, include_root=False))
            else:
                article.blocks.extend(text_blocks(data.text, uri))
            if article.has_body:
                break
        if not article.has_body:
            article.error = "a NewsML 1 item with no text content"
        yield article
