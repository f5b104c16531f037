"""Namespace-agnostic navigation: news XML comes with, without and with the wrong namespaces.

Paths are written in local names (``"contentMeta/headline"``); matching ignores namespaces
(and, with ``ci=True``, case: NewsML 1 and feed vocabularies disagree on capitals).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .flow import local
from .textbuild import element_text, squash


def _match(el: etree._Element, name: str, ci: bool) -> bool:
    if name == "*":
        return True
    n = local(el)
    return n.lower() == name.lower() if ci else n == name


def kids(el: etree._Element, name: str, ci: bool = False) -> Iterator[etree._Element]:
    """Child elements with local name ``name``."""
    for child in el:
        if isinstance(child.tag, str) and _match(child, name, ci):
            yield child


def find(el: etree._Element, path: str, ci: bool = False) -> etree._Element | None:
    """The first element along a ``a/b/c`` path of children (``//x`` at the start: any descendant)."""
    found = find_all(el, path, ci)
    return next(found, None)


def find_all(el: etree._Element, path: str, ci: bool = False) -> Iterator[etree._Element]:
    if path.startswith("//"):
        first, _, rest = path[2:].partition("/")
        for d in el.iter():
            if d is not el and isinstance(d.tag, str) and _match(d, first, ci):
                if rest:
                    yield from find_all(d, rest, ci)
                else:
                    yield d
        return
    first, _, rest = path.partition("/")
    for child in kids(el, first, ci):
        if rest:
            yield from find_all(child, rest, ci)
        else:
            yield child


def text(el: etree._Element | None) -> str | None:
    """All text of ``el``, white space collapsed; None when empty or missing."""
    if el is None:
        return None
    value = squash(element_text(el))
    return value or None


def find_text(el: etree._Element, *paths: str, ci: bool = False) -> str | None:
    """The text of the first path that gives some."""
    for path in paths:
        for found in find_all(el, path, ci):
            value = text(found)
            if value:
                return value
    return None


def lang_of(el: etree._Element) -> str | None:
    return el.get("{http://www.w3.org/XML/1998/namespace}lang")
