"""The plain-text news reader: title line, paragraphs, and boilerplate marked (never deleted).

Layout of a news text file, as agencies and corpora write them:

* the first non-blank line is the **title**;
* paragraphs follow in one of three conventions, detected per file (:func:`detect_convention`):
  ``lines`` (one paragraph per line, like the seed article), ``blank_lines`` (blocks separated by
  blank lines, like the BBC corpus) or ``wrapped`` (hard-wrapped at a fixed width, new paragraphs
  marked by an indented line or a blank line, like Reuters wire copy);
* around the body there may be a **byline** (``By Jane Smith``), a **dateline** at the start of the
  first body paragraph (``LONDON (Reuters) -``), and **boilerplate** at the end (``Source: ...``,
  copyright and reproduction notices, ``Reporting by ...; Editing by ...``, a lone ``Reuter``).

The text is never rewritten: every paragraph is a pair of offsets into the decoded text and has a
role (``title``, ``body``, ``byline``, ``dateline``, ``boilerplate``). What the byline, dateline and
boilerplate say goes into the metadata (``byline``, ``dateline``, ``source_credit``, ``rights``,
``reporting_credit``). A dateline is its own ``dateline`` paragraph span cut from the front of the
first body paragraph.

Linear time: one pass over the lines; every regular expression runs on a bounded slice (at most a
few hundred characters), so a 50 MB single-line file costs the same as reading and decoding it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any, NamedTuple

import attrs
import docpipe
from docpipe.components import InputItem, ReaderSpec
from docpipe.decoding import decode_bytes
from docpipe.model import Document, Paragraph, Source, make_document_id, sha256_hex

CONVENTIONS = ("auto", "lines", "blank_lines", "wrapped")

#: A paragraph longer than this is never boilerplate, a byline or a dateline-only paragraph.
MAX_BOILERPLATE_CHARS = 400
#: How many paragraphs at each end of the body are examined for bylines and boilerplate.
EDGE_PARAGRAPHS = 6

# A line that ends with one of these ends a sentence; hard-wrapped text mostly ends mid-sentence.
_SENTENCE_END = frozenset(".!?:;\"'”’)]…»")

# --------------------------------------------------------------------------- patterns
# Month names in any case (wire copy has "FEB", "FEb", "march"); day before or after the month.
_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_CAPS_WORD = r"[A-Z][A-Z'.]+(?:-[A-Z][A-Z'.]*)*"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[\s/]{_CAPS_WORD}){{0,4}}"
_ANY_PLACE = r"[A-Z][\w'.]*(?:-[\w'.]+)*(?:\s[A-Z][\w'.]*){0,3}"
# ", Calif.", ", N.Y.", ", Ontario" (up to two of them: "Winnipeg, Manitoba, Canada").
_REGION = r"(?:\s*,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?){0,2}"
_AGENCY = r"\([A-Z][\w&.\- ]{0,30}\)"
# A dash with white space on at least one side, so "LONDON-based" is not a dateline.
_DASH = r"(?:\s+(?:-{1,2}|–|—)\s*|\s*(?:-{1,2}|–|—)\s+)"

#: ``LONDON (Reuters) -``, ``WASHINGTON, March 3 -``, ``NEW YORK, March 3 (Reuters) -``, ``Paris (AP) —``,
#: ``Toronto, Feb 26 -``. A place in capitals may stand alone; a mixed-case one needs an agency or a date.
DATELINE = re.compile(
    rf"(?P<label>(?P<place>{_CAPS_PLACE}){_REGION}(?:(?:\s*,\s*|\s+){_DATE})?(?:\s*{_AGENCY})?){_DASH}"
    rf"|(?P<label2>(?P<place2>{_ANY_PLACE}){_REGION}(?:,\s*{_DATE})?\s*{_AGENCY}){_DASH}"
    rf"|(?P<label3>(?P<place3>{_ANY_PLACE}){_REGION},\s*{_DATE}){_DASH}"
)
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|van|von|der|da|al|bin|le|la)){1,3}"
#: ``By Jane Smith``, ``By Jane Smith and John Doe``, ``BY JANE SMITH, BBC News``.
BYLINE = re.compile(
    rf"(?:By|BY|by)\s+(?P<byline>{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"
    rf"(?:\s*(?:,|\||/|-|–|—)\s*[A-Z][^.!?]{{0,60}})?)\s*"
)
#: ``Source: Kazpravda.kz``, ``(Source: Reuters)``, ``Via: AP``, ``Courtesy of ...``.
SOURCE_CREDIT = re.compile(
    r"\(?\s*(?:Source|Sources|Via|Courtesy(?:\s+of)?|Credit|Quelle|Fuente)\s*[:：]\s*(?P<credit>\S.{0,200}?)\s*\)?\s*",
    re.IGNORECASE,
)
#: Copyright and reproduction notices (searched within a short paragraph at the edges of the body).
RIGHTS = re.compile(
    r"all rights reserved"
    r"|may not be (?:re)?(?:produced|published|distributed|written|broadcast|transmitted)"
    r"|(?:reproduction|redistribution|republication)\b[^.]{0,80}?\b(?:prohibited|forbidden|not permitted)"
    r"|without (?:the )?(?:prior )?(?:express )?written (?:permission|consent)",
    re.IGNORECASE,
)
#: ``Copyright 2021 Reuters``, ``© Kazakhstan Today``, ``(c) 2021 ...`` at the start of a paragraph or sentence.
_COPYRIGHT = r"(?:Copyright|COPYRIGHT|©|\([cC]\))\s*(?:©\s*)?(?:\d{4}|[A-Z])"
COPYRIGHT = re.compile(_COPYRIGHT)  # used with .match: at the start of the paragraph
COPYRIGHT_AFTER_SENTENCE = re.compile(rf"(?<=[.!?])\s+{_COPYRIGHT}")
#: ``Reporting by ...; Editing by ...`` and friends (often in parentheses).
REPORTING = re.compile(
    r"\(?\s*(?:(?:Additional\s+)?Reporting|Writing|Editing|Edited|Written|Compiled|Translated|Produced)\s+by\b",
    re.IGNORECASE,
)
#: An agency sign-off alone at the end: ``Reuter``, ``REUTER``, ``reuter``, ``(Reuters)``, ``-- AP``.
SIGN_OFF = re.compile(r"[-–—\s]*\(?\s*(?P<agency>[Rr]euters?|REUTERS?|AP|AFP|dpa|Xinhua|UPI|PA)\s*\)?\s*")


# --------------------------------------------------------------------------- lines
class Line(NamedTuple):
    """A non-blank line: trimmed offsets, its indentation and whether a blank line precedes it."""

    start: int
    end: int
    indent: int
    after_blank: bool


# One match per non-blank line: leading white space (group 1), then the trimmed line (group 2).
# Greedy to the end of the line, then back to its last non-space: linear in the line's length.
_LINE = re.compile(r"^([^\S\n]*)(\S(?:[^\n]*\S)?)", re.MULTILINE)


def scan_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text``, trimmed, without copying the text (linear time, in C mostly)."""
    lines: list[Line] = []
    previous_end = -1
    count = text.count
    for m in _LINE.finditer(text):
        start, end = m.span(2)
        # A blank line in between means at least two newlines since the previous line's end.
        after_blank = previous_end >= 0 and count("\n", previous_end, start) > 1
        lines.append(Line(start, end, start - m.start(1), after_blank))
        previous_end = end
    return lines


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    return [(line.start, line.end) for line in scan_lines(text)]


