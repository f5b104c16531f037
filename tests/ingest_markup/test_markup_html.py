"""The ``html`` reader on small pages written for these tests."""

from __future__ import annotations

import json

import pytest
from docpipe.components import InputItem
from docpipe.errors import InputError, UsageError
from docpipe_builtins.html_reader import HtmlReader, trafilatura_available

ARTICLE_PARAGRAPHS = [
    ("The harbour board of Port Wendle voted on Tuesday to close the old ferry pier, ending a service that has run "
     "since the town was founded, after engineers found cracks in three of its main pillars."),
    ("\u201cWe had no choice,\u201d said board chair Miriam Okafor, adding that repairs would have cost more than a "
     "new pier and that the board would publish the engineers' report next week."),
    ("Ferry passengers will be moved to the north quay from Monday, where temporary shelters, ticket machines and a "
     "small waiting room are being set up by the council, officials said."),
    ("Local traders, who depend on the foot traffic from the pier, asked for compensation; the board said it would "
     "consider their request at its next meeting, planned for the end of the month."),
]


def news_page(*, jsonld: dict | None = None, charset: str = "utf-8", extra_head: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="{charset}">
<title>Harbour board closes ferry pier | Wendle Gazette</title>
<meta property="og:title" content="Harbour board closes ferry pier">
<meta property="og:url" content="https://gazette.example/news/pier">
<meta property="article:published_time" content="2031-04-02T09:30:00Z">
<meta name="author" content="Tom Ashby">
<link rel="canonical" href="https://gazette.example/news/pier-closed">
{extra_head}{ld}
<style>.x {{ color: red }}</style>
</head>
<body>
<header class="site-header"><a href="/">Wendle Gazette</a> <a href="/news">News</a></header>
<nav><ul><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="ad-slot">Advertisement: buy the new Gazette mug today, only at our online shop!</div>
<main>
<article class="story">
<h1>Harbour board closes ferry pier</h1>
<div class="byline">By Tom Ashby</div>
<div class="article-body">
{body}
<figure><img src="pier.jpg"><figcaption>The old ferry pier at low tide in a photo from last year.</figcaption></figure>
<p>Advertisement</p>
</div>
</article>
<aside class="related-links"><h3>Related</h3>
<ul><li><a href="/a">Council approves new quay budget after a long and heated debate</a></li>
<li><a href="/b">Ferry timetable changes for the summer season announced by the operator</a></li></ul></aside>
<section id="comments"><h3>Comments</h3>
<p>This is a reader comment that is long enough to look like a paragraph of the article, but it is not part of it.</p>
</section>
</main>
<footer>Copyright 2031 Wendle Gazette. All rights reserved. Contact us about advertising.</footer>
<script>var tracking = "Harbour board tracking code";</script>
</body></html>"""


def read_one(raw: bytes, uri: str = "page.html", **options) -> object:
    docs = list(HtmlReader(**options).read(InputItem(uri=uri, data=raw)))
    assert len(docs) == 1
    return docs[0]


def body_texts(doc) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.role == "body"]


def test_extracts_article_paragraphs_and_drops_boilerplate():
    doc = read_one(news_page().encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS
    for junk in ("Sport", "Advertisement: buy", "Council approves", "reader comment", "All rights reserved",
                 "tracking code", "color: red"):
        assert junk not in doc.text, junk


def test_text_starts_with_title_then_byline_and_paragraph_offsets_match():
    doc = read_one(news_page().encode("utf-8"))
    assert doc.title == "Harbour board closes ferry pier"
    assert doc.text.startswith("Harbour board closes ferry pier\n\nTom Ashby\n\n")
    roles = [p.role for p in doc.paragraphs]
    assert roles[:2] == ["title", "byline"]
    assert "caption" in roles
    caption = next(p for p in doc.paragraphs if p.role == "caption")
    assert doc.text[caption.start : caption.end] == "The old ferry pier at low tide in a photo from last year."
    # Paragraphs are separated by exactly one blank line.
    for prev, nxt in zip(doc.paragraphs, doc.paragraphs[1:]):
        assert doc.text[prev.end : nxt.start] == "\n\n"


def test_metadata_from_page():
    doc = read_one(news_page().encode("utf-8"))
    md = doc.metadata
    assert md["url"] == "https://gazette.example/news/pier-closed"  # canonical beats og:url
    assert md["published"] == "2031-04-02T09:30:00Z"
    assert md["byline"] == "Tom Ashby"
    assert md["language"] == "en-GB"
    assert md["extractor"] == "lxml"
    assert doc.source.format == "html"


def test_jsonld_news_article_metadata_wins():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry pier to close for good",
          "datePublished": "2031-04-01T18:00:00Z", "author": [{"@type": "Person", "name": "Tom Ashby"},
                                                              {"@type": "Person", "name": "Lena Voss"}],
          "articleBody": "\n".join(ARTICLE_PARAGRAPHS)}
    doc = read_one(news_page(jsonld=ld).encode("utf-8"))
    assert doc.title == "Ferry pier to close for good"
    assert doc.metadata["published"] == "2031-04-01T18:00:00Z"
    assert doc.metadata["byline"] == "Tom Ashby, Lena Voss"
    assert doc.metadata["jsonld_type"] == "newsarticle"
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_jsonld_article_body_used_when_layout_has_no_text():
    ld = {"@type": "NewsArticle", "headline": "Script-rendered story", "articleBody": "\n".join(ARTICLE_PARAGRAPHS)}
    page = f"""<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>
    <body><div id="app"></div><nav><a href="/">Home</a></nav></body></html>"""
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS
    assert doc.metadata["extractor"] == "lxml+jsonld"


def test_div_and_br_paragraphs():
    text = "<br><br>".join(ARTICLE_PARAGRAPHS[:3])
    page = f"<html><body><div class='menu'><a href='/'>Home</a></div><div class='content'>{text}</div></body></html>"
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS[:3]


def test_article_split_in_chunks_with_ads_between():
    chunk = "<div class='story-chunk body'><p>{}</p><p>{}</p></div>"
    page = ("<html><body><div class='wrap'>"
            + chunk.format(*ARTICLE_PARAGRAPHS[:2])
            + "<div class='ad-rail'><p>Sponsored: mortgage rates you will not believe, click to compare now.</p></div>"
            + chunk.format(*ARTICLE_PARAGRAPHS[2:])
            + "</div></body></html>")
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_page_with_no_article_text_is_a_document_with_a_warning():
    doc = read_one(b"<html><head><title>Just a menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert not body_texts(doc)
    assert doc.metadata["warning"] == "no article text found"
    assert doc.title == "Just a menu"


# --------------------------------------------------------------------------- encodings
def test_meta_charset_cp1252_is_honoured():
    page = news_page(charset="windows-1252").replace(ARTICLE_PARAGRAPHS[0], "Caf\u00e9 owners \u2013 " +
                                                     ARTICLE_PARAGRAPHS[0])
    doc = read_one(page.encode("cp1252"))
    assert "Caf\u00e9 owners \u2013 The harbour" in doc.text
    assert doc.metadata["encoding"] == "cp1252"


def test_declared_latin1_but_utf8_bytes_is_recovered():
    page = news_page(charset="iso-8859-1").replace("Miriam Okafor", "Miriam \u00d8kaf\u00f6r")
    doc = read_one(page.encode("utf-8"))
    assert "Miriam \u00d8kaf\u00f6r" in doc.text
    assert doc.metadata["encoding"] == "utf-8"
    assert "declared" in doc.metadata["encoding_note"]


def test_undeclared_cp1252_bytes_fall_back_and_are_recorded():
    page = news_page(charset="").replace('<meta charset="">', "").replace("Miriam", "M\u00e9lanie")
    doc = read_one(page.encode("cp1252"))
    assert "M\u00e9lanie Okafor" in doc.text
    assert doc.metadata["encoding"] == "cp1252"
    assert "not valid UTF-8" in doc.metadata["encoding_note"]


def test_utf16_with_bom():
    doc = read_one(news_page().encode("utf-16"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_xhtml_with_xml_declaration(tmp_path):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + news_page().replace("<!DOCTYPE html>", "").replace(
        '<html lang="en-GB">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB">')
    doc = read_one(page.encode("utf-8"), uri="page.xhtml")
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_crlf_newlines_are_normalised_in_pre_blocks():
    page = "<html><body><article><pre>line one\r\nline two</pre><p>" + ARTICLE_PARAGRAPHS[0] + "</p></article></body></html>"
    doc = read_one(page.encode("utf-8"))
    assert "\r" not in doc.text


# --------------------------------------------------------------------------- options
def test_unknown_extractor_is_refused():
    with pytest.raises(ValueError):
        HtmlReader(extractor="magic")


def test_trafilatura_extractor_without_the_extra_is_a_clear_error(monkeypatch):
    from docpipe_builtins import html_reader

    # Simulate an installation without the extra (trafilatura may be installed in the test venv).
    monkeypatch.setattr(html_reader, "trafilatura_available", lambda: False)
    with pytest.raises(UsageError, match=r"docpipe\[html\]"):
        HtmlReader(extractor="trafilatura")
    doc = read_one(news_page().encode("utf-8"), extractor="auto")
    assert doc.metadata["extractor"] == "lxml"


@pytest.mark.skipif(not trafilatura_available(), reason="needs the docpipe[html] extra (trafilatura)")
def test_trafilatura_extractor_when_installed():
    doc = read_one(news_page().encode("utf-8"), extractor="trafilatura")
    assert doc.metadata["extractor"] == "trafilatura"
    assert doc.title == "Harbour board closes ferry pier"
    assert ARTICLE_PARAGRAPHS[1] in doc.text


def test_auto_extractor_always_gives_the_article():
    doc = read_one(news_page().encode("utf-8"), extractor="auto")
    assert doc.metadata["extractor"] in ("lxml", "trafilatura")
    joined = " ".join(body_texts(doc))
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in joined


def test_max_document_bytes():
    with pytest.raises(InputError, match="over the limit"):
        read_one(news_page().encode("utf-8"), max_document_bytes=1000)


def test_post_shipped_in_a_script_template_is_read():
    # Blogger-style: the post body is HTML inside <script type="text/template">; JSON templates are not.
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS[:2])
    page = ("<html><body><div class='post-body'><script type='text/template'>" + paragraphs + "</script>"
            "<script type='text/template'>{\"type\": \"Image\", \"caption\": \"<p>not markup</p>\"}</script>"
            "</div><div class='sidebar'><a href='/'>Archive</a></div></body></html>")
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS[:2]
    assert "not markup" not in doc.text


def test_article_swallowed_by_an_unclosed_nav_is_kept():
    # Broken markup: the <nav> is never closed, so the parser puts the whole article inside it.
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    page = f"<html><body><nav><a href='/'>Home</a><div class='content'>{paragraphs}</div></body></html>"
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_wordpress_post_classes_do_not_remove_the_article():
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    page = (f"<html><body><div class='menu'><a href='/'>Home</a></div>"
            f"<article class='post tag-harbour tag-ferry category-news'><div>{paragraphs}</div></article>"
            f"<div class='widget tags'><a href='/t'>ferry</a></div></body></html>")
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS


def test_closing_call_to_action_is_boilerplate():
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    page = (f"<html><body><article>{paragraphs}<p>If you enjoyed reading this story, please consider "
            f"supporting the Gazette with a small monthly donation.</p></article></body></html>")
    doc = read_one(page.encode("utf-8"))
    assert body_texts(doc) == ARTICLE_PARAGRAPHS
    assert any(doc.text[p.start:p.end].startswith("If you enjoyed") for p in doc.paragraphs
               if p.role == "boilerplate")
