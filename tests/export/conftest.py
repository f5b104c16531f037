"""Shared test documents for the exporter tests.

The documents are built by hand with the model classes (the quote and dedup stages are
separate plugins), so every exporter is tested against quotes, speakers, a nested quote,
a quote spanning two paragraphs, duplicates, boilerplate and an error record.
All text here was written for these tests.
"""

from __future__ import annotations

import pytest

from docpipe.model import Document, Mention, Paragraph, Quote, Source, Speaker, error_document, make_document_id

BRIEFING = (
    "Minister <script>alert('t')</script> says talks go on\n"
    "ASTANA, 3 March (Example Wire)\n"
    "\u201cWe will keep the embassy open,\u201d said Foreign Minister Anna Berg. \u201cOur partners told us "
    "\u2018the door is open\u2019 and we believe them.\n"
    "Nothing has changed since Monday,\u201d she added.\n"
    "Berg said the talks would continue next week.\n"
    "A spokesman, Tom Ray, said: \u201cNo <script>alert(1)</script> decision yet & nothing final.\u201d\n"
    "\u201cWe will keep the embassy open,\u201d said Foreign Minister Anna Berg.\n"
    "Subscribe to our newsletter for more news.\n"
)


def _span(text: str, needle: str, start_at: int = 0) -> tuple[int, int]:
    start = text.index(needle, start_at)
    return start, start + len(needle)


def _mention(text: str, needle: str, start_at: int = 0) -> Mention:
    start, end = _span(text, needle, start_at)
    return Mention(needle, start, end)


def build_briefing(uri: str = "briefing.txt") -> Document:
    """A document with every kind of annotation an exporter has to handle."""
    text = BRIEFING
    lines = []
    pos = 0
    for line in text.split("\n"):
        if line:
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    roles = ["title", "dateline", "body", "body", "body", "body", "body", "boilerplate"]
    paragraphs = [Paragraph(s, e, r) for (s, e), r in zip(lines, roles, strict=True)]
    paragraphs[6] = Paragraph(*lines[6], "body", duplicate_of=2)

    q1 = _span(text, "We will keep the embassy open,")
    q2_start = text.index("Our partners")
    q2_end = text.index("Nothing has changed since Monday,") + len("Nothing has changed since Monday,")
    q3 = _span(text, "the door is open")
    q4 = _span(text, "the talks would continue next week")
    q5 = _span(text, "No <script>alert(1)</script> decision yet & nothing final.")
    second_copy = lines[6][0]
    q6 = _span(text, "We will keep the embassy open,", second_copy)
    berg = _mention(text, "Foreign Minister Anna Berg")
    said = _mention(text, "said")
    quotes = [
        Quote("q1", *q1, "direct", "Anna Berg", berg, said, confidence=0.95),
        Quote("q2", q2_start, q2_end, "direct", "Anna Berg", _mention(text, "she"), _mention(text, "added"),
              confidence=0.9),
        Quote("q3", *q3, "direct", None, None, _mention(text, "told"), nested_in="q2", confidence=0.6),
        Quote("q4", *q4, "indirect", "Anna Berg", _mention(text, "Berg said".split()[0], q4[0] - 12),
              _mention(text, "said", q4[0] - 6), confidence=0.8),
        Quote("q5", *q5, "direct", "Tom Ray", _mention(text, "Tom Ray"), _mention(text, "said", q5[0] - 8)),
        Quote("q6", *q6, "direct", "Anna Berg", _mention(text, "Foreign Minister Anna Berg", second_copy),
              _mention(text, "said", second_copy), duplicate_of="q1", confidence=0.95),
    ]
    speakers = [
        Speaker("Anna Berg", ("Foreign Minister",), (berg, _mention(text, "Berg", q4[0] - 12))),
        Speaker("Tom Ray", ("spokesman",), (_mention(text, "Tom Ray"),)),
    ]
    return Document(
        id=make_document_id(uri, "briefing"),
        source=Source(uri=uri, format="text", sha256="0" * 64),
        text=text,
        title=text[: lines[0][1]],
        metadata={"encoding": "utf-8", "tags": ["politics", "test"]},
        paragraphs=paragraphs,
        quotes=quotes,
        speakers=speakers,
    )


def build_corpus() -> list[Document]:
    """The briefing, a near-duplicate of it, a document without quotes, and a failed input."""
    first = build_briefing("briefing.txt")
    copy = build_briefing("briefing-copy.txt").evolve(duplicate_of=first.id)
    plain_text = "Weather report\nRain is expected in the north.\n"
    plain = Document(
        id=make_document_id("weather.txt", "w"),
        source=Source(uri="weather.txt", format="text"),
        text=plain_text,
        title="Weather report",
        paragraphs=[Paragraph(0, 14, "title"), Paragraph(15, len(plain_text) - 1, "body")],
    )
    failed = error_document("broken.bin", "ingest", UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
                            format="text")
    return [first, copy, plain, failed]


@pytest.fixture
def briefing() -> Document:
    return build_briefing()


@pytest.fixture
def corpus() -> list[Document]:
    return build_corpus()
