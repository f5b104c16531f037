"""The built-in main-content extractor for news pages (lxml only).

How it works (docpipe's own heuristics):

1. **Clean**: drop elements that never hold article text (scripts, styles, forms controls,
   ``<nav>``, ``<aside>``, hidden elements) and elements whose ``class``/``id`` say they are
   navigation, ads, sharing bars, related links or comments. A guard keeps any element that
   holds a large share of the page's text, so a site that wraps its whole page in
   ``<div class="comments-enabled">`` is not emptied.
2. **Flatten** the tree into text blocks (:mod:`.blocks`).
3. **Score containers**: every substantial, link-poor block gives points to the element
   that holds it and, decaying, to its ancestors (more for longer text and more commas).
   Class names such as ``article-body`` / ``itemprop="articleBody"`` add a bonus, link-heavy
   containers are penalised. The best-scoring element is the article container; siblings
   that score well or look like prose are added to it.
4. **Classify** the blocks in the container: body paragraphs, headings, captions, and short
   boilerplate lines ("Advertisement", "Share this article", "Read more: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs
from lxml import etree

from .blocks import HEADING_TAGS, Block, flatten

# Elements that never hold article text.
DROP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "button", "input", "select", "textarea", "option", "optgroup", "label", "head", "link", "meta", "video", "audio", "source", "track", "map", "area", "dialog"])
# Elements usually around the article, not in it; dropped unless they hold much of the page's text
# (broken markup can leave a whole page inside an unclosed <nav> or <header>).
LAYOUT_TAGS = frozenset(("header", "footer", "form", "nav", "aside", "menu"))
# Never dropped for their class names: WordPress puts "tag-..." and "category-..." on <article>.
PROTECTED_TAGS = frozenset(("html", "body", "main", "article"))

# class/id words of elements that are removed (unless the guard in clean() keeps them).
_NEGATIVE_SUBSTRINGS = (
    "comment", "disqus", "related", "recommend", "share", "sharing", "social", "newsletter", "subscri",
    "signup", "sign-up", "advert", "sponsor", "cookie", "consent", "popup", "modal", "breadcrumb",
    "sidebar", "navbar", "navigation", "footer", "outbrain", "taboola", "trending",
    "popular", "readmore", "read-more", "more-stories", "morestories", "paywall", "pagination", "author-bio",
    "authorbio", "skip-link", "skiplink", "print-only", "jump-link", "most-read", "mostread",
    "also-read", "further-reading", "next-article", "prev-article", "topics-list", "tag-list", "taglist",
    "login", "hidden", "visually-hidden", "sr-only", "offscreen", "caption", "credit", "byline",
)
_NEGATIVE_TOKENS = frozenset(
    ["ad", "ads", "adv", "advert", "nav", "menu", "tags", "tag", "header", "meta", "footer", "share", "tools", "print", "dfp", "gpt", "rail", "aside", "extra", "promo", "more", "hide", "author", "date", "time", "infobox"])
# WordPress/Drupal per-post classes ("tag-economy", "category-news") say nothing about layout.
_POST_CLASS = re.compile(r"^(tag|category|postid|post|format|status|type|author|hentry|page|node|cat)-")
# class/id words that only lower a container's score (often, but not always, around the article).
_SOFT_NEGATIVE = re.compile(r"widget|gallery|slideshow|sticky|teaser|banner|promo|recirc|rating|follow|"
                            r"reaction|tooltip|toolbar|masthead|meta-data|timestamp|dateline")
_POSITIVE_SUBSTRINGS = (
    "articlebody", "article-body", "article_body", "article__body", "storybody", "story-body", "story_body",
    "entry-content", "entry_content", "post-content", "post_content", "postcontent", "post-body", "postbody",
    "article-content", "article_content", "articlecontent", "article__content", "story-content", "storycontent",
    "content-body", "body-text", "bodytext", "articletext", "article-text", "article_text", "main-content",
    "text-content", "rich-text", "richtext", "paywall-content", "article-copy", "caas-body", "entry-body",
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_BOILERPLATE_LINE = re.compile(
    r"^(advertisement|advertising|sponsored|share( this( article| story| post)?)?|share on \w+|tweet|email|print|"
    r"read more\b.*|read next\b.*|related\b.*|see also\b.*|click here\b.*|sign up\b.*|subscribe\b.*|"
    r"follow us\b.*|continue reading\b.*|story continues below.*|scroll to continue.*|"
    r"(all )?rights reserved.*|copyright\b.*|©.*|photo:.*|image:.*|getty images|reuters|ap photo.*|"
    r"listen to (this )?article.*|\d+ min(ute)? read|comments?|\d+ comments?|loading\.*|"
    r"this article (was|is) (first )?published.*|more from\b.*|recommended\b.*)$",
    re.IGNORECASE,
)


def class_id(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower().strip()


_NEGATIVE_RE = re.compile("|".join(map(re.escape, _NEGATIVE_SUBSTRINGS)))
_POSITIVE_RE = re.compile("|".join(map(re.escape, _POSITIVE_SUBSTRINGS)))


def _is_negative(el: etree._Element) -> bool:
    names = class_id(el)
    if not names:
        return False
    if _POSITIVE_RE.search(names) or el.get("itemprop") == "articleBody":
        return False
    names = " ".join(n for n in names.split() if not _POST_CLASS.match(n))
    tokens = set(_TOKEN_SPLIT.split(names))
    return bool(tokens & _NEGATIVE_TOKENS) or bool(_NEGATIVE_RE.search(names))


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" and el.tag not in ("span", "i", "svg"):
        return el.tag not in ("body", "html")
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text_lengths(root: etree._Element) -> tuple[dict[etree._Element, int], dict[etree._Element, int]]:
    """Characters of (stripped) text, and of link text, inside every element: one pass, children first."""
    lengths: dict[etree._Element, int] = {}
    links: dict[etree._Element, int] = {}
    for el in reversed(list(root.iter())):
        if not isinstance(el.tag, str):
            continue
        total = len(el.text.strip()) if el.text else 0
        linked = 0
        for child in el:
            if child.tail:
                total += len(child.tail.strip())
            total += lengths.get(child, 0)
            linked += links.get(child, 0)
        lengths[el] = total
        links[el] = total if el.tag == "a" else linked
    return lengths, links


MENU_TAGS = frozenset(("nav", "aside", "menu"))


def clean(body: etree._Element) -> None:
    """Remove non-content elements in place (see the module docstring)."""
    # 1. What never holds text (scripts would otherwise count towards the page's text).
    _unwrap_html_templates(body)
    for el in [e for e in body.iter() if isinstance(e.tag, str) and (e.tag in DROP_TAGS or _is_hidden(e))]:
        _drop_keep_tail(el)
    marked = {el for el in body.iter() if isinstance(el.tag, str) and el.get("itemprop") == "articleBody"}
    # 2. Menus, before the page's text is measured (a mega-menu would make the article look small).
    #    Only an unclosed <nav> swallowing the article holds much prose: keep such a one.
    lengths, links = _text_lengths(body)
    total = max(lengths.get(body, 0), 1)
    _drop_all(body, marked, lambda el: el.tag in MENU_TAGS,
              lambda el: lengths.get(el, 0) >= 0.5 * total and links.get(el, 0) < 0.35 * lengths.get(el, 0))
    # 3. Layout elements and class/id names; a guard keeps an element with much of the page's text,
    #    which is probably a wrapper with an odd class name ("page-with-sidebar").
    lengths, _ = _text_lengths(body)
    total = max(lengths.get(body, 0), 1)
    _drop_all(body, marked, lambda el: el.tag not in PROTECTED_TAGS and (el.tag in LAYOUT_TAGS or _is_negative(el)),
              lambda el: lengths.get(el, 0) >= 0.35 * total)


_TEMPLATE_TYPES = frozenset(("text/template", "text/html", "text/x-template"))


def _unwrap_html_templates(body: etree._Element) -> None:
    """Replace ``<script type="text/template">`` (Blogger ships posts this way) by the HTML it holds."""
    from docpipe_builtins.xml_reader.safety import parse_html

    for script in [s for s in body.iter("script") if (s.get("type") or "").lower() in _TEMPLATE_TYPES]:
        markup = script.text or ""
        parent = script.getparent()
        if parent is None or not markup.lstrip().startswith("<"):  # JSON templates are not markup
            continue
        try:
            fragment = parse_html(("<html><body>" + markup + "</body></html>").encode("utf-8", "surrogatepass"),
                                  "template")
        except Exception:  # noqa: BLE001, S112 - an unparsable template is just dropped with the scripts
            continue
        fragment_body = fragment.find("body")
        if fragment_body is None:
            continue
        holder = etree.Element("div")
        holder.text = fragment_body.text
        holder.extend(list(fragment_body))
        holder.tail = script.tail
        parent.replace(script, holder)


def _drop_all(body: etree._Element, marked: set, drop, keep) -> None:
    """Remove elements for which ``drop(el)`` and not ``keep(el)`` (nor holding the articleBody element)."""
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and drop(el) and not keep(el)
              and not (marked and _contains_any(el, marked))]
    for el in doomed:
        _drop_keep_tail(el)


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _drop_keep_tail(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        # lxml refuses to set text with characters XML cannot hold (control characters that the
        # HTML parser let through); such characters carry nothing, so drop them here.
        tail = _XML_UNSAFE.sub("", tail)
        prev = el.getprevious()
        if prev is not None:
            prev.tail = _XML_UNSAFE.sub("", prev.tail or "") + tail
        else:
            parent.text = _XML_UNSAFE.sub("", parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------- scoring
@attrs.define
class _Stats:
    score: float = 0.0
    text: int = 0
    links: int = 0


def _weight(el: etree._Element) -> float:
    """Class/id/itemprop bonus or penalty."""
    if el.get("itemprop") == "articleBody":
        return 60.0
    names = class_id(el)
    bonus = 0.0
    if _POSITIVE_RE.search(names):
        bonus += 40.0
    elif re.search(r"article|content|story|entry|post|body|text|main", names):
        bonus += 10.0
    if el.tag == "article":
        bonus += 15.0
    elif el.tag == "main":
        bonus += 5.0
    if re.search(r"comment|related|sidebar|footer", names) or _SOFT_NEGATIVE.search(names):
        bonus -= 30.0
    return bonus


def _score_blocks(blocks: list[Block]) -> dict[etree._Element, _Stats]:
    stats: dict[etree._Element, _Stats] = {}
    for block in blocks:
        n = len(block.text)
        node = block.owner
        depth = 0
        while node is not None:
            entry = stats.get(node)
            if entry is None:
                entry = stats[node] = _Stats()
            entry.text += n
            entry.links += block.link_chars
            node = node.getparent()
            depth += 1
        if n < 25 or block.link_density > 0.5 or block.kind in ("caption", "heading"):
            continue
        points = 1.0 + block.text.count(",") + block.text.count("，") + min(n / 100.0, 3.0)
        node = block.owner
        if node.tag in ("p", "li", "td", "pre", "blockquote", "dd", "span") or node.tag in HEADING_TAGS:
            node = node.getparent()
        for divisor in (1.0, 2.0, 3.0):
            if node is None:
                break
            stats[node].score += points / divisor
            node = node.getparent()
    return stats


def _candidate_value(el: etree._Element, s: _Stats) -> float:
    density = s.links / s.text if s.text else 1.0
    return (s.score + _weight(el)) * (1.0 - density)


def _choose_container(blocks: list[Block], body: etree._Element) -> tuple[etree._Element, set[etree._Element]]:
    """The article container and the set of elements (it and kept siblings) whose blocks are content."""
    stats = _score_blocks(blocks)
    best, best_value = body, float("-inf")
    for el, s in stats.items():
        if s.score <= 0 and _weight(el) < 40:
            continue
        value = _candidate_value(el, s)
        if value > best_value:
            best, best_value = el, value
    region = {best}
    parent = best.getparent()
    if parent is not None and best is not body:
        threshold = max(10.0, best_value * 0.2)
        for sibling in parent:
            if sibling is best or not isinstance(sibling.tag, str):
                continue
            s = stats.get(sibling)
            if s is None:
                continue
            value = _candidate_value(sibling, s)
            density = s.links / s.text if s.text else 1.0
            if value >= threshold or sibling.tag == "p" and s.text > 80 and density < 0.25:
                region.add(sibling)
    # Articles split into chunks (ads between them) repeat the container's class name elsewhere.
    signature = best.get("class")
    if signature and best is not body:
        for el, s in stats.items():
            if el.tag == best.tag and el.get("class") == signature and el not in region and s.score > 0 \
                    and s.links < 0.3 * s.text and not _inside(el, region) and not _contains_any(el, region):
                region.add(el)
    return best, region


def _contains_any(el: etree._Element, region: set[etree._Element]) -> bool:
    return any(node in region for node in el.iterdescendants())


def _inside(el: etree._Element, region: set[etree._Element]) -> bool:
    node = el
    while node is not None:
        if node in region:
            return True
        node = node.getparent()
    return False


# --------------------------------------------------------------------------- classification
@attrs.frozen
class ExtractedBlock:
    text: str
    role: str


def _role(block: Block, title: str | None) -> str:
    text = block.text
    if block.kind == "heading":
        if title and _same_text(text, title):
            return "title"
        return "heading"
    if block.kind == "caption":
        return "caption"
    if len(text) < 120 and _BOILERPLATE_LINE.match(text.strip(" .:|»›>-–—")):
        return "boilerplate"
    if block.link_density > 0.6 and len(text) < 300:
        return "boilerplate"
    if block.kind == "quote":
        return "body"
    return "body"


def _same_text(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()
    return norm(a) == norm(b)


# Calls to action that close many articles: prose-like, but not the article.
_CALL_TO_ACTION = re.compile(
    r"\b(if you (enjoyed|liked|found)|do you want to (be informed|receive|get)|we want to hear|"
    r"follow (us|\w+( \w+)?) on (twitter|facebook|instagram|x\b)|submit your (letter|story|tip)|"
    r"to (view|read) the full (story|article)|please subscribe|already a subscriber|sign up for our|"
    r"subscribe to our|support our journalism|not responsible for the (opinions|content))", re.IGNORECASE)


def _trim_edges(blocks: list[ExtractedBlock]) -> list[ExtractedBlock]:
    """Short non-prose lines before the first and after the last real paragraph are boilerplate.

    So are calls to action ("If you enjoyed this post ...", "Follow us on Twitter") among the
    last three paragraphs.
    """
    body_all = [i for i, b in enumerate(blocks) if b.role == "body"]
    for i in body_all[-3:]:
        if len(blocks[i].text) < 400 and _CALL_TO_ACTION.search(blocks[i].text):
            blocks[i] = ExtractedBlock(blocks[i].text, "boilerplate")
    body_idx = [i for i, b in enumerate(blocks) if b.role == "body" and _is_prose(b.text)]
    if not body_idx:
        return blocks
    first, last = body_idx[0], body_idx[-1]
    out = []
    for i, b in enumerate(blocks):
        if b.role == "body" and (i < first or i > last) and not _is_prose(b.text):
            out.append(ExtractedBlock(b.text, "boilerplate"))
        else:
            out.append(b)
    return out


def _is_prose(text: str) -> bool:
    """A sentence-like line: several words, ending like a sentence or long enough."""
    words = len(text.split())
    return words >= 12 or (words >= 5 and text.rstrip()[-1:] in ".!?\"'”’»)")


def extract_blocks(body: etree._Element, title: str | None) -> list[ExtractedBlock]:
    """Main-content blocks of a page with their roles; ``body`` is modified (cleaned) in place."""
    clean(body)
    blocks = flatten(body)
    if not blocks:
        return []
    _container, region = _choose_container(blocks, body)
    chosen = [b for b in blocks if _inside(b.owner, region)]
    extracted = [ExtractedBlock(b.text, _role(b, title)) for b in chosen]
    return _trim_edges(extracted)


def filter_by_reference(blocks: Iterable[ExtractedBlock], reference: str) -> list[ExtractedBlock]:
    """Demote body blocks whose words are mostly absent from ``reference`` (the page's JSON-LD articleBody)."""
    ref_words = set(re.findall(r"\w+", reference.lower()))
    out = []
    for b in blocks:
        if b.role == "body":
            words = re.findall(r"\w+", b.text.lower())
            if words and sum(w in ref_words for w in words) / len(words) < 0.5:
                b = ExtractedBlock(b.text, "boilerplate")
        out.append(b)
    return out
