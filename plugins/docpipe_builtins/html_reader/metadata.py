"""The page's own metadata: JSON-LD (``NewsArticle`` and friends), OpenGraph, ``<meta>``, ``<link rel=canonical>``.

Publishers describe their articles for search engines and social networks; that
description is usually more reliable than anything guessed from the layout, so the
reader takes title, date, author, canonical URL, language and (when given) the full
``articleBody`` from here first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import attrs
from lxml import etree

from docpipe_builtins.xml_reader.textbuild import element_text, squash

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "scholarlyarticle",
                 "techarticle", "liveblogposting", "socialmediaposting", "webpage", "posting", "blog"}
_MAX_JSONLD_BYTES = 2 * 1024 * 1024


@attrs.define
class PageMetadata:
    title: str | None = None
    headline: str | None = None  # JSON-LD / OpenGraph title, without the " - Site name" suffix
    url: str | None = None
    published: str | None = None
    modified: str | None = None
    byline: str | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    article_body: str | None = None  # JSON-LD articleBody
    jsonld_type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        fields = ("url", "published", "modified", "byline", "language", "site_name", "description")
        return {k: getattr(self, k) for k in fields if getattr(self, k)}


def _meta_map(root: etree._Element) -> dict[str, str]:
    """``<meta name|property|itemprop=... content=...>`` as a lower-cased key map (first wins)."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _jsonld_objects(root: etree._Element) -> Iterator[dict]:
    """Every JSON object in ``<script type="application/ld+json">``, ``@graph`` flattened."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = script.text or ""
        if len(raw) > _MAX_JSONLD_BYTES:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                yield item


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values if v}


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD ``author`` (a string, an object, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            name = item
        elif isinstance(item, dict):
            name = item.get("name") or ""
            name = name if isinstance(name, str) else ""
        else:
            continue
        name = squash(name)
        if name and not name.startswith("http") and name not in names:
            names.append(name)
    return names


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    return squash(value) if isinstance(value, str) and value.strip() else None


def _best_article(objects: list[dict]) -> dict | None:
    """The JSON-LD object that describes the article: prefer news types with a body or headline."""
    best, best_rank = None, -1
    for obj in objects:
        types = _types(obj)
        if not types & ARTICLE_TYPES:
            continue
        rank = (2 if "articleBody" in obj else 0) + (1 if "headline" in obj else 0) + ("webpage" not in types)
        if rank > best_rank:
            best, best_rank = obj, rank
    return best


def _strip_site_suffix(title: str, site: str | None) -> str:
    """Drop a trailing " | Site name" / " - Site" from a ``<title>``."""
    parts = re.split(r"\s+[|\-–—·:»]\s+", title)
    if len(parts) > 1:
        if site and squash(parts[-1]).lower() == site.lower():
            return squash(" - ".join(parts[:-1]))
        longest = max(parts, key=len)
        if len(longest) >= 0.5 * len(title) or len(longest.split()) >= 4:
            return squash(longest)
    return squash(title)


def extract_metadata(root: etree._Element) -> PageMetadata:
    """Collect the page metadata; fields the page does not give stay None."""
    meta = _meta_map(root)
    objects = list(_jsonld_objects(root))
    article = _best_article(objects) or {}
    md = PageMetadata()
    md.jsonld_type = next(iter(sorted(_types(article))), None) if article else None
    md.site_name = meta.get("og:site_name") or _text((article.get("publisher") or {}).get("name")
                                                        if isinstance(article.get("publisher"), dict) else None)
    title_el = root.find(".//title")
    page_title = squash(element_text(title_el)) if title_el is not None else ""
    headline = _text(article.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
    md.headline = squash(headline) if headline else None
    md.title = md.headline or (_strip_site_suffix(page_title, md.site_name) if page_title else None)
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    md.url = canonical or meta.get("og:url") or _text(article.get("url")) or _text(article.get("mainEntityOfPage"))
    md.published = (_text(article.get("datePublished")) or meta.get("article:published_time")
                    or meta.get("datepublished") or meta.get("pubdate") or meta.get("publishdate")
                    or meta.get("date") or meta.get("dc.date.issued") or meta.get("dcterms.created")
                    or meta.get("sailthru.date") or _time_published(root))
    md.modified = _text(article.get("dateModified")) or meta.get("article:modified_time")
    authors = _names(article.get("author")) or _names(article.get("creator"))
    if not authors:
        for key in ("author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"):
            value = meta.get(key)
            if value and not value.startswith("http"):
                authors = [squash(re.sub(r"^by\s+", "", value, flags=re.IGNORECASE))]
                break
    md.byline = ", ".join(authors) if authors else None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    md.language = (squash(lang) if lang else None) or meta.get("content-language") or _text(article.get("inLanguage")) \
        or (meta.get("og:locale") or "").replace("_", "-") or None
    md.description = meta.get("description") or meta.get("og:description")
    body = article.get("articleBody")
    if isinstance(body, str) and body.strip():
        md.article_body = body
    return md


def _time_published(root: etree._Element) -> str | None:
    for el in root.iter("time"):
        if el.get("datetime") and (el.get("pubdate") is not None or el.get("itemprop") == "datePublished"):
            return el.get("datetime").strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("itemprop") == "datePublished":
            return (el.get("content") or el.get("datetime") or squash(element_text(el))) or None
    return None