#: A list item: ``- point``, ``* point``, ``• point``, ``1. point``, ``2) point``.
BULLET = re.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)])\s")
#: Hard-wrapped text keeps nearly all lines at most this long (agency copy wraps at 60-80 columns).
MAX_WRAP_WIDTH = 120


def detect_convention(text: str, lines: list[Line]) -> str:
    """``wrapped`` for hard-wrapped text, else ``blank_lines`` (blank lines occur) or ``lines``.

    Hard-wrapped means: 90 % of the lines are at most :data:`MAX_WRAP_WIDTH` characters, and either
    at least three lines continue into the next line of the same block and most of them stop
    mid-sentence (no closing punctuation, and the next line is not a list item), or (a short wire
    story) an indented line is followed by a less indented one and some line stops mid-sentence.
    One-paragraph-per-line text (the seed, PolNeAR, BBC) fails these tests: its lines end
    sentences, are not indented, and run long.
    """
    continued = 0
    open_ends = 0
    first_line_indents = 0
    for prev, line in pairwise(lines):
        if line.after_blank:
            continue
        continued += 1
        if line.indent < prev.indent:
            first_line_indents += 1  # an indented paragraph start followed by its continuation
        if text[prev.end - 1] not in _SENTENCE_END and not BULLET.match(text, line.start, line.end):
            open_ends += 1
    # A short wire story has too few lines for the ratio, but its indented first line gives it away.
    if (continued >= 3 and open_ends >= 0.5 * continued) or (first_line_indents and open_ends):
        lengths = sorted(line.end - line.start for line in lines)
        if lengths[int(0.9 * (len(lengths) - 1))] <= MAX_WRAP_WIDTH:
            return "wrapped"
    if any(line.after_blank for line in lines[1:]):
        return "blank_lines"
    return "lines"


