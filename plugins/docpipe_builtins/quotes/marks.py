"""Quote-mark pairing: find the quoted stretches of one paragraph in a single linear pass.

Handles straight ``"`` and ``'``, curly ``“ ” ‘ ’``, low ``„ ‚``, guillemets ``« » ‹ ›``, mixed pairs
(``“...\"``), German ``„...“``, nesting, apostrophes (``don't``, ``workers’``), a closing mark whose
opening mark was lost (the quote runs from the paragraph start) and an opening mark never closed in the
paragraph (the quote runs to the paragraph end and may continue in the next paragraph).

Every mark is looked at once and pushed/popped on a stack at most once, so the pass is linear even on
300,000 quote marks in a row. The *glyph* says little about direction on scraped text (straight quotes,
wrong curly quotes), so direction is decided from the characters either side of the mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .tokens import _COMPILED, char_positions

# Two straight apostrophes ('') stand for a double quote mark in some newspaper archives (NYT).
# (Written as one mark, then a second "'" after a first: the same matches as "''|[...]", but a pattern that
# starts with a character set lets the regex engine skip to the next mark instead of trying every position.)
MARK_RE = re.compile("[\"“”„«»‘’'‚‹›](?:(?<=')')?")
_MARK_CHARS = "\"“”„«»‘’'‚‹›"  # (MARK_RE's set)

DOUBLE_MARKS: Final = frozenset("\"“”„«»")
_OPEN_CONTEXT: Final = frozenset("([{—–-/:;")  # characters after which a mark opens a quote
#: An ellipsis right after a mark that then opens a quote: '". . . You are going to want ...'.
_ELLIPSES: Final = (". . .", "...", "…")
_CLOSE_FOLLOW: Final = frozenset(",.;:!?)]}—–-…")  # characters after which-mark closes a quote
_LEADING_JUNK: Final = " \t\r\n\u00a0—–-•*>"
#: Invisible formatting characters (zero-width space and joiners, direction marks and embeddings, the byte
#: order mark): beside a quote mark they count as space ('\u202a”This is ...,” said X' opens a quote).
_FORMAT_CHARS: Final = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff")


@dataclass  # (a dataclass: mypyc compiles it to a native class)
class MarkedSpan:
    """One quoted stretch of a paragraph.

    ``start``/``end`` are the quoted words (marks excluded, whitespace stripped).
    ``open_mark``/``close_mark`` are the mark positions, or ``None`` when the mark is missing
    (``open_mark is None``: the opening mark was lost and the quote runs from the paragraph start;
    ``close_mark is None``: the quote runs to the paragraph end). ``parent`` indexes the enclosing
    span in the same list.
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    double: bool = True
    parent: int | None = None

    def __init__(self, start: int, end: int, open_mark: int | None, close_mark: int | None, double: bool = True,
                 parent: int | None = None) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.start, self.end, self.open_mark, self.close_mark = start, end, open_mark, close_mark
        self.double, self.parent = double, parent

    @property
    def unclosed(self) -> bool:
        return self.close_mark is None

    @property
    def unopened(self) -> bool:
        return self.open_mark is None


def _is_word(c: str) -> bool:
    return c.isalnum()


def _strip(text: str, start: int, end: int, junk: str = " \t\r\n\u00a0") -> tuple[int, int]:
    while start < end and (text[start] in junk or text[start] in _FORMAT_CHARS):
        start += 1
    while end > start and (text[end - 1] in " \t\r\n\u00a0" or text[end - 1] in _FORMAT_CHARS):
        end -= 1
    return start, end


def _has_word(text: str, start: int, end: int, limit: int = 64) -> bool:
    """True if the stretch holds a letter or digit (bounded look; long stretches always have one)."""
    if end - start > limit:
        return True
    return any(c.isalnum() for c in text[start:end])


