"""Assemble document text from markup: whitespace-collapsed paragraphs with roles and stand-off spans.

Markup readers produce a list of blocks (a role and inline text). :class:`InlineText`
collapses white space the way a browser would while keeping the offsets of marked
inline elements (TEI ``<q>``/``<said>``); :class:`TextBuilder` joins blocks with blank
lines and records each block as a :class:`~docpipe.model.Paragraph`, so the offsets
point into the final text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from docpipe.model import Paragraph, Span

_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Collapse runs of white space to one space and strip."""
    return _SPACE.sub(" ", text or "").strip()


class InlineText:
    """Collects text pieces, collapsing white space, with marks that survive the collapsing."""

    __slots__ = ("_chars", "_length", "_marks")

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._length = 0  # running total, so marks cost O(1) (no quadratic paragraphs)
        self._marks: list[list[Any]] = []  # [start, end, label, data]

    def __len__(self) -> int:
        return self._length

    def _append(self, piece: str) -> None:
        self._chars.append(piece)
        self._length += len(piece)

    def add(self, text: str | None) -> None:
        if not text:
            return
        piece = _SPACE.sub(" ", text)
        if piece.startswith(" ") and (not self._chars or self._chars[-1].endswith(" ")):
            piece = piece[1:]  # no leading space, no double space across pieces
        if piece:
            self._append(piece)

    def space(self) -> None:
        """A word boundary (``<br>``, a cell edge) without a double space."""
        if self._chars and not self._chars[-1].endswith(" "):
            self._append(" ")

    def open_mark(self, label: str, data: Mapping[str, Any] | None = None) -> int:
        """Start a marked stretch at the current position; returns a handle for :meth:`close_mark`."""
        self._marks.append([self._length, None, label, dict(data or {})])
        return len(self._marks) - 1

    def close_mark(self, handle: int) -> None:
        self._marks[handle][1] = self._length

    def result(self) -> tuple[str, list[tuple[int, int, str, dict]]]:
        """The collapsed text (stripped) and the marks, clamped to it, relative to its start."""
        text = "".join(self._chars)
        stripped = text.rstrip()
        marks = []
        for start, end, label, data in self._marks:
            end = len(text) if end is None else end
            start, end = min(start, len(stripped)), min(end, len(stripped))
            # A mark should not begin or end on the collapsed space around it.
            while start < end and stripped[start] == " ":
                start += 1
            while end > start and stripped[end - 1] == " ":
                end -= 1
            if end > start:
                marks.append((start, end, label, data))
        return stripped, marks


class TextBuilder:
    """Joins blocks with a blank line; records paragraphs (and spans) with offsets into the joined text."""

    SEPARATOR = "\n\n"

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.paragraphs: list[Paragraph] = []
        self.spans: dict[str, list[Span]] = {}

    def add(self, text: str, role: str = "body", marks: list[tuple[int, int, str, dict]] | None = None,
            span_group: str = "") -> tuple[int, int] | None:
        """Append one block; returns its (start, end) or None when it is empty after collapsing."""
        text = text.strip()
        if not text:
            return None
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._pos += len(self.SEPARATOR)
        start = self._pos
        self._parts.append(text)
        self._pos += len(text)
        self.paragraphs.append(Paragraph(start, self._pos, role))
        for m_start, m_end, label, data in marks or ():
            if m_end <= len(text):
                self.spans.setdefault(span_group, []).append(Span(start + m_start, start + m_end, label, data))
        return start, self._pos

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def roles(self) -> list[str]:
        return [p.role for p in self.paragraphs]


def element_text(el) -> str:
    """All text inside ``el`` (with the tails of its children, not its own tail), entity references skipped.

    ``itertext()`` would return unexpanded references such as ``&lol9;`` as text, and XPath
    ``string()`` would *expand* internal entities (a billion-laughs bomb): neither is safe here.
    """
    parts: list[str] = []
    stack = [(el, False)]
    while stack:
        node, tail_only = stack.pop()
        if tail_only:
            if node.tail:
                parts.append(node.tail)
            continue
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        if node is not el:
            stack.append((node, True))  # the tail comes after the children
        if isinstance(node.tag, str):
            for child in reversed(node):
                stack.append((child, False))
    return "".join(parts)