def _is_standalone(text: str, line: Line) -> bool:
    """A short line that is a paragraph on its own even inside wrapped text (sign-off, credit, footer)."""
    if line.end - line.start > MAX_BOILERPLATE_CHARS:
        return False
    return bool(
        SIGN_OFF.fullmatch(text, line.start, line.end)
        or SOURCE_CREDIT.fullmatch(text, line.start, line.end)
        or REPORTING.match(text, line.start, line.end)
        or COPYRIGHT.match(text, line.start, line.end)
        or BYLINE.fullmatch(text, line.start, line.end)
    )


def group_paragraphs(text: str, lines: list[Line], convention: str) -> list[tuple[int, int]]:
    """Paragraph spans from lines under ``convention`` (``lines``, ``blank_lines`` or ``wrapped``)."""
    if convention != "wrapped":
        return [(line.start, line.end) for line in lines]
    paragraphs: list[tuple[int, int]] = []
    # Indentation that starts a paragraph is relative to the least indented line of the text
    # (continuation lines of wire copy start in column 0; a table of indented lines is all starts).
    base = min((line.indent for line in lines), default=0)
    block_start = 0
    while block_start < len(lines):
        block_end = block_start + 1
        while block_end < len(lines) and not lines[block_end].after_blank:
            block_end += 1
        block = lines[block_start:block_end]
        start, end = block[0].start, block[0].end
        alone = _is_standalone(text, block[0])
        for line in block[1:]:
            standalone = _is_standalone(text, line)
            if line.indent > base or standalone or alone or BULLET.match(text, line.start, line.end):
                paragraphs.append((start, end))
                start = line.start
            end = line.end
            alone = standalone
        paragraphs.append((start, end))
        block_start = block_end
    return paragraphs


# --------------------------------------------------------------------------- roles
@attrs.define
class _Analysis:
    paragraphs: list[Paragraph]
    metadata: dict[str, Any]
    title: str | None


def _boilerplate_kind(text: str, start: int, end: int, last: bool) -> tuple[str, str] | None:
    """(metadata key, value) when the paragraph text[start:end] is boilerplate, else None."""
    if end - start > MAX_BOILERPLATE_CHARS:
        return None
    para = text[start:end]
    m = SOURCE_CREDIT.fullmatch(para)
    if m:
        return "source_credit", m.group("credit")
    if REPORTING.match(para):
        return "reporting_credit", para.strip("() ")
    if RIGHTS.search(para) or COPYRIGHT.match(para) or COPYRIGHT_AFTER_SENTENCE.search(para):
        return "rights", para
    if last:
        m = SIGN_OFF.fullmatch(para)
        if m:
            return "source_credit", m.group("agency")
    return None


def _add(metadata: dict[str, Any], key: str, value: str, sep: str) -> None:
    metadata[key] = f"{metadata[key]}{sep}{value}" if key in metadata else value


