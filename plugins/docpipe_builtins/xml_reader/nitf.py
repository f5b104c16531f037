"""NITF (News Industry Text Format) 3.x, with or without a namespace, alone or inside NewsML."""

from __future__ import annotations

from lxml import etree

from .article import Article
from .flow import NITF, FlowBlock, flow_blocks
from .nav import find, find_all, find_text, lang_of, text


def nitf_article(nitf: etree._Element, article: Article | None = None) -> Article:
    """Fill ``article`` (or a new one) from an ``<nitf>`` element: headline, byline, dateline, body."""
    article = article or Article()
    head = find(nitf, "head")
    body = find(nitf, "body") if local_is(nitf, "nitf") else nitf
    body_head = find(body, "body.head") if body is not None else None
    title = None
    if body_head is not None:
        title = find_text(body_head, "hedline/hl1")
    title = title or (find_text(head, "title") if head is not None else None)
    if not article.title:
        article.title = title
    if body_head is not None:
        subtitle = find_text(body_head, "hedline/hl2")
        if subtitle:
            article.blocks.append(FlowBlock(subtitle, "heading"))
        for byline in find_all(body_head, "byline"):
            value = text(byline)
            if value:
                article.blocks.append(FlowBlock(value, "byline"))
                article.add_meta("byline", value)
        dateline = find(body_head, "dateline")
        if text(dateline):
            article.blocks.append(FlowBlock(text(dateline), "dateline"))
            article.add_meta("dateline", text(dateline))
        abstract = find(body_head, "abstract")
        if abstract is not None:
            article.blocks.extend(flow_blocks(abstract, NITF, include_root=False))
    content = find(body, "body.content") if body is not None else None
    if content is not None:
        article.blocks.extend(flow_blocks(content, NITF, include_root=False))
    end = find(body, "body.end") if body is not None else None
    if end is not None:
        article.blocks.extend(FlowBlock(b.text, "boilerplate") for b in flow_blocks(end, NITF, include_root=False))
    if head is not None:
        docdata = find(head, "docdata")
        if docdata is not None:
            issue = find(docdata, "date.issue")
            if issue is not None:
                article.add_meta("published", issue.get("norm") or text(issue))
            doc_id = find(docdata, "doc-id")
            if doc_id is not None:
                article.add_meta("guid", doc_id.get("id-string"))
            rights = find(docdata, "doc.copyright")
            if rights is not None:
                holder = rights.get("holder")
                year = rights.get("year")
                article.add_meta("rights", " ".join(x for x in (year, holder) if x) or None)
            keys = [k.get("key") for k in find_all(docdata, "key-list/keyword") if k.get("key")]
            article.add_meta("keywords", keys)
        pubdata = find(head, "pubdata")
        if pubdata is not None:
            article.add_meta("publication", pubdata.get("name"))
            article.add_meta("published", pubdata.get("date.publication"))
    article.add_meta("language", lang_of(nitf) or (lang_of(body) if body is not None else None))
    return article


def local_is(el: etree._Element, name: str) -> bool:
    from .flow import local

    return local(el).lower() == name
