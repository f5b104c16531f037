"""Turn a markup subtree (NITF ``body.content``, an XHTML body, a TEI ``<body>``) into text blocks.

Each vocabulary is described by a :class:`Vocabulary`: which elements are blocks and
with what paragraph role, which are skipped entirely, which are line breaks, and which
inline elements are *marked* (TEI ``<q>``/``<said>``: their offsets are kept as spans).
Elements not listed are inline: their text flows into the enclosing block.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs
from lxml import etree

from .textbuild import InlineText

#: Role value meaning "a block that takes the role of its enclosing block" (``body`` at the top).
INHERIT = "inherit"


def local(el: etree._Element) -> str:
    """The local name of an element (no namespace); '' for comments, PIs and entities."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag.split(":")[-1]


@attrs.frozen
class Vocabulary:
    blocks: Mapping[str, str]  # local name -> role (or INHERIT)
    skip: frozenset[str] = frozenset()
    breaks: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()
    case_insensitive: bool = False
    mark_data: Callable[[etree._Element], dict] | None = None


@attrs.frozen
class FlowBlock:
    text: str
    role: str
    marks: tuple = ()


# Roles an enclosing block imposes on the blocks inside it.
_STICKY = {"caption", "quote_block", "boilerplate", "byline", "dateline", "list_item"}


class _Walker:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.blocks: list[FlowBlock] = []
        self.buf = InlineText()
        self.role_stack = ["body"]
        self.open_marks: list[tuple[str, dict]] = []  # block-level marks (a <said> around paragraphs)
        self.joined = False  # the last token asked for no space after it (TEI join="right")

    def name(self, el: etree._Element) -> str:
        n = local(el)
        return n.lower() if self.vocab.case_insensitive else n

    def flush(self) -> None:
        self.joined = False
        text, marks = self.buf.result()
        if text:
            marks = list(marks)
            for label, data in self.open_marks:
                marks.append((0, len(text), label, data))
            self.blocks.append(FlowBlock(text, self.role_stack[-1], tuple(marks)))
        self.buf = InlineText()

    def has_block_child(self, el: etree._Element) -> bool:
        return any(self.name(c) in self.vocab.blocks for c in el.iter() if c is not el and isinstance(c.tag, str))

    def visit(self, el: etree._Element) -> None:
        name = self.name(el)
        if name in self.vocab.skip or not name:
            return
        if name in self.vocab.breaks:
            if el.get("break") != "no":
                self.buf.space()
            return
        role = self.vocab.blocks.get(name)
        if role is not None:
            self.flush()
            current = self.role_stack[-1]
            if role == INHERIT or current in _STICKY:
                role = current
            self.role_stack.append(role)
            self._children(el)
            self.flush()
            self.role_stack.pop()
            return
        if name in self.vocab.marks:
            data = self.vocab.mark_data(el) if self.vocab.mark_data else {}
            if self.has_block_child(el):
                # A <said> around whole paragraphs: every block inside is marked entirely.
                self.flush()
                self.open_marks.append((name, data))
                self._children(el)
                self.flush()
                self.open_marks.pop()
            else:
                handle = self.buf.open_mark(name, data)
                self._children(el)
                self.buf.close_mark(handle)
            return
        self._children(el)
        if name in ("w", "pc"):
            if el.get("join") == "right":
                self.joined = True
            else:
                self.buf.space()  # tokenised TEI: tokens are separate words unless joined

    def _add(self, value: str | None) -> None:
        if not value:
            return
        if not value.strip():
            if self.joined:
                return  # tokenised TEI: no space after a token joined to the next one
        else:
            self.joined = False
        self.buf.add(value)

    def _children(self, el: etree._Element) -> None:
        self._add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.visit(child)
            self._add(child.tail)


def flow_blocks(el: etree._Element, vocab: Vocabulary, include_root: bool = True) -> list[FlowBlock]:
    """The blocks of ``el`` in document order."""
    walker = _Walker(vocab)
    if include_root:
        walker.visit(el)
    else:
        walker._children(el)
    walker.flush()
    return walker.blocks