def _mark_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``MARK_RE.finditer(text, start, end)``. Compiled, the marks are found with ``str.find``
    (:func:`.tokens.char_positions`: the regex engine's scan was a twentieth of the stage's time)."""
    if not _COMPILED:
        return [m.span() for m in MARK_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for k in char_positions(text, _MARK_CHARS, start, end):
        if k >= pos:  # (not the second ' of a '')
            pos = k + 2 if text[k] == "'" and k + 1 < end and text[k + 1] == "'" else k + 1
            out.append((k, pos))
    return out


def find_quoted(text: str, pstart: int, pend: int) -> list[MarkedSpan]:
    """All quoted stretches of ``text[pstart:pend]``, sorted by start (outer before inner)."""
    stack: list[tuple[int, bool]] = []  # (mark position, is double)
    doubles_open = 0
    spans: list[MarkedSpan] = []
    orphan_used = False
    open_len: dict[int, int] = {}  # opening marks two characters long ('')
    for pos, after in _mark_spans(text, pstart, pend):
        ch = text[pos] if after - pos == 1 else '"'
        prev = text[pos - 1] if pos > pstart else " "
        nxt = text[after] if after < pend else " "
        if prev.isdigit() and ch in "”\"" and pos - 3 >= pstart and text[pos - 2] in "’'" and text[pos - 3].isdigit():
            continue  # 'he is like 6’2”,”': feet and inches, not a quote mark
        prev_space = prev.isspace() or prev in _OPEN_CONTEXT or prev in "\"“„«‘‚" or prev in _FORMAT_CHARS
        next_space = nxt.isspace() or nxt in _FORMAT_CHARS
        opens_here = prev_space and not next_space and nxt not in _CLOSE_FOLLOW
        if ch in DOUBLE_MARKS:
            if ch in "„«":
                role = "open"
            elif ch == "»":
                role = "close"
            elif ch == "“":
                # German „...“ and wrongly-curled closers: a “ after a word, before space/punctuation, closes.
                role = "close" if doubles_open and not prev_space and (next_space or nxt in _CLOSE_FOLLOW) else "open"
            elif ch == "”":
                # (also before an ellipsis, a space between or not, at a paragraph's or a sentence's start: '” …
                # they are not like him,” she said', as the straight mark's rule below)
                role = "open" if not doubles_open and (opens_here or (prev_space and text.startswith(
                    _ELLIPSES, after + (nxt == " ")))) else "close"
            else:  # straight "
                if opens_here:
                    role = "open"
                elif not prev_space:
                    role = "close"
                elif next_space:
                    role = "close" if doubles_open else "open"
                elif text.startswith(_ELLIPSES, after) and not doubles_open:
                    role = "open"  # 'said X. ". . . You are going to want ...': a quote that opens with an ellipsis
                else:  # after a space, before punctuation: ' ? ".' closes
                    role = "close"
            if role == "open":
                stack.append((pos, True))
                open_len[pos] = after - pos
                doubles_open += 1
                continue
            if doubles_open:
                while stack and not stack[-1][1]:  # unclosed singles inside were apostrophes
                    stack.pop()
                open_pos, _ = stack.pop()
                doubles_open -= 1
                s, e = _strip(text, open_pos + open_len.pop(open_pos, 1), pos)
                if s < e and _has_word(text, s, e):
                    spans.append(MarkedSpan(s, e, open_pos, pos, True))
            elif not orphan_used:
                # A closing mark with nothing open: the opening mark was lost, quote runs from paragraph start.
                orphan_used = True
                s, e = _strip(text, pstart, pos, _LEADING_JUNK)
                if s < e and _has_word(text, s, e):
                    spans.append(MarkedSpan(s, e, None, pos, True))
            continue
        # single marks
        if ch in "‘‚‹":
            if not _is_word(prev):
                stack.append((pos, False))
            continue
        if _is_word(prev) and _is_word(nxt):
            continue  # don't, it's, Kazakhstan’s: an apostrophe
        if stack and not stack[-1][1] and not (ch == "'" and opens_here):
            open_pos, _ = stack.pop()
            s, e = _strip(text, open_pos + 1, pos)
            if s < e and _has_word(text, s, e):
                spans.append(MarkedSpan(s, e, open_pos, pos, False))
        elif ch == "'" and opens_here:
            stack.append((pos, False))
        # otherwise: workers’ / ’90s -- an apostrophe
    # Unclosed: the outermost open double quote runs to the paragraph end (inner unclosed ones are dropped).
    for open_pos, is_double in stack:
        if is_double:
            s, e = _strip(text, open_pos + open_len.get(open_pos, 1), pend)
            if s < e and _has_word(text, s, e):
                spans.append(MarkedSpan(s, e, open_pos, None, True))
            break
    return _nest(spans)


def _nest(spans: list[MarkedSpan]) -> list[MarkedSpan]:
    """Sort outer-first and set ``parent`` by containment (one stack pass)."""
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    open_stack: list[int] = []
    for i, sp in enumerate(spans):
        while open_stack and spans[open_stack[-1]].end < sp.end:
            open_stack.pop()
        if open_stack and spans[open_stack[-1]].start <= sp.start:
            sp.parent = open_stack[-1]
        open_stack.append(i)
    return spans
