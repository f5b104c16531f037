"""RSS 2.0 (including WordPress WXR exports) and Atom feeds: one article per item/entry."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .article import Article
from .flow import local
from .fragments import text_blocks
from .nav import find, find_all, find_text, kids, lang_of, text
from .textbuild import element_text

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def is_feed(root: etree._Element) -> bool:
    return local(root) in ("rss", "feed", "RDF")


def feed_articles(root: etree._Element, uri: str) -> Iterator[Article]:
    entries = list(find_all(root, "channel/item")) + list(find_all(root, "item")) + list(kids(root, "entry"))
    if not entries:
        yield Article(error=f"a {local(root)} feed with no items")
        return
    feed_lang = lang_of(root) or find_text(root, "channel/language")
    for entry in entries:
        article = Article(title=find_text(entry, "title"))
        article.add_meta("standard", "Atom" if local(root) == "feed" else "RSS")
        article.add_meta("url", find_text(entry, "link") or _atom_link(entry))
        article.add_meta("guid", find_text(entry, "guid", "id"))
        article.add_meta("published", find_text(entry, "pubDate", "published", "post_date", "date", "updated"))
        article.add_meta("byline", find_text(entry, "creator", "author/name", "author"))
        article.add_meta("language", lang_of(entry) or feed_lang)
        body = None
        for el in entry:
            if local(el) in ("encoded", "content") and text(el):
                body = el
                break
        if body is None:
            body = find(entry, "description")
        if body is None:
            body = find(entry, "summary")
        raw = element_text(body) if body is not None else ""
        article.blocks.extend(text_blocks(raw, uri))
        if not article.has_body:
            article.error = "a feed entry with no content or description"
        yield article


def _atom_link(entry: etree._Element) -> str | None:
    for link in kids(entry, "link"):
        if link.get("rel") in (None, "alternate") and link.get("href"):
            return link.get("href")
    return None