def assign_roles(text: str, spans: list[tuple[int, int]], *, has_title: bool,
                 detect_boilerplate: bool = True, base_roles: list[str] | None = None) -> _Analysis:
    """Give each paragraph span a role and collect what bylines, datelines and boilerplate say.

    ``base_roles``: roles already known (from HTML markup, say); only ``body`` paragraphs are
    examined, and the scan of the leading and trailing runs stops at any other role.
    """
    metadata: dict[str, Any] = {}
    roles: list[str] = list(base_roles) if base_roles is not None else ["body"] * len(spans)
    title = None
    first_body = 0
    if has_title and spans:
        roles[0] = "title"
        title = text[spans[0][0]:spans[0][1]]
        first_body = 1
    n = len(spans)
    if detect_boilerplate and n > first_body:
        # Trailing run: from the end, while paragraphs are boilerplate (or a closing byline).
        i = n - 1
        while i > first_body and i >= n - EDGE_PARAGRAPHS:
            start, end = spans[i]
            if roles[i] != "body":
                break
            kind = _boilerplate_kind(text, start, end, last=(i == n - 1))
            if kind:
                roles[i] = "boilerplate"
                _add(metadata, kind[0], kind[1], "\n" if kind[0] == "rights" else "; ")
            elif end - start <= MAX_BOILERPLATE_CHARS and (m := BYLINE.fullmatch(text, start, end)):
                roles[i] = "byline"
                metadata.setdefault("byline", m.group("byline"))
            else:
                break
            i -= 1
        last_candidate = i
        # Leading run: bylines, boilerplate and a dateline-only line before the first body paragraph.
        i = first_body
        while i <= last_candidate and i < first_body + EDGE_PARAGRAPHS:
            start, end = spans[i]
            if roles[i] != "body":
                break
            short = end - start <= MAX_BOILERPLATE_CHARS
            kind = _boilerplate_kind(text, start, end, last=False) if short else None
            if kind:
                roles[i] = "boilerplate"
                _add(metadata, kind[0], kind[1], "\n" if kind[0] == "rights" else "; ")
            elif short and (m := BYLINE.fullmatch(text, start, end)):
                roles[i] = "byline"
                _add(metadata, "byline", m.group("byline"), "; ")
            else:
                break
            i += 1
    paragraphs: list[Paragraph] = []
    dateline_done = not detect_boilerplate
    for (start, end), role in zip(spans, roles):
        if role == "body" and not dateline_done:
            dateline_done = True
            m = DATELINE.match(text, start, min(end, start + 200))
            if m:
                label = m.group("label") or m.group("label2") or m.group("label3")
                place = m.group("place") or m.group("place2") or m.group("place3")
                cut = m.end()
                while cut > start and text[cut - 1].isspace():
                    cut -= 1
                metadata["dateline"] = label
                metadata["dateline_place"] = place
                paragraphs.append(Paragraph(start, cut, "dateline"))
                if m.end() < end:
                    paragraphs.append(Paragraph(m.end(), end, "body"))
                continue
        paragraphs.append(Paragraph(start, end, role))
    return _Analysis(paragraphs, metadata, title)


def analyse_text(text: str, *, title_line: bool = True, convention: str = "auto",
                 detect_boilerplate: bool = True) -> tuple[str | None, list[Paragraph], dict[str, Any]]:
    """Title, role-tagged paragraphs and extracted metadata of a news text (shared with the JSON reader).

    :param title_line: the first non-blank line is the title (only when there is more than one line).
    :param convention: ``auto`` (detect), ``lines``, ``blank_lines`` or ``wrapped``.
    :param detect_boilerplate: find bylines, datelines and boilerplate; off: every paragraph is ``body``.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"paragraphs must be one of {', '.join(CONVENTIONS)}, got {convention!r}")
    lines = scan_lines(text)
    has_title = title_line and len(lines) > 1
    body_lines = lines[1:] if has_title else lines
    if convention == "auto":
        convention = detect_convention(text, body_lines)
    spans = group_paragraphs(text, body_lines, convention)
    if has_title:
        spans.insert(0, (lines[0].start, lines[0].end))
    analysis = assign_roles(text, spans, has_title=has_title, detect_boilerplate=detect_boilerplate)
    analysis.metadata["paragraph_convention"] = convention
    return analysis.title, analysis.paragraphs, analysis.metadata


# --------------------------------------------------------------------------- reader
@attrs.frozen
class TextReader:
    """Reads one news article from plain text.

    :param title_line: treat the first non-blank line as the title.
    :param paragraphs: paragraph convention: ``auto`` (detected per file), ``lines``, ``blank_lines``
        or ``wrapped``.
    :param detect_boilerplate: mark bylines, datelines and boilerplate (source credits, rights
        notices, reporting footers, agency sign-offs) with their roles and copy what they say into
        the metadata. Nothing is ever deleted.
    :param encoding: an encoding to try before UTF-8 (the fallback chain still applies).
    """

    title_line: bool = True
    paragraphs: str = attrs.field(default="auto", validator=attrs.validators.in_(CONVENTIONS))
    detect_boilerplate: bool = True
    encoding: str | None = None

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = item.read_bytes()
        decoded = decode_bytes(raw, item.uri, declared=self.encoding)
        text = decoded.text
        digest = sha256_hex(raw)
        del raw  # a big input should not be held twice while it is analysed
        title, paragraphs, found = analyse_text(
            text, title_line=self.title_line, convention=self.paragraphs, detect_boilerplate=self.detect_boilerplate
        )
        yield Document(
            id=make_document_id(item.uri, digest),
            source=Source(uri=item.uri, format="text", sha256=digest),
            text=text,
            title=title,
            metadata={**decoded.metadata(), **found},
            paragraphs=paragraphs,
        )


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("text", TextReader, suffixes=(".txt", ".text"), description="plain-text news articles"))
