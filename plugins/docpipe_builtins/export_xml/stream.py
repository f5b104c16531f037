"""Streamed, atomic XML output with lxml's incremental writer.

``lxml.etree.xmlfile`` is a context manager; exporters get ``write``/``close`` calls instead, so the
writer runs inside a generator that receives one element at a time. Only the current document's
element is ever in memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Mapping
from typing import Any

from lxml import etree

from docpipe.atomic import AtomicFile

# Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF). Each becomes U+FFFD, one code point for one, so every offset stays valid.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """``value`` with characters XML cannot represent replaced by U+FFFD (same length)."""
    return _NOT_XML.sub("\ufffd", value)


class XmlStream:
    """An XML file written element by element under one root, committed atomically.

    Call :meth:`start` with the root (tag, attributes, namespace map) or with ``root=None`` to write
    top-level elements yourself (a single TEI document), then :meth:`write` elements and :meth:`close`.
    """

    def __init__(self, target: str) -> None:
        self._out = AtomicFile(target, "wb")
        self._writer: Generator[None, etree._Element | None, None] | None = None

    @property
    def started(self) -> bool:
        return self._writer is not None

    def start(self, root: str | None, attrib: Mapping[str, str] | None = None,
              nsmap: Mapping[str | None, str] | None = None) -> None:
        self._writer = self._run(root, dict(attrib or {}), dict(nsmap or {}))
        next(self._writer)

    def _run(self, root, attrib, nsmap):  # noqa: ANN001, ANN202 - generator, see start()
        with etree.xmlfile(self._out.fh, encoding="utf-8") as xf:
            xf.write_declaration()
            if root is None:
                try:
                    while True:
                        self._emit(xf, (yield))
                except GeneratorExit:
                    return
            with xf.element(root, attrib, nsmap=nsmap):
                xf.write("\n")
                try:
                    while True:
                        self._emit(xf, (yield))
                        xf.write("\n")
                        xf.flush()
                        self._out.fh.flush()  # each document reaches the file now: nothing piles up
                except GeneratorExit:
                    pass

    @staticmethod
    def _emit(xf, item) -> None:  # noqa: ANN001 - lxml xmlfile writer; an element or a callable(xf)
        if callable(item):
            item(xf)
        else:
            xf.write(item)

    def write(self, element: etree._Element | Callable[[Any], None]) -> None:
        """Write an element, or call ``element(xf)`` to write through the incremental writer itself."""
        self._writer.send(element)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()  # ends the root element and the document
            self._writer = None
        self._out.write(b"\n")
        self._out.commit()

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._out.abort()