# --------------------------------------------------------------------------- vocabularies
NITF = Vocabulary(
    blocks={
        "p": INHERIT, "block": INHERIT, "body.content": INHERIT, "pre": INHERIT, "td": INHERIT, "th": INHERIT,
        "hl1": "heading", "hl2": "heading", "bq": "quote_block", "blockquote": "quote_block",
        "media": "caption", "media-caption": "caption", "caption": "caption", "ul": INHERIT, "ol": INHERIT,
        "li": "list_item", "dl": INHERIT, "dt": "list_item", "dd": "list_item", "table": INHERIT, "tr": INHERIT,
        "tagline": "boilerplate", "note": "boilerplate", "credit": "boilerplate", "fn": "boilerplate",
        "byline": "byline", "dateline": "dateline", "distributor": "boilerplate", "abstract": INHERIT,
        "nitf-table": INHERIT, "div": INHERIT, "h1": "heading", "h2": "heading", "h3": "heading",
    },
    skip=frozenset({"media-reference", "media-metadata", "media-object", "nitf-table-metadata", "custom-table",
                    "table-reference", "script", "style"}),
    breaks=frozenset({"br"}),
    case_insensitive=True,
)

XHTML = Vocabulary(
    blocks={
        "p": INHERIT, "div": INHERIT, "section": INHERIT, "article": INHERIT, "main": INHERIT, "body": INHERIT,
        "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
        "blockquote": "quote_block", "figure": "caption", "figcaption": "caption", "ul": INHERIT, "ol": INHERIT,
        "li": "list_item", "dl": INHERIT, "dt": "list_item", "dd": "list_item", "table": INHERIT, "tr": INHERIT,
        "td": INHERIT, "th": INHERIT, "pre": INHERIT, "center": INHERIT, "address": "byline", "hr": INHERIT,
        "header": INHERIT, "footer": "boilerplate", "tbody": INHERIT, "thead": INHERIT, "caption": "caption",
    },
    skip=frozenset({"script", "style", "head", "nav", "aside", "iframe", "object", "embed", "noscript", "form",
                    "button", "svg", "template"}),
    breaks=frozenset({"br"}),
    case_insensitive=True,
)


def _tei_mark_data(el: etree._Element) -> dict:
    data = {"tag": local(el)}
    for attr in ("who", "type", "rend", "toWhom", "direct", "aloud"):
        if el.get(attr):
            data[attr] = el.get(attr).lstrip("#") if attr in ("who", "toWhom") else el.get(attr)
    return data


TEI = Vocabulary(
    blocks={
        "p": INHERIT, "ab": INHERIT, "div": INHERIT, "div1": INHERIT, "div2": INHERIT, "div3": INHERIT,
        "body": INHERIT, "front": INHERIT, "back": INHERIT, "head": "heading", "lg": INHERIT, "l": INHERIT,
        "list": INHERIT, "item": "list_item", "figure": "caption", "figDesc": "caption", "table": INHERIT,
        "row": INHERIT, "cell": INHERIT, "sp": INHERIT, "speaker": "heading", "byline": "byline",
        "dateline": "dateline", "opener": INHERIT, "closer": INHERIT, "salute": INHERIT, "signed": "byline",
        "trailer": "boilerplate", "docAuthor": "byline", "docTitle": "heading", "titlePage": INHERIT,
        "argument": INHERIT, "epigraph": "quote_block",
        "postscript": INHERIT, "floatingText": INHERIT, "s": None,  # type: ignore[dict-item]
    },
    skip=frozenset({"note", "fw", "pb", "cb", "gap", "milestone", "anchor", "teiHeader", "facsimile", "linkGrp",
                    "link", "interpGrp", "spanGrp", "standOff", "listPerson", "listOrg", "listPlace", "graphic"}),
    breaks=frozenset({"lb"}),
    marks=frozenset({"q", "said"}),
    mark_data=_tei_mark_data,
)
# <s> (sentence) in annotated TEI is inline; it is listed above only to document that.
TEI = attrs.evolve(TEI, blocks={k: v for k, v in TEI.blocks.items() if v is not None})
